#!/usr/bin/env bash
# Fault tests under load: signed Elastic alerts offered at a steady rate (bench/faults.lua, which writes down every
# answer), one fault in the middle of the load, then a wait for every stage to drain, and the reckoning: what was
# sent, acknowledged (202 or 200, the inbound id the answer named), stored, and what arrived at the webhook receiver
# (bench/receiver.js). Run from anywhere: bash bench/faults.sh pg-kill|destination-down|gateway-kill|all
#
# pg-kill          Two runs. external: the gateway on a PostgreSQL cluster of its own (initdb into the run's temp dir,
#                  pg_ctl on FAULT_PG_PORT); its postmaster is killed with SIGKILL after FAULT_BEFORE_SECONDS of load
#                  and started again FAULT_PG_DOWN_SECONDS later. embedded: the gateway's embedded server, whose
#                  postmaster is killed with SIGKILL and started again by the gateway's own watchdog. The load goes on
#                  throughout; the 503s of the outage are not acknowledged. Reports the time from the restart (the
#                  kill, for embedded) to the first 2xx.
# destination-down The receiver is stopped for FAULT_DOWN_SECONDS while the load goes on (connections refused), then
#                  started again on the same port. The breaker's state on /metrics is sampled every second: it must
#                  have opened while the receiver was down; the backlog must drain once it is back.
# gateway-kill     Three gateways on one external PostgreSQL, one wrk per gateway (FAULT_RATE split in three); the
#                  second gateway is killed with SIGKILL after FAULT_BEFORE_SECONDS and its wrk keeps offering load to
#                  the dead port (refused connections are not acknowledged). The deliveries it had leased must be
#                  taken over by the two others when their leases end: the receiver answers each delivery
#                  FAULT_SLOW_RECEIVER_MS after it arrived, so that calls are in flight at the kill; the leases still
#                  held 5 s after the kill (the survivors' calls take well under that) are the dead one's, and each
#                  must arrive. The events it had acknowledged but not normalized must be taken by the others'
#                  sweepers.
#
# "Sent" counts the requests wrk began, answered or not: a request to a dead port counts each refused connection
# attempt, the requests still in flight when wrk stops have no answer, and those whose commit went through before
# the end are stored and delivered without having been acknowledged.
#
# Every run checks, and the exit status is 1 unless each holds: every acknowledged event has its row and its alert
# arrived (lost 0), every stored event's alert arrived, whether acknowledged or not (a 503 whose commit had gone
# through is stored and delivered: reported as "arrived, not acknowledged"), and no alert arrived under two
# webhook-ids (duplicates 0), no delivery is dead. The same webhook-id arriving twice is a redelivery of one delivery
# after a crash or an outage cut its recording short: at least once, the case the receiver de-duplicates by
# webhook-id (Standard Webhooks). It is reported, and fails the run only with FAULT_STRICT=1.
#
# Knobs: FAULT_RATE=400 (alerts/s offered in all), FAULT_BEFORE_SECONDS=10 (load before the fault),
#        FAULT_AFTER_SECONDS=20 (load after the fault is over), FAULT_PG_DOWN_SECONDS=10, FAULT_DOWN_SECONDS=60
#        (the destination's outage; 180 for a run by hand), FAULT_BREAKER_OPEN_SECONDS=10,
#        FAULT_PG=both|external|embedded, FAULT_STRICT=0, FAULT_SLOW_RECEIVER_MS=500 (gateway-kill's),
#        FAULT_DRAIN_LIMIT_SECONDS=300, FAULT_PG_PORT=19432, FAULT_RECEIVER_PORT=19299, BENCH_HTTP_PORT=19280 and
#        BENCH_ADMIN_PORT=19290 (gateway-kill's others on the next two ports), BENCH_CONNECTIONS=64,
#        BENCH_THREADS=2, BENCH_JAR, BENCH_SKIP_BUILD=1, BENCH_KEEP_TMP=1, BENCH_JAVA_OPTS=..., BENCH_READY_TIMEOUT=120.
# PostgreSQL's initdb and pg_ctl must be on the PATH (Debian: /usr/lib/postgresql/15/bin); as root, the cluster is
# run as the user postgres.
set -euo pipefail

