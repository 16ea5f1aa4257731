// Rules: the matching rules as data (format standmatch.rules/1, JSON).
//
// Every weight, tier value, bonus, gate and scheduling option the engine uses lives
// here; the scoring and scheduling code holds no such literal. The defaults are the
// file datasets/rules/default.json, compiled into the library; a rules file given by
// the user overrides any subset of them (a key it omits keeps its default). Unknown
// keys, wrong types and out-of-range values are errors naming the JSON path and the
// value. docs/rules.md documents every key. Rules is a plain value (thread-compatible).
#pragma once

#include <array>
#include <string>

#include "match/base/status.h"

namespace match {

// The scoring criteria, in output order (CSV columns, explanations). The last five read
// the suppliers' award history (awards.h) and count only when some supplier has one.
enum class Criterion {
  kRelevance,
  kSize,
  kEss,
  kInclusion,
  kLocality,
  kReuse,
  kMutual,
  kText,
  kHistory,
  kHistoryText,
  kTrackRecord,
  kSizeFit,
  kRepeatBuyer
};
inline constexpr int kNumCriteria = 13;
inline constexpr int kFirstHistoryCriterion = static_cast<int>(Criterion::kHistory);
// "relevance", "size", "ess", "inclusion", "locality", "reuse", "mutual", "text", "history",
// "history_text", "track_record", "size_fit", "repeat_buyer"
std::string_view CriterionName(Criterion criterion);

struct Rules {
  std::string name;
  // Criterion weights; the score is sum(weight * value) / sum(weight), in [0, 1].
  std::array<double, kNumCriteria> weights{};
  // Relevance by depth of the common CPV prefix, index 0..8 (0 and 1: no match).
  std::array<double, 9> cpv_depth{};
  // Relevance of a supplier code strictly below a coarser need code (the need 45000000,
  // the supplier 45210000): a full match, but less than the need's own code (cpv_depth 8).
  double cpv_contained = 0;
  // Size values by Size (unknown, micro, pme, eti, ge).
  std::array<double, 5> size{};
  double ess = 0;  // value for an ESS supplier
  struct Inclusion {
    double siae = 0, disability = 0, geiq = 0;
    double with_insertion_clause = 0;  // SIAE (or GEIQ) meeting a need with an insertion clause
  } inclusion;
  // Locality values by tier (same commune, intercommunality, département, région,
  // elsewhere, unknown), and for a supplier inside the event's territory.
  std::array<double, 6> locality{};
  double in_territory = 0;
  struct Reuse {
    double wanted = 0, not_wanted = 0;
  } reuse;
  struct Mutual {
    double wish_must = 0, wish_want = 0, invitation_must = 0, invitation_want = 0;
  } mutual;
  // Text relevance: the BM25 cosine of the need's text (title, description, CPV labels)
  // and the supplier's (activity, NAF label, CPV labels), in [0, 1].
  struct Text {
    double full = 1;  // the cosine worth a value of 1 (value = min(1, cosine / full))
    // A term held by more needs than this finds no candidates (it still counts in the
    // similarity): bounds the cost of common words on large events.
    int candidate_max_needs = 0;
  } text;
  // Award history (the criteria history, history_text, track_record, size_fit, repeat_buyer).
  struct History {
    // A count of past awards C counts C / (C + half_count): half at half_count.
    double half_count = 1;
    // size_fit is 1 when the need's amount is the supplier's median award amount, and
    // falls to 0 at this many factors of ten away from it.
    double size_decades = 2;
  } history;
  // Gates.
  double min_relevance = 0;                  // below it a pair is not a candidate ...
  double min_text = 1;                       // ... unless its text value reaches this ...
  bool wish_overrides_min_relevance = true;  // ... or it is wished or invited
  bool enforce_reserved = true;              // reserved needs only for eligible suppliers
  int default_max_meetings = 0;
  // Selection.
  struct Selection {
    bool cover_suppliers = true;  // give every supplier a meeting before maximising score
    int64_t score_scale = 1000;   // scores are integers score * scale in the solver
    double quota_micro = 0, quota_ess = 0, quota_inclusion = 0, quota_local = 0;  // min shares
  } selection;
  // Timetable.
  struct Timetable {
    int fairness = 2;  // max - min breaks per participant
  } timetable;
  // Re-planning.
  struct Replan {
    int max_moves_per_participant = 1;
    // No meeting is added or moved into a slot starting sooner than now plus this.
    int min_notice_minutes = 10;
  } replan;
  // Unmet pairs: how many of each supplier's best pairs are listed when not met.
  int unmet_best_pairs = 3;

  // The built-in defaults (datasets/rules/default.json).
  static const Rules& Default();
  // DEFAULTS overlaid with the JSON text; FILE_NAME names it in messages.
  static Result<Rules> Parse(std::string_view json_text, const std::string& file_name,
                             const Rules& defaults = Default());
  static Result<Rules> Load(const std::string& path);
  // The rules as JSON text (every key), e.g. for storing with a schedule.
  std::string ToJson() const;
  // The relevance of a CPV match of DEPTH (0..8); EXACT tells, at depth 8, the need's
  // own code from a code it merely contains.
  double Relevance(int depth, bool exact) const { return depth == 8 && !exact ? cpv_contained : cpv_depth[depth]; }
};

}  // namespace match
