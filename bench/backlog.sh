#!/usr/bin/env bash
# Backlog benchmark: a large backlog of acknowledged events, drained to a webhook destination, and whether the drain
# keeps its pace from the first event to the last. Run from anywhere: bash bench/backlog.sh
#
# Fill: the gateway runs with its pipeline off (ALERTGATE_PIPELINE_ENABLED=false: ingest only, as an instance that
#   leaves the stages to another would), and wrk posts signed Elastic alerts through the real ingest path, each a
#   different alert (bench/relay.lua), in rounds until BENCH_BACKLOG_EVENTS are committed. Every one got its 202
#   after its commit; wrk's 2xx answers are counted as acknowledged.
# Drain: the gateway is stopped, the receiver (bench/receiver.js) started, and the gateway started again on the same
#   data with its pipeline on and the receiver as its one destination. Every BENCH_WINDOW_SECONDS from the first
#   arrival: the deliveries that arrived in the window (by the receiver's arrival times), the stage backlogs as the
#   gateway's own gauges give them (alertgate_stage_backlog on the admin port's /metrics, counted by the gateway
#   every 10 s, so sampling costs the database nothing), and the CPU of the gateway, PostgreSQL, the receiver and
#   everything else on the machine (the machine may be shared). Ends when every stage is idle.
# Report: events committed and acknowledged, alerts, deliveries arrived, distinct alert ids and webhook-ids,
#   duplicates, lost (committed events with no delivery arrived), dead and retried deliveries; the time to fill, the
#   drain's rate per window, the first and last tenth of the drain (first to last arrival cut in ten) and the ratio of
#   the last to the first, the slowest full window against the median. Exit 1 when an event is lost, an alert or a
#   webhook-id arrives twice, acknowledged answers outnumber committed events, or the drain does not finish.
#
# Knobs: BENCH_BACKLOG_EVENTS=1000000 (BACKLOG_EVENTS too), BENCH_WINDOW_SECONDS=10, BENCH_FILL_ROUND_SECONDS=60,
#        BENCH_DRAIN_LIMIT_SECONDS=3600, BENCH_RECEIVER_PORT=18099, BENCH_CONNECTIONS=64, BENCH_THREADS=2,
#        BENCH_JAR=target/alertgate.jar, BENCH_SKIP_BUILD=1, BENCH_KEEP_TMP=1, BENCH_JAVA_OPTS=...,
#        BENCH_HTTP_PORT=18080, BENCH_ADMIN_PORT=18090, BENCH_READY_TIMEOUT=120.
set -euo pipefail

NEED_NODE=1
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
EVENTS=${BENCH_BACKLOG_EVENTS:-${BACKLOG_EVENTS:-1000000}}
WINDOW_SECONDS=${BENCH_WINDOW_SECONDS:-10}
ROUND_SECONDS=${BENCH_FILL_ROUND_SECONDS:-60}
DRAIN_LIMIT_SECONDS=${BENCH_DRAIN_LIMIT_SECONDS:-3600}
RECEIVER_PORT=${BENCH_RECEIVER_PORT:-18099}
for v in EVENTS WINDOW_SECONDS ROUND_SECONDS DRAIN_LIMIT_SECONDS RECEIVER_PORT; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
done
[[ -s $BODY ]] || die "$BODY is missing or empty"

for p in "$HTTP_PORT" "$ADMIN_PORT" "$RECEIVER_PORT"; do
  if port_busy "$p"; then die "port $p on 127.0.0.1 is already in use"; fi
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/alertgate-backlog.XXXXXX")
RUN_ID=$(openssl rand -hex 4)
SECRET=$(openssl rand -hex 32)
printf '%s' "$SECRET" >"$TMP/elastic-secret"
DATA=$TMP/gateway-data
URL=http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/elastic
RECEIVED=$TMP/received.txt
SAMPLES=$TMP/samples.txt
TICKS=$(getconf CLK_TCK)

