"""Tests of the standmatch Python module against the library and the command line."""
import csv
import io
import json
import os
import re
import subprocess
from xml.etree import ElementTree

import numpy as np
import pytest

import standmatch

SOURCE_DIR = os.environ.get(
    "STANDMATCH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EVENT = os.path.join(SOURCE_DIR, "datasets", "villejuif-2025", "event.json")
CLI = os.environ.get("STANDMATCH_CLI") or None


@pytest.fixture(scope="module")
def event():
    return standmatch.load_event(EVENT)


@pytest.fixture(scope="module")
def scores(event):
    return standmatch.score(event, standmatch.default_rules())


@pytest.fixture(scope="module")
def schedule(event, scores):
    return standmatch.build_schedule(event, standmatch.default_rules(), scores)


def test_load_default_event(event):
    with open(EVENT, encoding="utf-8") as f:
        doc = json.load(f)
    assert event.id == doc["event"]["id"]
    assert event.supplier_ids == [s["id"] for s in doc["suppliers"]]
    assert event.stand_ids == [s["id"] for s in doc["stands"]]
    assert event.num_slots > 0
    text_event = standmatch.parse_event(json.dumps(doc), "event.json")
    assert text_event.supplier_ids == event.supplier_ids


def test_errors_are_exceptions_with_the_library_message(tmp_path):
    doc = json.load(open(EVENT, encoding="utf-8"))
    doc["suppliers"][0]["siret"] = "123"
    doc["stands"][0]["tables"] = 0
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(standmatch.Error) as error:
        standmatch.load_event(str(path))
    message = str(error.value)
    assert isinstance(error.value, ValueError)
    assert message.startswith(str(path) + ": ")
    # Every validation error, one per line, as the library words them.
    assert message.splitlines() == [
        f"{path}: stands[0].tables: 0 is out of range [1, 1000]",
        f'{path}: suppliers[0].siret: "123" is not a valid SIRET (14 digits) or SIREN (9 digits)',
    ]
    # The same text from parse_event under the same file name.
    with pytest.raises(standmatch.Error) as again:
        standmatch.parse_event(path.read_text(encoding="utf-8"), str(path))
    assert str(again.value) == message
    if CLI:
        run = subprocess.run([CLI, "validate", str(path)], capture_output=True, text=True)
        assert run.returncode == 1
        assert run.stderr == message + "\n"


def test_missing_file_and_bad_rules():
    with pytest.raises(standmatch.Error):
        standmatch.load_event("/nonexistent/event.json")
    with pytest.raises(standmatch.Error) as error:
        standmatch.parse_rules("{not json", "rules.json")
    assert str(error.value).startswith("rules.json")


def test_rules(event):
    rules = standmatch.default_rules()
    assert rules.name == "default"
    # The criteria of a registration share 1; the award-history ones count only with a history.
    history = ("history", "history_text", "track_record", "size_fit", "repeat_buyer")
    assert abs(sum(w for c, w in rules.weights.items() if c not in history) - 1) < 1e-9
    assert all(rules.weights[c] > 0 for c in history)
    again = standmatch.parse_rules(rules.to_json(), "rules.json")
    assert again.weights == rules.weights


def test_load_rules(tmp_path):
    path = os.path.join(SOURCE_DIR, "datasets", "rules", "quotas.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    rules = standmatch.load_rules(path)
    assert rules.name == doc["name"] != "default"
    assert json.loads(rules.to_json())["selection"]["quotas"] == {
        **json.loads(standmatch.default_rules().to_json())["selection"]["quotas"], **doc["selection"]["quotas"]}
    bad = tmp_path / "rules.json"
    bad.write_text('{"ess": 2}', encoding="utf-8")
    with pytest.raises(standmatch.Error) as error:
        standmatch.load_rules(str(bad))
    assert str(error.value) == f"{bad}: ess: 2 is out of range [0, 1]"
    with pytest.raises(standmatch.Error) as missing:
        standmatch.load_rules(str(tmp_path / "none.json"))
    assert str(tmp_path / "none.json") in str(missing.value)


def test_parse_schedule(event, schedule):
    text = schedule.json()
    parsed = standmatch.parse_schedule(event, text, "schedule.json")
    assert parsed.num_meetings == schedule.num_meetings
    # The meetings read back as written (metrics are derived data, not read).
    assert json.loads(parsed.json())["meetings"] == json.loads(text)["meetings"]
    doc = json.loads(text)
    doc["meetings"][0]["supplier"] = "nobody"
    with pytest.raises(standmatch.Error) as error:
        standmatch.parse_schedule(event, json.dumps(doc), "schedule.json")
    assert str(error.value).startswith('schedule.json: meetings[0].supplier: "nobody"')


def test_scores_match_the_scores_csv(event, scores):
    n = len(scores)
    assert n > 0
    assert scores.supplier.shape == (n,) and scores.supplier.dtype == np.int32
    assert scores.stand.shape == (n,)
    assert scores.score.shape == (n,) and scores.score.dtype == np.float64
    assert scores.contributions.shape == (n, len(standmatch.ScoreTable.criteria))
    assert np.allclose(scores.contributions.sum(axis=1), scores.score, atol=1e-5)
    if not CLI:
        pytest.skip("STANDMATCH_CLI is not set: no `standmatch scores` to compare with")
    text = subprocess.run([CLI, "scores", EVENT], capture_output=True, text=True, check=True).stdout
    assert scores.csv() == text
    rows = list(csv.reader(io.StringIO(text)))
    # Without award history the CSV leaves out the history criteria, which count 0.
    k = len(rows[0]) - 3
    assert standmatch.ScoreTable.criteria[k] == "history"
    assert not scores.contributions[:, k:].any()
    assert rows[0] == ["supplier", "stand", "score"] + standmatch.ScoreTable.criteria[:k]
    rows = rows[1:]
    assert len(rows) == n
    assert [r[0] for r in rows] == scores.supplier_ids
    assert [r[1] for r in rows] == scores.stand_ids
    assert [event.supplier_ids[i] for i in scores.supplier] == scores.supplier_ids
    assert [event.stand_ids[i] for i in scores.stand] == scores.stand_ids
    values = np.array([[float(x) for x in r[2:]] for r in rows])
    assert np.allclose(values[:, 0], scores.score, atol=5e-5)
    assert np.allclose(values[:, 1:], scores.contributions[:, :k], atol=5e-5)


def test_award_history(event):
    awards = standmatch.load_awards(os.path.join(SOURCE_DIR, "tests", "data", "decp", "awards.json"))
    assert (len(awards), awards.records, awards.left_out) == (3, 4, 2)
    doc = json.load(open(EVENT, encoding="utf-8"))
    doc["suppliers"][0]["siret"] = "73282932000074"  # the awardee of the file's cleaning and fuel contracts
    plain = standmatch.parse_event(json.dumps(doc))
    with_history = standmatch.with_awards(plain, awards)
    first = standmatch.ScoreTable.criteria.index("history")
    assert not standmatch.score(plain).contributions[:, first:].any()
    table = standmatch.score(with_history)
    mine = table.supplier == 0
    assert mine.any() and table.contributions[mine, first:].any()
    with pytest.raises(standmatch.Error, match="too few"):
        standmatch.fit(awards)
    with pytest.raises(standmatch.Error, match="marches"):
        standmatch.parse_awards('{"contracts": []}', "x.json")


def test_rankings(event, scores):
    supplier = event.supplier_ids[0]
    ranking = standmatch.rank_stands(scores, supplier)
    assert ranking, "the first supplier has candidate stands"
    assert all(r["supplier_id"] == supplier for r in ranking)
    assert [r["score"] for r in ranking] == sorted((r["score"] for r in ranking), reverse=True)
    assert all(r["reasons"] for r in ranking)
    assert standmatch.rank_stands(scores, 0, top=1) == ranking[:1]
    stand = ranking[0]["stand_id"]
    suppliers = standmatch.rank_suppliers(scores, stand, top=3)
    assert 1 <= len(suppliers) <= 3
    assert all(r["stand_id"] == stand for r in suppliers)
    with pytest.raises(standmatch.Error, match='no supplier "nobody"'):
        standmatch.rank_stands(scores, "nobody")


def test_schedule_passes_the_checker(event, schedule):
    text = schedule.json()
    doc = json.loads(text)
    assert doc["format"].startswith("standmatch.schedule/")
    metrics = schedule.metrics
    assert standmatch.metrics(schedule) == metrics
    assert metrics["meetings"] == schedule.num_meetings > 0
    assert 0 < metrics["coverage"] <= 1
    assert set(metrics["shares"]) >= {"micro", "pme", "ess", "inclusion", "local", "reuse"}
    check = standmatch.check_schedule(event, standmatch.default_rules(), text, "schedule.json")
    assert check["valid"], check["violations"]
    assert check["meetings"] == schedule.num_meetings
    # Deterministic: a second build gives the same bytes.
    assert standmatch.build_schedule(event).json() == text


def test_check_reports_violations(event, schedule):
    doc = json.loads(schedule.json())
    doc["meetings"].append(dict(doc["meetings"][0]))  # the same meeting twice
    check = standmatch.check_schedule(event, standmatch.default_rules(), json.dumps(doc), "schedule.json")
    assert not check["valid"]
    assert check["violations"]


def test_replan_without_changes_keeps_the_schedule(event, schedule):
    changes = json.dumps({"format": "standmatch.changes/1", "changes": []})
    result = standmatch.replan(schedule, standmatch.default_rules(), changes, "changes.json", now="10:40")
    new = result["schedule"]
    before = json.loads(schedule.json())
    after = json.loads(new.json())
    key = lambda m: (m["supplier"], m["stand"], m["slot"], m["table"])  # noqa: E731
    assert sorted(map(key, after["meetings"])) == sorted(map(key, before["meetings"]))
    assert result["stats"]["cancelled"] == 0 and result["stats"]["added"] == 0
    assert json.loads(result["diff_json"])["format"].startswith("standmatch.diff/")
    check = standmatch.check_schedule(new.event, standmatch.default_rules(), new.json(), "schedule.json")
    assert check["valid"], check["violations"]


def test_replan_rejects_bad_changes(schedule):
    with pytest.raises(standmatch.Error) as error:
        standmatch.replan(schedule, standmatch.default_rules(), '{"format": "nope"}', "changes.json")
    assert str(error.value).startswith("changes.json")


def test_compare(event):
    rules = standmatch.default_rules()
    text = standmatch.compare(event, [("a", rules), ("b", rules)])
    assert "coverage" in text
    doc = json.loads(standmatch.compare(event, [("a", rules)], format="json"))
    assert doc["runs"][0]["label"] == "a"
    html = standmatch.compare(event, [("a", rules)], format="html")
    assert html.count("<svg ") == 3 and "<script" not in html
    for svg in re.findall(r"<svg .*?</svg>", html, re.S):
        ElementTree.fromstring(svg)  # well-formed XML
    with pytest.raises(standmatch.Error):
        standmatch.compare(event, [])


def test_schedules_built_in_threads_are_identical(event):
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(lambda _: standmatch.build_schedule(event).json(), range(2)))
    assert texts[0] == texts[1]


def test_source_ranks_a_directory():
    gosb = standmatch.load_event(os.path.join(SOURCE_DIR, "datasets", "gosb-2025", "event.json"))
    with open(os.path.join(SOURCE_DIR, "tests", "data", "directory", "structures.csv"), encoding="utf-8") as f:
        text = f.read()
    doc = json.loads(standmatch.source(gosb, text, name="structures.csv", top=2, stand="orly-espaces-verts"))
    assert [s["stand"] for s in doc["stands"]] == ["orly-espaces-verts"]
    first = doc["stands"][0]["candidates"][0]
    assert first["name"] == "JARDINS DE VILLEJUIF"
    assert first["naf"] == "81.30Z"
    assert first["reasons"].startswith("métier NAF 81.30Z")
    with pytest.raises(Exception, match=r"bad\.csv:2"):
        standmatch.source(gosb, "DENOMINATION_SOCIALE;CODE_NAF2\nA;81Z\n", name="bad.csv")
