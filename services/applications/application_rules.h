// Pure rules of applications: the submission window by the server's clock,
// content checks for drafts and for submission, eligibility evaluation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "domain/applications.h"
#include "domain/organisations.h"
#include "domain/programmes.h"

namespace grants::applications {

// The deadline that applies: the organisation's extension, else the round's.
absl::Time Deadline(const programmes::Round& round,
                    const std::optional<Extension>& extension);

// A round takes drafts and submissions while OPEN, from opens_at until
// `deadline` (exclusive, to the second). FAILED_PRECONDITION
// ROUND_NOT_OPEN, ROUND_NOT_YET_OPEN or DEADLINE_PASSED.
absl::Status CheckWindow(const programmes::Round& round, absl::Time deadline,
                         absl::Time now);

// Shape checks any saved draft must pass (INVALID_ARGUMENT, fields under
// "content."): text limits and control characters, GSS borough codes,
// ISO 639 languages, community codes from `communities` (the programme's
// list; any well-formed code when it is empty), non-negative counts.
absl::Status CheckDraft(const Content& c,
                        const std::vector<std::string>& communities);

// FAILED_PRECONDITION DOCUMENTS_MISSING naming "documents" (and listing the
// kinds) unless every kind in `required` is among `attached`.
absl::Status CheckDocuments(const std::vector<std::string>& required,
                            const std::vector<std::string>& attached);

// What a submission needs besides the shape (FAILED_PRECONDITION unless
// said): AMOUNT_OUT_OF_RANGE (INVALID_ARGUMENT), CURRENCY_MISMATCH,
// BUDGET_LINES_MISMATCH, ANSWER_REQUIRED, ANSWER_TOO_LONG, QUESTION_UNKNOWN,
// SUMMARY_REQUIRED.
absl::Status CheckComplete(const programmes::RoundSpec& round, const Content& c);

// The round's eligibility rules against the organisation and what it
// already has. Returns every failed rule (empty: eligible), with stable
// codes: LEGAL_FORM_NOT_ALLOWED, INCOME_TOO_HIGH, BOROUGH_NOT_ELIGIBLE,
// TOO_MANY_APPLICATIONS (programme), TOO_MANY_APPLICATIONS_IN_ROUND,
// TOO_MANY_GRANTS_IN_ROUND, TOO_MANY_GRANTS_IN_PROGRAMME.
std::vector<FailedRule> Evaluate(const programmes::EligibilityRules& rules,
                                 const organisations::Organisation& org,
                                 const PriorCounts& prior);

}  // namespace grants::applications
