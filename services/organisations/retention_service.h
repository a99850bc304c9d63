// The retention schedule (issue #15): reading it, changing a period, and
// the sweep that applies it. The sweep works in batches, each its own
// audited transaction that locks what it takes with SKIP LOCKED: several
// grantsd may sweep at once, and a sweep stopped half-way (a crash, a
// failover) leaves every record either untouched or done, for the next
// sweep to finish.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/organisations.h"
#include "services/audit/audit_recorder.h"
#include "storage/pool.h"

namespace grants::organisations {

class RetentionService {
 public:
  // `spool_dir`: the outbox's spool directory on this server ("" if none);
  // its files of delivered messages go with delivered_messages.
  RetentionService(storage::ConnectionPool& pool, const audit::Recorder& audit,
                   std::string spool_dir)
      : pool_(pool), audit_(audit), spool_dir_(std::move(spool_dir)) {}

  absl::StatusOr<std::vector<RetentionRule>> Rules();
  // NOT_FOUND RETENTION_CLASS_NOT_FOUND; INVALID_ARGUMENT
  // RETENTION_BELOW_MINIMUM or KEEP_DAYS_INVALID (field keep_days).
  absl::StatusOr<RetentionRule> SetPeriod(const RequestContext& ctx,
                                          const std::string& record_class,
                                          int keep_days);

  struct Swept {
    std::string record_class;
    std::string action;
    int64_t count = 0;
  };
  struct Sweep {
    std::vector<Swept> swept;  // every class, in the schedule's order
    int64_t spool_files_deleted = 0;
    bool complete = true;  // false when max_batches stopped it early
  };
  // Applies the schedule at ctx.now, `batch` records a transaction. With
  // `max_batches` > 0 it stops after that many batches (tests use it to
  // stop a sweep half-way).
  absl::StatusOr<Sweep> SweepNow(const RequestContext& ctx, int batch = 200,
                                 int max_batches = 0);

  // The context the background sweep acts in.
  static RequestContext SystemContext(absl::Time now);

 private:
  // One batch of `rule` at `cutoff`: how many records it changed.
  absl::StatusOr<int64_t> SweepBatch(const RequestContext& ctx,
                                     const RetentionRule& rule,
                                     absl::Time cutoff, int batch);
  int64_t SweepSpool(absl::Time cutoff) const;

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
  std::string spool_dir_;
};

}  // namespace grants::organisations