cat >"$TMP/alertgate.yaml" <<YAML
relay:
  allow_cidrs: [127.0.0.0/8]
destinations:
  bench:
    type: webhook
    url: http://127.0.0.1:$RECEIVER_PORT/hook
    timeout: 5
    secret: whsec_$(openssl rand -base64 32)
YAML

IDLE="SELECT NOT (EXISTS (SELECT 1 FROM inbound_state WHERE status = 'received')
  OR EXISTS (SELECT 1 FROM alert_enrich WHERE enriched_at IS NULL)
  OR EXISTS (SELECT 1 FROM alert_route WHERE routed_at IS NULL)
  OR EXISTS (SELECT 1 FROM delivery WHERE status IN ('pending', 'retrying')))"

now_ms() { date +%s%3N; }
received_count() { curl -s --max-time 5 "http://127.0.0.1:$RECEIVER_PORT/flush"; }

# User + system CPU ticks of a process; with "reaped", also those of the children it has waited for.
proc_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  awk -v reaped="${2:-}" '{ sub(/^.*\) /, ""); print $12 + $13 + (reaped != "" ? $14 + $15 : 0) }' <<<"$stat"
}

# "gateway postgres receiver busy all" CPU ticks so far (PostgreSQL: the postmaster and its backends, live or ended;
# busy and all: the whole machine's, from /proc/stat).
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

