// Monitoring domain types: report requirements, reports (the contract's
// ReportContent is the document, stored verbatim) and reach figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "domain/names.h"
#include "domain/reach/disclosure.h"
#include "grants/v1/monitoring.pb.h"

namespace grants::monitoring {

using ReportContent = v1::ReportContent;

enum class ReportKind { kInterim, kFinal };
enum class DueBasis { kFixedDate, kAfterAcceptance, kAfterRoundClose };
enum class ReportState { kSubmitted, kAccepted, kReturned };
enum class RequirementStatus {
  kDue,
  kOverdue,
  kSubmitted,
  kReturned,
  kAccepted
};

struct RequirementSpec {
  ReportKind kind = ReportKind::kInterim;
  DueBasis basis = DueBasis::kFixedDate;
  std::string due_date;  // kFixedDate: "YYYY-MM-DD"
  int days_after = 0;
};

struct Requirement {
  std::string id;
  std::string award_id;
  std::string organisation_id;
  int number = 0;
  ReportKind kind = ReportKind::kInterim;
  DueBasis basis = DueBasis::kFixedDate;
  int days_after = 0;
  std::string due_date;  // London, "YYYY-MM-DD"
  // The latest report, if any.
  std::string latest_report_id;
  std::optional<ReportState> latest_state;
  int latest_version = 0;
};

struct Requirements {
  std::string id;  // the award's
  std::vector<Requirement> items;
};

struct Report {
  std::string id;
  std::string requirement_id;
  std::string award_id;
  std::string organisation_id;
  ReportKind kind = ReportKind::kInterim;
  int version = 0;
  ReportState state = ReportState::kSubmitted;
  ReportContent content;
  std::string submitted_by;
  absl::Time submitted_at;
  std::string reviewed_by;
  std::optional<absl::Time> reviewed_at;
  std::string review_comment;
};

// What a requirement's report must respect: the award's currency and the
// programme's community codes.
struct ReportContext {
  std::string currency;
  std::vector<std::string> communities;
  // A final report states spend against every awarded budget line.
  bool final_report = false;
  // The application's budget lines' amounts, in its order.
  std::vector<int64_t> budget_lines;
};

// Reach of one group. Supported directly and reached with information are
// separate measures, never added together.
struct ReachRow {
  std::string code;  // "" for the totals
  int64_t supported = 0;
  int64_t reached = 0;
  int64_t reports = 0;
  bool supported_suppressed = false;
  bool reached_suppressed = false;
  reach::Suppression supported_suppression = reach::Suppression::kNone;
  reach::Suppression reached_suppression = reach::Suppression::kNone;
};

// Which group of reach figures, as stored.
struct ReachKey {
  std::string scope;  // "all", "programme", "round", "funder"
  std::string scope_id;
  std::string period;     // "" or "YYYY-Qn"
  std::string dimension;  // "", "community", "borough", "language", "age_band"
  bool released = false;  // the protected release, not the live figures
};

struct ReachSummary {
  ReachKey key;
  ReachRow total;
  std::vector<ReachRow> rows;
  bool disclosure_controlled = false;
  // Released figures: the quarters summed, and breakdowns withheld whole.
  std::vector<std::string> released_quarters;
  bool supported_withheld = false;
  bool reached_withheld = false;
};

// A programme's quarter frozen and protected for funders and the public.
struct ReachRelease {
  std::string id;
  std::string programme_id;
  std::string quarter;  // "YYYY-Qn": the reports accepted in it
  int64_t reports = 0;
  std::vector<std::string> withheld;  // "measure/dimension"
  std::string released_by;
  absl::Time released_at;
};

// One group's true counts in the reports a release covers ('' dimension
// and code for the totals).
struct ReachCount {
  std::string dimension;
  std::string code;
  int64_t supported = 0;
  int64_t reached = 0;
  int64_t reports = 0;
};

// One stored figure of a release.
struct ReleasedFigure {
  std::string quarter;
  std::string measure;    // "supported" or "reached"
  std::string dimension;  // "" for the total
  std::string code;
  int64_t value = 0;
  reach::Suppression suppression = reach::Suppression::kNone;
};

struct ReachMismatch {
  ReachKey key;
  std::string code;
  int64_t maintained_supported = 0, recomputed_supported = 0;
  int64_t maintained_reached = 0, recomputed_reached = 0;
};

struct ReachCheck {
  int64_t groups = 0;
  std::vector<ReachMismatch> mismatches;
};

// One period of an indicator: what was planned and what the reach totals
// say.
struct IndicatorPeriod {
  std::string period;  // "" for the whole programme, or "YYYY-Qn"
  int64_t baseline = 0;
  int64_t target = 0;
  int64_t actual = 0;
  bool actual_suppressed = false;
  reach::Suppression actual_suppression = reach::Suppression::kNone;
  bool actual_pending = false;  // funder view: the quarter is not released
};

struct Indicator {
  std::string id;  // "<programme id>/<code>"
  std::string programme_id;
  std::string code;
  std::string name;
  std::string unit;
  std::string measure;        // "supported" or "reached"
  std::string counting_rule;  // "unique_people" or "contacts"
  std::string community;      // "" for everyone
  std::vector<IndicatorPeriod> periods;
  std::string updated_by;
  absl::Time updated_at;
};

inline constexpr NameTable<ReportKind, 2> kReportKindNames = {{
    {ReportKind::kInterim, "interim"},
    {ReportKind::kFinal, "final"},
}};
constexpr std::string_view KindName(ReportKind k) {
  return NameOf(kReportKindNames, k);
}

inline constexpr NameTable<ReportState, 3> kReportStateNames = {{
    {ReportState::kSubmitted, "submitted"},
    {ReportState::kAccepted, "accepted"},
    {ReportState::kReturned, "returned"},
}};
constexpr std::string_view StateName(ReportState s) {
  return NameOf(kReportStateNames, s);
}

inline constexpr NameTable<DueBasis, 3> kDueBasisNames = {{
    {DueBasis::kFixedDate, "fixed_date"},
    {DueBasis::kAfterAcceptance, "after_acceptance"},
    {DueBasis::kAfterRoundClose, "after_round_close"},
}};

// Which reporting requirements a list returns; empty strings match all.
struct RequirementFilter {
  std::string award_id, organisation_id;
  std::string status;  // "", due, overdue, returned, submitted, accepted
  std::string today;   // London date that decides due and overdue
};

// Which reports a list returns; empty strings match everything.
struct ReportFilter {
  std::string award_id, requirement_id, state, organisation_id;
};

}  // namespace grants::monitoring
