// Officers' payment use cases.
#include "services/payments/payment_service.h"

#include <nlohmann/json.hpp>

#include "common/london_time.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "services/payments/payment_errors.h"
#include "services/payments/payment_rules.h"
#include "storage/award_repository.h"
#include "storage/condition_repository.h"
#include "storage/idempotency.h"
#include "storage/payment_repository.h"
#include "storage/people_repository.h"

namespace grants::payments {
namespace repo = storage::payment_repo;
using storage::Tx;

namespace {

nlohmann::json Json(const Payment& p) {
  return {{"award_id", p.award_id},
          {"instalment", p.instalment},
          {"amount_minor", p.amount_minor},
          {"due", DueName(p.due)},
          {"due_date", p.due_date},
          {"state", StateName(p.state)},
          {"instruction_id", p.instruction_id},
          {"paid_minor", p.paid_minor.value_or(0)},
          {"bank_reference", p.bank_reference}};
}

absl::StatusOr<Schedule> LoadSchedule(Tx& tx, const std::string& award_id) {
  auto award = storage::award_repo::Get(tx, award_id);
  if (!award) return AwardNotFound();
  return Schedule{award->id, award->currency, award->amount_minor,
                  repo::ListForAward(tx, award_id)};
}

absl::StatusOr<Payment> LoadPayment(Tx& tx, const std::string& id,
                                    bool for_update = false) {
  auto p = repo::Get(tx, id, for_update);
  if (!p) return PaymentNotFound();
  return *p;
}

absl::Status CheckReplaceable(const awards::Award& award,
                              const std::vector<Payment>& existing) {
  if (award.state != awards::AwardState::kAccepted &&
      award.state != awards::AwardState::kActive)
    return Refused("AWARD_NOT_ACCEPTED", "award_id",
                   "only an accepted award has a payment schedule");
  for (const auto& p : existing)
    if (p.state != PaymentState::kScheduled)
      return Refused("SCHEDULE_LOCKED", "award_id",
                     "a payment of this award is already under way");
  return absl::OkStatus();
}

}  // namespace

std::string DescribePayment(const Payment& p) { return Json(p).dump(); }

absl::StatusOr<Schedule> PaymentService::SetSchedule(
    const RequestContext& ctx, const std::string& award_id,
    const std::vector<Instalment>& items) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Schedule>(
        tx, ctx,
        [&](const std::string& prior) { return LoadSchedule(tx, prior); },
        [&]() -> absl::StatusOr<Schedule> {
          auto award = storage::award_repo::Get(tx, award_id, true);
          if (!award) return AwardNotFound();
          RETURN_IF_ERROR(organisations::CheckNoInterestInAward(
              tx, ctx, award->id, "award_id"));
          RETURN_IF_ERROR(
              CheckSchedule(items, award->currency, award->amount_minor));
          // Locked: a request racing the replacement queues behind it (and
          // finds its payment gone), or holds it off (SCHEDULE_LOCKED).
          std::vector<Payment> before = repo::ListForAward(tx, award_id, true);
          RETURN_IF_ERROR(CheckReplaceable(*award, before));
          repo::DeleteScheduled(tx, award_id);
          for (size_t i = 0; i < items.size(); ++i) {
            Payment p{.award_id = award_id,
                      .instalment = static_cast<int>(i + 1),
                      .currency = items[i].currency,
                      .amount_minor = items[i].amount_minor,
                      .due = items[i].due,
                      .due_date = items[i].due_date};
            repo::Insert(tx, p, ctx.caller.subject, ctx.now);
          }
          // Conditions all signed off already (or none): what waits on
          // them is due now.
          if (storage::condition_repo::OpenCount(tx, award_id) == 0)
            storage::condition_repo::ReleasePayments(
                tx, award_id, LondonDate(ctx.now), ctx.now);
          ASSIGN_OR_RETURN(Schedule after, LoadSchedule(tx, award_id));
          auto describe = [](const std::vector<Payment>& ps) {
            auto out = nlohmann::json::array();
            for (const auto& p : ps) out.push_back(Json(p));
            return out;
          };
          audit_.Record(tx, ctx,
                        {"payment_schedule", award_id,
                         nlohmann::json{{"before", describe(before)},
                                        {"after", describe(after.payments)}}
                             .dump()});
          return after;
        });
  });
}

