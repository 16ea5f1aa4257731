#!/usr/bin/env python3
"""Builds datasets/cpv/cpv_fr.csv, the French labels of the CPV 2008 main vocabulary.

Source: the official list (Regulation (EC) No 213/2008, as amended; EU Publications Office),
the file cpv_2008_ver_2013_FR.csv (header CODE,FR; codes with check digit, "03000000-1").
standmatch compiles the output into the library so that CPV codes are named, and CPV
labels count as text, without --cpv-list.

Refresh (see README.md):
    python3 datasets/cpv/build.py ../shared/data/cpv2008/cpv_2008_ver_2013_FR.csv > datasets/cpv/cpv_fr.csv

The output is deterministic: rows sorted by code, labels with white space folded.
"""

import csv
import re
import sys

CODE = re.compile(r"^\d{8}-\d$")
EXPECTED_ROWS = 9454


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: build.py cpv_2008_ver_2013_FR.csv > cpv_fr.csv\n")
        return 2
    rows = {}
    with open(argv[1], encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        for number, row in enumerate(reader, 2):
            code, label = row["CODE"].strip(), " ".join(row["FR"].split())
            if not CODE.match(code) or not label:
                raise SystemExit(f"{argv[1]}:{number}: {code!r} is not a CPV code with a label")
            if code[:8] in rows:
                raise SystemExit(f"{argv[1]}:{number}: {code} twice")
            rows[code[:8]] = (code, label)
    if len(rows) != EXPECTED_ROWS:
        raise SystemExit(f"build.py: {len(rows)} codes, the CPV 2008 main vocabulary has {EXPECTED_ROWS}")
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "fr"])
    for key in sorted(rows):
        out.writerow(rows[key])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
