#!/usr/bin/env python3
"""Checks deploy/compose/compose.yaml without a Docker engine.

1. Against the Compose Specification's JSON schema, as shipped in the compose-go module that
   `docker compose` itself loads files with (fetched with `go mod download`; skipped with a note when
   Go or the jsonschema package is missing).
2. Rules of its own: pinned images, files and build contexts that exist, depends_on targets that exist
   and have a health check when one is awaited, no host port published twice, and the PINFOLD_*
   settings of the four services pointing at services of this file and read by the services' sources
   (deploy/k8s/tools/config_keys.py).

usage: check.py [COMPOSE_FILE]
"""
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlparse

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "k8s", "tools"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import config_keys  # noqa: E402  (shared with the Kubernetes checks)

COMPOSE_GO = "github.com/compose-spec/compose-go/v2@v2.16.2"
PINFOLD_SERVICES = {"gateway-edge": 8080, "pin-service": 8081, "takedown-service": 8082, "gc-service": 8083}
# Their management interfaces: health, metrics, OpenAPI (and the edge's pool), never on the main port.
MANAGEMENT_PORTS = {"gateway-edge": 9080, "pin-service": 9081, "takedown-service": 9082, "gc-service": 9083}
REQUIRED_SETTINGS = ("PINFOLD_KAFKA_BOOTSTRAP", "PINFOLD_PG_HOST", "PINFOLD_PG_PORT", "PINFOLD_PG_USER",
                     "PINFOLD_PG_PASSWORD", "PINFOLD_KUBO_RPC_URLS", "PINFOLD_KUBO_GATEWAY_URLS",
                     "PINFOLD_OTLP_ENDPOINT")


