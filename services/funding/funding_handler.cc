// FundingService handlers: convert, call the use case, convert back.
#include "services/funding/funding_handler.h"

#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"
#include "common/status.h"
#include "services/common/validation.h"
#include "services/funding/funding_converters.h"

namespace grants::funding {
grpc::ServerUnaryReactor* FundingHandler::CreateFunder(
    Ctx* c, const v1::CreateFunderRequest* req, v1::Funder* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(FundingService, CreateFunder), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
                         ASSIGN_OR_RETURN(auto f,
                                          service_.CreateFunder(ctx, cmd));
                         ToProto(f, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* FundingHandler::GetFunder(
    Ctx* c, const v1::GetFunderRequest* req, v1::Funder* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(FundingService, GetFunder), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         ASSIGN_OR_RETURN(auto f,
                                          service_.GetFunder(ctx, req->id()));
                         ToProto(f, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* FundingHandler::ListFunders(
    Ctx* c, const v1::ListFundersRequest* req, v1::ListFundersResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FundingService, ListFunders), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, service_.ListFunders(ctx, page));
        for (const auto& f : list.items) ToProto(f, resp->add_funders());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FundingHandler::CreateFund(
    Ctx* c, const v1::CreateFundRequest* req, v1::Fund* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(FundingService, CreateFund), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
                         ASSIGN_OR_RETURN(auto f,
                                          service_.CreateFund(ctx, cmd));
                         ToProto(f, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* FundingHandler::GetFund(Ctx* c,
                                                  const v1::GetFundRequest* req,
                                                  v1::Fund* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(FundingService, GetFund), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         ASSIGN_OR_RETURN(auto f,
                                          service_.GetFund(ctx, req->id()));
                         ToProto(f, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* FundingHandler::ListFunds(
    Ctx* c, const v1::ListFundsRequest* req, v1::ListFundsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FundingService, ListFunds), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, service_.ListFunds(ctx, page));
        for (const auto& f : list.items) ToProto(f, resp->add_funds());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FundingHandler::AddContribution(
    Ctx* c, const v1::AddContributionRequest* req, v1::Contribution* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(FundingService, AddContribution), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
                         ASSIGN_OR_RETURN(auto con,
                                          service_.AddContribution(ctx, cmd));
                         ToProto(con, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* FundingHandler::ListContributions(
    Ctx* c, const v1::ListContributionsRequest* req,
    v1::ListContributionsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FundingService, ListContributions), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("fund_id", req->fund_id()));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list,
                         service_.ListContributions(ctx, req->fund_id(), page));
        for (const auto& con : list.items)
          ToProto(con, resp->add_contributions());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FundingHandler::GetFundMoney(
    Ctx* c, const v1::GetFundMoneyRequest* req, v1::FundMoney* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FundingService, GetFundMoney), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("fund_id", req->fund_id()));
        ASSIGN_OR_RETURN(auto m, service_.GetFundMoney(ctx, req->fund_id()));
        ToProto(m, resp);
        return absl::OkStatus();
      });
}

}  // namespace grants::funding
