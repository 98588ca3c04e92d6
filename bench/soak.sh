#!/usr/bin/env bash
# Memory soak: signed Elastic alerts at a steady rate for a long run, through the whole relay (ingest -> normalize
# -> route -> deliver to bench/receiver.js), with the gateway's memory sampled all along. A leak, or a heap the JVM
# keeps growing, shows as resident memory that still climbs after the first minutes. Run from anywhere:
#   bash bench/soak.sh
#
# Every BENCH_SOAK_SAMPLE_SECONDS: the gateway's resident set (VmRSS in /proc/PID/status) and, from the admin port's
# /metrics, heap used, the live data the last full collection left (jvm_gc_live_data_size_bytes), direct buffers
# and the webhook body bytes in flight. Reported: resident memory and heap over the run's first tenth against its
# last tenth, the slope of resident memory after the first tenth (least squares, MiB a minute), the peak (VmHWM);
# one sample per tenth of the run; sent, accepted (2xx), committed, alerts and arrived at the receiver. The exit
# status is 1 when an accepted alert did not arrive, or a 2xx answer has no row.
#
# BENCH_SPIKE=N (0 by default) runs the memory-spike check instead: N connections each POSTing a 1 MiB body (auth
# none, a distinct body each time) for BENCH_SPIKE_SECONDS, and reports the answers by status and the peak resident
# memory. Give BENCH_JAR an older build to compare.
#
# Knobs: BENCH_SOAK_RATE=500, BENCH_SOAK_SECONDS=600, BENCH_SOAK_SAMPLE_SECONDS=10, BENCH_SPIKE=0,
#        BENCH_SPIKE_SECONDS=20, BENCH_RECEIVER_PORT=19199, BENCH_HTTP_PORT=19180, BENCH_ADMIN_PORT=19190,
#        BENCH_CONNECTIONS=64, BENCH_THREADS=2, BENCH_DRAIN_LIMIT_SECONDS=300, BENCH_JAR=target/alertgate.jar,
#        BENCH_JAVA_OPTS=..., BENCH_SKIP_BUILD=1, BENCH_KEEP_TMP=1, BENCH_READY_TIMEOUT=120.
set -euo pipefail

NEED_NODE=1
# Ports of their own, so a soak can run beside the other benchmarks.
BENCH_HTTP_PORT=${BENCH_HTTP_PORT:-19180}
BENCH_ADMIN_PORT=${BENCH_ADMIN_PORT:-19190}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RATE=${BENCH_SOAK_RATE:-500}
DURATION=${BENCH_SOAK_SECONDS:-600}
SAMPLE_SECONDS=${BENCH_SOAK_SAMPLE_SECONDS:-10}
SPIKE=${BENCH_SPIKE:-0}
SPIKE_SECONDS=${BENCH_SPIKE_SECONDS:-20}
RECEIVER_PORT=${BENCH_RECEIVER_PORT:-19199}
DRAIN_LIMIT_SECONDS=${BENCH_DRAIN_LIMIT_SECONDS:-300}
[[ $SPIKE =~ ^[0-9]+$ ]] || die "BENCH_SPIKE must be a whole number (got '$SPIKE')"
require_positive RATE DURATION SAMPLE_SECONDS SPIKE_SECONDS RECEIVER_PORT DRAIN_LIMIT_SECONDS
prepare_relay_run soak
SAMPLES=$TMP/samples.txt
cat >>"$TMP/alertgate.yaml" <<YAML
sources:
  spike:
    auth: {type: none}
YAML

# A field of the gateway's /proc/PID/status, in KiB.
proc_kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$GW_PID/status"; }