NEED_NODE=1
BENCH_HTTP_PORT=${BENCH_HTTP_PORT:-19280}
BENCH_ADMIN_PORT=${BENCH_ADMIN_PORT:-19290}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
umask 077

RATE=${FAULT_RATE:-400}
BEFORE_SECONDS=${FAULT_BEFORE_SECONDS:-10}
AFTER_SECONDS=${FAULT_AFTER_SECONDS:-20}
PG_DOWN_SECONDS=${FAULT_PG_DOWN_SECONDS:-10}
DOWN_SECONDS=${FAULT_DOWN_SECONDS:-60}
BREAKER_OPEN_SECONDS=${FAULT_BREAKER_OPEN_SECONDS:-10}
DRAIN_LIMIT_SECONDS=${FAULT_DRAIN_LIMIT_SECONDS:-300}
PG_PORT=${FAULT_PG_PORT:-19432}
RECEIVER_PORT=${FAULT_RECEIVER_PORT:-19299}
PG_MODE=${FAULT_PG:-both}
STRICT=${FAULT_STRICT:-0}
SLOW_RECEIVER_MS=${FAULT_SLOW_RECEIVER_MS:-500}
for v in RATE BEFORE_SECONDS AFTER_SECONDS PG_DOWN_SECONDS DOWN_SECONDS BREAKER_OPEN_SECONDS DRAIN_LIMIT_SECONDS \
  PG_PORT RECEIVER_PORT; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
done
[[ $SLOW_RECEIVER_MS =~ ^[0-9]+$ ]] || die "SLOW_RECEIVER_MS must be a whole number (got '$SLOW_RECEIVER_MS')"
[[ $PG_MODE =~ ^(both|external|embedded)$ ]] || die "FAULT_PG must be both, external or embedded (got '$PG_MODE')"
[[ -s $BODY ]] || die "$BODY is missing or empty"

SCENARIO=${1:-all}
case $SCENARIO in
  pg-kill | destination-down | gateway-kill | all) ;;
  *) die "usage: bash bench/faults.sh pg-kill|destination-down|gateway-kill|all (got '$SCENARIO')" ;;
esac
if [[ $SCENARIO == all || $SCENARIO == gateway-kill || ($SCENARIO == pg-kill && $PG_MODE != embedded) ]]; then
  if ! command -v initdb >/dev/null || ! command -v pg_ctl >/dev/null; then
    die "initdb and pg_ctl must be on the PATH (Debian: PATH=/usr/lib/postgresql/15/bin:\$PATH)"
  fi
fi

HTTP_PORTS=("$HTTP_PORT" $((HTTP_PORT + 1)) $((HTTP_PORT + 2)))
ADMIN_PORTS=("$ADMIN_PORT" $((ADMIN_PORT + 1)) $((ADMIN_PORT + 2)))
for p in "${HTTP_PORTS[@]}" "${ADMIN_PORTS[@]}" "$RECEIVER_PORT" "$PG_PORT"; do
  if port_busy "$p"; then die "port $p on 127.0.0.1 is already in use"; fi
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/alertgate-faults.XXXXXX")
# The cluster's directory belongs to the user postgres when we are root: it must be able to reach it.
chmod 711 "$TMP"
SECRET=$(openssl rand -hex 32)
printf '%s' "$SECRET" >"$TMP/elastic-secret"
ADMIN_TOKEN=$(openssl rand -hex 24)
MASTER_KEY=$(openssl rand -base64 32)
cat >"$TMP/alertgate.yaml" <<YAML
relay:
  allow_cidrs: [127.0.0.0/8]
  breaker_open_seconds: $BREAKER_OPEN_SECONDS
destinations:
  bench:
    type: webhook
    url: http://127.0.0.1:$RECEIVER_PORT/hook
    timeout: 5
    secret: whsec_$(openssl rand -base64 32)
