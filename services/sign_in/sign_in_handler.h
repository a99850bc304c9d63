// gRPC adapter for SignInService.
#pragma once

#include "grants/v1/sign_in.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/sign_in/sign_in_service.h"

namespace grants::sign_in {

class SignInHandler final : public v1::SignInService::CallbackService {
 public:
  SignInHandler(const RpcRunner& rpc, SignInService& service)
      : rpc_(rpc), service_(service) {}

  using Ctx = grpc::CallbackServerContext;
  grpc::ServerUnaryReactor* RequestSignInLink(
      Ctx* c, const v1::RequestSignInLinkRequest* req,
      v1::RequestSignInLinkResponse* resp) override;
  grpc::ServerUnaryReactor* RedeemSignInLink(
      Ctx* c, const v1::RedeemSignInLinkRequest* req,
      v1::SignInSession* resp) override;
  grpc::ServerUnaryReactor* SignOut(Ctx* c, const v1::SignOutRequest* req,
                                    v1::SignOutResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  SignInService& service_;
};

}  // namespace grants::sign_in
