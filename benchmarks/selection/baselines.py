#!/usr/bin/env python3
"""Solves a meeting-selection instance (FORMAT.md) with a reference solver and prints one
JSON line: {"solver": ..., "seconds": S, "must": M, "covered": C, "score": X, ...}.

  baselines.py highs INSTANCE      scipy.optimize.linprog(method="highs") on the LP
  baselines.py networkx INSTANCE   networkx.min_cost_flow on the same network

Both use the lexicographic weights of libmatch/src/solve/selection.cpp (must, then covered
suppliers, then score; no quotas), computed here in exact integers. The LP has the
network's constraint matrix (a node-arc incidence matrix, totally unimodular), so
its optimal vertices are integral. `seconds` (wall) and `cpu_seconds` (this process)
time the solver call only.
"""
import json
import sys
import time


def read_instance(path):
    with open(path) as f:
        if f.readline().strip() != "standmatch-selection/1":
            sys.exit(f"{path}:1: expected \"standmatch-selection/1\"")
        n, m, k = map(int, f.readline().split())
        supplier_cap = list(map(int, f.readline().split()))
        stand_cap = list(map(int, f.readline().split()))
        cands = [tuple(map(int, f.readline().split())) for _ in range(k)]
    assert len(supplier_cap) == n and len(stand_cap) == m
    return supplier_cap, stand_cap, cands


def weights(supplier_cap, cands):
    """(w_must, w_cov): one unit of a level outweighs every lower level."""
    by_supplier = {}
    for i, _, s, _, _ in cands:
        by_supplier.setdefault(i, []).append(s)
    score_bound = sum(sum(sorted(v, reverse=True)[:supplier_cap[i]]) for i, v in by_supplier.items())
    coverable = sum(1 for i in by_supplier if supplier_cap[i] > 0)
    w_cov = score_bound + 1
    w_must = w_cov * coverable + score_bound + 1
    return w_must, w_cov


def objective(cands, chosen):
    must = sum(cands[e][3] for e in chosen)
    score = sum(cands[e][2] for e in chosen)
    covered = len({cands[e][0] for e in chosen})
    return must, covered, score


def solve_highs(supplier_cap, stand_cap, cands):
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix
    n, m, k = len(supplier_cap), len(stand_cap), len(cands)
    w_must, w_cov = weights(supplier_cap, cands)
    # Columns: x_e (k), y_i first meeting of supplier i (n), z_i its other meetings (n).
    # Rows: supplier i: sum x_e - y_i - z_i = 0; stand j: sum x_e <= cap_j.
    cost = np.zeros(k + 2 * n)
    cost[:k] = [-(s + (w_must if must else 0)) for _, _, s, must, _ in cands]
    cost[k:k + n] = -w_cov
    e = np.arange(k)
    sup = np.array([c[0] for c in cands])
    sta = np.array([c[1] for c in cands])
    a_eq = coo_matrix((np.concatenate([np.ones(k), -np.ones(2 * n)]),
                       (np.concatenate([sup, np.arange(n), np.arange(n)]),
                        np.concatenate([e, k + np.arange(n), k + n + np.arange(n)]))),
                      shape=(n, k + 2 * n)).tocsr()
    a_ub = coo_matrix((np.ones(k), (sta, e)), shape=(m, k + 2 * n)).tocsr()
    bounds = np.zeros((k + 2 * n, 2))
    bounds[:k, 0] = [1 if c[4] else 0 for c in cands]
    bounds[:k, 1] = 1
    bounds[k:k + n, 1] = [min(1, c) for c in supplier_cap]
    bounds[k + n:, 1] = [max(0, c - 1) for c in supplier_cap]
    start, cpu_start = time.perf_counter(), time.process_time()
    res = linprog(cost, A_ub=a_ub, b_ub=np.array(stand_cap, dtype=float), A_eq=a_eq,
                  b_eq=np.zeros(n), bounds=bounds, method="highs")
    seconds = (time.perf_counter() - start, time.process_time() - cpu_start)
    if res.status != 0:
        sys.exit(f"highs: {res.message}")
    x = res.x[:k]
    fractional = int(np.sum((x > 1e-6) & (x < 1 - 1e-6)))
    chosen = [int(i) for i in np.nonzero(x > 0.5)[0]]
    return seconds, chosen, {"fractional": fractional}


def solve_networkx(supplier_cap, stand_cap, cands):
    import networkx as nx
    n, m = len(supplier_cap), len(stand_cap)
    if any(c[4] for c in cands):
        sys.exit("networkx baseline: forced candidates are not supported")
    w_must, w_cov = weights(supplier_cap, cands)
    g = nx.MultiDiGraph()
    g.add_node("s", demand=0)
    g.add_node("t", demand=0)
    g.add_edge("t", "s", capacity=sum(supplier_cap), weight=0)
    for i in range(n):
        rest = supplier_cap[i]
        if rest > 0:
            g.add_edge("s", ("i", i), capacity=1, weight=-w_cov)
            rest -= 1
        if rest > 0:
            g.add_edge("s", ("i", i), capacity=rest, weight=0)
    keys = []
    for i, j, s, must, _ in cands:
        key = g.add_edge(("i", i), ("j", j), capacity=1, weight=-(s + (w_must if must else 0)))
        keys.append(key)
    for j in range(m):
        g.add_edge(("j", j), "t", capacity=stand_cap[j], weight=0)
    start, cpu_start = time.perf_counter(), time.process_time()
    _, flow = nx.network_simplex(g)
    seconds = (time.perf_counter() - start, time.process_time() - cpu_start)
    chosen = [e for e, (i, j, _, _, _) in enumerate(cands)
              if flow[("i", i)][("j", j)][keys[e]] > 0]
    return seconds, chosen, {}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("highs", "networkx"):
        sys.exit("usage: baselines.py highs|networkx INSTANCE")
    supplier_cap, stand_cap, cands = read_instance(sys.argv[2])
    solve = solve_highs if sys.argv[1] == "highs" else solve_networkx
    seconds, chosen, extra = solve(supplier_cap, stand_cap, cands)
    must, covered, score = objective(cands, chosen)
    out = {"solver": sys.argv[1], "seconds": round(seconds[0], 4),
           "cpu_seconds": round(seconds[1], 4), "must": must, "covered": covered,
           "score": score, "meetings": len(chosen)}
    out.update(extra)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