# "rss_kib heap_used live direct inflight": the resident set and four series of /metrics, in bytes.
memory_now() {
  local rss
  rss=$(proc_kib VmRSS) || return 1
  curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" | awk -v rss="$rss" '
    /^jvm_memory_used_bytes\{/ && /area="heap"/ { heap += $NF }
    /^jvm_gc_live_data_size_bytes / { live = $NF }
    /^jvm_buffer_memory_used_bytes\{/ && /id="direct"/ { direct = $NF }
    /^alertgate_ingest_inflight_body_bytes / { inflight = $NF }
    END { printf "%d %.0f %.0f %.0f %.0f\n", rss, heap, live, direct, inflight }'
}

# One line "seconds rss_kib heap_used live direct inflight" every SAMPLE_SECONDS, into $SAMPLES, until killed.
sample_memory() {
  local start=$SECONDS now
  while :; do
    now=$(memory_now 2>/dev/null) || return 0  # the gateway is gone: the run is over
    echo "$((SECONDS - start)) $now" >>"$SAMPLES"
    sleep "$SAMPLE_SECONDS"
  done
}

# The samples' summary: first tenth against last tenth, the slope after the first tenth, one sample per tenth.
memory_report() {
  awk '
    function mib(b) { return b / 1048576 }
    { t[NR] = $1; rss[NR] = $2 / 1024; heap[NR] = mib($3); live[NR] = mib($4); direct[NR] = mib($5)
      inflight[NR] = mib($6) }
    END {
      n = NR; tenth = int(n / 10); if (tenth < 1) tenth = 1
      for (i = 1; i <= tenth; i++) { r0 += rss[i]; h0 += heap[i] }
      for (i = n - tenth + 1; i <= n; i++) { r1 += rss[i]; h1 += heap[i] }
      for (i = 1; i <= n; i++) { if (direct[i] > dmax) dmax = direct[i]; if (inflight[i] > imax) imax = inflight[i] }
      # Least squares of resident MiB over minutes, from the end of the first tenth.
      for (i = tenth + 1; i <= n; i++) { m++; x = t[i] / 60; sx += x; sy += rss[i]; sxx += x * x; sxy += x * rss[i] }
      slope = (m > 1 && m * sxx - sx * sx > 0) ? (m * sxy - sx * sy) / (m * sxx - sx * sx) : 0
      printf "resident: first tenth %.0f MiB, last tenth %.0f MiB (%+.0f MiB);", r0 / tenth, r1 / tenth,
        (r1 - r0) / tenth
      printf " slope after the first tenth %+.2f MiB/min\n", slope
      printf "heap used: first tenth %.0f MiB, last tenth %.0f MiB; live after the last full GC %.0f MiB at the end;",
        h0 / tenth, h1 / tenth, live[n]
      printf " direct buffers at most %.1f MiB; bodies in flight at most %.1f MiB\n", dmax, imax
      printf "samples (s: resident/heap used MiB):"
      for (i = 1; i <= n; i += tenth) printf " %ds: %.0f/%.0f", t[i], rss[i], heap[i]
      if ((n - 1) % tenth != 0) printf " %ds: %.0f/%.0f", t[n], rss[n], heap[n]
      printf "\n"
    }' "$SAMPLES"
}

log "starting the receiver on 127.0.0.1:$RECEIVER_PORT"
node "$BENCH/receiver.js" "$RECEIVER_PORT" "$RECEIVED" >"$TMP/receiver.log" 2>&1 &
RECEIVER_PID=$!
wait_ready "http://127.0.0.1:$RECEIVER_PORT/flush" "$RECEIVER_PID" receiver "$TMP/receiver.log"
start_gateway gateway ALERTGATE_CONFIG="$TMP/alertgate.yaml"
log "gateway: $(grep -m1 -o 'Heap limit.*' "$TMP/gateway.log" || echo 'pid '"$GW_PID")"
RSS_START=$(proc_kib VmRSS)

if ((SPIKE > 0)); then
  log "spike: $SPIKE connections each POSTing 1 MiB bodies for ${SPIKE_SECONDS}s"
  CONNECTIONS=$SPIKE
  : >"$SAMPLES"
  SAMPLE_SECONDS=1
  sample_memory &
  sampler=$!
  run_wrk spike "$BENCH/spike.lua" "http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/spike" load "$SPIKE_SECONDS" \
    "$RUN_ID"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  out=$TMP/spike-load.out
  echo
  echo "=== Memory spike: $(nproc) CPUs, $SPIKE connections x 1 MiB bodies for ${SPIKE_SECONDS}s," \
    "JVM flags '${BENCH_JAVA_OPTS:-}' ==="
  echo "answers: $(result_field "$out" requests) in all, $(($(result_field "$out" requests) - $(result_field \
    "$out" unexpected_status))) 2xx, $(result_field "$out" unexpected_status) other," \
    "$(result_field "$out" socket_errors) socket errors; $(sql "SELECT count(*) FROM inbound_event") committed"
  echo "the gateway's count by outcome: $(curl -s --max-time 10 "http://127.0.0.1:$ADMIN_PORT/metrics" \
    | awk '/^alertgate_webhooks_total\{/ && /source="spike"/ && $NF > 0 {
        match($0, /outcome="[^"]*"/); printf "%s %s=%d", sep, substr($0, RSTART + 9, RLENGTH - 10), $NF; sep = "," }')"
  echo "resident: $((RSS_START / 1024)) MiB before, peak (VmHWM) $(($(proc_kib VmHWM) / 1024)) MiB," \
    "$(($(proc_kib VmRSS) / 1024)) MiB after"
  memory_report
  exit 0
fi

WAIT_MS=$(awk -v c="$CONNECTIONS" -v r="$RATE" 'BEGIN { printf "%.3f", c * 1000 / r }')
log "soak: ${RATE}/s offered for ${DURATION}s (each connection waits ${WAIT_MS} ms), memory every ${SAMPLE_SECONDS}s"
: >"$SAMPLES"
sample_memory &
sampler=$!
run_wrk soak "$BENCH/relay-paced.lua" "http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/elastic" paced "$DURATION" \
  "bench-$RUN_ID" "${RUN_ID}d0" "$BODY" "$TMP/elastic-secret" "$WAIT_MS"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
log "load over; waiting for the relay to drain (up to ${DRAIN_LIMIT_SECONDS}s)"
DRAINED=1
wait_drained || DRAINED=0

received_count >/dev/null
out=$TMP/soak-paced.out
sent=$(result_field "$out" requests)
accepted=$((sent - $(result_field "$out" unexpected_status)))
committed=$(sql "SELECT count(*) FROM inbound_event")
alerts=$(sql "SELECT count(*) FROM alert")
arrived=$(wc -l <"$RECEIVED")
# Alerts with no delivery at the receiver: the stored ids against the ids the receiver saw.
missing=$(comm -23 <(sql "SELECT id FROM alert" | sort) <(cut -d' ' -f2 "$RECEIVED" | sort -u) | wc -l)
verdict=OK
if ((accepted == 0 || missing > 0 || committed < accepted || DRAINED == 0)); then verdict=FAILED; fi

echo
echo "=== Memory soak: $(nproc) CPUs, ${RATE}/s offered for ${DURATION}s, signed Elastic webhook -> relay ->" \
  "webhook on 127.0.0.1, JVM flags '${BENCH_JAVA_OPTS:-}' ==="
echo "load: achieved $(result_field "$out" rps) requests/s, p99 $(result_field "$out" p99_ms) ms," \
  "$(result_field "$out" errors) errors"
memory_report
echo "peak resident (VmHWM) $(($(proc_kib VmHWM) / 1024)) MiB"
echo "counts: sent ${sent}, accepted (2xx) ${accepted}, committed ${committed}, alerts ${alerts}, arrived ${arrived}" \
  "(alerts with none: ${missing}); drained: $([[ $DRAINED == 1 ]] && echo yes || echo no): ${verdict}"
[[ $verdict == OK ]]
