// Acting on behalf: the gate, the record and the four-eyes check.
#include "services/organisations/on_behalf.h"

#include "absl/strings/ascii.h"
#include "services/audit/audit_recorder.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/organisation_errors.h"
#include "storage/assessment_repository.h"
#include "storage/award_repository.h"
#include "storage/on_behalf_repository.h"
#include "storage/organisation_repository.h"

namespace grants::organisations {
namespace {

constexpr size_t kMaxReasonChars = 500;

size_t Utf8Chars(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

absl::Status CheckRequest(const RequestContext& ctx,
                          const std::optional<OnBehalf>& on_behalf) {
  if (!on_behalf) {
    if (ctx.caller.role == Role::kOfficer) return OnBehalfRequired();
    return absl::OkStatus();
  }
  if (ctx.caller.role != Role::kOfficer) return OnBehalfNotAllowed();
  if (on_behalf->organisation_id.empty())
    return OrganisationNotFound("on_behalf.organisation_id");
  absl::string_view reason = absl::StripAsciiWhitespace(on_behalf->reason);
  if (reason.empty()) return OnBehalfReasonRequired();
  if (Utf8Chars(reason) > kMaxReasonChars) return OnBehalfReasonTooLong();
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> RegisteringFor(
    const RequestContext& ctx, const std::string& on_behalf_reason) {
  constexpr std::string_view kField = "on_behalf_reason";
  std::string reason(absl::StripAsciiWhitespace(on_behalf_reason));
  if (ctx.caller.role != Role::kOfficer) {
    if (!on_behalf_reason.empty()) return OnBehalfNotAllowed(kField);
    return reason;
  }
  if (reason.empty()) return OnBehalfReasonRequired(kField);
  if (Utf8Chars(reason) > kMaxReasonChars) return OnBehalfReasonTooLong(kField);
  return reason;
}

absl::StatusOr<RequestContext> Acting(
    storage::ConnectionPool& pool, const RequestContext& ctx,
    const std::optional<OnBehalf>& on_behalf) {
  RETURN_IF_ERROR(CheckRequest(ctx, on_behalf));
  if (!on_behalf) return ctx;
  RETURN_IF_ERROR(storage::RunInTransaction(pool, [&](storage::Tx& tx) {
    if (!storage::organisation_repo::Get(tx, on_behalf->organisation_id))
      return OrganisationNotFound("on_behalf.organisation_id");
    return CheckNoInterestInOrganisation(tx, ctx, on_behalf->organisation_id,
                                         "on_behalf.organisation_id");
  }));
  RequestContext acting = ctx;
  acting.caller.role = Role::kGrantee;
  acting.caller.organisation_id = on_behalf->organisation_id;
  acting.on_behalf =
      OnBehalf{on_behalf->organisation_id,
               std::string(absl::StripAsciiWhitespace(on_behalf->reason))};
  return acting;
}

absl::Status RecordActOnBehalf(storage::Tx& tx, const RequestContext& ctx,
                               std::string_view entity_type,
                               const std::string& entity_id) {
  if (!ctx.on_behalf) return absl::OkStatus();
  std::string application_id = storage::on_behalf_repo::Insert(
      tx,
      {ctx.caller.subject, ctx.on_behalf->organisation_id, ctx.method,
       ctx.on_behalf->reason, ctx.now},
      std::string(entity_type), entity_id, ctx.request_id);
  if (application_id.empty()) return absl::OkStatus();
  // The acting context is the group's (a grantee), so ask as the officer.
  if (storage::assessment_repo::IsConflicted(tx, ctx.caller.subject,
                                             application_id))
    return InterestDeclared("on_behalf.organisation_id");
  // Four eyes the other way round: whoever judged it does not act for the
  // group on it (accept its offer, report on it, meet its conditions).
  if (storage::on_behalf_repo::JudgedApplication(tx, application_id,
                                                 ctx.caller.subject))
    return JudgedItAlready("on_behalf.organisation_id");
  return absl::OkStatus();
}

absl::Status RecordOfficerActFor(storage::Tx& tx, const RequestContext& ctx,
                                 const std::string& organisation_id,
                                 const std::string& reason,
                                 std::string_view entity_type,
                                 const std::string& entity_id) {
  if (ctx.caller.role != Role::kOfficer) return absl::OkStatus();
  RequestContext acting = ctx;
  acting.on_behalf = OnBehalf{organisation_id, reason};
  return RecordActOnBehalf(tx, acting, entity_type, entity_id);
}

nlohmann::json RecordRegistrationOnBehalf(storage::Tx& tx,
                                          const RequestContext& ctx,
                                          const std::string& organisation_id,
                                          const std::string& reason) {
  storage::on_behalf_repo::InsertForOrganisation(
      tx, {ctx.caller.subject, organisation_id, ctx.method, reason, ctx.now},
      ctx.request_id);
  return {{"organisation_id", organisation_id},
          {"reason", audit::Words(reason)}};
}

nlohmann::json NoteOnBehalf(const RequestContext& ctx, nlohmann::json params) {
  return NoteOnBehalf(ctx, ctx.on_behalf ? ctx.on_behalf->reason : "",
                      std::move(params));
}

nlohmann::json NoteOnBehalf(const RequestContext& ctx,
                            const std::string& reason, nlohmann::json params) {
  if (reason.empty()) return params;
  params["on_behalf_reason"] = reason;
  params["on_behalf_by"] = ctx.caller.subject;
  return params;
}

absl::Status CheckNotActedOnBehalf(storage::Tx& tx, const RequestContext& ctx,
                                   const std::string& application_id,
                                   std::string_view field) {
  if (ctx.caller.role != Role::kOfficer) return absl::OkStatus();
  if (storage::on_behalf_repo::ActedOnApplication(tx, application_id,
                                                  ctx.caller.subject))
    return ActedOnBehalf(field);
  return absl::OkStatus();
}

absl::Status CheckNotActedOnBehalfForAward(storage::Tx& tx,
                                           const RequestContext& ctx,
                                           const std::string& award_id,
                                           std::string_view field) {
  if (ctx.caller.role != Role::kOfficer) return absl::OkStatus();
  auto award = storage::award_repo::Get(tx, award_id);
  if (!award) return absl::OkStatus();  // the caller reports it missing
  return CheckNotActedOnBehalf(tx, ctx, award->application_id, field);
}

}  // namespace grants::organisations
