// Monitoring repository: one function per statement in queries/.
#include "storage/monitoring_repository.h"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "storage/rows.h"

namespace grants::storage::monitoring_repo {
namespace {

using grants::monitoring::DueBasis;

constexpr std::array<std::string_view, 5> kDimensions = {
    "", "community", "borough", "language", "age_band"};

Requirement ToRequirement(const pqxx::row& r) {
  Requirement q;
  q.id = r[0].as<std::string>();
  q.award_id = r[1].as<std::string>();
  q.organisation_id = r[2].as<std::string>();
  q.number = r[3].as<int>();
  q.kind = ParseName(monitoring::kReportKindNames, r[4].as<std::string>());
  q.basis = ParseName(monitoring::kDueBasisNames, r[5].as<std::string>());
  q.days_after = r[6].as<int>();
  q.due_date = r[7].as<std::string>();
  q.latest_report_id = r[8].as<std::string>();
  if (!q.latest_report_id.empty())
    q.latest_state =
        ParseName(monitoring::kReportStateNames, r[9].as<std::string>());
  q.latest_version = r[10].as<int>();
  return q;
}

Report ToReport(const pqxx::row& r) {
  Report out;
  out.id = r[0].as<std::string>();
  out.requirement_id = r[1].as<std::string>();
  out.award_id = r[2].as<std::string>();
  out.organisation_id = r[3].as<std::string>();
  out.kind = ParseName(monitoring::kReportKindNames, r[4].as<std::string>());
  out.version = r[5].as<int>();
  out.state = ParseName(monitoring::kReportStateNames, r[6].as<std::string>());
  ProtoFromJson(r[7].as<std::string>(), &out.content);
  out.submitted_by = r[8].as<std::string>();
  out.submitted_at = TimeAt(r[9]);
  out.reviewed_by = r[10].as<std::string>();
  if (!r[11].is_null()) out.reviewed_at = TimeAt(r[11]);
  out.review_comment = r[12].as<std::string>();
  return out;
}

void InsertBreakdowns(Tx& tx, const Report& r) {
  std::vector<std::string> dimensions, codes;
  std::vector<int64_t> supported, reached;
  for (const auto& b : r.content.breakdowns()) {
    dimensions.emplace_back(kDimensions[static_cast<size_t>(b.dimension())]);
    codes.push_back(b.code());
    supported.push_back(b.people_supported_directly());
    reached.push_back(b.people_reached_with_information());
  }
  if (codes.empty()) return;
  tx.exec_prepared0("report_breakdowns_insert", r.id, ToPgArray(dimensions),
                    ToPgArray(codes), ToPgArray(supported), ToPgArray(reached));
}

}  // namespace


int64_t ReportCount(Tx& tx, const std::string& award_id) {
  return tx.exec_prepared1("report_count_for_award", award_id)[0].as<int64_t>();
}

void DeleteRequirements(Tx& tx, const std::string& award_id) {
  tx.exec_prepared0("requirement_delete_for_award", award_id);
}

void InsertRequirement(Tx& tx, const Requirement& r, const std::string& actor,
                       absl::Time now) {
  tx.exec_prepared0("requirement_insert", r.award_id, r.number,
                    std::string(monitoring::KindName(r.kind)),
                    std::string(NameOf(monitoring::kDueBasisNames, r.basis)),
                    r.days_after, r.due_date, actor, Micros(now));
}

std::vector<Requirement> ListRequirements(Tx& tx, const RequirementFilter& f,
                                          int limit, int offset) {
  return MapRows<Requirement>(
      tx.exec_prepared("requirement_list", f.award_id, f.organisation_id,
                       f.status, f.today, limit, offset),
      ToRequirement);
}

std::optional<Requirement> GetRequirementForUpdate(Tx& tx,
                                                   const std::string& id) {
  auto rows = tx.exec_prepared("requirement_get_for_update", id);
  if (rows.empty()) return std::nullopt;
  return ToRequirement(rows[0]);
}

Report InsertReport(Tx& tx, const Report& r) {
  const auto& c = r.content;
  Report saved = ToReport(tx.exec_prepared1(
      "report_insert", r.requirement_id, r.award_id, r.organisation_id,
      r.version, c.period_start(), c.period_end(),
      c.people_supported_directly(), c.people_reached_with_information(),
      ProtoToJson(c), r.submitted_by, Micros(r.submitted_at)));
  InsertBreakdowns(tx, saved);
  return saved;
}

std::optional<Report> GetReport(Tx& tx, const std::string& id,
                                bool for_update) {
  auto rows =
      tx.exec_prepared(for_update ? "report_get_for_update" : "report_get", id);
  if (rows.empty()) return std::nullopt;
  return ToReport(rows[0]);
}

std::vector<Report> ListReports(Tx& tx, const ReportFilter& f, int limit,
                                int offset) {
  return MapRows<Report>(
      tx.exec_prepared("report_list", f.award_id, f.requirement_id, f.state,
                       f.organisation_id, limit, offset),
      ToReport);
}

void Review(Tx& tx, const std::string& id, ReportState state,
            const std::string& actor, absl::Time now,
            const std::string& comment) {
  tx.exec_prepared0("report_review", id, std::string(StateName(state)), actor,
                    Micros(now), comment);
}

void AddToReach(Tx& tx, const std::string& report_id) {
  tx.exec_prepared0("reach_add_report", report_id);
}

std::vector<ReachRow> ReachRows(Tx& tx, const ReachKey& key) {
  return MapRows<ReachRow>(
      tx.exec_prepared("reach_summary", key.scope, key.scope_id, key.period,
                       key.dimension),
      [](const pqxx::row& r) {
        return ReachRow{.code = r[1].as<std::string>(),
                        .supported = r[2].as<int64_t>(),
                        .reached = r[3].as<int64_t>(),
                        .reports = r[4].as<int64_t>()};
      });
}

ReachCheck DiffReach(Tx& tx) {
  ReachCheck check;
  check.groups = tx.exec_prepared1("reach_group_count")[0].as<int64_t>();
  for (const auto& r : tx.exec_prepared("reach_diff"))
    check.mismatches.push_back(
        {.key = {r[0].as<std::string>(), r[1].as<std::string>(),
                 r[2].as<std::string>(), r[3].as<std::string>()},
         .code = r[4].as<std::string>(),
         .maintained_supported = r[5].as<int64_t>(),
         .recomputed_supported = r[6].as<int64_t>(),
         .maintained_reached = r[7].as<int64_t>(),
         .recomputed_reached = r[8].as<int64_t>()});
  return check;
}

void ReleaseFinalPayments(Tx& tx, const std::string& award_id,
                          const std::string& date, absl::Time now) {
  tx.exec_prepared0("payment_release_final", award_id, date, Micros(now));
}

void UpsertIndicator(Tx& tx, const Indicator& i, absl::Time now) {
  auto periods = nlohmann::json::array();
  for (const auto& p : i.periods)
    periods.push_back(
        {{"period", p.period}, {"baseline", p.baseline}, {"target", p.target}});
  tx.exec_prepared0("indicator_upsert", i.programme_id, i.code, i.name, i.unit,
                    i.measure, i.counting_rule, i.community, periods.dump(),
                    i.updated_by, Micros(now));
}

std::vector<Indicator> ListIndicators(Tx& tx, const std::string& programme_id,
                                      const std::string& code) {
  std::vector<Indicator> out;
  for (const auto& r : tx.exec_prepared("indicator_list", programme_id, code)) {
    std::string c = r[0].as<std::string>();
    if (out.empty() || out.back().code != c)
      out.push_back({.id = programme_id + "/" + c,
                     .programme_id = programme_id,
                     .code = c,
                     .name = r[1].as<std::string>(),
                     .unit = r[2].as<std::string>(),
                     .measure = r[3].as<std::string>(),
                     .counting_rule = r[4].as<std::string>(),
                     .community = r[5].as<std::string>(),
                     .updated_by = r[6].as<std::string>(),
                     .updated_at = TimeAt(r[7])});
    out.back().periods.push_back({.period = r[8].as<std::string>(),
                                  .baseline = r[9].as<int64_t>(),
                                  .target = r[10].as<int64_t>(),
                                  .actual = r[11].as<int64_t>()});
  }
  return out;
}

}  // namespace grants::storage::monitoring_repo
