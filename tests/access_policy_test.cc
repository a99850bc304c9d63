// Identity and access through the real server: every RPC of every service
// is refused without credentials and for every role the policy does not
// allow; tokens are checked properly; funders see only their own records.
#include <gtest/gtest.h>

#include <future>

#include <grpcpp/generic/generic_stub.h>
#include <google/protobuf/descriptor.h>

#include "common/crypto.h"
#include "services/common/policy.h"
#include "services/common/token.h"
#include "grants/v1/applications.grpc.pb.h"
#include "grants/v1/assessment.grpc.pb.h"
#include "grants/v1/awards.grpc.pb.h"
#include "grants/v1/documents.grpc.pb.h"
#include "grants/v1/monitoring.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "grants/v1/payments.grpc.pb.h"
#include "grants/v1/sign_in.grpc.pb.h"
#include "tests/builders.h"

namespace grants::testing {
namespace {

const char* const kServices[] = {
    "grants.v1.FundingService", "grants.v1.ProgrammeService",
    "grants.v1.OrganisationService", "grants.v1.ApplicationService",
    "grants.v1.AuditService", "grants.v1.AssessmentService",
    "grants.v1.AwardService", "grants.v1.PaymentService",
    "grants.v1.FinanceService", "grants.v1.MonitoringService",
    "grants.v1.SignInService", "grants.v1.DocumentService"};

// Every method of every service in the contract, as "/pkg.Service/Method".
std::vector<std::string> AllMethods() {
  // Touch the generated code so the descriptors are registered.
  (void)v1::FundingService::service_full_name();
  (void)v1::ProgrammeService::service_full_name();
  (void)v1::AuditService::service_full_name();
  (void)v1::OrganisationService::service_full_name();
  (void)v1::ApplicationService::service_full_name();
  (void)v1::AssessmentService::service_full_name();
  (void)v1::AwardService::service_full_name();
  (void)v1::PaymentService::service_full_name();
  (void)v1::FinanceService::service_full_name();
  (void)v1::MonitoringService::service_full_name();
  (void)v1::SignInService::service_full_name();
  (void)v1::DocumentService::service_full_name();
  std::vector<std::string> out;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const char* name : kServices) {
    const auto* service = pool->FindServiceByName(name);
    EXPECT_NE(service, nullptr) << name;
    if (!service) continue;
    for (int i = 0; i < service->method_count(); ++i)
      out.push_back("/" + std::string(name) + "/" + service->method(i)->name());
  }
  return out;
}

// A serialized empty request (every request message accepts it).
grpc::ByteBuffer EmptyRequest() {
  grpc::Slice empty("");
  return grpc::ByteBuffer(&empty, 1);
}

class AccessPolicyTest : public ::testing::Test {
 protected:
  // Calls `method` with an empty request, optionally with a bearer token.
  grpc::Status CallRaw(const std::string& method, const std::string& token) {
    grpc::GenericStub stub(server_.Channel());
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    grpc::ByteBuffer request = EmptyRequest(), response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) { done.set_value(s); });
    return done.get_future().get();
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
};

TEST(PolicyTableTest, CoversEveryMethodOfTheContractAndNothingElse) {
  std::vector<std::string> methods = AllMethods();
  for (const auto& m : methods)
    EXPECT_NE(FindPolicy(m), nullptr) << m << " has no policy entry";
  for (const auto& p : AllPolicies())
    EXPECT_NE(std::find(methods.begin(), methods.end(), p.method), methods.end())
        << p.method << " is in the policy but not in the contract";
}

TEST_F(AccessPolicyTest, EveryMethodRefusesCallsWithoutCredentials) {
  for (const auto& m : AllMethods()) {
    grpc::Status s = CallRaw(m, "");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << m;
    EXPECT_EQ(ReasonOf(s), "CREDENTIALS_MISSING") << m;
  }
}

TEST_F(AccessPolicyTest, EveryMethodRefusesEveryRoleThePolicyDoesNotAllow) {
  int refusals = 0;
  for (const auto& m : AllMethods()) {
    const MethodPolicy* policy = FindPolicy(m);
    ASSERT_NE(policy, nullptr);
    for (Role role : kAllRoles) {
      if (IsMachineRole(role) || Allows(*policy, role)) continue;
      grpc::Status s = CallRaw(m, server_.Token(role, "", "ORG-1", "F-1"));
      EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << m << " as " << RoleName(role);
      EXPECT_EQ(ReasonOf(s), "ROLE_NOT_ALLOWED");
      ++refusals;
    }
  }
  EXPECT_GT(refusals, 40);
}

