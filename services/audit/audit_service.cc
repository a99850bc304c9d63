// Audit use cases.
#include "services/audit/audit_service.h"

#include "common/status.h"
#include "storage/transaction.h"

namespace grants::audit {
namespace {

constexpr int kSealBatch = 1000;
constexpr int kVerifyBatch = 2000;

}  // namespace

absl::StatusOr<int> AuditService::SealBatch(int limit) {
  return storage::RunInTransaction(
      pool_, [&](storage::Tx& tx) -> absl::StatusOr<int> {
        storage::audit_repo::Head head =
            storage::audit_repo::ReadHead(tx, /*lock=*/true);
        std::vector<Event> events = storage::audit_repo::Unsealed(tx, limit);
        if (events.empty()) return 0;
        for (auto& e : events) {
          e.seq = ++head.seq;
          e.chain_hash = ChainHash(head.hash, e.seq, e.mac);
          head.hash = e.chain_hash;
        }
        storage::audit_repo::Seal(tx, events);
        storage::audit_repo::SetHead(tx, head);
        return static_cast<int>(events.size());
      });
}

absl::StatusOr<int64_t> AuditService::SealPending() {
  int64_t total = 0;
  for (;;) {
    ASSIGN_OR_RETURN(int sealed, SealBatch(kSealBatch));
    total += sealed;
    if (sealed < kSealBatch) return total;
  }
}

absl::StatusOr<VerifyReport> AuditService::Verify() {
  RETURN_IF_ERROR(SealPending().status());
  return storage::RunInTransaction(
      pool_, [&](storage::Tx& tx) -> absl::StatusOr<VerifyReport> {
        // One snapshot for the walk and the head (repeatable read would be
        // stricter; the head row is read first and the sealer only appends).
        storage::audit_repo::Head head =
            storage::audit_repo::ReadHead(tx, /*lock=*/false);
        ChainVerifier verifier(key_);
        VerifyReport report;
        int64_t after = 0;
        for (;;) {
          auto batch = storage::audit_repo::SealedAfter(tx, after, kVerifyBatch);
          for (const auto& e : batch) {
            if (e.seq > head.seq) break;  // sealed after we read the head
            if (auto f = verifier.Feed(e)) {
              report.finding = *f;
              break;
            }
          }
          if (report.finding.problem != Problem::kNone ||
              batch.size() < static_cast<size_t>(kVerifyBatch) ||
              batch.back().seq >= head.seq)
            break;
          after = batch.back().seq;
        }
        if (report.finding.problem == Problem::kNone) {
          if (auto f = verifier.Finish(head.seq, head.hash)) report.finding = *f;
        }
        report.checked = verifier.checked();
        report.head_seq = head.seq;
        report.head_hash = head.hash;
        return report;
      });
}

absl::StatusOr<EventPage> AuditService::List(
    const audit::ListFilter& filter, const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](storage::Tx& tx) -> absl::StatusOr<EventPage> {
        audit::ListFilter f = filter;
        f.before_id = page.position;
        EventPage out;
        out.events = storage::audit_repo::List(tx, f, page.limit);
        if (out.events.size() == static_cast<size_t>(page.limit))
          out.next_page_token = PositionToken(out.events.back().id);
        return out;
      });
}

}  // namespace grants::audit
