// The award's life to its end (#18), through the real server: an accepted
// award becomes active when its first payment is paid; an officer completes
// it once its payments are settled, its final report accepted and no
// variation open, and what was not paid goes back to the round; a completed
// award changes no more.
#include <gtest/gtest.h>

#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

class CompletionTest : public MonitoringTest {
 protected:
  grpc::Status Complete(const std::string& award_id, v1::Award* out,
                        const std::string& officer = kDecider,
                        const std::string& key = Key()) {
    awards_.SignOffConditions(award_id);  // conditions_test covers them
    v1::CompleteAwardRequest req;
    req.set_request_id(key);
    req.set_id(award_id);
    return stub().CompleteAward(Officer(officer).get(), req, out);
  }

  // Both of the award's reports (interim and final) submitted; accepted
  // when `accept`.
  void Reported(const std::string& award_id, bool accept = true) {
    v1::ReportRequirements reqs;
    ASSERT_TRUE(Require(award_id, &reqs).ok());
    for (const auto& requirement : reqs.requirements()) {
      v1::Report report;
      ASSERT_TRUE(
          Submit(requirement.id(), ReportOf(12, {{"roma", 12}}), &report).ok());
      if (accept) {
        ASSERT_TRUE(Review(report.id(), true, &report).ok());
      }
    }
  }

  std::string State(const std::string& award_id) {
    return db_.Scalar("SELECT state FROM awards WHERE id = '" + award_id + "'");
  }
};

TEST_F(CompletionTest, AnAwardBecomesActiveWhenItsFirstPaymentIsPaid) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{100'000, ""}, {150'000, ""}}, &schedule).ok());
  EXPECT_EQ(State(award.id()), "accepted");
  v1::Payment second = Authorised(schedule.payments(1).id());
  EXPECT_EQ(State(award.id()), "accepted");  // authorised is not paid
  Paid(schedule.payments(0).id());
  EXPECT_EQ(awards_.Get(award.id()).state(), v1::AWARD_STATE_ACTIVE);
  v1::PaymentInstruction out;
  ASSERT_TRUE(Ack(second.instruction_id(), &out).ok());
  ASSERT_TRUE(Remit(second.instruction_id(), 150'000, "BACS-2", &out).ok());
  EXPECT_EQ(State(award.id()), "active");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'award' AND entity_id = '" +
                  award.id() + "' AND summary LIKE '%\"active\"%'"),
            1);
}

