#!/usr/bin/env python3
"""Writes the two default standmatch events (synthetic data, standmatch.event/1).

  datasets/villejuif-2025/event.json  a city's first Forum des Achats Durables
  datasets/gosb-2025/event.json       an EPT morning with 24 reverse stands

Everything is drawn from a fixed-seed SplitMix64 generator written below (not
Python's `random`, whose algorithms may change between versions), so the same
script writes the same bytes on every machine. Standard library only.

Real facts: INSEE commune codes and names and the SIREN of the communes and of
the EPT Grand-Orly Seine Bièvre (from Etalab's decoupage-administratif, Licence
Ouverte 2.0), CPV codes (Regulation (EC) 213/2008). Everything else is made up:
company names, SIRETs (random digits with a valid Luhn key), needs, amounts,
wishes. With --cpv-list (default: the official list in ../shared) every CPV code
used is checked against the official list before anything is written.

usage: python3 datasets/make_default_events.py [--cpv-list CSV] [--check]
  --check   write nothing; exit 1 if a file on disk differs from what would be written
"""

import argparse
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CPV_LIST = os.path.join(HERE, "..", "..", "shared", "data", "cpv2008", "cpv_2008_fr_en.csv")

MASK64 = (1 << 64) - 1


class Rng:
    """SplitMix64 with tiny, explicit distributions (deterministic everywhere)."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """An integer in [0, n)."""
        return (self.next() * n) >> 64

    def between(self, lo, hi):
        """An integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def chance(self, p):
        return (self.next() >> 11) < int(p * (1 << 53))

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        """PAIRS: [(value, integer weight)]."""
        total = sum(w for _, w in pairs)
        r = self.below(total)
        for value, w in pairs:
            if r < w:
                return value
            r -= w
        raise AssertionError("unreachable")

    def sample(self, seq, k):
        items = list(seq)
        k = min(k, len(items))
        for i in range(k):
            j = i + self.below(len(items) - i)
            items[i], items[j] = items[j], items[i]
        return items[:k]

    def digits(self, n):
        return "".join(str(self.below(10)) for _ in range(n))


def luhn_ok(number):
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix):
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError("unreachable")


def siret_of_siren(siren, establishment=1):
    """The SIRET of establishment number ESTABLISHMENT of SIREN, Luhn key in the last NIC digit."""
    assert luhn_ok(siren), siren
    return luhn_complete(siren + "%04d" % establishment)


def random_siret(rng):
    siren = luhn_complete(rng.choice("3456789") + rng.digits(7))
    return luhn_complete(siren + "0" + rng.digits(3))


# ---------------------------------------------------------------------------
# Territory (real codes). (INSEE, SIREN of the commune, name)

GOSB_SIREN = "200058014"
GOSB_COMMUNES = [
    ("91027", "219100278", "Athis-Mons"),
    ("91326", "219103264", "Juvisy-sur-Orge"),
    ("91432", "219104320", "Morangis"),
    ("91479", "219104791", "Paray-Vieille-Poste"),
    ("91589", "219105897", "Savigny-sur-Orge"),
    ("91687", "219106879", "Viry-Châtillon"),
    ("94001", "219400017", "Ablon-sur-Seine"),
    ("94003", "219400033", "Arcueil"),
    ("94016", "219400165", "Cachan"),
    ("94021", "219400215", "Chevilly-Larue"),
    ("94022", "219400223", "Choisy-le-Roi"),
    ("94034", "219400348", "Fresnes"),
    ("94037", "219400371", "Gentilly"),
    ("94038", "219400389", "L'Haÿ-les-Roses"),
    ("94041", "219400413", "Ivry-sur-Seine"),
    ("94043", "219400439", "Le Kremlin-Bicêtre"),
    ("94054", "219400546", "Orly"),
    ("94065", "219400652", "Rungis"),
    ("94073", "219400736", "Thiais"),
    ("94074", "219400744", "Valenton"),
    ("94076", "219400769", "Villejuif"),
    ("94077", "219400777", "Villeneuve-le-Roi"),
    ("94078", "219400785", "Villeneuve-Saint-Georges"),
    ("94081", "219400819", "Vitry-sur-Seine"),
]
GOSB_CODES = [c for c, _, _ in GOSB_COMMUNES]
SIREN_OF = {c: s for c, s, _ in GOSB_COMMUNES}
NAME_OF = {c: n for c, _, n in GOSB_COMMUNES}

# Val-de-Marne outside the EPT, and Essonne.
VAL_DE_MARNE_ESSONNE = ["94028", "94080", "94068", "94017", "94046", "94002", "94033", "94011",
                        "94018", "94071", "91228", "91377", "91477", "91174", "91286", "91549",
                        "91692", "91114"]
# Rest of Île-de-France (Paris as a whole, Hauts-de-Seine, Seine-Saint-Denis, 77, 78, 95).
ILE_DE_FRANCE = ["75056", "75056", "75056", "92049", "92007", "92050", "92012", "92040", "92023",
                 "93048", "93055", "93001", "93008", "77288", "77284", "78646", "78586", "95127",
                 "95018"]
ELSEWHERE = ["59350", "44109", "76540", "45234", "33063", "31555", "35238", "67482", "21231", "37261"]

# ---------------------------------------------------------------------------
# Supplier archetypes by trade: CPV codes they sell (most specific first), NAF
# codes, words for fictitious names, reuse practices they may have.

