// Applications through the public API: the life cycle, the deadline by the
// server's clock, extensions, eligibility rules, and exactly one submission
// however often it is clicked.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class ApplicationsTest : public ::testing::Test {
 protected:
  std::unique_ptr<v1::ApplicationService::Stub> Apps() {
    return v1::ApplicationService::NewStub(server_.Channel());
  }
  std::unique_ptr<grpc::ClientContext> AsOrg(const std::string& org) {
    return server_.As(Role::kGrantee, "user-" + org, org);
  }
  v1::Application Get(const std::string& id) {
    v1::GetApplicationRequest req;
    req.set_id(id);
    v1::Application out;
    EXPECT_TRUE(Apps()->GetApplication(server_.As(Role::kOfficer).get(), req, &out).ok());
    return out;
  }
  grpc::Status Return(const std::string& id, v1::Application* out) {
    v1::ReturnApplicationRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    req.set_comment("Please add how you will reach older people.");
    return Apps()->ReturnApplication(server_.As(Role::kOfficer).get(), req, out);
  }
  grpc::Status Extend(const std::string& round_id, const std::string& org,
                      const std::string& closes_local) {
    v1::GrantExtensionRequest req;
    req.set_request_id(Key());
    req.set_round_id(round_id);
    req.set_organisation_id(org);
    req.set_closes_local(closes_local);
    req.set_reason("Coordinator in hospital");
    v1::Extension out;
    return Apps()->GrantExtension(server_.As(Role::kOfficer).get(), req, &out);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
};

