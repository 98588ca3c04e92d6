#!/usr/bin/env bash
# Relay benchmark: signed Elastic alerts in, webhooks out, on this one machine: ingest -> normalize -> route ->
# deliver to a local receiver (bench/receiver.js), with the gateway configured with that one webhook destination.
# Run from anywhere: bash bench/relay.sh
#
# Every request is a different alert (its own kibana.alert.uuid, signed per request by relay.lua): the relay sends
# the alerts of one incident one after the other, so one repeated body would measure a single incident's queue.
#
# Phase 1 (sustained): wrk at full speed for BENCH_LOAD_SECONDS, the backlogs of normalize, route and deliver
#   sampled every BENCH_SAMPLE_SECONDS; ingest and delivered rates over the load's last four fifths (delivered from
#   the receiver's arrival times), the backlogs when the load stops, and how long after it the last delivery came.
# Phase 2 (fixed rate): BENCH_FIXED_RATE alerts/s offered for BENCH_FIXED_SECONDS (relay-paced.lua; the rate
#   achieved is reported), and the latency from each event's receive time, as the gateway committed it
#   (inbound_event.received_at), to its delivery's arrival at the receiver: p50, p90, p99, max.
# Both phases: every accepted event must reach the receiver exactly once. Accepted events (rows committed in the
#   phase), their alerts, the deliveries received, distinct webhook-ids and duplicates are printed, and the exit
#   status is 1 when an event has no delivery received, one is received twice, or a 2xx answer has no row.
# At the end of each phase: the stage timers from the admin port's /metrics (time from a batch's claim to its
#   commit, per stage; delivery attempts) and the CPU each process used, to say where the time went.
#
# BENCH_WARMUP_SECONDS (0 by default, as in pipeline.sh) first runs a full-speed load of that length and waits for it
# to drain, so that phase 1 meets a compiled JVM rather than one still compiling its hot paths.
#
# BENCH_ENRICH=1 turns enrichment on: bench/provider.js stands in for VirusTotal and AbuseIPDB (each lookup answered
# after 100 to 300 ms), and each alert names a public address, nine in ten among a hundred that recur (cached after
# their first lookup), one in ten new. Run it and a run without, one after the other, to compare.
#
# Knobs: BENCH_LOAD_SECONDS=30, BENCH_FIXED_SECONDS=30, BENCH_FIXED_RATE=1000, BENCH_SAMPLE_SECONDS=3,
#        BENCH_WARMUP_SECONDS=0, BENCH_CONNECTIONS=64, BENCH_THREADS=2, BENCH_RECEIVER_PORT=18099, BENCH_DRAIN_LIMIT_SECONDS=600,
#        BENCH_JAR=target/alertgate.jar, BENCH_SKIP_BUILD=1, BENCH_KEEP_TMP=1, BENCH_JAVA_OPTS=...,
#        BENCH_HTTP_PORT=18080, BENCH_ADMIN_PORT=18090, BENCH_READY_TIMEOUT=120, BENCH_ENRICH=0,
#        BENCH_PROVIDER_PORT=18098.
set -euo pipefail

NEED_NODE=1
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOAD_SECONDS=${BENCH_LOAD_SECONDS:-30}
FIXED_SECONDS=${BENCH_FIXED_SECONDS:-30}
FIXED_RATE=${BENCH_FIXED_RATE:-1000}
SAMPLE_SECONDS=${BENCH_SAMPLE_SECONDS:-3}
RECEIVER_PORT=${BENCH_RECEIVER_PORT:-18099}
PROVIDER_PORT=${BENCH_PROVIDER_PORT:-18098}
ENRICH=${BENCH_ENRICH:-0}
DRAIN_LIMIT_SECONDS=${BENCH_DRAIN_LIMIT_SECONDS:-600}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-0}
[[ $WARMUP_SECONDS =~ ^[0-9]+$ ]] || die "WARMUP_SECONDS must be a whole number (got '$WARMUP_SECONDS')"
require_positive LOAD_SECONDS FIXED_SECONDS FIXED_RATE SAMPLE_SECONDS RECEIVER_PORT DRAIN_LIMIT_SECONDS
prepare_relay_run relay
URL=http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/elastic
TICKS=$(getconf CLK_TCK)
if [[ $ENRICH == 1 ]]; then
  # Both providers on, answered by bench/provider.js; budgets that never run out, so what is measured is the
  # stage's own cost and the cache, not the free tiers' quotas.
  cat >>"$TMP/alertgate.yaml" <<YAML