YAML

# ------------------------------------------------------------ processes ---
PG_DIR=""          # the external cluster's directory, while one runs
DB_URL=""          # the gateways' ALERTGATE_DB_URL; empty: the embedded server of $DATA
GW_PIDS=()         # every gateway of a run (lib.sh's GW_PID is the last one started)
LOAD_PIDS=()       # the wrk processes of a run
SAMPLER_PID=""     # destination-down's breaker sampler
RECEIVED_FILES=()  # the receiver's files, one per start

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_stop() {
  [[ -n $PG_DIR && -f $PG_DIR/data/postmaster.pid ]] || return 0
  as_pg pg_ctl -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
}

# shellcheck disable=SC2317  # run by the EXIT trap
faults_cleanup() {
  local rc=$? pid
  set +e  # lib.sh's cleanup reads the status from $?: the (exit) below must not end this trap
  for pid in "${LOAD_PIDS[@]}"; do stop_proc "$pid" wrk; done
  stop_proc "$SAMPLER_PID" sampler
  for pid in "${GW_PIDS[@]}"; do stop_proc "$pid" gateway; done
  pg_stop
  (exit "$rc")
  cleanup
}
trap faults_cleanup EXIT

# A new cluster in $TMP/NAME, started on PG_PORT; sets PG_DIR and DB_URL.
pg_init() {
  PG_DIR=$TMP/$1
  mkdir "$PG_DIR"
  local password
  password=$(openssl rand -hex 16)
  printf '%s\n' "$password" >"$PG_DIR/password"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres "$PG_DIR"; fi
  as_pg initdb -D "$PG_DIR/data" -U postgres -A scram-sha-256 --pwfile="$PG_DIR/password" >"$TMP/$1-initdb.log" 2>&1 \
    || { cat "$TMP/$1-initdb.log" >&2; die "initdb failed"; }
  rm -f "$PG_DIR/password"
  cat >>"$PG_DIR/data/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
CONF
  DB_URL=postgresql://postgres:$password@127.0.0.1:$PG_PORT/postgres
  pg_start
}

# Starts the cluster of PG_DIR, again after a kill: a few tries, while the killed server's backends notice that
# their postmaster is gone and leave its shared memory.
pg_start() {
  local try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    if as_pg pg_ctl -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 start >/dev/null 2>&1; then return 0; fi
    log "pg_ctl start failed (try $try); retrying in 1 s"
    sleep 1
  done
  tail -n 20 "$PG_DIR/log" >&2 || true
  die "PostgreSQL did not start again"
}

# One statement on the run's database, answer unaligned.
db() {
  if [[ -n $DB_URL ]]; then psql "$DB_URL" -v ON_ERROR_STOP=1 -Atc "$1"; else sql "$1"; fi
}

postmaster_pid() {
  if [[ -n $DB_URL ]]; then sed -n 1p "$PG_DIR/data/postmaster.pid"; else sed -n 1p "$DATA/postgres/postmaster.pid"; fi
}