TEST_F(ApplicationsTest, GoesFromDraftToFrozenSubmissionAndThroughAReturn) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  v1::Application draft = build_.Draft("ORG-A", round.id());
  EXPECT_EQ(draft.state(), v1::APPLICATION_STATE_DRAFT);
  EXPECT_EQ(draft.deadline_london(), "2025-02-01T12:00:00+00:00");
  EXPECT_EQ(draft.content().correspondence_language(), "ro");  // from the org

  v1::Application submitted;
  ASSERT_TRUE(build_.Submit("ORG-A", draft.id(), &submitted).ok());
  EXPECT_EQ(submitted.state(), v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(submitted.reference(), round.reference() + "-0001");
  EXPECT_EQ(submitted.submission().version(), 1);
  EXPECT_EQ(submitted.submission().eligibility(), v1::ELIGIBILITY_ELIGIBLE);
  EXPECT_EQ(submitted.submission().content().project_summary(),
            draft.content().project_summary());

  // Frozen: a submitted application cannot be edited.
  v1::UpdateApplicationRequest edit;
  edit.set_request_id(Key());
  edit.set_id(draft.id());
  *edit.mutable_content() = GoodContent(300'000);
  v1::Application out;
  EXPECT_EQ(ReasonOf(Apps()->UpdateApplication(AsOrg("ORG-A").get(), edit, &out)),
            "APPLICATION_NOT_EDITABLE");

  ASSERT_TRUE(Return(draft.id(), &out).ok());
  EXPECT_EQ(out.state(), v1::APPLICATION_STATE_RETURNED);
  EXPECT_EQ(out.return_comment(), "Please add how you will reach older people.");
  EXPECT_EQ(ReasonOf(Return(draft.id(), &out)), "NOT_SUBMITTED");
  edit.set_request_id(Key());
  ASSERT_TRUE(Apps()->UpdateApplication(AsOrg("ORG-A").get(), edit, &out).ok());
  ASSERT_TRUE(build_.Submit("ORG-A", draft.id(), &out).ok());
  EXPECT_EQ(out.submission().version(), 2);
  EXPECT_EQ(out.reference(), submitted.reference());  // same reference
  EXPECT_EQ(out.submission().content().amount_requested().minor_units(), 300'000);
  EXPECT_EQ(ReasonOf(Return(draft.id(), &out)), "ALREADY_RETURNED_ONCE");
  // Version 1 is still there, unchanged.
  EXPECT_EQ(db_.Scalar("SELECT content->'amount_requested'->>'minor_units' FROM "
                       "application_submissions WHERE version = 1"),
            "250000");

  v1::WithdrawApplicationRequest withdraw;
  withdraw.set_request_id(Key());
  withdraw.set_id(draft.id());
  withdraw.set_reason("Merged with a partner's bid");
  ASSERT_TRUE(Apps()->WithdrawApplication(AsOrg("ORG-A").get(), withdraw, &out).ok());
  EXPECT_EQ(out.state(), v1::APPLICATION_STATE_WITHDRAWN);
  // Withdrawn frees the slot: a new application in the same round is allowed.
  build_.Draft("ORG-A", round.id());
}

// Every application within the contract's limits reaches grantsd whole:
// 30 questions of 10,000 characters, each answered in full in a script of
// two bytes a character, is 600 KB (the transport takes 2 MiB).
TEST_F(ApplicationsTest, TheLongestApplicationTheContractAllowsIsSavedAndSent) {
  v1::RoundSpec spec = OpenSpec();
  spec.clear_questions();
  for (int i = 0; i < 30; ++i) {
    auto* q = spec.add_questions();
    q->set_id("question_" + std::to_string(i));
    q->set_text("Tell us more, part " + std::to_string(i));
    q->set_max_chars(10000);
  }
  v1::Round round = build_.OpenRound(spec);
  build_.Register("ORG-A");
  std::string answer;
  for (int i = 0; i < 10000; ++i) answer += "ș";
  v1::ApplicationContent content = GoodContent();
  content.clear_answers();
  for (int i = 0; i < 30; ++i) {
    auto* a = content.add_answers();
    a->set_question_id("question_" + std::to_string(i));
    a->set_text(answer);
  }
  ASSERT_GT(content.ByteSizeLong(), 600'000u);
  v1::Application draft = build_.Draft("ORG-A", round.id(), content);
  ASSERT_EQ(draft.content().answers_size(), 30);
  v1::Application submitted;
  grpc::Status s = build_.Submit("ORG-A", draft.id(), &submitted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(submitted.submission().content().answers_size(), 30);
  EXPECT_EQ(submitted.submission().content().answers(29).text(), answer);
}

TEST_F(ApplicationsTest, DeadlineIsDecidedByTheServerClockToTheSecond) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  build_.Register("ORG-B");
  v1::Application a = build_.Draft("ORG-A", round.id());
  v1::Application b = build_.Draft("ORG-B", round.id());
  v1::Application out;
  server_.clock().Set(JustBeforeDeadline());  // 11:59:59
  ASSERT_TRUE(build_.Submit("ORG-A", a.id(), &out).ok());
  server_.clock().Set(JustBeforeDeadline() + absl::Seconds(1));  // 12:00:00
  grpc::Status late = build_.Submit("ORG-B", b.id(), &out);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(late), "DEADLINE_PASSED");
  server_.clock().Set(JustBeforeDeadline() + absl::Seconds(2));  // 12:00:01
  EXPECT_EQ(ReasonOf(build_.Submit("ORG-B", b.id(), &out)), "DEADLINE_PASSED");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM application_submissions"), "1");
}

TEST_F(ApplicationsTest, AnExtensionMovesOneOrganisationsDeadlineOnly) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  build_.Register("ORG-B");
  v1::Application a = build_.Draft("ORG-A", round.id());
  v1::Application b = build_.Draft("ORG-B", round.id());
  EXPECT_EQ(ReasonOf(Extend(round.id(), "ORG-A", "2025-02-01T11:00")),
            "EXTENSION_NOT_LATER");
  ASSERT_TRUE(Extend(round.id(), "ORG-A", "2025-02-08T12:00").ok());
  EXPECT_EQ(Get(a.id()).deadline_london(), "2025-02-08T12:00:00+00:00");
  server_.clock().Set(absl::FromUnixSeconds(1738411200 + 3600));  // 13:00 on 1 Feb
  v1::Application out;
  EXPECT_TRUE(build_.Submit("ORG-A", a.id(), &out).ok());
  EXPECT_EQ(ReasonOf(build_.Submit("ORG-B", b.id(), &out)), "DEADLINE_PASSED");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE action = "
                       "'GrantExtension'"),
            "1");
}

TEST_F(ApplicationsTest, AnExtendedDeadlineIsExactToTheSecond) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  build_.Register("ORG-B");
  v1::Application a = build_.Draft("ORG-A", round.id());
  v1::Application b = build_.Draft("ORG-B", round.id());
  ASSERT_TRUE(Extend(round.id(), "ORG-A", "2025-02-08T12:00").ok());
  ASSERT_TRUE(Extend(round.id(), "ORG-B", "2025-02-08T12:00").ok());
  const absl::Time extended = absl::FromUnixSeconds(1739016000);  // 12:00Z
  v1::Application out;
  server_.clock().Set(extended - absl::Seconds(1));
  grpc::Status s = build_.Submit("ORG-A", a.id(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.deadline_london(), "2025-02-08T12:00:00+00:00");
  for (absl::Duration after : {absl::ZeroDuration(), absl::Seconds(1)}) {
    server_.clock().Set(extended + after);
    s = build_.Submit("ORG-B", b.id(), &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(ReasonOf(s), "DEADLINE_PASSED") << after;
  }
  EXPECT_EQ(Get(b.id()).state(), v1::APPLICATION_STATE_DRAFT);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM application_submissions WHERE "
                       "application_id = '" + b.id() + "'"),
            "0");
}

