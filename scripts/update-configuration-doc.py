"""Replace the property table in docs/configuration.md (the lines from the table header under
'## Properties' to the blank line after it) with the one configuration-table.py prints.
Usage: ./mvnw -q -pl collector-spring-boot-autoconfigure compile && python3 scripts/update-configuration-doc.py"""
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
doc = root / "docs/configuration.md"
table = subprocess.run([sys.executable, str(root / "scripts/configuration-table.py")], check=True,
                       capture_output=True, text=True).stdout.strip("\n").splitlines()
lines = doc.read_text().splitlines()
start = lines.index("## Properties")
first = next(i for i in range(start, len(lines)) if lines[i].startswith("| property"))
end = next(i for i in range(first, len(lines)) if not lines[i].startswith("|"))
doc.write_text("\n".join(lines[:first] + table + lines[end:]) + "\n")
print(f"{doc.relative_to(root)}: {len(table) - 2} properties")
