// Monitoring conversions.
#include "services/monitoring/monitoring_converters.h"

#include <fmt/format.h>

#include <array>
#include <regex>
#include <set>

#include "services/common/proto_convert.h"
#include "services/common/validation.h"
#include "services/monitoring/monitoring_rules.h"

namespace grants::monitoring {
namespace {

constexpr size_t kMaxCommentChars = 2000;
constexpr std::array<std::string_view, 5> kScopes = {"", "all", "programme",
                                                     "round", "funder"};
constexpr std::array<std::string_view, 5> kDimensions = {
    "", "community", "borough", "language", "age_band"};
constexpr std::array<std::string_view, 6> kStatuses = {
    "", "due", "overdue", "submitted", "returned", "accepted"};

static_assert(v1::REQUIREMENT_STATUS_ACCEPTED ==
              static_cast<int>(RequirementStatus::kAccepted) + 1);
static_assert(v1::REPORT_STATE_RETURNED ==
              static_cast<int>(ReportState::kReturned) + 1);

template <size_t N>
int IndexOf(const std::array<std::string_view, N>& names, std::string_view n) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == n) return static_cast<int>(i);
  return 0;
}

v1::Suppression ToProto(reach::Suppression s) {
  switch (s) {
    case reach::Suppression::kPrimary:
      return v1::SUPPRESSION_PRIMARY;
    case reach::Suppression::kComplementary:
      return v1::SUPPRESSION_COMPLEMENTARY;
    case reach::Suppression::kNone:
      break;
  }
  return v1::SUPPRESSION_UNSPECIFIED;
}

void ToProto(const ReachRow& r, v1::ReachRow* out) {
  out->set_code(r.code);
  out->set_people_supported_directly(r.supported);
  out->set_supported_suppressed(r.supported_suppressed);
  out->set_supported_suppression(ToProto(r.supported_suppression));
  out->set_people_reached_with_information(r.reached);
  out->set_reached_suppressed(r.reached_suppressed);
  out->set_reached_suppression(ToProto(r.reached_suppression));
  out->set_reports(r.reports);
}

}  // namespace

absl::StatusOr<std::vector<RequirementSpec>> ToSpecs(
    const v1::SetReportRequirementsRequest& r) {
  Validator v;
  v.Id("award_id", r.award_id());
  std::vector<RequirementSpec> out;
  for (int i = 0; i < r.requirements_size(); ++i) {
    const v1::RequirementSpec& s = r.requirements(i);
    std::string field = fmt::format("requirements[{}]", i);
    if (s.kind() == v1::REPORT_KIND_UNSPECIFIED ||
        !v1::ReportKind_IsValid(s.kind()))
      v.Add(field + ".kind", "KIND_REQUIRED", "interim or final");
    if (s.basis() == v1::DUE_BASIS_UNSPECIFIED ||
        !v1::DueBasis_IsValid(s.basis()))
      v.Add(field + ".basis", "BASIS_REQUIRED", "how the due date is set");
    else if (s.basis() != v1::DUE_BASIS_FIXED_DATE && !s.due_date().empty())
      v.Add(field + ".due_date", "DUE_DATE_UNEXPECTED", "only for FIXED_DATE");
    out.push_back({.kind = s.kind() == v1::REPORT_KIND_FINAL
                               ? ReportKind::kFinal
                               : ReportKind::kInterim,
                   .basis = static_cast<DueBasis>(std::max(0, s.basis() - 1)),
                   .due_date = s.due_date(),
                   .days_after = s.days_after()});
  }
  RETURN_IF_ERROR(v.Finish());
  return out;
}

absl::StatusOr<monitoring::RequirementFilter> ToFilter(
    const v1::ListReportRequirementsRequest& r) {
  Validator v;
  if (!r.award_id().empty()) v.Id("award_id", r.award_id());
  if (!v1::RequirementStatus_IsValid(r.status()))
    v.Add("status", "STATUS_INVALID", "unknown status");
  RETURN_IF_ERROR(v.Finish());
  return monitoring::RequirementFilter{
      .award_id = r.award_id(),
      .status = std::string(kStatuses[static_cast<size_t>(r.status())])};
}

absl::StatusOr<monitoring::ReportFilter> ToFilter(
    const v1::ListReportsRequest& r) {
  Validator v;
  if (!r.award_id().empty()) v.Id("award_id", r.award_id());
  if (!r.requirement_id().empty()) v.Id("requirement_id", r.requirement_id());
  if (!v1::ReportState_IsValid(r.state()))
    v.Add("state", "STATE_INVALID", "unknown report state");
  RETURN_IF_ERROR(v.Finish());
  monitoring::ReportFilter f{r.award_id(), r.requirement_id(), "",
                                           ""};
  if (r.state() != v1::REPORT_STATE_UNSPECIFIED)
    f.state = std::string(StateName(
        static_cast<ReportState>(r.state() - 1)));
  return f;
}

