#include "match/tools/fit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "match/score/scoring.h"

namespace match {
namespace {

// One past contract: its first award's fields and every awardee.
struct Contract {
  const Award* award = nullptr;
  std::vector<std::string> awardees;
};

std::vector<Contract> Contracts(std::span<const Award> awards) {
  std::map<int, Contract> by_number;
  for (const Award& a : awards) {
    Contract& c = by_number[a.contract];
    if (!c.award) c.award = &a;
    c.awardees.push_back(a.awardee);
  }
  std::vector<Contract> out;
  for (auto& [number, c] : by_number) out.push_back(std::move(c));
  return out;
}

// The most frequent key of COUNTS (the smallest on ties); "" when empty.
std::string MostFrequent(const std::map<std::string, int>& counts) {
  std::string best;
  int n = 0;
  for (const auto& [key, count] : counts)
    if (count > n) best = key, n = count;
  return best;
}

// One ranking question per held-out contract: its candidates' criterion values.
struct Question {
  std::vector<std::array<float, kNumCriteria>> values;  // per candidate, in candidate order
  std::vector<char> truth;                              // per candidate: an awardee
};

// Suppliers from the TRAIN contracts (SIREN, top CPV codes, place, history), stands from
// the TEST contracts; scores them with RULES and appends the questions.
void AskFold(const std::vector<Contract>& contracts, const std::vector<int>& train, const std::vector<int>& test,
             const Rules& rules, const FitOptions& options, const Territory& territory, std::vector<Question>& out,
             FitReport& report) {
  struct Profile {
    int contracts = 0;
    std::map<uint32_t, int> cpv;
    std::map<std::string, int> commune, departement;
  };
  std::map<std::string, Profile> profiles;
  std::vector<Award> history;
  for (int i : train) {
    const Contract& c = contracts[i];
    for (const auto& siren : c.awardees) {
      Profile& p = profiles[siren];
      ++p.contracts;
      ++p.cpv[c.award->cpv.digits()];
      if (!c.award->commune.empty()) ++p.commune[c.award->commune];
      if (!c.award->departement.empty()) ++p.departement[c.award->departement];
      Award a = *c.award;
      a.awardee = siren;
      history.push_back(std::move(a));
    }
  }
  // Candidate order, which breaks ties: most training contracts first, then SIREN.
  std::vector<const std::pair<const std::string, Profile>*> order;
  for (const auto& entry : profiles) order.push_back(&entry);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return a->second.contracts > b->second.contracts; });
  Event event;
  std::map<std::string, SupplierIndex> index;
  for (const auto* entry : order) {
    Supplier s;
    s.id = s.siret = entry->first;
    std::vector<std::pair<int, uint32_t>> codes;
    for (const auto& [code, n] : entry->second.cpv) codes.push_back({-n, code});
    std::sort(codes.begin(), codes.end());
    for (size_t k = 0; k < codes.size() && static_cast<int>(k) < options.cpv_cap; ++k) {
      char digits[16];
      std::snprintf(digits, sizeof digits, "%08u", codes[k].second);
      s.cpv.push_back(*CpvCode::Parse(digits));
    }
    s.commune = MostFrequent(entry->second.commune);
    if (s.commune.empty()) s.departement = MostFrequent(entry->second.departement);
    index[s.id] = static_cast<SupplierIndex>(event.suppliers.size());
    event.suppliers.push_back(std::move(s));
  }
  std::vector<std::vector<SupplierIndex>> truth;
  for (int i : test) {
    const Contract& c = contracts[i];
    std::vector<SupplierIndex> t;
    for (const auto& siren : c.awardees)
      if (auto it = index.find(siren); it != index.end()) t.push_back(it->second);
    if (t.empty()) continue;  // a cold start: no ranker can find it
    Buyer b;
    b.id = "b" + std::to_string(event.buyers.size());
    b.commune = c.award->commune;
    if (b.commune.empty()) b.departement = c.award->departement;
    if (c.award->buyer.size() == 14) b.siret = c.award->buyer;
    Stand stand;
    stand.id = "s" + std::to_string(event.stands.size());
    stand.buyer = static_cast<BuyerIndex>(event.buyers.size());
    stand.needs.push_back(static_cast<NeedIndex>(event.needs.size()));
    Need need;
    need.id = "n" + std::to_string(event.needs.size());
    need.title = c.award->object;
    need.stand = static_cast<StandIndex>(event.stands.size());
    need.cpv.push_back(c.award->cpv);
    need.amount_eur = c.award->amount_eur;
    event.buyers.push_back(std::move(b));
    event.stands.push_back(std::move(stand));
    event.needs.push_back(std::move(need));
    truth.push_back(std::move(t));
  }
  AttachAwards(event, history);
  ScoreTable table = Score(event, rules, territory);
  for (StandIndex t = 0; t < static_cast<StandIndex>(event.stands.size()); ++t) {
    Question q;
    bool found = false;
    for (int i : table.OfStand(t)) {  // sorted by supplier: the candidate order
      const PairScore& p = table.pairs()[i];
      std::array<float, kNumCriteria> values;
      for (int c = 0; c < kNumCriteria; ++c) values[c] = static_cast<float>(table.Value(p, static_cast<Criterion>(c)));
      q.values.push_back(values);
      bool is_truth = std::find(truth[t].begin(), truth[t].end(), p.supplier) != truth[t].end();
      q.truth.push_back(is_truth);
      found = found || is_truth;
    }
    if (!found) {
      ++report.missed;
      continue;
    }
    report.candidates += static_cast<int64_t>(q.values.size());
    out.push_back(std::move(q));
  }
}

