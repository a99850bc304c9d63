// Fast-path rules.
#include "services/awards/fast_path_rules.h"

#include <fmt/format.h>

#include <map>

#include "absl/numeric/int128.h"
#include "common/money.h"
#include "common/status.h"
#include "services/awards/award_errors.h"
#include "services/awards/award_rules.h"

namespace grants::awards {

absl::Status CheckFastPath(const RoundSettings& settings,
                           programmes::RoundState round_state,
                           int64_t amount_minor) {
  if (!settings.fast_path)
    return Refused("FAST_PATH_OFF", "round_id",
                   "the round's settings do not allow the fast path; "
                   "recommend and decide with four eyes");
  if (amount_minor > settings.microgrant_threshold_minor)
    return Refused(
        "FAST_PATH_ABOVE_THRESHOLD", "amount",
        fmt::format("the fast path is for amounts at or under {}; above it "
                    "an officer recommends and another decides",
                    FormatMoney(settings.currency,
                                settings.microgrant_threshold_minor)));
  return CheckRoundAssessable(round_state);
}

std::optional<std::string> ReviewerMeetingMark(
    const std::vector<assessment::Criterion>& criteria,
    const std::vector<assessment::Score>& scores, int mark_percent,
    std::string_view officer) {
  if (criteria.empty()) return std::nullopt;
  std::map<std::string, int> weight_of;
  absl::int128 maximum = 0;
  for (const auto& c : criteria) {
    weight_of[c.code] = c.weight;
    maximum += absl::int128(c.weight) * c.max_score;
  }
  // Per reviewer: the weighted sum and the criteria covered.
  std::map<std::string, std::pair<absl::int128, size_t>> by_reviewer;
  for (const auto& s : scores) {
    if (s.excluded || s.reviewer == officer) continue;
    auto w = weight_of.find(s.criterion_code);
    if (w == weight_of.end()) continue;
    auto& [sum, covered] = by_reviewer[s.reviewer];
    sum += absl::int128(w->second) * s.effective();
    ++covered;
  }
  for (const auto& [reviewer, tally] : by_reviewer)
    if (tally.second == criteria.size() &&
        tally.first * 100 >= absl::int128(mark_percent) * maximum)
      return reviewer;
  return std::nullopt;
}

absl::Status MarkNotMet(int mark_percent) {
  return Refused("FAST_PATH_MARK_NOT_MET", "application_id",
                 fmt::format("no reviewer's complete score reaches the "
                             "round's fast-path mark of {}%",
                             mark_percent));
}

}  // namespace grants::awards