TEST_F(ApplicationsTest, NoReturnOrResubmissionAfterTheDeadline) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  build_.Register("ORG-B");
  v1::Application a = build_.Draft("ORG-A", round.id());
  v1::Application b = build_.Draft("ORG-B", round.id());
  v1::Application out;
  ASSERT_TRUE(build_.Submit("ORG-A", a.id(), &out).ok());
  ASSERT_TRUE(build_.Submit("ORG-B", b.id(), &out).ok());
  ASSERT_TRUE(Return(b.id(), &out).ok());  // before the deadline
  std::string audit_before = db_.Scalar("SELECT count(*) FROM audit_events");

  server_.clock().Set(JustBeforeDeadline() + absl::Seconds(2));  // 12:00:01
  grpc::Status late_return = Return(a.id(), &out);
  EXPECT_EQ(late_return.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(late_return), "DEADLINE_PASSED");
  v1::Application still = Get(a.id());
  EXPECT_EQ(still.state(), v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(still.return_comment(), "");

  grpc::Status late_resubmit = build_.Submit("ORG-B", b.id(), &out);
  EXPECT_EQ(late_resubmit.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(late_resubmit), "DEADLINE_PASSED");
  EXPECT_EQ(Get(b.id()).state(), v1::APPLICATION_STATE_RETURNED);
  EXPECT_EQ(db_.Scalar("SELECT max(version) FROM application_submissions WHERE "
                       "application_id = '" + b.id() + "'"),
            "1");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events"), audit_before);
}

// Deadlines are set in London time: in summer (BST, UTC+1) 17:00 London is
// 16:00 UTC, and the deadline is exclusive to the second.
TEST_F(ApplicationsTest, ASummerTimeDeadlineClosesAtTheRightUtcSecond) {
  server_.clock().Set(absl::FromUnixSeconds(1812628800));  // 2027-06-10T12:00Z
  v1::RoundSpec spec = OpenSpec();
  spec.set_opens_local("2027-06-01T09:00");
  spec.set_closes_local("2027-06-30T17:00");
  v1::Round round = build_.OpenRound(spec);
  EXPECT_EQ(round.closes_at().seconds(), 1814371200);  // 2027-06-30T16:00:00Z
  std::vector<v1::Application> drafts;
  for (const char* org : {"ORG-A", "ORG-B", "ORG-C"}) {
    build_.Register(org);
    drafts.push_back(build_.Draft(org, round.id()));
  }
  EXPECT_EQ(drafts[0].deadline_london(), "2027-06-30T17:00:00+01:00");
  const absl::Time closes = absl::FromUnixSeconds(1814371200);
  v1::Application out;
  server_.clock().Set(closes - absl::Seconds(1));  // 15:59:59Z, 16:59:59 BST
  grpc::Status s = build_.Submit("ORG-A", drafts[0].id(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  server_.clock().Set(closes);  // 16:00:00Z: the deadline itself is too late
  EXPECT_EQ(ReasonOf(build_.Submit("ORG-B", drafts[1].id(), &out)),
            "DEADLINE_PASSED");
  server_.clock().Set(closes + absl::Seconds(1));  // 16:00:01Z
  s = build_.Submit("ORG-C", drafts[2].id(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "DEADLINE_PASSED");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM application_submissions"), "1");
}

TEST_F(ApplicationsTest, ThirtyTwoConcurrentSubmitsMakeExactlyOneSubmission) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  for (bool same_key : {true, false}) {
    v1::Application draft = build_.Draft("ORG-A", round.id());
    std::string shared_key = Key();
    std::atomic<int> ok{0}, ready{0};
    std::vector<std::thread> clicks;
    for (int i = 0; i < 32; ++i) {
      clicks.emplace_back([&] {
        auto stub = v1::ApplicationService::NewStub(server_.Channel());
        auto ctx = AsOrg("ORG-A");
        v1::SubmitApplicationRequest req;
        req.set_request_id(same_key ? shared_key : Key());
        req.set_id(draft.id());
        ++ready;
        while (ready.load() < 32) std::this_thread::yield();
        v1::Application out;
        grpc::Status s = stub->SubmitApplication(ctx.get(), req, &out);
        if (s.ok()) ++ok;
        else EXPECT_EQ(ReasonOf(s), "APPLICATION_NOT_EDITABLE") << s.error_message();
      });
    }
    for (auto& t : clicks) t.join();
    EXPECT_EQ(ok.load(), same_key ? 32 : 1);
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM application_submissions WHERE "
                         "application_id = '" + draft.id() + "'"),
              "1");
    v1::WithdrawApplicationRequest w;  // free the slot for the next pass
    w.set_request_id(Key());
    w.set_id(draft.id());
    v1::Application out;
    ASSERT_TRUE(Apps()->WithdrawApplication(AsOrg("ORG-A").get(), w, &out).ok());
  }
}

