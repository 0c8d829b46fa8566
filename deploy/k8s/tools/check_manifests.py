#!/usr/bin/env python3
"""Checks what a schema cannot: that a rendered Pinfold overlay hangs together and follows its rules.

usage: check_manifests.py RENDERED.yaml --profile base|dev|production --topics TOPICS.json [--sources REPO_ROOT]

RENDERED.yaml is `kustomize build` output; TOPICS.json is what tools/TopicContract.java prints (the
topics of libs/event-contracts). Prints one line per problem, naming the resource and the reason, and
exits 1 when there is any.
"""
import argparse
import json
import re
import sys
from urllib.parse import urlparse

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import config_keys  # noqa: E402

SERVICE_PORTS = {"gateway-edge": 8080, "pin-service": 8081, "takedown-service": 8082, "gc-service": 8083}
# The management interface of each (health, metrics, OpenAPI): probes and Prometheus use it, no Service exposes it.
MANAGEMENT_PORTS = {"gateway-edge": 9080, "pin-service": 9081, "takedown-service": 9082, "gc-service": 9083}
SERVICES_WITH_DATABASE = {"pin-service", "takedown-service", "gc-service"}
KUBO_IMAGE = "ipfs/kubo:v0.43.1"
PROFILES = {
    "base": {"service_replicas": 2, "edge_service_type": "LoadBalancer", "external_secrets": set(), "production": False},
    "dev": {"service_replicas": 1, "edge_service_type": "ClusterIP", "external_secrets": set(), "production": False},
    "production": {"service_replicas": 2, "edge_service_type": "LoadBalancer",
                   "external_secrets": {"pinfold-postgres", "grafana-admin", "pinfold-pin-admin"}, "production": True},
}
# Metric families the services expose (read off their /q/metrics) or Strimzi's Kafka Exporter does.
KNOWN_METRICS = {
    "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "http_server_requests_seconds_max",
    "pinfold_outbox_published_total", "pinfold_outbox_lag_seconds_sum", "pinfold_outbox_lag_seconds_count",
    "pinfold_outbox_lag_seconds_max", "kafka_consumer_fetch_manager_records_lag", "kafka_consumergroup_lag",
    "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "process_cpu_usage", "pinfold_edge_pool_nodes",
    "pinfold_edge_pool_serving", "up",
}
PROMQL_WORDS = {"sum", "max", "min", "avg", "by", "rate", "topk", "without", "count", "on", "ignoring"}


def quantity_bytes(text):
    """'1Gi' -> 1073741824; '512M' -> 512000000; '90GB' (Kubo's unit) -> 90000000000."""
    match = re.fullmatch(r"([0-9.]+)\s*([KMGTE]i?|[kKMGTE]B|)", str(text))
    if not match:
        raise ValueError(f"not a size: {text!r}")
    number, unit = float(match.group(1)), match.group(2)
    scale = {"": 1, "K": 1e3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "E": 1e18, "kB": 1e3, "KB": 1e3,
             "MB": 1e6, "GB": 1e9, "TB": 1e12, "EB": 1e18, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40,
             "Ei": 2**60}[unit]
    return number * scale


class Rendered:
    """The rendered resources, looked up by kind and name."""

    def __init__(self, docs):
        self.docs = [doc for doc in docs if doc]
        self.by_kind = {}
        for doc in self.docs:
            self.by_kind.setdefault(doc["kind"], []).append(doc)

    def all(self, *kinds):
        return [doc for kind in kinds for doc in self.by_kind.get(kind, [])]

    def one(self, kind, name):
        found = [doc for doc in self.by_kind.get(kind, []) if doc["metadata"]["name"] == name]
        return found[0] if found else None

    def config_map(self, logical_name):
        """A generated ConfigMap by its name before kustomize appended the content hash."""
        for doc in self.by_kind.get("ConfigMap", []):
            if re.fullmatch(re.escape(logical_name) + r"(-[a-z0-9]{10})?", doc["metadata"]["name"]):
                return doc
        return None

    def workloads(self):
        return self.all("Deployment", "StatefulSet")