absl::StatusOr<Schedule> PaymentService::GetSchedule(
    const std::string& award_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) { return LoadSchedule(tx, award_id); });
}

absl::StatusOr<Payment> PaymentService::Get(const std::string& id) {
  return storage::RunInTransaction(pool_,
                                   [&](Tx& tx) { return LoadPayment(tx, id); });
}

absl::StatusOr<Listed<Payment>> PaymentService::List(
    const RequestContext& ctx, const std::string& award_id,
    const std::string& state, const Page& page) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Payment>> {
        // A grantee sees its own organisation's payments, without the
        // officers who requested and authorised them.
        bool grantee = ctx.caller.role == Role::kGrantee;
        auto items = repo::List(tx, award_id, state, LondonDate(ctx.now),
                                page.limit, static_cast<int>(page.position),
                                grantee ? ctx.caller.organisation_id : "");
        if (grantee)
          for (Payment& p : items) p.requested_by = p.authorised_by = "";
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Payment>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Payment> PaymentService::ChangePayment(const RequestContext& ctx,
                                                      const std::string& id,
                                                      const Change& change,
                                                      const std::string& note) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Payment>(
        tx, ctx,
        [&](const std::string& prior) { return LoadPayment(tx, prior); },
        [&]() -> absl::StatusOr<Payment> {
          ASSIGN_OR_RETURN(Payment before, LoadPayment(tx, id, true));
          RETURN_IF_ERROR(organisations::CheckNoInterestInAward(
              tx, ctx, before.award_id, "id"));
          ASSIGN_OR_RETURN(Payment changed, change(tx, before));
          repo::Update(tx, changed, ctx.now);
          ASSIGN_OR_RETURN(Payment after, LoadPayment(tx, id));
          audit_.Record(tx, ctx,
                        {"payment", id,
                         nlohmann::json{{"before", Json(before)},
                                        {"after", Json(after)},
                                        {"note", audit::Words(note)}}
                             .dump()});
          return after;
        });
  });
}

absl::StatusOr<Payment> PaymentService::Request(const RequestContext& ctx,
                                                const std::string& id) {
  return ChangePayment(
      ctx, id, [&](Tx&, const Payment& before) -> absl::StatusOr<Payment> {
        if (before.state != PaymentState::kScheduled)
          return PaymentStateInvalid(
              "only a scheduled payment can be requested");
        if (before.due == DueKind::kOnConditions && before.released_on.empty())
          return Refused("CONDITIONS_NOT_MET", "id",
                         "the award's conditions are not all signed off");
        Payment after = before;
        after.state = PaymentState::kRequested;
        after.requested_by = ctx.caller.subject;
        after.requested_at = ctx.now;
        return after;
      });
}

absl::StatusOr<Payment> PaymentService::Authorise(const RequestContext& ctx,
                                                  const std::string& id) {
  return ChangePayment(
      ctx, id, [&](Tx& tx, const Payment& before) -> absl::StatusOr<Payment> {
        RETURN_IF_ERROR(CheckAuthorise(before, ctx.caller.subject,
                                       repo::GetLimit(tx, ctx.caller.subject)));
        RETURN_IF_ERROR(organisations::CheckNotActedOnBehalfForAward(
            tx, ctx, before.award_id, "id"));
        // Finance pays exactly the payee this authorisation approved.
        repo::TakePayee(tx, before.id, ctx.now);
        Payment after = before;
        after.state = PaymentState::kAuthorised;
        after.authorised_by = ctx.caller.subject;
        after.authorised_at = ctx.now;
        after.instruction_id = "new";
        return after;
      });
}

absl::StatusOr<Payment> PaymentService::Cancel(const RequestContext& ctx,
                                               const std::string& id,
                                               const std::string& reason) {
  return ChangePayment(
      ctx, id,
      [&](Tx&, const Payment& before) -> absl::StatusOr<Payment> {
        if (before.state != PaymentState::kScheduled &&
            before.state != PaymentState::kRequested &&
            before.state != PaymentState::kAuthorised)
          return PaymentStateInvalid(
              "only a payment not yet instructed can be cancelled");
        Payment after = before;
        after.state = PaymentState::kCancelled;
        return after;
      },
      reason);
}

