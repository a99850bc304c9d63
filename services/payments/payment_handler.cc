// PaymentService and FinanceService handlers: convert, call the use case,
// convert back.
#include "services/payments/payment_handler.h"

#include "services/common/paging.h"
#include "services/common/proto_convert.h"
#include "common/status.h"
#include "services/common/validation.h"
#include "services/payments/payment_converters.h"

namespace grants::payments {
namespace {

// Converts a result that needs the London date of the call.
template <typename T, typename Proto>
absl::Status Respond(const RequestContext& ctx, absl::StatusOr<T> value,
                     Proto* resp) {
  if (!value.ok()) return value.status();
  ToProto(*value, LondonDate(ctx.now), resp);
  return absl::OkStatus();
}

absl::Status ValidId(std::string_view field, const std::string& id) {
  return Validator().Id(field, id).Finish();
}

}  // namespace

Reactor* PaymentHandler::SetPaymentSchedule(
    Ctx* c, const v1::SetPaymentScheduleRequest* req,
    v1::PaymentSchedule* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, SetPaymentSchedule), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto items, ToInstalments(*req));
        return Respond(ctx, payments_.SetSchedule(ctx, req->award_id(), items),
                       resp);
      });
}

Reactor* PaymentHandler::GetPaymentSchedule(
    Ctx* c, const v1::GetPaymentScheduleRequest* req,
    v1::PaymentSchedule* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, GetPaymentSchedule), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("award_id", req->award_id()));
        return Respond(ctx, payments_.GetSchedule(req->award_id()), resp);
      });
}

Reactor* PaymentHandler::GetPayment(Ctx* c, const v1::GetPaymentRequest* req,
                                    v1::Payment* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(PaymentService, GetPayment), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(ctx, payments_.Get(req->id()), resp);
                       });
}

Reactor* PaymentHandler::ListPayments(Ctx* c,
                                      const v1::ListPaymentsRequest* req,
                                      v1::ListPaymentsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, ListPayments), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(std::string state, ToStateFilter(*req));
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list,
                         payments_.List(ctx, req->award_id(), state, page));
        for (const auto& p : list.items)
          ToProto(p, LondonDate(ctx.now), resp->add_payments());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

Reactor* PaymentHandler::RequestPayment(Ctx* c,
                                        const v1::RequestPaymentRequest* req,
                                        v1::Payment* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(PaymentService, RequestPayment), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(ctx, payments_.Request(ctx, req->id()),
                                        resp);
                       });
}

Reactor* PaymentHandler::AuthorisePayment(
    Ctx* c, const v1::AuthorisePaymentRequest* req, v1::Payment* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(PaymentService, AuthorisePayment), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         RETURN_IF_ERROR(ValidId("id", req->id()));
                         return Respond(
                             ctx, payments_.Authorise(ctx, req->id()), resp);
                       });
}

Reactor* PaymentHandler::CancelPayment(Ctx* c,
                                       const v1::CancelPaymentRequest* req,
                                       v1::Payment* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, CancelPayment), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("id", req->id())
                            .Text("reason", req->reason(), 1, kMaxNoteChars)
                            .Finish());
        return Respond(ctx, payments_.Cancel(ctx, req->id(), req->reason()),
                       resp);
      });
}

Reactor* PaymentHandler::SetAuthorisationLimit(
    Ctx* c, const v1::SetAuthorisationLimitRequest* req,
    v1::AuthorisationLimit* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, SetAuthorisationLimit), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(AuthorisationLimit limit, ToLimit(*req));
        ASSIGN_OR_RETURN(limit, payments_.SetLimit(ctx, limit));
        ToProto(limit, resp);
        return absl::OkStatus();
      });
}

Reactor* PaymentHandler::ListReconciliationItems(
    Ctx* c, const v1::ListReconciliationItemsRequest* req,
    v1::ListReconciliationItemsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, ListReconciliationItems), *req,
      [=, this](const RequestContext&) -> absl::Status {
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list, finance_.ListItems(req->open_only(), page));
        for (const auto& i : list.items) ToProto(i, resp->add_items());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

Reactor* PaymentHandler::ResolveReconciliationItem(
    Ctx* c, const v1::ResolveReconciliationItemRequest* req,
    v1::ReconciliationItem* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, ResolveReconciliationItem), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("id", req->id())
                            .Multiline("note", req->note(), 1, kMaxNoteChars)
                            .Finish());
        ASSIGN_OR_RETURN(auto item,
                         finance_.Resolve(ctx, req->id(), req->note()));
        ToProto(item, resp);
        return absl::OkStatus();
      });
}

