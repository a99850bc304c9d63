// Messages to grantees at every step that matters to them, through the
// outbox in the transaction of the change: each queued exactly once, in
// the organisation's correspondence language, none on a refused call or an
// idempotent replay; the offer expiry sweeps safe with several grantsd;
// and the officers' daily digest listing what needs them.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/notifications/message.h"
#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

namespace fs = std::filesystem;

class MessagesTest : public MonitoringTest {
 protected:
  MessagesTest() {
    spool_ = fs::temp_directory_path() / ("grants-messages-" + Key());
    fs::create_directories(spool_);
  }
  ~MessagesTest() override { fs::remove_all(spool_); }

  // Messages of `kind` queued.
  int64_t Queued(const std::string& kind) {
    return Count("SELECT count(*) FROM notifications WHERE kind = '" + kind +
                 "'");
  }
  // A parameter of the one message of `kind`.
  std::string ParamOf(const std::string& kind, const std::string& name) {
    return db_.Scalar("SELECT params ->> '" + name +
                      "' FROM notifications WHERE kind = '" + kind + "'");
  }
  std::string LanguageOf(const std::string& kind) {
    return db_.Scalar(
        "SELECT string_agg(language, ',') FROM notifications "
        "WHERE kind = '" +
        kind + "'");
  }

  // A grantsd delivering into the spool, its clock at 11:00 UTC on `date`.
  std::unique_ptr<TestServer> Dispatcher(const std::string& date,
                                         const std::string& digest_to = "") {
    absl::Time at;
    std::string err;
    EXPECT_TRUE(absl::ParseTime("%Y-%m-%d %H:%M", date + " 11:00", &at, &err));
    return std::make_unique<TestServer>(
        db_.conninfo(), TestServerOptions{.now = at,
                                          .notification_spool = spool_.string(),
                                          .officer_digest_to = digest_to});
  }

  // Every message queued so far is in its group's correspondence language.
  void ExpectEachInItsGroupsLanguage() {
    EXPECT_GT(Count("SELECT count(*) FROM notifications"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM notifications AS n JOIN "
                    "organisations AS o ON o.id = n.organisation_id "
                    "WHERE n.language <> o.correspondence_language"),
              0)
        << db_.Scalar(
               "SELECT string_agg(kind || ':' || language, ',') FROM "
               "notifications");
  }

  // The spool's message of `kind` ("" when none).
  std::string Mail(const std::string& kind) {
    for (const auto& entry : fs::directory_iterator(spool_)) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      if (text.str().find("X-Grants-Kind: " + kind + "\r\n") !=
          std::string::npos)
        return text.str();
    }
    return "";
  }

  fs::path spool_;
};