enrichment:
  virustotal: {api_key: bench-key, base_url: "http://127.0.0.1:$PROVIDER_PORT", per_minute: 1000000, per_day: 100000000}
  abuseipdb: {api_key: bench-key, base_url: "http://127.0.0.1:$PROVIDER_PORT", per_day: 100000000}
YAML
fi

BACKLOGS="SELECT (SELECT count(*) FROM inbound_state WHERE status = 'received') || ' '
  || (SELECT count(*) FROM alert_route WHERE routed_at IS NULL) || ' '
  || (SELECT count(*) FROM delivery WHERE status IN ('pending', 'retrying'))"

now_ms() { date +%s%3N; }

# The backlogs every SAMPLE_SECONDS while wrk runs, "seconds normalize route deliver" a line, into the file named.
sample_backlogs() {
  local out=$1 start=$SECONDS counts
  while sleep "$SAMPLE_SECONDS"; do
    [[ -d $TMP ]] || return 0
    counts=$(sql "$BACKLOGS" 2>/dev/null) || return 0  # the gateway is gone: the run is over
    echo "$((SECONDS - start)) $counts" >>"$out"
  done
}

# User + system CPU ticks of a process; with "reaped", also those of the children it has waited for.
proc_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  awk -v reaped="${2:-}" '{ sub(/^.*\) /, ""); print $12 + $13 + (reaped != "" ? $14 + $15 : 0) }' <<<"$stat"
}

# "gateway postgres receiver busy all" CPU ticks so far: PostgreSQL is the postmaster with its backends, live or
# ended (each psql poll of this script is one); busy and all are the whole machine's, from /proc/stat.
cpu_snapshot() {
  local postmaster pg child
  postmaster=$(sed -n 1p "$DATA/postgres/postmaster.pid")
  pg=$(proc_ticks "$postmaster" reaped)
  for child in $(pgrep -P "$postmaster" || true); do
    pg=$((pg + $(proc_ticks "$child")))
  done
  echo "$(proc_ticks "$GW_PID") $pg $(proc_ticks "$RECEIVER_PID")" \
    "$(awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)"
}

# The stage and delivery timers' _sum and _count series, "series value" a line, into the file named.
metrics_snapshot() {
  curl -s --max-time 10 "http://127.0.0.1:$ADMIN_PORT/metrics" \
    | grep -E '^alertgate_(stage_batch|delivery_attempt|delivery_latency)_seconds_(sum|count)' >"$1" || true
}

# What the timers counted between two snapshots: per stage and path, batches and their time from claim to commit;
# delivery attempts; routed to delivered.
stage_times() {
  awk '
    function label(s, k) {
      if (!match(s, k "=\"[^\"]*\"")) return ""
      return substr(s, RSTART + length(k) + 2, RLENGTH - length(k) - 3)
    }
    function each(n, s) { return n > 0 ? sprintf("%.1f ms", s / n * 1000) : "-" }
    NR == FNR { before[$1] = $2; next }
    {
      v = $2 - before[$1]
      kind = $1 ~ /_count\{/ ? "n" : "s"
      if ($1 ~ /^alertgate_stage_batch/) batch[label($1, "stage") " " label($1, "path"), kind] += v
      else if ($1 ~ /^alertgate_delivery_attempt/) attempt[kind] += v
      else latency[kind] += v
    }
    END {
      split("normalize enrich route deliver", stages, " ")
      line = "batches, claim to commit:"
      for (i = 1; i <= 4; i++) for (p = 1; p <= 2; p++) {
        path = p == 1 ? "fast" : "sweep"
        k = stages[i] " " path
        if (batch[k, "n"] > 0)
          line = line sprintf(" %s %s %d x %s = %.2f s;", stages[i], path, batch[k, "n"], each(batch[k, "n"],
            batch[k, "s"]), batch[k, "s"])
      }
      printf "%s attempts %d x %s; routed to delivered %s on average\n", line, attempt["n"],
        each(attempt["n"], attempt["s"]), each(latency["n"], latency["s"])
    }' "$1" "$2"
}

# CPU seconds between two cpu_snapshot lines.
cpu_used() {
  awk -v t="$TICKS" -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    busy = (y[4] - x[4]) / t; all = (y[5] - x[5]) / t
    printf "gateway %.1f s, PostgreSQL %.1f s, receiver %.1f s, the rest (wrk, psql, other work) %.1f s;", \
      (y[1] - x[1]) / t, (y[2] - x[2]) / t, (y[3] - x[3]) / t, busy - (y[1] - x[1] + y[2] - x[2] + y[3] - x[3]) / t
    printf " machine busy %.1f of %.1f s\n", busy, all }'
}

