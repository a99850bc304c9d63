// Operations: health checking and reflection work for standard tools;
// migrations are idempotent.
#include <gtest/gtest.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "migrations.h"
#include "storage/migrate.h"
#include "tests/harness.h"

namespace grants::testing {
namespace {

class OperationsTest : public ::testing::Test {
 protected:
  TestDatabase db_;
  TestServer server_{db_.conninfo()};
};

TEST_F(OperationsTest, HealthServiceReportsEveryHostedServiceServing) {
  auto health = grpc::health::v1::Health::NewStub(server_.Channel());
  for (const char* name :
       {"", "grants.v1.FundingService", "grants.v1.ProgrammeService",
        "grants.v1.OrganisationService", "grants.v1.ApplicationService",
        "grants.v1.AuditService"}) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(name);
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(&ctx, req, &resp).ok()) << name;
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING)
        << name;
  }
}

TEST_F(OperationsTest, ReflectionListsTheServices) {
  auto reflection =
      grpc::reflection::v1alpha::ServerReflection::NewStub(server_.Channel());
  grpc::ClientContext ctx;
  auto stream = reflection->ServerReflectionInfo(&ctx);
  grpc::reflection::v1alpha::ServerReflectionRequest req;
  req.set_list_services("");
  ASSERT_TRUE(stream->Write(req));
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse resp;
  ASSERT_TRUE(stream->Read(&resp));
  std::vector<std::string> names;
  for (const auto& s : resp.list_services_response().service())
    names.push_back(s.name());
  for (const char* want :
       {"grants.v1.FundingService", "grants.v1.ProgrammeService",
        "grants.v1.OrganisationService", "grants.v1.ApplicationService",
        "grants.v1.AuditService", "grpc.health.v1.Health"})
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  EXPECT_TRUE(stream->Finish().ok());
}

// grantsd --services=funding,audit: one process hosting a subset.
class ServiceSubsetTest : public ::testing::Test {
 protected:
  // The health service's answer for `service`.
  grpc::Status Check(const std::string& service,
                     grpc::health::v1::HealthCheckResponse* resp) {
    auto health = grpc::health::v1::Health::NewStub(server_.Channel());
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    return health->Check(&ctx, req, resp);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo(),
                     TestServerOptions{.services = {"funding", "audit"}}};
};

TEST_F(ServiceSubsetTest, ServesOnlyTheNamedServices) {
  v1::ListFundersResponse funders;
  grpc::Status listed = server_.Funding()->ListFunders(
      server_.As(Role::kOfficer).get(), v1::ListFundersRequest(), &funders);
  EXPECT_TRUE(listed.ok()) << listed.error_message();

  v1::ListProgrammesResponse programmes;
  grpc::Status refused = server_.Programmes()->ListProgrammes(
      server_.As(Role::kOfficer).get(), v1::ListProgrammesRequest(),
      &programmes);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(ServiceSubsetTest, HealthServiceKnowsOnlyTheHostedServices) {
  for (const char* hosted : {"", "grants.v1.FundingService",
                             "grants.v1.AuditService"}) {
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(Check(hosted, &resp).ok()) << hosted;
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING)
        << hosted;
  }
  for (const char* absent :
       {"grants.v1.ProgrammeService", "grants.v1.OrganisationService",
        "grants.v1.ApplicationService"}) {
    grpc::health::v1::HealthCheckResponse resp;
    grpc::Status s = Check(absent, &resp);
    // grpc.health.v1: an unknown service is NOT_FOUND.
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << absent;
    EXPECT_NE(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING)
        << absent;
  }
}

TEST_F(OperationsTest, MigrationsRunTwiceAreANoOp) {
  auto again = storage::ApplyMigrations(db_.owner_conninfo());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM schema_migrations"),
            std::to_string(storage::migrations::kAll.size()));
}

}  // namespace
}  // namespace grants::testing
