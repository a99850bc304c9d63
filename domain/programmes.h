// Programme and round domain types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "domain/names.h"

namespace grants::programmes {

struct Programme {
  std::string id;
  std::string code;
  std::string name;
  std::string description;
  std::string fund_id;
  std::vector<std::string> priority_communities;
  std::vector<std::string> target_outcomes;
  absl::Time created_at;
};

enum class RoundState {
  kDraft,
  kOpen,
  kClosed,
  kAssessing,
  kDecided,
  kClosedOut,
  kCancelled
};

// Who may apply to a round. Empty or zero parts do not apply.
struct EligibilityRules {
  std::vector<std::string> allowed_legal_forms;  // codes, e.g. "cio"
  int64_t max_annual_income_minor = 0;           // 0: no limit
  std::vector<std::string> boroughs;             // GSS codes
  bool london_only = false;
  int max_applications_per_programme = 0;  // 0: no limit
  // Submitted applications in this round, withdrawn ones included.
  int max_applications_per_round = 0;  // 0: no limit
  // Grants (approved applications) in this round / across the programme.
  int max_grants_per_round = 0;      // 0: no limit
  int max_grants_per_programme = 0;  // 0: no limit
  // Document kinds an application must have attached to be submitted, by
  // name ("accounts", "safeguarding_policy", ...).
  std::vector<std::string> required_documents;
  bool operator==(const EligibilityRules&) const = default;
};

// A question applicants answer.
struct Question {
  std::string id;
  std::string text;
  bool required = false;
  int max_chars = 2000;
  std::string hint;  // shown under the question; may be empty
  bool operator==(const Question&) const = default;
};

// An officer's translation of a question's text and hint.
struct QuestionTranslation {
  std::string question_id;
  std::string text;
  std::string hint;
};

// An officer's translation of a round's texts into one language; an empty
// text is shown in English.
struct RoundTranslation {
  std::string language;
  std::string name;
  std::string description;
  std::vector<QuestionTranslation> questions;
};

// The editable part of a round, already validated and in UTC.
struct RoundSpec {
  std::string name;
  absl::Time opens_at;
  absl::Time closes_at;
  std::string currency;
  int64_t budget_minor = 0;
  int64_t min_grant_minor = 0;
  int64_t max_grant_minor = 0;
  EligibilityRules eligibility;
  std::vector<Question> questions;
  std::string description;  // what the round is for (English)
};

struct Round {
  std::string id;
  std::string programme_id;
  std::string programme_code;
  int number = 0;
  RoundState state = RoundState::kDraft;
  RoundSpec spec;
  std::string cancel_reason;
  absl::Time created_at;
  absl::Time updated_at;
  std::vector<RoundTranslation> translations;  // by language
  // "EUSS-R1".
  std::string reference() const {
    return programme_code + "-R" + std::to_string(number);
  }
};

inline constexpr NameTable<RoundState, 7> kRoundStateNames = {{
    {RoundState::kDraft, "draft"},
    {RoundState::kOpen, "open"},
    {RoundState::kClosed, "closed"},
    {RoundState::kAssessing, "assessing"},
    {RoundState::kDecided, "decided"},
    {RoundState::kClosedOut, "closed_out"},
    {RoundState::kCancelled, "cancelled"},
}};
constexpr std::string_view StateName(RoundState s) {
  return NameOf(kRoundStateNames, s);
}
constexpr std::optional<RoundState> ParseRoundState(std::string_view name) {
  return FindByName(kRoundStateNames, name);
}

// Which rounds a list returns; an empty programme id matches every one.
struct RoundFilter {
  std::string programme_id;
  std::optional<RoundState> state;
};

}  // namespace grants::programmes
