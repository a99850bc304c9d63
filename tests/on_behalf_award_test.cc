// Acting on behalf through an award's life (#17 item 4): the officer who
// accepted an offer for a group counts as involved in it, so they neither
// authorise its payments, decide its variations, sign off its conditions
// nor write off what it owes; and an officer who declared an interest in
// one application (not the whole group) cannot act for the group on it.
#include <gtest/gtest.h>

#include "clients/client/client_status.h"
#include "common/status.h"
#include "grants/v1/applications.grpc.pb.h"
#include "tests/payments_fixture.h"

namespace grants::testing {
namespace {

const char kHelper[] = "officer-oli";

v1::OnBehalf For(const std::string& org, const std::string& reason) {
  v1::OnBehalf on_behalf;
  on_behalf.set_organisation_id(org);
  on_behalf.set_reason(reason);
  return on_behalf;
}

// The field's reason of the first violation ("ACTED_ON_BEHALF").
std::string FieldReasonOf(const grpc::Status& s) {
  auto fields = FieldViolationsOf(FromGrpcStatus(s));
  return fields.empty() ? "" : fields.front().reason;
}

class OnBehalfAwardTest : public PaymentsTest {
 protected:
  // An offer to ORG-ROMA accepted by kHelper for the group.
  v1::Award AcceptedOnBehalf() {
    v1::Award award = Award(kAmount, /*accept=*/false);
    v1::AcceptOfferRequest accept;
    accept.set_request_id(Key());
    accept.set_id(award.id());
    *accept.mutable_on_behalf() = For("ORG-ROMA", "Accepted by phone");
    grpc::Status s =
        awards_.stub().AcceptOffer(Officer(kHelper).get(), accept, &award);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return award;
  }
};

TEST_F(OnBehalfAwardTest, WhoAcceptedForTheGroupNeitherAuthorisesNorDecides) {
  v1::Award award = AcceptedOnBehalf();
  ASSERT_EQ(award.responded_by(), kHelper);

  // Payments: kHelper has a limit, and still may not authorise.
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  const std::string payment = schedule.payments(0).id();
  SetLimit(kHelper, 1'000'000);
  v1::Payment p;
  ASSERT_TRUE(Request(payment, kRecommender, &p).ok());
  grpc::Status s = Authorise(payment, kHelper, &p);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(FieldReasonOf(s), "ACTED_ON_BEHALF");
  EXPECT_EQ(Count("SELECT count(*) FROM payments WHERE id = '" + payment +
                  "' AND state = 'requested'"),
            1);
  SetLimit(kDecider, 1'000'000);
  s = Authorise(payment, kDecider, &p);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // Variations: proposed by the group, not decided by kHelper.
  auto stub = v1::AwardService::NewStub(server_.Channel());
  v1::ProposeVariationRequest propose;
  propose.set_request_id(Key());
  propose.set_award_id(award.id());
  propose.set_new_end_date("2026-12-31");
  propose.set_reason("The hall closed for a month");
  v1::Variation v;
  ASSERT_TRUE(
      stub->ProposeVariation(
              server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(), propose, &v)
          .ok());
  v1::DecideVariationRequest decide;
  decide.set_request_id(Key());
  decide.set_id(v.id());
  decide.set_outcome(v1::OUTCOME_APPROVE);
  s = stub->DecideVariation(Officer(kHelper).get(), decide, &v);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(FieldReasonOf(s), "ACTED_ON_BEHALF");
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_PROPOSED);
  decide.set_request_id(Key());
  s = stub->DecideVariation(Officer(kDecider).get(), decide, &v);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_APPROVED);

  // Conditions: the group meets one; kHelper may not sign it off.
  award = awards_.Get(award.id());
  ASSERT_FALSE(award.condition_items().empty());
  v1::MeetConditionRequest meet;
  meet.set_request_id(Key());
  meet.set_condition_id(award.condition_items(0).id());
  meet.set_statement("Our policy is on the noticeboard and attached");
  v1::AwardCondition c;
  ASSERT_TRUE(
      stub->MeetCondition(server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
                          meet, &c)
          .ok());
  v1::SignOffConditionRequest sign;
  sign.set_request_id(Key());
  sign.set_condition_id(c.id());
  s = stub->SignOffCondition(Officer(kHelper).get(), sign, &c);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(c.state(), v1::CONDITION_STATE_MET);
  sign.set_request_id(Key());
  EXPECT_TRUE(stub->SignOffCondition(Officer(kDecider).get(), sign, &c).ok());
}

