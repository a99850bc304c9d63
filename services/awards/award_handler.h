// gRPC adapter for AwardService.
#pragma once

#include "grants/v1/awards.grpc.pb.h"
#include "services/awards/award_service.h"
#include "services/awards/decision_service.h"
#include "services/awards/variation_service.h"
#include "services/common/rpc.h"

namespace grants::awards {

class AwardHandler final : public v1::AwardService::CallbackService {
 public:
  AwardHandler(const RpcRunner& rpc, DecisionService& decisions,
               AwardService& awards, VariationService& variations)
      : rpc_(rpc),
        decisions_(decisions),
        awards_(awards),
        variations_(variations) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* SetRoundAwardSettings(Ctx* c,
                                 const v1::SetRoundAwardSettingsRequest* req,
                                 v1::RoundAwardSettings* resp) override;
  Reactor* GetRoundAwardSettings(Ctx* c,
                                 const v1::GetRoundAwardSettingsRequest* req,
                                 v1::RoundAwardSettings* resp) override;
  Reactor* RecommendApplication(Ctx* c,
                                const v1::RecommendApplicationRequest* req,
                                v1::Decision* resp) override;
  Reactor* DecideApplication(Ctx* c, const v1::DecideApplicationRequest* req,
                             v1::Decision* resp) override;
  Reactor* DecideApplications(Ctx* c, const v1::DecideApplicationsRequest* req,
                              v1::DecideApplicationsResponse* resp) override;
  Reactor* GetDecision(Ctx* c, const v1::GetDecisionRequest* req,
                       v1::Decision* resp) override;
  Reactor* OfferAward(Ctx* c, const v1::OfferAwardRequest* req,
                      v1::Award* resp) override;
  Reactor* MeetCondition(Ctx* c, const v1::MeetConditionRequest* req,
                         v1::AwardCondition* resp) override;
  Reactor* SignOffCondition(Ctx* c, const v1::SignOffConditionRequest* req,
                            v1::AwardCondition* resp) override;
  Reactor* ReturnCondition(Ctx* c, const v1::ReturnConditionRequest* req,
                           v1::AwardCondition* resp) override;
  Reactor* SetConditionTranslation(
      Ctx* c, const v1::SetConditionTranslationRequest* req,
      v1::Award* resp) override;
  Reactor* AcceptOffer(Ctx* c, const v1::AcceptOfferRequest* req,
                       v1::Award* resp) override;
  Reactor* ApproveFastPath(Ctx* c, const v1::ApproveFastPathRequest* req,
                           v1::Award* resp) override;
  Reactor* DeclineOffer(Ctx* c, const v1::DeclineOfferRequest* req,
                        v1::Award* resp) override;
  Reactor* ExpireOffers(Ctx* c, const v1::ExpireOffersRequest* req,
                        v1::ExpireOffersResponse* resp) override;
  Reactor* GetAward(Ctx* c, const v1::GetAwardRequest* req,
                    v1::Award* resp) override;
  Reactor* ListAwards(Ctx* c, const v1::ListAwardsRequest* req,
                      v1::ListAwardsResponse* resp) override;
  Reactor* SetAttribution(Ctx* c, const v1::SetAttributionRequest* req,
                          v1::Award* resp) override;
  Reactor* ProposeVariation(Ctx* c, const v1::ProposeVariationRequest* req,
                            v1::Variation* resp) override;
  Reactor* DecideVariation(Ctx* c, const v1::DecideVariationRequest* req,
                           v1::Variation* resp) override;
  Reactor* ListVariations(Ctx* c, const v1::ListVariationsRequest* req,
                          v1::ListVariationsResponse* resp) override;
  Reactor* CompleteAward(Ctx* c, const v1::CompleteAwardRequest* req,
                         v1::Award* resp) override;
  Reactor* RaiseRecovery(Ctx* c, const v1::RaiseRecoveryRequest* req,
                         v1::RaiseRecoveryResponse* resp) override;
  Reactor* CloseOutRound(Ctx* c, const v1::CloseOutRoundRequest* req,
                         v1::RoundCloseOut* resp) override;
  Reactor* TerminateAward(Ctx* c, const v1::TerminateAwardRequest* req,
                          v1::Termination* resp) override;

 private:
  const RpcRunner& rpc_;
  DecisionService& decisions_;
  AwardService& awards_;
  VariationService& variations_;
};

}  // namespace grants::awards
