// Open data and indicators through the real server: the awards exported
// page by page as a 360Giving package that validates against the standard's
// schema, with every funder and the paid ledger; indicators with targets and
// actuals read from the reach totals.
#include "domain/reach/open_data.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

namespace fs = std::filesystem;

fs::path SourceRoot() {
  fs::path root = fs::absolute(__FILE__).parent_path().parent_path();
  if (fs::exists(root / "tests/validate_360giving.py")) return root;
  // With ccache's base_dir, __FILE__ is relative to the build directory,
  // not to the test's: look upwards from where the test runs instead.
  for (fs::path dir = fs::current_path(); dir != dir.root_path();
       dir = dir.parent_path())
    if (fs::exists(dir / "tests/validate_360giving.py")) return dir;
  return root;
}

// Runs tests/validate_360giving.py on `file`: its exit status.
int Validate(const fs::path& file) {
  std::string schema =
      (SourceRoot().parent_path() / "shared/standards/360giving/schema")
          .string();
  if (const char* dir = std::getenv("GRANTS_360G_SCHEMA_DIR")) schema = dir;
  std::string command =
      "/usr/bin/python3 '" +
      (SourceRoot() / "tests/validate_360giving.py").string() + "' '" +
      file.string() + "' '" + schema + "'";
  return std::system(command.c_str());
}

using OpenDataTest = MonitoringTest;

TEST_F(OpenDataTest, ExportsEveryAwardPageByPageAsAPackageThatValidates) {
  std::vector<v1::Award> awards = {Award(), Award(), Award(kAmount, false)};
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(awards[0].id(), {{150'000, ""}, {100'000, "2030-01-01"}},
                       &schedule)
                  .ok());
  Paid(schedule.payments(0).id());

  fs::path file =
      fs::temp_directory_path() / ("grants-360g-" + Key() + ".json");
  std::ofstream out(file);
  reach::Publisher publisher{.prefix = "360G-GRANTSLDN",
                             .name = "London small grants"};
  reach::PackageWriter writer(out, publisher);
  v1::ExportGrantsRequest req;
  req.set_page_size(1);
  int pages = 0;
  do {
    v1::ExportGrantsResponse page;
    ASSERT_TRUE(
        monitoring_->ExportGrants(Officer(kDecider).get(), req, &page).ok());
    // Counted once, on the first page; the offer not yet accepted is no
    // grant.
    EXPECT_EQ(page.total(), req.page_token().empty() ? 2 : 0);
    EXPECT_EQ(page.problems_size(), 0);
    for (const auto& g : page.grants()) writer.AddJson(g);
    req.set_page_token(page.next_page_token());
    ++pages;
  } while (!req.page_token().empty());
  writer.Finish();
  out.close();
  EXPECT_GE(pages, 2);
  EXPECT_EQ(Validate(file), 0);

  std::ifstream in(file);
  auto package = nlohmann::json::parse(in);
  fs::remove(file);
  ASSERT_EQ(package["grants"].size(), 2u);
  bool disbursed = false;
  for (const auto& g : package["grants"]) {
    EXPECT_EQ(g["fundingOrganization"].size(), 2u);  // both contributors
    EXPECT_EQ(g["amountAwarded"], 2500);
    EXPECT_TRUE(g["id"].get<std::string>().starts_with("360G-GRANTSLDN-"));
    if (g.contains("amountDisbursed")) disbursed = g["amountDisbursed"] == 1500;
  }
  EXPECT_TRUE(disbursed);
  auto as_grantee = server_.As(Role::kGrantee, "ana", "ORG-ROMA");
  v1::ExportGrantsResponse page;
  EXPECT_EQ(
      monitoring_
          ->ExportGrants(as_grantee.get(), v1::ExportGrantsRequest(), &page)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(OpenDataTest, IndicatorsCompareTargetsWithTheAcceptedReports) {
  v1::Award award = Award();
  v1::GetRoundRequest get;
  get.set_id(award.round_id());
  v1::Round round;
  ASSERT_TRUE(server_.Programmes()
                  ->GetRound(Officer(kDecider).get(), get, &round)
                  .ok());
  v1::SetIndicatorRequest set;
  set.set_request_id(Key());
  auto* i = set.mutable_indicator();
  i->set_programme_id(round.programme_id());
  i->set_code("roma_supported");
  i->set_name("Roma people supported directly");
  i->set_unit("people");
  i->set_measure(v1::INDICATOR_MEASURE_PEOPLE_SUPPORTED_DIRECTLY);
  i->set_counting_rule(v1::COUNTING_RULE_UNIQUE_PEOPLE);
  i->set_community("roma");
  auto* whole = i->add_periods();
  whole->set_target(100);
  auto* q1 = i->add_periods();
  q1->set_period("2025-Q1");
  q1->set_target(40);
  v1::Indicator saved;
  ASSERT_TRUE(
      monitoring_->SetIndicator(Officer(kDecider).get(), set, &saved).ok());
  ASSERT_EQ(saved.periods_size(), 2);

  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  v1::Report report;
  ASSERT_TRUE(
      Submit(reqs.requirements(0).id(), ReportOf(45, {{"roma", 3}}), &report)
          .ok());
  ASSERT_TRUE(Review(report.id(), true, &report).ok());
  v1::ListIndicatorsRequest list;
  list.set_programme_id(round.programme_id());
  v1::ListIndicatorsResponse listed;
  ASSERT_TRUE(
      monitoring_->ListIndicators(Officer(kDecider).get(), list, &listed).ok());
  ASSERT_EQ(listed.indicators_size(), 1);
  for (const auto& p : listed.indicators(0).periods()) EXPECT_EQ(p.actual(), 3);
  // A funder never sees a live actual (changed by issue #14: actuals come
  // from releases, and nothing is released yet).
  auto funder =
      server_.As(Role::kFunder, "trust", "", award.shares(0).funder_id());
  ASSERT_TRUE(monitoring_->ListIndicators(funder.get(), list, &listed).ok());
  for (const auto& p : listed.indicators(0).periods()) {
    EXPECT_TRUE(p.actual_pending()) << p.period();
    EXPECT_EQ(p.actual(), 0);
  }

  i->set_community("astronauts");
  set.set_request_id(Key());
  EXPECT_EQ(
      ReasonOf(monitoring_->SetIndicator(Officer(kDecider).get(), set, &saved)),
      "COMMUNITY_UNKNOWN");
  i->set_community("roma");
  i->mutable_periods(1)->set_period("2025-Q5");
  grpc::Status s =
      monitoring_->SetIndicator(Officer(kDecider).get(), set, &saved);
  EXPECT_EQ(ReasonOf(s), "PERIOD_INVALID");
  EXPECT_EQ(FieldOf(s), "indicator.periods[1].period");
}

}  // namespace
}  // namespace grants::testing
