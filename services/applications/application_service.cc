// Application use cases.
#include "services/applications/application_service.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/london_time.h"
#include "services/applications/application_errors.h"
#include "services/applications/application_rules.h"
#include "services/organisations/on_behalf.h"
#include "services/organisations/organisation_errors.h"
#include "services/organisations/organisation_service.h"
#include "services/programmes/programme_errors.h"
#include "storage/document_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/on_behalf_repository.h"
#include "storage/organisation_repository.h"
#include "storage/programme_repository.h"
#include "storage/transaction.h"

namespace grants::applications {
namespace repo = storage::application_repo;
namespace rounds = storage::programme_repo;
using storage::Tx;
using RoundView = ApplicationService::RoundView;

namespace {

// Submissions and returns read the round without locking it: the deadline
// is enforced exactly by the server's clock, and a shared lock on one round
// row taken by every submission in a deadline rush costs more than it buys
// (a submission already in flight when an officer closes a round early may
// still complete).
absl::StatusOr<RoundView> ViewOf(std::optional<repo::RoundForApplicant> view) {
  if (!view) return programmes::RoundNotFound("round_id");
  std::optional<Extension> extension;
  if (view->extension_closes_at)
    extension = Extension{.closes_at = *view->extension_closes_at};
  absl::Time deadline = Deadline(view->round, extension);
  return RoundView{std::move(view->round), deadline,
                   std::move(view->communities),
                   std::move(view->organisation_language)};
}

// Fills in the latest submission and the deadline that applies, unless the
// use case already knows them.
Application Complete(Tx& tx, Application a) {
  if (a.submission_version > 0 &&
      (!a.submission || a.submission->version != a.submission_version))
    a.submission = repo::GetSubmission(tx, a.id, a.submission_version);
  if (a.deadline == absl::UnixEpoch()) {
    auto round = rounds::GetRound(tx, a.round_id);
    if (round)
      a.deadline = Deadline(
          round->round, repo::GetExtension(tx, a.round_id, a.organisation_id));
  }
  a.acts_on_behalf = storage::on_behalf_repo::ListForApplication(tx, a.id);
  return a;
}

// Loads what an earlier request with the same key made (idempotent replay).
auto ReplayLoader(Tx& tx) {
  return [&tx](const std::string& id) -> absl::StatusOr<Application> {
    auto a = repo::Get(tx, id);
    if (!a) return ApplicationNotFound();
    return Complete(tx, *a);
  };
}

nlohmann::json Describe(const Application& a) {
  return {{"state", StateName(a.state)},
          {"reference", a.reference},
          {"submission_version", a.submission_version},
          {"eligibility", a.eligibility},
          {"amount_minor", a.content.amount_requested().minor_units()}};
}

absl::Status CheckScope(const RequestContext& ctx, const Application& a) {
  return organisations::CheckOrganisationScope(ctx, a.organisation_id);
}

}  // namespace

absl::StatusOr<Application> ApplicationService::ChangeApplication(
    const RequestContext& ctx, const std::string& id, const Change& change) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Application> {
        auto claimed = repo::ClaimForChange(tx, storage::KeyClaimFor(ctx, id));
        if (!claimed.claimed)
          return storage::Replay<Application>(tx, ctx, ReplayLoader(tx));
        if (!claimed.application) return ApplicationNotFound();
        const Application& before = *claimed.application;
        RETURN_IF_ERROR(CheckScope(ctx, before));
        ASSIGN_OR_RETURN(RoundView rv, ViewOf(std::move(claimed.round)));
        ASSIGN_OR_RETURN(Application changed, change(tx, before, rv));
        const bool submits =
            changed.submission &&
            changed.submission->version > before.submission_version;
        RETURN_IF_ERROR(
            organisations::RecordActOnBehalf(tx, ctx, "application", id));
        audit::Event event =
            audit_.Make(ctx, {"application", id,
                              nlohmann::json{{"before", Describe(before)},
                                             {"after", Describe(changed)}}
                                  .dump()});
        Application after =
            repo::Save(tx, changed, ctx.now,
                       submits ? &*changed.submission : nullptr, event);
        after.deadline = changed.deadline;
        after.submission = std::move(changed.submission);
        return Complete(tx, after);
      });
}

