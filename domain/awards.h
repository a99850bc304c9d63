// Award domain types: per-round settings and commitment, recommendations,
// decisions, awards and their funder shares.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "domain/names.h"

namespace grants::awards {

enum class Outcome { kApprove, kDecline };

// An offer's conditions in one language, in the offer's order; an entry
// left empty (or missing at the end) is shown in English.
struct ConditionsTranslation {
  std::string language;
  std::vector<std::string> conditions;
  bool operator==(const ConditionsTranslation&) const = default;
};

// Condition `index` (0-based) of `conditions` in `language` where
// `translations` give it, otherwise in English; `translated` (when given)
// says which.
inline std::string LocalisedCondition(
    const std::vector<std::string>& conditions,
    const std::vector<ConditionsTranslation>& translations,
    const std::string& language, size_t index, bool* translated = nullptr) {
  if (translated) *translated = false;
  for (const auto& t : translations)
    if (t.language == language && index < t.conditions.size() &&
        !t.conditions[index].empty()) {
      if (translated) *translated = true;
      return t.conditions[index];
    }
  return index < conditions.size() ? conditions[index] : std::string();
}

// A round's award settings and what it has committed against its budget.
struct RoundSettings {
  std::string id;  // the round's id: one row of settings per round
  std::string currency;
  int64_t microgrant_threshold_minor = 0;  // 0: no light path
  int offer_validity_days = 30;
  std::string updated_by;  // "" while they are the defaults
  absl::Time updated_at;
  int64_t budget_minor = 0;
  int64_t committed_minor = 0;
  // The microgrant fast path: on (a rolling round), the mark (percent of the
  // rubric's weighted maximum one reviewer's score must reach) and the
  // conditions its offers carry.
  bool fast_path = false;
  int fast_path_mark_percent = 0;
  std::vector<std::string> standard_conditions;
  std::vector<ConditionsTranslation> standard_condition_translations;
};

struct Recommendation {
  std::string id;
  std::string application_id;
  Outcome outcome = Outcome::kApprove;
  // Approve: the amount to award. Decline: the amount requested (what is
  // at stake decides who may recommend).
  int64_t amount_minor = 0;
  std::string reason;
  int submission_version = 0;
  std::string recommended_by;
  std::string recommender_role;  // "officer", "reviewer"
  absl::Time recommended_at;
};

// An application's standing recommendation and decision.
struct Decision {
  std::string id;  // the application's id
  std::string round_id;
  std::string organisation_id;
  std::string currency;
  int current_submission_version = 0;
  std::optional<Recommendation> recommendation;  // the standing one
  bool decided = false;
  Outcome outcome = Outcome::kApprove;
  int64_t approved_minor = 0;
  std::string comment;
  std::string decided_by;
  absl::Time decided_at;
  // The recommendation was made for an earlier submission.
  bool stale() const {
    return recommendation &&
           recommendation->submission_version != current_submission_version;
  }
};

enum class AwardState {
  kOffered,
  kAccepted,
  kActive,
  kDeclined,
  kExpired,
  kTerminated,
  kCompleted  // closed by an officer: paid, reported, settled (read-only)
};

struct Share {
  std::string funder_id;
  int64_t amount_minor = 0;
  bool operator==(const Share&) const = default;
};

enum class ConditionState { kOpen, kMet, kSignedOff };

inline constexpr NameTable<ConditionState, 3> kConditionStateNames = {{
    {ConditionState::kOpen, "open"},
    {ConditionState::kMet, "met"},
    {ConditionState::kSignedOff, "signed_off"},
}};

// One condition of an offer: the group meets it (a statement, documents of
// the award), an officer who did not meet it signs it off.
struct Condition {
  std::string id;
  std::string award_id;
  int number = 0;
  std::string text;
  ConditionState state = ConditionState::kOpen;
  std::string statement;
  std::vector<std::string> document_ids;
  std::string met_by;
  std::optional<absl::Time> met_at;
  std::string on_behalf_reason;
  std::string signed_off_by;
  std::optional<absl::Time> signed_off_at;
  std::string return_comment;
};

// What a group sends to meet a condition.
struct MeetCommand {
  std::string condition_id;
  std::string statement;
  std::vector<std::string> document_ids;
  std::string on_behalf_reason;
};

struct Award {
  std::string id;
  std::string application_id;
  std::string round_id;
  std::string organisation_id;
  std::string fund_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::vector<std::string> conditions;
  AwardState state = AwardState::kOffered;
  absl::Time expires_at;
  std::string offered_by;
  absl::Time offered_at;
  std::string responded_by;
  std::optional<absl::Time> responded_at;
  std::string decline_reason;
  bool explicit_attribution = false;
  std::vector<Share> shares;
  std::string start_date, end_date;  // "YYYY-MM-DD" or ""
  // Termination: who, when, why, and what went back to the round's budget.
  std::string terminated_by;
  std::optional<absl::Time> terminated_at;
  std::string termination_reason;
  int64_t released_minor = 0;
  // The conditions as items (loaded with the award, not in lists).
  std::vector<Condition> condition_items;
  bool fast_path = false;  // made by ApproveFastPath
  // The conditions in other languages (loaded with the award).
  std::vector<ConditionsTranslation> condition_translations;
};

// What a sweep of expired offers did.
struct ExpiryRun {
  std::string id;
  std::string round_id;  // "" for all rounds
  std::vector<Award> expired;
};

// Inputs of the use cases, already shape-checked by the converters.
struct RecommendCommand {
  std::string application_id;
  Outcome outcome = Outcome::kApprove;
  std::string currency;  // of `amount_minor`, when approving
  int64_t amount_minor = 0;
  std::string reason;
};

struct DecideCommand {
  std::string application_id;
  Outcome outcome = Outcome::kApprove;
  std::string comment;
  std::string round_id;  // when set, the application must be in this round
};

struct OfferCommand {
  std::string application_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::vector<std::string> conditions;
  std::optional<absl::Time> expires_at;  // default: validity days from now
  std::string start_date, end_date;      // "YYYY-MM-DD" or ""
  std::vector<ConditionsTranslation> condition_translations;
};

// An officer's fast-path approval (ApproveFastPath).
struct FastPathCommand {
  std::string application_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::string comment;
};

enum class VariationState { kProposed, kApproved, kRejected, kWithdrawn };

// A proposed change of a running award's amount or planned end date; the
// previous values say what it was proposed against.
struct Variation {
  std::string id;
  std::string award_id;
  std::string organisation_id;  // the award's
  VariationState state = VariationState::kProposed;
  std::string currency;
  int64_t previous_minor = 0;
  int64_t new_minor = 0;
  std::string previous_end_date, new_end_date;  // "YYYY-MM-DD" or ""
  std::string reason;
  std::string proposed_by;
  std::string proposer_role;  // "officer", "grantee"
  absl::Time proposed_at;
  std::string decided_by;
  std::optional<absl::Time> decided_at;
  std::string decision_comment;
  // The first officer's approval, when the variation needs two and its
  // proposer was not an officer ("" until then).
  std::string endorsed_by;
  std::optional<absl::Time> endorsed_at;
};

struct VariationCommand {
  std::string award_id;
  std::optional<int64_t> new_minor;  // unset: unchanged
  std::string currency;              // of new_minor
  std::string new_end_date;          // "": unchanged
  std::string reason;
};

struct VariationDecision {
  std::string id;
  Outcome outcome = Outcome::kApprove;
  std::string comment;
};

struct TerminateCommand {
  std::string id;
  std::string reason;
  std::string currency;  // of recovery_minor
  int64_t recovery_minor = 0;
};

// A recovery of unspent paid money on a running or completed award.
struct RecoveryCommand {
  std::string award_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::string reason;
  std::string due_date;  // "YYYY-MM-DD"; "" for the default
};

inline constexpr NameTable<AwardState, 7> kAwardStateNames = {{
    {AwardState::kOffered, "offered"},
    {AwardState::kAccepted, "accepted"},
    {AwardState::kActive, "active"},
    {AwardState::kDeclined, "declined"},
    {AwardState::kExpired, "expired"},
    {AwardState::kTerminated, "terminated"},
    {AwardState::kCompleted, "completed"},
}};
constexpr std::string_view StateName(AwardState s) {
  return NameOf(kAwardStateNames, s);
}
constexpr std::optional<AwardState> ParseAwardState(std::string_view name) {
  return FindByName(kAwardStateNames, name);
}

inline constexpr NameTable<VariationState, 4> kVariationStateNames = {{
    {VariationState::kProposed, "proposed"},
    {VariationState::kApproved, "approved"},
    {VariationState::kRejected, "rejected"},
    {VariationState::kWithdrawn, "withdrawn"},
}};
constexpr std::string_view StateName(VariationState s) {
  return NameOf(kVariationStateNames, s);
}

// What a payment that failed gives back to its award's round: a terminated
// award kept only its paid and instructed payments committed, so a failed
// one returns its amount; nothing otherwise. The seam between the awards
// area (which owns award states) and payments (which applies it).
constexpr int64_t ReleaseOnFailedPayment(AwardState state,
                                         int64_t payment_minor) {
  return state == AwardState::kTerminated ? payment_minor : 0;
}

// Which awards a list returns; empty strings match everything.
struct ListFilter {
  std::string organisation_id, round_id, state;
  std::string funder_id;  // only awards this funder has a share of
};

// Which variations a list returns; empty strings match everything.
struct VariationFilter {
  std::string award_id, state, organisation_id;
};

}  // namespace grants::awards
