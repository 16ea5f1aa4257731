#!/usr/bin/env python3
"""Writes a Girona B2B instance (.dzn) as CNF (DIMACS) asking for a timetable with at
most K breaks and at most D breaks per participant: the MaxSAT-style model of Bofill et
al. (JAIR 2022) with its objective turned into a bound. Used by benchmarks/b2b/sat_probe
to time a SAT solver (Debian's cadical) against `standmatch b2b`.

Variables: x[m,t] meeting m in slot t (only slots its session and both participants'
forbidden sets allow); u[p,t] participant p busy in t; b[p,t] "busy up to t";
e[p,t] "a break ends at t" (busy at t, idle at t-1, busy before). Cardinalities use
Sinz's sequential counter: one slot per meeting, one meeting per participant and slot,
nTables meetings per slot, D break ends per participant, K in all.

usage: sat_probe.py INSTANCE.dzn K OUT.cnf [D]
"""
import re
import sys


def parse(path):
    text = open(path).read()

    def scalar(name):
        return int(re.search(name + r"\s*=\s*(\d+)", text).group(1))

    tables, slots, morning = scalar("nTables"), scalar("nTotalSlots"), scalar("nMorningSlots")
    participants = scalar("nBusiness")
    block = re.search(r"requested\s*=\s*\[\|(.*?)\|\]", text, re.S).group(1)
    meetings = [list(map(int, r.replace(",", " ").split())) for r in block.split("|") if r.strip()]
    block = re.search(r"forbidden\s*=\s*\[(.*?)\];", text, re.S).group(1)
    forbidden = [{int(v) for v in s.replace(",", " ").split() if int(v) > 0}
                 for s in re.findall(r"\{([^}]*)\}", block)]
    return participants, tables, slots, morning, meetings, forbidden


class Cnf:
    def __init__(self):
        self.vars = 0
        self.clauses = []

    def var(self):
        self.vars += 1
        return self.vars

    def at_most(self, lits, k):
        n = len(lits)
        if k >= n:
            return
        if k == 0:
            self.clauses += [[-l] for l in lits]
            return
        prev = None
        for i, lit in enumerate(lits):
            cur = [self.var() for _ in range(k)]
            self.clauses.append([-lit, cur[0]])
            if prev:
                self.clauses += [[-prev[j], cur[j]] for j in range(k)]
                self.clauses += [[-lit, -prev[j - 1], cur[j]] for j in range(1, k)]
                self.clauses.append([-lit, -prev[k - 1]])
            prev = cur


def encode(path, k, d):
    participants, tables, slots, morning, meetings, forbidden = parse(path)
    cnf = Cnf()
    x = {}
    of = [[] for _ in range(participants + 1)]
    for m, (a, b, session) in enumerate(meetings):
        of[a].append(m)
        of[b].append(m)
        domain = [t for t in range(1, slots + 1)
                  if (session == 3 or (session == 1) == (t <= morning))
                  and t not in forbidden[a - 1] and t not in forbidden[b - 1]]
        for t in domain:
            x[m, t] = cnf.var()
        cnf.clauses.append([x[m, t] for t in domain])
        cnf.at_most([x[m, t] for t in domain], 1)
    u = {}
    for p in range(1, participants + 1):
        for t in range(1, slots + 1):
            held = [x[m, t] for m in of[p] if (m, t) in x]
            u[p, t] = cnf.var()
            cnf.clauses += [[-v, u[p, t]] for v in held]
            cnf.clauses.append([-u[p, t]] + held)
            cnf.at_most(held, 1)
    for t in range(1, slots + 1):
        cnf.at_most([x[m, t] for m in range(len(meetings)) if (m, t) in x], tables)
    ends = []
    for p in range(1, participants + 1):
        if len(of[p]) < 2:
            continue
        before, mine = {}, []
        for t in range(1, slots + 1):
            before[t] = cnf.var()
            cnf.clauses.append([-u[p, t], before[t]])
            if t > 1:
                cnf.clauses.append([-before[t - 1], before[t]])
            if t > 2:
                e = cnf.var()
                mine.append(e)
                cnf.clauses.append([-u[p, t], u[p, t - 1], -before[t - 2], e])
        cnf.at_most(mine, d)
        ends += mine
    cnf.at_most(ends, k)
    return cnf


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[-1])
    cnf = encode(sys.argv[1], int(sys.argv[2]), int(sys.argv[4]) if len(sys.argv) == 5 else 2)
    with open(sys.argv[3], "w") as out:
        out.write("p cnf %d %d\n" % (cnf.vars, len(cnf.clauses)))
        for clause in cnf.clauses:
            out.write(" ".join(map(str, clause)) + " 0\n")


if __name__ == "__main__":
    main()
