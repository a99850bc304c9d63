// The finance API's remittances through the real server: retried and
// conflicting remittances, reconciliation of what does not match, bad input
// that writes nothing, and who may call the finance API.
#include "tests/payments_fixture.h"

#include <atomic>
#include <thread>

#include "clients/client/client_status.h"
#include "common/status.h"

namespace grants::testing {
namespace {

using FinanceTest = PaymentsTest;

TEST_F(FinanceTest, AHundredIdenticalRemittanceRetriesFromSixteenThreadsPayOnce) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{kAmount, ""}}, &schedule).ok());
  v1::Payment p = Authorised(schedule.payments(0).id());
  const std::string key = Key();
  std::vector<std::string> responses(100);
  std::atomic<int> next{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&] {
      for (int i = next++; i < 100; i = next++) {
        v1::PaymentInstruction out;
        // Half share one idempotency key, half bring their own.
        grpc::Status s = Remit(p.instruction_id(), kAmount, "BACS-7",
                               &out, i % 2 ? key : Key());
        if (!s.ok()) ++failures;
        responses[i] = out.SerializeAsString();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  for (const auto& r : responses) EXPECT_EQ(r, responses[0]);
  EXPECT_EQ(Count("SELECT count(*) FROM payments WHERE state = 'paid'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'payment' AND action = 'RecordRemittance'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM reconciliation_items"), 0);
}

// Instructions carry the payee's account in full: finance's read of them
// is recorded, for the group's subject-access export (#15).
TEST_F(FinanceTest, ReadingInstructionsRecordsWhoReadTheGroupsBankDetails) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{kAmount, ""}}, &schedule).ok());
  Authorised(schedule.payments(0).id());
  const std::string reads =
      "SELECT count(*) FROM personal_data_reads WHERE organisation_id = "
      "'ORG-ROMA' AND what = 'bank_details' AND reader_role = 'finance' AND "
      "method = 'ListPaymentInstructions'";
  EXPECT_EQ(Count(reads), 0);
  ASSERT_EQ(Instructions().instructions_size(), 1);
  EXPECT_EQ(Count(reads), 1);
}

TEST_F(FinanceTest, AConflictingRetryIsRefusedAndQueuedForReconciliation) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{kAmount, ""}}, &schedule).ok());
  v1::Payment p = Authorised(schedule.payments(0).id());
  v1::PaymentInstruction out;
  const std::string key = Key();
  ASSERT_TRUE(Remit(p.instruction_id(), kAmount, "BACS-1", &out, key).ok());
  for (const std::string& k : {key, Key()}) {
    grpc::Status s = Remit(p.instruction_id(), kAmount, "BACS-2", &out, k);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_EQ(ReasonOf(s), "REMITTANCE_CONFLICT");
  }
  EXPECT_EQ(Get(p.id()).bank_reference(), "BACS-1");
  EXPECT_EQ(Count("SELECT count(*) FROM reconciliation_items WHERE reason = "
                  "'duplicate' AND bank_reference = 'BACS-2'"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'reconciliation_item'"), 2);
}

TEST_F(FinanceTest, UnknownInstructionsAndWrongAmountsAreQueuedNotPaid) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{kAmount, ""}}, &schedule).ok());
  v1::Payment p = Authorised(schedule.payments(0).id());
  v1::PaymentInstruction out;
  grpc::Status s = Remit(kUnknownInstruction, kAmount, "BACS-9", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(s), "UNKNOWN_INSTRUCTION");
  s = Remit(p.instruction_id(), kAmount - 1, "BACS-9", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "AMOUNT_MISMATCH");
  EXPECT_EQ(Count("SELECT count(*) FROM payments WHERE state = 'paid'"), 0);
  EXPECT_EQ(Get(p.id()).state(), v1::PAYMENT_STATE_AUTHORISED);

  v1::ListReconciliationItemsRequest list;
  v1::ListReconciliationItemsResponse items;
  ASSERT_TRUE(payments_->ListReconciliationItems(Officer(kDecider).get(), list,
                                                 &items).ok());
  ASSERT_EQ(items.items_size(), 2);
  EXPECT_EQ(items.items(0).reason(), v1::RECONCILIATION_REASON_UNKNOWN_INSTRUCTION);
  EXPECT_EQ(items.items(1).reason(), v1::RECONCILIATION_REASON_AMOUNT_MISMATCH);
  EXPECT_EQ(items.items(1).payment_id(), p.id());

  v1::ResolveReconciliationItemRequest resolve;
  resolve.set_request_id(Key());
  resolve.set_id(items.items(0).id());
  resolve.set_note("Bank confirmed a mistyped reference; returned to sender");
  v1::ReconciliationItem resolved;
  ASSERT_TRUE(payments_->ResolveReconciliationItem(Officer(kDecider).get(),
                                                   resolve, &resolved).ok());
  EXPECT_TRUE(resolved.resolved());
  EXPECT_EQ(resolved.resolved_by(), kDecider);
  resolve.set_request_id(Key());
  EXPECT_EQ(ReasonOf(payments_->ResolveReconciliationItem(
                Officer(kDecider).get(), resolve, &resolved)),
            "ITEM_RESOLVED");
  // Open items first.
  ASSERT_TRUE(payments_->ListReconciliationItems(Officer(kDecider).get(), list,
                                                 &items).ok());
  EXPECT_FALSE(items.items(0).resolved());
  EXPECT_TRUE(items.items(1).resolved());
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'reconciliation_item'"), 3);
}

