#!/usr/bin/env bash
# Ingest throughput benchmark: Alertgate's signed Elastic webhook endpoint
# versus Prometheus Alertmanager's /api/v2/alerts, one after the other on this
# machine, with the same wrk settings. Run from anywhere: bash bench/ingest.sh
#
# Knobs (environment):
#   BENCH_DURATION=30      measured run, seconds
#   BENCH_WARMUP=30        gateway warm-up, seconds: the JIT needs it (see docs/benchmarks.md)
#   BENCH_AM_WARMUP=5      Alertmanager warm-up: Go needs none, and a longer one only
#                          grows its in-memory alert store, which slows it down
#   BENCH_CONNECTIONS=64   BENCH_THREADS=2
#   BENCH_SKIP_BUILD=1     never run Maven; fail if target/alertgate.jar is missing
#   BENCH_READY_TIMEOUT=120  seconds to wait for each server to become ready
#   BENCH_HTTP_PORT=18080  BENCH_ADMIN_PORT=18090  BENCH_AM_PORT=19093
#   BENCH_JAVA_OPTS=...    extra JVM flags for the gateway
#   BENCH_KEEP_TMP=1       keep the temp dir (logs, data) for inspection
#
# Exit status: 0 when both runs completed (a low ratio is not a failure);
# non-zero when a tool, the jar or a server could not be set up or started.
set -euo pipefail

NEED_ALERTMANAGER=1
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-30}
AM_WARMUP=${BENCH_AM_WARMUP:-5}
AM_PORT=${BENCH_AM_PORT:-19093}

# wrk takes "30" or "30s"; accept both, store plain seconds.
DURATION=${DURATION%s}
WARMUP=${WARMUP%s}
AM_WARMUP=${AM_WARMUP%s}
for v in DURATION WARMUP AM_WARMUP AM_PORT; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
done

# Print the measured run and keep its figures, keyed by target name.
declare -A RPS P50 P99 ERRORS
report_run() {
  local name=$1 out=$TMP/$1-measured.out
  sed -e '/^RESULT /d' "$out"
  local errors
  errors=$(result_field "$out" errors)
  if ((errors > 0)); then
    log "WARNING: $name had $errors errors ($(result_field "$out" socket_errors) socket," \
      "$(result_field "$out" unexpected_status) non-2xx)"
  fi
  RPS[$name]=$(result_field "$out" rps)
  P50[$name]=$(result_field "$out" p50_ms)
  P99[$name]=$(result_field "$out" p99_ms)
  ERRORS[$name]=$errors
}

# Every 2xx the gateway sent must have its row: count them in the embedded
# database (its port is line 4 of postmaster.pid, its password beside it). Rows may exceed answers by
# the requests still in flight when wrk stopped, never fall short of them.
check_committed() {
  local answered=1 phase out rows port
  for phase in warmup measured; do
    out=$TMP/alertgate-$phase.out
    answered=$((answered + $(result_field "$out" requests) - $(result_field "$out" unexpected_status)))
  done
  port=$(sed -n 4p "$TMP/gateway-data/postgres/postmaster.pid")
  rows=$(PGPASSWORD=$(cat "$TMP/gateway-data/postgres-password") \
    psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc 'SELECT count(*) FROM inbound_event')
  echo "committed rows: $rows; successful answers: $answered (probe + warm-up + measured)"
  if ((rows < answered)); then
    log "WARNING: $((answered - rows)) acknowledged events have no row"
    ERRORS[alertgate]=$((ERRORS[alertgate] + answered - rows))
  fi
}

# ----------------------------------------------------------------- setup ---
for p in "$HTTP_PORT" "$ADMIN_PORT" "$AM_PORT"; do
  if port_busy "$p"; then
    die "port $p on 127.0.0.1 is already in use; stop that process or set BENCH_*_PORT"
  fi
done
[[ -s $BODY ]] || die "$BODY is missing or empty"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/alertgate-bench.XXXXXX")
# Random per run, so webhook-ids never repeat across runs or phases.
RUN_ID=$(openssl rand -hex 4)
SECRET=$(openssl rand -hex 32)

# Sign the exact bytes wrk will send: wrk reads this same file in binary mode,
# so trailing newlines (if any) are both signed and sent.
SIGNATURE=sha256=$(openssl dgst -sha256 -hmac "$SECRET" -r <"$BODY" | cut -d' ' -f1)
[[ $SIGNATURE =~ ^sha256=[0-9a-f]{64}$ ]] || die "could not compute the HMAC signature"

