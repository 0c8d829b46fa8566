#!/usr/bin/env bash
# Validates deploy/k8s and deploy/compose without a cluster or a Docker engine:
#   1. `kustomize build` of base, overlays/dev and overlays/production;
#   2. kubeconform against strict JSON schemas made from Kubernetes' own OpenAPI document (the
#      k8s.io/kubernetes Go module) and, when PINFOLD_STRIMZI_CRDS names Strimzi's CRD files, from
#      those too (otherwise the Kafka, KafkaNodePool and KafkaTopic resources skip this step);
#   3. tools/check_manifests.py: probes, resources, references, replica and replication settings that
#      must agree, the KafkaTopics against libs/event-contracts, PINFOLD_* settings against what the
#      services' sources read (tools/config_keys.py), the Grafana dashboard's metrics;
#   4. promtool check config, when promtool is on PATH or in $PINFOLD_HOME/bin;
#   5. deploy/compose/check.py.
# Tools it lacks go into $PINFOLD_HOME/bin (Go module proxy). Not part of the test command.
#
# Environment: PINFOLD_HOME [~/.cache/pinfold], PINFOLD_STRIMZI_CRDS (a folder holding Strimzi's
# *-Crd-*.yaml files, e.g. install/cluster-operator of the Strimzi 1.0.1 release).
set -euo pipefail

readonly KUSTOMIZE_VERSION=v5.8.2   # v5.8.3 needs Go 1.27
readonly KUBECONFORM_VERSION=v0.8.0
readonly KUBERNETES_VERSION=v1.34.3 # the OpenAPI document the schemas are made from

K8S_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$K8S_DIR/../.." && pwd)
PINFOLD_HOME=${PINFOLD_HOME:-$HOME/.cache/pinfold}
BIN=$PINFOLD_HOME/bin
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
START=$SECONDS

fail() {
  echo "check: $*" >&2
  exit 1
}

step() { echo "== $*" >&2; }

install_go_tool() {
  local name=$1 package=$2
  [[ -x "$BIN/$name" ]] && return 0
  command -v go >/dev/null || fail "$name is not in $BIN and 'go' is not on PATH to install it"
  step "installing $name ($package) into $BIN"
  mkdir -p "$BIN"
  GOBIN="$BIN" go install "$package" || fail "could not install $package"
}

ensure_tools() {
  install_go_tool kustomize "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  install_go_tool kubeconform "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
  python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet pyyaml \
    || fail "python3 needs PyYAML (pip install pyyaml)"
}

# Strict schemas of every built-in kind, made once per Kubernetes version and kept in PINFOLD_HOME.
core_schemas() {
  local dir=$PINFOLD_HOME/k8s-schemas/$KUBERNETES_VERSION module_dir
  if [[ ! -f "$dir/.complete" ]]; then
    step "making JSON schemas from the OpenAPI document of Kubernetes $KUBERNETES_VERSION"
    module_dir=$(go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])') \
      || fail "could not download the k8s.io/kubernetes@$KUBERNETES_VERSION module"
    rm -rf "$dir"
    python3 "$K8S_DIR/tools/make_schemas.py" "$dir" --swagger "$module_dir/api/openapi-spec/swagger.json" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}

# Schemas of the Strimzi kinds, from the CRDs named by PINFOLD_STRIMZI_CRDS; empty when not set.
strimzi_schemas() {
  [[ -n "${PINFOLD_STRIMZI_CRDS:-}" ]] || return 0
  local -a crds=()
  mapfile -t crds < <(find "$PINFOLD_STRIMZI_CRDS" -name '*Crd*.yaml' | sort)
  ((${#crds[@]})) || fail "PINFOLD_STRIMZI_CRDS=$PINFOLD_STRIMZI_CRDS holds no *Crd*.yaml file"
  local args=() crd
  for crd in "${crds[@]}"; do args+=(--crd "$crd"); done
  python3 "$K8S_DIR/tools/make_schemas.py" "$WORK/crd-schemas" "${args[@]}" >&2 \
    || fail "could not make schemas from the CRDs in $PINFOLD_STRIMZI_CRDS"
  echo "$WORK/crd-schemas"
}

# The topics of libs/event-contracts, as tools/TopicContract.java prints them.
contract_topics() {
  local classes=$ROOT/libs/event-contracts/target/classes
  if [[ ! -f "$classes/io/pinfold/events/Topic.class" ]] \
    || [[ -n "$(find "$ROOT/libs/event-contracts/src/main" -newer "$classes/io/pinfold/events/Topic.class" -print -quit)" ]]; then
    step "compiling libs/event-contracts (for the topic contract)"
    (cd "$ROOT" && ./mvnw -q -B -pl libs/event-contracts -am compile) >"$WORK/compile.log" 2>&1 \
      || fail "libs/event-contracts did not compile (log below)$(printf '\n'; tail -n 20 "$WORK/compile.log")"
  fi
  java -cp "$classes" "$K8S_DIR/tools/TopicContract.java" >"$WORK/topics.json" \
    || fail "tools/TopicContract.java could not read io.pinfold.events.Topic"
}

main() {
  ensure_tools
  local core crd
  core=$(core_schemas)
  crd=$(strimzi_schemas)
  local -a schema_args=(-schema-location "$core/{{ .ResourceKind }}{{ .KindSuffix }}.json")
  if [[ -n "$crd" ]]; then
    schema_args+=(-schema-location "$crd/{{ .ResourceKind }}{{ .KindSuffix }}.json")
  else
    echo "note: PINFOLD_STRIMZI_CRDS is not set: Kafka, KafkaNodePool and KafkaTopic skip the schema step"
    schema_args+=(-skip "Kafka,KafkaNodePool,KafkaTopic")
  fi
  contract_topics

  local target profile rendered
  for target in base overlays/dev overlays/production; do
    profile=${target#overlays/}
    rendered=$WORK/$profile.yaml
    step "$target: kustomize build"
    "$BIN/kustomize" build "$K8S_DIR/$target" >"$rendered" || fail "$target: kustomize build failed"
    step "$target: kubeconform"
    "$BIN/kubeconform" -strict -summary "${schema_args[@]}" "$rendered" || fail "$target: schema validation failed"
    step "$target: manifest rules"
    python3 "$K8S_DIR/tools/check_manifests.py" "$rendered" --profile "$profile" --topics "$WORK/topics.json" \
      --sources "$ROOT" \
      || fail "$target: manifest rules failed"
  done

  step "examples: kubeconform"
  "$BIN/kubeconform" -strict -summary "${schema_args[@]}" "$K8S_DIR"/examples/*.yaml || fail "examples: schema validation failed"

  local promtool
  promtool=$(command -v promtool || true)
  [[ -z "$promtool" && -x "$BIN/promtool" ]] && promtool=$BIN/promtool
  if [[ -n "$promtool" ]]; then
    step "prometheus.yml: promtool check config"
    "$promtool" check config --syntax-only "$K8S_DIR/base/observability/prometheus/prometheus.yml" \
      || fail "prometheus.yml is not a valid Prometheus configuration"
  else
    echo "note: no promtool on PATH or in $BIN: prometheus.yml is only read by the manifest rules"
  fi

  step "deploy/compose: structure"
  python3 "$ROOT/deploy/compose/check.py" || fail "deploy/compose/compose.yaml failed its checks"

  echo "check: all passed in $((SECONDS - START)) s"
}

main "$@"
