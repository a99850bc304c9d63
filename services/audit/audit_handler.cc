// AuditService handlers, with the proto conversions they need.
#include "services/audit/audit_handler.h"

#include "common/crypto.h"
#include "services/common/proto_convert.h"
#include "common/status.h"

namespace grants::audit {
namespace {

void ToProto(const Event& e, v1::AuditEvent* out) {
  out->set_id(e.id);
  out->set_seq(e.seq);
  grants::ToProto(e.occurred_at, out->mutable_occur_time());
  out->set_actor(e.actor);
  out->set_role(e.role);
  out->set_action(e.action);
  out->set_entity_type(e.entity_type);
  out->set_entity_id(e.entity_id);
  out->set_request_id(e.request_id);
  out->set_peer(e.peer);
  out->set_summary_json(e.summary_json);
}

v1::AuditProblem ToProto(Problem p) {
  switch (p) {
    case Problem::kNone:
      return v1::AUDIT_PROBLEM_UNSPECIFIED;
    case Problem::kContentMismatch:
      return v1::AUDIT_PROBLEM_ALTERED;
    case Problem::kChainBroken:
      return v1::AUDIT_PROBLEM_CHAIN_BROKEN;
    case Problem::kTruncated:
      return v1::AUDIT_PROBLEM_TRUNCATED;
    case Problem::kHeadForged:
      return v1::AUDIT_PROBLEM_HEAD_FORGED;
    case Problem::kCheckpointNotExtended:
      return v1::AUDIT_PROBLEM_CHECKPOINT_NOT_EXTENDED;
  }
  return v1::AUDIT_PROBLEM_UNSPECIFIED;
}

}  // namespace

grpc::ServerUnaryReactor* AuditHandler::ListAuditEvents(
    grpc::CallbackServerContext* context,
    const v1::ListAuditEventsRequest* request,
    v1::ListAuditEventsResponse* response) {
  return rpc_.Dispatch(
      context, GRANTS_METHOD(AuditService, ListAuditEvents), *request,
      [=, this](const RequestContext&) -> absl::Status {
        ASSIGN_OR_RETURN(
            Page page, ParsePage(request->page_size(), request->page_token()));
        audit::ListFilter filter{
            request->entity_type(), request->entity_id(), request->actor()};
        if (request->has_since()) filter.since = FromProto(request->since());
        if (request->has_until()) filter.until = FromProto(request->until());
        ASSIGN_OR_RETURN(EventPage result, service_.List(filter, page));
        for (const auto& e : result.events) ToProto(e, response->add_events());
        response->set_next_page_token(result.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AuditHandler::VerifyAuditTrail(
    grpc::CallbackServerContext* context,
    const v1::VerifyAuditTrailRequest* request,
    v1::VerifyAuditTrailResponse* response) {
  return rpc_.Dispatch(
      context, GRANTS_METHOD(AuditService, VerifyAuditTrail), *request,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(VerifyReport report,
                         service_.Verify(request->checkpoint(), ctx.now));
        response->set_ok(report.finding.problem == Problem::kNone);
        response->set_events_checked(report.checked);
        response->set_head_seq(report.head_seq);
        response->set_head_hash(ToHex(report.head_hash));
        response->set_bad_seq(report.finding.seq);
        response->set_bad_event_id(report.finding.event_id);
        response->set_problem(ToProto(report.finding.problem));
        response->set_detail(report.finding.detail);
        response->set_checkpoint_seq(report.checkpoint_seq);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AuditHandler::CreateCheckpoint(
    grpc::CallbackServerContext* context,
    const v1::CreateCheckpointRequest* request,
    v1::CreateCheckpointResponse* response) {
  return rpc_.Dispatch(
      context, GRANTS_METHOD(AuditService, CreateCheckpoint), *request,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(Checkpoint c, service_.CreateCheckpoint(ctx.now));
        response->set_checkpoint(c.Text());
        response->set_seq(c.seq);
        response->set_hash(ToHex(c.hash));
        grants::ToProto(c.time, response->mutable_create_time());
        response->set_public_key_pem(service_.checkpoint_public_key());
        return absl::OkStatus();
      });
}

}  // namespace grants::audit