# start_receiver [DELAY_MS]: the receiver, writing to a file of its own each start.
start_receiver() {
  local file=$TMP/received-${#RECEIVED_FILES[@]}.txt
  RECEIVED_FILES+=("$file")
  node "$BENCH/receiver.js" "$RECEIVER_PORT" "$file" "${1:-0}" >>"$TMP/receiver.log" 2>&1 &
  RECEIVER_PID=$!
  wait_ready "http://127.0.0.1:$RECEIVER_PORT/flush" "$RECEIVER_PID" receiver "$TMP/receiver.log"
}

# start_gateways N: N gateways on the run's database (DB_URL, or each its embedded one), each with a data dir of
# its own and the ports HTTP_PORTS[i], ADMIN_PORTS[i].
start_gateways() {
  local i db_env=()
  [[ -z $DB_URL ]] || db_env=(ALERTGATE_DB_URL="$DB_URL")
  for ((i = 0; i < $1; i++)); do
    HTTP_PORT=${HTTP_PORTS[$i]} ADMIN_PORT=${ADMIN_PORTS[$i]} DATA=$TMP/gateway-$i
    start_gateway "gateway-$i" ALERTGATE_CONFIG="$TMP/alertgate.yaml" ALERTGATE_ADMIN_TOKEN="$ADMIN_TOKEN" \
      ALERTGATE_MASTER_KEY="$MASTER_KEY" "${db_env[@]}"
    GW_PIDS+=("$GW_PID")
  done
  HTTP_PORT=${HTTP_PORTS[0]} ADMIN_PORT=${ADMIN_PORTS[0]} DATA=$TMP/gateway-0
}

# One alert by hand, which must arrive: a refused signature or a destination the gateway will not call shows up
# here with the gateway's own words. Sets PROBE_ID, the inbound id it was given, left out of the reckoning.
probe() {
  local body signature code
  body=$(sed 's/"kibana\.alert\.uuid":"[^"]*"/"kibana.alert.uuid":"'"$RUN_ID"'-probe"/' "$BODY")
  signature=sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
  code=$(printf '%s' "$body" | curl -s -o "$TMP/probe.out" -w '%{http_code}' --max-time 10 \
    -H 'Content-Type: application/json' -H "X-Elastic-Signature: $signature" --data-binary @- \
    "http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/elastic" || true)
  [[ $code == 202 ]] || die "probe POST got HTTP $code (expected 202): $(head -c 300 "$TMP/probe.out")"
  PROBE_ID=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$TMP/probe.out")
  local deadline=$((SECONDS + 30))
  until (($(received_count) >= 1)); do
    ((SECONDS < deadline)) || die "the probe alert was accepted but not delivered within 30 s"
    sleep 0.2
  done
}

received_count() { curl -s --max-time 5 "http://127.0.0.1:$RECEIVER_PORT/flush" || echo 0; }

now_ms() { date +%s%3N; }

# start_load NAME PORT RATE SECONDS: wrk in the background, paced to RATE alerts/s, its answers in
# $TMP/answers-NAME-<thread>.
start_load() {
  local name=$1 port=$2 rate=$3 secs=$4 wait_ms
  wait_ms=$(awk -v c="$CONNECTIONS" -v r="$rate" 'BEGIN { printf "%.3f", c * 1000 / r }')
  log "$name: ${rate}/s offered to port $port for ${secs}s ($CONNECTIONS connections)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s -s "$BENCH/faults.lua" \
    "http://127.0.0.1:$port/api/v1/webhooks/elastic" -- "fault-$RUN_ID-$name" "$RUN_ID$(printf '%02x' \
    "${#LOAD_PIDS[@]}")" "$BODY" "$TMP/elastic-secret" "$wait_ms" "$TMP/answers-$name-" >"$TMP/load-$name.out" 2>&1 &
  LOAD_PIDS+=($!)
}

# Waits for every wrk of the run; each must have printed its figures.
finish_load() {
  local pid rc=0
  for pid in "${LOAD_PIDS[@]}"; do wait "$pid" || rc=$?; done
  LOAD_PIDS=()
  ((rc == 0)) || die "wrk failed (exit $rc); see $TMP/load-*.out"
}

IDLE="SELECT NOT (EXISTS (SELECT 1 FROM inbound_state WHERE status = 'received')
  OR EXISTS (SELECT 1 FROM alert_route WHERE routed_at IS NULL)
  OR EXISTS (SELECT 1 FROM delivery WHERE status IN ('pending', 'retrying')))"

# Until no stage has work left; sets DRAIN_S, the seconds it took, or fails after the limit.
wait_drained() {
  local start=$SECONDS
  log "waiting for the stages to drain (up to ${DRAIN_LIMIT_SECONDS}s)"
  until [[ $(db "$IDLE" 2>/dev/null || true) == t ]]; do
    ((SECONDS - start < DRAIN_LIMIT_SECONDS)) || die "the backlog had not drained ${DRAIN_LIMIT_SECONDS}s after the load"
    sleep 0.5
  done
  DRAIN_S=$((SECONDS - start))
}