TEST_F(CompletionTest,
       CompletingReleasesWhatWasNotPaidAndTheAwardChangesNoMore) {
  v1::Award award = Award();  // GBP 2,500
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{200'000, ""}, {50'000, ""}}, &schedule).ok());
  Paid(schedule.payments(0).id());
  // The second instalment fails (the account was closed): settled, unpaid.
  v1::Payment second = Authorised(schedule.payments(1).id());
  v1::RecordPaymentFailureRequest failure;
  failure.set_request_id(Key());
  failure.set_instruction_id(second.instruction_id());
  failure.set_reason("Account closed");
  v1::PaymentInstruction failed;
  grpc::ClientContext finance_ctx;
  ASSERT_TRUE(
      finance_->RecordPaymentFailure(&finance_ctx, failure, &failed).ok());
  Reported(award.id());
  const int64_t committed = Committed(award.round_id());
  const std::string key = Key();
  v1::Award done;
  grpc::Status s = Complete(award.id(), &done, kDecider, key);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(done.state(), v1::AWARD_STATE_COMPLETED);
  EXPECT_EQ(done.released().minor_units(), 50'000);
  EXPECT_EQ(Committed(award.round_id()), committed - 50'000);
  // A retry is the same answer and releases nothing twice.
  v1::Award again;
  ASSERT_TRUE(Complete(award.id(), &again, kDecider, key).ok());
  EXPECT_EQ(again.state(), v1::AWARD_STATE_COMPLETED);
  EXPECT_EQ(Committed(award.round_id()), committed - 50'000);
  // Read-only from now on.
  s = Complete(award.id(), &again);
  EXPECT_EQ(ReasonOf(s), "AWARD_NOT_RUNNING");
  v1::Termination t;
  EXPECT_EQ(ReasonOf(Terminate(award.id(), 0, &t)), "AWARD_NOT_RUNNING");
  v1::Variation v;
  EXPECT_EQ(ReasonOf(Grantee(award.id(), 300'000, "", &v)),
            "AWARD_NOT_RUNNING");
  v1::PaymentSchedule more;
  EXPECT_EQ(ReasonOf(Schedule(award.id(), {{250'000, ""}}, &more)),
            "AWARD_NOT_ACCEPTED");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = "
                  "'CompleteAward' AND actor = 'officer-bob'"),
            1);
  // Completed grants stay in the 360Giving export.
  v1::ExportGrantsResponse page;
  ASSERT_TRUE(monitoring_
                  ->ExportGrants(Officer(kDecider).get(),
                                 v1::ExportGrantsRequest(), &page)
                  .ok());
  EXPECT_EQ(page.grants_size(), 1);
}

TEST_F(CompletionTest,
       CompletionIsRefusedWhileAnythingIsOpenAndChangesNothing) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{100'000, ""}, {150'000, "2025-06-01"}}, &schedule)
          .ok());
  Paid(schedule.payments(0).id());
  const int64_t committed = Committed(award.round_id());
  const std::string events = db_.Scalar("SELECT count(*) FROM audit_events");
  v1::Award out;

  grpc::Status s = Complete(award.id(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "PAYMENTS_UNSETTLED");
  EXPECT_EQ(FieldOf(s), "id");
  EXPECT_NE(s.error_message().find(schedule.payments(1).id()),
            std::string::npos);
  Paid(schedule.payments(1).id());

  EXPECT_EQ(ReasonOf(Complete(award.id(), &out)), "FINAL_REPORT_NOT_ACCEPTED");
  Reported(award.id(), false);
  EXPECT_EQ(ReasonOf(Complete(award.id(), &out)), "REPORT_AWAITING_REVIEW");
  // Reviewed: both accepted.
  std::string pending = db_.Scalar(
      "SELECT string_agg(id::text, ',') FROM reports WHERE state = "
      "'submitted'");
  for (size_t start = 0; start < pending.size();) {
    size_t comma = pending.find(',', start);
    std::string id = pending.substr(start, comma - start);
    v1::Report report;
    ASSERT_TRUE(Review(id, true, &report).ok());
    start = comma == std::string::npos ? pending.size() : comma + 1;
  }
  v1::Variation v;
  ASSERT_TRUE(Grantee(award.id(), 300'000, "", &v).ok());
  EXPECT_EQ(ReasonOf(Complete(award.id(), &out)), "VARIATION_OPEN");
  ASSERT_TRUE(
      Decide(v.id(), kRecommender, v1::OUTCOME_DECLINE, &v, "Not this year")
          .ok());

  // Not by an officer with an interest, nor a grantee.
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, "officer-cy", "ORG-ROMA").ok());
  EXPECT_EQ(ReasonOf(Complete(award.id(), &out, "officer-cy")),
            "CONFLICT_OF_INTEREST");
  v1::CompleteAwardRequest req;
  req.set_request_id(Key());
  req.set_id(award.id());
  EXPECT_EQ(
      stub()
          .CompleteAward(server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
                         req, &out)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(State(award.id()), "active");
  EXPECT_EQ(Committed(award.round_id()), committed);

  ASSERT_TRUE(Complete(award.id(), &out).ok());
  EXPECT_EQ(out.released().minor_units(), 0);  // all of it was paid
  EXPECT_NE(db_.Scalar("SELECT count(*) FROM audit_events"), events);
}

}  // namespace
}  // namespace grants::testing
