// Payments through the real server: schedules that sum to the award, four
// eyes and limits, the path from an accepted award to a paid instalment via
// the finance API, retried and conflicting remittances, reconciliation, and
// who may call the finance API.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "grants/v1/payments.grpc.pb.h"
#include "tests/award_builders.h"

namespace grants::testing {
namespace {

constexpr int64_t kAmount = 250'000;  // £2,500
constexpr char kUnknownInstruction[] = "6f1c1a52-3b7e-4c3a-9d57-1a2b3c4d5e6f";

struct Due {
  int64_t amount;
  std::string date;  // "" on acceptance
};

class PaymentsTest : public ::testing::Test {
 protected:
  // An award of `amount` to ORG-ROMA, accepted when `accept`.
  v1::Award Award(int64_t amount = kAmount, bool accept = true) {
    auto round = awards_.OpenRound(4'500'000, {3'000'000, 2'000'000});
    std::string app = awards_.Submit("ORG-ROMA", round.id(), amount).id();
    awards_.Close(round.id());
    awards_.Approve(app, amount);
    v1::Award award;
    EXPECT_TRUE(awards_.Offer(app, amount, &award).ok());
    if (accept) {
      EXPECT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
    }
    return award;
  }

  grpc::Status Schedule(const std::string& award_id, const std::vector<Due>& dues,
                        v1::PaymentSchedule* out) {
    v1::SetPaymentScheduleRequest req;
    req.set_request_id(Key());
    req.set_award_id(award_id);
    for (const auto& d : dues) {
      auto* i = req.add_instalments();
      *i->mutable_amount() = Gbp(d.amount);
      i->set_due(d.date.empty() ? v1::DUE_KIND_ON_ACCEPTANCE : v1::DUE_KIND_ON_DATE);
      i->set_due_date(d.date);
    }
    return payments_->SetPaymentSchedule(Officer(kRecommender).get(), req, out);
  }

  grpc::Status Request(const std::string& id, const std::string& officer,
                       v1::Payment* out) {
    v1::RequestPaymentRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    return payments_->RequestPayment(Officer(officer).get(), req, out);
  }

  grpc::Status Authorise(const std::string& id, const std::string& officer,
                         v1::Payment* out) {
    v1::AuthorisePaymentRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    return payments_->AuthorisePayment(Officer(officer).get(), req, out);
  }