TEST_F(ApplicationsTest, TwoTabsCannotStartTwoApplicationsInOneRound) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  build_.Draft("ORG-A", round.id());
  v1::CreateApplicationRequest req;
  req.set_request_id(Key());
  req.set_round_id(round.id());
  v1::Application out;
  grpc::Status s = Apps()->CreateApplication(AsOrg("ORG-A").get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReasonOf(s), "ACTIVE_APPLICATION_EXISTS");
}

// Two browser tabs press "start application" at once, each with its own
// idempotency key: the unique index on active applications decides, and the
// loser gets ALREADY_EXISTS with a stable reason, never INTERNAL.
TEST_F(ApplicationsTest, TwoConcurrentTabsStartExactlyOneApplication) {
  v1::Round round = build_.OpenRound();
  for (int pass = 0; pass < 4; ++pass) {
    std::string org = "ORG-" + std::to_string(pass);
    build_.Register(org);
    std::atomic<int> ready{0};
    grpc::Status results[2];
    std::vector<std::thread> tabs;
    for (int tab = 0; tab < 2; ++tab) {
      tabs.emplace_back([&, tab] {
        auto stub = v1::ApplicationService::NewStub(server_.Channel());
        auto ctx = AsOrg(org);
        v1::CreateApplicationRequest req;
        req.set_request_id(Key());
        req.set_round_id(round.id());
        *req.mutable_content() = GoodContent();
        ++ready;
        while (ready.load() < 2) std::this_thread::yield();
        v1::Application out;
        results[tab] = stub->CreateApplication(ctx.get(), req, &out);
      });
    }
    for (auto& t : tabs) t.join();
    int ok = 0;
    for (const grpc::Status& s : results) {
      if (s.ok()) {
        ++ok;
        continue;
      }
      EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS)
          << s.error_message();
      EXPECT_EQ(ReasonOf(s), "ACTIVE_APPLICATION_EXISTS");
      EXPECT_EQ(FieldOf(s), "round_id");
    }
    EXPECT_EQ(ok, 1) << org;
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM applications WHERE "
                         "organisation_id = '" + org + "'"),
              "1");
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE entity_type "
                         "= 'application' AND actor = 'user-" + org + "'"),
              "1");
  }
}

TEST_F(ApplicationsTest, ListsForOfficersByRoundStateBoroughCommunityAndEligibility) {
  v1::Round round = build_.OpenRound();
  build_.Register("ORG-A");
  build_.Register("ORG-B");
  v1::Application a = build_.Draft("ORG-A", round.id());
  build_.Draft("ORG-B", round.id());
  v1::Application out;
  ASSERT_TRUE(build_.Submit("ORG-A", a.id(), &out).ok());
  v1::ListApplicationsRequest req;
  req.set_round_id(round.id());
  req.set_state(v1::APPLICATION_STATE_SUBMITTED);
  req.set_borough_code("E09000030");
  req.set_community("roma");
  req.set_eligibility(v1::ELIGIBILITY_ELIGIBLE);
  v1::ListApplicationsResponse list;
  ASSERT_TRUE(Apps()->ListApplications(server_.As(Role::kOfficer).get(), req, &list).ok());
  ASSERT_EQ(list.applications_size(), 1);
  EXPECT_EQ(list.applications(0).id(), a.id());
  req.set_community("disabled_people");
  ASSERT_TRUE(Apps()->ListApplications(server_.As(Role::kOfficer).get(), req, &list).ok());
  EXPECT_EQ(list.applications_size(), 0);
}

}  // namespace
}  // namespace grants::testing