# The outage as the answers of NAME (all when omitted) saw it, from FROM_MS (the fault) and UP_MS (its end), in ms:
# "first-non-2xx last-non-2xx first-2xx-after-both non-2xx-answers 2xx-answers" (-1 for none).
answer_times() {
  local from=$1 up=$2 name=${3:-}
  sort -n "$TMP"/answers-"$name"*-[0-9]* | awk -v from="$from" -v up="$up" '
    $2 >= 200 && $2 < 300 {
      ok++
      if (bad1 != "" && $1 >= up && again == "") again = $1
      next
    }
    { bad++; if ($1 >= from && bad1 == "") bad1 = $1; if ($1 >= from) badn = $1 }
    END { print (bad1 == "" ? -1 : bad1), (badn == "" ? -1 : badn), (again == "" ? -1 : again), bad + 0, ok + 0 }'
}

# wrk's own figures for NAME: "sent ok socket_errors".
load_figures() {
  local out=$TMP/load-$1.out
  echo "$(result_field "$out" sent) $(result_field "$out" ok) $(result_field "$out" socket_errors)"
}

FAILED=0

# The reckoning of a run, printed and checked. The answers and the receiver's lines go into the database first.
reckon() {
  local title=$1 answers=$TMP/answers-all.txt received=$TMP/received-all.txt f name
  received_count >/dev/null
  : >"$answers"
  for f in "$TMP"/answers-*-[0-9]*; do
    name=${f##*/answers-}
    awk -v load="${name%-*}" '{ print $1, $2, $3, load }' "$f" >>"$answers"
  done
  cat "${RECEIVED_FILES[@]}" >"$received"
  db "CREATE TABLE fault_answer (ms bigint, status int, id uuid, load text)" >/dev/null
  db "CREATE TABLE fault_received (webhook_id text, alert_id uuid, arrived_ms bigint)" >/dev/null
  db "\\copy fault_answer FROM '$answers' WITH (FORMAT csv, DELIMITER ' ', NULL '-')" >/dev/null
  db "\\copy fault_received FROM '$received' WITH (FORMAT csv, DELIMITER ' ', NULL '-')" >/dev/null
  local figures
  figures=$(db "WITH ack AS MATERIALIZED (SELECT DISTINCT id FROM fault_answer WHERE status BETWEEN 200 AND 299
                 AND id IS NOT NULL),
       ev AS MATERIALIZED (SELECT id FROM inbound_event WHERE id <> '$PROBE_ID'),
       al AS MATERIALIZED (SELECT a.id, a.inbound_id FROM alert a JOIN ev ON ev.id = a.inbound_id),
       rx AS MATERIALIZED (SELECT r.webhook_id, r.alert_id, al.inbound_id FROM fault_received r JOIN al
                 ON al.id = r.alert_id),
       arrived AS MATERIALIZED (SELECT DISTINCT inbound_id FROM rx)
     SELECT (SELECT count(*) FROM ack),
            (SELECT count(*) FROM ack WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.id = ack.id)),
            (SELECT count(*) FROM ev),
            (SELECT count(*) FROM rx), (SELECT count(DISTINCT webhook_id) FROM rx),
            (SELECT count(*) FROM arrived),
            (SELECT count(*) FROM ack WHERE NOT EXISTS (SELECT 1 FROM arrived WHERE arrived.inbound_id = ack.id)),
            (SELECT count(*) FROM ev WHERE NOT EXISTS (SELECT 1 FROM arrived WHERE arrived.inbound_id = ev.id)),
            (SELECT count(*) FROM arrived WHERE NOT EXISTS (SELECT 1 FROM ack WHERE ack.id = arrived.inbound_id)),
            (SELECT count(*) FROM (SELECT alert_id FROM rx GROUP BY alert_id
                                   HAVING count(DISTINCT webhook_id) > 1) twice),
            (SELECT count(*) FROM (SELECT inbound_id FROM al GROUP BY inbound_id HAVING count(*) > 1) several),
            (SELECT count(*) FROM (SELECT webhook_id FROM rx GROUP BY webhook_id HAVING count(*) > 1) again),
            (SELECT count(*) FROM fault_received r WHERE NOT EXISTS (SELECT 1 FROM alert a WHERE a.id = r.alert_id)),
            (SELECT count(*) FROM delivery WHERE status = 'dead'),
            (SELECT count(*) FROM delivery WHERE attempts > 1), (SELECT coalesce(max(attempts), 0) FROM delivery)")
  local acked ack_no_row stored received distinct arrived lost stored_lost unacked twice several again unknown \
    dead retried max_attempts
  IFS='|' read -r acked ack_no_row stored received distinct arrived lost stored_lost unacked twice several again \
    unknown dead retried max_attempts <<<"$figures"
  local sent=0 socket_errors=0 s o e
  for f in "$TMP"/load-*.out; do
    name=${f##*/load-}
    read -r s o e <<<"$(load_figures "${name%.out}")"
    sent=$((sent + s)) socket_errors=$((socket_errors + e))
  done
  local verdict=OK
  if ((acked == 0 || ack_no_row > 0 || lost > 0 || stored_lost > 0 || twice > 0 || several > 0 || dead > 0)); then
    verdict=FAILED
  fi
  if [[ $STRICT == 1 ]] && ((again > 0)); then verdict=FAILED; fi
  [[ $verdict == OK ]] || FAILED=1
  echo "$title: sent ${sent} (${socket_errors} without an answer: refused, reset, timed out), acknowledged ${acked}" \
    "(${ack_no_row} without their row), stored ${stored}; arrived ${arrived} events in ${received} deliveries" \
    "(${distinct} webhook-ids), acknowledged but not arrived ${lost}, stored but not arrived ${stored_lost}," \
    "arrived but not acknowledged ${unacked}; duplicates: alerts under two webhook-ids ${twice}, events with two" \
    "alerts ${several}; redeliveries (a webhook-id twice) ${again}; deliveries retried ${retried} (most attempts" \
    "${max_attempts}), dead ${dead}; unmatched receipts ${unknown}; drained ${DRAIN_S}s after the load: ${verdict}"
}

# A run's gateways, receiver and cluster stopped, for the next scenario to start clean.
end_run() {
  local pid
  for pid in "${GW_PIDS[@]}"; do stop_proc "$pid" gateway; done
  GW_PIDS=()
  GW_PID=""
  stop_proc "$RECEIVER_PID" receiver
  RECEIVER_PID=""
  RECEIVED_FILES=()
  pg_stop
  PG_DIR=""
  DB_URL=""
  local keep=$TMP/run-$1
  mkdir "$keep"
  mv "$TMP"/answers-* "$TMP"/load-*.out "$TMP"/received-* "$TMP"/gateway-*.log "$TMP"/receiver.log "$keep"/ 2>/dev/null \
    || true
  rm -rf "$TMP"/gateway-[0-9] "$TMP"/pg-*
}

# "+N.Ns": the time from REF_MS to MS, or "never" for -1.
since() {
  if (($1 < 0)); then echo never; else awk -v ms="$(($1 - $2))" 'BEGIN { printf "+%.1fs", ms / 1000 }'; fi
}

# ------------------------------------------------------------ scenarios ---
# pg-kill VARIANT: external or embedded.
scenario_pg_kill() {
  local variant=$1 total kill_ms restart_ms
  RUN_ID=$(openssl rand -hex 4)
  log "=== pg-kill ($variant) ==="
  [[ $variant == embedded ]] || pg_init pg-external
  start_receiver
  start_gateways 1
  probe
  total=$((BEFORE_SECONDS + AFTER_SECONDS))
  [[ $variant == embedded ]] || total=$((total + PG_DOWN_SECONDS))
  start_load pg "$HTTP_PORT" "$RATE" "$total"
  sleep "$BEFORE_SECONDS"
  log "killing the postmaster (pid $(postmaster_pid)) with SIGKILL"
  kill_ms=$(now_ms)
  kill -KILL "$(postmaster_pid)"
  if [[ $variant == external ]]; then
    sleep "$PG_DOWN_SECONDS"
    log "starting PostgreSQL again"
    pg_start
    restart_ms=$(now_ms)
  else
    restart_ms=$kill_ms
  fi
  finish_load
  wait_drained
  local bad1 badn again bad ok
  read -r bad1 badn again bad ok <<<"$(answer_times "$kill_ms" "$restart_ms")"
  echo
  echo "=== pg-kill ($variant): ${RATE}/s offered for ${total}s; postmaster killed after ${BEFORE_SECONDS}s$(
    [[ $variant == external ]] && echo ", started again ${PG_DOWN_SECONDS}s later" ||
      echo ", started again by the watchdog") ==="
  echo "answers: ${ok} 2xx, ${bad} other; after the kill, the first other answer at $(since "$bad1" "$kill_ms")," \
    "the last at $(since "$badn" "$kill_ms"), the first 2xx after them at $(since "$again" "$kill_ms")" \
    "($(since "$again" "$restart_ms") after the $([[ $variant == external ]] && echo restart || echo kill))"
  reckon "pg-kill ($variant)"
  log_warnings "gateway logs" "$TMP"/gateway-*.log
  end_run "pg-kill-$variant"
}

