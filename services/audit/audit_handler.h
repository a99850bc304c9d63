// gRPC adapter for AuditService.
#pragma once

#include "grants/v1/audit.grpc.pb.h"
#include "services/audit/audit_service.h"
#include "services/common/rpc.h"

namespace grants::audit {

class AuditHandler final : public v1::AuditService::Service {
 public:
  AuditHandler(const RpcRunner& rpc, AuditService& service)
      : rpc_(rpc), service_(service) {}

  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* request,
                               v1::ListAuditEventsResponse* response) override;
  grpc::Status VerifyAuditTrail(grpc::ServerContext* context,
                                const v1::VerifyAuditTrailRequest* request,
                                v1::VerifyAuditTrailResponse* response) override;

 private:
  const RpcRunner& rpc_;
  AuditService& service_;
};

}  // namespace grants::audit