absl::StatusOr<Payment> PaymentService::Replace(const RequestContext& ctx,
                                                const std::string& id,
                                                DueKind due,
                                                const std::string& due_date) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Payment>(
        tx, ctx,
        [&](const std::string& prior) { return LoadPayment(tx, prior); },
        [&]() -> absl::StatusOr<Payment> {
          ASSIGN_OR_RETURN(Payment old, LoadPayment(tx, id, true));
          if (old.state != PaymentState::kCancelled &&
              old.state != PaymentState::kFailed)
            return PaymentStateInvalid(
                "only a cancelled or failed payment can be replaced");
          if (!old.replaced_by.empty())
            return Refused("PAYMENT_ALREADY_REPLACED", "id",
                           "the payment has been replaced already");
          auto award = storage::award_repo::Get(tx, old.award_id, true);
          if (!award) return AwardNotFound();
          if (award->state != awards::AwardState::kAccepted &&
              award->state != awards::AwardState::kActive)
            return Refused("AWARD_NOT_ACCEPTED", "id",
                           "only a running award's payment can be replaced");
          auto all = repo::ListForAward(tx, old.award_id, true);
          // A decrease since the payment failed may leave the award too
          // little for the same amount again (the database would refuse it
          // at commit, as payments_within_award).
          int64_t held = 0;
          for (const auto& p : all)
            if (p.state != PaymentState::kCancelled &&
                p.state != PaymentState::kFailed)
              held += p.amount_minor;
          if (held + old.amount_minor > award->amount_minor)
            return Refused("REPLACEMENT_EXCEEDS_AWARD", "id",
                           "the award's other payments leave less than this "
                           "payment's amount");
          Payment next{.award_id = old.award_id,
                       .instalment = all.back().instalment + 1,
                       .currency = old.currency,
                       .amount_minor = old.amount_minor,
                       .due = due,
                       .due_date = due_date,
                       .replaces = old.id};
          next.id = repo::Insert(tx, next, ctx.caller.subject, ctx.now);
          ASSIGN_OR_RETURN(Payment after, LoadPayment(tx, next.id));
          audit_.Record(
              tx, ctx,
              {"payment", after.id,
               nlohmann::json{{"after", Json(after)}, {"replaces", old.id}}
                   .dump()});
          return after;
        });
  });
}

absl::StatusOr<AuthorisationLimit> PaymentService::SetLimit(
    const RequestContext& ctx, AuthorisationLimit limit) {
  auto set = storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<AuthorisationLimit>(
        tx, ctx,
        [&](const std::string& officer) -> absl::StatusOr<AuthorisationLimit> {
          auto l = repo::GetLimit(tx, officer);
          if (!l) return Internal("authorisation limit vanished");
          return *l;
        },
        [&]() -> absl::StatusOr<AuthorisationLimit> {
          if (limit.id == ctx.caller.subject) return LimitForSelf();
          if (!storage::people_repo::Exists(tx, limit.id, "officer"))
            return OfficerUnknown();
          auto before = repo::GetLimit(tx, limit.id);
          limit.set_by = ctx.caller.subject;
          limit.set_at = ctx.now;
          AuthorisationLimit after = repo::UpsertLimit(tx, limit);
          audit_.Record(
              tx, ctx,
              {"authorisation_limit", after.id,
               nlohmann::json{{"before", before ? before->limit_minor : -1},
                              {"after", after.limit_minor},
                              {"currency", after.currency},
                              {"set_by", after.set_by}}
                   .dump()});
          return after;
        });
  });
  // A refused grant of power is audited; NOT_FOUND is not a permission
  // refusal, so the pipeline would not write it.
  if (ReasonOf(set.status()) == "OFFICER_UNKNOWN")
    audit_.RecordRefusal(pool_, ctx, limit.id, set.status());
  return set;
}

}  // namespace grants::payments
