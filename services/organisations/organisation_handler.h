// gRPC adapter for OrganisationService.
#pragma once

#include "grants/v1/organisations.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/organisations/organisation_service.h"
#include "services/organisations/retention_service.h"

namespace grants::organisations {

class OrganisationHandler final : public v1::OrganisationService::CallbackService {
 public:
  OrganisationHandler(const RpcRunner& rpc, OrganisationService& service,
                      RetentionService& retention)
      : rpc_(rpc), service_(service), retention_(retention) {}

  using Ctx = grpc::CallbackServerContext;
  grpc::ServerUnaryReactor* RegisterOrganisation(Ctx* c,
                                    const v1::RegisterOrganisationRequest* req,
                                    v1::Organisation* resp) override;
  grpc::ServerUnaryReactor* UpdateOrganisation(Ctx* c,
                                  const v1::UpdateOrganisationRequest* req,
                                  v1::Organisation* resp) override;
  grpc::ServerUnaryReactor* GetOrganisation(Ctx* c, const v1::GetOrganisationRequest* req,
                               v1::Organisation* resp) override;
  grpc::ServerUnaryReactor* ListOrganisations(Ctx* c,
                                 const v1::ListOrganisationsRequest* req,
                                 v1::ListOrganisationsResponse* resp) override;
  grpc::ServerUnaryReactor* ProposeBankDetails(
      Ctx* c, const v1::ProposeBankDetailsRequest* req,
      v1::BankDetailsChange* resp) override;
  grpc::ServerUnaryReactor* ConfirmBankDetails(
      Ctx* c, const v1::ConfirmBankDetailsRequest* req,
      v1::BankDetailsChange* resp) override;
  grpc::ServerUnaryReactor* ErasePersonalData(
      Ctx* c, const v1::ErasePersonalDataRequest* req,
      v1::ErasePersonalDataResponse* resp) override;
  grpc::ServerUnaryReactor* ListRetentionRules(
      Ctx* c, const v1::ListRetentionRulesRequest* req,
      v1::ListRetentionRulesResponse* resp) override;
  grpc::ServerUnaryReactor* SetRetentionPeriod(
      Ctx* c, const v1::SetRetentionPeriodRequest* req,
      v1::RetentionRule* resp) override;
  grpc::ServerUnaryReactor* SweepRetention(
      Ctx* c, const v1::SweepRetentionRequest* req,
      v1::SweepRetentionResponse* resp) override;
  grpc::ServerUnaryReactor* ExportPersonalData(
      Ctx* c, const v1::ExportPersonalDataRequest* req,
      v1::ExportPersonalDataResponse* resp) override;
  grpc::ServerUnaryReactor* ListBankDetailsChanges(
      Ctx* c, const v1::ListBankDetailsChangesRequest* req,
      v1::ListBankDetailsChangesResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  OrganisationService& service_;
  RetentionService& retention_;
};

}  // namespace grants::organisations
