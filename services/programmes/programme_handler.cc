// ProgrammeService handlers: convert, call the use case, convert back.
#include "services/programmes/programme_handler.h"

#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"
#include "common/status.h"
#include "services/common/validation.h"
#include "services/programmes/programme_converters.h"

namespace grants::programmes {
grpc::ServerUnaryReactor* ProgrammeHandler::CreateProgramme(
    Ctx* c, const v1::CreateProgrammeRequest* req, v1::Programme* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ProgrammeService, CreateProgramme), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto cmd, ToCommand(*req));
        ASSIGN_OR_RETURN(auto p, service_.CreateProgramme(ctx, cmd));
        ToProto(p, resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProgrammeHandler::GetProgramme(
    Ctx* c, const v1::GetProgrammeRequest* req, v1::Programme* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(ProgrammeService, GetProgramme), *req,
                       [=, this](const RequestContext&) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         ASSIGN_OR_RETURN(auto p,
                                          service_.GetProgramme(req->id()));
                         ToProto(p, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* ProgrammeHandler::ListProgrammes(
    Ctx* c, const v1::ListProgrammesRequest* req,
    v1::ListProgrammesResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ProgrammeService, ListProgrammes), *req,
      [=, this](const RequestContext&) -> absl::Status {
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, service_.ListProgrammes(page));
        for (const auto& p : list.items) ToProto(p, resp->add_programmes());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProgrammeHandler::CreateRound(
    Ctx* c, const v1::CreateRoundRequest* req, v1::Round* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ProgrammeService, CreateRound), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("programme_id", req->programme_id()));
        ASSIGN_OR_RETURN(auto spec, ToSpec(req->spec()));
        return Respond(service_.CreateRound(ctx, req->programme_id(), spec),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeHandler::SetRoundTranslation(
    Ctx* c, const v1::SetRoundTranslationRequest* req, v1::Round* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ProgrammeService, SetRoundTranslation), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(RoundTranslation t, ToTranslation(*req));
        return Respond(service_.SetTranslation(ctx, req->round_id(), t), resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeHandler::UpdateRound(
    Ctx* c, const v1::UpdateRoundRequest* req, v1::Round* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ProgrammeService, UpdateRound), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto patch, ToPatch(*req));
        return Respond(service_.UpdateRound(ctx, req->round_id(), patch), resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeHandler::OpenRound(
    Ctx* c, const v1::OpenRoundRequest* req, v1::Round* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(ProgrammeService, OpenRound), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
                         return Respond(
                             service_.OpenRound(ctx, req->round_id()), resp);
                       });
}

grpc::ServerUnaryReactor* ProgrammeHandler::CloseRound(
    Ctx* c, const v1::CloseRoundRequest* req, v1::Round* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(ProgrammeService, CloseRound), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("round_id", req->round_id()));
                         return Respond(
                             service_.CloseRound(ctx, req->round_id()), resp);
                       });
}

grpc::ServerUnaryReactor* ProgrammeHandler::CancelRound(
    Ctx* c, const v1::CancelRoundRequest* req, v1::Round* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ProgrammeService, CancelRound), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("round_id", req->round_id())
                            .Text("reason", req->reason(), 1, kMaxNoteChars)
                            .Finish());
        return Respond(
            service_.CancelRound(ctx, req->round_id(), req->reason()), resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeHandler::GetRound(
    Ctx* c, const v1::GetRoundRequest* req, v1::Round* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(ProgrammeService, GetRound), *req,
                       [=, this](const RequestContext&) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(service_.GetRound(req->id()), resp);
                       });
}

grpc::ServerUnaryReactor* ProgrammeHandler::ListRounds(
    Ctx* c, const v1::ListRoundsRequest* req, v1::ListRoundsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(ProgrammeService, ListRounds), *req,
      [=, this](const RequestContext&) -> absl::Status {
        ASSIGN_OR_RETURN(auto filter, ToFilter(*req));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, service_.ListRounds(filter, page));
        for (const auto& r : list.items) ToProto(r, resp->add_rounds());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

}  // namespace grants::programmes
