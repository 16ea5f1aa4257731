#!/usr/bin/env python3
"""Builds datasets/territory/communes.csv from @etalab/decoupage-administratif.

The npm package (Etalab, data under Licence Ouverte 2.0) carries the INSEE Code officiel
geographique, the DGCL composition of the EPCI a fiscalite propre, the INSEE list of the
EPT of the Metropole du Grand Paris, and the legal populations. This script keeps what
standmatch needs to place a commune in its EPT/EPCI, departement and region.

Refresh (see README.md):
    npm install --prefix /tmp/decoupage @etalab/decoupage-administratif@6.0.0
    python3 datasets/territory/build.py \
        /tmp/decoupage/node_modules/@etalab/decoupage-administratif > datasets/territory/communes.csv

The output is deterministic: rows are sorted, the same package gives the same bytes.
"""

import csv
import json
import os
import sys

PINNED_VERSION = "6.0.0"
HEADER = ["kind", "code", "name", "parent", "epci", "ept", "population"]


def departement_of(insee):
    return insee[:3] if insee[:2] in ("97", "98") else insee[:2]


def load(package_dir, name):
    with open(os.path.join(package_dir, "data", name), encoding="utf-8") as f:
        return json.load(f)


def member_of(groups, what):
    """Maps each member commune's code to the code of its group (one group at most)."""
    group_of = {}
    for group in groups:
        for member in group["membres"]:
            if member["code"] in group_of:
                raise SystemExit(f"commune {member['code']} is in two {what}")
            group_of[member["code"]] = group["code"]
    return group_of


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: build.py PACKAGE_DIR > communes.csv\n")
        return 2
    package_dir = argv[1]
    with open(os.path.join(package_dir, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    if version != PINNED_VERSION:
        sys.stderr.write(f"build.py: package version {version}, expected {PINNED_VERSION}; "
                         "update PINNED_VERSION and README.md deliberately\n")
        return 1

    regions = load(package_dir, "regions.json")
    departements = load(package_dir, "departements.json")
    epcis = load(package_dir, "epci.json")
    epts = load(package_dir, "ept.json")
    communes = load(package_dir, "communes.json")

    epci_of = member_of(epcis, "EPCI")
    ept_of = member_of(epts, "EPT")

    rows = []
    for r in sorted(regions, key=lambda r: r["code"]):
        rows.append(["R", r["code"], r["nom"], "", "", "", ""])
    for d in sorted(departements, key=lambda d: d["code"]):
        rows.append(["D", d["code"], d["nom"], d["region"], "", "", ""])
    for e in sorted(epcis, key=lambda e: e["code"]):
        rows.append(["E", e["code"], e["nom"], "", "", "", str(e.get("populationMunicipale", ""))])
    for t in sorted(epts, key=lambda t: t["code"]):
        # An EPT lies inside one EPCI (the Metropole du Grand Paris): its parent.
        parents = {epci_of[m["code"]] for m in t["membres"]}
        if len(parents) != 1:
            raise SystemExit(f"EPT {t['code']} spans EPCI {sorted(parents)}")
        rows.append(["T", t["code"], t["nom"], parents.pop(), "", "",
                     str(t.get("populationMunicipale", ""))])
    region_of = {d["code"]: d["region"] for d in departements}

    current = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    places = []
    for c in communes:
        # The departement is not stored: it is the code's first two characters, three for
        # overseas codes (97x, 98x), and the region is the departement's. A merged commune
        # takes its parent's (a few kept their code when they changed departement). Check it.
        code, kind = c["code"], c["type"]
        placed = c["chefLieu"] if kind in ("commune-deleguee", "commune-associee") else code
        if (departement_of(placed) != c["departement"] or
                region_of[c["departement"]] != c["region"]):
            raise SystemExit(f"{code}: departement {c['departement']} region {c['region']} "
                             "do not follow from the code")
        if kind == "commune-actuelle":
            places.append(["C", code, c["nom"], "", epci_of.get(code, ""), ept_of.get(code, ""),
                           str(c.get("population", ""))])
        elif kind == "arrondissement-municipal":
            # Paris, Lyon and Marseille arrondissements: EPCI and EPT are the parent's.
            places.append(["A", code, c["nom"], c["commune"], "", "", str(c.get("population", ""))])
        elif kind in ("commune-deleguee", "commune-associee"):
            # Communes merged into a current one. Codes shared with the current commune are
            # skipped; the others resolve to it, for data written before the merger.
            parent = c["chefLieu"]
            if code in current:
                continue
            if parent not in current:
                raise SystemExit(f"{kind} {code}: chef-lieu {parent} is not a commune")
            places.append(["M", code, c["nom"], parent, "", "", ""])
        else:
            raise SystemExit(f"unknown commune type {kind}")
    seen = set()
    for p in places:
        if p[1] in seen:
            raise SystemExit(f"duplicate code {p[1]}")
        seen.add(p[1])
    places.sort(key=lambda p: p[1])

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(HEADER)
    out.writerows(rows)
    out.writerows(places)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
