// Prometheus metrics, scraped over HTTP the way Prometheus does: calls and
// latency per method, errors by reason, database connections in use.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <string>

#include "services/common/metrics.h"
#include "tests/builders.h"

namespace grants::testing {
namespace {

// GET `path` from 127.0.0.1:`port` over plain HTTP/1.0; the whole response,
// or "" when nothing answers.
std::string HttpGet(int port, const std::string& path) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), 0) ==
        static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
        response.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return response;
}

// The value of the sample whose name and labels are exactly `series`
// (e.g. `x_total{code="OK"}`), or -1 when the scrape has no such line.
double Sample(const std::string& scrape, const std::string& series) {
  std::istringstream lines(scrape);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with(series + " "))
      return std::stod(line.substr(series.size() + 1));
  return -1;
}

class MetricsTest : public ::testing::Test {
 protected:
  MetricsTest() { metrics_.Serve("127.0.0.1:0"); }

  std::string Scrape() {
    std::string response = HttpGet(metrics_.port(), "/metrics");
    EXPECT_NE(response.find(" 200 "), std::string::npos) << response;
    return response;
  }

  TestDatabase db_;
  Metrics metrics_;
  TestServer server_{db_.conninfo(), TestServerOptions{.metrics = &metrics_}};
  Builder build_{server_};
};

TEST_F(MetricsTest, ReportsTheBoundPortAndAnswersHttpThere) {
  EXPECT_GT(metrics_.port(), 0);
  EXPECT_EQ(HttpGet(metrics_.port(), "/metrics").rfind("HTTP/1.", 0), 0u);
}

TEST_F(MetricsTest, ScrapeShowsCallsLatencyErrorsAndPoolInUse) {
  build_.Funder("Trust for London");
  build_.Funder("Paul Hamlyn Foundation");
  v1::ListFundersResponse funders;
  ASSERT_TRUE(server_.Funding()
                  ->ListFunders(server_.As(Role::kOfficer).get(),
                                v1::ListFundersRequest(), &funders)
                  .ok());
  v1::CreateFundRequest create;
  create.set_request_id(Key());
  create.set_name("Not a grantee's to create");
  v1::Fund fund;
  grpc::Status refused = server_.Funding()->CreateFund(
      server_.As(Role::kGrantee, "g", "ORG-1").get(), create, &fund);
  ASSERT_EQ(ReasonOf(refused), "ROLE_NOT_ALLOWED");

  std::string scrape = Scrape();
  EXPECT_EQ(Sample(scrape,
                   R"(grants_rpc_calls_total{code="OK",method="CreateFunder"})"),
            2)
      << scrape;
  EXPECT_EQ(Sample(scrape,
                   R"(grants_rpc_calls_total{code="OK",method="ListFunders"})"),
            1);
  EXPECT_EQ(
      Sample(scrape,
             R"(grants_rpc_calls_total{code="PERMISSION_DENIED",method="CreateFund"})"),
      1);
  EXPECT_EQ(
      Sample(scrape, R"(grants_rpc_latency_seconds_count{method="CreateFunder"})"),
      2);
  EXPECT_EQ(
      Sample(scrape,
             R"(grants_rpc_latency_seconds_bucket{method="CreateFunder",le="+Inf"})"),
      2);
  EXPECT_GT(
      Sample(scrape, R"(grants_rpc_latency_seconds_sum{method="CreateFunder"})"),
      0);
  EXPECT_EQ(Sample(scrape, R"(grants_rpc_errors_total{reason="ROLE_NOT_ALLOWED"})"),
            1);
  double in_use = Sample(scrape, "grants_db_pool_in_use");
  EXPECT_GE(in_use, 0);
  EXPECT_LE(in_use, 8);
  // Successful calls have no reason, so they add no error series.
  EXPECT_EQ(scrape.find(R"(grants_rpc_errors_total{reason=""})"),
            std::string::npos);
}

}  // namespace
}  // namespace grants::testing
