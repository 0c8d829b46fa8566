#!/usr/bin/env bash
# Pinfold local stack: Jaeger v2 all-in-one (OTLP in, in-memory storage, UI and query API).
#
#   jaeger.sh install   build Jaeger v1.76.0 (module version; v2 binary) into $PINFOLD_HOME/bin/jaeger, once
#   jaeger.sh start     start it with deploy/local/jaeger/config.yaml, everything on 127.0.0.1
#   jaeger.sh stop      stop it (traces are kept in memory only)
#   jaeger.sh status    print "jaeger up ui=… otlp-grpc=… pid=…" (exit 0) or "jaeger down" (exit 3)
#
# Environment (ports on 127.0.0.1): PINFOLD_JAEGER_UI_PORT [16686] (UI and /api/…),
# PINFOLD_JAEGER_OTLP_GRPC_PORT [4317], PINFOLD_JAEGER_OTLP_HTTP_PORT [4318],
# PINFOLD_JAEGER_QUERY_GRPC_PORT [16685], PINFOLD_JAEGER_HEALTH_PORT [13133],
# PINFOLD_JAEGER_START_TIMEOUT [60], PINFOLD_STATE, PINFOLD_HOME.
set -euo pipefail

# shellcheck disable=SC2034 # read by lib.sh
PF_PART=jaeger
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

readonly JAEGER_MODULE=github.com/jaegertracing/jaeger
readonly JAEGER_VERSION=v1.76.0

export PINFOLD_JAEGER_UI_PORT=${PINFOLD_JAEGER_UI_PORT:-16686}
export PINFOLD_JAEGER_OTLP_GRPC_PORT=${PINFOLD_JAEGER_OTLP_GRPC_PORT:-4317}
export PINFOLD_JAEGER_OTLP_HTTP_PORT=${PINFOLD_JAEGER_OTLP_HTTP_PORT:-4318}
export PINFOLD_JAEGER_QUERY_GRPC_PORT=${PINFOLD_JAEGER_QUERY_GRPC_PORT:-16685}
export PINFOLD_JAEGER_HEALTH_PORT=${PINFOLD_JAEGER_HEALTH_PORT:-13133}
START_TIMEOUT=${PINFOLD_JAEGER_START_TIMEOUT:-60}
export PINFOLD_JAEGER_UI_ASSETS="$PF_ROOT/deploy/local/jaeger/ui"

BIN="$PINFOLD_HOME/bin/jaeger"
CONFIG="$PF_ROOT/deploy/local/jaeger/config.yaml"
LOG=$(pf_log_file jaeger)
INSTALL_LOG=$(pf_log_file jaeger-install)
QUERY_URL="http://127.0.0.1:$PINFOLD_JAEGER_UI_PORT"

usage() {
  echo "usage: $(basename "$0") install | start | stop | status" >&2
  exit 2
}

# A `go install`ed binary records the module version; one built from the module's source (below)
# carries it in Jaeger's own version string instead.
installed() {
  [[ -x "$BIN" ]] || return 1
  go version -m "$BIN" 2>/dev/null | grep -Eq "^[[:space:]]+mod[[:space:]]+${JAEGER_MODULE}[[:space:]]+${JAEGER_VERSION}\b" \
    || "$BIN" version 2>/dev/null | grep -c "\"$JAEGER_VERSION\"" >/dev/null
}

# Jaeger's go.mod has a replace directive, which `go install module@version` refuses. Built as the
# main module from its own source, the directive is honoured and the build is the released one.
build_from_module_source() {
  pf_in_go_module_copy "$JAEGER_MODULE@$JAEGER_VERSION" "$INSTALL_LOG" \
    env GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-X $JAEGER_MODULE/internal/version.latestVersion=$JAEGER_VERSION" \
    -o "$1" ./cmd/jaeger
}

