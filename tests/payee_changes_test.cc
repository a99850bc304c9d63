// Payee changes under four eyes, through the real server, tried as the
// insider would: an officer or a grantee changing the bank details alone,
// the proposer confirming their own change, a stale confirmation, an
// officer with an interest, and someone writing to the database. The
// legitimate path walks the whole money path and checks every actor.
#include "grants/v1/organisations.grpc.pb.h"
#include "tests/conflicts_fixture.h"

namespace grants::testing {
namespace {

class PayeeChangesTest : public ConflictsFixture {
 protected:
  std::unique_ptr<v1::OrganisationService::Stub> orgs_ =
      v1::OrganisationService::NewStub(server_.Channel());

  grpc::Status Propose(std::unique_ptr<grpc::ClientContext> as,
                       const std::string& account, v1::BankDetailsChange* out) {
    v1::ProposeBankDetailsRequest req;
    req.set_request_id(Key());
    req.set_organisation_id("ORG-ROMA");
    req.mutable_bank_details()->set_account_name("Roma Support Group");
    req.mutable_bank_details()->set_sort_code("65-43-21");
    req.mutable_bank_details()->set_account_number(account);
    return orgs_->ProposeBankDetails(as.get(), req, out);
  }

  grpc::Status Confirm(std::unique_ptr<grpc::ClientContext> as,
                       const std::string& id, v1::BankDetailsChange* out) {
    v1::ConfirmBankDetailsRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    return orgs_->ConfirmBankDetails(as.get(), req, out);
  }

  std::unique_ptr<grpc::ClientContext> Grantee() {
    return server_.As(Role::kGrantee, "ana", "ORG-ROMA");
  }

  // The account finance would pay, as finance reads the organisation.
  std::string PayeeOfRecord() {
    return db_.Scalar(
        "SELECT bank_account_number FROM organisations WHERE id = 'ORG-ROMA'");
  }
};

TEST_F(PayeeChangesTest, NoOneChangesThePayeeAlone) {
  Award();
  const std::string before = PayeeOfRecord();
  // An officer (or the grantee) rewriting the details directly.
  v1::UpdateOrganisationRequest update;
  update.set_request_id(Key());
  update.set_id("ORG-ROMA");
  update.add_update_mask("bank_details");
  update.mutable_profile()->mutable_bank_details()->set_account_name("Mallory");
  update.mutable_profile()->mutable_bank_details()->set_sort_code("11-22-33");
  update.mutable_profile()->mutable_bank_details()->set_account_number(
      "99998888");
  v1::Organisation o;
  for (bool officer : {true, false}) {
    update.set_request_id(Key());
    auto as = officer ? Officer(kRecommender) : Grantee();
    grpc::Status s = orgs_->UpdateOrganisation(as.get(), update, &o);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(ReasonOf(s), "BANK_DETAILS_NEED_CONFIRMATION");
    EXPECT_EQ(FieldOf(s), "update_mask");
  }
  // The proposer confirming their own change; a grantee confirming one.
  v1::BankDetailsChange change;
  ASSERT_TRUE(Propose(Officer(kRecommender), "99998888", &change).ok());
  EXPECT_EQ(change.state(), "pending");
  EXPECT_EQ(change.bank_details().account_number(), "****8888");
  grpc::Status own = Confirm(Officer(kRecommender), change.id(), &change);
  EXPECT_EQ(own.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(own), "FOUR_EYES_REQUIRED");
  EXPECT_EQ(ReasonOf(Confirm(Grantee(), change.id(), &change)),
            "ROLE_NOT_ALLOWED");
  // An officer with an interest in the group.
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, kInterested, "ORG-ROMA").ok());
  EXPECT_EQ(ReasonOf(Confirm(Officer(kInterested), change.id(), &change)),
            "CONFLICT_OF_INTEREST");
  EXPECT_EQ(ReasonOf(Propose(Officer(kInterested), "77776666", &change)),
            "CONFLICT_OF_INTEREST");
  EXPECT_EQ(PayeeOfRecord(), before);
  // Someone who writes to the database cannot confirm it as its proposer.
  EXPECT_ANY_THROW(
      db_.Exec("UPDATE bank_detail_changes SET state = 'confirmed', "
               "confirmed_by = proposed_by, confirmer_role = 'officer'"));
  EXPECT_EQ(Refusals(kRecommender), 1);
  EXPECT_EQ(Refusals(kInterested), 2);
}