// Mean softmax loss of the questions with weights BETA, its gradient, and the share of
// questions with an awardee in the top 10 (ties broken by candidate order).
double Loss(const std::vector<Question>& questions, const std::array<double, kNumCriteria>& beta,
            std::array<double, kNumCriteria>* gradient, double* hit10) {
  double loss = 0;
  int hits = 0;
  if (gradient) gradient->fill(0);
  std::vector<double> s;
  for (const Question& q : questions) {
    s.assign(q.values.size(), 0);
    double top = -1e300;
    for (size_t i = 0; i < q.values.size(); ++i) {
      for (int c = 0; c < kNumCriteria; ++c) s[i] += beta[c] * q.values[i][c];
      top = std::max(top, s[i]);
    }
    double all = 0, pos = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      double e = std::exp(s[i] - top);
      all += e;
      if (q.truth[i]) pos += e;
    }
    loss += -std::log(pos / all);
    if (gradient) {
      for (size_t i = 0; i < s.size(); ++i) {
        double e = std::exp(s[i] - top);
        double w = e / all - (q.truth[i] ? e / pos : 0);  // d loss / d s_i
        if (w == 0) continue;
        for (int c = 0; c < kNumCriteria; ++c) (*gradient)[c] += w * q.values[i][c];
      }
    }
    if (hit10) {
      size_t best = s.size();
      for (size_t i = 0; i < s.size(); ++i)
        if (q.truth[i] && (best == s.size() || s[i] > s[best])) best = i;
      int above = 0;
      for (size_t i = 0; i < s.size(); ++i)
        if (s[i] > s[best] || (s[i] == s[best] && i < best)) ++above;
      if (above < 10) ++hits;
    }
  }
  double n = std::max<size_t>(1, questions.size());
  if (gradient)
    for (auto& g : *gradient) g /= n;
  if (hit10) *hit10 = hits / n;
  return loss / n;
}

}  // namespace