Reactor* FinanceHandler::ListPaymentInstructions(
    Ctx* c, const v1::ListPaymentInstructionsRequest* req,
    v1::ListPaymentInstructionsResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FinanceService, ListPaymentInstructions), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(auto page, ParsePage(req->page_size(), ""));
        ASSIGN_OR_RETURN(auto cursor, ToCursor(req->page_token()));
        ASSIGN_OR_RETURN(auto list,
                         finance_.ListInstructions(ctx, page.limit, cursor));
        for (const auto& p : list.items)
          ToProto(p, LondonDate(ctx.now), resp->add_instructions());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

Reactor* FinanceHandler::AcknowledgeInstruction(
    Ctx* c, const v1::AcknowledgeInstructionRequest* req,
    v1::PaymentInstruction* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FinanceService, AcknowledgeInstruction), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("instruction_id", req->instruction_id()));
        return Respond(ctx, finance_.Acknowledge(ctx, req->instruction_id()),
                       resp);
      });
}

Reactor* FinanceHandler::RecordRemittance(
    Ctx* c, const v1::RecordRemittanceRequest* req,
    v1::PaymentInstruction* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(FinanceService, RecordRemittance), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(Remittance r, ToRemittance(*req));
                         return Respond(ctx, finance_.Remit(ctx, r), resp);
                       });
}

Reactor* FinanceHandler::RecordPaymentFailure(
    Ctx* c, const v1::RecordPaymentFailureRequest* req,
    v1::PaymentInstruction* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FinanceService, RecordPaymentFailure), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(Validator()
                            .Id("instruction_id", req->instruction_id())
                            .Text("reason", req->reason(), 1, kMaxNoteChars)
                            .Finish());
        return Respond(ctx,
                       finance_.Fail(ctx, req->instruction_id(), req->reason()),
                       resp);
      });
}

Reactor* PaymentHandler::ReplacePayment(Ctx* c,
                                        const v1::ReplacePaymentRequest* req,
                                        v1::Payment* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, ReplacePayment), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(Replacement r, ToReplacement(*req));
        return Respond(ctx, payments_.Replace(ctx, r.id, r.due, r.due_date),
                       resp);
      });
}

Reactor* PaymentHandler::ListRecoveries(Ctx* c,
                                        const v1::ListRecoveriesRequest* req,
                                        v1::ListRecoveriesResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, ListRecoveries), *req,
      [=, this](const RequestContext&) -> absl::Status {
        Validator v;
        if (!req->award_id().empty()) v.Id("award_id", req->award_id());
        if (!v1::RecoveryState_IsValid(req->state()))
          v.Add("state", "STATE_INVALID", "unknown recovery state");
        RETURN_IF_ERROR(v.Finish());
        std::string state = RecoveryStateFilter(req->state());
        ASSIGN_OR_RETURN(auto page,
                         ParsePage(req->page_size(), req->page_token()));
        ASSIGN_OR_RETURN(auto list,
                         recoveries_.List(req->award_id(), state, page));
        for (const auto& r : list.items) ToProto(r, resp->add_recoveries());
        resp->set_next_page_token(list.next_page_token);
        return absl::OkStatus();
      });
}

Reactor* PaymentHandler::WriteOffRecovery(
    Ctx* c, const v1::WriteOffRecoveryRequest* req, v1::Recovery* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(PaymentService, WriteOffRecovery), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(CheckWriteOff(*req));
        ASSIGN_OR_RETURN(Recovery r,
                         recoveries_.WriteOff(ctx, req->id(), req->reason()));
        ToProto(r, resp);
        return absl::OkStatus();
      });
}

Reactor* FinanceHandler::RecordRecoveryReceipt(
    Ctx* c, const v1::RecordRecoveryReceiptRequest* req, v1::Recovery* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(FinanceService, RecordRecoveryReceipt), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        ASSIGN_OR_RETURN(RecoveryReceipt receipt, ToReceipt(*req));
        ASSIGN_OR_RETURN(Recovery r, recoveries_.Receive(ctx, receipt));
        ToProto(r, resp);
        return absl::OkStatus();
      });
}

}  // namespace grants::payments
