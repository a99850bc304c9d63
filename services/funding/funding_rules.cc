// Funding rules.
#include "services/funding/funding_rules.h"

#include <cstdlib>
#include <map>
#include <string>

#include "common/money.h"

namespace grants::funding {
namespace {

// `amount` split by the award's shares; a negative amount (never expected)
// is split by its size and negated, so the parts still sum to it.
std::vector<int64_t> Split(int64_t amount, const std::vector<int64_t>& w) {
  std::vector<int64_t> parts = SplitProRata(std::llabs(amount), w);
  parts.resize(w.size(), 0);
  if (amount < 0)
    for (auto& p : parts) p = -p;
  return parts;
}

}  // namespace

std::vector<FunderMoney> FunderLines(const std::vector<FunderTotal>& funders,
                                     const std::vector<AwardMoney>& awards) {
  std::vector<FunderMoney> out;
  std::map<std::string, size_t> at;
  for (const auto& f : funders) {
    at[f.funder_id] = out.size();
    out.push_back({f.funder_id, f.name, {.contributed = f.contributed}});
  }
  for (const auto& a : awards) {
    std::vector<int64_t> weights;
    for (const auto& [funder, share] : a.shares) weights.push_back(share);
    auto committed = Split(a.held - a.paid, weights);
    auto paid = Split(a.paid, weights);
    auto recovered = Split(a.recovered, weights);
    auto outstanding = Split(a.recovery_outstanding, weights);
    for (size_t i = 0; i < a.shares.size(); ++i) {
      const std::string& funder = a.shares[i].first;
      if (!at.count(funder)) {
        at[funder] = out.size();
        out.push_back({funder, "", {}});
      }
      MoneyLine& line = out[at[funder]].money;
      line.committed += committed[i];
      line.paid += paid[i];
      line.recovered += recovered[i];
      line.recovery_outstanding += outstanding[i];
    }
  }
  for (auto& f : out)
    f.money.free = f.money.contributed - f.money.committed - f.money.paid +
                   f.money.recovered;
  return out;
}

MoneyLine FundLine(int64_t contributed, int64_t free,
                   const std::vector<AwardMoney>& awards) {
  MoneyLine line{.contributed = contributed, .free = free};
  for (const auto& a : awards) {
    line.committed += a.held - a.paid;
    line.paid += a.paid;
    line.recovered += a.recovered;
    line.recovery_outstanding += a.recovery_outstanding;
  }
  return line;
}

}  // namespace grants::funding
