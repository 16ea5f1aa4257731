#!/usr/bin/env python3
"""Writes the Villejuif event (../event.json) as the organiser's spreadsheet exports.

stands.csv and suppliers.csv are what a French spreadsheet writes with "CSV
(séparateur: point-virgule)" saved as UTF-8: a byte-order mark, `;` separators,
CRLF line ends, French column titles, thousands separated by non-breaking spaces,
oui/non booleans. header.json holds the event object. `standmatch import` turns the
three back into an event equivalent to ../event.json (tests/test_csv_import.cpp
checks it). Run again after editing ../event.json.
"""
import csv
import io
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
EVENT = json.loads((HERE.parent / "event.json").read_text(encoding="utf-8"))

RESERVED = {"none": "non", "disability": "handicap", "insertion": "insertion",
            "disability-or-insertion": "handicap ou insertion", "ess": "ESS"}
LEVEL = {"must": ":obligatoire", "want": "", "no": ":non"}


def amount(value):
    """35000 -> '35 000' with a non-breaking space, as French spreadsheets format it."""
    if value is None:
        return ""
    whole = int(value)
    text = f"{whole:,}".replace(",", "\u00a0")
    if value != whole:
        text += "," + repr(float(value)).split(".")[1]
    return text


def boolean(value):
    return "" if value is None else ("oui" if value else "non")


def windows(items):
    return "|".join(f"{w['start']}-{w['end']}" for w in items or [])


def write(path, header, rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def main():
    buyers = {b["id"]: b for b in EVENT["buyers"]}
    invitations = {}
    for inv in EVENT.get("invitations", []):
        invitations.setdefault(inv["stand"], []).append(inv["supplier"] + LEVEL[inv["level"]])
    rows = []
    for stand in EVENT["stands"]:
        buyer = buyers[stand["buyer"]]
        for need in stand["needs"]:
            rows.append([
                buyer["id"], buyer["name"], buyer.get("kind", ""), buyer.get("commune", ""),
                buyer.get("siret", ""), stand["id"], stand["title"], stand.get("tables", ""),
                windows(stand.get("available")), "|".join(invitations.get(stand["id"], [])),
                need["id"], need["title"], need.get("description", ""), " ".join(need["cpv"]), amount(need.get("amount_eur")),
                need.get("quarter", ""), RESERVED[need.get("reserved", "none")],
                boolean(need.get("reuse")), amount(need.get("insertion_clause_pct")),
            ])
    write(HERE / "stands.csv",
          ["Id acheteur", "Nom de l'acheteur", "Type d'acheteur", "Code INSEE acheteur",
           "SIRET acheteur", "Stand", "Titre du stand", "Nb tables", "Disponibilité stand",
           "Invitations", "Besoin", "Intitulé du besoin", "Descriptif du besoin", "Codes CPV", "Montant estimé (€ HT)",
           "Trimestre", "Marché réservé", "Réemploi", "Clause d'insertion (%)"],
          rows)
    rows = []
    for s in EVENT["suppliers"]:
        rows.append([
            s["id"], s["name"], s.get("siret", ""), s.get("commune", ""), s.get("employees", ""),
            amount(s.get("turnover_eur")), s.get("size", ""), s.get("legal_form", ""),
            boolean(s.get("ess")), s.get("structure", ""), " ".join(s.get("cpv", [])),
            s.get("naf", ""), s.get("activity", ""), ", ".join(s.get("reuse", [])), "|".join(s.get("labels", [])),
            windows(s.get("available")), s.get("max_meetings", ""),
            "|".join(w["stand"] + LEVEL[w["level"]] for w in s.get("wishes", [])),
        ])
    write(HERE / "suppliers.csv",
          ["Identifiant", "Raison sociale", "SIRET", "Code INSEE", "Effectif",
           "Chiffre d'affaires (€)", "Taille", "Forme juridique", "ESS", "Structure d'insertion",
           "Codes CPV", "Code NAF", "Activité", "Réemploi", "Labels", "Disponibilités", "RDV max", "Vœux"],
          rows)
    (HERE / "header.json").write_text(
        json.dumps(EVENT["event"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
