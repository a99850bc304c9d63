// Finance use cases.
#include "services/payments/finance_service.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/money.h"
#include "domain/awards.h"
#include "services/payments/payment_converters.h"
#include "services/payments/payment_errors.h"
#include "services/payments/payment_rules.h"
#include "services/payments/payment_service.h"
#include "storage/award_repository.h"
#include "storage/erasure_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/payment_repository.h"

namespace grants::payments {
namespace repo = storage::payment_repo;
using storage::Tx;

namespace {

absl::StatusOr<Payment> LoadPayment(Tx& tx, const std::string& id) {
  auto p = repo::Get(tx, id);
  if (!p) return PaymentNotFound();
  return *p;
}

void Record(const audit::Recorder& audit, Tx& tx, const RequestContext& ctx,
            const Payment& before, const Payment& after,
            const std::string& note = "") {
  audit.Record(tx, ctx,
               {"payment", after.id,
                "{\"before\":" + DescribePayment(before) +
                    ",\"after\":" + DescribePayment(after) +
                    ",\"note\":" + nlohmann::json(note).dump() + "}"});
}

nlohmann::json Json(const ReconciliationItem& i) {
  return {{"reason", ReasonName(i.reason)},
          {"instruction_id", i.remittance.instruction_id},
          {"paid_minor", i.remittance.paid_minor},
          {"paid_date", i.remittance.paid_date},
          {"bank_reference", i.remittance.bank_reference},
          {"payment_id", i.payment_id},
          {"resolved", i.resolved},
          {"resolution_note", i.resolution_note}};
}

// Queues `kind` about payment `p` to its grantee in this transaction, once
// per payment (the dedupe key).
void Tell(Tx& tx, const std::string& kind, const Payment& p,
          int64_t amount_minor, nlohmann::json params, absl::Time now) {
  params["payment_id"] = p.id;
  params["instalment"] = std::to_string(p.instalment);
  params["amount"] = FormatMoney(p.currency, amount_minor);
  storage::notification_repo::EnqueueAboutAward(tx, kind + ":" + p.id, kind,
                                                p.award_id, params.dump(), now);
}

}  // namespace

absl::StatusOr<Listed<Payment>> FinanceService::ListInstructions(
    const RequestContext& ctx, int limit, const InstructionCursor& cursor) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Payment>> {
        auto items = repo::ListInstructions(tx, LondonDate(ctx.now), limit,
                                            cursor.micros, cursor.id);
        // The payees' account details leave in full: who read whose.
        std::vector<std::string> read;
        for (const auto& p : items)
          if (!p.payee.empty() &&
              std::find(read.begin(), read.end(), p.organisation_id) ==
                  read.end())
            read.push_back(p.organisation_id);
        storage::erasure_repo::RecordReads(tx, read, "bank_details",
                                           ctx.caller.subject,
                                           std::string(RoleName(ctx.caller.role)),
                                           ctx.method, ctx.now);
        std::string next;
        if (items.size() == static_cast<size_t>(limit) && !items.empty())
          next = InstructionToken(items.back());
        return Listed<Payment>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Payment> FinanceService::Acknowledge(
    const RequestContext& ctx, const std::string& instruction_id) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Payment>(
        tx, ctx, [&](const std::string& prior) { return LoadPayment(tx, prior); },
        [&]() -> absl::StatusOr<Payment> {
          auto before = repo::GetByInstruction(tx, instruction_id);
          if (!before) return InstructionNotFound();
          if (before->state == PaymentState::kInstructed ||
              before->state == PaymentState::kPaid)
            return *before;  // acknowledged already: the same answer
          if (before->state != PaymentState::kAuthorised)
            return PaymentStateInvalid("the instruction is not payable");
          Payment after = *before;
          after.state = PaymentState::kInstructed;
          repo::Update(tx, after, ctx.now);
          ASSIGN_OR_RETURN(after, LoadPayment(tx, before->id));
          Record(audit_, tx, ctx, *before, after);
          Tell(tx, "payment_instructed", after, after.amount_minor, {},
               ctx.now);
          return after;
        });
  });
}