absl::StatusOr<Application> ApplicationService::Create(
    const RequestContext& caller, const std::string& round_id,
    const Content& content, const std::optional<OnBehalf>& on_behalf) {
  ASSIGN_OR_RETURN(RequestContext ctx,
                   organisations::Acting(pool_, caller, on_behalf));
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Application> {
        Application a;
        // Chosen here, so the key records it as it is claimed and the audit
        // event (its MAC covers it) goes in the insert's statement.
        a.id = RandomUuid();
        a.round_id = round_id;
        a.organisation_id = ctx.caller.organisation_id;
        auto claimed = repo::ClaimForCreate(tx, storage::KeyClaimFor(ctx, a.id),
                                            round_id, a.organisation_id);
        if (!claimed.claimed)
          return storage::Replay<Application>(tx, ctx, ReplayLoader(tx));
        ASSIGN_OR_RETURN(RoundView rv, ViewOf(std::move(claimed.round)));
        if (!rv.organisation_language) return OrganisationNotRegistered();
        RETURN_IF_ERROR(CheckWindow(rv.round, rv.deadline, ctx.now));
        RETURN_IF_ERROR(CheckDraft(content, rv.communities));
        a.content = content;
        if (a.content.correspondence_language().empty())
          a.content.set_correspondence_language(*rv.organisation_language);
        audit::Event event =
            audit_.Make(ctx, {"application", a.id,
                              nlohmann::json{{"after", Describe(a)}}.dump()});
        a = repo::Insert(tx, a, ctx.now, event);
        // After the insert: the act refers to the application.
        RETURN_IF_ERROR(
            organisations::RecordActOnBehalf(tx, ctx, "application", a.id));
        a.deadline = rv.deadline;
        return Complete(tx, a);
      });
}

absl::StatusOr<Application> ApplicationService::Update(
    const RequestContext& caller, const std::string& id, const Content& content,
    const std::optional<OnBehalf>& on_behalf) {
  ASSIGN_OR_RETURN(RequestContext ctx,
                   organisations::Acting(pool_, caller, on_behalf));
  return ChangeApplication(
      ctx, id,
      [&](Tx&, const Application& before,
          const RoundView& rv) -> absl::StatusOr<Application> {
        if (before.state != State::kDraft && before.state != State::kReturned)
          return NotEditable();
        RETURN_IF_ERROR(CheckDraft(content, rv.communities));
        Application after = before;
        after.content = content;
        after.deadline = rv.deadline;
        return after;
      });
}

absl::StatusOr<Application> ApplicationService::Submit(
    const RequestContext& caller, const std::string& id,
    const std::optional<OnBehalf>& on_behalf) {
  ASSIGN_OR_RETURN(RequestContext ctx,
                   organisations::Acting(pool_, caller, on_behalf));
  return ChangeApplication(
      ctx, id,
      [&](Tx& tx, const Application& before,
          const RoundView& rv) -> absl::StatusOr<Application> {
        if (before.state != State::kDraft && before.state != State::kReturned)
          return NotEditable();
        RETURN_IF_ERROR(CheckWindow(rv.round, rv.deadline, ctx.now));
        RETURN_IF_ERROR(CheckDraft(before.content, rv.communities));
        RETURN_IF_ERROR(CheckComplete(rv.round.spec, before.content));
        RETURN_IF_ERROR(CheckDocuments(
            rv.round.spec.eligibility.required_documents,
            storage::document_repo::KindsForApplication(tx, before.id)));
        // Serialises the organisation's own submissions, so two tabs
        // submitting to different rounds of one programme cannot both pass a
        // per-programme limit; other organisations do not wait.
        auto org = storage::organisation_repo::GetLockingSubmissions(
            tx, before.organisation_id);
        // Counted in a statement of its own, after the lock's: its snapshot
        // then sees every submission the lock waited for. The tracking
        // number (first submission only) comes in the same read.
        auto counted =
            repo::CountPrior(tx, before.organisation_id, rv.round.programme_id,
                             rv.round.id, before.id, before.reference.empty());
        Submission s{before.submission_version + 1, ctx.now, before.content,
                     false,
                     Evaluate(rv.round.spec.eligibility, *org, counted.prior)};
        s.eligible = s.failed_rules.empty();
        Application after = before;
        after.state = State::kSubmitted;
        after.submission_version = s.version;
        after.eligibility = s.eligible ? "eligible" : "ineligible";
        if (counted.reference_number)
          after.reference = fmt::format("{}-{:04d}", rv.round.reference(),
                                        *counted.reference_number);
        after.deadline = rv.deadline;
        after.submission = std::move(s);
        // The receipt, queued in this transaction: once per submitted
        // version, so a resubmission after a return gets its own.
        storage::notification_repo::Enqueue(
            tx,
            fmt::format("application_received:{}:{}", id,
                        after.submission_version),
            "application_received", before.organisation_id,
            organisations::NoteOnBehalf(
                ctx, {{"application_id", id},
                      {"reference", after.reference},
                      {"deadline", FormatLondonMinute(rv.deadline)}})
                .dump(),
            ctx.now);
        return after;
      });
}

