// The retention schedule and its sweep.
#include "services/organisations/retention_service.h"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "services/organisations/erasure.h"
#include "services/organisations/erasure_rules.h"
#include "services/organisations/organisation_errors.h"
#include "services/organisations/retention_rules.h"
#include "storage/erasure_repository.h"
#include "storage/idempotency.h"
#include "storage/retention_repository.h"
#include "storage/transaction.h"

namespace grants::organisations {
namespace repo = storage::retention_repo;
using storage::Tx;

RequestContext RetentionService::SystemContext(absl::Time now) {
  return {{"grantsd-retention", Role::kAdministrator, "", ""},
          "SweepRetention",
          "",
          "",
          "grantsd",
          now};
}

absl::StatusOr<std::vector<RetentionRule>> RetentionService::Rules() {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<RetentionRule>> {
        return repo::Rules(tx);
      });
}

absl::StatusOr<RetentionRule> RetentionService::SetPeriod(
    const RequestContext& ctx, const std::string& record_class, int keep_days) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<RetentionRule> {
        std::optional<RetentionRule> rule =
            repo::RuleForUpdate(tx, record_class);
        if (!rule) return RetentionClassNotFound();
        return storage::RunOnceOn<RetentionRule>(
            tx, ctx, record_class,
            [&](const std::string&) -> absl::StatusOr<RetentionRule> {
              return *rule;
            },
            [&]() -> absl::StatusOr<RetentionRule> {
              RETURN_IF_ERROR(CheckRetentionPeriod(*rule, keep_days));
              RetentionRule set = repo::SetPeriod(tx, record_class, keep_days,
                                                  ctx.caller.subject, ctx.now);
              audit_.Record(tx, ctx,
                            {"retention_rule", record_class,
                             nlohmann::json{{"keep_days",
                                             {{"from", rule->keep_days},
                                              {"to", keep_days}}}}
                                 .dump()});
              return set;
            });
      });
}

absl::StatusOr<int64_t> RetentionService::SweepBatch(const RequestContext& ctx,
                                                     const RetentionRule& rule,
                                                     absl::Time cutoff,
                                                     int batch) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<int64_t> {
        // An erasure: history records' words may change in it (0020).
        storage::erasure_repo::Begin(tx);
        int64_t count = 0;
        const std::string& cls = rule.record_class;
        if (repo::SweptBySql(cls)) {
          count = repo::SweepBatch(tx, cls, cutoff, batch);
        } else if (cls == "declined_applications") {
          for (auto& app : repo::ClosedApplications(tx, cutoff, batch)) {
            auto versions =
                storage::erasure_repo::SubmissionContents(tx, app.id);
            for (auto& [version, content] : versions)
              content = ErasedContent(std::move(content), false);
            storage::erasure_repo::SetApplicationContent(
                tx, app.id, ErasedContent(std::move(app.content), false),
                versions);
            repo::MarkApplicationErased(tx, app.id, ctx.now);
            ++count;
          }
        } else if (cls == "report_words") {
          for (auto& [id, content] : repo::EndedReports(tx, cutoff, batch)) {
            repo::SetReportWords(tx, id, ErasedReport(std::move(content)),
                                 ctx.now);
            ++count;
          }
        } else if (cls == "unsuccessful_groups") {
          // Each erasure is audited on its own, as `person erase` is; a
          // group that gained a hold meanwhile is left for later.
          for (const std::string& id :
               repo::UnsuccessfulGroups(tx, cutoff, batch))
            if (EraseLocked(tx, audit_, ctx, id).ok()) ++count;
          return count;
        }
        if (count > 0)
          audit_.Record(tx, ctx,
                        {"retention_rule", cls,
                         nlohmann::json{{"swept", count},
                                        {"action", rule.action},
                                        {"cutoff", absl::FormatTime(cutoff)}}
                             .dump()});
        return count;
      });
}

int64_t RetentionService::SweepSpool(absl::Time cutoff) const {
  if (spool_dir_.empty()) return 0;
  namespace fs = std::filesystem;
  std::error_code ec;
  int64_t deleted = 0;
  for (const auto& entry : fs::directory_iterator(spool_dir_, ec)) {
    if (!entry.is_regular_file(ec) || entry.path().extension() != ".eml")
      continue;
    auto written_at = entry.last_write_time(ec);
    if (ec) continue;
    auto written =
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(
            std::chrono::file_clock::to_sys(written_at));
    if (absl::FromChrono(written) < cutoff && fs::remove(entry.path(), ec))
      ++deleted;
  }
  return deleted;
}

absl::StatusOr<RetentionService::Sweep> RetentionService::SweepNow(
    const RequestContext& ctx, int batch, int max_batches) {
  ASSIGN_OR_RETURN(std::vector<RetentionRule> rules, Rules());
  Sweep out;
  int batches = 0;
  for (const RetentionRule& rule : rules) {
    absl::Time cutoff = RetentionCutoff(ctx.now, rule.keep_days);
    Swept swept{rule.record_class, rule.action, 0};
    while (true) {
      if (max_batches > 0 && batches++ >= max_batches) {
        out.complete = false;
        break;
      }
      ASSIGN_OR_RETURN(int64_t n, SweepBatch(ctx, rule, cutoff, batch));
      swept.count += n;
      if (n < batch) break;
    }
    if (rule.record_class == "delivered_messages" && out.complete)
      out.spool_files_deleted = SweepSpool(cutoff);
    RETURN_IF_ERROR(storage::RunInTransaction(pool_, [&](Tx& tx) {
      repo::RecordSweep(tx, rule.record_class, swept.count, ctx.now);
      return absl::OkStatus();
    }));
    out.swept.push_back(std::move(swept));
    if (!out.complete) break;
  }
  return out;
}

}  // namespace grants::organisations