absl::StatusOr<ReviewCommand> ToReview(const v1::ReviewReportRequest& r) {
  Validator v;
  v.Id("id", r.id()).Multiline("comment", r.comment(), 0, kMaxCommentChars);
  if (r.outcome() != v1::REVIEW_OUTCOME_ACCEPT &&
      r.outcome() != v1::REVIEW_OUTCOME_RETURN)
    v.Add("outcome", "OUTCOME_REQUIRED", "accept or return");
  if (r.outcome() == v1::REVIEW_OUTCOME_RETURN && r.comment().empty())
    v.Add("comment", "COMMENT_REQUIRED", "say what to change");
  RETURN_IF_ERROR(v.Finish());
  return ReviewCommand{r.id(), r.outcome() == v1::REVIEW_OUTCOME_ACCEPT,
                       r.comment()};
}

absl::StatusOr<ReachKey> ToReachKey(const v1::GetReachSummaryRequest& r) {
  static const std::regex kQuarter("^[0-9]{4}-Q[1-4]$");
  Validator v;
  if (r.scope() == v1::REACH_SCOPE_UNSPECIFIED ||
      !v1::ReachScope_IsValid(r.scope()))
    v.Add("scope", "SCOPE_REQUIRED", "all, programme, round or funder");
  else if (r.scope() == v1::REACH_SCOPE_ALL && !r.scope_id().empty())
    v.Add("scope_id", "SCOPE_ID_UNEXPECTED", "no id for ALL");
  else if (r.scope() != v1::REACH_SCOPE_ALL)
    v.Id("scope_id", r.scope_id());
  if (!r.period().empty() && !std::regex_match(r.period(), kQuarter))
    v.Add("period", "PERIOD_INVALID", "empty, or a quarter such as 2025-Q1");
  if (!v1::Dimension_IsValid(r.dimension()))
    v.Add("dimension", "DIMENSION_INVALID", "unknown dimension");
  RETURN_IF_ERROR(v.Finish());
  return ReachKey{std::string(kScopes[static_cast<size_t>(r.scope())]),
                  r.scope_id(), r.period(),
                  std::string(kDimensions[static_cast<size_t>(r.dimension())]),
                  r.released()};
}

void ToProto(const Requirement& r, const std::string& today,
             v1::ReportRequirement* out) {
  out->set_id(r.id);
  out->set_award_id(r.award_id);
  out->set_organisation_id(r.organisation_id);
  out->set_number(r.number);
  out->set_kind(r.kind == ReportKind::kFinal ? v1::REPORT_KIND_FINAL
                                             : v1::REPORT_KIND_INTERIM);
  out->set_basis(static_cast<v1::DueBasis>(static_cast<int>(r.basis) + 1));
  out->set_days_after(r.days_after);
  out->set_due_date(r.due_date);
  auto [status, late] = StatusOf(r, today);
  out->set_status(
      static_cast<v1::RequirementStatus>(static_cast<int>(status) + 1));
  out->set_days_overdue(late);
  out->set_latest_report_id(r.latest_report_id);
}

void ToProto(const Requirements& r, const std::string& today,
             v1::ReportRequirements* out) {
  out->set_award_id(r.id);
  for (const auto& q : r.items) ToProto(q, today, out->add_requirements());
}

void ToProto(const Report& r, v1::Report* out) {
  out->set_id(r.id);
  out->set_requirement_id(r.requirement_id);
  out->set_award_id(r.award_id);
  out->set_organisation_id(r.organisation_id);
  out->set_kind(r.kind == ReportKind::kFinal ? v1::REPORT_KIND_FINAL
                                             : v1::REPORT_KIND_INTERIM);
  out->set_version(r.version);
  out->set_state(static_cast<v1::ReportState>(static_cast<int>(r.state) + 1));
  *out->mutable_content() = r.content;
  out->set_submitted_by(r.submitted_by);
  grants::ToProto(r.submitted_at, out->mutable_submit_time());
  out->set_reviewed_by(r.reviewed_by);
  if (r.reviewed_at)
    grants::ToProto(*r.reviewed_at, out->mutable_review_time());
  out->set_review_comment(r.review_comment);
}

void ToProto(const ReachSummary& s, v1::ReachSummary* out) {
  out->set_scope(static_cast<v1::ReachScope>(IndexOf(kScopes, s.key.scope)));
  out->set_scope_id(s.key.scope_id);
  out->set_period(s.key.period);
  out->set_dimension(
      static_cast<v1::Dimension>(IndexOf(kDimensions, s.key.dimension)));
  ToProto(s.total, out->mutable_total());
  for (const auto& r : s.rows) ToProto(r, out->add_rows());
  out->set_disclosure_controlled(s.disclosure_controlled);
  for (const auto& q : s.released_quarters) out->add_released_quarters(q);
  out->set_supported_breakdown_withheld(s.supported_withheld);
  out->set_reached_breakdown_withheld(s.reached_withheld);
}