TEST_F(AccessPolicyTest, ARoleRefusalIsWrittenToTheAuditTrail) {
  v1::CreateFundRequest create;
  std::string key = Key();
  create.set_request_id(key);
  create.set_name("Not a grantee's to create");
  v1::Fund fund;
  grpc::Status s = server_.Funding()->CreateFund(
      server_.As(Role::kGrantee, "gina", "ORG-1").get(), create, &fund);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "ROLE_NOT_ALLOWED");

  v1::ListAuditEventsRequest list;
  list.set_entity_type("refusal");
  list.set_actor("gina");
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(server_.Audit()
                  ->ListAuditEvents(server_.As(Role::kAuditor).get(), list,
                                    &events)
                  .ok());
  ASSERT_EQ(events.events_size(), 1);
  EXPECT_EQ(events.events(0).action(), "CreateFund");
  EXPECT_EQ(events.events(0).role(), "grantee");
  EXPECT_EQ(events.events(0).request_id(), key);
  EXPECT_NE(events.events(0).summary_json().find("ROLE_NOT_ALLOWED"),
            std::string::npos)
      << events.events(0).summary_json();
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM funds"), "0");
}

TEST_F(AccessPolicyTest, MachineCertificatesGetExactlyThePolicysRights) {
  struct Machine {
    Role role;
    std::shared_ptr<grpc::Channel> channel;
  };
  for (const Machine& machine :
       {Machine{Role::kFinance, server_.FinanceChannel()},
        Machine{Role::kPortal, server_.PortalChannel()}}) {
    grpc::GenericStub stub(machine.channel);
    int allowed = 0;
    for (const auto& m : AllMethods()) {
      grpc::ClientContext ctx;
      grpc::ByteBuffer request = EmptyRequest(), response;
      std::promise<grpc::Status> done;
      stub.UnaryCall(&ctx, m, grpc::StubOptions(), &request, &response,
                     [&](grpc::Status s) { done.set_value(s); });
      grpc::Status s = done.get_future().get();
      EXPECT_NE(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << m;
      if (Allows(*FindPolicy(m), machine.role)) {
        ++allowed;  // past the gate: the empty request fails validation at most
        EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << m;
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << m;
      }
    }
    EXPECT_GT(allowed, 0) << RoleName(machine.role);
  }
}

TEST_F(AccessPolicyTest, RefusesForgedExpiredAndMalformedTokens) {
  const std::string method = "/grants.v1.FundingService/ListFunders";
  // alg "none", unsigned.
  std::string none =
      "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
      "eyJzdWIiOiJ4Iiwicm9sZSI6Im9mZmljZXIiLCJpc3MiOiJncmFudHMtZGV2IiwiYXVkIjoi"
      "Z3JhbnRzZCIsImlhdCI6MTczNjk0MjQwMCwiZXhwIjoxNzM2OTQzMDAwfQ.";
  EXPECT_EQ(CallRaw(method, none).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CallRaw(method, "not.a.token").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // A token signed by another key.
  std::string officer = server_.Token(Role::kOfficer);
  std::string tampered = officer.substr(0, officer.size() - 4) + "AAAA";
  EXPECT_EQ(ReasonOf(CallRaw(method, tampered)), "TOKEN_SIGNATURE_INVALID");
  // Expired: minted now, used an hour later.
  server_.clock().Advance(absl::Hours(1));
  EXPECT_EQ(ReasonOf(CallRaw(method, officer)), "TOKEN_EXPIRED");
  EXPECT_TRUE(CallRaw(method, server_.Token(Role::kOfficer)).ok());
}

TEST_F(AccessPolicyTest, FunderSeesOnlyItsOwnFunderAndFunds) {
  v1::Funder mine = build_.Funder("Paul Hamlyn Foundation");
  v1::Funder other = build_.Funder("Pears Foundation");
  v1::Fund funded = build_.Fund(100'000, mine.id());
  v1::Fund not_funded = build_.Fund(100'000, other.id());
  auto funding = server_.Funding();

  v1::GetFunderRequest get;
  v1::Funder funder;
  get.set_id(mine.id());
  EXPECT_TRUE(funding
                  ->GetFunder(server_.As(Role::kFunder, "f", "", mine.id()).get(),
                              get, &funder)
                  .ok());
  get.set_id(other.id());
  grpc::Status s = funding->GetFunder(
      server_.As(Role::kFunder, "f", "", mine.id()).get(), get, &funder);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  v1::GetFundRequest fund_req;
  v1::Fund fund;
  fund_req.set_id(not_funded.id());
  s = funding->GetFund(server_.As(Role::kFunder, "f", "", mine.id()).get(),
                       fund_req, &fund);
  EXPECT_EQ(ReasonOf(s), "FUNDER_SCOPE");

  v1::ListFundsRequest list;
  v1::ListFundsResponse funds;
  ASSERT_TRUE(funding
                  ->ListFunds(server_.As(Role::kFunder, "f", "", mine.id()).get(),
                              list, &funds)
                  .ok());
  ASSERT_EQ(funds.funds_size(), 1);
  EXPECT_EQ(funds.funds(0).id(), funded.id());
}

}  // namespace
}  // namespace grants::testing
