#!/usr/bin/env python3
"""The library's layout rules (docs/architecture.md), checked on the source tree.

1. A stage folder of libmatch/src and libmatch/include/match includes only the stages
   below it (base < domain < text < io, solve < score < schedule < replan < export < tools;
   text and solve see base only).
2. Public headers (libmatch/include/match) include no internal header of libmatch/src.
3. No CMakeLists.txt collects sources with file(GLOB).
Prints each violation as FILE:LINE: what, and exits 1 when there is any.
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
ORDER = ["base", "domain", "text", "io", "solve", "score", "schedule", "replan", "export", "tools"]
ALLOWED = {
    "base": {"base"},
    "domain": {"base", "domain"},
    "text": {"base", "text"},
    "io": {"base", "domain", "io"},
    "solve": {"base", "solve"},
    "score": {"base", "domain", "text", "io", "score"},
}
for later in ORDER[ORDER.index("schedule"):]:
    ALLOWED[later] = set(ORDER[: ORDER.index(later) + 1])

INCLUDE = re.compile(r'\s*#\s*include\s+"(match/)?([a-z_]+)/')
problems = []
for tree, public in (("libmatch/src", False), ("libmatch/include/match", True)):
    for stage in sorted(os.listdir(os.path.join(ROOT, tree))):
        folder = os.path.join(ROOT, tree, stage)
        if not os.path.isdir(folder):
            continue
        if stage not in ALLOWED:
            problems.append(f"{tree}/{stage}: a folder that is no stage of the pipeline")
            continue
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    where = f"{tree}/{stage}/{name}:{number}"
                    if public and not m.group(1):
                        problems.append(f"{where}: public header includes internal {m.group(2)}/")
                    if m.group(2) in ALLOWED and m.group(2) not in ALLOWED[stage]:
                        problems.append(f"{where}: stage {stage} includes the later stage {m.group(2)}")

for dirpath, dirnames, filenames in os.walk(ROOT):
    dirnames[:] = [d for d in dirnames if not d.startswith((".", "build"))]
    if "CMakeLists.txt" in filenames:
        path = os.path.join(dirpath, "CMakeLists.txt")
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if re.search(r"file\s*\(\s*GLOB", line):
                    problems.append(f"{os.path.relpath(path, ROOT)}:{number}: file(GLOB) collects sources")

for p in problems:
    print(p)
print(f"layout: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
