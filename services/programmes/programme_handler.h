// gRPC adapter for ProgrammeService: a few lines per RPC.
#pragma once

#include "grants/v1/programmes.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/programmes/programme_service.h"

namespace grants::programmes {

class ProgrammeHandler final : public v1::ProgrammeService::CallbackService {
 public:
  ProgrammeHandler(const RpcRunner& rpc, ProgrammeService& service)
      : rpc_(rpc), service_(service) {}

  using Ctx = grpc::CallbackServerContext;
  grpc::ServerUnaryReactor* CreateProgramme(Ctx* c, const v1::CreateProgrammeRequest* req,
                               v1::Programme* resp) override;
  grpc::ServerUnaryReactor* GetProgramme(Ctx* c, const v1::GetProgrammeRequest* req,
                            v1::Programme* resp) override;
  grpc::ServerUnaryReactor* ListProgrammes(Ctx* c, const v1::ListProgrammesRequest* req,
                              v1::ListProgrammesResponse* resp) override;
  grpc::ServerUnaryReactor* CreateRound(Ctx* c, const v1::CreateRoundRequest* req,
                           v1::Round* resp) override;
  grpc::ServerUnaryReactor* UpdateRound(Ctx* c, const v1::UpdateRoundRequest* req,
                           v1::Round* resp) override;
  grpc::ServerUnaryReactor* OpenRound(Ctx* c, const v1::OpenRoundRequest* req,
                         v1::Round* resp) override;
  grpc::ServerUnaryReactor* CloseRound(Ctx* c, const v1::CloseRoundRequest* req,
                          v1::Round* resp) override;
  grpc::ServerUnaryReactor* CancelRound(Ctx* c, const v1::CancelRoundRequest* req,
                           v1::Round* resp) override;
  grpc::ServerUnaryReactor* GetRound(Ctx* c, const v1::GetRoundRequest* req,
                        v1::Round* resp) override;
  grpc::ServerUnaryReactor* SetRoundTranslation(
      Ctx* c, const v1::SetRoundTranslationRequest* req,
      v1::Round* resp) override;
  grpc::ServerUnaryReactor* ListRounds(Ctx* c, const v1::ListRoundsRequest* req,
                          v1::ListRoundsResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  ProgrammeService& service_;
};

}  // namespace grants::programmes
