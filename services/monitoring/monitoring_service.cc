// Monitoring use cases.
#include "services/monitoring/monitoring_service.h"

#include <nlohmann/json.hpp>

#include "common/london_time.h"
#include "common/status.h"
#include "services/monitoring/monitoring_rules.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "services/organisations/organisation_service.h"
#include "storage/application_repository.h"
#include "storage/award_repository.h"
#include "storage/document_repository.h"
#include "storage/idempotency.h"
#include "storage/notification_repository.h"
#include "storage/programme_repository.h"

namespace grants::monitoring {
namespace repo = storage::monitoring_repo;
using storage::Tx;

namespace {

absl::Status NotFound(std::string_view reason, std::string_view field) {
  return MakeError(
      absl::StatusCode::kNotFound, reason, "not found",
      {{std::string(field), std::string(reason), "no such record"}});
}

// The awarded budget lines' amounts: the application's, as submitted.
std::vector<int64_t> BudgetLines(Tx& tx, const std::string& application_id) {
  std::vector<int64_t> lines;
  auto app = storage::application_repo::Get(tx, application_id);
  if (!app) return lines;
  auto sub = storage::application_repo::GetSubmission(tx, application_id,
                                                      app->submission_version);
  const auto& content = sub ? sub->content : app->content;
  for (const auto& line : content.budget_lines())
    lines.push_back(line.amount().minor_units());
  return lines;
}

absl::Status AwardNotRunning(std::string_view field) {
  return MakeError(
      absl::StatusCode::kFailedPrecondition, "AWARD_NOT_RUNNING",
      "only an accepted award that has not ended reports",
      {{std::string(field), "AWARD_NOT_RUNNING", "the award is not running"}});
}

bool Running(const awards::Award& a) {
  return a.state == awards::AwardState::kAccepted ||
         a.state == awards::AwardState::kActive;
}

absl::StatusOr<Requirements> LoadRequirements(Tx& tx,
                                              const std::string& award_id) {
  return Requirements{
      award_id, repo::ListRequirements(tx, {.award_id = award_id}, 100, 0)};
}

absl::StatusOr<Report> LoadReport(Tx& tx, const RequestContext& ctx,
                                  const std::string& id, bool for_update) {
  auto r = repo::GetReport(tx, id, for_update);
  if (!r) return NotFound("REPORT_NOT_FOUND", "id");
  RETURN_IF_ERROR(
      organisations::CheckOrganisationScope(ctx, r->organisation_id));
  return *r;
}

// The due dates of `specs` for `award`, from its acceptance and its
// round's close.
absl::StatusOr<std::vector<Requirement>> Plan(
    Tx& tx, const awards::Award& award,
    const std::vector<RequirementSpec>& specs) {
  auto round = storage::programme_repo::GetRound(tx, award.round_id);
  if (!round) return Internal("award without round");
  std::string accepted =
      LondonDate(award.responded_at.value_or(award.offered_at));
  std::string closed = LondonDate(round->round.spec.closes_at);
  std::vector<Requirement> out;
  for (size_t i = 0; i < specs.size(); ++i)
    out.push_back({.award_id = award.id,
                   .number = static_cast<int>(i + 1),
                   .kind = specs[i].kind,
                   .basis = specs[i].basis,
                   .days_after = specs[i].days_after,
                   .due_date = DueDate(specs[i], accepted, closed)});
  return out;
}

nlohmann::json Json(const Report& r) {
  const ReportContent& c = r.content;
  return {
      {"requirement_id", r.requirement_id},
      {"version", r.version},
      {"state", StateName(r.state)},
      {"period_end", c.period_end()},
      {"people_supported_directly", c.people_supported_directly()},
      {"people_reached_with_information", c.people_reached_with_information()},
      {"review_comment", r.review_comment}};
}

}  // namespace

absl::StatusOr<Requirements> MonitoringService::SetRequirements(
    const RequestContext& ctx, const std::string& award_id,
    const std::vector<RequirementSpec>& specs) {
  RETURN_IF_ERROR(CheckSpecs(specs));
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Requirements>(
        tx, ctx, award_id,
        [&](const std::string& id) { return LoadRequirements(tx, id); },
        [&]() -> absl::StatusOr<Requirements> {
          auto award = storage::award_repo::Get(tx, award_id, true);
          if (!award) return NotFound("AWARD_NOT_FOUND", "award_id");
          if (!Running(*award)) return AwardNotRunning("award_id");
          if (repo::ReportCount(tx, award_id) > 0)
            return MakeError(
                absl::StatusCode::kFailedPrecondition, "REQUIREMENTS_LOCKED",
                "the award has reports; its requirements stay",
                {{"award_id", "REQUIREMENTS_LOCKED", "reports exist"}});
          ASSIGN_OR_RETURN(auto planned, Plan(tx, *award, specs));
          repo::DeleteRequirements(tx, award_id);
          auto dates = nlohmann::json::array();
          for (const auto& r : planned) {
            repo::InsertRequirement(tx, r, ctx.caller.subject, ctx.now);
            dates.push_back(r.due_date);
          }
          audit_.Record(tx, ctx,
                        {"report_requirements", award_id,
                         nlohmann::json{{"due_dates", dates}}.dump()});
          return LoadRequirements(tx, award_id);
        });
  });
}