declare -A LO HI START_MS END_MS LEFT DRAINED CPU_BEFORE CPU_AFTER

# run_phase PHASE SCRIPT SECONDS [extra lua args]: one load, then the wait until every stage is idle again.
run_phase() {
  local phase=$1 script=$2 secs=$3 sampler
  shift 3
  LO[$phase]=$(sql "SELECT clock_timestamp()")
  metrics_snapshot "$TMP/metrics-$phase-before.txt"
  CPU_BEFORE[$phase]=$(cpu_snapshot)
  : >"$TMP/backlog-$phase.txt"
  sample_backlogs "$TMP/backlog-$phase.txt" &
  sampler=$!
  START_MS[$phase]=$(now_ms)
  run_wrk relay "$script" "$URL" "$phase" "$secs" "bench-$RUN_ID-$phase" "${RUN_ID}${UUID_PHASE[$phase]}" "$BODY" \
    "$TMP/elastic-secret" "$@"
  END_MS[$phase]=$(now_ms)
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  LEFT[$phase]=$(sql "$BACKLOGS")
  log "$phase: load over; waiting for the stages to drain (up to ${DRAIN_LIMIT_SECONDS}s)"
  DRAINED[$phase]=1
  wait_drained || DRAINED[$phase]=0
  CPU_AFTER[$phase]=$(cpu_snapshot)
  metrics_snapshot "$TMP/metrics-$phase-after.txt"
  HI[$phase]=$(sql "SELECT clock_timestamp()")
}

# ---------------------------------------------------------------- setup ---
declare -A UUID_PHASE=([sustained]=a0 [fixed]=b0)
if [[ $ENRICH == 1 ]]; then
  log "enrichment on: starting the stand-in providers on 127.0.0.1:$PROVIDER_PORT"
  node "$BENCH/provider.js" "$PROVIDER_PORT" >"$TMP/provider.log" 2>&1 &
  PROVIDER_PID=$!
  wait_ready "http://127.0.0.1:$PROVIDER_PORT/count" "$PROVIDER_PID" provider "$TMP/provider.log"
  export BENCH_ENRICH=1
fi
log "starting the receiver on 127.0.0.1:$RECEIVER_PORT"
node "$BENCH/receiver.js" "$RECEIVER_PORT" "$RECEIVED" >"$TMP/receiver.log" 2>&1 &
RECEIVER_PID=$!
wait_ready "http://127.0.0.1:$RECEIVER_PORT/flush" "$RECEIVER_PID" receiver "$TMP/receiver.log"
start_gateway gateway ALERTGATE_CONFIG="$TMP/alertgate.yaml"

