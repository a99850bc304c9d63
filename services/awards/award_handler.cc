// AwardService handlers: convert, call the use case, convert back.
#include "services/awards/award_handler.h"

#include "common/london_time.h"
#include "common/status.h"
#include "services/awards/award_converters.h"
#include "services/awards/variation_converters.h"
#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"

namespace grants::awards {
grpc::ServerUnaryReactor* AwardHandler::SetRoundAwardSettings(
    Ctx* c, const v1::SetRoundAwardSettingsRequest* req,
    v1::RoundAwardSettings* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, SetRoundAwardSettings),
                       *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(RoundSettings s, ToSettings(*req));
                         return Respond(decisions_.SetSettings(ctx, s), resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::GetRoundAwardSettings(
    Ctx* c, const v1::GetRoundAwardSettingsRequest* req,
    v1::RoundAwardSettings* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, GetRoundAwardSettings), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
        return Respond(decisions_.GetSettings(ctx, req->round_id()), resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::RecommendApplication(
    Ctx* c, const v1::RecommendApplicationRequest* req, v1::Decision* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, RecommendApplication), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(RecommendCommand cmd, ToCommand(*req));
        return Respond(decisions_.Recommend(ctx, cmd), resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::DecideApplication(
    Ctx* c, const v1::DecideApplicationRequest* req, v1::Decision* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, DecideApplication), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(DecideCommand cmd, ToCommand(*req));
                         return Respond(decisions_.Decide(ctx, cmd), resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::DecideApplications(
    Ctx* c, const v1::DecideApplicationsRequest* req,
    v1::DecideApplicationsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, DecideApplications), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(BulkDecision bulk, ToBulk(*req));
        auto results =
            decisions_.DecideMany(ctx, bulk.round_id, bulk.application_ids,
                                  bulk.outcome, bulk.comment);
        for (const auto& [id, result] : results) {
          ToProto(id, result, resp->add_results());
          resp->set_decided(resp->decided() + (result.ok() ? 1 : 0));
          resp->set_refused(resp->refused() + (result.ok() ? 0 : 1));
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AwardHandler::GetDecision(
    Ctx* c, const v1::GetDecisionRequest* req, v1::Decision* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, GetDecision), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("application_id", req->application_id()));
        return Respond(decisions_.Get(ctx, req->application_id()), resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::OfferAward(
    Ctx* c, const v1::OfferAwardRequest* req, v1::Award* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, OfferAward), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(OfferCommand cmd, ToCommand(*req));
                         return Respond(awards_.Offer(ctx, cmd), resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::ApproveFastPath(
    Ctx* c, const v1::ApproveFastPathRequest* req, v1::Award* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, ApproveFastPath), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(FastPathCommand cmd, ToCommand(*req));
                         return Respond(awards_.ApproveFastPath(ctx, cmd),
                                        resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::AcceptOffer(
    Ctx* c, const v1::AcceptOfferRequest* req, v1::Award* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, AcceptOffer), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("id", req->id()));
        return Respond(awards_.Accept(ctx, req->id(), OnBehalfOf(*req)), resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::DeclineOffer(
    Ctx* c, const v1::DeclineOfferRequest* req, v1::Award* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, DeclineOffer), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("id", req->id())
                            .Text("reason", req->reason(), 0, kMaxNoteChars)
                            .Finish());
        return Respond(awards_.Decline(ctx, req->id(), req->reason()), resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::ExpireOffers(
    Ctx* c, const v1::ExpireOffersRequest* req,
    v1::ExpireOffersResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, ExpireOffers), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        if (!req->round_id().empty())
          RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
        ASSIGN_OR_RETURN(ExpiryRun run, awards_.Expire(ctx, req->round_id()));
        resp->set_run_id(run.id);
        for (const auto& a : run.expired) ToProto(a, resp->add_expired());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AwardHandler::GetAward(Ctx* c,
                                                 const v1::GetAwardRequest* req,
                                                 v1::Award* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, GetAward), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(awards_.Get(ctx, req->id()), resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::ListAwards(
    Ctx* c, const v1::ListAwardsRequest* req, v1::ListAwardsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, ListAwards), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto filter, ToFilter(*req));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, awards_.List(ctx, filter, page));
        for (const auto& a : list.items) ToProto(a, resp->add_awards());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AwardHandler::SetAttribution(
    Ctx* c, const v1::SetAttributionRequest* req, v1::Award* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, SetAttribution), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto shares, ToShares(*req));
        return Respond(awards_.SetAttribution(ctx, req->id(), shares), resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::ProposeVariation(
    Ctx* c, const v1::ProposeVariationRequest* req, v1::Variation* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, ProposeVariation), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
                         return Respond(variations_.Propose(ctx, cmd), resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::DecideVariation(
    Ctx* c, const v1::DecideVariationRequest* req, v1::Variation* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, DecideVariation), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
                         return Respond(variations_.Decide(ctx, cmd), resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::ListVariations(
    Ctx* c, const v1::ListVariationsRequest* req,
    v1::ListVariationsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, ListVariations), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto filter, ToFilter(*req));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, variations_.List(ctx, filter, page));
        for (const auto& v : list.items) ToProto(v, resp->add_variations());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AwardHandler::TerminateAward(
    Ctx* c, const v1::TerminateAwardRequest* req, v1::Termination* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, TerminateAward), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
                         ASSIGN_OR_RETURN(Termination t,
                                          variations_.Terminate(ctx, cmd));
                         ToProto(t, LondonDate(ctx.now), resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* AwardHandler::CompleteAward(
    Ctx* c, const v1::CompleteAwardRequest* req, v1::Award* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, CompleteAward), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(variations_.Complete(ctx, req->id()),
                                        resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::RaiseRecovery(
    Ctx* c, const v1::RaiseRecoveryRequest* req,
    v1::RaiseRecoveryResponse* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, RaiseRecovery), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
                         ASSIGN_OR_RETURN(RaisedRecovery r,
                                          variations_.RaiseRecovery(ctx, cmd));
                         ToProto(r, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* AwardHandler::CloseOutRound(
    Ctx* c, const v1::CloseOutRoundRequest* req, v1::RoundCloseOut* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, CloseOutRound), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
                         ASSIGN_OR_RETURN(auto out, decisions_.CloseOutRound(
                                                        ctx, req->round_id()));
                         resp->set_round_id(out.round_id);
                         grants::ToProto(out.currency, out.committed_minor,
                                         resp->mutable_committed());
                         grants::ToProto(out.currency, out.released_minor,
                                         resp->mutable_released_to_fund());
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* AwardHandler::MeetCondition(
    Ctx* c, const v1::MeetConditionRequest* req, v1::AwardCondition* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AwardService, MeetCondition), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(MeetCommand cmd, ToCommand(*req));
                         return Respond(awards_.MeetCondition(ctx, cmd), resp);
                       });
}

grpc::ServerUnaryReactor* AwardHandler::SignOffCondition(
    Ctx* c, const v1::SignOffConditionRequest* req, v1::AwardCondition* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, SignOffCondition), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("condition_id", req->condition_id()));
        return Respond(awards_.SignOffCondition(ctx, req->condition_id()),
                       resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::ReturnCondition(
    Ctx* c, const v1::ReturnConditionRequest* req, v1::AwardCondition* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, ReturnCondition), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("condition_id", req->condition_id())
                            .Multiline("comment", req->comment(), 1, 2000)
                            .Finish());
        return Respond(
            awards_.ReturnCondition(ctx, req->condition_id(), req->comment()),
            resp);
      });
}

grpc::ServerUnaryReactor* AwardHandler::SetConditionTranslation(
    Ctx* c, const v1::SetConditionTranslationRequest* req, v1::Award* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AwardService, SetConditionTranslation), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto in, ToTranslation(*req));
        return Respond(
            awards_.SetConditionTranslation(ctx, in.first, in.second), resp);
      });
}

}  // namespace grants::awards
