#!/usr/bin/env python3
"""Lists the environment variables each Pinfold service reads, from its sources.

A service reads an environment variable when its application.properties has a ${PINFOLD_X:default}
placeholder, or when its code (or a library of libs/ it depends on) has a `pinfold.*` config property:
MicroProfile Config maps `pinfold.topics.replication-factor` to PINFOLD_TOPICS_REPLICATION_FACTOR.

usage: config_keys.py [REPO_ROOT]   prints "VARIABLE  service, service" lines
"""
import os
import re
import sys

PLACEHOLDER = re.compile(r"\$\{(PINFOLD_[A-Z0-9_]+)")
CONFIG_PROPERTY = re.compile(r'@ConfigProperty\(\s*name\s*=\s*"(pinfold\.[a-z0-9.-]+)"')
SCHEDULED_PROPERTY = re.compile(r'\$\{(pinfold\.[a-z0-9.-]+)')
CONFIG_MAPPING = re.compile(r'@ConfigMapping\(\s*prefix\s*=\s*"(pinfold\.[a-z0-9.-]+)"')
MAPPING_METHOD = re.compile(r"^\s+[\w<>, ?]+\s+(\w+)\(\);", re.MULTILINE)
DEPENDENCY = re.compile(r"<groupId>io\.pinfold</groupId>\s*<artifactId>([\w-]+)</artifactId>")


def env_name(prop):
    """pinfold.topics.replication-factor -> PINFOLD_TOPICS_REPLICATION_FACTOR."""
    return re.sub(r"[^A-Za-z0-9]", "_", prop).upper()


def kebab(name):
    return re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower()


def java_keys(folder):
    keys = set()
    for base, _, files in os.walk(folder):
        for file_name in files:
            if not file_name.endswith(".java"):
                continue
            with open(os.path.join(base, file_name), encoding="utf-8") as handle:
                text = handle.read()
            keys |= {env_name(p) for p in CONFIG_PROPERTY.findall(text) + SCHEDULED_PROPERTY.findall(text)}
            for prefix in CONFIG_MAPPING.findall(text):
                keys |= {env_name(f"{prefix}.{kebab(m)}") for m in MAPPING_METHOD.findall(text)}
    return keys


def library_closure(root, module_dir, seen=None):
    """The libs/ modules a module depends on, transitively."""
    seen = set() if seen is None else seen
    pom = os.path.join(module_dir, "pom.xml")
    if not os.path.isfile(pom):
        return seen
    with open(pom, encoding="utf-8") as handle:
        for artifact in DEPENDENCY.findall(handle.read()):
            lib = os.path.join(root, "libs", artifact)
            if artifact not in seen and os.path.isdir(lib):
                seen.add(artifact)
                library_closure(root, lib, seen)
    return seen


def read_keys(root):
    """{service: set of environment variables it reads}."""
    services = {}
    services_dir = os.path.join(root, "services")
    for service in sorted(os.listdir(services_dir)):
        module = os.path.join(services_dir, service)
        main = os.path.join(module, "src", "main")
        if not os.path.isdir(main):
            continue
        keys = set()
        properties = os.path.join(main, "resources", "application.properties")
        if os.path.isfile(properties):
            with open(properties, encoding="utf-8") as handle:
                keys |= set(PLACEHOLDER.findall(handle.read()))
        keys |= java_keys(os.path.join(main, "java"))
        for lib in library_closure(root, module):
            keys |= java_keys(os.path.join(root, "libs", lib, "src", "main", "java"))
        services[service] = keys
    return services


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..")
    by_key = {}
    for service, keys in read_keys(os.path.abspath(root)).items():
        for key in keys:
            by_key.setdefault(key, []).append(service)
    for key in sorted(by_key):
        print(f"{key:40} {', '.join(sorted(by_key[key]))}")


if __name__ == "__main__":
    main()