# One alert by hand first: a refused signature or a destination the gateway will not call shows up here, with
# the gateway's own words, instead of as a run that delivers nothing.
probe=$(sed 's/"kibana\.alert\.uuid":"[^"]*"/"kibana.alert.uuid":"'"$RUN_ID"'-probe"/' "$BODY")
probe_signature=sha256=$(printf '%s' "$probe" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
probe_code=$(printf '%s' "$probe" | curl -s -o "$TMP/probe.out" -w '%{http_code}' --max-time 10 \
  -H 'Content-Type: application/json' -H "X-Elastic-Signature: $probe_signature" \
  -H "webhook-id: bench-$RUN_ID-probe" --data-binary @- "$URL" || true)
[[ $probe_code == 202 ]] || die "probe POST got HTTP $probe_code (expected 202): $(head -c 300 "$TMP/probe.out")"
deadline=$((SECONDS + 30))
until (($(received_count) >= 1)); do
  if ((SECONDS >= deadline)); then
    tail -n 20 "$TMP/gateway.log" >&2
    die "the probe alert was accepted but not delivered to the receiver within 30 s"
  fi
  sleep 0.2
done

if ((WARMUP_SECONDS > 0)); then
  log "warm-up: full speed for ${WARMUP_SECONDS}s, then a wait for the stages to drain"
  run_wrk relay "$BENCH/relay.lua" "$URL" warmup "$WARMUP_SECONDS" "bench-$RUN_ID-warmup" "${RUN_ID}c0" "$BODY" \
    "$TMP/elastic-secret"
  wait_drained || die "the warm-up's backlog had not drained ${DRAIN_LIMIT_SECONDS}s after it"
fi

# ------------------------------------------------------------ phase 1 ---
log "phase 1 (sustained): full speed for ${LOAD_SECONDS}s"
run_phase sustained "$BENCH/relay.lua" "$LOAD_SECONDS"

# ------------------------------------------------------------ phase 2 ---
if [[ ${DRAINED[sustained]} == 1 ]]; then
  WAIT_MS=$(awk -v c="$CONNECTIONS" -v r="$FIXED_RATE" 'BEGIN { printf "%.3f", c * 1000 / r }')
  log "phase 2 (fixed rate): ${FIXED_RATE}/s offered for ${FIXED_SECONDS}s (each connection waits ${WAIT_MS} ms)"
  run_phase fixed "$BENCH/relay-paced.lua" "$FIXED_SECONDS" "$WAIT_MS"
  PHASES=(sustained fixed)
else
  log "WARNING: phase 1 did not drain within ${DRAIN_LIMIT_SECONDS}s; phase 2 skipped"
  PHASES=(sustained)
fi

# --------------------------------------------------------------- report ---
received_count >/dev/null
sql "CREATE TABLE bench_received (webhook_id text, alert_id uuid, arrived_ms bigint)" >/dev/null
sql "\\copy bench_received FROM '$RECEIVED' WITH (FORMAT csv, DELIMITER ' ', NULL '-')" >/dev/null
sql "CREATE INDEX ON bench_received (alert_id)" >/dev/null
sql "ANALYZE bench_received" >/dev/null
UNPARSED=$(sql "SELECT count(*) FROM bench_received WHERE alert_id IS NULL")

# One phase's figures, '|'-separated: accepted events, alerts, deliveries received, distinct webhook-ids, events
# with no delivery received, alerts received more than once, dead deliveries, deliveries retried; committed and
# delivered in the window [w0, end]; delivered after the end, the last arrival; latency p50, p90, p99, max, and
# how many alerts those are over.
phase_figures() {
  local phase=$1 w0=$2
  sql "WITH ev AS MATERIALIZED (
         SELECT id, extract(epoch FROM received_at) * 1000 AS ms FROM inbound_event
         WHERE received_at > '${LO[$phase]}' AND received_at <= '${HI[$phase]}'),
       al AS MATERIALIZED (SELECT a.id, a.inbound_id, ev.ms FROM alert a JOIN ev ON a.inbound_id = ev.id),
       rx AS MATERIALIZED (
         SELECT r.webhook_id, r.arrived_ms, al.id, al.inbound_id, al.ms FROM bench_received r JOIN al ON r.alert_id = al.id),
       firsts AS (SELECT min(arrived_ms) - ms AS latency FROM rx GROUP BY id, ms),
       dl AS (SELECT d.status, d.attempts FROM delivery d JOIN al ON d.alert_id = al.id),
       pct AS (SELECT percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY latency) AS p,
                      max(latency) AS mx, count(*) AS n FROM firsts)
     SELECT (SELECT count(*) FROM ev), (SELECT count(*) FROM al), (SELECT count(*) FROM rx),
            (SELECT count(DISTINCT webhook_id) FROM rx),
            (SELECT count(*) FROM ev WHERE NOT EXISTS (SELECT 1 FROM rx WHERE rx.inbound_id = ev.id)),
            (SELECT count(*) FROM (SELECT id FROM rx GROUP BY id HAVING count(*) > 1) twice),
            (SELECT count(*) FROM dl WHERE status = 'dead'), (SELECT count(*) FROM dl WHERE attempts > 1),
            (SELECT count(*) FROM ev WHERE ms >= $w0 AND ms <= ${END_MS[$phase]}),
            (SELECT count(*) FROM rx WHERE arrived_ms >= $w0 AND arrived_ms <= ${END_MS[$phase]}),
            (SELECT count(*) FROM rx WHERE arrived_ms > ${END_MS[$phase]}), (SELECT coalesce(max(arrived_ms), 0) FROM rx),
            round(p[1]::numeric, 1), round(p[2]::numeric, 1), round(p[3]::numeric, 1), round(mx::numeric, 1), n
     FROM pct"
}

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'; }

