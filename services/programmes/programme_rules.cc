// Round life cycle and spec rules.
#include "services/programmes/programme_rules.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "common/status.h"

namespace grants::programmes {
namespace {

using S = RoundState;
using A = RoundAction;

// The round life cycle: draft -> open -> closed -> assessing -> decided ->
// closed_out, cancel from draft or open. Later stages gain their actions as
// assessment and awards land.
constexpr std::array kTransitions = {
    RoundTransition{A::kEdit, S::kDraft, S::kDraft, "edited"},
    RoundTransition{A::kOpen, S::kDraft, S::kOpen, "opened"},
    RoundTransition{A::kClose, S::kOpen, S::kClosed, "closed"},
    RoundTransition{A::kCancel, S::kDraft, S::kCancelled, "cancelled"},
    RoundTransition{A::kCancel, S::kOpen, S::kCancelled, "cancelled"},
    // Close-out (the awards area, once every application is settled): what
    // the round did not commit goes back to the fund.
    RoundTransition{A::kCloseOut, S::kClosed, S::kClosedOut, "closed out"},
    RoundTransition{A::kCloseOut, S::kAssessing, S::kClosedOut, "closed out"},
    RoundTransition{A::kCloseOut, S::kDecided, S::kClosedOut, "closed out"},
};

}  // namespace

std::span<const RoundTransition> RoundTransitions() { return kTransitions; }

absl::StatusOr<RoundTransition> FindTransition(RoundAction action,
                                               RoundState state) {
  for (const auto& t : kTransitions)
    if (t.action == action && t.from == state) return t;
  if (action == A::kEdit)
    return MakeError(absl::StatusCode::kFailedPrecondition, "ROUND_NOT_DRAFT",
                     "only a draft round can be changed");
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "ROUND_TRANSITION_NOT_ALLOWED",
                   "the round's state does not allow this");
}

absl::Status CheckSpec(const RoundSpec& spec) {
  if (spec.closes_at <= spec.opens_at)
    return InvalidField("spec.closes_local", "WINDOW_INVALID",
                        "the round must close after it opens");
  if (spec.min_grant_minor <= 0 || spec.min_grant_minor > spec.max_grant_minor)
    return InvalidField("spec.min_grant", "GRANT_LIMITS_INVALID",
                        "the minimum grant must be positive and at most the "
                        "maximum grant");
  if (spec.max_grant_minor > spec.budget_minor)
    return InvalidField("spec.max_grant", "GRANT_LIMITS_INVALID",
                        "the maximum grant must not exceed the budget");
  return absl::OkStatus();
}

absl::Status CheckCanOpen(const Round& round, absl::Time now) {
  if (round.spec.closes_at <= now)
    return MakeError(absl::StatusCode::kFailedPrecondition,
                     "WINDOW_ALREADY_ENDED",
                     "the round's deadline has passed; change it first");
  return absl::OkStatus();
}

bool AcceptsSubmissions(const Round& round, absl::Time now) {
  return round.state == S::kOpen && round.spec.opens_at <= now &&
         now < round.spec.closes_at;
}

absl::Status CheckTranslation(const RoundSpec& spec,
                              const RoundTranslation& translation) {
  std::set<std::string> seen;
  for (size_t i = 0; i < translation.questions.size(); ++i) {
    const std::string& id = translation.questions[i].question_id;
    std::string field =
        "translation.questions[" + std::to_string(i) + "].question_id";
    if (std::none_of(spec.questions.begin(), spec.questions.end(),
                     [&](const Question& q) { return q.id == id; }))
      return InvalidField(field, "QUESTION_NOT_FOUND",
                          "the round has no question '" + id + "'");
    if (!seen.insert(id).second)
      return InvalidField(field, "DUPLICATE_QUESTION",
                          "each question is translated once");
  }
  return absl::OkStatus();
}

}  // namespace grants::programmes