  void SetLimit(const std::string& officer, int64_t limit) {
    v1::SetAuthorisationLimitRequest req;
    req.set_request_id(Key());
    req.set_officer(officer);
    *req.mutable_limit() = Gbp(limit);
    v1::AuthorisationLimit out;
    auto s = payments_->SetAuthorisationLimit(Officer("officer-head").get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // Requested by kRecommender and authorised by kDecider (limit set).
  v1::Payment Authorised(const std::string& payment_id) {
    SetLimit(kDecider, 1'000'000);
    v1::Payment p;
    EXPECT_TRUE(Request(payment_id, kRecommender, &p).ok());
    auto s = Authorise(payment_id, kDecider, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  grpc::Status Ack(const std::string& instruction, v1::PaymentInstruction* out) {
    v1::AcknowledgeInstructionRequest req;
    req.set_request_id(Key());
    req.set_instruction_id(instruction);
    grpc::ClientContext ctx;
    return finance_->AcknowledgeInstruction(&ctx, req, out);
  }

  grpc::Status Remit(const std::string& instruction, int64_t amount,
                     const std::string& reference, v1::PaymentInstruction* out,
                     const std::string& key = Key()) {
    v1::RecordRemittanceRequest req;
    req.set_request_id(key);
    req.set_instruction_id(instruction);
    *req.mutable_paid_amount() = Gbp(amount);
    req.set_paid_date("2025-01-16");
    req.set_bank_reference(reference);
    grpc::ClientContext ctx;
    return finance_->RecordRemittance(&ctx, req, out);
  }

  v1::ListPaymentInstructionsResponse Instructions() {
    v1::ListPaymentInstructionsRequest req;
    v1::ListPaymentInstructionsResponse out;
    grpc::ClientContext ctx;
    auto s = finance_->ListPaymentInstructions(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::Payment Get(const std::string& id) {
    v1::GetPaymentRequest req;
    req.set_id(id);
    v1::Payment out;
    EXPECT_TRUE(payments_->GetPayment(Officer(kDecider).get(), req, &out).ok());
    return out;
  }

  int64_t Count(const std::string& sql) { return std::stoll(db_.Scalar(sql)); }
  std::unique_ptr<grpc::ClientContext> Officer(const std::string& subject) {
    return server_.As(Role::kOfficer, subject);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  AwardBuilder awards_{server_};
  std::unique_ptr<v1::PaymentService::Stub> payments_ =
      v1::PaymentService::NewStub(server_.Channel());
  std::unique_ptr<v1::FinanceService::Stub> finance_ =
      v1::FinanceService::NewStub(server_.FinanceChannel());
};

TEST_F(PaymentsTest, RefusesAScheduleThatDoesNotSumToTheAwardAndWritesNothing) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  grpc::Status s = Schedule(award.id(), {{100'000, ""}, {100'000, "2025-03-01"}},
                            &schedule);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "SCHEDULE_SUM_MISMATCH");
  EXPECT_EQ(FieldOf(s), "instalments");
  EXPECT_EQ(ReasonOf(Schedule(award.id(), {{kAmount + 1, ""}}, &schedule)),
            "SCHEDULE_SUM_MISMATCH");
  EXPECT_EQ(Count("SELECT count(*) FROM payments"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'payment_schedule'"), 0);
  ASSERT_TRUE(Schedule(award.id(), {{150'000, ""}, {100'000, "2025-03-01"}},
                       &schedule).ok());
  ASSERT_EQ(schedule.payments_size(), 2);
  EXPECT_EQ(schedule.payments(0).state(), v1::PAYMENT_STATE_DUE);
  EXPECT_EQ(schedule.payments(1).state(), v1::PAYMENT_STATE_SCHEDULED);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'payment_schedule'"), 1);
}

TEST_F(PaymentsTest, OnlyAnAcceptedAwardGetsASchedule) {
  v1::Award offered = Award(kAmount, /*accept=*/false);
  v1::PaymentSchedule schedule;
  grpc::Status s = Schedule(offered.id(), {{kAmount, ""}}, &schedule);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "AWARD_NOT_ACCEPTED");
  EXPECT_EQ(Count("SELECT count(*) FROM payments"), 0);
}

TEST_F(PaymentsTest, TheRequesterCannotAuthoriseAndNobodyAboveTheirLimit) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{kAmount, ""}}, &schedule).ok());
  std::string id = schedule.payments(0).id();
  v1::Payment p;
  ASSERT_TRUE(Request(id, kRecommender, &p).ok());
  EXPECT_EQ(p.state(), v1::PAYMENT_STATE_REQUESTED);
  SetLimit(kRecommender, 1'000'000);
  grpc::Status s = Authorise(id, kRecommender, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  s = Authorise(id, kDecider, &p);  // no limit yet
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "AUTHORISATION_LIMIT_EXCEEDED");
  SetLimit(kDecider, kAmount - 1);
  EXPECT_EQ(ReasonOf(Authorise(id, kDecider, &p)), "AUTHORISATION_LIMIT_EXCEEDED");
  EXPECT_EQ(Get(id).state(), v1::PAYMENT_STATE_REQUESTED);
  EXPECT_EQ(Get(id).instruction_id(), "");
  SetLimit(kDecider, kAmount);
  ASSERT_TRUE(Authorise(id, kDecider, &p).ok());
  EXPECT_EQ(p.state(), v1::PAYMENT_STATE_AUTHORISED);
  EXPECT_EQ(p.authorised_by(), kDecider);
  EXPECT_FALSE(p.instruction_id().empty());
}

TEST_F(PaymentsTest, GoesFromAnAcceptedAwardToPaidInstalmentsWithExactSums) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{150'000, ""}, {100'000, "2025-02-01"}},
                       &schedule).ok());
  v1::Payment first = Authorised(schedule.payments(0).id());
  v1::Payment second = Authorised(schedule.payments(1).id());
  // Only the due one is an instruction; listing marks nothing.
  auto listed = Instructions();
  ASSERT_EQ(listed.instructions_size(), 1);
  EXPECT_EQ(listed.instructions(0).instruction_id(), first.instruction_id());
  EXPECT_EQ(Get(first.id()).state(), v1::PAYMENT_STATE_AUTHORISED);
  EXPECT_EQ(Instructions().instructions_size(), 1);