FAILED=0
echo
echo "=== Relay: $(nproc) CPUs, signed Elastic webhook -> normalize -> route -> webhook on 127.0.0.1," \
  "wrk ${CONNECTIONS} connections ==="
for phase in "${PHASES[@]}"; do
  start=${START_MS[$phase]} end=${END_MS[$phase]}
  # The steady state: the load's last four fifths (the first fifth has the stages starting up behind ingest).
  w0=$((start + (end - start) / 5))
  IFS='|' read -r accepted alerts received distinct missing twice dead retried committed_w delivered_w late last \
    p50 p90 p99 pmax latency_n <<<"$(phase_figures "$phase" "$w0")"
  out=$TMP/relay-$phase.out
  answered=$(($(result_field "$out" requests) - $(result_field "$out" unexpected_status)))
  window_s=$(awk -v a="$w0" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
  after=$((last > end ? last - end : 0))
  read -r left_n left_r left_d <<<"${LEFT[$phase]}"
  samples=$(awk '{ printf "%s%ss: %s/%s/%s", (NR > 1 ? ", " : ""), $1, $2, $3, $4 }' "$TMP/backlog-$phase.txt")

  if [[ $phase == sustained ]]; then
    echo "sustained  ${LOAD_SECONDS}s at full speed: ingest $(result_field "$out" rps) requests/s" \
      "($(result_field "$out" errors) errors, p99 $(result_field "$out" p99_ms) ms); last ${window_s}s:" \
      "committed $(rate "$committed_w" $((end - w0)))/s, delivered $(rate "$delivered_w" $((end - w0)))/s"
  else
    echo "fixed      ${FIXED_RATE}/s offered for ${FIXED_SECONDS}s: achieved $(result_field "$out" rps) requests/s" \
      "($(result_field "$out" errors) errors); delivered $(rate "$delivered_w" $((end - w0)))/s over the last ${window_s}s"
  fi
  echo "           latency from receipt to delivered: p50 ${p50:-?} ms, p90 ${p90:-?} ms, p99 ${p99:-?} ms," \
    "max ${pmax:-?} ms (${latency_n} alerts)"
  echo "           backlog normalize/route/deliver while loaded: ${samples:-none sampled}"
  echo "           at the end of the load: ${left_n}/${left_r}/${left_d}; the last delivery came" \
    "$(awk -v ms="$after" 'BEGIN { printf "%.2f", ms / 1000 }')s after it (${late} delivered after it:" \
    "$(rate "$late" "$after")/s)"
  echo "           where the time went: $(stage_times "$TMP/metrics-$phase-before.txt" "$TMP/metrics-$phase-after.txt")"
  echo "           CPU, load and drain: $(cpu_used "${CPU_BEFORE[$phase]}" "${CPU_AFTER[$phase]}")"
  verdict=OK
  if ((accepted == 0 || missing > 0 || twice > 0 || accepted < answered)) || [[ ${DRAINED[$phase]} != 1 ]]; then
    verdict=FAILED
    FAILED=1
  fi
  echo "           exactly once: accepted ${accepted} (${answered} 2xx answers), alerts ${alerts}," \
    "received ${received}, distinct webhook-ids ${distinct}, duplicates $((received - distinct)); no delivery" \
    "${missing}, received twice ${twice}; dead ${dead}, retried ${retried}: ${verdict}"
done
((UNPARSED == 0)) || echo "receiver: ${UNPARSED} deliveries without an alert_id in custom_details"
if [[ $ENRICH == 1 ]]; then
  # The count has no newline after it: read then reports the end of its input, which is no failure here.
  read -r asked_vt asked_abuse < <(curl -s --max-time 5 "http://127.0.0.1:$PROVIDER_PORT/count") || true
  statuses=$(sql "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) AS n
    FROM alert_enrich GROUP BY status) AS t")
  echo "enrichment: upstream lookups ${asked_vt} VirusTotal, ${asked_abuse} AbuseIPDB (the rest from the cache);" \
    "alerts by enrichment status: ${statuses}"
fi
log_warnings "gateway log" "$TMP/gateway.log"
exit "$FAILED"