Result<Rules> FitWeights(std::span<const Award> awards, const Rules& start, const FitOptions& options,
                         FitReport* report_out, const Territory& territory) {
  FitReport report;
  std::vector<Contract> contracts = Contracts(awards);
  report.contracts = static_cast<int>(contracts.size());
  if (contracts.size() < 2 * static_cast<size_t>(options.folds))
    return Status::Invalid("fit: " + std::to_string(contracts.size()) + " contracts are too few to hold out " +
                           std::to_string(options.folds) + " folds");
  // The values do not depend on the weights: score with every weight 1.
  Rules probe = start;
  probe.weights.fill(1);
  std::vector<std::string> buyers;
  for (const auto& c : contracts) buyers.push_back(c.award->buyer);
  std::sort(buyers.begin(), buyers.end());
  buyers.erase(std::unique(buyers.begin(), buyers.end()), buyers.end());
  std::vector<Question> questions;
  for (int scheme = 0; scheme < 2; ++scheme) {
    for (int fold = 0; fold < options.folds; ++fold) {
      std::vector<int> train, test;
      for (int i = 0; i < static_cast<int>(contracts.size()); ++i) {
        int part = scheme == 0
                       ? static_cast<int>(std::lower_bound(buyers.begin(), buyers.end(), contracts[i].award->buyer) -
                                          buyers.begin())
                       : i;
        (part % options.folds == fold ? test : train).push_back(i);
      }
      AskFold(contracts, train, test, probe, options, territory, questions, report);
    }
  }
  report.questions = static_cast<int>(questions.size());
  // Criteria whose value differs between the candidates of some question.
  report.fitted.assign(kNumCriteria, false);
  for (const Question& q : questions)
    for (int c = 0; c < kNumCriteria; ++c)
      for (size_t i = 1; i < q.values.size() && !report.fitted[c]; ++i)
        if (q.values[i][c] != q.values[0][c]) report.fitted[c] = true;
  double start_sum = 0, max_start = 0;
  for (int c = 0; c < kNumCriteria; ++c)
    if (report.fitted[c]) start_sum += start.weights[c], max_start = std::max(max_start, start.weights[c]);
  // Start from START's weights on a sharp scale (the largest at 10); Adam, projected on >= 0.
  std::array<double, kNumCriteria> beta{}, m{}, v{}, gradient{};
  for (int c = 0; c < kNumCriteria; ++c)
    if (report.fitted[c]) beta[c] = max_start > 0 ? 10 * start.weights[c] / max_start : 1;
  report.loss_start = Loss(questions, beta, nullptr, &report.hit10_start);
  const double b1 = 0.9, b2 = 0.999;
  for (int it = 1; it <= options.iterations; ++it) {
    Loss(questions, beta, &gradient, nullptr);
    for (int c = 0; c < kNumCriteria; ++c) {
      if (!report.fitted[c]) continue;
      double g = gradient[c] + 2 * options.l2 * beta[c];
      m[c] = b1 * m[c] + (1 - b1) * g;
      v[c] = b2 * v[c] + (1 - b2) * g * g;
      double mh = m[c] / (1 - std::pow(b1, it)), vh = v[c] / (1 - std::pow(b2, it));
      beta[c] = std::max(0.0, beta[c] - options.step * mh / (std::sqrt(vh) + 1e-8));
    }
  }
  report.loss_fit = Loss(questions, beta, nullptr, &report.hit10_fit);
  Rules rules = start;
  rules.name = start.name + "-fit";
  double fitted_sum = 0;
  for (int c = 0; c < kNumCriteria; ++c)
    if (report.fitted[c]) fitted_sum += beta[c];
  if (fitted_sum <= 0) return Status::Invalid("fit: every fitted weight fell to 0; the award set ranks nothing");
  double scale = (start_sum > 0 ? start_sum : 1) / fitted_sum;
  for (int c = 0; c < kNumCriteria; ++c)
    if (report.fitted[c]) rules.weights[c] = std::round(beta[c] * scale * 1e6) / 1e6;
  if (report_out) *report_out = std::move(report);
  return rules;
}

}  // namespace match