TRADES = {
    "impression": dict(
        cpv=["79810000-5", "79800000", "22458000", "79823000-9", "30197630"],
        naf=["18.12Z", "18.13Z"], words=["Imprimerie", "Atelier graphique", "Arts graphiques"],
        reuse=["recyclage"], labels=["imprim-vert"]),
    "mobilier": dict(
        cpv=["39130000-2", "39100000", "39160000-1", "39150000", "39120000"],
        naf=["31.01Z", "31.09B", "47.79Z"], words=["Ressourcerie", "Atelier du meuble", "Ébénisterie"],
        reuse=["reemploi", "reconditionnement", "location"], labels=[]),
    "informatique": dict(
        cpv=["30213100-6", "30213300", "30200000-1", "50320000", "30232000"],
        naf=["95.11Z", "46.51Z", "62.02A"], words=["Informatique", "Numérique", "Recyclerie numérique"],
        reuse=["reconditionnement", "location", "reemploi"], labels=[]),
    "biodechets": dict(
        cpv=["90511000-2", "77120000", "90514000", "90500000-2", "39234000"],
        naf=["38.11Z", "38.21Z", "38.32Z"], words=["Compost", "Collecte", "Boucle verte"],
        reuse=["recyclage"], labels=[]),
    "restauration": dict(
        cpv=["55520000-1", "55321000", "15800000", "55500000", "55523100-3"],
        naf=["56.21Z", "56.29A", "10.85Z"], words=["Traiteur", "Cuisine", "Table"],
        reuse=[], labels=["ecocert"]),
    "nettoyage": dict(
        cpv=["90910000-9", "90911200", "90919200-4", "39830000"],
        naf=["81.21Z", "81.22Z"], words=["Propreté", "Nettoyage", "Services"],
        reuse=[], labels=["ecolabel"]),
    "espaces_verts": dict(
        cpv=["77310000-6", "77313000", "77340000-5", "45112700", "03451000"],
        naf=["81.30Z", "01.30Z"], words=["Jardins", "Paysages", "Espaces verts"],
        reuse=[], labels=[]),
    "evenementiel": dict(
        cpv=["79952000-2", "79950000", "79960000", "39522530", "55520000"],
        naf=["82.30Z", "90.02Z"], words=["Événements", "Scènes", "Production"],
        reuse=["location", "reemploi"], labels=[]),
    "mise_sous_pli": dict(
        cpv=["79571000-7", "79570000", "79500000-9", "79823000"],
        naf=["82.19Z", "82.92Z"], words=["Routage", "Envois", "Conditionnement"],
        reuse=[], labels=[]),
    "jouets": dict(
        cpv=["37520000-9", "37524000", "37500000-3", "37523000"],
        naf=["47.65Z", "32.40Z", "93.29Z"], words=["Jeux", "Jouets", "Ludo"],
        reuse=["reemploi", "reconditionnement", "recyclage"], labels=[]),
    "velos": dict(
        cpv=["34430000-0", "34432000", "50800000-3", "34431000"],
        naf=["95.29Z", "47.64Z", "77.21Z"], words=["Cycles", "Vélo", "Atelier vélo"],
        reuse=["reconditionnement", "reemploi", "location"], labels=[]),
    "batiment": dict(
        cpv=["45453000-7", "45442100", "45421000-4", "45400000", "45210000-2", "45330000", "45310000-3"],
        naf=["43.34Z", "43.32A", "43.99C", "41.20B", "43.22A", "43.21A"],
        words=["Bâtiment", "Rénovation", "Second œuvre"], reuse=["reemploi"], labels=["rge"]),
    "culture": dict(
        cpv=["92500000-6", "92312000", "79952100-3", "92320000"],
        naf=["90.01Z", "90.04Z", "94.99Z"], words=["Compagnie", "Collectif", "Ateliers"],
        reuse=[], labels=[]),
    "social": dict(
        cpv=["85320000-8", "98133000", "80530000-8"],
        naf=["88.99B", "85.59A", "94.99Z"], words=["Solidarités", "Accompagnement", "Parcours"],
        reuse=[], labels=[]),
    "textile": dict(
        cpv=["18110000-3", "18100000", "39500000-7"],
        naf=["14.12Z", "13.99Z"], words=["Couture", "Textile", "Fil"],
        reuse=["reemploi", "recyclage"], labels=[]),
}

# Trades where groups (ETI, GE) answer local tenders too.
LARGE_FIRM_TRADES = {"nettoyage", "restauration", "batiment", "informatique", "impression",
                     "espaces_verts", "biodechets", "evenementiel"}

# Syllables for coined (fictitious) brand names.
SYLLABLES_A = ["Ar", "Bel", "Cal", "Dor", "El", "Fal", "Gal", "Hel", "Ir", "Jal", "Kor", "Lum", "Mar",
               "Nor", "Or", "Pel", "Quin", "Ros", "Sol", "Tal", "Ul", "Val", "Ver", "Zé"]
SYLLABLES_B = ["ba", "cé", "da", "fi", "go", "la", "li", "mo", "na", "ni", "ra", "ri", "sa", "ta",
               "to", "vi", "zo"]
SYLLABLES_C = ["lis", "nor", "vel", "ric", "ane", "ya", "mont", "val", "bel", "rin", "ton", "lia"]

