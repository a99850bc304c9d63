// gRPC adapter for FundingService: a few lines per RPC.
#pragma once

#include "grants/v1/funding.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/funding/funding_service.h"

namespace grants::funding {

class FundingHandler final : public v1::FundingService::CallbackService {
 public:
  FundingHandler(const RpcRunner& rpc, FundingService& service)
      : rpc_(rpc), service_(service) {}

  using Ctx = grpc::CallbackServerContext;
  grpc::ServerUnaryReactor* CreateFunder(Ctx* c, const v1::CreateFunderRequest* req,
                            v1::Funder* resp) override;
  grpc::ServerUnaryReactor* GetFunder(Ctx* c, const v1::GetFunderRequest* req,
                         v1::Funder* resp) override;
  grpc::ServerUnaryReactor* ListFunders(Ctx* c, const v1::ListFundersRequest* req,
                           v1::ListFundersResponse* resp) override;
  grpc::ServerUnaryReactor* CreateFund(Ctx* c, const v1::CreateFundRequest* req,
                          v1::Fund* resp) override;
  grpc::ServerUnaryReactor* GetFund(Ctx* c, const v1::GetFundRequest* req,
                       v1::Fund* resp) override;
  grpc::ServerUnaryReactor* ListFunds(Ctx* c, const v1::ListFundsRequest* req,
                         v1::ListFundsResponse* resp) override;
  grpc::ServerUnaryReactor* AddContribution(Ctx* c, const v1::AddContributionRequest* req,
                               v1::Contribution* resp) override;
  grpc::ServerUnaryReactor* ListContributions(Ctx* c,
                                 const v1::ListContributionsRequest* req,
                                 v1::ListContributionsResponse* resp) override;
  grpc::ServerUnaryReactor* GetFundMoney(Ctx* c,
                                         const v1::GetFundMoneyRequest* req,
                                         v1::FundMoney* resp) override;

 private:
  const RpcRunner& rpc_;
  FundingService& service_;
};

}  // namespace grants::funding
