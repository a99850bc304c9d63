// Termination, recoveries and payment replacement through the real server:
// what is cancelled, kept and released, recoveries against paid payments
// and their receipt by finance, and funders reading their own awards.
#include "tests/variations_fixture.h"

namespace grants::testing {
namespace {

using TerminationTest = VariationsTest;

grpc::Status Receive(v1::FinanceService::Stub& finance, const std::string& id,
                     int64_t amount, const std::string& reference,
                     v1::Recovery* out, const std::string& key = Key()) {
  v1::RecordRecoveryReceiptRequest req;
  req.set_request_id(key);
  req.set_recovery_id(id);
  *req.mutable_amount() = Gbp(amount);
  req.set_received_date("2025-04-01");
  req.set_bank_reference(reference);
  grpc::ClientContext ctx;
  return finance.RecordRecoveryReceipt(&ctx, req, out);
}

TEST_F(TerminationTest,
       CancelsWhatFinanceHasNotTakenReleasesTheRestAndRaisesARecovery) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(),
                       {{100'000, ""}, {100'000, ""}, {50'000, "2025-06-01"}},
                       &schedule)
                  .ok());
  v1::Payment paid = Paid(schedule.payments(0).id());
  v1::Payment authorised = Authorised(schedule.payments(1).id());
  v1::Variation open;
  ASSERT_TRUE(Grantee(award.id(), 300'000, "", &open).ok());
  int64_t committed = Committed(award.round_id());

  v1::Termination t;
  grpc::Status s = Terminate(award.id(), 100'001, &t);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "RECOVERY_EXCEEDS_PAID");
  // Active since its first payment was paid; the refusal changed nothing.
  EXPECT_EQ(awards_.Get(award.id()).state(), v1::AWARD_STATE_ACTIVE);
  EXPECT_EQ(Get(authorised.id()).state(), v1::PAYMENT_STATE_AUTHORISED);

  const std::string key = Key();
  ASSERT_TRUE(Terminate(award.id(), 30'000, &t, key).ok());
  EXPECT_EQ(t.award().state(), v1::AWARD_STATE_TERMINATED);
  EXPECT_EQ(t.award().terminated_by(), kDecider);
  EXPECT_EQ(t.award().released().minor_units(), 150'000);
  EXPECT_EQ(t.cancelled_payments_size(), 2);
  ASSERT_EQ(t.recoveries_size(), 1);
  EXPECT_EQ(t.recoveries(0).payment_id(), paid.id());
  EXPECT_EQ(t.recoveries(0).amount().minor_units(), 30'000);
  EXPECT_EQ(Committed(award.round_id()), committed - 150'000);
  EXPECT_EQ(Get(authorised.id()).state(), v1::PAYMENT_STATE_CANCELLED);
  EXPECT_EQ(Instructions().instructions_size(), 0);
  EXPECT_EQ(
      Count("SELECT count(*) FROM award_variations WHERE state = 'withdrawn'"),
      1);

  v1::Termination replay;
  ASSERT_TRUE(Terminate(award.id(), 30'000, &replay, key).ok());
  EXPECT_EQ(replay.award().id(), award.id());
  EXPECT_EQ(replay.recoveries_size(), 1);
  EXPECT_EQ(ReasonOf(Terminate(award.id(), 0, &t)), "AWARD_NOT_RUNNING");
  v1::Variation v;
  EXPECT_EQ(ReasonOf(Grantee(award.id(), 300'000, "", &v)),
            "AWARD_NOT_RUNNING");
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_events WHERE entity_type = 'award' "
            "AND action = 'TerminateAward'"),
      1);
}

TEST_F(TerminationTest, FinanceRecordsARecoveryOnceAndNeverMoreThanOwed) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  Paid(schedule.payments(0).id());
  v1::Termination t;
  ASSERT_TRUE(Terminate(award.id(), 60'000, &t).ok());
  ASSERT_EQ(t.recoveries_size(), 1);
  const std::string id = t.recoveries(0).id();
  v1::Recovery r, again;
  grpc::Status s = Receive(*finance_, id, 60'001, "REC-1", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "RECOVERY_OVERPAID");
  ASSERT_TRUE(Receive(*finance_, id, 60'000, "REC-1", &r).ok());
  EXPECT_EQ(r.state(), v1::RECOVERY_STATE_RECEIVED);
  ASSERT_TRUE(Receive(*finance_, id, 60'000, "REC-1", &again).ok());
  EXPECT_EQ(again.SerializeAsString(), r.SerializeAsString());
  s = Receive(*finance_, id, 60'000, "REC-2", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReasonOf(s), "RECOVERY_CONFLICT");
  v1::ListRecoveriesRequest list;
  list.set_state(v1::RECOVERY_STATE_RECEIVED);
  v1::ListRecoveriesResponse listed;
  ASSERT_TRUE(
      payments_->ListRecoveries(Officer(kDecider).get(), list, &listed).ok());
  ASSERT_EQ(listed.recoveries_size(), 1);
  EXPECT_EQ(listed.recoveries(0).bank_reference(), "REC-1");
  // Nothing recovers more than its payment paid, and a received one is final.
  EXPECT_ANY_THROW(db_.Exec("UPDATE recoveries SET bank_reference = 'X'"));
  EXPECT_ANY_THROW(
      db_.Exec("INSERT INTO recoveries (award_id, payment_id, currency, "
               "amount_minor, reason, "
               "raised_by, raised_at, due_date) SELECT award_id, id, 'GBP', "
               "190001, 'x', 'x', now(), current_date "
               "FROM payments WHERE state = 'paid'"));
}

TEST_F(TerminationTest,
       AnInstructedPaymentThatFailsAfterTerminationIsReleased) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  v1::Payment p = Authorised(schedule.payments(0).id());
  v1::PaymentInstruction out;
  ASSERT_TRUE(Ack(p.instruction_id(), &out).ok());
  int64_t committed = Committed(award.round_id());
  v1::Termination t;
  ASSERT_TRUE(Terminate(award.id(), 0, &t).ok());
  EXPECT_EQ(t.award().released().minor_units(), 0);
  EXPECT_EQ(t.cancelled_payments_size(), 0);
  EXPECT_EQ(Committed(award.round_id()), committed);
  v1::RecordPaymentFailureRequest fail;
  fail.set_request_id(Key());
  fail.set_instruction_id(p.instruction_id());
  fail.set_reason("Account closed");
  grpc::ClientContext ctx;
  ASSERT_TRUE(finance_->RecordPaymentFailure(&ctx, fail, &out).ok());
  EXPECT_EQ(Committed(award.round_id()), committed - kAmount);
  EXPECT_EQ(awards_.Get(award.id()).released().minor_units(), kAmount);
}

TEST_F(TerminationTest,
       ACancelledOrFailedPaymentIsReplacedOnceWithTheSameAmount) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{150'000, ""}, {100'000, ""}}, &schedule).ok());
  v1::CancelPaymentRequest cancel;
  cancel.set_request_id(Key());
  cancel.set_id(schedule.payments(0).id());
  cancel.set_reason("Bank details changed");
  v1::Payment out;
  ASSERT_TRUE(
      payments_->CancelPayment(Officer(kDecider).get(), cancel, &out).ok());
  auto replace = [&](const std::string& id, v1::Payment* p) {
    v1::ReplacePaymentRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    req.set_due(v1::DUE_KIND_ON_DATE);
    req.set_due_date("2025-03-01");
    return payments_->ReplacePayment(Officer(kDecider).get(), req, p);
  };
  v1::Payment fresh;
  ASSERT_TRUE(replace(schedule.payments(0).id(), &fresh).ok());
  EXPECT_EQ(fresh.instalment(), 3);
  EXPECT_EQ(fresh.amount().minor_units(), 150'000);
  EXPECT_EQ(fresh.replaces_payment_id(), schedule.payments(0).id());
  EXPECT_EQ(fresh.state(), v1::PAYMENT_STATE_SCHEDULED);
  EXPECT_EQ(Get(schedule.payments(0).id()).replaced_by_payment_id(),
            fresh.id());
  EXPECT_EQ(ReasonOf(replace(schedule.payments(0).id(), &out)),
            "PAYMENT_ALREADY_REPLACED");
  EXPECT_EQ(ReasonOf(replace(schedule.payments(1).id(), &out)),
            "PAYMENT_STATE_INVALID");
  EXPECT_EQ(
      Count(
          "SELECT sum(amount_minor) FROM payments WHERE state <> 'cancelled'"),
      kAmount);
}

TEST_F(TerminationTest, AFunderReadsOnlyTheAwardsItsMoneyFunded) {
  v1::Award ours = Award();
  v1::Award theirs = Award();
  std::string funder = ours.shares(0).funder_id();
  ASSERT_NE(funder, theirs.shares(0).funder_id());
  auto as_funder = [&] {
    return server_.As(Role::kFunder, "trust", "", funder);
  };
  v1::ListAwardsRequest req;
  v1::ListAwardsResponse listed;
  ASSERT_TRUE(awards_.stub().ListAwards(as_funder().get(), req, &listed).ok());
  ASSERT_EQ(listed.awards_size(), 1);
  EXPECT_EQ(listed.awards(0).id(), ours.id());
  v1::GetAwardRequest get;
  get.set_id(theirs.id());
  v1::Award out;
  grpc::Status s = awards_.stub().GetAward(as_funder().get(), get, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FUNDER_SCOPE");
  get.set_id(ours.id());
  EXPECT_TRUE(awards_.stub().GetAward(as_funder().get(), get, &out).ok());
  v1::TerminateAwardRequest end;
  end.set_request_id(Key());
  end.set_id(ours.id());
  end.set_reason("x");
  v1::Termination t;
  EXPECT_EQ(
      awards_.stub().TerminateAward(as_funder().get(), end, &t).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace grants::testing
