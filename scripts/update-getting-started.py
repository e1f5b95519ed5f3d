"""Bring docs/getting-started.md in step with the code it shows:
- every code block after a <!-- file: path --> marker becomes that file, less its package and import lines
  (the FX sample in sample-fx-collector/, whose test runs exactly that code);
- the list of the framework's tables (between <!-- framework-tables:start --> and <!-- framework-tables:end -->)
  becomes the tables the starter's DDL creates (dev/collector/jdbc/schema-h2.sql).
GettingStartedGuideTests (sample-fx-collector) fails when the guide and the files differ.
Usage: python3 scripts/update-getting-started.py"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
ddl = (root / "collector-spring-boot-autoconfigure/src/main/resources/dev/collector/jdbc/schema-h2.sql").read_text()
doc = root / "docs/getting-started.md"

WHAT = {
    "collector_checkpoint": "where the last successful scheduled or manual run ended, per collector",
    "collector_run": "the run history (`/status`, `/data-quality`, `/performance`)",
    "collector_quarantine": "records that failed validation or that the database refused, with the reason",
    "collector_coverage": "the coverage ledger: which periods of which symbols are collected (backfill, `/coverage`)",
    "collector_backfill_task": "backfill tasks (`/backfill`)",
    "collector_backfill_chunk": "their chunks",
    "collector_page_resume": "where the pages of a failed backfill request stood, so that its retry resumes there",
    "scheduled_tasks": "db-scheduler's table: the recurring collection and the backfill chunks, shared by replicas",
}

tables = re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", ddl)
lines = [f"- `{table}`: {WHAT.get(table, 'see the schema script')}" for table in tables]
text = doc.read_text()
start, end = "<!-- framework-tables:start -->", "<!-- framework-tables:end -->"
before, rest = text.split(start, 1)
_, after = rest.split(end, 1)
text = before + start + "\n" + "\n".join(lines) + "\n" + end + after


def without_package_and_imports(match):
    path = root / match.group(1)
    body = "\n".join(line for line in path.read_text().split("\n")
                     if not line.startswith("package ") and not line.startswith("import ")).strip()
    return f"{match.group(1)} -->\n```{match.group(2)}\n{body}\n```"


text, files = re.subn(r"(?s)(\S+) -->\s*```(\w*)\n.*?```", without_package_and_imports, text)
doc.write_text(text)
print(f"{doc.relative_to(root)}: {len(tables)} framework tables, {files} code blocks")