  v1::PaymentInstruction acked, again, paid;
  ASSERT_TRUE(Ack(first.instruction_id(), &acked).ok());
  EXPECT_EQ(acked.payment().state(), v1::PAYMENT_STATE_INSTRUCTED);
  ASSERT_TRUE(Ack(first.instruction_id(), &again).ok());
  EXPECT_EQ(again.SerializeAsString(), acked.SerializeAsString());
  ASSERT_TRUE(Remit(first.instruction_id(), 150'000, "BACS-0001", &paid).ok());
  EXPECT_EQ(paid.payment().state(), v1::PAYMENT_STATE_PAID);
  EXPECT_EQ(paid.payment().bank_reference(), "BACS-0001");
  EXPECT_EQ(Instructions().instructions_size(), 0);

  // The server's clock, not the client's, makes the second one due.
  server_.clock().Set(absl::FromUnixSeconds(1738368000));  // 2025-02-01
  listed = Instructions();
  ASSERT_EQ(listed.instructions_size(), 1);
  EXPECT_EQ(listed.instructions(0).instruction_id(), second.instruction_id());
  ASSERT_TRUE(Remit(second.instruction_id(), 100'000, "BACS-0002", &paid).ok());

  std::string award_id = "'" + award.id() + "'";
  EXPECT_EQ(Count("SELECT sum(paid_minor) FROM payments WHERE state = 'paid' "
                  "AND award_id = " + award_id), kAmount);
  EXPECT_EQ(Count("SELECT sum(amount_minor) FROM payments WHERE award_id = " +
                  award_id), kAmount);
  EXPECT_EQ(Count("SELECT count(*) FROM reconciliation_items"), 0);
  // A paid payment never changes, whoever tries.
  EXPECT_ANY_THROW(db_.Exec("UPDATE payments SET bank_reference = 'X' "
                            "WHERE state = 'paid'"));
  EXPECT_ANY_THROW(db_.Exec("DELETE FROM payments WHERE state = 'paid'"));
  // And payments of an award never exceed it.
  EXPECT_ANY_THROW(db_.Exec(
      "INSERT INTO payments (award_id, instalment, currency, amount_minor, "
      "due_kind, created_by, updated_at) VALUES (" + award_id +
      ", 9, 'GBP', 1, 'on_acceptance', 'x', now())"));
}

TEST_F(PaymentsTest, PagesInstructionsInAuthorisationOrderWhileFinanceAcknowledges) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{100'000, ""}, {100'000, ""}, {50'000, ""}},
                       &schedule).ok());
  std::vector<std::string> order;
  for (int i : {2, 0, 1}) {  // authorised in this order, a second apart
    order.push_back(Authorised(schedule.payments(i).id()).instruction_id());
    server_.clock().Advance(absl::Seconds(1));
  }
  v1::ListPaymentInstructionsRequest req;
  req.set_page_size(2);
  v1::ListPaymentInstructionsResponse page;
  grpc::ClientContext ctx1;
  ASSERT_TRUE(finance_->ListPaymentInstructions(&ctx1, req, &page).ok());
  ASSERT_EQ(page.instructions_size(), 2);
  EXPECT_EQ(page.instructions(0).instruction_id(), order[0]);
  EXPECT_EQ(page.instructions(1).instruction_id(), order[1]);
  v1::PaymentInstruction acked;
  for (const auto& i : page.instructions())
    ASSERT_TRUE(Ack(i.instruction_id(), &acked).ok());
  req.set_page_token(page.next_page_token());
  grpc::ClientContext ctx2;
  ASSERT_TRUE(finance_->ListPaymentInstructions(&ctx2, req, &page).ok());
  ASSERT_EQ(page.instructions_size(), 1);
  EXPECT_EQ(page.instructions(0).instruction_id(), order[2]);
  req.set_page_token("p2");
  grpc::ClientContext ctx3;
  EXPECT_EQ(ReasonOf(finance_->ListPaymentInstructions(&ctx3, req, &page)),
            "PAGE_TOKEN_INVALID");
}

TEST_F(PaymentsTest, ACancelledInstructionIsNotListedOrPayableAndAPaidOneCannotBeCancelled) {
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(Award().id(), {{150'000, ""}, {100'000, ""}}, &schedule).ok());
  v1::Payment cancelled = Authorised(schedule.payments(0).id());
  v1::Payment paid = Authorised(schedule.payments(1).id());
  v1::CancelPaymentRequest req;
  req.set_request_id(Key());
  req.set_id(cancelled.id());
  req.set_reason("Grantee changed bank; pay again once verified");
  v1::Payment out;
  ASSERT_TRUE(payments_->CancelPayment(Officer(kDecider).get(), req, &out).ok());
  EXPECT_EQ(out.state(), v1::PAYMENT_STATE_CANCELLED);
  ASSERT_EQ(Instructions().instructions_size(), 1);
  v1::PaymentInstruction remitted;
  EXPECT_EQ(ReasonOf(Remit(cancelled.instruction_id(), 150'000, "B-1", &remitted)),
            "PAYMENT_STATE_INVALID");
  ASSERT_TRUE(Remit(paid.instruction_id(), 100'000, "B-2", &remitted).ok());
  req.set_request_id(Key());
  req.set_id(paid.id());
  grpc::Status s = payments_->CancelPayment(Officer(kDecider).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "PAYMENT_STATE_INVALID");
  EXPECT_EQ(Get(paid.id()).state(), v1::PAYMENT_STATE_PAID);
}

TEST_F(PaymentsTest, AHundredIdenticalRemittanceRetriesFromSixteenThreadsPayOnce) {
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

TEST_F(PaymentsTest, AConflictingRetryIsRefusedAndQueuedForReconciliation) {
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

TEST_F(PaymentsTest, UnknownInstructionsAndWrongAmountsAreQueuedNotPaid) {
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

TEST_F(PaymentsTest, GranteesAndOfficersCannotCallTheFinanceApi) {
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
