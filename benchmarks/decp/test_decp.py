"""Checks of the DECP bench's cleaning, splits and ranking (no standmatch module needed).

/usr/bin/python3 -m pytest benchmarks/decp/test_decp.py
"""

import collections
import json
import os

import numpy as np
import pytest

import decp

CPV = decp.load_cpv_list()
PLACES = decp.load_places()


def test_cpv_check_digit_dropped_and_lost_zero_restored():
    counts = collections.Counter()
    assert decp.clean_cpv("50700000-2", counts, CPV) == "50700000"
    assert decp.clean_cpv("9132100", counts, CPV) == "09132100"
    assert counts["cpv: 7 digits, leading zero restored"] == 1


def test_cpv_junk_is_counted_not_kept():
    counts = collections.Counter()
    assert decp.clean_cpv("00000000", counts, CPV) is None
    assert decp.clean_cpv("123", counts, CPV) is None
    assert decp.clean_cpv("abc", counts, CPV) is None
    assert sum(counts.values()) == 3


def test_places():
    counts = collections.Counter()
    assert decp.clean_place("94076", "Code commune", counts, PLACES)[0] == "94076"
    insee, dep = decp.clean_place("75013", "Code postal", counts, PLACES)
    assert insee == "75113" and dep == "75"
    assert decp.clean_place("94", "Code département", counts, PLACES) == (None, "94")
    assert decp.clean_place("INO", "Code commune", counts, PLACES) == (None, None)
    assert decp.clean_place("FR", "Code pays", counts, PLACES) == (None, None)
    assert counts["place: junk commune code"] == 1


def record(source, buyer="21940076900013", cpv="79100000", tit="78471226700060", date="2019-01-02"):
    return {"source": source, "id": "x", "uid": "", "type": "Marché", "buyer": buyer, "cpv_raw": cpv,
            "lieu_code": "94076", "lieu_type": "Code commune", "date": date, "amount": "1000",
            "titulaires": [("SIRET", tit)], "names": "Soci\ufffdt\ufffd"}


def test_clean_counts_every_record():
    counts = collections.Counter()
    records = [record("a"), record("b"), record("a"), record("a", cpv="00000000"), record("a", tit="XX"),
               record("a", buyer=""), record("a", cpv="3019200", date="")]
    kept = decp.clean(records, counts, CPV, PLACES)
    assert len(kept) == 2
    assert counts["duplicate across publishers (left out)"] == 1
    assert counts["duplicate within a publisher (left out)"] == 1
    left_out = sum(v for k, v in counts.items() if "left out" in k)
    assert counts["records read"] == counts["contracts kept"] + left_out
    assert kept[0]["sirens"] == ["784712267"]
    assert kept[1]["cpv"] == "03019200" and kept[1]["date"] is None
    assert counts["encoding: names with U+FFFD (kept; names unused)"] == len(records)  # counted on every record read


def test_leave_buyer_out_never_trains_on_the_held_out_buyer():
    contracts = [{"id": str(i), "buyer": "b%d" % (i % 7), "date": None} for i in range(40)]
    (name, folds), = decp.splits(contracts, "leave-buyer-out")
    assert name == "leave-buyer-out" and len(folds) == decp.LBO_FOLDS
    assert sorted(i for _, test in folds for i in test) == list(range(40))
    for train, test in folds:
        assert not {contracts[i]["buyer"] for i in train} & {contracts[i]["buyer"] for i in test}


def test_time_ordered_trains_only_on_earlier_dates():
    contracts = [{"id": str(i), "buyer": "b", "date": "2019-01-%02d" % (1 + i % 28) if i % 5 else None}
                 for i in range(100)]
    (name, folds), = decp.splits(contracts, "time-ordered")
    train, test = folds[0]
    assert max(contracts[i]["date"] for i in train) < min(contracts[i]["date"] for i in test)
    assert len(train) + len(test) == 80


def test_ranks_break_ties_by_supplier_index():
    stand = np.array([0, 0, 0, 1, 1])
    supplier = np.array([2, 0, 1, 0, 1])
    score = np.array([0.5, 0.5, 0.9, 0.1, 0.2])
    ranks = decp.ranks_from_scores(3, stand, supplier, score, [[2], [0], [5]])
    assert list(ranks) == [3, 2, 0]  # stand 0: 1 (0.9), 0, 2 (tie on 0.5 by index); stand 2: no pair
    m = decp.metrics(ranks)
    assert m["hit@1"] == 0 and m["hit@5"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx((1 / 3 + 1 / 2) / 3)


def test_reads_json_and_flat_csv_alike(tmp_path):
    marche = {"id": "m1", "source": "s", "acheteur": {"id": "21940076900013", "nom": "V"}, "codeCPV": "79100000",
              "lieuExecution": {"code": "94076", "typeCode": "Code commune"}, "dateNotification": "2019-01-02",
              "montant": 10, "titulaires": [{"typeIdentifiant": "SIRET", "id": "78471226700060"},
                                            {"typeIdentifiant": "SIRET", "id": "44088962400043"}]}
    (tmp_path / "d.json").write_text(json.dumps({"marches": [marche]}), encoding="utf-8")
    header = "source,id,uid,acheteur_id,codeCPV_raw,lieu_code,lieu_typeCode,dateNotification,montant," \
             "titulaire_typeIdentifiant,titulaire_id,titulaire_nom\n"
    rows = "".join("s,m1,,21940076900013,79100000,94076,Code commune,2019-01-02,10,SIRET,%s,n\n" % t
                   for t in ("78471226700060", "44088962400043"))
    (tmp_path / "d.csv").write_text(header + rows, encoding="utf-8")
    out = []
    for name in ("d.json", "d.csv"):
        records, _ = decp.read_records(os.fspath(tmp_path / name))
        out.append(decp.clean(records, collections.Counter(), CPV, PLACES))
    assert out[0] == out[1] and len(out[0]) == 1 and len(out[0][0]["sirens"]) == 2