TEST_F(FinanceTest, AFailedPaymentIsRecordedOnceAndCanNoLongerBePaid) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{kAmount, ""}}, &schedule).ok());
  v1::Payment p = Authorised(schedule.payments(0).id());
  v1::RecordPaymentFailureRequest req;
  req.set_instruction_id(p.instruction_id());
  req.set_reason("Account closed");
  v1::PaymentInstruction first, again;
  for (auto* out : {&first, &again}) {
    req.set_request_id(Key());
    grpc::ClientContext ctx;
    ASSERT_TRUE(finance_->RecordPaymentFailure(&ctx, req, out).ok());
  }
  EXPECT_EQ(first.payment().state(), v1::PAYMENT_STATE_FAILED);
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = "
                  "'RecordPaymentFailure'"), 1);
  EXPECT_EQ(Instructions().instructions_size(), 0);
  v1::PaymentInstruction out;
  EXPECT_EQ(ReasonOf(Remit(p.instruction_id(), kAmount, "B-1", &out)),
            "PAYMENT_STATE_INVALID");
}

TEST_F(FinanceTest, MalformedRemittancesAreRefusedAndWriteNothing) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{kAmount, ""}}, &schedule).ok());
  v1::Payment p = Authorised(schedule.payments(0).id());
  int64_t events = Count("SELECT count(*) FROM audit_events");
  v1::RecordRemittanceRequest req;
  req.set_request_id(Key());
  req.set_instruction_id(p.instruction_id());
  *req.mutable_paid_amount() = Gbp(0);
  req.set_paid_date("2025-02-30");
  v1::PaymentInstruction out;
  grpc::ClientContext ctx;
  grpc::Status s = finance_->RecordRemittance(&ctx, req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const auto& f : FieldViolationsOf(FromGrpcStatus(s))) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"paid_amount.minor_units", "bank_reference",
                                              "paid_date"}));
  EXPECT_EQ(Count("SELECT count(*) FROM reconciliation_items"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events"), events);
  EXPECT_EQ(Get(p.id()).state(), v1::PAYMENT_STATE_AUTHORISED);
}

TEST_F(FinanceTest, GranteesAndOfficersCannotCallTheFinanceApi) {
  auto finance = v1::FinanceService::NewStub(server_.Channel());
  v1::ListPaymentInstructionsRequest req;
  v1::ListPaymentInstructionsResponse out;
  EXPECT_EQ(finance->ListPaymentInstructions(Officer(kDecider).get(), req, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(finance
                ->ListPaymentInstructions(
                    server_.As(Role::kGrantee, "user-ORG-ROMA", "ORG-ROMA").get(),
                    req, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::RecordRemittanceRequest remit;
  remit.set_request_id(Key());
  remit.set_instruction_id(kUnknownInstruction);
  v1::PaymentInstruction ignored;
  EXPECT_EQ(finance->RecordRemittance(Officer(kDecider).get(), remit, &ignored)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("SELECT count(*) FROM reconciliation_items"), 0);
}

}  // namespace
}  // namespace grants::testing
