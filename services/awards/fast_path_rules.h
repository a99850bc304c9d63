// Pure rules of the microgrant fast path (#18 item 2): when one officer may
// approve alone (the round's policy, the threshold) and which reviewer's
// score meets the round's mark. No I/O; unit-tested directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "domain/assessment.h"
#include "domain/awards.h"
#include "domain/programmes.h"

namespace grants::awards {

// The round allows the fast path (FAILED_PRECONDITION FAST_PATH_OFF, field
// round_id) and the amount is at or under its microgrant threshold
// (FAILED_PRECONDITION FAST_PATH_ABOVE_THRESHOLD, field amount). The round
// is rolling: OPEN, or closed for assessment (ROUND_NOT_ASSESSABLE).
absl::Status CheckFastPath(const RoundSettings& settings,
                           programmes::RoundState round_state,
                           int64_t amount_minor);

// The first reviewer (by id; never `officer`) whose scores cover every
// criterion and whose weighted score reaches `mark_percent` of the rubric's
// weighted maximum: sum(weight * score) * 100 >= mark * sum(weight * max).
// Scores excluded by a conflict do not count. nullopt when none does.
std::optional<std::string> ReviewerMeetingMark(
    const std::vector<assessment::Criterion>& criteria,
    const std::vector<assessment::Score>& scores, int mark_percent,
    std::string_view officer);

// FAILED_PRECONDITION FAST_PATH_MARK_NOT_MET (field application_id).
absl::Status MarkNotMet(int mark_percent);

}  // namespace grants::awards
