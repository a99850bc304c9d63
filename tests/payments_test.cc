// Payments through the real server: schedules that sum to the award, four
// eyes and limits, the path from an accepted award to paid instalments via
// the finance API, paging of instructions, cancellation.
#include "tests/payments_fixture.h"

namespace grants::testing {
namespace {

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

TEST_F(PaymentsTest, NoOneGrantsThemselvesAnAuthorisationLimit) {
  auto set = [&](Role role, const std::string& as, const std::string& officer,
                 int64_t limit) {
    v1::SetAuthorisationLimitRequest req;
    req.set_request_id(Key());
    req.set_officer(officer);
    *req.mutable_limit() = Gbp(limit);
    v1::AuthorisationLimit out;
    return payments_->SetAuthorisationLimit(server_.As(role, as).get(), req,
                                            &out);
  };
  Award();  // kDecider decides it: grantsd has seen them sign in
  SetLimit(kDecider, 100);
  auto limits = [&] {
    return db_.Scalar(
        "SELECT string_agg(officer || '=' || limit_minor, ',' ORDER BY officer)"
        " FROM authorisation_limits");
  };
  const std::string before = limits();
  // An officer raising their own limit, or a colleague's.
  grpc::Status own = set(Role::kOfficer, kDecider, kDecider, 9'999'999);
  EXPECT_EQ(own.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(own), "ROLE_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(set(Role::kOfficer, kDecider, kRecommender, 9'999'999)),
            "ROLE_NOT_ALLOWED");
  // An administrator whose subject is also an officer's, granting it.
  grpc::Status self = set(Role::kAdministrator, kDecider, kDecider, 9'999'999);
  EXPECT_EQ(self.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(self), "LIMIT_FOR_SELF");
  EXPECT_EQ(FieldOf(self), "officer");
  // A subject that never signed in as an officer (a typo, or invented).
  grpc::Status unknown =
      set(Role::kAdministrator, "admin-bea", "officer-nobody", 5000);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(unknown), "OFFICER_UNKNOWN");
  EXPECT_EQ(FieldOf(unknown), "officer");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type ="
                  " 'refusal' AND entity_id = 'officer-nobody'"),
            1);
  EXPECT_EQ(limits(), before);
  // Each refusal is in the audit trail, by who tried.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type ="
                  " 'refusal' AND actor = '" + std::string(kDecider) + "'"),
            3);
  // Another administrator sets it, and the trail has old, new and who.
  ASSERT_TRUE(set(Role::kAdministrator, "admin-bea", kDecider, 5000).ok());
  EXPECT_EQ(db_.Scalar("SELECT summary FROM audit_events WHERE entity_type ="
                       " 'authorisation_limit' ORDER BY id DESC LIMIT 1"),
            R"({"after":5000,"before":100,"currency":"GBP","set_by":"admin-bea"})");
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

TEST_F(PaymentsTest, AGranteeListsOnlyItsOwnPaymentsWithoutOfficersNames) {
  v1::Award mine = Award();
  auto round = awards_.OpenRound(4'500'000, {3'000'000, 2'000'000});
  std::string app = awards_.Submit("ORG-OTHER", round.id(), kAmount).id();
  awards_.Close(round.id());
  awards_.Approve(app, kAmount);
  v1::Award theirs;
  ASSERT_TRUE(awards_.Offer(app, kAmount, &theirs).ok());
  ASSERT_TRUE(awards_.Accept("ORG-OTHER", theirs.id(), &theirs).ok());
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(mine.id(), {{kAmount, ""}}, &schedule).ok());
  Authorised(schedule.payments(0).id());
  ASSERT_TRUE(Schedule(theirs.id(), {{kAmount, ""}}, &schedule).ok());

  auto list = [&](const std::string& award_id) {
    v1::ListPaymentsRequest req;
    req.set_award_id(award_id);
    v1::ListPaymentsResponse resp;
    auto s = payments_->ListPayments(
        server_.As(Role::kGrantee, "user-ORG-ROMA", "ORG-ROMA").get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  };
  v1::ListPaymentsResponse own = list("");
  ASSERT_EQ(own.payments_size(), 1);
  EXPECT_EQ(own.payments(0).award_id(), mine.id());
  EXPECT_EQ(own.payments(0).state(), v1::PAYMENT_STATE_AUTHORISED);
  EXPECT_EQ(own.payments(0).requested_by(), "");
  EXPECT_EQ(own.payments(0).authorised_by(), "");
  EXPECT_EQ(list(theirs.id()).payments_size(), 0);  // another's award: none
}

}  // namespace
}  // namespace grants::testing
