// gRPC adapter for ProgrammeService: a few lines per RPC.
#pragma once

#include "grants/v1/programmes.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/programmes/programme_service.h"

namespace grants::programmes {

class ProgrammeHandler final : public v1::ProgrammeService::Service {
 public:
  ProgrammeHandler(const RpcRunner& rpc, ProgrammeService& service)
      : rpc_(rpc), service_(service) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateProgramme(Ctx* c, const v1::CreateProgrammeRequest* req,
                               v1::Programme* resp) override;
  grpc::Status GetProgramme(Ctx* c, const v1::GetProgrammeRequest* req,
                            v1::Programme* resp) override;
  grpc::Status ListProgrammes(Ctx* c, const v1::ListProgrammesRequest* req,
                              v1::ListProgrammesResponse* resp) override;
  grpc::Status CreateRound(Ctx* c, const v1::CreateRoundRequest* req,
                           v1::Round* resp) override;
  grpc::Status UpdateRound(Ctx* c, const v1::UpdateRoundRequest* req,
                           v1::Round* resp) override;
  grpc::Status OpenRound(Ctx* c, const v1::OpenRoundRequest* req,
                         v1::Round* resp) override;
  grpc::Status CloseRound(Ctx* c, const v1::CloseRoundRequest* req,
                          v1::Round* resp) override;
  grpc::Status CancelRound(Ctx* c, const v1::CancelRoundRequest* req,
                           v1::Round* resp) override;
  grpc::Status GetRound(Ctx* c, const v1::GetRoundRequest* req,
                        v1::Round* resp) override;
  grpc::Status ListRounds(Ctx* c, const v1::ListRoundsRequest* req,
                          v1::ListRoundsResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  ProgrammeService& service_;
};

}  // namespace grants::programmes
