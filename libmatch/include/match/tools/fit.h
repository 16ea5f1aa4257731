// Learning criterion weights from award history (`standmatch fit`).
//
// Each past contract is a ranking question: among the suppliers the scorer proposes for
// it, the awardee should come first. FitWeights asks that question of every contract of
// the award set, holding it out: in turn, a fifth of the buyers (the contracts of a
// buyer never seen) and a fifth of the contracts (a buyer seen before) are held out,
// and the other contracts make the suppliers (SIREN, most frequent CPV codes and place)
// and their award histories. The scorer, with START's tables and gates, gives every
// candidate's criterion values; the weights minimise the listwise softmax loss of the
// awardees (-log of the awardee's share of exp(score) among the candidates) plus an L2
// penalty, by projected gradient descent (Adam) from START's weights, weights >= 0.
// Criteria whose value never differs between the candidates of a contract (DECP says
// nothing of ESS, size, inclusion) keep their START weight; the fitted weights share
// the sum of their START weights. Deterministic: no randomness, a fixed number of steps.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "match/base/status.h"
#include "match/domain/awards.h"
#include "match/domain/territory.h"
#include "match/io/rules.h"

namespace match {

struct FitOptions {
  int folds = 5;         // held-out parts per scheme
  int cpv_cap = 10;      // CPV codes per supplier profile, most frequent first
  int iterations = 400;  // gradient steps
  double step = 0.05;    // Adam step size
  double l2 = 1e-3;      // penalty on the squared weights (weights on a scale where a softmax is sharp)
};

struct FitReport {
  int contracts = 0;                      // contracts in the award set
  int questions = 0;                      // held-out contracts whose awardee was among the candidates
  int missed = 0;                         // held-out contracts with a profiled awardee but no candidate awardee
  int64_t candidates = 0;                 // candidate pairs over all questions
  std::vector<bool> fitted;               // per criterion: fitted (else kept from START)
  double loss_start = 0, loss_fit = 0;    // mean loss per question
  double hit10_start = 0, hit10_fit = 0;  // share of questions with the awardee in the top 10
};

// Rules equal to START but for the fitted weights (name START.name + "-fit" unless NAME).
Result<Rules> FitWeights(std::span<const Award> awards, const Rules& start, const FitOptions& options,
                         FitReport* report = nullptr, const Territory& territory = Territory::Builtin());

}  // namespace match
