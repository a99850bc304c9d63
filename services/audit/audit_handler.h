// gRPC adapter for AuditService.
#pragma once

#include "grants/v1/audit.grpc.pb.h"
#include "services/audit/audit_service.h"
#include "services/common/rpc.h"

namespace grants::audit {

class AuditHandler final : public v1::AuditService::CallbackService {
 public:
  AuditHandler(const RpcRunner& rpc, AuditService& service)
      : rpc_(rpc), service_(service) {}

  grpc::ServerUnaryReactor* ListAuditEvents(grpc::CallbackServerContext* context,
                               const v1::ListAuditEventsRequest* request,
                               v1::ListAuditEventsResponse* response) override;
  grpc::ServerUnaryReactor* VerifyAuditTrail(grpc::CallbackServerContext* context,
                                const v1::VerifyAuditTrailRequest* request,
                                v1::VerifyAuditTrailResponse* response) override;
  grpc::ServerUnaryReactor* CreateCheckpoint(
      grpc::CallbackServerContext* context,
      const v1::CreateCheckpointRequest* request,
      v1::CreateCheckpointResponse* response) override;

 private:
  const RpcRunner& rpc_;
  AuditService& service_;
};

}  // namespace grants::audit