// Meeting a condition for the group is acting for it: the officer who did
// authorises none of the award's payments.
TEST_F(OnBehalfAwardTest,
       WhoMetAConditionForTheGroupDoesNotAuthoriseItsPayments) {
  v1::Award award = Award(kAmount);
  ASSERT_FALSE(award.condition_items().empty());
  auto stub = v1::AwardService::NewStub(server_.Channel());
  v1::MeetConditionRequest meet;
  meet.set_request_id(Key());
  meet.set_condition_id(award.condition_items(0).id());
  meet.set_statement("The policy, read to us over the phone");
  meet.set_on_behalf_reason("The group's secretary cannot use a computer");
  v1::AwardCondition c;
  grpc::Status s = stub->MeetCondition(Officer(kHelper).get(), meet, &c);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Count("SELECT count(*) FROM acts_on_behalf WHERE officer = '" +
                  std::string(kHelper) + "' AND action = 'MeetCondition'"),
            1);
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  const std::string payment = schedule.payments(0).id();
  SetLimit(kHelper, 1'000'000);
  v1::Payment p;
  ASSERT_TRUE(Request(payment, kRecommender, &p).ok());
  s = Authorise(payment, kHelper, &p);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(FieldReasonOf(s), "ACTED_ON_BEHALF");
}

// Four eyes the other way round: the officer who decided the application
// (or recommended it) does not then accept its offer for the group.
TEST_F(OnBehalfAwardTest,
       WhoDecidedTheApplicationDoesNotAcceptItsOfferForTheGroup) {
  v1::Award award = Award(kAmount, /*accept=*/false);
  for (const char* judge : {kDecider, kRecommender}) {
    v1::AcceptOfferRequest accept;
    accept.set_request_id(Key());
    accept.set_id(award.id());
    *accept.mutable_on_behalf() = For("ORG-ROMA", "Accepted by phone");
    v1::Award out;
    grpc::Status s =
        awards_.stub().AcceptOffer(Officer(judge).get(), accept, &out);
    EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED") << judge;
    EXPECT_EQ(FieldReasonOf(s), "JUDGED_IT") << judge;
  }
  EXPECT_EQ(awards_.Get(award.id()).state(), v1::AWARD_STATE_OFFERED);
  EXPECT_EQ(Count("SELECT count(*) FROM acts_on_behalf"), 0);
  EXPECT_EQ(AcceptedOnBehalf().state(), v1::AWARD_STATE_ACCEPTED);
}

TEST_F(OnBehalfAwardTest, WhoAcceptedForTheGroupDoesNotWriteOffWhatItOwes) {
  v1::Award award = AcceptedOnBehalf();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  v1::Payment p = Authorised(schedule.payments(0).id());
  v1::PaymentInstruction paid;
  ASSERT_TRUE(Ack(p.instruction_id(), &paid).ok());
  ASSERT_TRUE(Remit(p.instruction_id(), kAmount, "BACS-1", &paid).ok());
  v1::RaiseRecoveryRequest raise;
  raise.set_request_id(Key());
  raise.set_award_id(award.id());
  *raise.mutable_amount() = Gbp(10'000);
  raise.set_reason("The final report shows the venue cost less");
  v1::RaiseRecoveryResponse raised;
  grpc::Status s =
      awards_.stub().RaiseRecovery(Officer(kDecider).get(), raise, &raised);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(raised.recoveries_size(), 1);

  v1::WriteOffRecoveryRequest write_off;
  write_off.set_request_id(Key());
  write_off.set_id(raised.recoveries(0).id());
  write_off.set_reason("The group has closed; nothing left to recover");
  v1::Recovery r;
  s = payments_->WriteOffRecovery(Officer(kHelper).get(), write_off, &r);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(FieldReasonOf(s), "ACTED_ON_BEHALF");
  EXPECT_EQ(Count("SELECT count(*) FROM recoveries WHERE state = 'raised'"), 1);
  write_off.set_request_id(Key());
  s = payments_->WriteOffRecovery(Officer(kRecommender).get(), write_off, &r);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(r.state(), v1::RECOVERY_STATE_WRITTEN_OFF);
}

TEST_F(OnBehalfAwardTest,
       AnInterestInOneApplicationStopsActingForTheGroupOnIt) {
  Builder b(server_);
  v1::Round round = b.OpenRound();
  awards_.Register("ORG-ROMA");
  v1::Application app = b.Draft("ORG-ROMA", round.id());
  // kHelper declared an interest in this application only.
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, kHelper, "", app.id()).ok());
  auto apps = v1::ApplicationService::NewStub(server_.Channel());
  v1::SubmitApplicationRequest submit;
  submit.set_request_id(Key());
  submit.set_id(app.id());
  *submit.mutable_on_behalf() = For("ORG-ROMA", "Asked us by phone");
  v1::Application out;
  grpc::Status s =
      apps->SubmitApplication(Officer(kHelper).get(), submit, &out);
  EXPECT_EQ(ReasonOf(s), "CONFLICT_OF_INTEREST");
  EXPECT_EQ(FieldOf(s), "on_behalf.organisation_id");
  // Nothing changed and nothing was recorded as done for the group.
  EXPECT_EQ(Count("SELECT count(*) FROM applications WHERE id = '" + app.id() +
                  "' AND state = 'draft'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM acts_on_behalf"), 0);
  // Another officer may help the group.
  submit.set_request_id(Key());
  s = apps->SubmitApplication(Officer("officer-pat").get(), submit, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), v1::APPLICATION_STATE_SUBMITTED);
}

}  // namespace
}  // namespace grants::testing
