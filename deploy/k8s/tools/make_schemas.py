#!/usr/bin/env python3
"""Writes strict, standalone JSON schemas for kubeconform, one file per kind and API version.

Sources: the Kubernetes OpenAPI v2 document (api/openapi-spec/swagger.json of the k8s.io/kubernetes
Go module) and, optionally, CustomResourceDefinition files (e.g. Strimzi's install/*-Crd-*.yaml).
File names follow kubeconform's template {{ .ResourceKind }}{{ .KindSuffix }}.json, e.g.
deployment-apps-v1.json, service-v1.json, kafkatopic-kafka-v1.json.

"Strict" means an object that lists its properties accepts no others, so a misspelt field fails
instead of being dropped by the API server.

usage: make_schemas.py OUT_DIR [--swagger swagger.json] [--crd FILE ...]
"""
import argparse
import copy
import json
import os
import sys

import yaml

# Types whose OpenAPI form is a plain string but whose YAML may be a number as well.
INT_OR_STRING = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
QUANTITY = {"oneOf": [{"type": "string"}, {"type": "number"}]}
SPECIAL_DEFINITIONS = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": INT_OR_STRING,
    "io.k8s.apimachinery.pkg.api.resource.Quantity": QUANTITY,
}


def file_name(group, version, kind):
    """kubeconform's name: kind, then the first label of the group (if any), then the version."""
    suffix = "-" + group.split(".")[0] if group else ""
    return f"{kind.lower()}{suffix}-{version}.json"


def make_strict(schema):
    """Closes every object that lists properties, in place, except where unknown fields are allowed."""
    if isinstance(schema, list):
        for item in schema:
            make_strict(item)
        return schema
    if not isinstance(schema, dict):
        return schema
    if schema.get("x-kubernetes-int-or-string"):
        schema.pop("type", None)
        schema.update(copy.deepcopy(INT_OR_STRING))
    for key, value in schema.items():
        if key in ("properties", "patternProperties", "definitions"):
            for sub in value.values():
                make_strict(sub)
        elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
            make_strict(value)
    if "properties" in schema and "additionalProperties" not in schema \
            and not schema.get("x-kubernetes-preserve-unknown-fields"):
        schema["additionalProperties"] = False
    return schema


class SwaggerInliner:
    """Replaces $ref by the referenced definition, so each kind's schema stands alone."""

    def __init__(self, definitions):
        self.definitions = definitions

    def inline(self, schema, seen=()):
        if isinstance(schema, list):
            return [self.inline(item, seen) for item in schema]
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str):  # not the property named "$ref" of JSONSchemaProps
            name = ref.rsplit("/", 1)[-1]
            if name in SPECIAL_DEFINITIONS:
                return copy.deepcopy(SPECIAL_DEFINITIONS[name])
            if name in seen:
                # A recursive type (JSONSchemaProps): accept anything below this depth.
                return {}
            return self.inline(self.definitions[name], seen + (name,))
        return {key: self.inline(value, seen) for key, value in schema.items()}


def from_swagger(path, out_dir):
    with open(path, encoding="utf-8") as handle:
        definitions = json.load(handle)["definitions"]
    inliner = SwaggerInliner(definitions)
    written = 0
    for name, definition in definitions.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            schema = make_strict(inliner.inline(definition, (name,)))
            write(out_dir, file_name(gvk["group"], gvk["version"], gvk["kind"]), schema)
            written += 1
    return written


def from_crd(path, out_dir):
    written = 0
    with open(path, encoding="utf-8") as handle:
        for crd in yaml.safe_load_all(handle):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            spec = crd["spec"]
            for version in spec["versions"]:
                schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
                # The API server knows these three on every object; CRDs do not always spell them out.
                props = schema.setdefault("properties", {})
                props.setdefault("apiVersion", {"type": "string"})
                props.setdefault("kind", {"type": "string"})
                props.setdefault("metadata", {"type": "object"})
                write(out_dir, file_name(spec["group"], version["name"], spec["names"]["kind"]), make_strict(schema))
                written += 1
    return written


def write(out_dir, name, schema):
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as handle:
        json.dump(schema, handle)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--swagger", help="Kubernetes api/openapi-spec/swagger.json")
    parser.add_argument("--crd", action="append", default=[], help="a CustomResourceDefinition YAML file")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    count = from_swagger(args.swagger, args.out_dir) if args.swagger else 0
    for crd in args.crd:
        count += from_crd(crd, args.out_dir)
    print(f"make_schemas: {count} schemas in {args.out_dir}")


if __name__ == "__main__":
    sys.exit(main())