absl::StatusOr<Listed<Requirement>> MonitoringService::ListRequirements(
    const RequestContext& ctx, repo::RequirementFilter f, const Page& page) {
  if (ctx.caller.role == Role::kGrantee)
    f.organisation_id = ctx.caller.organisation_id;
  f.today = LondonDate(ctx.now);
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Requirement>> {
        auto items = repo::ListRequirements(tx, f, page.limit,
                                            static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Requirement>{std::move(items), std::move(next)};
      });
}

absl::StatusOr<Report> MonitoringService::Submit(
    const RequestContext& caller, const std::string& requirement_id,
    const ReportContent& content, const std::optional<OnBehalf>& on_behalf) {
  ASSIGN_OR_RETURN(RequestContext ctx,
                   organisations::Acting(pool_, caller, on_behalf));
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Report>(
        tx, ctx,
        [&](const std::string& id) { return LoadReport(tx, ctx, id, false); },
        [&]() -> absl::StatusOr<Report> {
          auto req = repo::GetRequirementForUpdate(tx, requirement_id);
          if (!req) return NotFound("REQUIREMENT_NOT_FOUND", "requirement_id");
          RETURN_IF_ERROR(
              organisations::CheckOrganisationScope(ctx, req->organisation_id));
          auto award = storage::award_repo::Get(tx, req->award_id);
          if (!award || !Running(*award))
            return AwardNotRunning("requirement_id");
          RETURN_IF_ERROR(CheckCanSubmit(*req));
          for (int i = 0; i < content.document_ids_size(); ++i) {
            auto d = storage::document_repo::Get(
                tx, content.document_ids(i),
                storage::document_repo::Hold::kShared);
            if (!d || d->subject.award_id != award->id)
              return MakeError(
                  absl::StatusCode::kNotFound, "DOCUMENT_NOT_FOUND",
                  "not a document of this award",
                  {{"content.document_ids[" + std::to_string(i) + "]",
                    "DOCUMENT_NOT_FOUND", "attach it to the award first"}});
          }
          auto round = storage::programme_repo::GetRound(tx, award->round_id);
          auto programme = storage::programme_repo::GetProgramme(
              tx, round ? round->round.programme_id : "");
          if (!programme) return Internal("award without programme");
          RETURN_IF_ERROR(CheckReport(
              content, {award->currency, programme->priority_communities,
                        req->kind == ReportKind::kFinal,
                        BudgetLines(tx, award->application_id)}));
          Report r = repo::InsertReport(
              tx, Report{.requirement_id = req->id,
                         .award_id = req->award_id,
                         .organisation_id = req->organisation_id,
                         .version = req->latest_version + 1,
                         .content = content,
                         .submitted_by = ctx.caller.subject,
                         .submitted_at = ctx.now});
          RETURN_IF_ERROR(
              organisations::RecordActOnBehalf(tx, ctx, "report", r.id));
          // A receipt (saying who sent it when an officer did it for the
          // group), once per report.
          storage::notification_repo::Enqueue(
              tx, "report_received:" + r.id, "report_received",
              r.organisation_id,
              organisations::NoteOnBehalf(
                  ctx, {{"report_id", r.id},
                        {"award_id", r.award_id},
                        {"report_kind", KindName(req->kind)}})
                  .dump(),
              ctx.now);
          audit_.Record(
              tx, ctx,
              {"report", r.id, nlohmann::json{{"after", Json(r)}}.dump()});
          return r;
        });
  });
}