void ToProto(const ReachRelease& r, v1::ReachRelease* out) {
  out->set_id(r.id);
  out->set_programme_id(r.programme_id);
  out->set_quarter(r.quarter);
  out->set_released_by(r.released_by);
  grants::ToProto(r.released_at, out->mutable_release_time());
  out->set_reports(r.reports);
}

void ToProto(const ReachCheck& c, v1::VerifyReachResponse* out) {
  out->set_consistent(c.mismatches.empty());
  out->set_groups(c.groups);
  for (const auto& m : c.mismatches) {
    auto* o = out->add_mismatches();
    o->set_scope(static_cast<v1::ReachScope>(IndexOf(kScopes, m.key.scope)));
    o->set_scope_id(m.key.scope_id);
    o->set_period(m.key.period);
    o->set_dimension(
        static_cast<v1::Dimension>(IndexOf(kDimensions, m.key.dimension)));
    o->set_code(m.code);
    o->set_maintained_supported(m.maintained_supported);
    o->set_recomputed_supported(m.recomputed_supported);
    o->set_maintained_reached(m.maintained_reached);
    o->set_recomputed_reached(m.recomputed_reached);
  }
}

absl::StatusOr<Indicator> ToIndicator(const v1::SetIndicatorRequest& r) {
  static const std::regex kQuarter("^[0-9]{4}-Q[1-4]$");
  const v1::Indicator& in = r.indicator();
  Validator v;
  v.Id("indicator.programme_id", in.programme_id())
      .Code("indicator.code", in.code())
      .Text("indicator.name", in.name(), 1, kMaxNameChars)
      .Text("indicator.unit", in.unit(), 1, 50);
  if (!in.community().empty()) v.Code("indicator.community", in.community());
  if (in.measure() == v1::INDICATOR_MEASURE_UNSPECIFIED ||
      !v1::IndicatorMeasure_IsValid(in.measure()))
    v.Add("indicator.measure", "MEASURE_REQUIRED", "supported or reached");
  if (in.counting_rule() == v1::COUNTING_RULE_UNSPECIFIED ||
      !v1::CountingRule_IsValid(in.counting_rule()))
    v.Add("indicator.counting_rule", "COUNTING_RULE_REQUIRED",
          "unique_people or contacts");
  if (in.periods_size() > 40) v.Add("indicator.periods", "TOO_MANY", "at most 40");
  Indicator out{.programme_id = in.programme_id(),
                .code = in.code(),
                .name = in.name(),
                .unit = in.unit(),
                .measure = in.measure() == v1::INDICATOR_MEASURE_PEOPLE_REACHED_WITH_INFORMATION
                               ? "reached"
                               : "supported",
                .counting_rule = in.counting_rule() == v1::COUNTING_RULE_CONTACTS
                                     ? "contacts"
                                     : "unique_people",
                .community = in.community()};
  std::set<std::string> seen;
  for (int i = 0; i < in.periods_size() && i < 40; ++i) {
    const v1::IndicatorPeriod& p = in.periods(i);
    std::string field = fmt::format("indicator.periods[{}]", i);
    if (!p.period().empty() && !std::regex_match(p.period(), kQuarter))
      v.Add(field + ".period", "PERIOD_INVALID", "empty, or a quarter such as 2025-Q1");
    if (!seen.insert(p.period()).second)
      v.Add(field + ".period", "DUPLICATE_PERIOD", "each period once");
    if (p.baseline() < 0 || p.target() < 0)
      v.Add(field, "MUST_NOT_BE_NEGATIVE", "baseline and target are 0 or more");
    out.periods.push_back({p.period(), p.baseline(), p.target(), 0, false});
  }
  RETURN_IF_ERROR(v.Finish());
  return out;
}

void ToProto(const Indicator& i, v1::Indicator* out) {
  out->set_programme_id(i.programme_id);
  out->set_code(i.code);
  out->set_name(i.name);
  out->set_unit(i.unit);
  out->set_measure(i.measure == "reached"
                       ? v1::INDICATOR_MEASURE_PEOPLE_REACHED_WITH_INFORMATION
                       : v1::INDICATOR_MEASURE_PEOPLE_SUPPORTED_DIRECTLY);
  out->set_counting_rule(i.counting_rule == "contacts"
                             ? v1::COUNTING_RULE_CONTACTS
                             : v1::COUNTING_RULE_UNIQUE_PEOPLE);
  out->set_community(i.community);
  for (const auto& p : i.periods) {
    auto* o = out->add_periods();
    o->set_period(p.period);
    o->set_baseline(p.baseline);
    o->set_target(p.target);
    o->set_actual(p.actual);
    o->set_actual_suppressed(p.actual_suppressed);
    o->set_actual_suppression(ToProto(p.actual_suppression));
    o->set_actual_pending(p.actual_pending);
  }
  out->set_updated_by(i.updated_by);
  grants::ToProto(i.updated_at, out->mutable_update_time());
}

}  // namespace grants::monitoring