cmd_install() {
  pf_state_dirs
  installed && return 0
  command -v go >/dev/null || pf_fail "the Go toolchain is needed to build Jaeger $JAEGER_VERSION and 'go' is not on PATH" "$INSTALL_LOG"
  # A test run and ./pinfold up may install at the same moment: one build, the other waits.
  exec 7>"$PINFOLD_HOME/bin/.jaeger-install.lock"
  flock 7
  if ! installed; then
    build_jaeger 7>&-
  fi
  # Release now: a Jaeger started next would inherit the descriptor and hold the lock for its lifetime.
  exec 7>&-
}

# Builds into a staging folder, then moves the binary in place, so a half-built binary is never used.
build_jaeger() {
  local staging start=$SECONDS
  staging=$(mktemp -d "$PINFOLD_HOME/bin/.jaeger-build.XXXXXX")
  pf_info "building Jaeger $JAEGER_VERSION with Go (once; takes minutes on 2 cores; log: $INSTALL_LOG)"
  # Progress for a person watching, since the build prints nothing for minutes.
  (while sleep 30; do pf_info "still building Jaeger ($((SECONDS - start))s)"; done) &
  local ticker=$!
  local ok=0 attempt="$staging/go-install.out"
  GOBIN="$staging" go install "$JAEGER_MODULE/cmd/jaeger@$JAEGER_VERSION" >"$attempt" 2>&1 && ok=1
  cat "$attempt" >>"$INSTALL_LOG"
  if ((!ok)) && grep -q "replace directives" "$attempt"; then
    pf_info "go install refuses the module's replace directive; building from the module source instead"
    build_from_module_source "$staging/jaeger" && ok=1
  fi
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  if ((ok)); then
    mv -f "$staging/jaeger" "$BIN"
  fi
  rm -rf "$staging"
  ((ok)) || pf_fail "could not build Jaeger $JAEGER_VERSION" "$INSTALL_LOG"
  pf_info "installed $BIN ($((SECONDS - start))s)"
}

query_api_answers() {
  curl -fsS --max-time 2 "$QUERY_URL/api/services" 2>/dev/null | grep -c '"data"' >/dev/null
}

cmd_start() {
  pf_state_dirs
  local pid port
  if pid=$(pf_pid jaeger); then
    pf_info "already running (pid $pid); UI $QUERY_URL"
    return 0
  fi
  cmd_install
  for port in "$PINFOLD_JAEGER_UI_PORT" "$PINFOLD_JAEGER_OTLP_GRPC_PORT" "$PINFOLD_JAEGER_OTLP_HTTP_PORT" \
    "$PINFOLD_JAEGER_QUERY_GRPC_PORT" "$PINFOLD_JAEGER_HEALTH_PORT"; do
    pf_require_free_port 127.0.0.1 "$port" "Jaeger" "$LOG"
  done
  pf_info "starting (UI $QUERY_URL, OTLP gRPC 127.0.0.1:$PINFOLD_JAEGER_OTLP_GRPC_PORT, HTTP 127.0.0.1:$PINFOLD_JAEGER_OTLP_HTTP_PORT)"
  pf_spawn jaeger "$LOG" "$BIN" "$BIN" --config "$CONFIG"
  pf_wait_port jaeger 127.0.0.1 "$PINFOLD_JAEGER_OTLP_GRPC_PORT" "$START_TIMEOUT" "$LOG"
  pf_wait_until jaeger "$START_TIMEOUT" "the query API ($QUERY_URL/api/services)" "$LOG" query_api_answers
  pf_info "ready; UI $QUERY_URL"
  pf_watch_owner jaeger "$PF_ROOT/deploy/local/parts/jaeger.sh" stop
}

cmd_stop() {
  if pf_pid jaeger >/dev/null; then
    pf_info "stopping"
    pf_terminate jaeger 15
  fi
}

cmd_status() {
  pf_status_line jaeger "ui=$QUERY_URL otlp-grpc=http://127.0.0.1:$PINFOLD_JAEGER_OTLP_GRPC_PORT otlp-http=http://127.0.0.1:$PINFOLD_JAEGER_OTLP_HTTP_PORT"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