absl::StatusOr<Report> MonitoringService::Review(const RequestContext& ctx,
                                                 const std::string& id,
                                                 bool accept,
                                                 const std::string& comment) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Report>(
        tx, ctx, id,
        [&](const std::string& prior) {
          return LoadReport(tx, ctx, prior, false);
        },
        [&]() -> absl::StatusOr<Report> {
          ASSIGN_OR_RETURN(Report before, LoadReport(tx, ctx, id, true));
          RETURN_IF_ERROR(organisations::CheckNoInterestInAward(
              tx, ctx, before.award_id, "id"));
          // Four eyes: whoever acted for the group on the application (its
          // offer, its reports) does not review its reports.
          if (auto award = storage::award_repo::Get(tx, before.award_id))
            RETURN_IF_ERROR(organisations::CheckNotActedOnBehalf(
                tx, ctx, award->application_id, "id"));
          if (before.state != ReportState::kSubmitted)
            return MakeError(
                absl::StatusCode::kFailedPrecondition, "REPORT_NOT_SUBMITTED",
                "only a submitted report is reviewed",
                {{"id", "REPORT_NOT_SUBMITTED", "already reviewed"}});
          repo::Review(tx, id,
                       accept ? ReportState::kAccepted : ReportState::kReturned,
                       ctx.caller.subject, ctx.now, comment);
          // The grantee hears of the review through the outbox, queued in
          // this transaction.
          storage::notification_repo::Enqueue(
              tx, (accept ? "report_accepted:" : "report_returned:") + id,
              accept ? "report_accepted" : "report_returned",
              before.organisation_id,
              nlohmann::json{{"report_id", id},
                             {"award_id", before.award_id},
                             {"comment", comment}}
                  .dump(),
              ctx.now);
          if (accept) {
            repo::AddToReach(tx, id);
            if (before.kind == ReportKind::kFinal)
              repo::ReleaseFinalPayments(tx, before.award_id,
                                         LondonDate(ctx.now), ctx.now);
          }
          ASSIGN_OR_RETURN(Report after, LoadReport(tx, ctx, id, false));
          audit_.Record(
              tx, ctx,
              {"report", id,
               nlohmann::json{{"before", Json(before)}, {"after", Json(after)}}
                   .dump()});
          return after;
        });
  });
}

absl::StatusOr<Report> MonitoringService::Get(const RequestContext& ctx,
                                              const std::string& id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) { return LoadReport(tx, ctx, id, false); });
}

absl::StatusOr<Listed<Report>> MonitoringService::List(
    const RequestContext& ctx, repo::ReportFilter f, const Page& page) {
  if (ctx.caller.role == Role::kGrantee)
    f.organisation_id = ctx.caller.organisation_id;
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Listed<Report>> {
        auto items = repo::ListReports(tx, f, page.limit,
                                       static_cast<int>(page.position));
        std::string next = NextOffsetToken(page, items.size());
        return Listed<Report>{std::move(items), std::move(next)};
      });
}

}  // namespace grants::monitoring
