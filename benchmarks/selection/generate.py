#!/usr/bin/env python3
"""Writes a random meeting-selection instance (format: see FORMAT.md beside this file).

Deterministic by seed on every Python version: the random source is a SplitMix64
generator written out here, not the random module.

  generate.py --suppliers 2000 --stands 300 --seed 1 --out small.sel
"""
import argparse

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        """A number in [0, n); the modulo bias is negligible for n << 2^64."""
        return self.next() % n

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)


def generate(suppliers, stands, seed, must_per_mille, slots):
    rng = SplitMix64(seed)
    supplier_capacity = [rng.between(2, 6) for _ in range(suppliers)]
    stand_capacity = [rng.between(1, 3) * slots for _ in range(stands)]
    # Stand popularity: a few stands draw many suppliers (weight 1 / (rank + 10)).
    weights = [1.0 / (k + 10) for k in range(stands)]
    order = list(range(stands))
    for k in range(stands - 1, 0, -1):  # Fisher-Yates: popularity independent of index
        j = rng.below(k + 1)
        order[k], order[j] = order[j], order[k]
    cumulative, total = [], 0.0
    for k in range(stands):
        total += weights[k]
        cumulative.append(total)

    def draw_stand():
        x = rng.next() / 2.0**64 * total
        lo, hi = 0, stands - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cumulative[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return order[lo]

    candidates = []
    for i in range(suppliers):
        wanted = min(stands, rng.between(10, 40))
        chosen = set()
        while len(chosen) < wanted:
            chosen.add(draw_stand())
        for j in sorted(chosen):
            score = rng.between(0, 10000)  # a score in [0, 1] scaled by 10^4
            must = 1 if rng.below(1000) < must_per_mille else 0
            candidates.append((i, j, score, must, 0))
    return supplier_capacity, stand_capacity, candidates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, required=True)
    parser.add_argument("--stands", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--must-per-mille", type=int, default=30)
    parser.add_argument("--slots", type=int, default=16, help="staffed slots per table")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    sup, sta, cands = generate(args.suppliers, args.stands, args.seed, args.must_per_mille, args.slots)
    lines = ["standmatch-selection/1", f"{len(sup)} {len(sta)} {len(cands)}",
             " ".join(map(str, sup)), " ".join(map(str, sta))]
    lines += [f"{i} {j} {s} {m} {f}" for i, j, s, m, f in cands]
    with open(args.out, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