absl::StatusOr<Payment> FinanceService::Remit(const RequestContext& ctx,
                                              const Remittance& r) {
  std::optional<ReconciliationItem> mismatch;
  auto refuse = [&](MismatchReason reason, const std::string& payment_id) {
    mismatch = ReconciliationItem{.reason = reason,
                                  .remittance = r,
                                  .payment_id = payment_id,
                                  .reported_by = ctx.caller.subject,
                                  .reported_at = ctx.now};
    return MismatchStatus(reason);
  };
  absl::StatusOr<Payment> result = storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Payment> {
        mismatch.reset();
        // Locked first: concurrent retries queue here, and each later one
        // finds the payment paid and compares with what was applied.
        auto before = repo::GetByInstruction(tx, r.instruction_id);
        if (!before) return refuse(MismatchReason::kUnknownInstruction, "");
        bool repeat = false;
        if (auto reason = CompareRemittance(*before, r, &repeat))
          return refuse(*reason, before->id);
        if (repeat) return *before;
        return storage::RunOnce<Payment>(
            tx, ctx,
            [&](const std::string& prior) { return LoadPayment(tx, prior); },
            [&]() -> absl::StatusOr<Payment> {
              if (before->state != PaymentState::kAuthorised &&
                  before->state != PaymentState::kInstructed)
                return PaymentStateInvalid("the instruction is not payable");
              Payment after = *before;
              after.state = PaymentState::kPaid;
              after.paid_minor = r.paid_minor;
              after.paid_date = r.paid_date;
              after.bank_reference = r.bank_reference;
              repo::Update(tx, after, ctx.now);
              ASSIGN_OR_RETURN(after, LoadPayment(tx, before->id));
              Record(audit_, tx, ctx, *before, after);
              Tell(tx, "payment_paid", after, r.paid_minor,
                   {{"paid_date", r.paid_date},
                    {"bank_reference", r.bank_reference}},
                   ctx.now);
              // The first payment paid makes the award active.
              if (storage::award_repo::Activate(tx, after.award_id, ctx.now))
                audit_.Record(tx, ctx,
                              {"award", after.award_id,
                               nlohmann::json{
                                   {"before", {{"state", "accepted"}}},
                                   {"after", {{"state", "active"}}},
                                   {"first_payment", after.id}}
                                   .dump()});
              return after;
            });
      });
  if (mismatch) RETURN_IF_ERROR(Queue(ctx, *mismatch, result.status()));
  return result;
}

absl::Status FinanceService::ReleaseIfTerminated(Tx& tx,
                                                 const RequestContext& ctx,
                                                 const Payment& p) const {
  // The rule is the domain's (awards::ReleaseOnFailedPayment), so the
  // payments area applies it through storage without calling the awards
  // area, which itself depends on payments.
  auto award = storage::award_repo::Get(tx, p.award_id, true);
  if (!award) return absl::OkStatus();
  int64_t release =
      awards::ReleaseOnFailedPayment(award->state, p.amount_minor);
  if (release == 0) return absl::OkStatus();
  if (!storage::award_repo::ChangeCommitted(tx, award->round_id, -release))
    return Internal("round commitment smaller than its awards");
  award->released_minor += release;
  storage::award_repo::Update(tx, *award, ctx.now);
  return absl::OkStatus();
}

absl::StatusOr<Payment> FinanceService::Fail(const RequestContext& ctx,
                                             const std::string& instruction_id,
                                             const std::string& reason) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Payment>(
        tx, ctx, [&](const std::string& prior) { return LoadPayment(tx, prior); },
        [&]() -> absl::StatusOr<Payment> {
          auto before = repo::GetByInstruction(tx, instruction_id);
          if (!before) return InstructionNotFound();
          if (before->state == PaymentState::kFailed) return *before;
          if (before->state != PaymentState::kAuthorised &&
              before->state != PaymentState::kInstructed)
            return PaymentStateInvalid("the instruction is not outstanding");
          Payment after = *before;
          after.state = PaymentState::kFailed;
          repo::Update(tx, after, ctx.now);
          RETURN_IF_ERROR(ReleaseIfTerminated(tx, ctx, *before));
          ASSIGN_OR_RETURN(after, LoadPayment(tx, before->id));
          Record(audit_, tx, ctx, *before, after, reason);
          // Not finance's reason: it may name the bank's view of the payee.
          Tell(tx, "payment_failed", after, after.amount_minor, {}, ctx.now);
          return after;
        });
  });
}

absl::Status FinanceService::Queue(const RequestContext& ctx,
                                   ReconciliationItem item,
                                   const absl::Status& refusal) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    ReconciliationItem saved = repo::InsertItem(tx, item);
    nlohmann::json summary = Json(saved);
    summary["refusal"] = ReasonOf(refusal);
    audit_.Record(tx, ctx, {"reconciliation_item", saved.id, summary.dump()});
    return absl::OkStatus();
  });
}

absl::StatusOr<Listed<ReconciliationItem>> FinanceService::ListItems(
    bool open_only, const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<ReconciliationItem>> {
        auto items = repo::ListItems(tx, open_only, page.limit,
                                     static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<ReconciliationItem>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<ReconciliationItem> FinanceService::Resolve(
    const RequestContext& ctx, const std::string& id, const std::string& note) {
  auto load = [&](Tx& tx, const std::string& item_id)
      -> absl::StatusOr<ReconciliationItem> {
    auto item = repo::GetItem(tx, item_id);
    if (!item) return ItemNotFound();
    return *item;
  };
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<ReconciliationItem>(
        tx, ctx, [&](const std::string& prior) { return load(tx, prior); },
        [&]() -> absl::StatusOr<ReconciliationItem> {
          ASSIGN_OR_RETURN(ReconciliationItem before, load(tx, id));
          auto after = repo::ResolveItem(tx, id, note, ctx.caller.subject, ctx.now);
          if (!after)
            return Refused("ITEM_RESOLVED", "id", "the item is resolved already");
          audit_.Record(tx, ctx,
                        {"reconciliation_item", id,
                         nlohmann::json{{"before", Json(before)},
                                        {"after", Json(*after)}}
                             .dump()});
          return *after;
        });
  });
}

}  // namespace grants::payments
