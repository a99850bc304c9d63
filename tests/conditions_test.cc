// Conditions that gate payment (#18 item 1): an offer's conditions are
// items the group meets (a statement, documents of the award) and an
// officer who did not meet them signs off; an instalment due on conditions
// is not due, and cannot be requested, until the last is signed off; an
// award with a condition open cannot be completed.
#include "grants/v1/documents.grpc.pb.h"
#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

class ConditionsTest : public MonitoringTest {
 protected:
  // An accepted award of kAmount to ORG-ROMA with `conditions`.
  v1::Award WithConditions(const std::vector<std::string>& conditions,
                           bool accept = true) {
    auto round = awards_.OpenRound(4'500'000, {3'000'000, 2'000'000});
    std::string app = awards_.Submit("ORG-ROMA", round.id(), kAmount).id();
    awards_.Close(round.id());
    awards_.Approve(app, kAmount);
    v1::OfferAwardRequest req;
    req.set_request_id(Key());
    req.set_application_id(app);
    *req.mutable_amount() = Gbp(kAmount);
    for (const auto& c : conditions) req.add_conditions(c);
    v1::Award award;
    EXPECT_TRUE(stub().OfferAward(Officer(kDecider).get(), req, &award).ok());
    if (accept) {
      EXPECT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
    }
    return GetAward(award.id());
  }

  v1::Award GetAward(const std::string& id) {
    v1::GetAwardRequest req;
    req.set_id(id);
    v1::Award out;
    EXPECT_TRUE(stub().GetAward(Officer(kDecider).get(), req, &out).ok());
    return out;
  }

  grpc::Status Meet(const std::string& condition_id,
                    const std::string& statement,
                    const std::vector<std::string>& documents,
                    v1::AwardCondition* out,
                    std::unique_ptr<grpc::ClientContext> who = nullptr,
                    const std::string& on_behalf = "",
                    const std::string& key = Key()) {
    v1::MeetConditionRequest req;
    req.set_request_id(key);
    req.set_condition_id(condition_id);
    req.set_statement(statement);
    for (const auto& d : documents) req.add_document_ids(d);
    req.set_on_behalf_reason(on_behalf);
    return stub().MeetCondition(
        who ? who.get() : server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
        req, out);
  }

  grpc::Status SignOff(const std::string& condition_id,
                       const std::string& officer, v1::AwardCondition* out) {
    v1::SignOffConditionRequest req;
    req.set_request_id(Key());
    req.set_condition_id(condition_id);
    return stub().SignOffCondition(Officer(officer).get(), req, out);
  }

  // A PDF attached to the award as the group.
  std::string Evidence(const std::string& award_id) {
    auto docs = v1::DocumentService::NewStub(server_.Channel());
    std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    v1::StartUploadRequest start;
    start.set_request_id(Key());
    start.set_award_id(award_id);
    start.set_kind(v1::DOCUMENT_KIND_EVIDENCE);
    start.set_file_name("safeguarding.pdf");
    start.set_size_bytes(static_cast<int64_t>(pdf.size()));
    v1::Upload upload;
    auto grantee = [&] {
      return server_.As(Role::kGrantee, "ana", "ORG-ROMA");
    };
    EXPECT_TRUE(docs->StartUpload(grantee().get(), start, &upload).ok());
    v1::UploadChunkRequest chunk;
    chunk.set_request_id(Key());
    chunk.set_upload_id(upload.id());
    chunk.set_data(pdf);
    EXPECT_TRUE(docs->UploadChunk(grantee().get(), chunk, &upload).ok());
    v1::FinishUploadRequest finish;
    finish.set_request_id(Key());
    finish.set_upload_id(upload.id());
    v1::Document doc;
    auto s = docs->FinishUpload(grantee().get(), finish, &doc);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return doc.id();
  }
};

TEST_F(ConditionsTest, AnOffersConditionsAreItemsThatStartOpen) {
  v1::Award award = WithConditions(
      {"Safeguarding policy provided", "Bank statement matching the payee"},
      /*accept=*/false);
  ASSERT_EQ(award.condition_items_size(), 2);
  EXPECT_EQ(award.condition_items(0).number(), 1);
  EXPECT_EQ(award.condition_items(0).text(), "Safeguarding policy provided");
  EXPECT_EQ(award.condition_items(1).state(), v1::CONDITION_STATE_OPEN);
}