# ---------------------------------------------------------- Alertgate run ---
mkdir -p "$TMP/gateway-data"
log "starting gateway ($JAR) on 127.0.0.1:$HTTP_PORT, admin $ADMIN_PORT"
# The secret goes in through the environment only, never on a command line.
# shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of flags
ALERTGATE_HTTP_PORT=$HTTP_PORT \
  ALERTGATE_ADMIN_PORT=$ADMIN_PORT \
  ALERTGATE_DATA_DIR=$TMP/gateway-data \
  ELASTIC_SIEM_WEBHOOK_SECRET=$SECRET \
  ALERTGATE_PIPELINE_ENABLED=false \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$TMP/gateway.log" 2>&1 &
GW_PID=$!
wait_ready "http://127.0.0.1:$HTTP_PORT/health/ready" "$GW_PID" gateway "$TMP/gateway.log"

GW_URL=http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/elastic
# One request by hand first: a wrong signature or route shows up here with
# the server's own answer instead of as a wall of errors.
probe_code=$(curl -s -o "$TMP/probe.out" -w '%{http_code}' --max-time 10 \
  -H 'Content-Type: application/json' -H "X-Elastic-Signature: $SIGNATURE" \
  -H "webhook-id: bench-$RUN_ID-probe" --data-binary "@$BODY" "$GW_URL" || true)
if [[ $probe_code != 202 ]]; then
  log "WARNING: probe POST got HTTP $probe_code (expected 202): $(head -c 300 "$TMP/probe.out" 2>/dev/null)"
fi

run_wrk alertgate "$BENCH/ingest.lua" "$GW_URL" warmup "$WARMUP" "bench-$RUN_ID-w" "$BODY" "$SIGNATURE"
run_wrk alertgate "$BENCH/ingest.lua" "$GW_URL" measured "$DURATION" "bench-$RUN_ID-m" "$BODY" "$SIGNATURE"
kill -0 "$GW_PID" 2>/dev/null || log "WARNING: the gateway exited during the run (see its log)"
echo "=== Alertgate: POST /api/v1/webhooks/elastic (expect 202) ==="
report_run alertgate
check_committed

# Stop the gateway before the baseline so the two never share the CPUs.
stop_proc "$GW_PID" gateway
GW_PID=""

# ------------------------------------------------------- Alertmanager run ---
mkdir -p "$TMP/am-data"
# Minimal config: every alert routes to a receiver that notifies nobody, so
# this measures ingest (validate, store, dispatch) only.
cat >"$TMP/alertmanager.yml" <<'YAML'
route:
  receiver: 'null'
receivers:
  - name: 'null'
YAML
log "starting Alertmanager on 127.0.0.1:$AM_PORT"
# Empty --cluster.listen-address disables gossip (single node, no extra port).
prometheus-alertmanager \
  --config.file="$TMP/alertmanager.yml" \
  --storage.path="$TMP/am-data" \
  --web.listen-address="127.0.0.1:$AM_PORT" \
  --cluster.listen-address= \
  --log.level=warn >"$TMP/alertmanager.log" 2>&1 &
AM_PID=$!
wait_ready "http://127.0.0.1:$AM_PORT/-/ready" "$AM_PID" alertmanager "$TMP/alertmanager.log"

AM_URL=http://127.0.0.1:$AM_PORT/api/v2/alerts
run_wrk alertmanager "$BENCH/alertmanager.lua" "$AM_URL" warmup "$AM_WARMUP" "bench-$RUN_ID-w"
run_wrk alertmanager "$BENCH/alertmanager.lua" "$AM_URL" measured "$DURATION" "bench-$RUN_ID-m"
echo
echo "=== Alertmanager: POST /api/v2/alerts (expect 200) ==="
report_run alertmanager
stop_proc "$AM_PID" alertmanager
AM_PID=""

# --------------------------------------------------------------- summary ---
ratio=$(awk -v a="${RPS[alertgate]}" -v b="${RPS[alertmanager]}" \
  'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
echo
echo "=== Summary: ${DURATION}s measured after a warm-up (gateway ${WARMUP}s, Alertmanager ${AM_WARMUP}s), $CONNECTIONS connections, $THREADS wrk threads, $(nproc) CPUs ==="
printf '%-14s %12s %10s %10s %8s\n' target 'requests/s' 'p50 ms' 'p99 ms' errors
for t in alertgate alertmanager; do
  printf '%-14s %12s %10s %10s %8s\n' "$t" "${RPS[$t]}" "${P50[$t]}" "${P99[$t]}" "${ERRORS[$t]}"
done
echo "ratio alertgate_rps / alertmanager_rps = $ratio"
