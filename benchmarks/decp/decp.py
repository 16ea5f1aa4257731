"""Real-data bench: rank the actual awardees of DECP contracts with standmatch.

Reads a DECP file (the official JSON `{"marches": [...]}` or the flat CSV, one row per
(contract, titulaire)), cleans it (counting every repair and every record left out),
builds supplier profiles (CPV history, places of execution, buyers) from training
contracts, turns each held-out contract into a stand with one need, scores every
candidate supplier with standmatch and reports hit@1/5/10 and MRR of the actual
awardee, next to a naive baseline (shared CPV prefix plus same place).

Deterministic: no randomness; folds, batches and tie-breaks follow sorted ids.
"""

import argparse
import collections
import csv
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The public data sits beside the checkout (../shared), unless STANDMATCH_SHARED_DIR says otherwise.
SHARED = os.environ.get("STANDMATCH_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
TERRITORY_CSV = os.path.join(ROOT, "datasets", "territory", "communes.csv")
POSTAL_CSV = os.path.join(SHARED, "data", "communes", "commune_centroids.csv")
CPV_CSV = os.path.join(SHARED, "data", "cpv2008", "cpv_2008_fr_en.csv")

PROFILE_CPV_CAP = 10     # CPV codes kept per supplier profile, most frequent first
BATCH_STANDS = 1500      # held-out contracts per scored event
LBO_FOLDS = 5            # leave-buyer-out folds (buyers assigned by sorted id)
TIME_TRAIN_SHARE = 0.8   # time-ordered split: the earliest 80 % of dated contracts train
KS = (1, 5, 10)


# ---------------------------------------------------------------- reference tables

def load_places():
    """INSEE commune codes of the territory table; postal code -> INSEE when unique."""
    communes = set()
    departements = set()
    with open(TERRITORY_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "D":
                departements.add(row["code"])
            elif row["kind"] in ("C", "A", "M"):  # communes, arrondissements, déléguées
                communes.add(row["code"])
    postal = collections.defaultdict(set)
    insee_dep = {}
    if os.path.exists(POSTAL_CSV):
        with open(POSTAL_CSV, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                insee_dep[row["insee"]] = row["dep"]
                for cp in row["codes_postaux"].split("|"):
                    if cp:
                        postal[cp].add(row["insee"])
    unique_postal = {}
    for cp, codes in postal.items():
        codes = {c for c in codes if c in communes}
        if len(codes) == 1:
            unique_postal[cp] = next(iter(codes))
    return communes, departements, unique_postal, insee_dep


class CpvList(set):
    """The CPV 2008 codes (8 digits) and their divisions."""

    def __init__(self):
        super().__init__()
        self.divisions = set()


def load_cpv_list():
    codes = CpvList()
    if os.path.exists(CPV_CSV):
        with open(CPV_CSV, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                codes.add(row["code8"])
                codes.divisions.add(row["code8"][:2])
    return codes


# ---------------------------------------------------------------- reading

def read_records(path):
    """Rows as dicts: source, id, uid, buyer, cpv_raw, lieu_code, lieu_type, date, amount,
    titulaires [(type, id)], names (for the encoding count)."""
    with open(path, "rb") as f:
        head = f.read(4096).lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    records = []
    if head[:1] in (b"{", b"["):
        with open(path, encoding="utf-8", errors="replace") as f:
            data = json.load(f)
        marches = data.get("marches", []) if isinstance(data, dict) else data
        if isinstance(marches, dict):  # some publishers wrap: {"marches": {"marche": [...]}}
            marches = marches.get("marche", [])
        if not isinstance(marches, list):
            raise ValueError("marches: expected a list of contracts")
        for m in marches:
            if not isinstance(m, dict):
                continue
            lieu = m.get("lieuExecution") or {}
            acheteur = m.get("acheteur") or {}
            tits = m.get("titulaires") or []
            if isinstance(tits, dict):
                tits = tits.get("titulaire", [])
                tits = tits if isinstance(tits, list) else [tits]
            records.append({
                "source": str(m.get("source", os.path.basename(path))),
                "id": str(m.get("id", "")),
                "uid": str(m.get("uid") or m.get("uuid") or ""),
                "type": str(m.get("_type", "")),
                "buyer": str(acheteur.get("id", "")).strip(),
                "cpv_raw": str(m.get("codeCPV", "") or ""),
                "lieu_code": str(lieu.get("code", "") or ""),
                "lieu_type": str(lieu.get("typeCode", "") or ""),
                "date": str(m.get("dateNotification", "") or ""),
                "amount": str(m.get("montant", "")),
                "titulaires": [(str(t.get("typeIdentifiant", "")), str(t.get("id", "")).strip())
                               for t in tits if isinstance(t, dict)],
                "object": str(m.get("objet", "") or ""),
                "names": " ".join([str(acheteur.get("nom", "")), str(m.get("objet", ""))] +
                                  [str(t.get("denominationSociale", "")) for t in tits if isinstance(t, dict)]),
            })
        return records, "json"
    # Flat CSV: one row per (contract, titulaire); regroup consecutive rows of one contract.
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.DictReader(f)
        prev_key, rec, rows = None, None, [0]
        for row in reader:
            # A contract's titulaires are on consecutive rows; a repeated key further down
            # is another record (a duplicate, counted by clean()).
            key = (row.get("source", ""), row.get("id", ""), row.get("uid", ""), row.get("acheteur_id", ""))
            if key != prev_key:
                prev_key = key
                rec = {
                    "source": key[0], "id": key[1], "uid": key[2], "type": row.get("type", ""),
                    "buyer": key[3].strip(), "cpv_raw": row.get("codeCPV_raw", "") or row.get("cpv8", ""),
                    "lieu_code": row.get("lieu_code", ""), "lieu_type": row.get("lieu_typeCode", ""),
                    "date": row.get("dateNotification", ""), "amount": row.get("montant", ""),
                    "titulaires": [], "object": row.get("objet", "") or "",
                    "names": " ".join([row.get("acheteur_nom", ""), row.get("objet", "")]),
                }
                records.append(rec)
            rows[0] += 1
            rec["titulaires"].append((row.get("titulaire_typeIdentifiant", ""), row.get("titulaire_id", "").strip()))
            rec["names"] += " " + row.get("titulaire_nom", "")
    return records, "csv (%d rows)" % rows[0]


# ---------------------------------------------------------------- cleaning

def clean_cpv(raw, counts, cpv_list):
    code = raw.strip().split("-")[0].strip().replace(" ", "")
    if not code.isdigit():
        counts["cpv: not numeric (record left out)"] += 1
        return None
    if len(code) == 7:
        code = "0" + code
        counts["cpv: 7 digits, leading zero restored"] += 1
    if len(code) != 8:
        counts["cpv: not 8 digits (record left out)"] += 1
        return None
    if code == "00000000" or (cpv_list and code[:2] not in cpv_list.divisions):
        counts["cpv: placeholder or no such division (record left out)"] += 1
        return None
    if cpv_list and code not in cpv_list:
        counts["cpv: 8 digits but not in CPV 2008 (kept)"] += 1
    return code


def clean_place(code, kind, counts, places):
    """(insee or None, departement or None) for a lieuExecution."""
    communes, departements, unique_postal, insee_dep = places
    code = code.strip().upper().replace(" ", "")
    kind = kind.strip().lower()
    if "postal" in kind:
        if len(code) == 4 and code.isdigit():
            code = "0" + code
            counts["place: postal code, 4 digits, leading zero restored"] += 1
        if code in unique_postal:
            counts["place: postal code -> one INSEE commune"] += 1
            insee = unique_postal[code]
            return insee, insee_dep.get(insee)
        if len(code) == 5 and code.isdigit():
            counts["place: postal code of several communes (département only)"] += 1
            dep = code[:3] if code.startswith("97") else code[:2]
            return None, dep if dep in departements else None
        counts["place: junk postal code"] += 1
        return None, None
    if "commune" in kind or "arrondissement" in kind:
        if len(code) == 4 and code.isdigit():
            code = "0" + code
        if code in communes:
            counts["place: INSEE commune code"] += 1
            return code, insee_dep.get(code, code[:3] if code.startswith("97") else code[:2])
        if code in unique_postal:
            counts["place: commune field holding a postal code -> INSEE"] += 1
            return unique_postal[code], insee_dep.get(unique_postal[code])
        counts["place: junk commune code"] += 1
        return None, None
    if "partement" in kind:
        if len(code) == 1 and code.isdigit():
            code = "0" + code
        if code in departements:
            counts["place: département code"] += 1
            return None, code
        counts["place: junk département code"] += 1
        return None, None
    if "gion" in kind:
        counts["place: région code (no commune)"] += 1
        return None, None
    if "pays" in kind:
        counts["place: country code (no commune)"] += 1
        return None, None
    counts["place: missing or unknown type"] += 1
    return None, None


def clean(records, counts, cpv_list, places):
    """Contracts ready for evaluation; every record left out is counted by reason."""
    counts["records read"] = len(records)
    contracts = []
    seen = {}
    for r in records:
        if "\ufffd" in r["names"]:
            counts["encoding: names with U+FFFD (kept; names unused)"] += 1
        buyer = r["buyer"]
        if not (len(buyer) == 14 and buyer.isdigit()):
            if len(buyer) == 13 and buyer.isdigit():
                buyer = "0" + buyer
                counts["buyer: 13-digit SIRET, leading zero restored"] += 1
            elif not buyer:
                counts["buyer: missing id (record left out)"] += 1
                continue
            else:
                counts["buyer: not a 14-digit SIRET (kept as id)"] += 1
        cpv = clean_cpv(r["cpv_raw"], counts, cpv_list)
        if cpv is None:
            continue
        sirens = []
        for kind, tid in r["titulaires"]:
            t = tid.replace(" ", "")
            if len(t) == 13 and t.isdigit():
                t = "0" + t
                counts["awardee: 13-digit SIRET, leading zero restored"] += 1
            if len(t) == 14 and t.isdigit() or len(t) == 9 and t.isdigit():
                sirens.append(t[:9])
            else:
                counts["awardee: not a SIRET/SIREN (ignored)"] += 1
        sirens = sorted(set(sirens))
        if not sirens:
            counts["awardee: none usable (record left out)"] += 1
            continue
        insee, dep = clean_place(r["lieu_code"], r["lieu_type"], counts, places)
        date = r["date"][:10]
        if not (len(date) == 10 and date[4] == "-" and date[7] == "-" and date[:4].isdigit()):
            date = None
            counts["date: dateNotification missing or malformed (no time split)"] += 1
        elif not ("2010" <= date[:4] <= "2030"):
            date = None
            counts["date: dateNotification out of range (no time split)"] += 1
        # Duplicates across (and within) publishers: same buyer, awardees, CPV, date, amount.
        try:
            amount = "%.0f" % float(str(r["amount"]).replace(",", "."))
        except ValueError:
            amount = ""
        key = (buyer, tuple(sirens), cpv, date or "", amount)
        if key in seen:
            if seen[key] != r["source"]:
                counts["duplicate across publishers (left out)"] += 1
            else:
                counts["duplicate within a publisher (left out)"] += 1
            continue
        seen[key] = r["source"]
        contracts.append({"id": "%s|%s|%s" % (r["source"], r["id"], r["uid"]), "buyer": buyer,
                          "cpv": cpv, "insee": insee, "dep": dep, "date": date, "sirens": sirens,
                          "amount": float(amount) if amount else None, "object": r.get("object", "")})
    counts["contracts kept"] = len(contracts)
    return contracts


# ---------------------------------------------------------------- splits

def splits(contracts, which):
    """(name, [(train indices, test indices)]) per split."""
    out = []
    if which in ("all", "leave-buyer-out"):
        buyers = sorted({c["buyer"] for c in contracts})
        fold_of = {b: i % LBO_FOLDS for i, b in enumerate(buyers)}
        folds = []
        for f in range(LBO_FOLDS):
            test = [i for i, c in enumerate(contracts) if fold_of[c["buyer"]] == f]
            train = [i for i, c in enumerate(contracts) if fold_of[c["buyer"]] != f]
            folds.append((train, test))
        out.append(("leave-buyer-out", folds))
    if which in ("all", "time-ordered"):
        dated = sorted((c["date"], c["id"], i) for i, c in enumerate(contracts) if c["date"])
        if len(dated) >= 20:
            cut = int(len(dated) * TIME_TRAIN_SHARE)
            cutoff = dated[cut][0]
            train = [i for d, _, i in dated if d < cutoff]
            test = [i for d, _, i in dated if d >= cutoff]
            out.append(("time-ordered", [(train, test)]))
    return out


# ---------------------------------------------------------------- profiles and events

def build_profiles(contracts, train, cap=PROFILE_CPV_CAP):
    cpv = collections.defaultdict(collections.Counter)
    insee = collections.defaultdict(collections.Counter)
    dep = collections.defaultdict(collections.Counter)
    buyers = collections.defaultdict(set)
    n = collections.Counter()
    for i in train:
        c = contracts[i]
        for s in c["sirens"]:
            n[s] += 1
            cpv[s][c["cpv"]] += 1
            buyers[s].add(c["buyer"])
            if c["insee"]:
                insee[s][c["insee"]] += 1
            if c["dep"]:
                dep[s][c["dep"]] += 1
    # Candidate order = tie-break order: most training contracts first, then SIREN.
    order = sorted(n, key=lambda s: (-n[s], s))
    profiles = []
    for s in order:
        codes = [k for k, _ in sorted(cpv[s].items(), key=lambda kv: (-kv[1], kv[0]))]
        top_insee = min(insee[s].items(), key=lambda kv: (-kv[1], kv[0]))[0] if insee[s] else None
        top_dep = min(dep[s].items(), key=lambda kv: (-kv[1], kv[0]))[0] if dep[s] else None
        profiles.append({"siren": s, "cpv": codes[:cap], "all_cpv": set(codes),
                         "insee": top_insee, "dep": top_dep, "n": n[s], "buyers": buyers[s]})
    return profiles


def luhn_ok(digits):
    """The Luhn check of a SIRET or SIREN (standmatch refuses an identifier failing it)."""
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if k % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def make_event(name, profiles, tests, contracts, history=False):
    """The event of a batch of held-out contracts. With HISTORY, the need carries what a
    buyer would post (the contract's object as title, its amount), the buyer its SIRET and
    each supplier its SIREN, so that award history can be attached."""
    buyers, stands = [], []
    for j, i in enumerate(tests):
        c = contracts[i]
        b = {"id": "b%d" % j, "name": c["buyer"]}
        if c["insee"]:
            b["commune"] = c["insee"]
        elif c["dep"]:
            b["departement"] = c["dep"]
        need = {"id": "n%d" % j, "title": c["cpv"], "cpv": [c["cpv"]]}
        if history:
            if len(c["buyer"]) == 14 and c["buyer"].isdigit() and luhn_ok(c["buyer"]):
                b["siret"] = c["buyer"]
            need["title"] = (c["object"] or c["cpv"])[:500]
            if c["amount"]:
                need["amount_eur"] = c["amount"]
        buyers.append(b)
        stands.append({"id": "s%d" % j, "buyer": "b%d" % j, "title": c["id"][:200], "needs": [need]})
    suppliers = []
    for k, p in enumerate(profiles):
        s = {"id": "f%d" % k, "name": p["siren"], "cpv": p["cpv"]}
        if history and luhn_ok(p["siren"]):
            s["siret"] = p["siren"]
        if p["insee"]:
            s["commune"] = p["insee"]
        elif p["dep"]:
            s["departement"] = p["dep"]
        suppliers.append(s)
    return {"format": "standmatch.event/1",
            "event": {"id": name, "name": name, "date": "2019-04-01",
                      "sessions": [{"start": "09:00", "end": "12:00"}], "slot_minutes": 10},
            "buyers": buyers, "stands": stands, "suppliers": suppliers}


def ranks_from_scores(num_stands, pair_stand, pair_supplier, pair_score, truth):
    """For each stand, the best 1-based rank of a true supplier (0: not ranked).
    Order: score descending, ties by supplier index (the candidate order)."""
    order = np.lexsort((pair_supplier, -pair_score, pair_stand))
    st = pair_stand[order]
    su = pair_supplier[order]
    starts = np.searchsorted(st, np.arange(num_stands + 1))
    out = np.zeros(num_stands, dtype=np.int64)
    for j in range(num_stands):
        seg = su[starts[j]:starts[j + 1]]
        if not truth[j]:
            continue
        hit = np.nonzero(np.isin(seg, truth[j]))[0]
        if hit.size:
            out[j] = hit[0] + 1
    return out


def baseline_scores(profiles, tests, contracts):
    """Naive: deepest shared CPV prefix (2..8 digits) over the whole profile, + 1 when the
    supplier's most frequent département is the contract's. Pairs with no shared division
    are not ranked."""
    by_div = collections.defaultdict(list)
    for k, p in enumerate(profiles):
        for d in {c[:2] for c in p["all_cpv"]}:
            by_div[d].append(k)
    st, su, sc = [], [], []
    for j, i in enumerate(tests):
        c = contracts[i]
        code = c["cpv"]
        for k in by_div.get(code[:2], ()):
            p = profiles[k]
            depth = max(common_prefix(code, x) for x in p["all_cpv"])
            same = 1 if c["dep"] and p["dep"] == c["dep"] else 0
            st.append(j)
            su.append(k)
            sc.append(depth + same)
    return np.array(st, dtype=np.int64), np.array(su, dtype=np.int64), np.array(sc, dtype=np.float64)


def common_prefix(a, b):
    n = 0
    while n < 8 and a[n] == b[n]:
        n += 1
    return n


def metrics(ranks):
    ranks = np.asarray(ranks)
    n = len(ranks)
    if n == 0:
        return {"n": 0, **{"hit@%d" % k: 0.0 for k in KS}, "mrr": 0.0, "ranked": 0.0}
    rr = np.where(ranks > 0, 1.0 / np.maximum(ranks, 1), 0.0)
    out = {"n": n}
    for k in KS:
        out["hit@%d" % k] = float(np.mean((ranks > 0) & (ranks <= k)))
    out["mrr"] = float(rr.mean())
    out["ranked"] = float(np.mean(ranks > 0))
    return out


def awards_json(contracts, train):
    """The training contracts as a DECP file in the official shape (awardees by SIREN)."""
    marches = []
    for i in train:
        c = contracts[i]
        m = {"id": c["id"], "acheteur": {"id": c["buyer"]}, "codeCPV": c["cpv"], "objet": c["object"],
             "titulaires": [{"typeIdentifiant": "SIREN", "id": s} for s in c["sirens"]]}
        if c["insee"]:
            m["lieuExecution"] = {"code": c["insee"], "typeCode": "Code commune"}
        elif c["dep"]:
            m["lieuExecution"] = {"code": c["dep"], "typeCode": "Code département"}
        if c["date"]:
            m["dateNotification"] = c["date"]
        if c["amount"]:
            m["montant"] = c["amount"]
        marches.append(m)
    return json.dumps({"marches": marches}, ensure_ascii=False)


def bootstrap(a, b, resamples=2000, seed=20191):
    """95 % percentile intervals, resampling the held-out contracts (paired), of hit@10 and
    MRR for the ranks A (standmatch) and B (baseline) and of their differences. Fixed seed."""
    a, b = np.asarray(a), np.asarray(b)
    n = len(a)
    if n == 0:
        return {}
    rng = np.random.RandomState(seed)
    hit = lambda r: ((r > 0) & (r <= 10)).astype(np.float64)
    rr = lambda r: np.where(r > 0, 1.0 / np.maximum(r, 1), 0.0)
    cols = {"hit@10": (hit(a), hit(b)), "mrr": (rr(a), rr(b))}
    out = {}
    idx = rng.randint(0, n, size=(resamples, n))
    for name, (x, y) in cols.items():
        mx, my = x[idx].mean(axis=1), y[idx].mean(axis=1)
        for label, v in (("rules", mx), ("baseline", my), ("difference", mx - my)):
            out["%s %s" % (name, label)] = [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))]
    return out


def evaluate(sm, rules, contracts, split_name, folds, cap=PROFILE_CPV_CAP, history=False, fit=False):
    """Ranks of the held-out awardees by standmatch and by the baseline. With HISTORY, the
    suppliers carry the award history of the training contracts; with FIT, the weights are
    fitted (sm.fit, as `standmatch fit`) on the training contracts of each fold only."""
    sm_ranks, base_ranks = [], []
    info = collections.Counter()
    fitted = []
    for f, (train, test) in enumerate(folds):
        fold_rules, awards = rules, None
        if history or fit:
            awards = sm.parse_awards(awards_json(contracts, train), "<decp %s fold %d training>" % (split_name, f))
        if fit:
            fold_rules, report = sm.fit(awards, rules, cpv_cap=cap)
            fitted.append({"fold": f, "weights": fold_rules.weights, "report": report})
        profiles = build_profiles(contracts, train, cap)
        index = {p["siren"]: k for k, p in enumerate(profiles)}
        info["candidates (sum over folds)"] += len(profiles)
        evaluable = []
        for i in test:
            truth = [index[s] for s in contracts[i]["sirens"] if s in index]
            if truth:
                evaluable.append((i, truth))
            else:
                info["held-out contracts whose awardee has no profile (cold start)"] += 1
        info["held-out contracts evaluated"] += len(evaluable)
        for b in range(0, len(evaluable), BATCH_STANDS):
            batch = evaluable[b:b + BATCH_STANDS]
            tests = [i for i, _ in batch]
            truth = [t for _, t in batch]
            event = make_event("decp-%s-%d-%d" % (split_name, f, b // BATCH_STANDS), profiles, tests, contracts,
                               history or fit)
            ev = sm.parse_event(json.dumps(event), "<decp %s fold %d>" % (split_name, f))
            if awards is not None:
                ev = sm.with_awards(ev, awards)
            table = sm.score(ev, fold_rules)
            sm_ranks.append(ranks_from_scores(len(tests), np.asarray(table.stand, dtype=np.int64),
                                              np.asarray(table.supplier, dtype=np.int64),
                                              np.asarray(table.score, dtype=np.float64), truth))
            bs, bu, bsc = baseline_scores(profiles, tests, contracts)
            base_ranks.append(ranks_from_scores(len(tests), bs, bu, bsc, truth))
    cat = lambda xs: np.concatenate(xs) if xs else np.zeros(0, dtype=np.int64)
    out = {"rules": metrics(cat(sm_ranks)), "baseline": metrics(cat(base_ranks)), "info": dict(info),
           "intervals": bootstrap(cat(sm_ranks), cat(base_ranks))}
    if fitted:
        out["fitted"] = fitted
    return out


# ---------------------------------------------------------------- main

def main(argv):
    ap = argparse.ArgumentParser(prog="benchmarks/decp/run", description=__doc__.split("\n\n")[0])
    ap.add_argument("file", metavar="FILE", help="a DECP file: JSON {\"marches\": [...]} or the flat CSV")
    ap.add_argument("--split", default="all", choices=["all", "leave-buyer-out", "time-ordered"])
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--rules", help="a standmatch rules file (default: the built-in rules)")
    ap.add_argument("--awards", action="store_true",
                    help="attach each fold's training contracts to the suppliers as award history")
    ap.add_argument("--fit", action="store_true",
                    help="fit the criterion weights on each fold's training contracts (from --rules), "
                         "then rank with them and the award history")
    ap.add_argument("--cpv-cap", type=int, default=PROFILE_CPV_CAP, metavar="N",
                    help="CPV codes per supplier profile, most frequent first (default %d)" % PROFILE_CPV_CAP)
    args = ap.parse_args(argv)
    if args.cpv_cap < 1:
        ap.error("--cpv-cap must be at least 1")

    try:
        import standmatch as sm
    except ImportError as e:
        print("benchmarks/decp: cannot import the standmatch module (%s); set PYTHONPATH to <build>/bindings" % e,
              file=sys.stderr)
        return 2
    try:
        rules = sm.load_rules(args.rules) if args.rules else sm.default_rules()
    except (sm.Error, OSError) as e:
        print(str(e), file=sys.stderr)
        return 1
    try:
        records, fmt = read_records(args.file)
    except (OSError, ValueError) as e:
        print("%s: %s" % (args.file, e), file=sys.stderr)
        return 1
    counts = collections.Counter()
    contracts = clean(records, counts, load_cpv_list(), load_places())
    results = {}
    for name, folds in splits(contracts, args.split):
        results[name] = evaluate(sm, rules, contracts, name, folds, args.cpv_cap, args.awards, args.fit)
    rules_label = os.path.basename(args.rules) if args.rules else "default"
    if args.fit:
        rules_label += " fitted"
    elif args.awards:
        rules_label += " + awards"
    if args.json:
        print(json.dumps({"file": os.path.basename(args.file), "format": fmt, "rules": rules_label,
                          "cleaning": dict(sorted(counts.items())), "splits": results}, indent=2, sort_keys=True, ensure_ascii=False))
        return 0
    print("file: %s (%s), rules: %s" % (args.file, fmt, rules_label))
    print("cleaning:")
    for k, v in sorted(counts.items()):
        print("  %-62s %6d" % (k, v))
    if not results:
        print("no split could be built (too few contracts or dates)")
    for name, res in results.items():
        print("\nsplit: %s" % name)
        for k, v in sorted(res["info"].items()):
            print("  %-62s %6d" % (k, v))
        print("  %-32s %7s %7s %7s %7s %7s" % ("ranker", "hit@1", "hit@5", "hit@10", "MRR", "ranked"))
        for label, key in (("standmatch (" + rules_label.removesuffix(".json") + ")", "rules"),
                           ("baseline cpv prefix + place", "baseline")):
            m = res[key]
            print("  %-32s %6.1f%% %6.1f%% %6.1f%% %7.4f %6.1f%%" % (label[:32], 100 * m["hit@1"], 100 * m["hit@5"],
                                                           100 * m["hit@10"], m["mrr"], 100 * m["ranked"]))
        ci = res["intervals"]
        if ci:
            print("  95 % intervals (bootstrap over contracts, paired):")
            for key in ("hit@10", "mrr"):
                scale, unit = (100, "%") if key == "hit@10" else (1, "")
                fmt = "%.1f" if key == "hit@10" else "%.4f"
                print("    %-7s " % key + "   ".join(
                    "%s [%s, %s]%s" % (who, fmt % (scale * ci["%s %s" % (key, who)][0]),
                                       fmt % (scale * ci["%s %s" % (key, who)][1]), unit)
                    for who in ("rules", "baseline", "difference")))
        for fold in res.get("fitted", []):
            w = {k: round(v, 3) for k, v in fold["weights"].items() if v}
            print("  fitted on fold %d's training contracts: %s" % (fold["fold"], json.dumps(w)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
