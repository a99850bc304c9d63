// Shared set-up for the assessment tests: an open round with submitted
// applications, a rubric, and one-line calls as officer or reviewer.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "grants/v1/assessment.grpc.pb.h"
#include "tests/builders.h"

namespace grants::testing {

class AssessmentTest : public ::testing::Test {
 protected:
  std::unique_ptr<v1::AssessmentService::Stub> Stub() {
    return v1::AssessmentService::NewStub(server_.Channel());
  }
  std::unique_ptr<grpc::ClientContext> Officer() {
    return server_.As(Role::kOfficer, "officer-1");
  }
  std::unique_ptr<grpc::ClientContext> Reviewer(const std::string& subject) {
    return server_.As(Role::kReviewer, subject);
  }

  // need: weight 3, 0-5; reach: weight 2, 1-10, comment required.
  static std::vector<v1::Criterion> Criteria() {
    v1::Criterion need, reach;
    need.set_code("need");
    need.set_title("Evidence of need");
    need.set_weight(3);
    need.set_min_score(0);
    need.set_max_score(5);
    reach.set_code("reach");
    reach.set_title("Reach into the communities");
    reach.set_weight(2);
    reach.set_min_score(1);
    reach.set_max_score(10);
    reach.set_comment_required(true);
    return {need, reach};
  }

  grpc::Status SetRubric(const std::string& round_id,
                         const std::vector<v1::Criterion>& criteria,
                         v1::Rubric* out = nullptr) {
    v1::SetRubricRequest req;
    req.set_request_id(Key());
    req.set_round_id(round_id);
    for (const auto& c : criteria) *req.add_criteria() = c;
    v1::Rubric ignored;
    return Stub()->SetRubric(Officer().get(), req, out ? out : &ignored);
  }

  // Registers `org` and submits an application of it to `round_id`.
  v1::Application Submitted(const std::string& org, const std::string& round_id) {
    build_.Register(org);
    v1::Application app = build_.Draft(org, round_id);
    EXPECT_TRUE(build_.Submit(org, app.id(), &app).ok());
    return app;
  }

  grpc::Status Assign(const std::string& application_id,
                      const std::vector<std::string>& reviewers,
                      v1::AssignReviewersResponse* out = nullptr) {
    v1::AssignReviewersRequest req;
    req.set_request_id(Key());
    req.set_application_id(application_id);
    for (const auto& r : reviewers) req.add_reviewers(r);
    v1::AssignReviewersResponse ignored;
    return Stub()->AssignReviewers(Officer().get(), req, out ? out : &ignored);
  }

  // need and reach, with a comment on reach.
  grpc::Status Score(const std::string& reviewer, const std::string& application_id,
                     int need, int reach, v1::ScoreSheet* out = nullptr,
                     const std::string& key = Key()) {
    v1::ScoreApplicationRequest req;
    req.set_request_id(key);
    req.set_application_id(application_id);
    auto* n = req.add_scores();
    n->set_criterion_code("need");
    n->set_value(need);
    auto* r = req.add_scores();
    r->set_criterion_code("reach");
    r->set_value(reach);
    r->set_comment("Works through trusted community groups");
    v1::ScoreSheet ignored;
    return Stub()->ScoreApplication(Reviewer(reviewer).get(), req,
                                    out ? out : &ignored);
  }

  grpc::Status Declare(const std::string& reviewer, const std::string& org,
                       const std::string& application_id,
                       v1::ConflictDeclaration* out = nullptr) {
    v1::DeclareConflictRequest req;
    req.set_request_id(Key());
    req.set_organisation_id(org);
    req.set_application_id(application_id);
    req.set_note("I am a trustee");
    v1::ConflictDeclaration ignored;
    return Stub()->DeclareConflict(Reviewer(reviewer).get(), req,
                                   out ? out : &ignored);
  }

  v1::ListRankingResponse Ranking(const std::string& round_id) {
    v1::ListRankingRequest req;
    req.set_round_id(round_id);
    v1::ListRankingResponse out;
    auto s = Stub()->ListRanking(server_.As(Role::kAuditor).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::string Count(const std::string& table_and_filter) {
    return db_.Scalar("SELECT count(*) FROM " + table_and_filter);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
};

}  // namespace grants::testing
