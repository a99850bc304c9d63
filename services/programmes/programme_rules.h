// Pure rules of rounds: the life cycle as a table of allowed transitions,
// and the checks a round spec must pass. No I/O; unit-tested directly.
#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/programmes.h"

namespace grants::programmes {

enum class RoundAction { kOpen, kClose, kCancel, kEdit, kCloseOut };

// One allowed change of state: `action` takes a round from `from` to `to`.
struct RoundTransition {
  RoundAction action;
  RoundState from;
  RoundState to;
  std::string_view label;  // history label, e.g. "opened"
};

std::span<const RoundTransition> RoundTransitions();

// The transition for `action` from `state`, or FAILED_PRECONDITION
// ROUND_TRANSITION_NOT_ALLOWED (ROUND_NOT_DRAFT for kEdit).
absl::StatusOr<RoundTransition> FindTransition(RoundAction action,
                                               RoundState state);

// Spec checks (INVALID_ARGUMENT): WINDOW_INVALID when it closes at or before
// it opens; GRANT_LIMITS_INVALID unless 0 < min <= max <= budget.
absl::Status CheckSpec(const RoundSpec& spec);

// Opening a round whose deadline has already passed by the server's clock
// is refused (FAILED_PRECONDITION WINDOW_ALREADY_ENDED).
absl::Status CheckCanOpen(const Round& round, absl::Time now);

// True when the round accepts submissions at `now` (state OPEN and
// opens_at <= now < closes_at). The deadline is exclusive.
bool AcceptsSubmissions(const Round& round, absl::Time now);

// INVALID_ARGUMENT QUESTION_NOT_FOUND (field
// translation.questions[i].question_id) when the translation names a
// question the round does not have, DUPLICATE_QUESTION when it names one
// twice.
absl::Status CheckTranslation(const RoundSpec& spec,
                              const RoundTranslation& translation);

}  // namespace grants::programmes