TEST_F(ConditionsTest,
       APaymentOnConditionsIsDueOnlyOnceEveryConditionIsSignedOff) {
  v1::Award award = WithConditions(
      {"Safeguarding policy provided", "Bank statement matching the payee"});
  v1::PaymentSchedule schedule;
  v1::SetPaymentScheduleRequest req;
  req.set_request_id(Key());
  req.set_award_id(award.id());
  auto* first = req.add_instalments();
  *first->mutable_amount() = Gbp(kAmount);
  first->set_due(v1::DUE_KIND_ON_CONDITIONS);
  ASSERT_TRUE(
      payments_->SetPaymentSchedule(Officer(kRecommender).get(), req, &schedule)
          .ok());
  const std::string payment = schedule.payments(0).id();
  EXPECT_EQ(Get(payment).state(), v1::PAYMENT_STATE_SCHEDULED);
  v1::Payment p;
  EXPECT_EQ(ReasonOf(Request(payment, kRecommender, &p)), "CONDITIONS_NOT_MET");

  const auto& c1 = award.condition_items(0);
  const auto& c2 = award.condition_items(1);
  v1::AwardCondition out;
  // Nothing sent yet: nothing to sign off.
  EXPECT_EQ(ReasonOf(SignOff(c1.id(), kDecider, &out)), "CONDITION_NOT_MET");
  // The group meets the first with a document of its award, the second
  // with a statement.
  std::string doc = Evidence(award.id());
  ASSERT_TRUE(Meet(c1.id(), "", {doc}, &out).ok());
  EXPECT_EQ(out.state(), v1::CONDITION_STATE_MET);
  ASSERT_TRUE(
      Meet(c2.id(), "The statement shows our account name.", {}, &out).ok());
  ASSERT_TRUE(SignOff(c1.id(), kDecider, &out).ok());
  EXPECT_EQ(out.state(), v1::CONDITION_STATE_SIGNED_OFF);
  EXPECT_EQ(Get(payment).state(), v1::PAYMENT_STATE_SCHEDULED);
  EXPECT_EQ(ReasonOf(Request(payment, kRecommender, &p)), "CONDITIONS_NOT_MET");
  ASSERT_TRUE(SignOff(c2.id(), kDecider, &out).ok());
  // The last sign-off: due now, and it goes through four eyes as ever.
  EXPECT_EQ(Get(payment).state(), v1::PAYMENT_STATE_DUE);
  EXPECT_TRUE(Request(payment, kRecommender, &p).ok());
  // A signed-off condition stays so.
  EXPECT_EQ(ReasonOf(SignOff(c2.id(), kDecider, &out)), "CONDITION_SIGNED_OFF");
  EXPECT_EQ(ReasonOf(Meet(c2.id(), "again", {}, &out)), "CONDITION_NOT_OPEN");
}

TEST_F(ConditionsTest,
       ScheduledAfterTheLastSignOffAPaymentOnConditionsIsDueAtOnce) {
  v1::Award award = WithConditions({"Safeguarding policy provided"});
  v1::AwardCondition out;
  ASSERT_TRUE(
      Meet(award.condition_items(0).id(), "Adopted in March.", {}, &out).ok());
  ASSERT_TRUE(SignOff(out.id(), kDecider, &out).ok());
  v1::PaymentSchedule schedule;
  v1::SetPaymentScheduleRequest req;
  req.set_request_id(Key());
  req.set_award_id(award.id());
  auto* i = req.add_instalments();
  *i->mutable_amount() = Gbp(kAmount);
  i->set_due(v1::DUE_KIND_ON_CONDITIONS);
  ASSERT_TRUE(
      payments_->SetPaymentSchedule(Officer(kRecommender).get(), req, &schedule)
          .ok());
  EXPECT_EQ(Get(schedule.payments(0).id()).state(), v1::PAYMENT_STATE_DUE);
}

TEST_F(ConditionsTest, BadAttemptsAreRefusedAndChangeNothing) {
  v1::Award award = WithConditions({"Safeguarding policy provided"});
  v1::Award other = WithConditions({"Accounts for 2024"});
  const std::string id = award.condition_items(0).id();
  v1::AwardCondition out;
  // Neither a statement nor a document.
  grpc::Status s = Meet(id, "", {}, &out);
  EXPECT_EQ(ReasonOf(s), "CONDITION_EVIDENCE_REQUIRED");
  EXPECT_EQ(FieldOf(s), "statement");
  // A document of another award.
  s = Meet(id, "", {Evidence(other.id())}, &out);
  EXPECT_EQ(ReasonOf(s), "DOCUMENT_NOT_FOUND");
  EXPECT_EQ(FieldOf(s), "document_ids[0]");
  // Another group, with this group's condition id.
  awards_.Register("ORG-OTHER");
  EXPECT_EQ(ReasonOf(Meet(id, "ours", {}, &out,
                          server_.As(Role::kGrantee, "eve", "ORG-OTHER"))),
            "ORGANISATION_SCOPE");
  // A grantee cannot sign off; an unknown condition is not found.
  v1::SignOffConditionRequest req;
  req.set_request_id(Key());
  req.set_condition_id(id);
  EXPECT_EQ(
      stub()
          .SignOffCondition(server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
                            req, &out)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      ReasonOf(SignOff("6f1c1a52-3b7e-4c3a-9d57-1a2b3c4d5e6f", kDecider, &out)),
      "CONDITION_NOT_FOUND");
  EXPECT_EQ(GetAward(award.id()).condition_items(0).state(),
            v1::CONDITION_STATE_OPEN);
  EXPECT_EQ(
      Count("SELECT count(*) FROM award_conditions WHERE state <> 'open'"), 0);
}

