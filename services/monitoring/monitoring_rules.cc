// Monitoring rules.
#include "services/monitoring/monitoring_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "absl/time/civil_time.h"
#include "common/reference_data.h"
#include "common/status.h"
#include "services/common/validation.h"

namespace grants::monitoring {
namespace {

constexpr int kMaxRequirements = 12;
constexpr int kMaxDaysAfter = 730;
constexpr int kMaxBreakdowns = 200;
constexpr size_t kMaxTextChars = 4000;

absl::CivilDay Day(const std::string& date) {
  absl::CivilDay d;
  (void)absl::ParseCivilTime(date, &d);
  return d;
}

bool Contains(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

// Whether `code` is on the list of `dimension`, and the reason if not.
const char* CodeProblem(v1::Dimension dimension, const std::string& code,
                        const ReportContext& ctx) {
  switch (dimension) {
    case v1::DIMENSION_COMMUNITY:
      return Contains(ctx.communities, code) ? nullptr : "COMMUNITY_UNKNOWN";
    case v1::DIMENSION_BOROUGH:
      return IsGssCode(code) ? nullptr : "BOROUGH_INVALID";
    case v1::DIMENSION_LANGUAGE:
      return IsLanguageCode(code) ? nullptr : "LANGUAGE_INVALID";
    case v1::DIMENSION_AGE_BAND:
      return Contains(AgeBands(), code) ? nullptr : "AGE_BAND_INVALID";
    default:
      return "DIMENSION_REQUIRED";
  }
}

// Spend per awarded budget line: each line known and given once, in the
// award's currency; a final report that states it states every line,
// summing to its spend to date. (Stating it is not yet required: the
// portal's report form does not ask for it.)
void CheckLineSpend(Validator& v, const ReportContent& c,
                    const ReportContext& ctx) {
  const int lines = static_cast<int>(ctx.budget_lines.size());
  std::set<int> seen;
  int64_t total = 0;
  for (int i = 0; i < c.budget_line_spend_size(); ++i) {
    const auto& s = c.budget_line_spend(i);
    const std::string field = fmt::format("budget_line_spend[{}]", i);
    if (s.line() < 1 || s.line() > lines)
      v.Add(field + ".line", "BUDGET_LINE_UNKNOWN",
            fmt::format("the application has {} budget line(s)", lines));
    else if (!seen.insert(s.line()).second)
      v.Add(field + ".line", "BUDGET_LINE_REPEATED", "each line once");
    v.Amount(field + ".spent", s.has_spent() ? &s.spent() : nullptr,
             /*allow_zero=*/true);
    if (s.has_spent() && s.spent().currency_code() != ctx.currency)
      v.Add(field + ".spent", "CURRENCY_MISMATCH", "the award's currency");
    total += s.spent().minor_units();
  }
  if (!ctx.final_report || lines == 0 || c.budget_line_spend_size() == 0)
    return;
  if (static_cast<int>(seen.size()) != lines) {
    v.Add("budget_line_spend", "BUDGET_LINE_SPEND_REQUIRED",
          fmt::format("a final report states spend on each of the {} "
                      "awarded budget line(s)",
                      lines));
    return;
  }
  if (!c.has_spend_to_date() || c.spend_to_date().minor_units() != total)
    v.Add("spend_to_date", "SPEND_SUM_MISMATCH",
          "the spend to date must equal the budget lines' spend");
}

void CheckCounts(Validator& v, const ReportContent& c) {
  const std::pair<const char*, int64_t> counts[] = {
      {"sessions_held", c.sessions_held()},
      {"people_supported_directly", c.people_supported_directly()},
      {"people_reached_with_information", c.people_reached_with_information()},
      {"applications_assisted", c.applications_assisted()}};
  for (const auto& [field, value] : counts)
    if (value < 0) v.Add(field, "MUST_NOT_BE_NEGATIVE", "a count, 0 or more");
}

void CheckBreakdowns(Validator& v, const ReportContent& c,
                     const ReportContext& ctx) {
  if (c.breakdowns_size() > kMaxBreakdowns)
    v.Add("breakdowns", "TOO_MANY", "at most 200 parts");
  std::set<std::pair<int, std::string>> seen;
  std::map<int, std::pair<int64_t, int64_t>> sums;  // dimension -> parts
  for (int i = 0; i < c.breakdowns_size() && i < kMaxBreakdowns; ++i) {
    const v1::Breakdown& b = c.breakdowns(i);
    std::string field = fmt::format("breakdowns[{}]", i);
    if (const char* problem = CodeProblem(b.dimension(), b.code(), ctx))
      v.Add(field + ".code", problem, "not a code of this dimension's list");
    if (!seen.emplace(b.dimension(), b.code()).second)
      v.Add(field, "DUPLICATE_BREAKDOWN", "each code once per dimension");
    if (b.people_supported_directly() < 0 ||
        b.people_reached_with_information() < 0) {
      v.Add(field, "MUST_NOT_BE_NEGATIVE", "counts are 0 or more");
      continue;
    }
    auto& [supported, reached] = sums[b.dimension()];
    supported += b.people_supported_directly();
    reached += b.people_reached_with_information();
    if (supported > c.people_supported_directly())
      v.Add(field + ".people_supported_directly", "BREAKDOWN_EXCEEDS_TOTAL",
            fmt::format("this dimension's parts pass the total of {}",
                        c.people_supported_directly()));
    if (reached > c.people_reached_with_information())
      v.Add(field + ".people_reached_with_information",
            "BREAKDOWN_EXCEEDS_TOTAL",
            fmt::format("this dimension's parts pass the total of {}",
                        c.people_reached_with_information()));
  }
}

}  // namespace

const std::vector<std::string>& AgeBands() {
  static const std::vector<std::string> kBands = {
      "under_16", "16_to_24", "25_to_64", "65_and_over", "not_known"};
  return kBands;
}

absl::Status CheckSpecs(const std::vector<RequirementSpec>& specs) {
  Validator v;
  if (specs.empty() || specs.size() > kMaxRequirements)
    v.Add("requirements", "COUNT_INVALID", "1-12 requirements");
  int finals = 0;
  for (size_t i = 0; i < specs.size(); ++i) {
    const RequirementSpec& s = specs[i];
    std::string field = fmt::format("requirements[{}]", i);
    finals += s.kind == ReportKind::kFinal ? 1 : 0;
    if (s.basis == DueBasis::kFixedDate)
      v.Date(field + ".due_date", s.due_date);
    else if (s.days_after < 0 || s.days_after > kMaxDaysAfter)
      v.Add(field + ".days_after", "DAYS_INVALID", "0-730 days");
  }
  if (finals != 1)
    v.Add("requirements", "FINAL_REPORT_COUNT", "exactly one final report");
  return v.Finish();
}

std::string DueDate(const RequirementSpec& spec, const std::string& accepted_on,
                    const std::string& round_closed_on) {
  switch (spec.basis) {
    case DueBasis::kFixedDate:
      return spec.due_date;
    case DueBasis::kAfterAcceptance:
      return absl::FormatCivilTime(Day(accepted_on) + spec.days_after);
    case DueBasis::kAfterRoundClose:
      return absl::FormatCivilTime(Day(round_closed_on) + spec.days_after);
  }
  return spec.due_date;
}

std::pair<RequirementStatus, int> StatusOf(const Requirement& r,
                                           const std::string& today) {
  if (r.latest_state == ReportState::kAccepted)
    return {RequirementStatus::kAccepted, 0};
  if (r.latest_state == ReportState::kSubmitted)
    return {RequirementStatus::kSubmitted, 0};
  auto late = static_cast<int>(Day(today) - Day(r.due_date));
  if (late > 0) return {RequirementStatus::kOverdue, late};
  return {r.latest_state == ReportState::kReturned
              ? RequirementStatus::kReturned
              : RequirementStatus::kDue,
          0};
}

absl::Status CheckCanSubmit(const Requirement& r) {
  if (r.latest_state == ReportState::kSubmitted)
    return MakeError(absl::StatusCode::kFailedPrecondition,
                     "REPORT_UNDER_REVIEW", "the last report waits for review",
                     {{"requirement_id", "REPORT_UNDER_REVIEW",
                       "wait for the officer's review"}});
  if (r.latest_state == ReportState::kAccepted)
    return MakeError(
        absl::StatusCode::kFailedPrecondition, "REPORT_ACCEPTED",
        "a report for this requirement was accepted",
        {{"requirement_id", "REPORT_ACCEPTED", "already accepted"}});
  return absl::OkStatus();
}

absl::Status CheckReport(const ReportContent& c, const ReportContext& ctx) {
  Validator v;
  v.Date("period_start", c.period_start()).Date("period_end", c.period_end());
  if (c.period_end() < c.period_start())
    v.Add("period_end", "PERIOD_INVALID", "the end is before the start");
  v.Multiline("activities", c.activities(), 0, kMaxTextChars)
      .Multiline("story", c.story(), 0, kMaxTextChars);
  CheckCounts(v, c);
  CheckBreakdowns(v, c, ctx);
  v.Amount("spend_to_date",
           c.has_spend_to_date() ? &c.spend_to_date() : nullptr,
           /*allow_zero=*/true);
  if (c.has_spend_to_date() &&
      c.spend_to_date().currency_code() != ctx.currency)
    v.Add("spend_to_date", "CURRENCY_MISMATCH", "the award's currency");
  CheckLineSpend(v, c, ctx);
  return v.Finish();
}

}  // namespace grants::monitoring
