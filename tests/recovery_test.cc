// Underspend and recovery (#18 item 4), through the real server: a final
// report states spend per awarded budget line; an officer raises a recovery
// of unspent money on a running or completed award against its paid
// payments, newest first; finance records repayments in parts; a second
// officer writes off what is still owed; repaid money goes back to the
// round. Bad input is refused with a stable reason and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

class RecoveryTest : public MonitoringTest {
 protected:
  grpc::Status Raise(const std::string& award_id, int64_t amount,
                     v1::RaiseRecoveryResponse* out,
                     const std::string& key = Key(),
                     const std::string& officer = kDecider,
                     const std::string& due = "",
                     const std::string& currency = "GBP") {
    v1::RaiseRecoveryRequest req;
    req.set_request_id(key);
    req.set_award_id(award_id);
    *req.mutable_amount() = Gbp(amount);
    req.mutable_amount()->set_currency_code(currency);
    req.set_reason("The final report shows the venue cost less");
    req.set_due_date(due);
    return stub().RaiseRecovery(Officer(officer).get(), req, out);
  }

  grpc::Status Receive(const std::string& id, int64_t amount,
                       const std::string& reference, v1::Recovery* out,
                       const std::string& key = Key()) {
    v1::RecordRecoveryReceiptRequest req;
    req.set_request_id(key);
    req.set_recovery_id(id);
    *req.mutable_amount() = Gbp(amount);
    req.set_received_date("2025-02-01");
    req.set_bank_reference(reference);
    grpc::ClientContext ctx;
    return finance_->RecordRecoveryReceipt(&ctx, req, out);
  }

  grpc::Status WriteOff(const std::string& id, const std::string& officer,
                        v1::Recovery* out, const std::string& key = Key()) {
    v1::WriteOffRecoveryRequest req;
    req.set_request_id(key);
    req.set_id(id);
    req.set_reason("The group has closed; nothing left to recover");
    return payments_->WriteOffRecovery(Officer(officer).get(), req, out);
  }

  // An accepted award of kAmount paid in two instalments (100,000 then
  // 150,000).
  v1::Award PaidAward(v1::PaymentSchedule* schedule) {
    v1::Award award = Award();
    EXPECT_TRUE(
        Schedule(award.id(), {{100'000, ""}, {150'000, ""}}, schedule).ok());
    Paid(schedule->payments(0).id());
    Paid(schedule->payments(1).id());
    return award;
  }

  // Everything recoveries touch, to show a refusal wrote nothing (but the
  // trail's record of a PERMISSION_DENIED refusal, which is the point).
  std::string Written() {
    return Books() + "|" +
           db_.Scalar(
               "SELECT concat_ws('|', (SELECT count(*) FROM audit_events WHERE"
               "   entity_type <> 'refusal'),"
               " (SELECT count(*) FROM recovery_receipts),"
               " (SELECT string_agg(concat_ws(',', round_id, committed_minor,"
               "   budget_minor), ';') FROM round_commitments),"
               " (SELECT string_agg(concat_ws(',', id, received_minor, state),"
               "   ';' ORDER BY id) FROM recoveries))");
  }
};

