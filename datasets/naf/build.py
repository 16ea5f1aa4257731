#!/usr/bin/env python3
"""Builds datasets/naf/naf.csv from the npm package @socialgouv/codes-naf.

The package (SocialGouv, Apache-2.0) carries INSEE's NAF rév. 2 nomenclature: sections'
divisions, groups, classes and sub-classes with their French labels. standmatch reads a
supplier's NAF code (a sub-class, "31.01Z") and uses its label as text describing the
supplier's trade; this script keeps the sub-classes, each with its own label.

Refresh (see README.md):
    npm install --prefix /tmp/codes-naf @socialgouv/codes-naf@1.1.1
    python3 datasets/naf/build.py /tmp/codes-naf/node_modules/@socialgouv/codes-naf > datasets/naf/naf.csv

The output is deterministic: rows sorted by code, the same package gives the same bytes.
"""

import csv
import json
import os
import re
import sys

PINNED_VERSION = "1.1.1"
SUBCLASS = re.compile(r"^\d\d\.\d\d[A-Z]$")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: build.py PACKAGE_DIR > naf.csv\n")
        return 2
    package_dir = argv[1]
    with open(os.path.join(package_dir, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    if version != PINNED_VERSION:
        sys.stderr.write(f"build.py: @socialgouv/codes-naf {version}, expected {PINNED_VERSION}\n")
        return 1
    with open(os.path.join(package_dir, "index.json"), encoding="utf-8") as f:
        codes = json.load(f)
    rows = {}
    for item in codes:
        code, label = item["id"].strip(), " ".join(item["label"].split())
        if not SUBCLASS.match(code):
            continue
        if code in rows or not label:
            raise SystemExit(f"build.py: sub-class {code} twice or without a label")
        rows[code] = label
    if len(rows) < 700:
        raise SystemExit(f"build.py: only {len(rows)} sub-classes (NAF rév. 2 has 732)")
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["naf", "label"])
    for code in sorted(rows):
        out.writerow([code, rows[code]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