# Inclusion structures: (structure, legal forms, ess, size).
STRUCTURES = [
    ("EI", ["SAS", "SARL", "Association"], 4),
    ("ACI", ["Association"], 4),
    ("AI", ["Association"], 2),
    ("ETTI", ["SAS", "SARL"], 1),
    ("EA", ["SAS", "Association"], 3),
    ("ESAT", ["Association"], 3),
    ("GEIQ", ["Association"], 1),
]
STRUCTURE_SIZES = {"EI": "pme", "ACI": "micro", "AI": "micro", "ETTI": "micro", "EA": "pme",
                   "ESAT": "pme", "GEIQ": "micro"}


def coined_name(rng, used):
    while True:
        name = rng.choice(SYLLABLES_A) + rng.choice(SYLLABLES_B) + rng.choice(SYLLABLES_C)
        if name not in used:
            used.add(name)
            return name


def headcount_and_turnover(rng, size):
    if size == "micro":
        employees = rng.between(1, 9)
        turnover = employees * rng.between(45, 140) * 1000
    elif size == "pme":
        employees = rng.between(10, 240)
        turnover = employees * rng.between(55, 160) * 1000
    elif size == "eti":
        employees = rng.between(260, 4500)
        turnover = employees * rng.between(80, 180) * 1000
    else:
        employees = rng.between(6000, 60000)
        turnover = employees * rng.between(120, 220) * 1000
    return employees, turnover


