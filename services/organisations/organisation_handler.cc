// OrganisationService handlers: convert, call the use case, convert back.
#include "services/organisations/organisation_handler.h"

#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"
#include "common/status.h"
#include "services/organisations/organisation_converters.h"

namespace grants::organisations {
namespace {

absl::Status RequireId(const std::string& id,
                       std::string_view field = "id") {
  if (id.empty() || id.size() > 64)
    return InvalidField(field, "REQUIRED", "name the organisation");
  return absl::OkStatus();
}

// A personal-data request names one group or one person's address.
absl::Status OneSubject(const std::string& organisation_id,
                        const std::string& email) {
  if (email.empty()) return RequireId(organisation_id, "organisation_id");
  if (!organisation_id.empty())
    return InvalidField("email", "ONE_SUBJECT",
                        "name a group or a person's address, not both");
  if (!IsEmail(email))
    return InvalidField("email", "EMAIL_INVALID", "not an email address");
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* OrganisationHandler::RegisterOrganisation(
    Ctx* c, const v1::RegisterOrganisationRequest* req,
    v1::Organisation* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, RegisterOrganisation), *req,
      [=, this](const RequestContext& ctx) {
        return Respond(service_.Register(ctx, FromProto(req->profile()),
                                         req->on_behalf_reason()),
                       resp);
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::UpdateOrganisation(
    Ctx* c, const v1::UpdateOrganisationRequest* req, v1::Organisation* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, UpdateOrganisation), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(RequireId(req->id()));
        ASSIGN_OR_RETURN(auto merge, ToMerge(*req));
        return Respond(service_.Update(ctx, req->id(), merge), resp);
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::GetOrganisation(
    Ctx* c, const v1::GetOrganisationRequest* req, v1::Organisation* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(OrganisationService, GetOrganisation),
                       *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(RequireId(req->id()));
                         return Respond(service_.Get(ctx, req->id()), resp);
                       });
}

grpc::ServerUnaryReactor* OrganisationHandler::ListOrganisations(
    Ctx* c, const v1::ListOrganisationsRequest* req,
    v1::ListOrganisationsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, ListOrganisations), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, service_.List(ctx, page));
        for (const auto& o : list.items) ToProto(o, resp->add_organisations());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::ProposeBankDetails(
    Ctx* c, const v1::ProposeBankDetailsRequest* req,
    v1::BankDetailsChange* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, ProposeBankDetails), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(RequireId(req->organisation_id(), "organisation_id"));
        return Respond(service_.ProposeBank(ctx, req->organisation_id(),
                                            FromProto(req->bank_details())),
                       resp);
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::ConfirmBankDetails(
    Ctx* c, const v1::ConfirmBankDetailsRequest* req,
    v1::BankDetailsChange* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, ConfirmBankDetails), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("id", req->id()));
        return Respond(service_.ConfirmBank(ctx, req->id()), resp);
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::ErasePersonalData(
    Ctx* c, const v1::ErasePersonalDataRequest* req,
    v1::ErasePersonalDataResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, ErasePersonalData), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(
            OneSubject(req->organisation_id(), req->email()));
        ASSIGN_OR_RETURN(auto erased,
                         req->email().empty()
                             ? service_.Erase(ctx, req->organisation_id())
                             : service_.ErasePerson(ctx, req->email()));
        resp->set_organisation_id(erased.organisation_id);
        grants::ToProto(erased.erased_at, resp->mutable_erase_time());
        resp->set_already_erased(erased.already_erased);
        resp->set_person_id(erased.person_id);
        for (const auto& id : erased.organisation_ids)
          resp->add_organisation_ids(id);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::ExportPersonalData(
    Ctx* c, const v1::ExportPersonalDataRequest* req,
    v1::ExportPersonalDataResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, ExportPersonalData), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(
            OneSubject(req->organisation_id(), req->email()));
        ASSIGN_OR_RETURN(
            *resp->mutable_document_json(),
            req->email().empty()
                ? service_.ExportPersonalData(ctx, req->organisation_id())
                : service_.ExportPerson(ctx, req->email()));
        resp->set_organisation_id(req->organisation_id());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::ListRetentionRules(
    Ctx* c, const v1::ListRetentionRulesRequest* req,
    v1::ListRetentionRulesResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, ListRetentionRules), *req,
      [=, this](const RequestContext&) -> absl::Status {
        ASSIGN_OR_RETURN(auto rules, retention_.Rules());
        for (const auto& rule : rules) ToProto(rule, resp->add_rules());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::SetRetentionPeriod(
    Ctx* c, const v1::SetRetentionPeriodRequest* req, v1::RetentionRule* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, SetRetentionPeriod), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        if (req->record_class().empty() || req->record_class().size() > 64)
          return InvalidField("record_class", "REQUIRED",
                              "name a record class of the schedule");
        ASSIGN_OR_RETURN(auto rule,
                         retention_.SetPeriod(ctx, req->record_class(),
                                              req->keep_days()));
        ToProto(rule, resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::SweepRetention(
    Ctx* c, const v1::SweepRetentionRequest* req,
    v1::SweepRetentionResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, SweepRetention), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto sweep, retention_.SweepNow(ctx));
        ToProto(sweep, resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::ListBankDetailsChanges(
    Ctx* c, const v1::ListBankDetailsChangesRequest* req,
    v1::ListBankDetailsChangesResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(OrganisationService, ListBankDetailsChanges), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(RequireId(req->organisation_id(), "organisation_id"));
        ASSIGN_OR_RETURN(auto changes,
                         service_.ListBankChanges(ctx, req->organisation_id(),
                                                  req->pending_only()));
        for (const auto& ch : changes) ToProto(ch, resp->add_changes());
        return absl::OkStatus();
      });
}

}  // namespace grants::organisations
