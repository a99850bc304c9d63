// Application use cases.
#include "services/applications/application_service.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "services/applications/application_errors.h"
#include "services/applications/application_rules.h"
#include "services/organisations/organisation_errors.h"
#include "services/organisations/organisation_service.h"
#include "services/programmes/programme_errors.h"
#include "storage/idempotency.h"
#include "storage/organisation_repository.h"
#include "storage/programme_repository.h"
#include "storage/transaction.h"

namespace grants::applications {
namespace repo = storage::application_repo;
namespace rounds = storage::programme_repo;
using storage::Tx;

namespace {

// Submissions and returns read the round without locking it: the deadline
// is enforced exactly by the server's clock, and a shared lock on one round
// row taken by every submission in a deadline rush costs more than it buys
// (a submission already in flight when an officer closes a round early may
// still complete).
struct RoundView {
  programmes::Round round;
  absl::Time deadline;
  std::vector<std::string> communities;
  std::optional<std::string> organisation_language;  // nullopt: unregistered
};

absl::StatusOr<RoundView> LoadRound(Tx& tx, const std::string& round_id,
                                    const std::string& organisation_id) {
  auto view = repo::GetRoundForApplicant(tx, round_id, organisation_id);
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
  return {{"state", repo::StateName(a.state)},
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
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Application>(
        tx, ctx, id, ReplayLoader(tx),
        [&]() -> absl::StatusOr<Application> {
          auto before = repo::Get(tx, id, /*for_update=*/true);
          if (!before) return ApplicationNotFound();
          RETURN_IF_ERROR(CheckScope(ctx, *before));
          ASSIGN_OR_RETURN(Application changed, change(tx, *before));
          Application after = repo::Update(tx, changed, ctx.now);
          after.deadline = changed.deadline;
          after.submission = std::move(changed.submission);
          audit_.Record(tx, ctx,
                        {"application", id,
                         nlohmann::json{{"before", Describe(*before)},
                                        {"after", Describe(after)}}
                             .dump()});
          return Complete(tx, after);
        });
  });
}

absl::StatusOr<Application> ApplicationService::Create(
    const RequestContext& ctx, const std::string& round_id,
    const Content& content) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Application>(
        tx, ctx, ReplayLoader(tx),
        [&]() -> absl::StatusOr<Application> {
          const std::string& org_id = ctx.caller.organisation_id;
          ASSIGN_OR_RETURN(RoundView rv, LoadRound(tx, round_id, org_id));
          if (!rv.organisation_language) return OrganisationNotRegistered();
          RETURN_IF_ERROR(CheckWindow(rv.round, rv.deadline, ctx.now));
          RETURN_IF_ERROR(CheckDraft(content, rv.communities));
          Application a;
          a.round_id = round_id;
          a.organisation_id = org_id;
          a.content = content;
          if (a.content.correspondence_language().empty())
            a.content.set_correspondence_language(*rv.organisation_language);
          a = repo::Insert(tx, a, ctx.now);
          a.deadline = rv.deadline;
          audit_.Record(tx, ctx,
                        {"application", a.id,
                         nlohmann::json{{"after", Describe(a)}}.dump()});
          return Complete(tx, a);
        });
  });
}

absl::StatusOr<Application> ApplicationService::Update(
    const RequestContext& ctx, const std::string& id, const Content& content) {
  return ChangeApplication(
      ctx, id, [&](Tx& tx, const Application& before) -> absl::StatusOr<Application> {
        if (before.state != State::kDraft && before.state != State::kReturned)
          return NotEditable();
        ASSIGN_OR_RETURN(RoundView rv,
                         LoadRound(tx, before.round_id, before.organisation_id));
        RETURN_IF_ERROR(CheckDraft(content, rv.communities));
        Application after = before;
        after.content = content;
        after.deadline = rv.deadline;
        return after;
      });
}

absl::StatusOr<Application> ApplicationService::Submit(const RequestContext& ctx,
                                                       const std::string& id) {
  return ChangeApplication(
      ctx, id, [&](Tx& tx, const Application& before) -> absl::StatusOr<Application> {
        if (before.state != State::kDraft && before.state != State::kReturned)
          return NotEditable();
        ASSIGN_OR_RETURN(RoundView rv,
                         LoadRound(tx, before.round_id, before.organisation_id));
        RETURN_IF_ERROR(CheckWindow(rv.round, rv.deadline, ctx.now));
        RETURN_IF_ERROR(CheckDraft(before.content, rv.communities));
        RETURN_IF_ERROR(CheckComplete(rv.round.spec, before.content));
        // Serialises the organisation's own submissions, so two tabs
        // submitting to different rounds of one programme cannot both pass a
        // per-programme limit; other organisations do not wait.
        auto org = storage::organisation_repo::GetLockingSubmissions(
            tx, before.organisation_id);
        PriorCounts prior =
            repo::CountPrior(tx, before.organisation_id, rv.round.programme_id,
                             rv.round.id, before.id);
        Submission s{before.submission_version + 1, ctx.now, before.content,
                     false, Evaluate(rv.round.spec.eligibility, *org, prior)};
        s.eligible = s.failed_rules.empty();
        Application after = before;
        after.state = State::kSubmitted;
        after.submission_version = s.version;
        after.eligibility = s.eligible ? "eligible" : "ineligible";
        if (after.reference.empty())
          after.reference = fmt::format("{}-{:04d}", rv.round.reference(),
                                        repo::NextReferenceNumber(tx, rv.round.id));
        repo::InsertSubmission(tx, before.id, s);
        after.deadline = rv.deadline;
        after.submission = std::move(s);
        return after;
      });
}

absl::StatusOr<Application> ApplicationService::Withdraw(
    const RequestContext& ctx, const std::string& id, const std::string& reason) {
  return ChangeApplication(
      ctx, id, [&](Tx&, const Application& before) -> absl::StatusOr<Application> {
        if (before.state == State::kWithdrawn) return AlreadyWithdrawn();
        if (before.state == State::kApproved || before.state == State::kDeclined)
          return AlreadyDecided();
        Application after = before;
        after.state = State::kWithdrawn;
        after.withdraw_reason = reason;
        return after;
      });
}

absl::StatusOr<Application> ApplicationService::Return(
    const RequestContext& ctx, const std::string& id, const std::string& comment) {
  return ChangeApplication(
      ctx, id, [&](Tx& tx, const Application& before) -> absl::StatusOr<Application> {
        if (before.state != State::kSubmitted) return NotSubmitted();
        if (before.returned_count >= 1) return AlreadyReturnedOnce();
        ASSIGN_OR_RETURN(RoundView rv,
                         LoadRound(tx, before.round_id, before.organisation_id));
        RETURN_IF_ERROR(CheckWindow(rv.round, rv.deadline, ctx.now));
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
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Application> {
        auto a = repo::Get(tx, id);
        if (!a) return ApplicationNotFound();
        RETURN_IF_ERROR(CheckScope(ctx, *a));
        return Complete(tx, *a);
      });
}

absl::StatusOr<Listed<Application>> ApplicationService::List(
    const RequestContext& ctx, repo::Filter filter, const Page& page) {
  if (ctx.caller.role == Role::kGrantee)
    filter.organisation_id = ctx.caller.organisation_id;
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Application>> {
        auto items = repo::List(tx, filter, page.limit,
                                static_cast<int>(page.position));
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
          audit_.Record(
              tx, ctx,
              {"extension", e.id,
               nlohmann::json{{"after",
                               {{"closes_at_micros", absl::ToUnixMicros(e.closes_at)},
                                {"reason", e.reason}}}}
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