# From the admin port's /metrics, one line: the stage backlogs as the gateway last counted them,
# "normalize/route/deliver" ("?" before its first count), then for each of those stages the items it processed so
# far, its batches and their seconds from claim to commit (both paths).
stage_sample() {
  curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" | awk '
    function stage() { return match($0, /stage="[^"]*"/) ? substr($0, RSTART + 7, RLENGTH - 8) : "" }
    /^alertgate_stage_backlog\{/ { backlog[stage()] = $NF }
    /^alertgate_stage_items_total\{/ && /outcome="processed"/ { items[stage()] += $NF }
    /^alertgate_stage_batch_seconds_count\{/ { batches[stage()] += $NF }
    /^alertgate_stage_batch_seconds_sum\{/ { seconds[stage()] += $NF }
    END {
      split("normalize route deliver", s, " ")
      for (i = 1; i <= 3; i++) {
        v = (s[i] in backlog) ? backlog[s[i]] : "?"
        printf "%s%s", (i > 1 ? "/" : ""), (v == "?" || v == "NaN" ? v : sprintf("%d", v))
      }
      for (i = 1; i <= 3; i++) printf " %d %d %.3f", items[s[i]], batches[s[i]], seconds[s[i]]
    }'
}

# ---------------------------------------------------------------- fill ---
log "fill: the gateway with its pipeline off; ${EVENTS} events through the ingest path"
start_gateway fill ALERTGATE_CONFIG="$TMP/alertgate.yaml" ALERTGATE_PIPELINE_ENABLED=false
ACKED=0
ERRORS=0
COMMITTED=0
FILL_START=$(now_ms)
round=0 secs=5
while ((COMMITTED < EVENTS)); do
  ((round < 256)) || die "the fill needed over 256 rounds"
  run_wrk fill "$BENCH/relay.lua" "$URL" "round$round" "$secs" "bench-$RUN_ID-fill$round" \
    "${RUN_ID}$(printf '%02x' "$round")" "$BODY" "$TMP/elastic-secret"
  out=$TMP/fill-round$round.out
  ACKED=$((ACKED + $(result_field "$out" requests) - $(result_field "$out" unexpected_status)))
  ERRORS=$((ERRORS + $(result_field "$out" errors)))
  COMMITTED=$(sql "SELECT count(*) FROM inbound_event")
  rps=$(result_field "$out" rps)
  log "fill: round $round, ${secs}s at $(printf '%.0f' "$rps")/s: ${COMMITTED} committed of ${EVENTS}"
  # The next round aims at half of what is left at this round's rate, and is at most twice as long as this one, so
  # a rate that doubles as the JVM warms up (measured) does not carry the backlog past its mark (wrk takes whole
  # seconds: the last round may pass it by a second's worth).
  secs=$(awk -v left="$((EVENTS - COMMITTED))" -v r="$rps" -v cap="$ROUND_SECONDS" -v last="$secs" \
    'BEGIN { s = int(0.5 * left / (r > 0 ? r : 1)); if (s > 2 * last) s = 2 * last; if (s > cap) s = cap
             if (s < 1) s = 1; print s }')
  round=$((round + 1))
done
FILL_MS=$(($(now_ms) - FILL_START))
WAITING=$(sql "SELECT count(*) FROM inbound_state WHERE status = 'received'")
log "fill: ${COMMITTED} events committed in $((FILL_MS / 1000))s, ${WAITING} waiting; stopping the gateway"
stop_proc "$GW_PID" gateway
GW_PID=""

# --------------------------------------------------------------- drain ---
log "starting the receiver on 127.0.0.1:$RECEIVER_PORT"
node "$BENCH/receiver.js" "$RECEIVER_PORT" "$RECEIVED" >"$TMP/receiver.log" 2>&1 &
RECEIVER_PID=$!
wait_ready "http://127.0.0.1:$RECEIVER_PORT/flush" "$RECEIVER_PID" receiver "$TMP/receiver.log"
LAUNCH_MS=$(now_ms)
start_gateway drain ALERTGATE_CONFIG="$TMP/alertgate.yaml"
READY_MS=$(now_ms)
log "drain: gateway ready in $(((READY_MS - LAUNCH_MS) / 1000))s; waiting for the first delivery"
until (($(received_count) >= 1)); do
  ((($(now_ms) - READY_MS) < 60000)) || { tail -n 20 "$TMP/drain.log" >&2; die "no delivery within 60 s"; }
  sleep 0.1
done
FIRST_SEEN_MS=$(now_ms)
: >"$SAMPLES"
DRAINED=0
next=$((FIRST_SEEN_MS + WINDOW_SECONDS * 1000))
echo "$FIRST_SEEN_MS $(received_count) $(cpu_snapshot) $(stage_sample)" >>"$SAMPLES"
while :; do
  sleep 1
  kill -0 "$GW_PID" 2>/dev/null || { log "the gateway exited during the drain"; tail -n 20 "$TMP/drain.log" >&2; break; }
  now=$(now_ms)
  arrived=$(received_count)
  if ((now >= next)); then
    echo "$now $arrived $(cpu_snapshot) $(stage_sample)" >>"$SAMPLES"
    log "drain: $(((now - FIRST_SEEN_MS) / 1000))s, ${arrived} arrived, backlogs normalize/route/deliver" \
      "$(tail -n 1 "$SAMPLES" | cut -d' ' -f8)"
    # From now rather than from the last mark: a loop held up by a busy machine makes no run of short windows.
    next=$((now + WINDOW_SECONDS * 1000))
  fi
  # The stages are asked only once the receiver has as many as were committed (a psql session costs CPU).
  if ((arrived >= COMMITTED)) && [[ $(sql "$IDLE") == t ]]; then
    DRAINED=1
    break
  fi
  (((now - READY_MS) / 1000 < DRAIN_LIMIT_SECONDS)) || break
done
END_MS=$(now_ms)
echo "$END_MS $(received_count) $(cpu_snapshot) $(stage_sample)" >>"$SAMPLES"

# --------------------------------------------------------------- report ---
log "loading the receiver's file into the database"
received_count >/dev/null
sql "CREATE TABLE bench_received (webhook_id text, alert_id uuid, arrived_ms bigint)" >/dev/null
sql "\\copy bench_received FROM '$RECEIVED' WITH (FORMAT csv, DELIMITER ' ', NULL '-')" >/dev/null
sql "CREATE INDEX ON bench_received (alert_id)" >/dev/null
sql "ANALYZE bench_received" >/dev/null

# committed events, alerts, deliveries arrived, distinct alert ids arrived, distinct webhook-ids, arrivals with no
# alert id, events with no delivery arrived, alerts arrived more than once, dead deliveries, deliveries retried,
# the first and the last arrival.
IFS='|' read -r events alerts arrived distinct_alerts distinct_ids unparsed lost twice dead retried first_ms last_ms \
  <<<"$(sql "WITH al AS MATERIALIZED (SELECT id, inbound_id FROM alert),
         rx AS MATERIALIZED (SELECT r.alert_id, al.inbound_id FROM bench_received r JOIN al ON r.alert_id = al.id)
       SELECT (SELECT count(*) FROM inbound_event), (SELECT count(*) FROM al), (SELECT count(*) FROM bench_received),
              (SELECT count(DISTINCT alert_id) FROM bench_received), (SELECT count(DISTINCT webhook_id) FROM bench_received),
              (SELECT count(*) FROM bench_received WHERE alert_id IS NULL),
              (SELECT count(*) FROM inbound_event e WHERE NOT EXISTS (SELECT 1 FROM rx WHERE rx.inbound_id = e.id)),
              (SELECT count(*) FROM (SELECT alert_id FROM bench_received GROUP BY alert_id HAVING count(*) > 1) t),
              (SELECT count(*) FROM delivery WHERE status = 'dead'), (SELECT count(*) FROM delivery WHERE attempts > 1),
              (SELECT min(arrived_ms) FROM bench_received), (SELECT max(arrived_ms) FROM bench_received)")"

# Per window (the samples' times as bounds; the first from the first arrival, the last to the last arrival), one
# line: end (s from the first arrival), arrived, arrived/s, backlogs when it ended, normalize, route and deliver
# items/s and their mean batch (ms, claim to commit), CPU (cores) of the gateway, PostgreSQL, the receiver and the
# rest of the machine, "full" or "last".
awk -v t="$TICKS" -v first="$first_ms" -v last="$last_ms" '
  NR == FNR { n = NR; for (k = 1; k <= NF; k++) f[n, k] = $k; next }
  { for (i = 2; i <= n; i++) if ($3 < f[i, 1] || i == n) { count[i]++; break } }
  END {
    for (i = 2; i <= n; i++) {
      lo = (i == 2 ? first : f[i - 1, 1]); hi = (i == n ? last : f[i, 1])
      if (hi <= lo) continue
      span = (f[i, 1] - f[i - 1, 1]) / 1000
      printf "%.0f %d %.0f %s", (hi - first) / 1000, count[i] + 0, (count[i] + 0) * 1000 / (hi - lo), f[i, 8]
      for (k = 9; k <= 15; k += 3) {
        d = f[i, k + 1] - f[i - 1, k + 1]
        printf " %.0f %s", (f[i, k] - f[i - 1, k]) / span, (d > 0 ? sprintf("%.1f", (f[i, k + 2] - f[i - 1, k + 2]) * 1000 / d) : "-")
      }
      cg = (f[i, 3] - f[i - 1, 3]) / t / span; cp = (f[i, 4] - f[i - 1, 4]) / t / span
      cr = (f[i, 5] - f[i - 1, 5]) / t / span; co = (f[i, 6] - f[i - 1, 6]) / t / span - cg - cp - cr
      printf " %.2f %.2f %.2f %.2f %s\n", cg, cp, cr, co, (i == n ? "last" : "full")
    }
  }' "$SAMPLES" "$RECEIVED" >"$TMP/windows.txt"

# The drain cut in ten equal parts, first arrival to last: the rate in each.
TENTHS=$(sql "SELECT string_agg(round(n * 10000.0 / greatest($last_ms - $first_ms, 1))::text, ' ' ORDER BY b)
  FROM (SELECT least(floor((arrived_ms - $first_ms) * 10.0 / greatest($last_ms - $first_ms, 1)), 9) AS b, count(*) AS n
        FROM bench_received GROUP BY 1) t")
read -r -a tenth <<<"$TENTHS"
RATIO=$(awk -v a="${tenth[0]}" -v b="${tenth[9]:-0}" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
read -r MIN_W MEDIAN_W <<<"$(awk '$NF == "full" { print $3 }' "$TMP/windows.txt" | sort -n \
  | awk '{ v[NR] = $1 } END { if (NR == 0) print "- -"; else print v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')"

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'; }
echo
echo "=== Backlog: $(nproc) CPUs, ${events} signed Elastic alerts acknowledged with the pipeline off, then drained" \
  "to a webhook on 127.0.0.1 ==="
echo "fill       ${events} committed in $(awk -v ms="$FILL_MS" 'BEGIN { printf "%.1f", ms / 1000 }')s" \
  "($(rate "$events" "$FILL_MS")/s), ${ACKED} acknowledged (2xx), ${ERRORS} errors, ${round} wrk rounds"
echo "drain      gateway ready $(awk -v ms=$((READY_MS - LAUNCH_MS)) 'BEGIN { printf "%.1f", ms / 1000 }')s" \
  "after its launch, first delivery $(awk -v ms=$((first_ms - READY_MS)) 'BEGIN { printf "%.1f", ms / 1000 }')s" \
  "after ready; first to last arrival $(awk -v ms=$((last_ms - first_ms)) 'BEGIN { printf "%.1f", ms / 1000 }')s:" \
  "$(rate "$arrived" $((last_ms - first_ms)))/s on average; launch to last arrival" \
  "$(awk -v ms=$((last_ms - LAUNCH_MS)) 'BEGIN { printf "%.1f", ms / 1000 }')s"
# The gateway's and PostgreSQL's CPU for each arrival shows whether a window was slower for less machine (the
# machine may be shared) or for more work per delivery.
echo "windows    end(s) arrived arrived/s  backlog at its end: normalize/route/deliver  items/s (mean batch ms):" \
  "normalize route deliver  CPU cores: gateway PostgreSQL receiver rest  gateway+PostgreSQL CPU ms an arrival"
awk '{ printf "           %6s %7d %6d  %-24s  %6d (%s) %6d (%s) %6d (%s)  %.2f %.2f %.2f %.2f  %s%s\n", $1, $2, $3, $4,
  $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, ($3 > 0 ? sprintf("%.3f", ($11 + $12) * 1000 / $3) : "-"),
  ($15 == "last" ? "  (last, partial)" : "") }' "$TMP/windows.txt"
echo "tenths     ${TENTHS}/s; last tenth / first tenth ${RATIO}; slowest full window ${MIN_W}/s, median ${MEDIAN_W}/s"
verdict=OK
if ((DRAINED != 1 || lost > 0 || twice > 0 || arrived != distinct_ids || ACKED > events || unparsed > 0)); then
  verdict=FAILED
fi
echo "exactly once: acknowledged ${ACKED}, committed ${events}, alerts ${alerts}, arrived ${arrived}," \
  "distinct alert ids ${distinct_alerts}, distinct webhook-ids ${distinct_ids}, duplicates" \
  "$((arrived - distinct_ids)) by webhook-id, $((arrived - distinct_alerts)) by alert id; lost ${lost};" \
  "dead ${dead}, retried ${retried}; drained: $([[ $DRAINED == 1 ]] && echo yes || echo "no, after ${DRAIN_LIMIT_SECONDS}s")" \
  ": ${verdict}"
((unparsed == 0)) || echo "receiver: ${unparsed} deliveries without an alert_id in custom_details"
for name in fill drain; do
  log_warnings "gateway log ($name)" "$TMP/$name.log"
done
[[ $verdict == OK ]]
