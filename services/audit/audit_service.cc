// Audit use cases.
#include "services/audit/audit_service.h"

#include "common/crypto.h"
#include "common/status.h"
#include "services/audit/audit_errors.h"
#include "storage/transaction.h"

namespace grants::audit {
namespace {

constexpr int kSealBatch = 1000;
constexpr int kVerifyBatch = 2000;

}  // namespace

AuditService::AuditService(storage::ConnectionPool& pool, std::string key,
                           std::string checkpoint_key)
    : pool_(pool),
      key_(std::move(key)),
      checkpoint_key_(std::move(checkpoint_key)),
      public_key_(checkpoint_key_.empty()
                      ? ""
                      : Ed25519PublicPem(checkpoint_key_).value_or("")) {}

absl::StatusOr<int> AuditService::SealBatch(int limit) {
  return storage::RunInTransaction(
      pool_, [&](storage::Tx& tx) -> absl::StatusOr<int> {
        storage::audit_repo::LockSealer(tx);
        storage::audit_repo::Head head = storage::audit_repo::ReadHead(tx);
        std::vector<Event> events = storage::audit_repo::Unsealed(tx, limit);
        if (events.empty()) return 0;
        const int64_t prev_seq = head.seq;
        const std::string chain_key = ChainKey(key_);
        for (auto& e : events) {
          e.seq = ++head.seq;
          e.chain_hash = ChainLink(chain_key, head.hash, e.seq, e);
          head.hash = e.chain_hash;
        }
        head.mac = HeadMac(chain_key, head.seq, head.hash);
        storage::audit_repo::Seal(tx, events, prev_seq, head);
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

absl::StatusOr<VerifyReport> AuditService::Verify(std::string_view checkpoint,
                                                  absl::Time now) {
  std::optional<Checkpoint> pinned;
  if (!checkpoint.empty()) {
    if (public_key_.empty()) return CheckpointKeyNotConfigured();
    ASSIGN_OR_RETURN(pinned, ParseCheckpoint(checkpoint, "checkpoint"));
    RETURN_IF_ERROR(VerifySignature(*pinned, public_key_, "checkpoint"));
    if (pinned->time > now) return CheckpointFromFuture();
  }
  RETURN_IF_ERROR(SealPending().status());
  return Walk(pinned);
}

absl::StatusOr<Checkpoint> AuditService::CreateCheckpoint(absl::Time now) {
  if (checkpoint_key_.empty()) return CheckpointKeyNotConfigured();
  RETURN_IF_ERROR(SealPending().status());
  ASSIGN_OR_RETURN(VerifyReport report, Walk(std::nullopt));
  if (report.finding.problem != Problem::kNone)
    return AuditTrailBroken(report.finding.detail);
  if (report.head_seq == 0) return AuditTrailEmpty();
  Checkpoint c;
  c.seq = report.head_seq;
  c.hash = report.head_hash;
  c.time = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  return Sign(c, checkpoint_key_);
}

absl::StatusOr<VerifyReport> AuditService::Walk(
    const std::optional<Checkpoint>& checkpoint) {
  return storage::RunInTransaction(
      pool_, [&](storage::Tx& tx) -> absl::StatusOr<VerifyReport> {
        // One snapshot for the walk and the head (repeatable read would be
        // stricter; the head row is read first and the sealer only appends).
        storage::audit_repo::Head head = storage::audit_repo::ReadHead(tx);
        ChainVerifier verifier(key_);
        VerifyReport report;
        if (checkpoint) {
          verifier.ExpectLink(checkpoint->seq, checkpoint->hash);
          report.checkpoint_seq = checkpoint->seq;
        }
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
          if (auto f = verifier.Finish(head.seq, head.hash, head.mac))
            report.finding = *f;
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
