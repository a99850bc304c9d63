// SignInService handlers: convert, call the use case, convert back.
#include "services/sign_in/sign_in_handler.h"

#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"

namespace grants::sign_in {

grpc::ServerUnaryReactor* SignInHandler::RequestSignInLink(
    Ctx* c, const v1::RequestSignInLinkRequest* req,
    v1::RequestSignInLinkResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(SignInService, RequestSignInLink), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(SentLink sent, service_.RequestLink(ctx, req->email(),
                                                             req->language()));
        ToProto(sent.expires_at, resp->mutable_expires_at());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SignInHandler::RedeemSignInLink(
    Ctx* c, const v1::RedeemSignInLinkRequest* req, v1::SignInSession* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(SignInService, RedeemSignInLink), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(Session s, service_.Redeem(ctx, req->code(),
                                                    req->organisation_id()));
        resp->set_access_token(s.access_token);
        ToProto(s.expires_at, resp->mutable_expires_at());
        resp->set_email(s.email);
        resp->set_organisation_id(s.organisation_id);
        resp->set_registered(s.registered);
        for (const auto& [id, name] : s.choices) {
          auto* choice = resp->add_choices();
          choice->set_organisation_id(id);
          choice->set_name(name);
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SignInHandler::SignOut(Ctx* c,
                                                 const v1::SignOutRequest* req,
                                                 v1::SignOutResponse* resp) {
  // The token the call was made with (the pipeline has verified it as the
  // caller's) is the session to end.
  std::string token;
  auto it = c->client_metadata().find("authorization");
  if (it != c->client_metadata().end()) {
    std::string_view value(it->second.data(), it->second.size());
    constexpr std::string_view kBearer = "Bearer ";
    if (value.starts_with(kBearer)) token = value.substr(kBearer.size());
  }
  return rpc_.Dispatch(c, GRANTS_METHOD(SignInService, SignOut), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(absl::Time expires,
                                          service_.SignOut(ctx, token));
                         rpc_.Forget(token);
                         ToProto(expires, resp->mutable_expires_at());
                         return absl::OkStatus();
                       });
}

}  // namespace grants::sign_in
