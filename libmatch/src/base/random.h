// Rng: the library's random source for its searches (the timetable search and its
// annealing, which the Girona B2B solver runs too). SplitMix64: small, fast, and identical on every platform and
// standard library, unlike the distributions of <random>, so a seed gives the same
// result everywhere. Not for secrets. A plain value: one per thread.
//
// (Synthetic events, tools/generate.cpp, draw from std::mt19937_64 (EventRng), whose
// stream the standard fixes bit for bit, so that `generate --seed S` keeps giving the same event.)
#pragma once

#include <cstdint>

namespace match {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0.
  int Below(int n) { return static_cast<int>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

}  // namespace match
