// Application domain types. The content an applicant writes is kept as the
// contract's ApplicationContent message: it is a document, stored verbatim
// (as JSON) and frozen on submission, and every field of it is the
// applicant's own words or choices.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "domain/names.h"
#include "domain/on_behalf.h"
#include "grants/v1/applications.pb.h"

namespace grants::applications {

using Content = v1::ApplicationContent;

// kApproved and kDeclined are set by the awards area's decisions.
enum class State {
  kDraft,
  kSubmitted,
  kReturned,
  kWithdrawn,
  kApproved,
  kDeclined
};

struct FailedRule {
  std::string rule;
  std::string description;
};

// What the organisation already has, besides the application being
// evaluated, for the per-organisation limits.
struct PriorCounts {
  // Submitted, not withdrawn applications in the round's programme.
  int applications_in_programme = 0;
  // Applications submitted to this round, withdrawn ones included.
  int applications_in_round = 0;
  // Grants: approved applications in this round / in the programme.
  int grants_in_round = 0;
  int grants_in_programme = 0;
};

struct Submission {
  int version = 0;
  absl::Time submitted_at;
  Content content;
  bool eligible = false;
  std::vector<FailedRule> failed_rules;
};

struct Application {
  std::string id;
  std::string round_id;
  std::string organisation_id;
  std::string reference;  // "EUSS-R1-0007" once submitted
  State state = State::kDraft;
  Content content;
  std::string eligibility;  // "", "eligible", "ineligible"
  int submission_version = 0;
  int returned_count = 0;
  std::string return_comment;
  std::string withdraw_reason;
  absl::Time created_at;
  absl::Time updated_at;
  std::optional<Submission> submission;  // the latest, when loaded
  absl::Time deadline;                   // the one that applies (filled in)
  std::vector<ActOnBehalf> acts_on_behalf;  // officers' acts for the group
};

struct Extension {
  std::string id;  // "<round_id>/<organisation_id>"
  std::string round_id;
  std::string organisation_id;
  absl::Time closes_at;
  std::string reason;
  std::string granted_by;
  absl::Time granted_at;
};

inline constexpr NameTable<State, 6> kStateNames = {{
    {State::kDraft, "draft"},
    {State::kSubmitted, "submitted"},
    {State::kReturned, "returned"},
    {State::kWithdrawn, "withdrawn"},
    {State::kApproved, "approved"},
    {State::kDeclined, "declined"},
}};
constexpr std::string_view StateName(State s) { return NameOf(kStateNames, s); }
// The state named `name`; draft when none is.
constexpr State ParseState(std::string_view name) {
  return ParseName(kStateNames, name);
}

// Which applications a list returns; empty strings match everything.
struct ListFilter {
  std::string organisation_id, round_id, state, borough, community, eligibility;
};

}  // namespace grants::applications
