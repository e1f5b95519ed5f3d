#!/usr/bin/env python3
"""Print the collector.* properties as a Markdown table, from the configuration metadata that the
build generates (collector-spring-boot-autoconfigure/target/classes/META-INF/spring-configuration-metadata.json).
Usage: ./mvnw -q -pl collector-spring-boot-autoconfigure compile && python3 scripts/configuration-table.py"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
meta = root / "collector-spring-boot-autoconfigure/target/classes/META-INF/spring-configuration-metadata.json"
data = json.loads(meta.read_text())
rows = []
for p in sorted(data.get("properties", []), key=lambda p: p["name"]):
    if not p["name"].startswith("collector."):
        continue
    default = p.get("defaultValue", "")
    if isinstance(default, bool):
        default = str(default).lower()
    elif isinstance(default, list):
        default = ",".join(str(item) for item in default)
    desc = " ".join(p.get("description", "").split())
    rows.append("| `%s` | `%s` | %s |" % (p["name"], default, desc) if default != "" else "| `%s` | | %s |" % (p["name"], desc))
sys.stdout.write("| property | default | description |\n|---|---|---|\n" + "\n".join(rows) + "\n")