scenario_destination_down() {
  local down_ms up_ms total
  RUN_ID=$(openssl rand -hex 4)
  log "=== destination-down ==="
  start_receiver
  start_gateways 1
  probe
  total=$((BEFORE_SECONDS + DOWN_SECONDS + AFTER_SECONDS))
  start_load dest "$HTTP_PORT" "$RATE" "$total"
  # The breaker's state and the deliveries waiting, every second: "ms state waiting".
  (
    while sleep 1 && [[ -d $TMP ]]; do
      state=$(curl -s --max-time 2 "http://127.0.0.1:$ADMIN_PORT/metrics" \
        | awk '/^alertgate_breaker_state\{.*destination="bench"/ { print $2 + 0 }')
      waiting=$(db "SELECT count(*) FROM delivery WHERE status IN ('pending', 'retrying')" 2>/dev/null || echo '?')
      echo "$(now_ms) ${state:-?} $waiting"
    done
  ) >"$TMP/breaker.txt" 2>/dev/null &
  SAMPLER_PID=$!
  sleep "$BEFORE_SECONDS"
  log "stopping the receiver for ${DOWN_SECONDS}s"
  stop_proc "$RECEIVER_PID" receiver
  down_ms=$(now_ms)
  sleep "$DOWN_SECONDS"
  log "starting the receiver again"
  start_receiver
  up_ms=$(now_ms)
  finish_load
  wait_drained
  stop_proc "$SAMPLER_PID" sampler
  SAMPLER_PID=""
  local opened closed_again most
  read -r opened closed_again most <<<"$(awk -v d="$down_ms" -v u="$up_ms" '
    $2 == 2 && $1 >= d && opened == "" { opened = $1 }
    $1 >= u && $2 == 0 && closed == "" { closed = $1 }
    $3 ~ /^[0-9]+$/ && $3 > most { most = $3 }
    END { print (opened == "" ? -1 : opened), (closed == "" ? -1 : closed), most + 0 }' "$TMP/breaker.txt")"
  echo
  echo "=== destination-down: ${RATE}/s offered for ${total}s; receiver stopped after ${BEFORE_SECONDS}s for" \
    "${DOWN_SECONDS}s; breaker_open_seconds ${BREAKER_OPEN_SECONDS} ==="
  if ((opened >= 0)); then
    echo "breaker: seen open $(since "$opened" "$down_ms") after the receiver stopped, closed again" \
      "$(since "$closed_again" "$up_ms") after it came back; at most ${most} deliveries waiting"
  else
    echo "breaker: never seen open while the receiver was down (FAILED); at most ${most} deliveries waiting"
    FAILED=1
  fi
  reckon destination-down
  log_warnings "gateway logs" "$TMP"/gateway-*.log
  end_run destination-down
}

