# shellcheck shell=bash disable=SC2034  # its settings are used by the scripts that source it
# Shared by the bench scripts (sourced, not run): the settings they share, process control, tool installs (done
# on sourcing, as is building the jar when it is missing), readiness, wrk runs.
# A sourcing script sets NEED_ALERTMANAGER=1 first if it needs Alertmanager, NEED_NODE=1 if it needs Node.

# --------------------------------------------------------- shared settings ---
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
REPO=$PWD
BENCH=$REPO/bench
# BENCH_JAR: another build to measure, e.g. a copy of an earlier commit's jar, for a before/after in one hour.
JAR=${BENCH_JAR:-target/alertgate.jar}
BODY=$BENCH/elastic-alert.json
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
READY_TIMEOUT=${BENCH_READY_TIMEOUT:-120}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
ADMIN_PORT=${BENCH_ADMIN_PORT:-18090}

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

for v in CONNECTIONS THREADS READY_TIMEOUT HTTP_PORT ADMIN_PORT; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
done

# The processes a run starts, for cleanup; TMP is the run's temp dir, DATA the gateway's data dir in it.
TMP=""
DATA=""
GW_PID=""
AM_PID=""
RECEIVER_PID=""
PROVIDER_PID=""
WRK_PID=""

# Stop one process we started: TERM, a bounded wait, then KILL.
stop_proc() {
  local pid=$1 name=$2
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored SIGTERM for 10 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_proc "$WRK_PID" wrk
  stop_proc "$GW_PID" gateway
  stop_proc "$AM_PID" alertmanager
  stop_proc "$RECEIVER_PID" receiver
  stop_proc "$PROVIDER_PID" provider
  if [[ -n $TMP && -d $TMP ]]; then
    if [[ ${BENCH_KEEP_TMP:-0} == 1 ]]; then
      log "kept temp dir $TMP"
    else
      rm -rf "$TMP"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# -------------------------------------------------------------- tools ---
install_missing() {
  local pkgs=()
  command -v wrk >/dev/null || pkgs+=(wrk)
  if [[ ${NEED_ALERTMANAGER:-0} == 1 ]]; then
    command -v prometheus-alertmanager >/dev/null || pkgs+=(prometheus-alertmanager)
  fi
  command -v openssl >/dev/null || pkgs+=(openssl)
  command -v curl >/dev/null || pkgs+=(curl)
  command -v psql >/dev/null || pkgs+=(postgresql-client)
  if [[ ${NEED_NODE:-0} == 1 ]]; then
    command -v node >/dev/null || pkgs+=(nodejs)
  fi
  if ((${#pkgs[@]} == 0)); then return 0; fi

  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${pkgs[*]}"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install manually: ${pkgs[*]}"
  log "installing ${pkgs[*]}"
  "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${pkgs[@]}" >/dev/null \
    || die "apt-get install ${pkgs[*]} failed"
}
install_missing
command -v java >/dev/null || die "java not found (a JDK is needed to build and run the gateway)"

# ---------------------------------------------------------------- jar ---
if [[ ! -f $JAR ]]; then
  if [[ ${BENCH_SKIP_BUILD:-0} == 1 ]]; then die "$JAR is missing and BENCH_SKIP_BUILD=1"; fi
  log "$JAR missing; building it (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package || die "build failed"
  [[ -f $JAR ]] || die "build finished but $JAR was not produced"
fi

# ------------------------------------------------------------- helpers ---
# True when something already accepts connections on the port; a server left
# over from an earlier run would otherwise answer our readiness check.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Poll URL until it answers 200, failing early if the process died.
wait_ready() {
  local url=$1 pid=$2 name=$3 logfile=$4
  local deadline=$((SECONDS + READY_TIMEOUT)) code
  log "waiting up to ${READY_TIMEOUT}s for $name at $url"
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    if [[ $code == 200 ]]; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during startup; last log lines:"
      tail -n 40 "$logfile" >&2 || true
      die "$name did not start"
    fi
    if ((SECONDS >= deadline)); then
      log "$name not ready after ${READY_TIMEOUT}s (last status: $code); last log lines:"
      tail -n 40 "$logfile" >&2 || true
      die "$name did not become ready"
    fi
    sleep 0.5
  done
}

# start_gateway NAME [VARIABLE=value...]: the jar on the bench ports, its embedded database in $DATA, the Elastic
# source's secret $SECRET, and the settings given; its log is $TMP/NAME.log. Returns once it is ready.
start_gateway() {
  local name=$1
  shift
  # The secret goes in through the environment only, never on a command line.
  # BENCH_JAVA_OPTS holds several flags: split on purpose.
  # shellcheck disable=SC2086
  env ALERTGATE_HTTP_PORT="$HTTP_PORT" ALERTGATE_ADMIN_PORT="$ADMIN_PORT" ALERTGATE_DATA_DIR="$DATA" \
    ELASTIC_SIEM_WEBHOOK_SECRET="$SECRET" ALERTGATE_SHUTDOWN_DELAY_SECONDS=0 "$@" \
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$TMP/$name.log" 2>&1 &
  GW_PID=$!
  wait_ready "http://127.0.0.1:$HTTP_PORT/health/ready" "$GW_PID" "$name" "$TMP/$name.log"
}

# One statement (or one psql backslash command) on the running gateway's embedded database, answer unaligned.
sql() {
  PGPASSWORD=$(cat "$DATA/postgres-password") psql -h 127.0.0.1 -p "$(sed -n 4p "$DATA/postgres/postmaster.pid")" \
    -U postgres -d postgres -Atc "$1"
}

# Value of KEY=... on the RESULT line that wrk-common.lua prints.
result_field() {
  awk -v k="$2" '$1 == "RESULT" { for (i = 2; i <= NF; i++) {
      n = index($i, "="); if (substr($i, 1, n - 1) == k) print substr($i, n + 1) } }' "$1"
}

# run_wrk NAME LUA URL PHASE SECONDS [lua args...]
# Writes wrk's full output to $TMP/NAME-PHASE.out.
run_wrk() {
  local name=$1 script=$2 url=$3 phase=$4 secs=$5
  shift 5
  local out=$TMP/$name-$phase.out
  log "$name: $phase run, ${secs}s, $CONNECTIONS connections, $THREADS threads"
  # --timeout 10s: a slow answer is measured as latency, not dropped as an error.
  # wrk runs in the background so a signal to this script is handled at once
  # (bash delays traps until a foreground child exits); cleanup stops wrk.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency \
    -s "$script" "$url" -- "$@" >"$out" 2>&1 &
  WRK_PID=$!
  local rc=0
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  if ((rc != 0)); then
    cat "$out" >&2
    die "wrk failed against $name (exit $rc)"
  fi
  grep -q '^RESULT ' "$out" || { cat "$out" >&2; die "wrk printed no RESULT line for $name"; }
  # wrk catches Ctrl-C itself, prints its figures and exits 0, and bash then
  # skips its own INT trap; a run that ended early is how we notice.
  local ran
  ran=$(result_field "$out" duration_s)
  if awk -v r="$ran" -v s="$secs" 'BEGIN { exit !(r < s - 1) }'; then
    die "wrk stopped after ${ran}s of ${secs}s against $name (interrupted?)"
  fi
  local requests
  requests=$(result_field "$out" requests)
  ((requests > 0)) || { cat "$out" >&2; die "$name answered no request during the $phase run"; }
}


# ------------------------------------------------ relay runs (relay.sh, soak.sh) ---
# require_positive NAME...: each named variable must hold a positive whole number.
require_positive() {
  local v
  for v in "$@"; do
    [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
  done
}

# prepare_relay_run NAME: for a run of the relay to bench/receiver.js on $RECEIVER_PORT. Checks the body file and
# that the ports are free; sets TMP (alertgate-NAME.XXXXXX), RUN_ID, SECRET (also in $TMP/elastic-secret), DATA and
# RECEIVED; writes $TMP/alertgate.yaml with the receiver as the webhook destination, for the caller to add to.
prepare_relay_run() {
  [[ -s $BODY ]] || die "$BODY is missing or empty"
  local p
  for p in "$HTTP_PORT" "$ADMIN_PORT" "$RECEIVER_PORT"; do
    if port_busy "$p"; then die "port $p on 127.0.0.1 is already in use"; fi
  done
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/alertgate-$1.XXXXXX")
  RUN_ID=$(openssl rand -hex 4)
  SECRET=$(openssl rand -hex 32)
  # wrk gets the secret from a file in the run's private temp dir, not on its command line.
  printf '%s' "$SECRET" >"$TMP/elastic-secret"
  DATA=$TMP/gateway-data
  RECEIVED=$TMP/received.txt
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
}

IDLE="SELECT NOT (EXISTS (SELECT 1 FROM inbound_state WHERE status = 'received')
  OR EXISTS (SELECT 1 FROM alert_enrich WHERE enriched_at IS NULL)
  OR EXISTS (SELECT 1 FROM alert_route WHERE routed_at IS NULL)
  OR EXISTS (SELECT 1 FROM delivery WHERE status IN ('pending', 'retrying')))"

# How many deliveries the receiver has written to its file so far (it writes what it buffered first).
received_count() { curl -s --max-time 5 "http://127.0.0.1:$RECEIVER_PORT/flush"; }

# Polls (a psql session each time, so not too often) until no stage has work left; fails after DRAIN_LIMIT_SECONDS.
wait_drained() {
  local start=$SECONDS
  until [[ $(sql "$IDLE") == t ]]; do
    ((SECONDS - start < DRAIN_LIMIT_SECONDS)) || return 1
    sleep 0.5
  done
}

# A gateway log's WARN and ERROR lines for the report: how many of each level and logger, and the first of each,
# so that a known line (the heap limit's warning) cannot hide another. Usage: log_warnings <label> <log file>...
log_warnings() {
  local label=$1
  shift
  local lines
  lines=$(cat "$@" | awk '$2 == "WARN" || $2 == "ERROR" {
      key = $2 " " $4; if (!(key in n)) { first[key] = substr($0, 1, 220); order[++kinds] = key } n[key]++ }
    END { for (i = 1; i <= kinds; i++) printf "  %d x %s; the first: %s\n", n[order[i]], order[i], first[order[i]] }')
  if [[ -n $lines ]]; then
    echo "$label: WARN and ERROR lines by logger:"
    printf '%s\n' "$lines"
  else
    echo "$label: no WARN or ERROR line"
  fi
}