class Checker:
    def __init__(self, rendered, profile, topics, service_keys=None):
        self.r = rendered
        self.service_keys = service_keys
        self.profile_name = profile
        self.profile = PROFILES[profile]
        self.topics = topics
        self.problems = []

    def fail(self, doc, message):
        where = f"{doc['kind']}/{doc['metadata']['name']}" if isinstance(doc, dict) else doc
        self.problems.append(f"{self.profile_name}: {where}: {message}")

    # --- every workload ---------------------------------------------------------------------------

    def check_workloads(self):
        for doc in self.r.workloads():
            pod = doc["spec"]["template"]["spec"]
            for container in pod["containers"]:
                self.check_container(doc, container)
            for container in pod.get("initContainers", []):
                if "limits" not in container.get("resources", {}):
                    self.fail(doc, f"init container {container['name']}: no resource limits")
            annotations = doc["spec"]["template"]["metadata"].get("annotations", {})
            if annotations.get("prometheus.io/scrape") == "true":
                ports = {str(p["containerPort"]) for c in pod["containers"] for p in c.get("ports", [])}
                if annotations.get("prometheus.io/port") not in ports:
                    self.fail(doc, f"prometheus.io/port {annotations.get('prometheus.io/port')} is not a port of the pod")
                if not annotations.get("prometheus.io/path", "").startswith("/"):
                    self.fail(doc, "prometheus.io/scrape without a prometheus.io/path")
            template_labels = doc["spec"]["template"]["metadata"].get("labels", {})
            selector = doc["spec"]["selector"]["matchLabels"]
            if any(template_labels.get(k) != v for k, v in selector.items()):
                self.fail(doc, f"selector {selector} does not match the pod labels {template_labels}")

    def check_container(self, doc, container):
        name = container["name"]
        image = container.get("image", "")
        if ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
            self.fail(doc, f"container {name}: image '{image}' has no pinned tag")
        resources = container.get("resources", {})
        for part, keys in (("requests", ("cpu", "memory")), ("limits", ("memory",))):
            for key in keys:
                if key not in resources.get(part, {}):
                    self.fail(doc, f"container {name}: resources.{part}.{key} missing")
        requests, limits = resources.get("requests", {}), resources.get("limits", {})
        if "memory" in requests and "memory" in limits \
                and quantity_bytes(requests["memory"]) > quantity_bytes(limits["memory"]):
            self.fail(doc, f"container {name}: memory request above its limit")
        # The peering sidecar only runs a loop; everything else must say when it is alive and ready.
        if name != "peering":
            for probe in ("livenessProbe", "readinessProbe"):
                if probe not in container:
                    self.fail(doc, f"container {name}: no {probe}")
        ports = {p.get("name") for p in container.get("ports", [])}
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            action = container.get(probe, {})
            port = (action.get("httpGet") or action.get("tcpSocket") or {}).get("port")
            if isinstance(port, str) and port not in ports:
                self.fail(doc, f"container {name}: {probe} uses port '{port}', which the container does not declare")
        if not container.get("securityContext", {}).get("allowPrivilegeEscalation") is False:
            self.fail(doc, f"container {name}: allowPrivilegeEscalation is not false")

    # --- the four Pinfold services ----------------------------------------------------------------

    def check_services(self):
        for name, port in SERVICE_PORTS.items():
            deployment = self.r.one("Deployment", name)
            if deployment is None:
                self.fail(f"Deployment/{name}", "missing")
                continue
            spec = deployment["spec"]
            if spec.get("replicas") != self.profile["service_replicas"]:
                self.fail(deployment, f"replicas {spec.get('replicas')}, expected {self.profile['service_replicas']}")
            template = spec["template"]
            annotations = template["metadata"].get("annotations", {})
            management = MANAGEMENT_PORTS[name]
            if annotations.get("prometheus.io/scrape") != "true" or annotations.get("prometheus.io/port") != str(management) \
                    or annotations.get("prometheus.io/path") != "/q/metrics":
                self.fail(deployment, f"pod annotations must ask Prometheus to scrape :{management}/q/metrics (management port)")
            container = template["spec"]["containers"][0]
            if not container["image"].startswith(f"ghcr.io/pinfold/{name}:"):
                self.fail(deployment, f"image {container['image']} is not ghcr.io/pinfold/{name}:<tag>")
            declared = [(p.get("name"), p["containerPort"]) for p in container.get("ports", [])]
            if declared != [("http", port), ("management", management)]:
                self.fail(deployment, f"container ports must be http {port} and management {management} "
                                      f"(the service's default HTTP and management ports), not {declared}")
            expected_paths = {"startupProbe": "/q/health/started", "livenessProbe": "/q/health/live",
                              "readinessProbe": "/q/health/ready"}
            for probe, path in expected_paths.items():
                actual = container.get(probe, {}).get("httpGet", {}).get("path")
                if actual != path:
                    self.fail(deployment, f"{probe} path {actual}, expected {path}")
                probe_port = container.get(probe, {}).get("httpGet", {}).get("port")
                if probe_port not in ("management", management):
                    self.fail(deployment, f"{probe} uses port {probe_port}; health is only on the management port")
            self.check_java_memory(deployment, container)
            env_from = container.get("envFrom", [])
            config_refs = [e["configMapRef"]["name"] for e in env_from if "configMapRef" in e]
            secret_refs = [e["secretRef"]["name"] for e in env_from if "secretRef" in e]
            if not any(re.fullmatch(r"pinfold-config(-[a-z0-9]{10})?", ref) for ref in config_refs):
                self.fail(deployment, "does not read the pinfold-config ConfigMap (envFrom)")
            if name in SERVICES_WITH_DATABASE and "pinfold-postgres" not in secret_refs:
                self.fail(deployment, "does not read the pinfold-postgres Secret (envFrom)")
            if name not in SERVICES_WITH_DATABASE and "pinfold-postgres" in secret_refs:
                self.fail(deployment, "reads database credentials it has no use for")
            service = self.r.one("Service", name)
            if service is None:
                self.fail(f"Service/{name}", "missing")
                continue
            for service_port in service["spec"].get("ports", []):
                if service_port.get("targetPort") in ("management", management):
                    self.fail(service, "exposes the management port (health, metrics, OpenAPI, the edge's pool)")
            expected_type = self.profile["edge_service_type"] if name == "gateway-edge" else "ClusterIP"
            if service["spec"].get("type", "ClusterIP") != expected_type:
                self.fail(service, f"type {service['spec'].get('type', 'ClusterIP')}, expected {expected_type}")

    def check_java_memory(self, doc, container):
        env = {e["name"]: e.get("value", "") for e in container.get("env", [])}
        match = re.search(r"-XX:MaxRAMPercentage=([0-9.]+)", env.get("JAVA_OPTS", ""))
        if not match:
            self.fail(doc, "JAVA_OPTS does not size the heap with -XX:MaxRAMPercentage")
            return
        limit = quantity_bytes(container["resources"]["limits"]["memory"])
        off_heap = limit * (1 - float(match.group(1)) / 100)
        # Metaspace, code cache, thread stacks and Netty's direct buffers of a Quarkus service.
        if off_heap < 256 * 2**20:
            self.fail(doc, f"only {off_heap / 2**20:.0f} MiB outside the heap; lower MaxRAMPercentage or raise the limit")

    # --- references between resources ------------------------------------------------------------

    def check_references(self):
        config_maps = {d["metadata"]["name"] for d in self.r.all("ConfigMap")}
        secrets = {d["metadata"]["name"] for d in self.r.all("Secret")} | self.profile["external_secrets"]
        for doc in self.r.workloads():
            pod = doc["spec"]["template"]["spec"]
            for container in pod["containers"] + pod.get("initContainers", []):
                for source in container.get("envFrom", []):
                    if "configMapRef" in source and source["configMapRef"]["name"] not in config_maps:
                        self.fail(doc, f"envFrom names ConfigMap {source['configMapRef']['name']}, which is not rendered")
                    if "secretRef" in source and source["secretRef"]["name"] not in secrets:
                        self.fail(doc, f"envFrom names Secret {source['secretRef']['name']}, which is not rendered")
                for var in container.get("env", []):
                    ref = var.get("valueFrom", {}).get("secretKeyRef")
                    if ref and ref["name"] not in secrets:
                        self.fail(doc, f"env {var['name']} names Secret {ref['name']}, which is not rendered")
                    if ref and ref["name"] not in self.profile["external_secrets"]:
                        secret = self.r.one("Secret", ref["name"])
                        if ref["key"] not in secret.get("stringData", {}) and ref["key"] not in secret.get("data", {}):
                            self.fail(doc, f"env {var['name']}: Secret {ref['name']} has no key {ref['key']}")
            for volume in pod.get("volumes", []):
                if "configMap" in volume and volume["configMap"]["name"] not in config_maps:
                    self.fail(doc, f"volume {volume['name']} names ConfigMap {volume['configMap']['name']}, which is not rendered")
            mounted = {m["name"] for c in pod["containers"] + pod.get("initContainers", []) for m in c.get("volumeMounts", [])}
            declared = {v["name"] for v in pod.get("volumes", [])} \
                | {t["metadata"]["name"] for t in doc["spec"].get("volumeClaimTemplates", [])}
            for name in mounted - declared:
                self.fail(doc, f"mounts volume {name}, which the pod does not declare")
        for service in self.r.all("Service"):
            spec = service["spec"]
            if spec.get("externalTrafficPolicy") and spec.get("type") not in ("LoadBalancer", "NodePort"):
                self.fail(service, "externalTrafficPolicy is only allowed on LoadBalancer and NodePort Services")
            pods = [w for w in self.r.workloads()
                    if all(w["spec"]["template"]["metadata"].get("labels", {}).get(k) == v
                           for k, v in spec.get("selector", {}).items())]
            if not pods:
                self.fail(service, f"selector {spec.get('selector')} matches no workload")
                continue
            port_names = {p.get("name") for w in pods for c in w["spec"]["template"]["spec"]["containers"]
                          for p in c.get("ports", [])}
            for port in spec.get("ports", []):
                target = port.get("targetPort")
                if isinstance(target, str) and target not in port_names:
                    self.fail(service, f"targetPort '{target}' is not a port of the selected pods")

    # --- settings that must agree with each other -------------------------------------------------

    def check_settings(self):
        config = self.r.config_map("pinfold-config")
        if config is None:
            self.fail("ConfigMap/pinfold-config", "missing")
            return
        data = config["data"]
        kubo = self.r.one("StatefulSet", "kubo")
        replicas = kubo["spec"]["replicas"]
        for key, port in (("PINFOLD_KUBO_RPC_URLS", 5001), ("PINFOLD_KUBO_GATEWAY_URLS", 8080)):
            urls = data.get(key, "").split(",")
            expected = [f"http://kubo-{n}.kubo:{port}" for n in range(replicas)]
            if urls != expected:
                self.fail(config, f"{key}={data.get(key)}; with {replicas} Kubo node(s) it must be {','.join(expected)}")
        brokers = sum(pool["spec"]["replicas"] for pool in self.r.all("KafkaNodePool") if "broker" in pool["spec"]["roles"])
        controllers = sum(pool["spec"]["replicas"] for pool in self.r.all("KafkaNodePool")
                          if "controller" in pool["spec"]["roles"])
        if controllers % 2 == 0:
            self.fail("KafkaNodePool", f"{controllers} KRaft controllers: a quorum needs an odd number")
        replication = int(data.get("PINFOLD_TOPICS_REPLICATION_FACTOR", "1"))
        if replication > brokers:
            self.fail(config, f"PINFOLD_TOPICS_REPLICATION_FACTOR={replication} but only {brokers} broker(s)")
        kafka = self.r.all("Kafka")[0]
        kafka_config = kafka["spec"]["kafka"].get("config", {})
        for key in ("default.replication.factor", "offsets.topic.replication.factor",
                    "transaction.state.log.replication.factor"):
            if int(kafka_config.get(key, 1)) > brokers:
                self.fail(kafka, f"{key}={kafka_config.get(key)} but only {brokers} broker(s)")
        if int(kafka_config.get("min.insync.replicas", 1)) > replication:
            self.fail(kafka, "min.insync.replicas is above the topics' replication factor: no write could succeed")
        listener_ports = {l["port"] for l in kafka["spec"]["kafka"]["listeners"] if not l.get("tls")}
        bootstrap = data.get("PINFOLD_KAFKA_BOOTSTRAP", "")
        host, _, port = bootstrap.partition(":")
        if host != f"{kafka['metadata']['name']}-kafka-bootstrap" or int(port or 0) not in listener_ports:
            self.fail(config, f"PINFOLD_KAFKA_BOOTSTRAP={bootstrap} is not the bootstrap Service of Kafka "
                              f"{kafka['metadata']['name']} on a plain listener {sorted(listener_ports)}")
        self.check_address(config, "PINFOLD_PG_HOST", data.get("PINFOLD_PG_HOST"), int(data.get("PINFOLD_PG_PORT", 0)))
        otlp = urlparse(data.get("PINFOLD_OTLP_ENDPOINT", ""))
        self.check_address(config, "PINFOLD_OTLP_ENDPOINT", otlp.hostname, otlp.port)
        for topic in self.r.all("KafkaTopic"):
            if topic["spec"].get("replicas") != replication:
                self.fail(topic, f"replicas {topic['spec'].get('replicas')}, but the services create missing topics "
                                 f"with PINFOLD_TOPICS_REPLICATION_FACTOR={replication}")
        self.check_topics(data)

    def check_address(self, doc, key, host, port):
        service = self.r.one("Service", host or "")
        if service is None or port not in {p["port"] for p in service["spec"]["ports"]}:
            self.fail(doc, f"{key}: no Service {host} with port {port}")

    def check_topics(self, data):
        partitions = int(data.get("PINFOLD_TOPICS_PARTITIONS", "6"))
        declared = {t["metadata"]["name"]: t for t in self.r.all("KafkaTopic")}
        for contract in self.topics:
            name = contract["name"]
            topic = declared.pop(name, None)
            if topic is None:
                self.fail(f"KafkaTopic/{name}", "missing: every topic of libs/event-contracts needs one")
                continue
            # The services' TopicProvisioner uses PINFOLD_TOPICS_PARTITIONS for all but the dead-letter topic.
            expected = contract["partitions"] if contract["kind"] == "DEAD_LETTER" else partitions
            if topic["spec"].get("partitions") != expected:
                self.fail(topic, f"partitions {topic['spec'].get('partitions')}, the contract says {expected}")
            actual = {k: str(v) for k, v in topic["spec"].get("config", {}).items()}
            if actual != contract["configs"]:
                self.fail(topic, f"config {actual}, the contract says {contract['configs']}")
        for name, topic in declared.items():
            self.fail(topic, "not a topic of libs/event-contracts")

    def check_keys_are_read(self):
        """A PINFOLD_* setting that no service reads is a typo or a leftover."""
        if self.service_keys is None:
            return
        read = set().union(*self.service_keys.values())
        given = {}
        for name in SERVICE_PORTS:
            container = self.r.one("Deployment", name)["spec"]["template"]["spec"]["containers"][0]
            for var in container.get("env", []):
                given.setdefault(var["name"], f"Deployment/{name}")
            for source in container.get("envFrom", []):
                ref = source.get("configMapRef") or source.get("secretRef")
                kind = "ConfigMap" if "configMapRef" in source else "Secret"
                resource = self.r.one(kind, ref["name"]) or {}
                for key in list(resource.get("data", {})) + list(resource.get("stringData", {})):
                    given.setdefault(key, f"{kind}/{ref['name']}")
        for key, where in sorted(given.items()):
            if key.startswith("PINFOLD_") and key not in read:
                self.fail(where, f"{key} is set but no service reads it")

    # --- Kubo ----------------------------------------------------------------------------------------

    def check_kubo(self):
        kubo = self.r.one("StatefulSet", "kubo")
        pod = kubo["spec"]["template"]["spec"]
        init = pod.get("initContainers", [])
        if not init or init[0]["image"] != KUBO_IMAGE:
            self.fail(kubo, f"needs an init container on {KUBO_IMAGE} that creates the repo")
        scripts = self.r.config_map("kubo-scripts")
        if scripts is None or "ipfs init --profile=server" not in scripts["data"].get("init-repo.sh", ""):
            self.fail(kubo, "init-repo.sh must run `ipfs init --profile=server` once")
        main = pod["containers"][0]
        if main["image"] != KUBO_IMAGE:
            self.fail(kubo, f"image {main['image']}, expected {KUBO_IMAGE}")
        claims = {t["metadata"]["name"]: t for t in kubo["spec"].get("volumeClaimTemplates", [])}
        repo_mounts = [m for m in main.get("volumeMounts", []) if m["mountPath"] == "/data/ipfs"]
        if not repo_mounts or repo_mounts[0]["name"] not in claims:
            self.fail(kubo, "the repo (/data/ipfs) must live on a volumeClaimTemplate")
        else:
            size = quantity_bytes(claims[repo_mounts[0]["name"]]["spec"]["resources"]["requests"]["storage"])
            env = {e["name"]: e.get("value") for e in init[0].get("env", [])}
            if "KUBO_STORAGE_MAX" not in env or quantity_bytes(env["KUBO_STORAGE_MAX"]) >= size:
                self.fail(kubo, f"KUBO_STORAGE_MAX={env.get('KUBO_STORAGE_MAX')} must stay below the volume ({size / 2**30:.0f} GiB)")
        service = self.r.one("Service", kubo["spec"]["serviceName"])
        if service is None or service["spec"].get("clusterIP") != "None":
            self.fail(kubo, f"its governing Service {kubo['spec']['serviceName']} must be headless")
        elif {p["name"] for p in service["spec"]["ports"]} < {"api", "gateway", "swarm"}:
            self.fail(service, "must publish the api, gateway and swarm ports")

    # --- production-only rules --------------------------------------------------------------------

    def check_production(self):
        budgets = self.r.all("PodDisruptionBudget")
        names = list(SERVICE_PORTS) + ["kubo"]
        for name in names:
            workload = self.r.one("Deployment", name) or self.r.one("StatefulSet", name)
            labels = workload["spec"]["template"]["metadata"]["labels"]
            covering = [b for b in budgets
                        if all(labels.get(k) == v for k, v in b["spec"]["selector"].get("matchLabels", {}).items())]
            if self.profile["production"] and not covering:
                self.fail(workload, "no PodDisruptionBudget covers it")
            affinity = workload["spec"]["template"]["spec"].get("affinity", {}).get("podAntiAffinity")
            if self.profile["production"] and not affinity:
                self.fail(workload, "no pod anti-affinity")
        for secret in self.r.all("Secret"):
            if self.profile["production"]:
                self.fail(secret, "development credentials must not be part of the production overlay")

    # --- Prometheus ---------------------------------------------------------------------------------

    def check_prometheus(self):
        config = yaml.safe_load(self.r.config_map("prometheus")["data"]["prometheus.yml"])
        jobs = [job for job in config.get("scrape_configs", [])
                if any(sd.get("role") == "pod" for sd in job.get("kubernetes_sd_configs", []))]
        keeps_annotated = any(rule.get("action") == "keep" and rule.get("source_labels") ==
                              ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"]
                              for job in jobs for rule in job.get("relabel_configs", []))
        if not keeps_annotated:
            self.fail("ConfigMap/prometheus", "no pod discovery job that keeps pods annotated prometheus.io/scrape")
        statefulset = self.r.one("StatefulSet", "prometheus")
        account = statefulset["spec"]["template"]["spec"].get("serviceAccountName")
        bindings = [b for b in self.r.all("RoleBinding", "ClusterRoleBinding")
                    if any(s.get("kind") == "ServiceAccount" and s.get("name") == account for s in b["subjects"])]
        roles = [self.r.one(b["roleRef"]["kind"], b["roleRef"]["name"]) for b in bindings]
        can_watch_pods = any("pods" in rule.get("resources", []) and {"list", "watch"} <= set(rule.get("verbs", []))
                             for role in roles if role for rule in role.get("rules", []))
        if not can_watch_pods:
            self.fail(statefulset, f"service account {account} may not list and watch pods, so discovery finds nothing")

    # --- Grafana ------------------------------------------------------------------------------------

    def check_grafana(self):
        datasources = yaml.safe_load(self.r.config_map("grafana-datasources")["data"]["datasources.yaml"])
        uids = {d["uid"] for d in datasources["datasources"]}
        for ds in datasources["datasources"]:
            host = urlparse(ds["url"])
            self.check_address("ConfigMap/grafana-datasources", f"datasource {ds['name']}", host.hostname, host.port)
        dashboards = self.r.config_map("grafana-dashboards")
        for file_name, text in dashboards["data"].items():
            where = f"ConfigMap/grafana-dashboards/{file_name}"
            dashboard = json.loads(text)
            variables = {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}
            for panel in dashboard["panels"]:
                if panel["type"] == "row":
                    continue
                uid = panel.get("datasource", {}).get("uid", "")
                variable = uid[2:-1] if uid.startswith("${") else None
                if variable and variables.get(variable, {}).get("current", {}).get("value") not in uids:
                    self.fail(where, f"panel '{panel['title']}': variable {uid} does not default to a provisioned datasource")
                elif not variable and uid not in uids:
                    self.fail(where, f"panel '{panel['title']}': datasource {uid} is not provisioned")
                if not panel.get("targets"):
                    self.fail(where, f"panel '{panel['title']}' has no query")
                for target in panel.get("targets", []):
                    self.check_promql(where, panel["title"], target.get("expr", ""))

    def check_promql(self, where, title, expr):
        if expr.count("(") != expr.count(")") or expr.count("{") != expr.count("}"):
            self.fail(where, f"panel '{title}': unbalanced brackets in {expr}")
        # Words before '{' or '[' are metric names: they must be ones the services really expose.
        for name in re.findall(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=\{|\[)", expr):
            if name not in KNOWN_METRICS and name not in PROMQL_WORDS:
                self.fail(where, f"panel '{title}': unknown metric {name}")

    def run(self):
        for step in (self.check_workloads, self.check_services, self.check_references, self.check_settings, self.check_keys_are_read,
                     self.check_kubo, self.check_production, self.check_prometheus, self.check_grafana):
            step()
        return self.problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rendered")
    parser.add_argument("--profile", required=True, choices=sorted(PROFILES))
    parser.add_argument("--topics", required=True, help="JSON printed by tools/TopicContract.java")
    parser.add_argument("--sources", help="the repository root, to check the settings against what the services read")
    args = parser.parse_args()
    with open(args.rendered, encoding="utf-8") as handle:
        rendered = Rendered(list(yaml.safe_load_all(handle)))
    with open(args.topics, encoding="utf-8") as handle:
        topics = json.load(handle)
    service_keys = config_keys.read_keys(args.sources) if args.sources else None
    problems = Checker(rendered, args.profile, topics, service_keys).run()
    for problem in problems:
        print(problem)
    print(f"check_manifests: {args.profile}: {len(rendered.docs)} resources, "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