class SupplierFactory:
    """Draws suppliers with a realistic mix of size, status, place and reuse."""

    def __init__(self, rng, home, places, trades, session):
        self.rng = rng
        self.home = home            # INSEE of the host commune
        self.places = places        # [(list of INSEE codes, weight)]
        self.trades = trades        # [(trade, weight)]
        self.session = session      # (start minutes, end minutes)
        self.used_names = set()
        self.used_sirets = set()

    def siret(self):
        while True:
            s = random_siret(self.rng)
            if s not in self.used_sirets:
                self.used_sirets.add(s)
                return s

    def make(self, sid, trade=None, kind=None):
        rng = self.rng
        trade = trade or rng.weighted(self.trades)
        t = TRADES[trade]
        kind = kind or rng.weighted([("classic", 55), ("ess", 15), ("inclusion", 30)])
        structure = None
        labels = []
        if kind == "inclusion":
            structure = rng.weighted([(s, w) for s, _, w in STRUCTURES])
            legal_form = rng.choice([f for s, f, _ in STRUCTURES if s == structure][0])
            size = STRUCTURE_SIZES[structure] if rng.chance(0.7) else "micro"
            ess = legal_form == "Association" or rng.chance(0.5)
        elif kind == "ess":
            legal_form = rng.weighted([("Association", 4), ("SCOP", 4), ("SCIC", 2), ("SAS", 1)])
            size = rng.weighted([("micro", 6), ("pme", 4)])
            ess = True
            if legal_form == "SAS":
                labels.append("esus")
        else:
            size = rng.weighted([("micro", 54), ("pme", 35), ("eti", 7), ("ge", 4)])
            if size in ("eti", "ge") and trade not in LARGE_FIRM_TRADES:
                size = "pme"
            legal_form = {"micro": rng.choice(["SARL", "SASU", "EURL", "Entreprise individuelle"]),
                          "pme": rng.choice(["SAS", "SARL"]), "eti": "SAS", "ge": "SA"}[size]
            ess = False
        employees, turnover = headcount_and_turnover(rng, size)
        if structure or legal_form == "Association":
            turnover = turnover * 2 // 5 // 1000 * 1000  # subsidised, labour-intensive
        word = rng.choice(t["words"])
        brand = coined_name(rng, self.used_names)
        if structure in ("ACI", "AI", "ESAT", "GEIQ") or legal_form == "Association":
            name = "%s %s %s" % (word, rng.choice(["solidaire", "d'insertion", "partagé", "en commun"]), brand)
        elif legal_form in ("SCOP", "SCIC"):
            name = "%s %s (%s)" % (word, brand, legal_form)
        elif size in ("eti", "ge"):
            name = "Groupe %s %s" % (brand, word)
        else:
            name = "%s %s" % (word, brand)
        if structure == "GEIQ":
            name = "GEIQ %s %s" % (word, brand)
        if structure == "ESAT":
            name = "ESAT %s" % brand
        place = rng.weighted(self.places)
        commune = rng.choice(place) if place else self.home
        cpv_pool = list(t["cpv"])
        # A few suppliers also sell in a second trade (overlaps across stands).
        if rng.chance(0.25):
            other = rng.choice(sorted(TRADES))
            if other != trade:
                cpv_pool += TRADES[other]["cpv"][:2]
        count = rng.between(1, min(4, len(cpv_pool)))
        cpv = []
        for code in [cpv_pool[0]] + rng.sample(cpv_pool[1:], count - 1):
            if code not in cpv:
                cpv.append(code if rng.chance(0.5) else code.split("-")[0])
        supplier = {"id": sid, "name": name, "siret": self.siret(), "commune": commune,
                    "employees": employees, "turnover_eur": turnover, "legal_form": legal_form,
                    "ess": ess}
        if structure:
            supplier["structure"] = structure
        supplier["cpv"] = cpv
        supplier["naf"] = rng.choice(t["naf"])
        reuse = [r for r in t["reuse"] if rng.chance(0.55 if trade in
                 ("mobilier", "informatique", "jouets", "velos", "textile") else 0.25)]
        if reuse:
            supplier["reuse"] = reuse
        labels += [l for l in t["labels"] if rng.chance(0.4)]
        if commune in GOSB_CODES and rng.chance(0.2):
            labels.append("emplitude")
        if labels:
            supplier["labels"] = labels
        if rng.chance(0.2):
            start, end = self.session
            span = end - start
            if rng.chance(0.5):
                s = start + 10 * rng.between(3, span // 20)
                supplier["available"] = [{"start": hhmm(s), "end": hhmm(end)}]
            else:
                e = end - 10 * rng.between(3, span // 20)
                supplier["available"] = [{"start": hhmm(start), "end": hhmm(e)}]
        if rng.chance(0.25):
            supplier["max_meetings"] = rng.between(2, 5)
        supplier["_trade"] = trade
        return supplier


def hhmm(minutes):
    return "%02d:%02d" % (minutes // 60, minutes % 60)


def minutes(text):
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def need(nid, title, cpv, amount, quarter, reserved="none", reuse=False, insertion=0):
    return {"id": nid, "title": title, "cpv": cpv, "amount_eur": amount, "quarter": quarter,
            "reserved": reserved, "reuse": reuse, "insertion_clause_pct": insertion}


def add_wishes(rng, suppliers, stands, stand_trades, share, max_wishes):
    """Most wishes go to stands of the supplier's trade; a few elsewhere; a few are `no`."""
    by_trade = {}
    for stand in stands:
        for trade in stand_trades[stand["id"]]:
            by_trade.setdefault(trade, []).append(stand["id"])
    all_ids = [s["id"] for s in stands]
    for sup in suppliers:
        if not rng.chance(share):
            continue
        own = by_trade.get(sup["_trade"], [])
        wishes = []
        for sid in rng.sample(own, rng.between(1, max_wishes)):
            wishes.append({"stand": sid, "level": rng.weighted([("want", 7), ("must", 3)])})
        if rng.chance(0.3):
            other = rng.choice(all_ids)
            if other not in [w["stand"] for w in wishes]:
                wishes.append({"stand": other, "level": "want"})
        if rng.chance(0.08):
            other = rng.choice(all_ids)
            if other not in [w["stand"] for w in wishes]:
                wishes.append({"stand": other, "level": "no"})
        if wishes:
            sup["wishes"] = wishes


def add_invitations(rng, suppliers, stands, stand_trades, count):
    invitations = []
    seen = set()
    tries = 0
    while len(invitations) < count and tries < 1000:
        tries += 1
        stand = rng.choice(stands)
        fits = [s for s in suppliers if s["_trade"] in stand_trades[stand["id"]]]
        if not fits:
            continue
        sup = rng.choice(fits)
        key = (stand["id"], sup["id"])
        if key in seen:
            continue
        seen.add(key)
        invitations.append({"stand": stand["id"], "supplier": sup["id"],
                            "level": rng.weighted([("want", 3), ("must", 1)])})
    return invitations


def finish(suppliers):
    for s in suppliers:
        del s["_trade"]


def registrations(factory, first, entries):
    """Suppliers as a registration form gives them: a name, a SIRET, a commune and either a
    NAF code or a few words of activity, no CPV code. Appended after the generated ones
    (whose draws they leave as they were)."""
    out = []
    for i, (name, commune, legal_form, what) in enumerate(entries):
        supplier = {"id": "f%03d" % (first + i), "name": name, "siret": factory.siret(),
                    "commune": commune, "legal_form": legal_form}
        supplier["naf" if len(what) == 6 and what[2] == "." else "activity"] = what
        out.append(supplier)
    return out


def describe(stands, descriptions):
    """Adds the buyers' own words to some needs."""
    for stand in stands:
        for n in stand["needs"]:
            if n["id"] in descriptions:
                n["description"] = descriptions[n["id"]]


# ---------------------------------------------------------------------------
# Villejuif: a city's first Forum des Achats Durables.

def villejuif():
    rng = Rng(20250328)
    home = "94076"
    buyers = [
        {"id": "villejuif", "name": "Ville de Villejuif", "kind": "commune", "commune": home,
         "siret": siret_of_siren(SIREN_OF[home])},
        {"id": "ccas-villejuif", "name": "Centre communal d'action sociale de Villejuif", "kind": "ccas",
         "commune": home, "siret": random_siret(rng)},
        {"id": "gosb", "name": "Établissement public territorial Grand-Orly Seine Bièvre", "kind": "ept",
         "commune": "94081", "siret": siret_of_siren(GOSB_SIREN)},
        {"id": "kremlin-bicetre", "name": "Ville du Kremlin-Bicêtre", "kind": "commune",
         "commune": "94043", "siret": siret_of_siren(SIREN_OF["94043"])},
        {"id": "cachan", "name": "Ville de Cachan", "kind": "commune", "commune": "94016",
         "siret": siret_of_siren(SIREN_OF["94016"])},
    ]
    stands = [
        {"id": "mobilier", "buyer": "villejuif", "title": "Mobilier en réemploi", "tables": 2,
         "needs": [need("mobilier-bureaux", "Mobilier de bureau de seconde main", ["39130000-2"],
                        35000, "2025-Q2", reuse=True),
                   need("mobilier-ecoles", "Mobilier scolaire reconditionné", ["39160000-1"],
                        28000, "2025-Q3", reuse=True)]},
        {"id": "impression", "buyer": "villejuif", "title": "Impression durable",
         "needs": [need("impression-magazine", "Impression du magazine municipal sur papier recyclé",
                        ["79810000-5", "22458000"], 38000, "2025-Q4", insertion=5)]},
        {"id": "informatique", "buyer": "villejuif", "title": "Informatique reconditionnée",
         "available": [{"start": "10:40", "end": "11:50"}],
         "needs": [need("informatique-portables", "Ordinateurs portables reconditionnés",
                        ["30213100-6"], 24000, "2025-Q3", reuse=True),
                   need("informatique-maintenance", "Maintenance du parc des écoles", ["50320000"],
                        15000, "2026-Q1")]},
        {"id": "biodechets", "buyer": "gosb", "title": "Collecte des biodéchets",
         "needs": [need("biodechets-marches", "Collecte des biodéchets des marchés forains",
                        ["90511000-2", "77120000"], 120000, "2026-Q1", insertion=7)]},
        {"id": "restauration", "buyer": "villejuif", "title": "Restauration et traiteur",
         "needs": [need("restauration-cocktails", "Traiteur pour les réceptions municipales",
                        ["55520000-1"], 30000, "2025-Q3", reserved="insertion")]},
        {"id": "nettoyage", "buyer": "kremlin-bicetre", "title": "Nettoyage des locaux",
         "available": [{"start": "11:00", "end": "12:20"}],
         "needs": [need("nettoyage-vitres", "Nettoyage de la vitrerie des bâtiments communaux",
                        ["90911200-8"], 45000, "2025-Q4", reserved="disability"),
                   need("nettoyage-produits", "Produits d'entretien écolabellisés", ["39830000"],
                        9000, "2025-Q2")]},
        {"id": "espaces-verts", "buyer": "cachan", "title": "Espaces verts",
         "needs": [need("espaces-verts-parcs", "Entretien des squares et pieds d'arbres",
                        ["77313000", "77340000-5"], 85000, "2026-Q1", insertion=8)]},
        {"id": "solidarites", "buyer": "ccas-villejuif", "title": "Services aux publics fragiles",
         "needs": [need("solidarites-ateliers", "Ateliers d'accompagnement numérique des seniors",
                        ["85320000-8"], 20000, "2025-Q4", reserved="ess"),
                   need("solidarites-courriers", "Mise sous pli des courriers du CCAS", ["79571000-7"],
                        8000, "2025-Q3", reserved="disability-or-insertion")]},
    ]
    stand_trades = {"mobilier": ["mobilier"], "impression": ["impression", "mise_sous_pli"],
                    "informatique": ["informatique"], "biodechets": ["biodechets"],
                    "restauration": ["restauration"], "nettoyage": ["nettoyage"],
                    "espaces-verts": ["espaces_verts"], "solidarites": ["social", "mise_sous_pli"]}
    factory = SupplierFactory(
        rng, home,
        places=[(None, 20), (GOSB_CODES, 40), (VAL_DE_MARNE_ESSONNE, 15), (ILE_DE_FRANCE, 20),
                (ELSEWHERE, 5)],
        trades=[("mobilier", 5), ("impression", 4), ("informatique", 4), ("biodechets", 3),
                ("restauration", 5), ("nettoyage", 4), ("espaces_verts", 4), ("social", 2),
                ("mise_sous_pli", 2), ("batiment", 1)],
        session=(minutes("10:40"), minutes("12:20")))
    suppliers = [factory.make("f%03d" % (i + 1)) for i in range(36)]
    add_wishes(rng, suppliers, stands, stand_trades, share=0.45, max_wishes=2)
    invitations = add_invitations(rng, suppliers, stands, stand_trades, 3)
    finish(suppliers)
    describe(stands, {
        "mobilier-bureaux": "Bureaux, chaises et armoires remis en état pour les services municipaux",
        "impression-magazine": "Magazine mensuel de 32 pages, 30 000 exemplaires, encres végétales",
        "espaces-verts-parcs": "Tonte, taille des haies, élagage et gestion différenciée des squares",
    })
    suppliers += registrations(factory, 37, [
        ("Imprimerie du Lac", "94076", "SARL", "18.12Z"),
        ("Les Jardins de Bièvre", "94016", "Association",
         "Paysagiste : entretien de squares et de jardins, taille, élagage, gestion différenciée"),
        ("Recyclerie numérique du Val", "94043", "SCIC",
         "Reconditionnement d'ordinateurs portables et de smartphones, réemploi du matériel informatique"),
        ("Atelier Bois Solidaire", "94081", "Association", "31.09B"),
        ("Net'Services 94", "94041", "SAS", "81.21Z"),
    ])
    event = {
        "id": "villejuif-fad-2025",
        "name": "Forum des Achats Durables de Villejuif (données synthétiques)",
        "synthetic": True,
        "date": "2025-03-28",
        "commune": home,
        "territory": [home, "94043", "94016", "94081", "94038", "94021", "94037", "94003"],
        "venue": "Salle du conseil municipal",
        "programme": [
            {"start": "09:00", "end": "09:30", "label": "accueil"},
            {"start": "09:30", "end": "10:00", "label": "plénière"},
            {"start": "10:00", "end": "10:40", "label": "table ronde"},
            {"start": "10:40", "end": "12:20", "label": "rendez-vous aux stands inversés"},
        ],
        "sessions": [{"start": "10:40", "end": "12:20"}],
        "slot_minutes": 10,
        "breaks": [{"start": "11:20", "end": "11:30", "label": "coffee"}],
    }
    return document(event, buyers, stands, suppliers, invitations)


# ---------------------------------------------------------------------------
# Grand-Orly Seine Bièvre: a morning of reverse stands.

def gosb():
    rng = Rng(20251120)
    home = "94081"  # the EPT's seat is in Vitry-sur-Seine
    buyers = [{"id": "gosb", "name": "Établissement public territorial Grand-Orly Seine Bièvre",
               "kind": "ept", "commune": home, "siret": siret_of_siren(GOSB_SIREN)}]
    for code, siren, name in GOSB_COMMUNES:
        buyers.append({"id": "ville-" + slug(name), "name": city_of(name), "kind": "commune",
                       "commune": code, "siret": siret_of_siren(siren)})
    by_code = {b["commune"]: b["id"] for b in buyers[1:]}

    def stand(sid, code, title, trades, needs, tables=1, available=None):
        s = {"id": sid, "buyer": by_code[code] if code else "gosb", "title": title, "tables": tables}
        if available:
            s["available"] = [{"start": a, "end": b} for a, b in available]
        s["needs"] = needs
        return s, trades

    specs = [
        stand("ept-impression", None, "Impression durable", ["impression"], [
            need("ept-impression-documents", "Impression des documents institutionnels",
                 ["79810000-5", "22458000"], 180000, "2026-Q1", insertion=5),
            need("ept-impression-papier", "Papier recyclé pour les services", ["30197630"],
                 32000, "2026-Q2", reuse=True)], tables=2),
        stand("ept-biodechets", None, "Collecte des biodéchets", ["biodechets"], [
            need("ept-biodechets-collecte", "Collecte en porte-à-porte des biodéchets",
                 ["90511000-2"], 2400000, "2026-Q2", insertion=7),
            need("ept-biodechets-composteurs", "Composteurs collectifs et accompagnement",
                 ["39234000", "77120000-7"], 55000, "2026-Q1", reuse=True)], tables=3),
        stand("ept-evenementiel", None, "Événementiel responsable", ["evenementiel", "restauration"], [
            need("ept-evenementiel-organisation", "Organisation des événements territoriaux",
                 ["79952000-2"], 150000, "2026-Q2", insertion=5),
            need("ept-evenementiel-materiel", "Location de matériel scénique en réemploi",
                 ["39522530"], 25000, "2026-Q1", reuse=True)], tables=2),
        stand("ept-mise-sous-pli", None, "Mise sous pli et envois", ["mise_sous_pli"], [
            need("ept-mise-sous-pli-courriers", "Mise sous pli des avis et courriers",
                 ["79571000-7"], 38000, "2026-Q1", reserved="disability-or-insertion")]),
        stand("ept-batiment", None, "Travaux de bâtiment", ["batiment"], [
            need("ept-batiment-rehabilitation", "Réhabilitation des équipements sportifs",
                 ["45453000-7", "45400000"], 1800000, "2026-Q3", insertion=8),
            need("ept-batiment-peinture", "Travaux de peinture des conservatoires", ["45442100"],
                 95000, "2026-Q2", insertion=5)], tables=2, available=[("09:30", "11:30")]),
        stand("vitry-mobilier", "94081", "Mobilier en réemploi", ["mobilier"], [
            need("vitry-mobilier-bureaux", "Mobilier de bureau de seconde main", ["39130000-2"],
                 60000, "2026-Q1", reuse=True),
            need("vitry-mobilier-ecoles", "Mobilier scolaire reconditionné", ["39160000-1"],
                 38000, "2026-Q2", reuse=True)], tables=2),
        stand("ivry-informatique", "94041", "Informatique reconditionnée", ["informatique"], [
            need("ivry-informatique-postes", "Ordinateurs portables reconditionnés",
                 ["30213100-6", "30213300"], 90000, "2026-Q1", reuse=True),
            need("ivry-informatique-reparation", "Réparation des postes des écoles", ["50320000"],
                 30000, "2026-Q2", reserved="insertion")], tables=2),
        stand("villejuif-restauration", "94076", "Restauration et traiteur", ["restauration"], [
            need("villejuif-restauration-receptions", "Traiteur pour les réceptions",
                 ["55520000-1"], 39000, "2026-Q1", reserved="insertion"),
            need("villejuif-restauration-epicerie", "Produits d'épicerie locaux", ["15800000"],
                 25000, "2026-Q2")]),
        stand("choisy-nettoyage", "94022", "Nettoyage des bâtiments", ["nettoyage"], [
            need("choisy-nettoyage-ecoles", "Nettoyage des groupes scolaires", ["90911200-8"],
                 320000, "2026-Q3", insertion=7),
            need("choisy-nettoyage-vitrerie", "Nettoyage de la vitrerie", ["90911200"],
                 35000, "2026-Q1", reserved="disability")], tables=2),
        stand("orly-espaces-verts", "94054", "Espaces verts", ["espaces_verts"], [
            need("orly-espaces-verts-parcs", "Entretien des parcs et squares", ["77313000"],
                 210000, "2026-Q1", insertion=8),
            need("orly-espaces-verts-elagage", "Élagage des arbres d'alignement", ["77340000-5"],
                 48000, "2026-Q2")], tables=2),
        stand("athis-ludotheque", "91027", "Jouets pour les ludothèques", ["jouets"], [
            need("athis-ludotheque-jouets", "Jouets et jeux d'occasion pour la ludothèque",
                 ["37520000-9", "37524000"], 12000, "2026-Q1", reuse=True)],
             available=[("10:30", "12:30")]),
        stand("cachan-velos", "94016", "Entretien des vélos", ["velos"], [
            need("cachan-velos-flotte", "Entretien de la flotte de vélos municipaux",
                 ["50800000-3", "34432000"], 18000, "2026-Q2", reserved="insertion"),
            need("cachan-velos-achat", "Vélos reconditionnés pour les agents", ["34430000-0"],
                 15000, "2026-Q2", reuse=True)]),
        stand("kremlin-batiment", "94043", "Petits travaux dans les écoles", ["batiment"], [
            need("kremlin-batiment-menuiserie", "Menuiseries des écoles", ["45421000-4"],
                 80000, "2026-Q2", insertion=5)]),
        stand("fresnes-culture", "94034", "Action culturelle", ["culture", "evenementiel"], [
            need("fresnes-culture-mediatheques", "Animation culturelle des médiathèques",
                 ["92500000-6"], 36000, "2026-Q1", reserved="ess"),
            need("fresnes-culture-spectacles", "Spectacles pour la saison jeune public",
                 ["92312000"], 28000, "2026-Q3")]),
        stand("gentilly-textile", "94037", "Vêtements de travail", ["textile"], [
            need("gentilly-textile-tenues", "Tenues de travail en textile recyclé",
                 ["18110000-3"], 42000, "2026-Q2", reuse=True, insertion=5)],
             available=[("09:30", "11:00")]),
        stand("arcueil-impression", "94003", "Communication imprimée", ["impression"], [
            need("arcueil-impression-affiches", "Affiches et programmes culturels",
                 ["79810000"], 22000, "2026-Q1")]),
        stand("juvisy-evenementiel", "91326", "Fêtes et cérémonies", ["evenementiel", "restauration"], [
            need("juvisy-evenementiel-fetes", "Organisation de la fête de la ville",
                 ["79952000"], 45000, "2026-Q2"),
            need("juvisy-evenementiel-cocktails", "Cocktails des cérémonies", ["55520000"],
                 15000, "2026-Q2", reserved="insertion")]),
        stand("savigny-restauration", "91589", "Restauration scolaire", ["restauration"], [
            need("savigny-restauration-repas", "Repas des centres de loisirs", ["55523100-3"],
                 420000, "2026-Q3", insertion=5)], tables=2),
        stand("lhay-espaces-verts", "94038", "Fleurissement", ["espaces_verts"], [
            need("lhay-espaces-verts-plantes", "Plantes et fleurissement de la ville", ["03451000"],
                 30000, "2026-Q1"),
            need("lhay-espaces-verts-pelouses", "Entretien des pelouses", ["77311000-3"],
                 40000, "2026-Q2", reserved="insertion")]),
        stand("thiais-informatique", "94073", "Postes et téléphones reconditionnés", ["informatique"], [
            need("thiais-informatique-ecrans", "Périphériques et écrans reconditionnés",
                 ["30232000"], 20000, "2026-Q1", reuse=True),
            need("thiais-informatique-mobiles", "Téléphones mobiles reconditionnés", ["32250000-0"],
                 16000, "2026-Q2", reuse=True)], available=[("10:00", "12:30")]),
        stand("valenton-biodechets", "94074", "Déchets des services", ["biodechets"], [
            need("valenton-biodechets-cantines", "Collecte des biodéchets des cantines",
                 ["90511000"], 65000, "2026-Q2", insertion=6)]),
        stand("vsg-solidarites", "94078", "Accompagnement social", ["social"], [
            need("vsg-solidarites-insertion", "Accompagnement vers l'emploi des allocataires",
                 ["85320000"], 70000, "2026-Q1"),
            need("vsg-solidarites-formation", "Formations aux savoirs de base", ["80530000-8"],
                 30000, "2026-Q3")], available=[("09:30", "11:30")]),
        stand("morangis-mobilier", "91432", "Mobilier des crèches", ["mobilier", "jouets"], [
            need("morangis-mobilier-creches", "Mobilier et jeux de seconde main pour les crèches",
                 ["39160000", "37520000"], 18000, "2026-Q2", reuse=True)]),
        stand("rungis-nettoyage", "94065", "Propreté des équipements", ["nettoyage"], [
            need("rungis-nettoyage-gymnases", "Nettoyage des gymnases", ["90910000-9"],
                 55000, "2026-Q1", reserved="disability-or-insertion")],
             available=[("10:30", "12:30")]),
    ]
    stands = [s for s, _ in specs]
    stand_trades = {s["id"]: t for s, t in specs}
    hosts = {s["buyer"] for s in stands}
    buyers = [b for b in buyers if b["id"] in hosts]
    factory = SupplierFactory(
        rng, home,
        places=[(GOSB_CODES, 40), (VAL_DE_MARNE_ESSONNE, 20), (ILE_DE_FRANCE, 30), (ELSEWHERE, 10)],
        trades=[("impression", 10), ("mobilier", 10), ("informatique", 12), ("biodechets", 7),
                ("restauration", 14), ("nettoyage", 12), ("espaces_verts", 12), ("evenementiel", 10),
                ("mise_sous_pli", 5), ("jouets", 4), ("velos", 4), ("batiment", 14), ("culture", 5),
                ("social", 5), ("textile", 4)],
        session=(minutes("09:30"), minutes("12:30")))
    suppliers = [factory.make("f%03d" % (i + 1)) for i in range(160)]
    add_wishes(rng, suppliers, stands, stand_trades, share=0.5, max_wishes=3)
    invitations = add_invitations(rng, suppliers, stands, stand_trades, 10)
    finish(suppliers)
    suppliers += registrations(factory, 161, [
        ("Cuisine des Lilas", "94081", "SAS", "56.21Z"),
        ("Compost'Orly", "94054", "Association",
         "Collecte des biodéchets en vélo-cargo et compostage de proximité"),
        ("Peintures Gentilly Rénovation", "94037", "SARL", "43.34Z"),
        ("Traiteur solidaire d'Ivry", "94041", "SCOP",
         "Traiteur : buffets, plateaux-repas et cocktails pour les réceptions, produits locaux"),
        ("Paysages du Val", "94068", "SARL", "81.30Z"),
        ("Imprim'Orly", "94054", "SAS",
         "Imprimerie : impression offset et numérique, papier recyclé, label Imprim'Vert"),
    ])
    event = {
        "id": "gosb-matinale-2025",
        "name": "Matinale des achats responsables du Grand-Orly Seine Bièvre, stands inversés "
                "(données synthétiques)",
        "synthetic": True,
        "date": "2025-11-20",
        "commune": home,
        "territory": GOSB_CODES,
        "programme": [
            {"start": "09:00", "end": "09:30", "label": "accueil et ouverture"},
            {"start": "09:30", "end": "12:30", "label": "rendez-vous aux stands inversés"},
        ],
        "sessions": [{"start": "09:30", "end": "12:30"}],
        "slot_minutes": 10,
        "breaks": [{"start": "11:00", "end": "11:10", "label": "coffee"}],
    }
    return document(event, buyers, stands, suppliers, invitations)


def city_of(name):
    if name.startswith("Le "):
        return "Ville du " + name[3:]
    if name[0] in "AEIOUÉ":
        return "Ville d'" + name
    return "Ville de " + name


def slug(name):
    table = str.maketrans("àâäéèêëîïôöùûüÿçœ'", "aaaeeeeiioouuuyco-")
    out = name.lower().translate(table).replace(" ", "-")
    return "-".join(p for p in out.split("-") if p)


def document(event, buyers, stands, suppliers, invitations):
    return {"format": "standmatch.event/1", "event": event, "buyers": buyers, "stands": stands,
            "suppliers": suppliers, "invitations": invitations}


# ---------------------------------------------------------------------------

def cpv_codes_used(doc):
    for stand in doc["stands"]:
        for n in stand["needs"]:
            yield from n["cpv"]
    for sup in doc["suppliers"]:
        yield from sup.get("cpv", [])


def check_cpv(docs, path):
    official = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            official[row["code8"]] = row["code"]
    bad = []
    for doc in docs:
        for code in cpv_codes_used(doc):
            base = code.split("-")[0]
            if base not in official or ("-" in code and official[base] != code):
                bad.append(code)
    return sorted(set(bad))


def check_ids(doc):
    problems = []
    for key in ("buyers", "stands", "suppliers"):
        ids = [x["id"] for x in doc[key]]
        if len(ids) != len(set(ids)):
            problems.append("duplicate id in " + key)
        problems += ["id too long: " + i for i in ids if not 0 < len(i) <= 64]
    needs = [n["id"] for s in doc["stands"] for n in s["needs"]]
    if len(needs) != len(set(needs)):
        problems.append("duplicate need id")
    for x in doc["buyers"] + doc["suppliers"]:
        if not (len(x["siret"]) == 14 and luhn_ok(x["siret"]) and luhn_ok(x["siret"][:9])):
            problems.append("bad SIRET " + x["siret"])
    return problems


def render(doc):
    """Pretty JSON with one record per line (buyer, need, supplier, invitation): easy to diff."""
    def one(x):
        return json.dumps(x, ensure_ascii=False, separators=(", ", ": "))

    def records(items, inner=None):
        lines = []
        for item in items:
            if inner is None:
                lines.append("  " + one(item))
            else:
                head = {k: v for k, v in item.items() if k != inner}
                lines.append("  " + one(head)[:-1] + ", \"%s\": [\n" % inner +
                             ",\n".join("    " + one(n) for n in item[inner]) + "]}")
        return "[\n" + ",\n".join(lines) + "\n ]"

    event = "{\n" + ",\n".join("   %s: %s" % (one(k), one(v)) for k, v in doc["event"].items()) + "\n }"
    parts = ['"format": ' + one(doc["format"]), '"event": ' + event,
             '"buyers": ' + records(doc["buyers"]), '"stands": ' + records(doc["stands"], "needs"),
             '"suppliers": ' + records(doc["suppliers"]),
             '"invitations": ' + records(doc["invitations"])]
    text = "{\n " + ",\n ".join(parts) + "\n}\n"
    assert json.loads(text) == doc
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpv-list", default=DEFAULT_CPV_LIST)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    outputs = {"villejuif-2025/event.json": villejuif(), "gosb-2025/event.json": gosb()}
    problems = []
    for name, doc in outputs.items():
        problems += ["%s: %s" % (name, p) for p in check_ids(doc)]
    if os.path.exists(args.cpv_list):
        problems += ["CPV code not in the official list: " + c
                     for c in check_cpv(outputs.values(), args.cpv_list)]
    else:
        print("warning: %s not found; CPV codes not checked" % args.cpv_list, file=sys.stderr)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    status = 0
    for name, doc in outputs.items():
        path = os.path.join(HERE, name)
        text = render(doc)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except OSError:
                same = False
            if not same:
                print("%s is out of date" % path, file=sys.stderr)
                status = 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
        print("wrote %s: %d stands, %d needs, %d suppliers" % (
            name, len(doc["stands"]), sum(len(s["needs"]) for s in doc["stands"]),
            len(doc["suppliers"])))
    return status


if __name__ == "__main__":
    sys.exit(main())