TEST_F(RecoveryTest, RaisesUnspentMoneyOnARunningAwardNewestPaymentFirst) {
  v1::PaymentSchedule schedule;
  v1::Award award = PaidAward(&schedule);
  const std::string key = Key();
  v1::RaiseRecoveryResponse r;
  grpc::Status s = Raise(award.id(), 200'000, &r, key);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(r.recoveries_size(), 2);
  EXPECT_EQ(r.recoveries(0).payment_id(), schedule.payments(1).id());
  EXPECT_EQ(r.recoveries(0).amount().minor_units(), 150'000);
  EXPECT_EQ(r.recoveries(1).payment_id(), schedule.payments(0).id());
  EXPECT_EQ(r.recoveries(1).amount().minor_units(), 50'000);
  EXPECT_EQ(r.recoveries(0).state(), v1::RECOVERY_STATE_RAISED);
  EXPECT_EQ(r.recoveries(0).outstanding().minor_units(), 150'000);
  EXPECT_EQ(r.recoveries(0).due_date(), "2025-02-12");  // 28 days on
  EXPECT_EQ(r.award().state(), v1::AWARD_STATE_ACTIVE);
  // A retry with the same key raises nothing more.
  v1::RaiseRecoveryResponse again;
  ASSERT_TRUE(Raise(award.id(), 200'000, &again, key).ok());
  EXPECT_EQ(again.recoveries_size(), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM recoveries"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = "
                  "'RaiseRecovery'"),
            1);
  // Never more than was paid less what is already being recovered.
  const std::string before = Written();
  s = Raise(award.id(), 50'001, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "RECOVERY_EXCEEDS_PAID");
  EXPECT_EQ(FieldOf(s), "amount");
  EXPECT_EQ(Written(), before);
  ASSERT_TRUE(Raise(award.id(), 50'000, &again).ok());
  // Finance sees them all through its list.
  v1::ListRecoveriesRequest list;
  list.set_award_id(award.id());
  v1::ListRecoveriesResponse listed;
  ASSERT_TRUE(
      payments_->ListRecoveries(Officer(kRecommender).get(), list, &listed)
          .ok());
  EXPECT_EQ(listed.recoveries_size(), 3);
}

TEST_F(RecoveryTest, RefusesBadRecoveriesAndWritesNothing) {
  v1::PaymentSchedule schedule;
  v1::Award paid = PaidAward(&schedule);
  v1::Award offered = Award(kAmount, /*accept=*/false);
  const std::string before = Written();
  v1::RaiseRecoveryResponse r;

  grpc::Status s = Raise(offered.id(), 1'000, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "AWARD_NOT_RECOVERABLE");
  EXPECT_EQ(FieldOf(s), "award_id");
  s = Raise(paid.id(), 0, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "MUST_BE_POSITIVE");
  EXPECT_EQ(FieldOf(s), "amount.minor_units");
  s = Raise(paid.id(), 1'000, &r, Key(), kDecider, "", "EUR");
  EXPECT_EQ(ReasonOf(s), "CURRENCY_MISMATCH");
  EXPECT_EQ(FieldOf(s), "amount");
  s = Raise(paid.id(), 1'000, &r, Key(), kDecider, "2025-01-14");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "DUE_DATE_IN_PAST");
  EXPECT_EQ(FieldOf(s), "due_date");
  s = Raise(paid.id(), 1'000, &r, Key(), kDecider, "2025-02-30");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "due_date");
  s = Raise("6f1c1a52-3b7e-4c3a-9d57-1a2b3c4d5e6f", 1'000, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  // A grantee cannot raise one.
  v1::RaiseRecoveryRequest req;
  req.set_request_id(Key());
  req.set_award_id(paid.id());
  *req.mutable_amount() = Gbp(1'000);
  req.set_reason("x");
  s = stub().RaiseRecovery(server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
                           req, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Written(), before);
  // A terminated award's recovery is raised by its termination.
  v1::Termination t;
  ASSERT_TRUE(Terminate(paid.id(), 0, &t).ok());
  const std::string after_termination = Written();
  s = Raise(paid.id(), 1'000, &r);
  EXPECT_EQ(ReasonOf(s), "AWARD_NOT_RECOVERABLE");
  EXPECT_EQ(Written(), after_termination);
  EXPECT_EQ(Count("SELECT count(*) FROM recoveries"), 0);
}

TEST_F(RecoveryTest, IsRepaidInPartsEachGoingBackToTheRound) {
  v1::PaymentSchedule schedule;
  v1::Award award = PaidAward(&schedule);
  v1::RaiseRecoveryResponse raised;
  ASSERT_TRUE(Raise(award.id(), 100'000, &raised).ok());
  ASSERT_EQ(raised.recoveries_size(), 1);
  const std::string id = raised.recoveries(0).id();
  const int64_t committed = Committed(award.round_id());

  const std::string key = Key();
  v1::Recovery r;
  ASSERT_TRUE(Receive(id, 30'000, "REC-1", &r, key).ok());
  EXPECT_EQ(r.state(), v1::RECOVERY_STATE_RAISED);
  EXPECT_EQ(r.received().minor_units(), 30'000);
  EXPECT_EQ(r.outstanding().minor_units(), 70'000);
  EXPECT_EQ(Committed(award.round_id()), committed - 30'000);
  // The same request again, or the same receipt under a new key, is one
  // receipt.
  v1::Recovery again;
  ASSERT_TRUE(Receive(id, 30'000, "REC-1", &again, key).ok());
  ASSERT_TRUE(Receive(id, 30'000, "REC-1", &again).ok());
  EXPECT_EQ(again.receipts_size(), 1);
  EXPECT_EQ(Committed(award.round_id()), committed - 30'000);
  grpc::Status s = Receive(id, 40'000, "REC-1", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReasonOf(s), "RECOVERY_CONFLICT");

  // A part above what is still owed: refused, nothing written.
  const std::string before = Written();
  s = Receive(id, 70'001, "REC-2", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "RECOVERY_OVERPAID");
  EXPECT_EQ(FieldOf(s), "amount");
  EXPECT_EQ(Written(), before);

  ASSERT_TRUE(Receive(id, 70'000, "REC-2", &r).ok());
  EXPECT_EQ(r.state(), v1::RECOVERY_STATE_RECEIVED);
  EXPECT_EQ(r.outstanding().minor_units(), 0);
  ASSERT_EQ(r.receipts_size(), 2);
  EXPECT_EQ(r.receipts(1).bank_reference(), "REC-2");
  EXPECT_EQ(Committed(award.round_id()), committed - 100'000);
  s = Receive(id, 1, "REC-3", &again);
  EXPECT_EQ(ReasonOf(s), "RECOVERY_CONFLICT");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = "
                  "'RecordRecoveryReceipt'"),
            2);
  // Receipts never change.
  EXPECT_ANY_THROW(db_.Exec("UPDATE recovery_receipts SET amount_minor = 1"));
  EXPECT_ANY_THROW(db_.Exec("DELETE FROM recovery_receipts"));
}

TEST_F(RecoveryTest, IsWrittenOffOnlyByASecondOfficer) {
  v1::PaymentSchedule schedule;
  v1::Award award = PaidAward(&schedule);
  v1::RaiseRecoveryResponse raised;
  ASSERT_TRUE(Raise(award.id(), 100'000, &raised, Key(), kDecider).ok());
  const std::string id = raised.recoveries(0).id();
  v1::Recovery r;
  ASSERT_TRUE(Receive(id, 10'000, "REC-1", &r).ok());

  const std::string before = Written();
  grpc::Status s = WriteOff(id, kDecider, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(FieldOf(s), "id");
  EXPECT_EQ(Written(), before);
  v1::WriteOffRecoveryRequest bare;
  bare.set_request_id(Key());
  bare.set_id(id);
  s = payments_->WriteOffRecovery(Officer(kRecommender).get(), bare, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "reason");
  EXPECT_EQ(Written(), before);

  const std::string key = Key();
  s = WriteOff(id, kRecommender, &r, key);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(r.state(), v1::RECOVERY_STATE_WRITTEN_OFF);
  EXPECT_EQ(r.written_off_by(), kRecommender);
  EXPECT_EQ(r.written_off().minor_units(), 90'000);
  EXPECT_EQ(r.received().minor_units(), 10'000);
  EXPECT_EQ(r.outstanding().minor_units(), 0);
  v1::Recovery again;
  ASSERT_TRUE(WriteOff(id, kRecommender, &again, key).ok());
  EXPECT_EQ(again.SerializeAsString(), r.SerializeAsString());
  EXPECT_EQ(ReasonOf(WriteOff(id, kRecommender, &again)), "RECOVERY_NOT_OPEN");
  EXPECT_EQ(ReasonOf(Receive(id, 1'000, "REC-2", &again)), "RECOVERY_NOT_OPEN");
  v1::ListRecoveriesRequest list;
  list.set_state(v1::RECOVERY_STATE_WRITTEN_OFF);
  v1::ListRecoveriesResponse listed;
  grpc::ClientContext finance_ctx;
  ASSERT_TRUE(
      payments_->ListRecoveries(Officer(kRecommender).get(), list, &listed)
          .ok());
  EXPECT_EQ(listed.recoveries_size(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = "
                  "'WriteOffRecovery' AND actor = 'officer-ann'"),
            1);
  // The database itself refuses a write-off by the raiser.
  EXPECT_ANY_THROW(
      db_.Exec("UPDATE recoveries SET written_off_by = raised_by WHERE id = '" +
               id + "'"));
}

TEST_F(RecoveryTest, ACompletedAwardsUnderspendIsRecoveredAfterItsFinalReport) {
  v1::PaymentSchedule schedule;
  v1::Award award = PaidAward(&schedule);
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  // The final report states the spend per budget line (venue, staff: 1,250
  // each awarded), 2,000 spent in all.
  for (const auto& requirement : reqs.requirements()) {
    v1::ReportContent c = ReportOf(12, {{"roma", 12}});
    if (requirement.kind() == v1::REPORT_KIND_FINAL) {
      *c.mutable_spend_to_date() = Gbp(200'000);
      auto* venue = c.add_budget_line_spend();
      venue->set_line(1);
      *venue->mutable_spent() = Gbp(75'000);
      auto* staff = c.add_budget_line_spend();
      staff->set_line(2);
      *staff->mutable_spent() = Gbp(125'000);
      // Bad spend is refused, naming the field.
      v1::ReportContent wrong = c;
      wrong.mutable_budget_line_spend(1)->set_line(3);
      v1::Report report;
      grpc::Status s = Submit(requirement.id(), wrong, &report);
      EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
      EXPECT_EQ(ReasonOf(s), "BUDGET_LINE_UNKNOWN");
      EXPECT_EQ(FieldOf(s), "budget_line_spend[1].line");
      wrong = c;
      wrong.mutable_budget_line_spend()->RemoveLast();
      EXPECT_EQ(ReasonOf(Submit(requirement.id(), wrong, &report)),
                "BUDGET_LINE_SPEND_REQUIRED");
      wrong = c;
      *wrong.mutable_spend_to_date() = Gbp(210'000);
      s = Submit(requirement.id(), wrong, &report);
      EXPECT_EQ(ReasonOf(s), "SPEND_SUM_MISMATCH");
      EXPECT_EQ(FieldOf(s), "spend_to_date");
      EXPECT_EQ(Count("SELECT count(*) FROM reports"), 1);
    }
    v1::Report report;
    grpc::Status s = Submit(requirement.id(), c, &report);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(report.content().budget_line_spend_size(),
              c.budget_line_spend_size());
    ASSERT_TRUE(Review(report.id(), true, &report).ok());
  }
  awards_.SignOffConditions(award.id());
  v1::CompleteAwardRequest complete;
  complete.set_request_id(Key());
  complete.set_id(award.id());
  v1::Award done;
  ASSERT_TRUE(
      stub().CompleteAward(Officer(kDecider).get(), complete, &done).ok());
  const int64_t committed = Committed(award.round_id());
  v1::RaiseRecoveryResponse raised;
  grpc::Status s = Raise(award.id(), 50'000, &raised);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(raised.award().state(), v1::AWARD_STATE_COMPLETED);
  v1::Recovery r;
  ASSERT_TRUE(Receive(raised.recoveries(0).id(), 50'000, "REC-1", &r).ok());
  EXPECT_EQ(r.state(), v1::RECOVERY_STATE_RECEIVED);
  EXPECT_EQ(Committed(award.round_id()), committed - 50'000);
  EXPECT_EQ(awards_.Get(award.id()).state(), v1::AWARD_STATE_COMPLETED);
}

TEST_F(RecoveryTest, IsRemindedBeforeItFallsDueAndOnceOverdueLikeAReport) {
  v1::PaymentSchedule schedule;
  v1::Award award = PaidAward(&schedule);
  v1::RaiseRecoveryResponse raised;
  ASSERT_TRUE(
      Raise(award.id(), 100'000, &raised, Key(), kDecider, "2025-03-10").ok());
  v1::Recovery r;
  ASSERT_TRUE(Receive(raised.recoveries(0).id(), 40'000, "REC-1", &r).ok());
  const auto spool =
      std::filesystem::temp_directory_path() / ("grants-spool-" + Key());
  std::filesystem::create_directories(spool);
  auto sweep_on = [&](const std::string& date) {
    absl::Time noon;
    std::string err;
    ASSERT_TRUE(
        absl::ParseTime("%Y-%m-%d %H:%M", date + " 12:00", &noon, &err));
    TestServer dispatcher(
        db_.conninfo(),
        TestServerOptions{.now = noon, .notification_spool = spool.string()});
    ASSERT_TRUE(dispatcher.server().RunOutboxNow().ok());
  };
  auto reminders = [&](const std::string& kind) {
    return Count("SELECT count(*) FROM notifications WHERE kind = '" + kind +
                 "' AND params ->> 'recovery_id' = '" +
                 raised.recoveries(0).id() + "'");
  };
  sweep_on("2025-03-02");  // 8 days before: nothing yet
  EXPECT_EQ(reminders("recovery_due_soon"), 0);
  sweep_on("2025-03-03");
  sweep_on("2025-03-09");
  EXPECT_EQ(reminders("recovery_due_soon"), 1);
  EXPECT_EQ(db_.Scalar("SELECT params ->> 'amount' FROM notifications WHERE "
                       "kind = 'recovery_due_soon'"),
            "GBP 600.00");  // what is still owed
  sweep_on("2025-03-11");
  sweep_on("2025-03-20");
  EXPECT_EQ(reminders("recovery_overdue"), 1);
  std::filesystem::remove_all(spool);
}

}  // namespace
}  // namespace grants::testing
