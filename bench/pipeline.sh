#!/usr/bin/env bash
# Pipeline benchmark: how fast committed inbound events become normalized alerts, and whether normalization
# keeps up with ingest. Run from anywhere: bash bench/pipeline.sh
#
# Phase 1 (drain): ingest for BENCH_LOAD_SECONDS with normalization off, then start the gateway with it on and
#   measure how fast the recovery sweepers turn the whole backlog into alerts: from the first batch's transaction
#   to the last one's, as the database recorded them (inbound_state.processed_at), so neither the JVM's start nor
#   this script's polling is counted.
# Phase 2 (together): ingest for BENCH_LOAD_SECONDS with normalization on (the bus fast path), sampling the backlog
#   every BENCH_SAMPLE_SECONDS, then report the backlog left when the load stops and how long it takes to clear.
#
# Knobs: BENCH_LOAD_SECONDS=20, BENCH_SAMPLE_SECONDS=5, BENCH_CONNECTIONS=64, BENCH_THREADS=2, BENCH_SKIP_BUILD=1, BENCH_KEEP_TMP=1,
#        BENCH_HTTP_PORT=18080, BENCH_ADMIN_PORT=18090, BENCH_READY_TIMEOUT=120.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOAD_SECONDS=${BENCH_LOAD_SECONDS:-20}
SAMPLE_SECONDS=${BENCH_SAMPLE_SECONDS:-5}
DRAIN_LIMIT_SECONDS=600

for p in "$HTTP_PORT" "$ADMIN_PORT"; do
  if port_busy "$p"; then die "port $p on 127.0.0.1 is already in use"; fi
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/alertgate-pipeline.XXXXXX")
RUN_ID=$(openssl rand -hex 4)
SECRET=$(openssl rand -hex 32)
SIGNATURE=sha256=$(openssl dgst -sha256 -hmac "$SECRET" -r <"$BODY" | cut -d' ' -f1)
DATA=$TMP/gateway-data
URL=http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/elastic

PENDING="SELECT count(*) FROM inbound_state WHERE status = 'received'"

# Seconds (with fraction) until no event waits. Each poll is a new psql session, which costs CPU the gateway
# shares, so the interval is the caller's: coarse where the database gives the exact figure afterwards.
wait_drained() {
  local interval=$1 start now
  start=$(date +%s.%N)
  while [[ $(sql "SELECT exists(SELECT 1 FROM inbound_state WHERE status = 'received')") == t ]]; do
    now=$(date +%s.%N)
    awk -v s="$start" -v n="$now" -v l="$DRAIN_LIMIT_SECONDS" 'BEGIN { exit !(n - s > l) }' \
      && die "backlog not drained after ${DRAIN_LIMIT_SECONDS}s"
    sleep "$interval"
  done
  now=$(date +%s.%N)
  awk -v s="$start" -v n="$now" 'BEGIN { printf "%.2f", n - s }'
}

# The backlog every SAMPLE_SECONDS while wrk runs, one "seconds backlog" line each, into the file named.
sample_backlog() {
  local out=$1 start=$SECONDS count
  while sleep "$SAMPLE_SECONDS"; do
    count=$(sql "$PENDING" 2>/dev/null) || return 0  # the gateway is gone: the run is over
    echo "$((SECONDS - start)) $count" >>"$out"
  done
}

# ------------------------------------------------------------ phase 1 ---
log "phase 1: ingest ${LOAD_SECONDS}s with normalization off"
start_gateway ingest-only ALERTGATE_PIPELINE_ENABLED=false
run_wrk alertgate "$BENCH/ingest.lua" "$URL" backlog "$LOAD_SECONDS" "bench-$RUN_ID-b" "$BODY" "$SIGNATURE"
stop_proc "$GW_PID" gateway
GW_PID=""
# The server is stopped with the gateway; count through a short-lived start with normalization still off.
start_gateway count ALERTGATE_PIPELINE_ENABLED=false
BACKLOG=$(sql "$PENDING")
stop_proc "$GW_PID" gateway
GW_PID=""
log "phase 1: $BACKLOG events waiting; starting with normalization on"
start_gateway drain ALERTGATE_PIPELINE_ENABLED=true
wait_drained 1 >/dev/null
DRAIN_SECONDS=$(sql "SELECT round(extract(epoch FROM max(processed_at) - min(processed_at)), 2) FROM inbound_state")
ALERTS=$(sql "SELECT count(*) FROM alert")
FAILED=$(sql "SELECT count(*) FROM inbound_state WHERE status = 'failed'")
DRAIN_RATE=$(awk -v n="$BACKLOG" -v s="$DRAIN_SECONDS" 'BEGIN { printf "%.0f", n / s }')

# ------------------------------------------------------------ phase 2 ---
log "phase 2: ingest ${LOAD_SECONDS}s with normalization on"
BEFORE=$(sql "SELECT count(*) FROM inbound_event")
: >"$TMP/backlog.txt"
sample_backlog "$TMP/backlog.txt" &
SAMPLER_PID=$!
run_wrk alertgate "$BENCH/ingest.lua" "$URL" together "$LOAD_SECONDS" "bench-$RUN_ID-t" "$BODY" "$SIGNATURE"
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
LEFT=$(sql "$PENDING")
INGESTED=$(( $(sql "SELECT count(*) FROM inbound_event") - BEFORE ))
CATCH_UP=$(wait_drained 0.2)
SAMPLES=$(awk '{ printf "%s%ss: %s", (NR > 1 ? ", " : ""), $1, $2 }' "$TMP/backlog.txt")
TOGETHER_RPS=$(result_field "$TMP/alertgate-together.out" rps)
TOGETHER_ERRORS=$(result_field "$TMP/alertgate-together.out" errors)

echo
echo "=== Pipeline: $(nproc) CPUs, wrk ${CONNECTIONS} connections, ${LOAD_SECONDS}s loads ==="
echo "phase 1  backlog ${BACKLOG} events -> ${ALERTS} alerts (${FAILED} failed) in ${DRAIN_SECONDS}s: ${DRAIN_RATE} events/s"
echo "phase 2  ingest ${TOGETHER_RPS} requests/s (${TOGETHER_ERRORS} errors), ${INGESTED} events; backlog at the end: ${LEFT}, cleared in ${CATCH_UP}s"
echo "         backlog while loaded: ${SAMPLES:-none sampled}"
