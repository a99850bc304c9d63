// Retention repository: one function per statement in queries/retention_*.
#include "storage/retention_repository.h"

#include <array>
#include <string_view>

#include "storage/rows.h"

namespace grants::storage::retention_repo {
namespace {

// The classes one statement sweeps: retention_sweep_<class>.sql.
constexpr std::array<std::string_view, 9> kSqlClasses = {
    "sign_in_links",     "idempotency_keys",   "delivered_messages",
    "idle_bank_details", "payee_accounts",     "personal_data_reads",
    "idle_identities",   "declined_documents", "award_documents"};

std::optional<absl::Time> OptionalTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return TimeAt(f);
}

organisations::RetentionRule RuleOf(const pqxx::row& r) {
  return {.record_class = r[0].as<std::string>(),
          .keep_days = r[1].as<int>(),
          .minimum_days = r[2].as<int>(),
          .after_event = r[3].as<std::string>(),
          .action = r[4].as<std::string>(),
          .what = r[5].as<std::string>(),
          .updated_by = r[6].as<std::string>(),
          .updated_at = OptionalTime(r[7]),
          .swept_at = OptionalTime(r[8]),
          .swept_count = r[9].as<int64_t>()};
}

}  // namespace

std::vector<organisations::RetentionRule> Rules(Tx& tx) {
  return MapRows<organisations::RetentionRule>(
      tx.exec_prepared("retention_rules_list"), RuleOf);
}

std::optional<organisations::RetentionRule> RuleForUpdate(
    Tx& tx, const std::string& record_class) {
  pqxx::result r = tx.exec_prepared("retention_rule_get", record_class);
  if (r.empty()) return std::nullopt;
  return RuleOf(r[0]);
}

organisations::RetentionRule SetPeriod(Tx& tx, const std::string& record_class,
                                       int keep_days, const std::string& by,
                                       absl::Time now) {
  return RuleOf(tx.exec_prepared1("retention_rule_set", record_class, keep_days,
                                  by, Micros(now)));
}

void RecordSweep(Tx& tx, const std::string& record_class, int64_t count,
                 absl::Time now) {
  tx.exec_prepared0("retention_rule_swept", record_class, Micros(now), count);
}

bool SweptBySql(const std::string& record_class) {
  for (std::string_view c : kSqlClasses)
    if (c == record_class) return true;
  return false;
}

int64_t SweepBatch(Tx& tx, const std::string& record_class, absl::Time cutoff,
                   int limit) {
  return tx
      .exec_prepared1("retention_sweep_" + record_class, Micros(cutoff),
                      limit)[0]
      .as<int64_t>();
}

std::vector<erasure_repo::ApplicationWords> ClosedApplications(
    Tx& tx, absl::Time cutoff, int limit) {
  return MapRows<erasure_repo::ApplicationWords>(
      tx.exec_prepared("retention_closed_applications", Micros(cutoff), limit),
      [](const pqxx::row& r) {
        erasure_repo::ApplicationWords out{
            r[0].as<std::string>(), {}, r[2].as<bool>()};
        ProtoFromJson(r[1].as<std::string>(), &out.content);
        return out;
      });
}

void MarkApplicationErased(Tx& tx, const std::string& application_id,
                           absl::Time now) {
  tx.exec_prepared0("retention_application_erased", application_id,
                    Micros(now));
}

std::vector<std::pair<std::string, v1::ReportContent>> EndedReports(
    Tx& tx, absl::Time cutoff, int limit) {
  return MapRows<std::pair<std::string, v1::ReportContent>>(
      tx.exec_prepared("retention_ended_reports", Micros(cutoff), limit),
      [](const pqxx::row& r) {
        std::pair<std::string, v1::ReportContent> out{r[0].as<std::string>(),
                                                      {}};
        ProtoFromJson(r[1].as<std::string>(), &out.second);
        return out;
      });
}

void SetReportWords(Tx& tx, const std::string& report_id,
                    const v1::ReportContent& content, absl::Time now) {
  tx.exec_prepared0("retention_report_erased", report_id, ProtoToJson(content),
                    Micros(now));
}

std::vector<std::string> UnsuccessfulGroups(Tx& tx, absl::Time cutoff,
                                            int limit) {
  return MapRows<std::string>(
      tx.exec_prepared("retention_unsuccessful_groups", Micros(cutoff), limit),
      [](const pqxx::row& r) { return r[0].as<std::string>(); });
}

}  // namespace grants::storage::retention_repo
