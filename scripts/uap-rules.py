#!/usr/bin/env python3
"""Writes the uap-core rules shipped in the PyPI package ua-parser-builtins as the JSON data file
clickstream loads (Data/uap-core-regexes.json): three ordered lists, user agents, operating systems and
devices, each rule a regex with its replacement templates exactly as uap-core's regexes.yaml gives them.

The package's matchers.py is read as source (ast), not imported, so ua-parser itself is not needed.
Usage: uap-rules.py OUTPUT  (writes only when the content changes; prints the package revision)."""
import ast
import importlib.util
import json
import pathlib
import sys

FIELDS = {
    "UserAgentMatcher": ["regex", "family_replacement", "v1_replacement", "v2_replacement", "v3_replacement",
                         "v4_replacement"],
    "OSMatcher": ["regex", "os_replacement", "os_v1_replacement", "os_v2_replacement", "os_v3_replacement",
                  "os_v4_replacement"],
    "DeviceMatcher": ["regex", "regex_flag", "device_replacement", "brand_replacement", "model_replacement"],
}
LISTS = {"UserAgentMatcher": "user_agent_parsers", "OSMatcher": "os_parsers", "DeviceMatcher": "device_parsers"}


def main() -> None:
    spec = importlib.util.find_spec("ua_parser_builtins")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("uap-rules: the PyPI package ua-parser-builtins is not installed (pip install ua-parser-builtins)")
    package = pathlib.Path(list(spec.submodule_search_locations)[0])
    tree = ast.parse((package / "matchers.py").read_text(encoding="utf-8"))
    rules = {name: [] for name in LISTS.values()}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FIELDS:
            names = FIELDS[node.func.id]
            values = [ast.literal_eval(argument) for argument in node.args]
            rule = {name: value for name, value in zip(names, values) if value is not None}
            rules[LISTS[node.func.id]].append(rule)
    # ast.walk is breadth-first, but the three lists are each one tuple element: their calls keep file order.
    if min(len(found) for found in rules.values()) == 0:
        sys.exit(f"uap-rules: no rules found in {package / 'matchers.py'}")
    revision_file = package.parent / "REVISION"
    revision = revision_file.read_text().strip() if revision_file.exists() else "unknown"
    document = {"source": "ua-parser-builtins", "uap_core_revision": revision, **rules}
    text = json.dumps(document, ensure_ascii=False, indent=0) + "\n"
    output = pathlib.Path(sys.argv[1])
    if not output.exists() or output.read_text(encoding="utf-8") != text:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    print(revision)


if __name__ == "__main__":
    main()
