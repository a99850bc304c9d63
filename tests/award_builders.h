// Test data for awards, through the public API: pooled funds with several
// funders, rounds with submitted applications, recommendations, decisions
// and offers in one line each.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "grants/v1/assessment.grpc.pb.h"
#include "grants/v1/awards.grpc.pb.h"
#include "tests/builders.h"

namespace grants::testing {

// The two officers of four eyes.
inline const char kRecommender[] = "officer-ann";
inline const char kDecider[] = "officer-bob";

class AwardBuilder {
 public:
  explicit AwardBuilder(const TestServer& server);

  // A round of OpenSpec() with `budget`, on a fund with one contribution of
  // each of `contributions` (a new funder each), opened; fills `fund_id`.
  v1::Round OpenRound(int64_t budget, const std::vector<int64_t>& contributions,
                      std::string* fund_id = nullptr);
  // Registers `org` (a charity with a unique number), once per builder.
  void Register(const std::string& org);
  // `org`'s submitted, eligible application to `round_id` asking `amount`.
  v1::Application Submit(const std::string& org, const std::string& round_id,
                         int64_t amount);
  void Close(const std::string& round_id);

  grpc::Status Recommend(const std::string& application_id, Role role,
                         const std::string& subject, v1::Outcome outcome,
                         int64_t amount, v1::Decision* out = nullptr,
                         const std::string& reason = "");
  grpc::Status Decide(const std::string& application_id,
                      const std::string& subject, v1::Outcome outcome,
                      v1::Decision* out = nullptr);
  // Recommended by kRecommender, approved by kDecider (round closed).
  void Approve(const std::string& application_id, int64_t amount);
  grpc::Status Offer(const std::string& application_id, int64_t amount,
                     v1::Award* out, const std::string& expires_local = "",
                     const std::string& key = Key());
  grpc::Status Accept(const std::string& org, const std::string& award_id,
                      v1::Award* out);
  grpc::Status Decline(const std::string& org, const std::string& award_id,
                       v1::Award* out, const std::string& reason = "");
  // An officer assigns `reviewer` to review the application.
  grpc::Status Assign(const std::string& application_id,
                      const std::string& reviewer);
  // `subject` (an officer or reviewer) declares an interest in the
  // organisation `organisation_id`, or (when empty) in the application.
  grpc::Status DeclareInterest(Role role, const std::string& subject,
                               const std::string& organisation_id,
                               const std::string& application_id = "");
  grpc::Status SetSettings(const std::string& round_id, int64_t threshold,
                           int validity_days = 30);
  v1::RoundAwardSettings Settings(const std::string& round_id);
  v1::Award Get(const std::string& award_id);
  v1::Application GetApplication(const std::string& application_id);

  v1::AwardService::Stub& stub() { return *stub_; }
  // Every condition of the award not yet signed off: met for the group by
  // kRecommender (with a reason) and signed off by kDecider.
  void SignOffConditions(const std::string& award_id);

 private:
  const TestServer& server_;
  Builder build_;
  std::unique_ptr<v1::AwardService::Stub> stub_;
  std::unique_ptr<v1::ApplicationService::Stub> apps_;
  std::unique_ptr<v1::OrganisationService::Stub> orgs_;
  std::vector<std::string> registered_;
  int next_charity_ = 0;
};

}  // namespace grants::testing
