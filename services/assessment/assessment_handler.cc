// AssessmentService handlers: convert, call the use case, convert back.
#include "services/assessment/assessment_handler.h"

#include "services/assessment/assessment_converters.h"
#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"
#include "common/status.h"
#include "services/common/validation.h"

namespace grants::assessment {
grpc::ServerUnaryReactor* AssessmentHandler::SetRubric(
    Ctx* c, const v1::SetRubricRequest* req, v1::Rubric* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, SetRubric), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
        return Respond(
            service_.SetRubric(ctx, req->round_id(), ToCriteria(*req)), resp);
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::GetRubric(
    Ctx* c, const v1::GetRubricRequest* req, v1::Rubric* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AssessmentService, GetRubric), *req,
                       [=, this](const RequestContext&) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
                         return Respond(service_.GetRubric(req->round_id()),
                                        resp);
                       });
}

grpc::ServerUnaryReactor* AssessmentHandler::AssignReviewers(
    Ctx* c, const v1::AssignReviewersRequest* req,
    v1::AssignReviewersResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, AssignReviewers), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto reviewers, ToReviewers(*req));
        ASSIGN_OR_RETURN(
            auto assigned,
            service_.Assign(ctx, req->application_id(), reviewers));
        resp->set_application_id(assigned.id);
        for (const auto& a : assigned.items)
          ToProto(a, resp->add_assignments());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::ListMyAssignments(
    Ctx* c, const v1::ListMyAssignmentsRequest* req,
    v1::ListMyAssignmentsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, ListMyAssignments), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        if (!req->round_id().empty())
          RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
        ASSIGN_OR_RETURN(auto mine,
                         service_.ListMyAssignments(ctx, req->round_id()));
        for (const auto& a : mine) ToProto(a, resp->add_assignments());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::DeclareConflict(
    Ctx* c, const v1::DeclareConflictRequest* req,
    v1::ConflictDeclaration* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, DeclareConflict), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto conflict, ToConflict(*req));
        return Respond(service_.DeclareConflict(ctx, conflict), resp);
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::ListConflicts(
    Ctx* c, const v1::ListConflictsRequest* req,
    v1::ListConflictsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, ListConflicts), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(
            Validator().Text("person", req->person(), 0, 200).Finish());
        ASSIGN_OR_RETURN(auto conflicts,
                         service_.ListConflicts(ctx, req->person()));
        for (const auto& d : conflicts) ToProto(d, resp->add_conflicts());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::GetApplicationForReview(
    Ctx* c, const v1::GetApplicationForReviewRequest* req,
    v1::ApplicationForReview* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, GetApplicationForReview), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("id", req->id()));
        return Respond(service_.GetForReview(ctx, req->id()), resp);
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::ScoreApplication(
    Ctx* c, const v1::ScoreApplicationRequest* req, v1::ScoreSheet* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, ScoreApplication), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto entries, ToEntries(*req));
        return Respond(
            service_.ScoreApplication(ctx, req->application_id(), entries),
            resp);
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::ListScores(
    Ctx* c, const v1::ListScoresRequest* req, v1::ListScoresResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(AssessmentService, ListScores), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("application_id", req->application_id()));
        ASSIGN_OR_RETURN(auto scores,
                         service_.ListScores(ctx, req->application_id()));
        for (const auto& s : scores) ToProto(s, resp->add_scores());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AssessmentHandler::ModerateScore(
    Ctx* c, const v1::ModerateScoreRequest* req, v1::Score* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AssessmentService, ModerateScore), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(auto moderation, ToModeration(*req));
                         return Respond(service_.Moderate(ctx, moderation),
                                        resp);
                       });
}

grpc::ServerUnaryReactor* AssessmentHandler::ListRanking(
    Ctx* c, const v1::ListRankingRequest* req, v1::ListRankingResponse* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(AssessmentService, ListRanking), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
                         ASSIGN_OR_RETURN(
                             auto ranking,
                             service_.Ranking(ctx, req->round_id()));
                         resp->set_round_id(req->round_id());
                         for (const auto& e : ranking)
                           ToProto(e, resp->add_entries());
                         return absl::OkStatus();
                       });
}

}  // namespace grants::assessment
