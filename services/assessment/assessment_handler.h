// gRPC adapter for AssessmentService.
#pragma once

#include "grants/v1/assessment.grpc.pb.h"
#include "services/assessment/assessment_service.h"
#include "services/common/rpc.h"

namespace grants::assessment {

class AssessmentHandler final : public v1::AssessmentService::CallbackService {
 public:
  AssessmentHandler(const RpcRunner& rpc, AssessmentService& service)
      : rpc_(rpc), service_(service) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* SetRubric(Ctx* c, const v1::SetRubricRequest* req,
                     v1::Rubric* resp) override;
  Reactor* GetRubric(Ctx* c, const v1::GetRubricRequest* req,
                     v1::Rubric* resp) override;
  Reactor* AssignReviewers(Ctx* c, const v1::AssignReviewersRequest* req,
                           v1::AssignReviewersResponse* resp) override;
  Reactor* ListMyAssignments(Ctx* c, const v1::ListMyAssignmentsRequest* req,
                             v1::ListMyAssignmentsResponse* resp) override;
  Reactor* ListConflicts(Ctx* c, const v1::ListConflictsRequest* req,
                         v1::ListConflictsResponse* resp) override;
  Reactor* DeclareConflict(Ctx* c, const v1::DeclareConflictRequest* req,
                           v1::ConflictDeclaration* resp) override;
  Reactor* GetApplicationForReview(Ctx* c,
                                   const v1::GetApplicationForReviewRequest* req,
                                   v1::ApplicationForReview* resp) override;
  Reactor* ScoreApplication(Ctx* c, const v1::ScoreApplicationRequest* req,
                            v1::ScoreSheet* resp) override;
  Reactor* ListScores(Ctx* c, const v1::ListScoresRequest* req,
                      v1::ListScoresResponse* resp) override;
  Reactor* ModerateScore(Ctx* c, const v1::ModerateScoreRequest* req,
                         v1::Score* resp) override;
  Reactor* ListRanking(Ctx* c, const v1::ListRankingRequest* req,
                       v1::ListRankingResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  AssessmentService& service_;
};

}  // namespace grants::assessment