def schema_problems(document):
    try:
        import jsonschema
    except ImportError:
        return None, "the jsonschema package is missing (pip install jsonschema)"
    try:
        listing = subprocess.run(["go", "mod", "download", "-json", COMPOSE_GO], check=True,
                                 capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        return None, f"could not fetch {COMPOSE_GO} ({error})"
    with open(os.path.join(json.loads(listing)["Dir"], "schema", "compose-spec.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    return [f"schema: at /{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)], None


def environment(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def published(port):
    """'127.0.0.1:8080:8080/udp' -> ('127.0.0.1', 8080, 'udp'); '14002:4001' -> ('0.0.0.0', 14002, 'tcp')."""
    text, _, protocol = str(port).partition("/")
    parts = text.split(":")
    if len(parts) == 3:
        return parts[0], int(parts[1]), protocol or "tcp"
    if len(parts) == 2:
        return "0.0.0.0", int(parts[0]), protocol or "tcp"
    return None


def rule_problems(document, base_dir):
    problems = []
    services = document.get("services", {})
    volumes = set(document.get("volumes", {}) or {})
    seen_ports = {}
    for name, service in services.items():
        where = f"services.{name}"
        image = service.get("image", "")
        if not image and "build" not in service:
            problems.append(f"{where}: neither image nor build")
        if image and (":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest")):
            problems.append(f"{where}: image '{image}' has no pinned tag")
        build = service.get("build")
        if isinstance(build, dict):
            context = os.path.normpath(os.path.join(base_dir, build.get("context", ".")))
            dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
            if not os.path.isfile(dockerfile):
                problems.append(f"{where}: build.dockerfile {dockerfile} does not exist")
            target = build.get("args", {}).get("SERVICE")
            if target and not os.path.isdir(os.path.join(context, "services", target)):
                problems.append(f"{where}: build.args.SERVICE={target} is not a folder under services/")
            elif target and os.path.isfile(dockerfile):
                problems += copy_problems(where, dockerfile, context, target)
        for mount in service.get("volumes", []):
            source = str(mount).split(":", 1)[0]
            if source.startswith((".", "/")):
                if not os.path.exists(os.path.normpath(os.path.join(base_dir, source))):
                    problems.append(f"{where}: bind mount source {source} does not exist")
            elif source not in volumes:
                problems.append(f"{where}: volume {source} is not declared under volumes")
        for port in service.get("ports", []):
            key = published(port)
            if key is None:
                continue
            if key in seen_ports:
                problems.append(f"{where}: host port {key[1]}/{key[2]} is published by {seen_ports[key]} too")
            seen_ports[key] = name
        depends = service.get("depends_on", {})
        for target, condition in (depends.items() if isinstance(depends, dict) else ((d, {}) for d in depends)):
            if target not in services:
                problems.append(f"{where}: depends_on {target}, which is not a service")
            elif condition.get("condition") == "service_healthy" and "healthcheck" not in services[target]:
                problems.append(f"{where}: waits for {target} to be healthy, but {target} has no healthcheck")
        test = service.get("healthcheck", {}).get("test")
        if test is not None and not (isinstance(test, list) and test and test[0] in ("CMD", "CMD-SHELL", "NONE")):
            problems.append(f"{where}: healthcheck.test must be a list starting with CMD or CMD-SHELL")
    problems += settings_problems(services)
    return problems


def copy_problems(where, dockerfile, context, service):
    """Each COPY source of the Dockerfile exists in the packaged service (when it has been packaged)."""
    app = os.path.join(context, "services", service, "target", "quarkus-app")
    if not os.path.isdir(app):
        return []
    with open(dockerfile, encoding="utf-8") as handle:
        sources = re.findall(r"^COPY\s+(?:--\S+\s+)*(\S+)\s+\S+\s*$", handle.read(), re.MULTILINE)
    missing = [s for s in sources if not os.path.exists(os.path.join(context, s.replace("${SERVICE}", service)))]
    return [f"{where}: {os.path.basename(dockerfile)} copies {s}, which packaging did not produce" for s in missing]


def settings_problems(services):
    problems = []
    kafka_ports = {int(m.group(1)) for m in re.finditer(
        r"INTERNAL://:(\d+)", environment(services.get("kafka", {})).get("KAFKA_LISTENERS", ""))}
    kubo_nodes = sorted(name for name in services if re.fullmatch(r"kubo-\d+", name))
    for name, port in PINFOLD_SERVICES.items():
        where = f"services.{name}"
        if name not in services:
            problems.append(f"{where}: missing")
            continue
        env = environment(services[name])
        for key in REQUIRED_SETTINGS:
            if key not in env:
                problems.append(f"{where}: environment {key} missing")
        host, _, kafka_port = env.get("PINFOLD_KAFKA_BOOTSTRAP", "").partition(":")
        if host != "kafka" or not kafka_port.isdigit() or int(kafka_port) not in kafka_ports:
            problems.append(f"{where}: PINFOLD_KAFKA_BOOTSTRAP must be kafka:<INTERNAL listener port {sorted(kafka_ports)}>")
        if env.get("PINFOLD_PG_HOST") not in services:
            problems.append(f"{where}: PINFOLD_PG_HOST={env.get('PINFOLD_PG_HOST')} is not a service")
        for key, kubo_port in (("PINFOLD_KUBO_RPC_URLS", 5001), ("PINFOLD_KUBO_GATEWAY_URLS", 8080)):
            expected = ",".join(f"http://{node}:{kubo_port}" for node in kubo_nodes)
            if env.get(key) != expected:
                problems.append(f"{where}: {key}={env.get(key)}, expected {expected}")
        if urlparse(env.get("PINFOLD_OTLP_ENDPOINT", "")).hostname not in services:
            problems.append(f"{where}: PINFOLD_OTLP_ENDPOINT does not name a service")
        if f"127.0.0.1:{port}:{port}" not in [str(p) for p in services[name].get("ports", [])]:
            problems.append(f"{where}: must publish 127.0.0.1:{port}:{port}")
        management = MANAGEMENT_PORTS[name]
        if f"127.0.0.1:{management}:{management}" not in [str(p) for p in services[name].get("ports", [])]:
            problems.append(f"{where}: must publish its management port as 127.0.0.1:{management}:{management}")
        health = json.dumps(services[name].get("healthcheck", {}))
        if "/q/health/ready" not in health or env.get("HEALTH_PORT", str(management)) != str(management):
            problems.append(f"{where}: healthcheck must ask /q/health/ready on the management port {management} (HEALTH_PORT)")
        if "HEALTH_PORT" not in env:
            problems.append(f"{where}: HEALTH_PORT missing (its healthcheck reads it)")
    read = set().union(*config_keys.read_keys(os.path.join(HERE, "..", "..")).values())
    for name in PINFOLD_SERVICES:
        for key in sorted(environment(services.get(name, {}))):
            if key.startswith("PINFOLD_") and key not in read:
                problems.append(f"services.{name}: {key} is set but no service reads it")
    peering = environment(services.get("kubo-peering", {}))
    rpc = environment(services.get("pin-service", {})).get("PINFOLD_KUBO_RPC_URLS")
    if peering.get("PINFOLD_KUBO_RPC_URLS") != rpc:
        problems.append("services.kubo-peering: PINFOLD_KUBO_RPC_URLS must list the same nodes as the services")
    return problems


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "compose.yaml")
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    problems, skipped = schema_problems(document)
    if skipped:
        print(f"note: compose schema not checked: {skipped}")
        problems = []
    problems += rule_problems(document, os.path.dirname(os.path.abspath(path)))
    for problem in problems:
        print(f"{os.path.basename(path)}: {problem}")
    print(f"compose check: {len(document.get('services', {}))} services, "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