scenario_gateway_kill() {
  local total share kill_ms leased_1 leased_5
  RUN_ID=$(openssl rand -hex 4)
  log "=== gateway-kill ==="
  pg_init pg-shared
  start_receiver "$SLOW_RECEIVER_MS"
  start_gateways 3
  probe
  total=$((BEFORE_SECONDS + AFTER_SECONDS))
  share=$(((RATE + 2) / 3))
  local i
  for i in 0 1 2; do start_load "gw$i" "${HTTP_PORTS[$i]}" "$share" "$total"; done
  sleep "$BEFORE_SECONDS"
  log "killing gateway-1 (pid ${GW_PIDS[1]}) with SIGKILL"
  kill_ms=$(now_ms)
  kill -KILL "${GW_PIDS[1]}"
  wait "${GW_PIDS[1]}" 2>/dev/null || true
  sleep 1
  db "CREATE TABLE fault_leased AS SELECT id, lease_token FROM delivery WHERE lease_until > now()" >/dev/null
  leased_1=$(db "SELECT count(*) FROM fault_leased")
  sleep 4
  db "DELETE FROM fault_leased l WHERE NOT EXISTS (SELECT 1 FROM delivery d WHERE d.id = l.id
    AND d.lease_token = l.lease_token AND d.lease_until > now())" >/dev/null
  leased_5=$(db "SELECT count(*) FROM fault_leased")
  finish_load
  wait_drained
  echo
  echo "=== gateway-kill: three gateways on one PostgreSQL, ${share}/s offered to each for ${total}s;" \
    "gateway-1 killed after ${BEFORE_SECONDS}s ==="
  local bad1 badn again bad ok s o e
  for i in 0 1 2; do
    read -r s o e <<<"$(load_figures "gw$i")"
    read -r bad1 badn again bad ok <<<"$(answer_times "$kill_ms" "$kill_ms" "gw$i")"
    echo "gateway-$i: requests begun ${s}: 2xx ${o}, other answers ${bad}, no answer ${e}"
  done
  reckon gateway-kill
  # What the dead gateway left behind and the others did: its leased deliveries, and the events it had acknowledged
  # but not yet normalized (its fast path died with it; the others' sweepers take them after the grace time).
  echo "taken over: $(db "SELECT count(DISTINCT l.id) || ' deliveries gateway-1 held leased at its death, '
      || count(DISTINCT l.id) FILTER (WHERE d.status = 'delivered') || ' of them delivered since, '
      || count(DISTINCT l.id) FILTER (WHERE d.attempts > 1) || ' attempted again, '
      || count(DISTINCT r.alert_id) || ' arrived'
    FROM fault_leased l JOIN delivery d USING (id) LEFT JOIN fault_received r ON r.alert_id = d.alert_id")" \
    "(${leased_1} leases held 1 s after the kill, ${leased_5} of them still 5 s after it);" \
    "$(db "SELECT count(*) FILTER (WHERE s.processed_at > to_timestamp($kill_ms / 1000.0)) || ' of the '
      || count(*) || ' events gateway-1 acknowledged were normalized after its death'
    FROM fault_answer a JOIN inbound_state s USING (id) WHERE a.load = 'gw1' AND a.status BETWEEN 200 AND 299")"
  log_warnings "gateway logs" "$TMP"/gateway-*.log
  end_run gateway-kill
}

# ------------------------------------------------------------------ run ---
if [[ $SCENARIO == pg-kill || $SCENARIO == all ]]; then
  [[ $PG_MODE == embedded ]] || scenario_pg_kill external
  [[ $PG_MODE == external ]] || scenario_pg_kill embedded
fi
if [[ $SCENARIO == destination-down || $SCENARIO == all ]]; then scenario_destination_down; fi
if [[ $SCENARIO == gateway-kill || $SCENARIO == all ]]; then scenario_gateway_kill; fi
exit "$FAILED"