TEST_F(PayeeChangesTest, AStaleConfirmationIsRefused) {
  Award();
  v1::BankDetailsChange first, second, out;
  ASSERT_TRUE(Propose(Grantee(), "87654321", &first).ok());
  ASSERT_TRUE(Propose(Grantee(), "11112222", &second).ok());
  grpc::Status stale = Confirm(Officer(kDecider), first.id(), &out);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(stale), "BANK_CHANGE_STALE");
  EXPECT_EQ(FieldOf(stale), "id");
  EXPECT_EQ(PayeeOfRecord(), "12345678");
  ASSERT_TRUE(Confirm(Officer(kDecider), second.id(), &out).ok());
  EXPECT_EQ(PayeeOfRecord(), "11112222");
  EXPECT_EQ(ReasonOf(Confirm(Officer(kRecommender), second.id(), &out)),
            "BANK_CHANGE_NOT_PENDING");
  // A confirmed change is history, also for someone who writes to the
  // database.
  EXPECT_ANY_THROW(db_.Exec("UPDATE bank_detail_changes SET account_number ="
                            " '99998888' WHERE state = 'confirmed'"));
  EXPECT_ANY_THROW(
      db_.Exec("DELETE FROM bank_detail_changes WHERE state = 'confirmed'"));
}

TEST_F(PayeeChangesTest, TheWholeMoneyPathPaysTheConfirmedPayeeOnly) {
  // Application, two-officer decision, offer, acceptance (Award()).
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  std::string id = schedule.payments(0).id();
  v1::Payment p = Authorised(id);  // requested by ann, authorised by bob
  auto listed = Instructions();
  ASSERT_EQ(listed.instructions_size(), 1);
  EXPECT_EQ(listed.instructions(0).payee().account_number(), "12345678");

  // The grantee proposes new details; payments keep the old payee.
  v1::BankDetailsChange change;
  ASSERT_TRUE(Propose(Grantee(), "87654321", &change).ok());
  EXPECT_EQ(change.replaces_last4(), "5678");
  EXPECT_EQ(Instructions().instructions(0).payee().account_number(),
            "12345678");
  // Another person confirms: the authorised payment is held.
  ASSERT_TRUE(Confirm(Officer(kDecider), change.id(), &change).ok());
  EXPECT_EQ(change.state(), "confirmed");
  ASSERT_EQ(change.held_payment_ids_size(), 1);
  EXPECT_EQ(change.held_payment_ids(0), id);
  EXPECT_EQ(Get(id).state(), v1::PAYMENT_STATE_REQUESTED);
  EXPECT_EQ(Instructions().instructions_size(), 0);
  v1::PaymentInstruction out;
  EXPECT_EQ(ReasonOf(Ack(p.instruction_id(), &out)), "INSTRUCTION_NOT_FOUND");

  // Re-authorised, the instruction carries the new payee, and is paid.
  ASSERT_TRUE(Authorise(id, kDecider, &p).ok());
  listed = Instructions();
  ASSERT_EQ(listed.instructions_size(), 1);
  EXPECT_EQ(listed.instructions(0).payee().account_number(), "87654321");
  EXPECT_EQ(listed.instructions(0).payee().sort_code(), "65-43-21");
  ASSERT_TRUE(Ack(p.instruction_id(), &out).ok());
  ASSERT_TRUE(Remit(p.instruction_id(), kAmount, "BACS-NEW", &out).ok());
  EXPECT_EQ(Get(id).state(), v1::PAYMENT_STATE_PAID);

  // Every actor is in the audit trail; the numbers are masked there.
  auto actors = [&](const std::string& type) {
    return db_.Scalar(
        "SELECT string_agg(DISTINCT actor, ',' ORDER BY actor) FROM "
        "audit_events WHERE entity_type = '" +
        type + "'");
  };
  EXPECT_EQ(actors("decision"), kDecider);
  EXPECT_EQ(actors("recommendation"), kRecommender);
  EXPECT_EQ(actors("bank_details_change"), std::string("ana,") + kDecider);
  EXPECT_EQ(db_.Scalar("SELECT summary FROM audit_events WHERE entity_type ="
                       " 'bank_details_change' ORDER BY id DESC LIMIT 1"),
            R"({"confirmed_by":"officer-bob","held_payment_ids":[")" + id +
                R"("],"new_last4":"4321","old_last4":"5678",)"
                R"("organisation_id":"ORG-ROMA","proposed_by":"ana",)"
                R"("state":"confirmed"})");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE summary LIKE "
                  "'%87654321%' OR summary LIKE '%65-43-21%'"),
            0);
  EXPECT_EQ(actors("payment").find(kRecommender) != std::string::npos, true);
  EXPECT_EQ(actors("payment").find(kDecider) != std::string::npos, true);
}

}  // namespace
}  // namespace grants::testing
