// gRPC adapters for PaymentService (officers) and FinanceService (finance
// machines).
#pragma once

#include "grants/v1/payments.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/payments/finance_service.h"
#include "services/payments/payment_service.h"
#include "services/payments/recovery_service.h"

namespace grants::payments {

using Ctx = grpc::CallbackServerContext;
using Reactor = grpc::ServerUnaryReactor;

class PaymentHandler final : public v1::PaymentService::CallbackService {
 public:
  PaymentHandler(const RpcRunner& rpc, PaymentService& payments,
                 FinanceService& finance, RecoveryService& recoveries)
      : rpc_(rpc),
        payments_(payments),
        finance_(finance),
        recoveries_(recoveries) {}

  Reactor* SetPaymentSchedule(Ctx* c, const v1::SetPaymentScheduleRequest* req,
                              v1::PaymentSchedule* resp) override;
  Reactor* GetPaymentSchedule(Ctx* c, const v1::GetPaymentScheduleRequest* req,
                              v1::PaymentSchedule* resp) override;
  Reactor* GetPayment(Ctx* c, const v1::GetPaymentRequest* req,
                      v1::Payment* resp) override;
  Reactor* ListPayments(Ctx* c, const v1::ListPaymentsRequest* req,
                        v1::ListPaymentsResponse* resp) override;
  Reactor* RequestPayment(Ctx* c, const v1::RequestPaymentRequest* req,
                          v1::Payment* resp) override;
  Reactor* AuthorisePayment(Ctx* c, const v1::AuthorisePaymentRequest* req,
                            v1::Payment* resp) override;
  Reactor* CancelPayment(Ctx* c, const v1::CancelPaymentRequest* req,
                         v1::Payment* resp) override;
  Reactor* SetAuthorisationLimit(Ctx* c,
                                 const v1::SetAuthorisationLimitRequest* req,
                                 v1::AuthorisationLimit* resp) override;
  Reactor* ListReconciliationItems(
      Ctx* c, const v1::ListReconciliationItemsRequest* req,
      v1::ListReconciliationItemsResponse* resp) override;
  Reactor* ResolveReconciliationItem(
      Ctx* c, const v1::ResolveReconciliationItemRequest* req,
      v1::ReconciliationItem* resp) override;
  Reactor* ReplacePayment(Ctx* c, const v1::ReplacePaymentRequest* req,
                          v1::Payment* resp) override;
  Reactor* ListRecoveries(Ctx* c, const v1::ListRecoveriesRequest* req,
                          v1::ListRecoveriesResponse* resp) override;
  Reactor* WriteOffRecovery(Ctx* c, const v1::WriteOffRecoveryRequest* req,
                            v1::Recovery* resp) override;

 private:
  const RpcRunner& rpc_;
  PaymentService& payments_;
  FinanceService& finance_;
  RecoveryService& recoveries_;
};

class FinanceHandler final : public v1::FinanceService::CallbackService {
 public:
  FinanceHandler(const RpcRunner& rpc, FinanceService& finance,
                 RecoveryService& recoveries)
      : rpc_(rpc), finance_(finance), recoveries_(recoveries) {}

  Reactor* ListPaymentInstructions(
      Ctx* c, const v1::ListPaymentInstructionsRequest* req,
      v1::ListPaymentInstructionsResponse* resp) override;
  Reactor* AcknowledgeInstruction(Ctx* c,
                                  const v1::AcknowledgeInstructionRequest* req,
                                  v1::PaymentInstruction* resp) override;
  Reactor* RecordRemittance(Ctx* c, const v1::RecordRemittanceRequest* req,
                            v1::PaymentInstruction* resp) override;
  Reactor* RecordPaymentFailure(Ctx* c,
                                const v1::RecordPaymentFailureRequest* req,
                                v1::PaymentInstruction* resp) override;
  Reactor* RecordRecoveryReceipt(Ctx* c,
                                 const v1::RecordRecoveryReceiptRequest* req,
                                 v1::Recovery* resp) override;

 private:
  const RpcRunner& rpc_;
  FinanceService& finance_;
  RecoveryService& recoveries_;
};

}  // namespace grants::payments
