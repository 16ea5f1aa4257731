#!/usr/bin/env python3
"""Builds datasets/postal/postal_codes.csv from @etalab/decoupage-administratif.

La Poste's postal codes do not follow communes: one code serves several communes, and a
large commune has several codes. The npm package (Etalab, Licence Ouverte 2.0) lists the
postal codes of every current commune and municipal arrondissement (`codesPostaux` in
data/communes.json); this script keeps, for each postal code, the INSEE codes it serves.
standmatch reads a directory's postal code plus commune name through it
(libmatch/src/domain/postal_codes.cpp).

Refresh (see README.md):
    npm install --prefix /tmp/decoupage @etalab/decoupage-administratif@6.0.0
    python3 datasets/postal/build.py \
        /tmp/decoupage/node_modules/@etalab/decoupage-administratif > datasets/postal/postal_codes.csv

The output is deterministic: rows are sorted, the same package gives the same bytes.
"""

import json
import os
import sys

PINNED_VERSION = "6.0.0"
KEPT_TYPES = ("commune-actuelle", "arrondissement-municipal")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: build.py PACKAGE_DIR > postal_codes.csv\n")
        return 2
    package_dir = argv[1]
    with open(os.path.join(package_dir, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    if version != PINNED_VERSION:
        sys.stderr.write(f"build.py: package version {version}, expected {PINNED_VERSION}; "
                         "update PINNED_VERSION and README.md deliberately\n")
        return 1
    places = []
    for name in ("communes.json", "arrondissements.json"):
        path = os.path.join(package_dir, "data", name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                places += json.load(f)
    serves = {}
    for place in places:
        if place.get("type") not in KEPT_TYPES:
            continue
        for postal in place.get("codesPostaux", []):
            if len(postal) != 5 or not postal.isdigit():
                raise SystemExit(f"commune {place['code']}: postal code {postal!r} is not 5 digits")
            serves.setdefault(postal, set()).add(place["code"])
    out = sys.stdout
    out.write("postal,insee\n")
    for postal in sorted(serves):
        out.write(postal + "," + " ".join(sorted(serves[postal])) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