TEST_F(MessagesTest, AnAwardsStepsQueueOneMessageEachInTheGranteesLanguage) {
  v1::Award award = Award();  // submitted, approved, offered, accepted
  EXPECT_EQ(Queued("application_received"), 1);
  EXPECT_EQ(Queued("application_approved"), 1);
  EXPECT_EQ(Queued("offer_made"), 1);
  EXPECT_EQ(Queued("offer_accepted"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications"), 4);
  EXPECT_EQ(LanguageOf("offer_made"), "ro");
  EXPECT_EQ(LanguageOf("offer_accepted"), "ro");
  // The group accepted it itself: no note of an officer.
  EXPECT_EQ(ParamOf("offer_accepted", "on_behalf_by"), "");
  EXPECT_EQ(ParamOf("offer_accepted", "amount"), "GBP 2,500.00");
  std::string reference =
      awards_.GetApplication(award.application_id()).reference();
  ASSERT_FALSE(reference.empty());
  EXPECT_EQ(ParamOf("application_received", "reference"), reference);
  EXPECT_EQ(ParamOf("application_approved", "reference"), reference);
  EXPECT_EQ(ParamOf("offer_made", "reference"), reference);
  EXPECT_EQ(ParamOf("offer_made", "amount"), "GBP 2,500.00");
  // Thirty days after 2025-01-15 12:00Z, in London time.
  EXPECT_EQ(ParamOf("offer_made", "answer_by"), "2025-02-14 12:00");

  // Delivered in Romanian, with the portal's address.
  auto dispatcher = Dispatcher("2025-01-16");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  std::string offer = Mail("offer_made");
  EXPECT_NE(offer.find("Content-Language: ro\r\n"), std::string::npos);
  EXPECT_NE(offer.find("GBP 2,500.00"), std::string::npos) << offer;
  EXPECT_NE(offer.find(std::string(kPortalUrl) + "/awards"), std::string::npos)
      << offer;
  EXPECT_NE(Mail("application_received").find(reference), std::string::npos);
}

TEST_F(MessagesTest, EveryKindTheOutboxWritesIsAKnownKindAndNoOther) {
  // The notifications' kinds are a reference table (0051): every kind
  // with texts, and the officers' digest, and nothing the outbox cannot
  // write.
  std::vector<std::string> kinds = notifications::Kinds();
  kinds.push_back("officer_digest");
  for (const std::string& kind : kinds)
    EXPECT_EQ(Count("SELECT count(*) FROM notification_kinds WHERE kind = '" +
                    kind + "'"),
              1)
        << kind;
  EXPECT_EQ(Count("SELECT count(*) FROM notification_kinds"),
            static_cast<int64_t>(kinds.size()));
  // An unknown kind is refused by the database itself (the same row with
  // a known kind is taken).
  auto insert = [&](const std::string& key, const std::string& kind) {
    db_.Exec(
        "INSERT INTO notifications (dedupe_key, kind, organisation_id, "
        "recipient, language, params, created_at) VALUES ('" +
        key + "', '" + kind +
        "', 'ORG-X', 'a@example.org', 'en', '{}', now())");
  };
  EXPECT_THROW(insert("x:1", "no_such_kind"), std::exception);
  EXPECT_NO_THROW(insert("x:2", "report_accepted"));
}

TEST_F(MessagesTest, AReceiptOncePerSubmissionAndAReturnWithItsComment) {
  Builder build(server_);
  v1::Round round = build.OpenRound();
  // Romani and Arabic are languages an organisation may correspond in.
  v1::OrganisationProfile arabic = CharityProfile();
  arabic.set_correspondence_language("ar");
  build.Register("ORG-KOSOVO", arabic);
  v1::OrganisationProfile romani = CharityProfile();
  romani.set_correspondence_language("rom");
  romani.set_charity_number("1170001");
  build.Register("ORG-ROMANI", romani);
  EXPECT_EQ(db_.Scalar("SELECT string_agg(correspondence_language, ',' ORDER "
                       "BY correspondence_language) FROM organisations"),
            "ar,rom");
  v1::Application app = build.Draft("ORG-KOSOVO", round.id());
  const std::string key = Key();
  v1::Application out;
  ASSERT_TRUE(build.Submit("ORG-KOSOVO", app.id(), &out, key).ok());
  ASSERT_TRUE(build.Submit("ORG-KOSOVO", app.id(), &out, key).ok());  // replay
  EXPECT_EQ(build.Submit("ORG-KOSOVO", app.id(), &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // refused
  EXPECT_EQ(Queued("application_received"), 1);
  EXPECT_EQ(LanguageOf("application_received"), "ar");
  EXPECT_EQ(ParamOf("application_received", "reference"), out.reference());
  EXPECT_EQ(ParamOf("application_received", "deadline"), "2025-02-01 12:00");

  auto apps = v1::ApplicationService::NewStub(server_.Channel());
  v1::ReturnApplicationRequest ret;
  ret.set_request_id(Key());
  ret.set_id(app.id());
  ret.set_comment("Add how you will reach older people");
  ASSERT_TRUE(apps->ReturnApplication(Officer(kDecider).get(), ret, &out).ok());
  ASSERT_TRUE(apps->ReturnApplication(Officer(kDecider).get(), ret, &out).ok());
  ret.set_request_id(Key());
  EXPECT_FALSE(
      apps->ReturnApplication(Officer(kDecider).get(), ret, &out).ok());
  EXPECT_EQ(Queued("application_returned"), 1);
  EXPECT_EQ(ParamOf("application_returned", "comment"),
            "Add how you will reach older people");

  // The resubmission is a new submission: a receipt of its own.
  ASSERT_TRUE(build.Submit("ORG-KOSOVO", app.id(), &out).ok());
  EXPECT_EQ(Queued("application_received"), 2);

  auto dispatcher = Dispatcher("2025-01-16");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  std::string mail = Mail("application_returned");
  EXPECT_NE(mail.find("Content-Language: ar\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Add how you will reach older people"),
            std::string::npos);
}

TEST_F(MessagesTest, ADeclineCarriesItsReasonAndARefusedDecisionQueuesNone) {
  v1::Round round = awards_.OpenRound(4'500'000, {4'500'000});
  std::string app = awards_.Submit("ORG-ROMA", round.id(), 250'000).id();
  awards_.Close(round.id());
  ASSERT_TRUE(awards_
                  .Recommend(app, Role::kOfficer, kRecommender,
                             v1::OUTCOME_DECLINE, 250'000, nullptr,
                             "The project is outside the round's purpose")
                  .ok());
  ASSERT_TRUE(awards_.Decide(app, kDecider, v1::OUTCOME_DECLINE).ok());
  EXPECT_FALSE(awards_.Decide(app, kDecider, v1::OUTCOME_DECLINE).ok());
  EXPECT_EQ(Queued("application_declined"), 1);
  EXPECT_EQ(Queued("application_approved"), 0);
  EXPECT_EQ(ParamOf("application_declined", "reason"),
            "The project is outside the round's purpose");
  ExpectEachInItsGroupsLanguage();
}

TEST_F(MessagesTest, RetriedDecisionsOffersAndOutcomesAreToldOnce) {
  v1::Round round = awards_.OpenRound(4'500'000, {4'500'000});
  std::string approved = awards_.Submit("ORG-ROMA", round.id(), 250'000).id();
  std::string declined = awards_.Submit("ORG-OTHER", round.id(), 200'000).id();
  awards_.Close(round.id());
  ASSERT_TRUE(awards_
                  .Recommend(approved, Role::kOfficer, kRecommender,
                             v1::OUTCOME_APPROVE, 250'000)
                  .ok());
  ASSERT_TRUE(awards_
                  .Recommend(declined, Role::kOfficer, kRecommender,
                             v1::OUTCOME_DECLINE, 200'000, nullptr,
                             "Another group already works there")
                  .ok());
  // Each decision sent twice with its key: one message each.
  for (auto [app, outcome] : {std::pair{approved, v1::OUTCOME_APPROVE},
                              std::pair{declined, v1::OUTCOME_DECLINE}}) {
    v1::DecideApplicationRequest decide;
    decide.set_request_id(Key());
    decide.set_application_id(app);
    decide.set_outcome(outcome);
    v1::Decision d;
    for (int i = 0; i < 2; ++i) {
      grpc::Status s =
          awards_.stub().DecideApplication(Officer(kDecider).get(), decide, &d);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
  }
  EXPECT_EQ(Queued("application_approved"), 1);
  EXPECT_EQ(Queued("application_declined"), 1);

  // The offer, answered by 17:00 on a summer day: British Summer Time,
  // 16:00 UTC, and the message says 17:00 London time.
  const std::string key = Key();
  v1::Award award, again;
  ASSERT_TRUE(
      awards_.Offer(approved, 250'000, &award, "2025-07-10T17:00", key).ok());
  ASSERT_TRUE(
      awards_.Offer(approved, 250'000, &again, "2025-07-10T17:00", key).ok());
  EXPECT_EQ(again.id(), award.id());
  EXPECT_EQ(Queued("offer_made"), 1);
  EXPECT_EQ(
      award.expire_time().seconds(),
      absl::ToUnixSeconds(absl::FromCivil(
          absl::CivilSecond(2025, 7, 10, 16, 0, 0), absl::UTCTimeZone())));
  EXPECT_EQ(ParamOf("offer_made", "answer_by"), "2025-07-10 17:00");

  v1::AcceptOfferRequest accept;
  accept.set_request_id(Key());
  accept.set_id(award.id());
  for (int i = 0; i < 2; ++i)
    ASSERT_TRUE(
        awards_.stub()
            .AcceptOffer(server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
                         accept, &award)
            .ok());
  EXPECT_EQ(Queued("offer_accepted"), 1);

  // A variation's outcome, its deciding call sent twice.
  v1::Variation v;
  ASSERT_TRUE(Grantee(award.id(), 300'000, "", &v).ok());
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v).ok());
  v1::DecideVariationRequest decide;
  decide.set_request_id(Key());
  decide.set_id(v.id());
  decide.set_outcome(v1::OUTCOME_APPROVE);
  for (int i = 0; i < 2; ++i)
    ASSERT_TRUE(
        stub().DecideVariation(Officer(kRecommender).get(), decide, &v).ok());
  EXPECT_EQ(v.state(), v1::VARIATION_STATE_APPROVED);
  EXPECT_EQ(Queued("variation_approved"), 1);
  ExpectEachInItsGroupsLanguage();
}

TEST_F(MessagesTest, AnOfferIsWarnedOfOnceAndItsExpiryToldOnce) {
  v1::Award award = Award(kAmount, /*accept=*/false);  // until 02-14 12:00Z
  auto early = Dispatcher("2025-02-10");
  ASSERT_TRUE(early->server().RunOutboxNow().ok());
  EXPECT_EQ(Queued("offer_expiring"), 0);
  // Two grantsd sweeping the same day: one warning.
  auto one = Dispatcher("2025-02-12");
  auto two = Dispatcher("2025-02-12");
  ASSERT_TRUE(one->server().RunOutboxNow().ok());
  ASSERT_TRUE(two->server().RunOutboxNow().ok());
  ASSERT_TRUE(one->server().RunOutboxNow().ok());
  EXPECT_EQ(Queued("offer_expiring"), 1);
  EXPECT_EQ(ParamOf("offer_expiring", "answer_by"), "2025-02-14 12:00");
  EXPECT_EQ(Queued("offer_expired"), 0);

  auto late = Dispatcher("2025-02-15");
  auto later = Dispatcher("2025-02-15");
  ASSERT_TRUE(late->server().RunOutboxNow().ok());
  ASSERT_TRUE(later->server().RunOutboxNow().ok());
  EXPECT_EQ(Queued("offer_expired"), 1);
  EXPECT_EQ(awards_.Get(award.id()).state(), v1::AWARD_STATE_EXPIRED);
  EXPECT_EQ(LanguageOf("offer_expired"), "ro");
  EXPECT_FALSE(Mail("offer_expired").empty());
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE sent_at IS NULL"),
            0);
}

TEST_F(MessagesTest, APaymentIsToldWhenInstructedPaidAndFailedOnceEach) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{200'000, ""}, {50'000, ""}}, &schedule).ok());
  v1::Payment first = Authorised(schedule.payments(0).id());
  v1::PaymentInstruction out;
  ASSERT_TRUE(Ack(first.instruction_id(), &out).ok());
  ASSERT_TRUE(Ack(first.instruction_id(), &out).ok());  // acknowledged again
  EXPECT_EQ(Queued("payment_instructed"), 1);
  EXPECT_EQ(ParamOf("payment_instructed", "amount"), "GBP 2,000.00");
  const std::string key = Key();
  ASSERT_TRUE(Remit(first.instruction_id(), 200'000, "BACS-1", &out, key).ok());
  ASSERT_TRUE(Remit(first.instruction_id(), 200'000, "BACS-1", &out, key).ok());
  EXPECT_FALSE(Remit(first.instruction_id(), 150'000, "BACS-2", &out).ok());
  EXPECT_EQ(Queued("payment_paid"), 1);
  EXPECT_EQ(ParamOf("payment_paid", "bank_reference"), "BACS-1");
  EXPECT_EQ(ParamOf("payment_paid", "paid_date"), "2025-01-16");

  v1::Payment second = Authorised(schedule.payments(1).id());
  v1::RecordPaymentFailureRequest failure;
  failure.set_request_id(Key());
  failure.set_instruction_id(second.instruction_id());
  failure.set_reason("Account closed");
  for (int i = 0; i < 2; ++i) {
    grpc::ClientContext ctx;
    ASSERT_TRUE(finance_->RecordPaymentFailure(&ctx, failure, &out).ok());
    failure.set_request_id(Key());
  }
  EXPECT_EQ(Queued("payment_failed"), 1);
  EXPECT_EQ(ParamOf("payment_failed", "instalment"), "2");
  EXPECT_EQ(LanguageOf("payment_failed"), "ro");
  ExpectEachInItsGroupsLanguage();
}

TEST_F(MessagesTest, VariationOutcomesATerminationAndARecoveryAreToldOnce) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{100'000, ""}, {150'000, "2025-06-01"}}, &schedule)
          .ok());
  Paid(schedule.payments(0).id());
  v1::Variation v;
  ASSERT_TRUE(Grantee(award.id(), 300'000, "", &v).ok());
  // The first officer endorses: not an outcome yet.
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_EQ(Queued("variation_approved"), 0);
  ASSERT_TRUE(Decide(v.id(), kRecommender, v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_FALSE(Decide(v.id(), "officer-cat", v1::OUTCOME_APPROVE, &v).ok());
  EXPECT_EQ(Queued("variation_approved"), 1);
  EXPECT_EQ(ParamOf("variation_approved", "amount"), "GBP 3,000.00");

  ASSERT_TRUE(Grantee(award.id(), 350'000, "", &v).ok());
  ASSERT_TRUE(Decide(v.id(), kDecider, v1::OUTCOME_DECLINE, &v,
                     "The round has no money left")
                  .ok());
  EXPECT_EQ(Queued("variation_rejected"), 1);
  EXPECT_EQ(ParamOf("variation_rejected", "comment"),
            "The round has no money left");

  const std::string key = Key();
  v1::Termination t;
  ASSERT_TRUE(Terminate(award.id(), 40'000, &t, key).ok());
  ASSERT_TRUE(Terminate(award.id(), 40'000, &t, key).ok());  // replay
  EXPECT_FALSE(Terminate(award.id(), 40'000, &t).ok());      // refused
  EXPECT_EQ(Queued("award_terminated"), 1);
  EXPECT_EQ(ParamOf("award_terminated", "reason"), "The group dissolved");
  EXPECT_EQ(Queued("recovery_raised"), 1);
  EXPECT_EQ(ParamOf("recovery_raised", "amount"), "GBP 400.00");
  EXPECT_EQ(LanguageOf("recovery_raised"), "ro");
  ExpectEachInItsGroupsLanguage();
}

TEST_F(MessagesTest, AnUnderspendRecoveryIsToldOnceWithoutSayingTheGrantEnded) {
  v1::Award award = Award();
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{kAmount, ""}}, &schedule).ok());
  Paid(schedule.payments(0).id());
  v1::RaiseRecoveryRequest req;
  req.set_request_id(Key());
  req.set_award_id(award.id());
  *req.mutable_amount() = Gbp(30'000);
  req.set_reason("The final report shows the venue cost less");
  req.set_due_date("2025-03-31");
  v1::RaiseRecoveryResponse out;
  ASSERT_TRUE(stub().RaiseRecovery(Officer(kDecider).get(), req, &out).ok());
  ASSERT_TRUE(stub().RaiseRecovery(Officer(kDecider).get(), req, &out).ok());
  EXPECT_EQ(Queued("recovery_raised"), 1);
  EXPECT_EQ(ParamOf("recovery_raised", "amount"), "GBP 300.00");
  EXPECT_EQ(ParamOf("recovery_raised", "due_date"), "2025-03-31");
  // A second recovery later is a second message.
  req.set_request_id(Key());
  *req.mutable_amount() = Gbp(10'000);
  ASSERT_TRUE(stub().RaiseRecovery(Officer(kDecider).get(), req, &out).ok());
  EXPECT_EQ(Queued("recovery_raised"), 2);
  // The award runs on: the message (in the group's Romanian) asks for the
  // money by its date without saying the grant has ended.
  auto dispatcher = Dispatcher("2025-02-12");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  std::string mail = Mail("recovery_raised");
  EXPECT_NE(mail.find("până la 2025-03-31"), std::string::npos) << mail;
  EXPECT_EQ(mail.find("încheiat"), std::string::npos) << mail;
}

TEST_F(MessagesTest, TheDigestListsWhatNeedsAnOfficerOnceADay) {
  v1::Award running = Award();  // accepted 2025-01-15
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(running.id(), &reqs, "2025-02-10").ok());
  v1::Award offered = Award(kAmount, /*accept=*/false);  // until 02-14
  v1::Round open = awards_.OpenRound(1'000'000, {1'000'000});
  v1::Application waiting = awards_.Submit("ORG-WAITING", open.id(), 100'000);
  v1::PaymentInstruction out;
  EXPECT_FALSE(Remit(kUnknownInstruction, 1'000, "BACS-X", &out).ok());

  auto dispatcher = Dispatcher("2025-02-12", "officers@london.example");
  auto second = Dispatcher("2025-02-12", "officers@london.example");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  ASSERT_TRUE(second->server().RunOutboxNow().ok());
  EXPECT_EQ(Queued("officer_digest"), 1);
  std::string items = db_.Scalar(
      "SELECT string_agg((i ->> 'kind') || '|' || (i ->> 'ref') || '|' || "
      "(i ->> 'detail'), ';') FROM notifications, "
      "jsonb_array_elements(params -> 'items') AS i "
      "WHERE kind = 'officer_digest'");
  std::string offered_ref =
      awards_.GetApplication(offered.application_id()).reference();
  std::string running_ref =
      awards_.GetApplication(running.application_id()).reference();
  EXPECT_EQ(items, "offer_expiring|" + offered_ref + "|2025-02-14 12:00;" +
                       "reconciliation|" + kUnknownInstruction +
                       "|unknown_instruction;" + "report_overdue|" +
                       running_ref + "|final 2025-02-10;" + "submission|" +
                       waiting.reference() + "|2025-01-15");
  EXPECT_EQ(db_.Scalar("SELECT recipient || ' ' || language FROM "
                       "notifications WHERE kind = 'officer_digest'"),
            "officers@london.example en");
  std::string mail = Mail("officer_digest");
  EXPECT_NE(mail.find("Monitoring reports overdue:\r\n  " + running_ref),
            std::string::npos)
      << mail;
  // No names in it: references only.
  EXPECT_EQ(mail.find("Roma Support"), std::string::npos);
  EXPECT_EQ(mail.find("Popescu"), std::string::npos);
}

}  // namespace
}  // namespace grants::testing