TEST_F(ConditionsTest, AnOfficerWhoMetAConditionForTheGroupDoesNotSignItOff) {
  v1::Award award = WithConditions({"Safeguarding policy provided"});
  const std::string id = award.condition_items(0).id();
  // An officer who neither recommended nor decided the application (they
  // may not act for the group on it).
  const std::string helper = "officer-oli";
  v1::AwardCondition out;
  EXPECT_EQ(
      ReasonOf(Meet(id, "brought in on paper", {}, &out, Officer(helper))),
      "ON_BEHALF_REASON_REQUIRED");
  ASSERT_TRUE(Meet(id, "Policy brought in on paper.", {}, &out, Officer(helper),
                   "the group has no computer")
                  .ok());
  EXPECT_EQ(out.met_by(), helper);
  EXPECT_EQ(out.on_behalf_reason(), "the group has no computer");
  EXPECT_EQ(ReasonOf(SignOff(id, helper, &out)), "FOUR_EYES_REQUIRED");
  // Nor can an officer with an interest in the group.
  ASSERT_TRUE(awards_
                  .DeclareInterest(Role::kOfficer, "officer-cy",
                                   award.organisation_id())
                  .ok());
  EXPECT_EQ(ReasonOf(SignOff(id, "officer-cy", &out)), "CONFLICT_OF_INTEREST");
  ASSERT_TRUE(SignOff(id, kDecider, &out).ok());
  // The database holds the same line.
  EXPECT_THROW(db_.Exec("UPDATE award_conditions SET signed_off_by = met_by"),
               std::exception);
}

TEST_F(ConditionsTest, AReturnedConditionIsOpenAgainWithTheOfficersComment) {
  v1::Award award = WithConditions({"Safeguarding policy provided"});
  const std::string id = award.condition_items(0).id();
  v1::AwardCondition out;
  ASSERT_TRUE(Meet(id, "We have one.", {}, &out).ok());
  v1::ReturnConditionRequest req;
  req.set_request_id(Key());
  req.set_condition_id(id);
  req.set_comment("Please send the policy itself.");
  ASSERT_TRUE(stub().ReturnCondition(Officer(kDecider).get(), req, &out).ok());
  EXPECT_EQ(out.state(), v1::CONDITION_STATE_OPEN);
  EXPECT_EQ(out.return_comment(), "Please send the policy itself.");
  ASSERT_TRUE(Meet(id, "", {Evidence(award.id())}, &out).ok());
  EXPECT_EQ(out.state(), v1::CONDITION_STATE_MET);
  EXPECT_TRUE(out.return_comment().empty());
}

TEST_F(ConditionsTest, RetriedCallsMeetAndSignOffOnce) {
  v1::Award award = WithConditions({"Safeguarding policy provided"});
  const std::string id = award.condition_items(0).id();
  v1::AwardCondition out, again;
  std::string key = Key();
  ASSERT_TRUE(Meet(id, "Adopted.", {}, &out, nullptr, "", key).ok());
  ASSERT_TRUE(Meet(id, "Adopted.", {}, &again, nullptr, "", key).ok());
  EXPECT_EQ(again.state(), v1::CONDITION_STATE_MET);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'award_condition'"),
            1);
}

TEST_F(ConditionsTest, AnAwardWithAConditionOpenIsNotCompleted) {
  v1::Award award = WithConditions({"Safeguarding policy provided"});
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  Paid(schedule.payments(0).id());
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  for (const auto& r : reqs.requirements()) {
    v1::Report report;
    ASSERT_TRUE(Submit(r.id(), ReportOf(12, {{"roma", 12}}), &report).ok());
    ASSERT_TRUE(Review(report.id(), true, &report).ok());
  }
  v1::CompleteAwardRequest req;
  req.set_request_id(Key());
  req.set_id(award.id());
  v1::Award out;
  EXPECT_EQ(ReasonOf(stub().CompleteAward(Officer(kDecider).get(), req, &out)),
            "CONDITIONS_OPEN");
  awards_.SignOffConditions(award.id());
  req.set_request_id(Key());
  grpc::Status s = stub().CompleteAward(Officer(kDecider).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), v1::AWARD_STATE_COMPLETED);
}

// Evidence with a report: documents of the report's own award only.
TEST_F(ConditionsTest, AReportCarriesEvidenceOfItsOwnAwardOnly) {
  v1::Award award = WithConditions({"Safeguarding policy provided"});
  v1::Award other = WithConditions({"Accounts for 2024"});
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  v1::ReportContent content = ReportOf(12, {{"roma", 12}});
  content.add_document_ids(Evidence(other.id()));
  v1::Report report;
  grpc::Status s = Submit(reqs.requirements(0).id(), content, &report);
  EXPECT_EQ(ReasonOf(s), "DOCUMENT_NOT_FOUND");
  EXPECT_EQ(FieldOf(s), "content.document_ids[0]");
  EXPECT_EQ(Count("SELECT count(*) FROM reports"), 0);
  content.clear_document_ids();
  content.add_document_ids(Evidence(award.id()));
  s = Submit(reqs.requirements(0).id(), content, &report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(report.content().document_ids_size(), 1);
}

}  // namespace
}  // namespace grants::testing