absl::StatusOr<Application> ApplicationService::Withdraw(
    const RequestContext& ctx, const std::string& id,
    const std::string& reason) {
  return ChangeApplication(
      ctx, id,
      [&](Tx&, const Application& before,
          const RoundView&) -> absl::StatusOr<Application> {
        if (before.state == State::kWithdrawn) return AlreadyWithdrawn();
        if (before.state == State::kApproved ||
            before.state == State::kDeclined)
          return AlreadyDecided();
        Application after = before;
        after.state = State::kWithdrawn;
        after.withdraw_reason = reason;
        return after;
      });
}

absl::StatusOr<Application> ApplicationService::Return(
    const RequestContext& ctx, const std::string& id,
    const std::string& comment) {
  return ChangeApplication(
      ctx, id,
      [&](Tx& tx, const Application& before,
          const RoundView& rv) -> absl::StatusOr<Application> {
        if (before.state != State::kSubmitted) return NotSubmitted();
        if (before.returned_count >= 1) return AlreadyReturnedOnce();
        RETURN_IF_ERROR(CheckWindow(rv.round, rv.deadline, ctx.now));
        storage::notification_repo::Enqueue(
            tx, "application_returned:" + id, "application_returned",
            before.organisation_id,
            nlohmann::json{{"application_id", id},
                           {"reference", before.reference},
                           {"comment", comment},
                           {"deadline", FormatLondonMinute(rv.deadline)}}
                .dump(),
            ctx.now);
        Application after = before;
        after.state = State::kReturned;
        after.returned_count = before.returned_count + 1;
        after.return_comment = comment;
        after.deadline = rv.deadline;
        return after;
      });
}

absl::StatusOr<Application> ApplicationService::Get(const RequestContext& ctx,
                                                    const std::string& id) {
  return storage::RunInTransaction(pool_,
                                   [&](Tx& tx) -> absl::StatusOr<Application> {
                                     auto a = repo::Get(tx, id);
                                     if (!a) return ApplicationNotFound();
                                     RETURN_IF_ERROR(CheckScope(ctx, *a));
                                     return Complete(tx, *a);
                                   });
}

absl::StatusOr<Listed<Application>> ApplicationService::List(
    const RequestContext& ctx, ListFilter filter, const Page& page) {
  if (ctx.caller.role == Role::kGrantee)
    filter.organisation_id = ctx.caller.organisation_id;
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Application>> {
        auto items =
            repo::List(tx, filter, page.limit, static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Application>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Extension> ApplicationService::GrantExtension(
    const RequestContext& ctx, const Extension& ext) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Extension>(
        tx, ctx,
        [&](const std::string&) -> absl::StatusOr<Extension> {
          return *repo::GetExtension(tx, ext.round_id, ext.organisation_id);
        },
        [&]() -> absl::StatusOr<Extension> {
          auto round = rounds::GetRound(tx, ext.round_id);
          if (!round) return programmes::RoundNotFound("round_id");
          if (!storage::organisation_repo::Get(tx, ext.organisation_id))
            return organisations::OrganisationNotFound("organisation_id");
          if (ext.closes_at <= round->round.spec.closes_at)
            return ExtensionNotLater();
          Extension e = ext;
          e.granted_by = ctx.caller.subject;
          e.granted_at = ctx.now;
          e = repo::UpsertExtension(tx, e);
          audit_.Record(tx, ctx,
                        {"extension", e.id,
                         nlohmann::json{{"after",
                                         {{"closes_at_micros",
                                           absl::ToUnixMicros(e.closes_at)},
                                          {"reason", audit::Words(e.reason)}}}}
                             .dump()});
          return e;
        });
  });
}

absl::StatusOr<std::vector<Extension>> ApplicationService::ListExtensions(
    const std::string& round_id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<Extension>> {
        return repo::ListExtensions(tx, round_id);
      });
}

}  // namespace grants::applications
