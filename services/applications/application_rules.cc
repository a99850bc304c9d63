// Application rules.
#include "services/applications/application_rules.h"

#include <algorithm>
#include <fmt/format.h>

#include "absl/strings/str_join.h"
#include "common/money.h"
#include "common/reference_data.h"
#include "common/status.h"
#include "services/common/validation.h"

namespace grants::applications {
namespace {

constexpr size_t kMaxSummaryChars = 2000;
constexpr int kMaxListItems = 50;

absl::Status Precondition(std::string_view reason, std::string_view field,
                          std::string_view description) {
  return MakeError(absl::StatusCode::kFailedPrecondition, reason,
                   fmt::format("{}: {}", field, description),
                   {{std::string(field), std::string(reason),
                     std::string(description)}});
}

bool Contains(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

template <typename Items, typename Check>
void EachItem(Validator& v, const std::string& field, const Items& items,
              Check check) {
  if (items.size() > kMaxListItems) v.Add(field, "TOO_MANY", "at most 50");
  for (int i = 0; i < items.size(); ++i)
    check(fmt::format("{}[{}]", field, i), items[i]);
}

}  // namespace

absl::Time Deadline(const programmes::Round& round,
                    const std::optional<Extension>& extension) {
  if (extension && extension->closes_at > round.spec.closes_at)
    return extension->closes_at;
  return round.spec.closes_at;
}

absl::Status CheckWindow(const programmes::Round& round, absl::Time deadline,
                         absl::Time now) {
  if (round.state != programmes::RoundState::kOpen)
    return Precondition("ROUND_NOT_OPEN", "round_id",
                        "the round is not open for applications");
  if (now < round.spec.opens_at)
    return Precondition("ROUND_NOT_YET_OPEN", "round_id",
                        "the round has not opened yet");
  if (now >= deadline)
    return Precondition("DEADLINE_PASSED", "round_id",
                        "the deadline for this round has passed");
  return absl::OkStatus();
}

absl::Status CheckDraft(const Content& c,
                        const std::vector<std::string>& communities) {
  Validator v;
  v.Multiline("content.project_summary", c.project_summary(), 0,
              kMaxSummaryChars)
      .Multiline("content.planned_activities", c.planned_activities(), 0,
                 kMaxDescriptionChars);
  if (c.has_amount_requested())
    v.Amount("content.amount_requested", &c.amount_requested(), true);
  EachItem(v, "content.target_communities", c.target_communities(),
           [&](const std::string& f, const std::string& code) {
             v.Code(f, code);
             if (!communities.empty() && !Contains(communities, code))
               v.Add(f, "COMMUNITY_UNKNOWN",
                     "not one of the programme's communities");
           });
  EachItem(v, "content.boroughs_served", c.boroughs_served(),
           [&](const std::string& f, const std::string& code) {
             if (!IsGssCode(code))
               v.Add(f, "BOROUGH_INVALID",
                     "must be an ONS GSS code such as E09000001");
           });
  EachItem(v, "content.languages", c.languages(),
           [&](const std::string& f, const std::string& code) {
             if (!IsLanguageCode(code))
               v.Add(f, "LANGUAGE_INVALID", "must be an ISO 639 code");
           });
  if (!c.correspondence_language().empty() &&
      !IsLanguageCode(c.correspondence_language()))
    v.Add("content.correspondence_language", "LANGUAGE_INVALID",
          "must be an ISO 639 code");
  if (c.planned_reach().people_supported_directly() < 0 ||
      c.planned_reach().people_reached_with_information() < 0)
    v.Add("content.planned_reach", "MUST_NOT_BE_NEGATIVE",
          "counts must not be negative");
  EachItem(v, "content.budget_lines", c.budget_lines(),
           [&](const std::string& f, const v1::BudgetLine& line) {
             v.Text(f + ".description", line.description(), 1, kMaxNameChars)
                 .Amount(f + ".amount",
                         line.has_amount() ? &line.amount() : nullptr);
           });
  EachItem(v, "content.answers", c.answers(),
           [&](const std::string& f, const v1::Answer& a) {
             v.Code(f + ".question_id", a.question_id())
                 .Multiline(f + ".text", a.text(), 0, 10000);
           });
  return v.Finish();
}

absl::Status CheckComplete(const programmes::RoundSpec& round,
                           const Content& c) {
  if (c.project_summary().empty())
    return Precondition("SUMMARY_REQUIRED", "content.project_summary",
                        "describe the project before submitting");
  const v1::Money& amount = c.amount_requested();
  if (amount.currency_code() != round.currency)
    return InvalidField("content.amount_requested.currency_code",
                        "CURRENCY_MISMATCH", "must be in the round's currency");
  if (amount.minor_units() < round.min_grant_minor ||
      amount.minor_units() > round.max_grant_minor)
    return InvalidField("content.amount_requested", "AMOUNT_OUT_OF_RANGE",
                        fmt::format("must be between {} and {}",
                                    FormatMoney(round.currency, round.min_grant_minor),
                                    FormatMoney(round.currency, round.max_grant_minor)));
  int64_t total = 0;
  for (const auto& line : c.budget_lines()) {
    if (line.amount().currency_code() != round.currency)
      return InvalidField("content.budget_lines", "CURRENCY_MISMATCH",
                          "budget lines must be in the round's currency");
    auto sum = AddMinor(total, line.amount().minor_units());
    if (!sum)
      return InvalidField("content.budget_lines", "AMOUNT_TOO_LARGE",
                          "budget lines add up to more than can be counted");
    total = *sum;
  }
  if (total != amount.minor_units())
    return Precondition("BUDGET_LINES_MISMATCH", "content.budget_lines",
                        fmt::format("budget lines add up to {}, not {}",
                                    FormatMoney(round.currency, total),
                                    FormatMoney(round.currency, amount.minor_units())));
  for (const auto& a : c.answers()) {
    auto q = std::find_if(round.questions.begin(), round.questions.end(),
                          [&](const auto& q) { return q.id == a.question_id(); });
    if (q == round.questions.end())
      return Precondition("QUESTION_UNKNOWN", "content.answers",
                          "answers a question the round does not ask: " +
                              a.question_id());
    if (Utf8Length(a.text()) > q->max_chars)
      return Precondition("ANSWER_TOO_LONG", "content.answers." + q->id,
                          fmt::format("at most {} characters", q->max_chars));
  }
  for (const auto& q : round.questions) {
    bool answered = std::any_of(
        c.answers().begin(), c.answers().end(),
        [&](const auto& a) { return a.question_id() == q.id && !a.text().empty(); });
    if (q.required && !answered)
      return Precondition("ANSWER_REQUIRED", "content.answers." + q.id,
                          "this question needs an answer");
  }
  return absl::OkStatus();
}

std::vector<FailedRule> Evaluate(const programmes::EligibilityRules& rules,
                                 const organisations::Organisation& org,
                                 const PriorCounts& prior) {
  std::vector<FailedRule> failed;
  const auto& p = org.profile;
  if (!rules.allowed_legal_forms.empty() &&
      !Contains(rules.allowed_legal_forms, p.legal_form))
    failed.push_back({"LEGAL_FORM_NOT_ALLOWED",
                      "this round is not open to the legal form " + p.legal_form});
  if (rules.max_annual_income_minor > 0 &&
      p.annual_income_minor > rules.max_annual_income_minor)
    failed.push_back({"INCOME_TOO_HIGH",
                      "annual income is above the round's limit of " +
                          FormatMoney(p.currency, rules.max_annual_income_minor)});
  bool borough_ok =
      (!rules.london_only || IsLondonBorough(p.borough_code)) &&
      (rules.boroughs.empty() || Contains(rules.boroughs, p.borough_code));
  if (!borough_ok)
    failed.push_back({"BOROUGH_NOT_ELIGIBLE",
                      "the organisation's borough is not eligible for this round"});
  // Each limit counts what the organisation already has; this submission
  // would be one more, so reaching the limit already fails.
  struct Limit {
    int max;
    int already;
    const char* rule;
    const char* what;
  };
  for (const Limit& l :
       {Limit{rules.max_applications_per_programme,
              prior.applications_in_programme, "TOO_MANY_APPLICATIONS",
              "application(s) per organisation in this programme"},
        Limit{rules.max_applications_per_round, prior.applications_in_round,
              "TOO_MANY_APPLICATIONS_IN_ROUND",
              "application(s) per organisation in this round, withdrawn ones "
              "included"},
        Limit{rules.max_grants_per_round, prior.grants_in_round,
              "TOO_MANY_GRANTS_IN_ROUND",
              "grant(s) per organisation in this round"},
        Limit{rules.max_grants_per_programme, prior.grants_in_programme,
              "TOO_MANY_GRANTS_IN_PROGRAMME",
              "grant(s) per organisation in this programme"}}) {
    if (l.max > 0 && l.already >= l.max)
      failed.push_back({l.rule, fmt::format("at most {} {}; it already has {}",
                                            l.max, l.what, l.already)});
  }
  return failed;
}

absl::Status CheckDocuments(const std::vector<std::string>& required,
                            const std::vector<std::string>& attached) {
  std::vector<std::string> missing;
  for (const auto& kind : required)
    if (std::find(attached.begin(), attached.end(), kind) == attached.end())
      missing.push_back(kind);
  if (missing.empty()) return absl::OkStatus();
  return MakeError(absl::StatusCode::kFailedPrecondition, "DOCUMENTS_MISSING",
                   "the round requires documents not yet attached",
                   {{"documents", "DOCUMENTS_MISSING",
                     "attach: " + absl::StrJoin(missing, ", ")}});
}

}  // namespace grants::applications
