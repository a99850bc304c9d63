// Tests of the 360Giving export: mapping, exact money, validation, streaming.
#include "domain/reach/open_data.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

namespace grants::reach {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const OrgRef kTrustForLondon{"GB-CHC-1085314", "Trust for London"};
const OrgRef kPaulHamlyn{"GB-CHC-1102927", "Paul Hamlyn Foundation"};
const OrgRef kGla{"GB-LAE-GLA", "Greater London Authority"};

// Recipients (numbers are made up): registered charities, companies and
// unregistered groups. {id, name, charity number, company number}.
const std::vector<std::vector<std::string>> kRecipients = {
    {"GB-CHC-1107812", "Roma Support Group", "", ""},
    {"GB-COH-09876543", "Asociația Română din Londra CIC", "", ""},
    {"GB-CHC-1160321", "Polish Social and Cultural Hub", "1160321", ""},
    {"GB-COH-07654321", "Bulgarian Community Advice Ltd", "", "07654321"},
    {"GB-CHC-1089001", "Lithuanian Families Network", "1089001", "04123456"},
    {"360G-GRANTSLDN-ORG-9", "Portuguese Speakers' Mutual Aid Group", "", ""},
    {"360G-GRANTSLDN-ORG-12", "Hackney Romanian Mothers' Circle", "", ""},
    {"GB-CHC-1173456", "Latvian Elders Club", "", ""},
    {"GB-CHC-1145678", "Italian Advice Centre \"Casa\"", "", ""},
    {"360G-GRANTSLDN-ORG-15", "Brent Slovak & Czech Roma Youth", "", ""},
    {"GB-CHC-1098765", "Migrants' Rights Advice Southwark", "", ""},
    {"GB-COH-11223344", "Hungarian Community Kitchen CIC", "", ""}};

// clang-format off
const std::vector<std::string> kBoroughNames = {
    "City of London", "Barking and Dagenham", "Barnet", "Bexley", "Brent",
    "Bromley", "Camden", "Croydon", "Ealing", "Enfield", "Greenwich",
    "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
    "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham",
    "Redbridge", "Richmond upon Thames", "Southwark", "Sutton",
    "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster"};

const std::vector<CodeName> kCommunities = {
    {"ROMA", "Roma"},           {"RO", "Romanian"},  {"PL", "Polish"},
    {"BG", "Bulgarian"},        {"LT", "Lithuanian"}, {"PT", "Portuguese"},
    {"ELDERS", "Older EU citizens"}, {"CARE-LEAVERS", "EU care leavers"}};
// clang-format on

CodeName Borough(int number) {  // 1..33
  return {"E09" + std::to_string(1'000'000 + number).substr(1),
          kBoroughNames[number - 1]};
}

Publisher TestPublisher() {
  return {.name = "Grants London",
          .identifier = "GB-COH-12345678",
          .website = "https://grants.example.org",
          .title = "EU Settlement Scheme outreach grants",
          .download_url = "https://grants.example.org/360giving/euss.json",
          .modified = "2025-06-30T12:00:00Z"};
}

// One realistic EUSS award; i = 0..33 spreads over 4 rounds, 12 recipients,
// 3 funder mixes, boroughs, communities and payment states.
GrantRecord EussGrant(int i) {
  const int round = i % 4 + 1;
  const auto& org = kRecipients[i % kRecipients.size()];
  GrantRecord g;
  g.reference = "EUSS-R" + std::to_string(round) + "-" +
                std::to_string(10000 + i).substr(1);
  g.title = "EUSS outreach grant to " + org[1];
  g.description = "Late-application advice, digital ID help and outreach.";
  g.currency = "GBP";
  g.amount_awarded_minor = 500000 + i * 12345;
  g.amount_disbursed_minor = i % 3 == 0 ? 0 : g.amount_awarded_minor / 2;
  g.award_date =
      "2025-0" + std::to_string(round + 1) + "-1" + std::to_string(i % 10);
  g.planned_start = i % 5 == 0 ? "" : "2025-09-01";
  g.planned_end = i % 7 == 0 ? "" : "2026-08-31";
  g.recipient = {org[0], org[1]};
  g.recipient_charity_number = org[2];
  g.recipient_company_number = org[3];
  g.funders = i % 3 == 0   ? std::vector{kTrustForLondon, kPaulHamlyn}
              : i % 3 == 1 ? std::vector{kGla}
                           : std::vector{kGla, kTrustForLondon, kPaulHamlyn};
  g.programme = {"EUSS", "EU Settlement Scheme outreach"};
  g.round = {"EUSS-R" + std::to_string(round),
             "Round " + std::to_string(round)};
  g.boroughs = {Borough(i % 33 + 1)};
  if (i % 2 == 0) g.boroughs.push_back(Borough((i * 7 + 5) % 33 + 1));
  g.communities = {kCommunities[i % kCommunities.size()]};
  g.last_modified = "2025-06-30T12:00:00+01:00";
  return g;
}

std::string EussPackage(int count = 34) {
  std::ostringstream out;
  PackageWriter writer(out, TestPublisher());
  for (int i = 0; i < count; ++i) writer.Add(EussGrant(i));
  writer.Finish();
  return out.str();
}

// The source tree's root (…/main), from this file's path.
fs::path SourceRoot() {
  fs::path root = fs::absolute(__FILE__).parent_path().parent_path().parent_path();
  if (fs::exists(root / "tests/validate_360giving.py")) return root;
  // With ccache's base_dir, __FILE__ is relative to the build directory,
  // not to the test's: look upwards from where the test runs instead.
  for (fs::path dir = fs::current_path(); dir != dir.root_path();
       dir = dir.parent_path())
    if (fs::exists(dir / "tests/validate_360giving.py")) return dir;
  return root;
}

fs::path SchemaDir() {
  if (const char* dir = std::getenv("GRANTS_360G_SCHEMA_DIR")) return dir;
  return SourceRoot().parent_path() / "shared/standards/360giving/schema";
}

// Writes `package` to a temp file and runs the validator script on it:
// {std::system's status (0 when the script exits 0), the script's output}.
std::pair<int, std::string> Validate(const std::string& package,
                                     const std::string& name) {
  const std::string base = (fs::temp_directory_path() / "open_data_").string() +
                           std::to_string(getpid()) + "_" + name;
  const std::string file = base + ".json", log = base + ".log";
  std::ofstream(file) << package;
  const std::string command =
      "/usr/bin/python3 '" +
      (SourceRoot() / "tests/validate_360giving.py").string() + "' '" + file +
      "' '" + SchemaDir().string() + "' > '" + log + "' 2>&1";
  const int status = std::system(command.c_str());
  std::stringstream output;
  output << std::ifstream(log).rdbuf();
  fs::remove(file);
  fs::remove(log);
  return {status, output.str()};
}

TEST(GrantIdTest, JoinsPrefixAndReferenceWithoutSpacesOrSlashes) {
  EXPECT_EQ(GrantId(Publisher{}, "EUSS-R1-0007"),
            "360G-GRANTSLDN-EUSS-R1-0007");
  EXPECT_EQ(GrantId(Publisher{}, "EUSS R1/0007\\b"),
            "360G-GRANTSLDN-EUSS_R1-0007-b");
  EXPECT_THROW(GrantId(Publisher{}, ""), std::invalid_argument);
}

TEST(MoneyTest, FormatsMinorUnitsExactlyByIntegerArithmetic) {
  // clang-format off
  const std::vector<std::pair<int64_t, std::string>> cases = {
      {0, "0"}, {5, "0.05"}, {50, "0.5"}, {250000, "2500"}, {250050, "2500.5"},
      {123456789, "1234567.89"}, {-5, "-0.05"},
      {std::numeric_limits<int64_t>::max(), "92233720368547758.07"},
      {std::numeric_limits<int64_t>::min(), "-92233720368547758.08"}};
  // clang-format on
  for (const auto& [minor, text] : cases) {
    EXPECT_EQ(FormatMajorUnits(minor), text);
  }
}

TEST(MoneyTest, WritesJsonNumbersWhoseTextIsTheExactAmount) {
  std::vector<int64_t> amounts = {5, 10, 29, 250000, 250050, 123456789};
  amounts.push_back(999'999'999'999'999);  // 9999999999999.99, 15 digits
  amounts.push_back(922337203685477500);   // whole, beyond 2^53
  for (int64_t m = 1; m < 1e15; m = m * 7 + 13) amounts.push_back(m);
  for (int64_t m = 0; m < 100'000; m += 37) amounts.push_back(m);
  for (int64_t minor : amounts) {
    const json amount = MajorUnitsJson(minor);
    EXPECT_TRUE(amount.is_number()) << minor;
    EXPECT_EQ(amount.dump(), FormatMajorUnits(minor)) << minor;
    EXPECT_EQ(amount.is_number_integer(), minor % 100 == 0) << minor;
  }
}

TEST(MoneyTest, RefusesFractionsADoubleCannotCarry) {
  EXPECT_THROW(MajorUnitsJson(1'000'000'000'000'001), std::out_of_range);
  GrantRecord g = EussGrant(1);
  g.amount_awarded_minor = 1'000'000'000'000'001;
  EXPECT_EQ(GrantProblems(g).size(), 1u);
}

TEST(ToGrantTest, WritesAmountsAsNumbersInPounds) {
  GrantRecord g = EussGrant(1);
  g.amount_awarded_minor = 250050;
  g.amount_disbursed_minor = 125025;
  const std::string text = ToGrantText(TestPublisher(), g);
  EXPECT_NE(text.find("\"amountAwarded\":2500.5,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"amountDisbursed\":1250.25,"), std::string::npos);
  g.amount_disbursed_minor = 0;
  EXPECT_FALSE(ToGrant(TestPublisher(), g).contains("amountDisbursed"));
}

TEST(ToGrantTest, ListsEveryFunderBoroughAndCommunityOnce) {
  GrantRecord g = EussGrant(0);
  g.funders = {kTrustForLondon, kGla, kTrustForLondon};
  g.boroughs = {Borough(1), Borough(12), Borough(1)};
  g.communities = {kCommunities[0], kCommunities[1], kCommunities[0]};
  const json grant = ToGrant(TestPublisher(), g);
  EXPECT_EQ(grant["fundingOrganization"], json::parse(R"([
      {"id":"GB-CHC-1085314","name":"Trust for London"},
      {"id":"GB-LAE-GLA","name":"Greater London Authority"}])"));
  EXPECT_EQ(grant["beneficiaryLocation"], json::parse(R"([
      {"name":"City of London","geoCode":"E09000001","geoCodeType":"LONB",
       "countryCode":"GB"},{"name":"Hackney","geoCode":"E09000012",
       "geoCodeType":"LONB","countryCode":"GB"}])"));
  EXPECT_EQ(grant["classifications"], json::parse(R"([
      {"vocabulary":"360G-GRANTSLDN-communities","code":"ROMA","title":"Roma"},
      {"vocabulary":"360G-GRANTSLDN-communities","code":"RO",
       "title":"Romanian"}])"));
}

TEST(ToGrantTest, MapsTheRecipientWithItsRegisteredNumbers) {
  const Publisher p = TestPublisher();
  const json charity = ToGrant(p, EussGrant(4))["recipientOrganization"];
  EXPECT_EQ(charity, json::parse(R"([{"id":"GB-CHC-1089001","name":
      "Lithuanian Families Network","charityNumber":"1089001",
      "companyNumber":"04123456"}])"));
  const json company = ToGrant(p, EussGrant(1))["recipientOrganization"][0];
  EXPECT_EQ(company["companyNumber"], "09876543");  // read from the org-id
  EXPECT_FALSE(company.contains("charityNumber"));
  const json group = ToGrant(p, EussGrant(5));
  EXPECT_EQ(group["recipientOrganization"][0].size(), 2u);  // id and name
  EXPECT_FALSE(group.contains("recipientIndividual"));
}

TEST(ToGrantTest, MapsDatesProgrammeAndSource) {
  GrantRecord g = EussGrant(1);
  json grant = ToGrant(TestPublisher(), g);
  EXPECT_EQ(grant["id"], "360G-GRANTSLDN-EUSS-R2-0001");
  EXPECT_EQ(grant["awardDate"], g.award_date);
  EXPECT_EQ(
      grant["plannedDates"],
      json::parse(R"([{"startDate":"2025-09-01","endDate":"2026-08-31"}])"));
  EXPECT_EQ(grant["grantProgramme"], json::parse(R"([{"code":"EUSS-R2",
      "title":"EU Settlement Scheme outreach — Round 2"}])"));
  EXPECT_EQ(grant["dateModified"], "2025-06-30T12:00:00+01:00");
  EXPECT_EQ(grant["dataSource"], TestPublisher().download_url);
  g.planned_end = "";
  grant = ToGrant(TestPublisher(), g);
  EXPECT_FALSE(grant["plannedDates"][0].contains("endDate"));
  g.planned_start = "";
  EXPECT_FALSE(ToGrant(TestPublisher(), g).contains("plannedDates"));
}

TEST(ToGrantTest, KeepsUnicodeAndEscapesQuotes) {
  GrantRecord g = EussGrant(1);
  g.title = "Grant to \"Asociația Română\"\nline two";
  const std::string text = ToGrantText(TestPublisher(), g);
  EXPECT_NE(text.find("Asociația Română din Londra CIC"), std::string::npos);
  EXPECT_EQ(json::parse(text)["title"], g.title);
}

TEST(ToGrantTest, RefusesARecordWithEveryProblemNamed) {
  GrantRecord g = EussGrant(1);
  g.award_date = "2025-02-29";
  g.boroughs.push_back({"E09000034", "Nowhere"});
  g.funders.clear();
  g.amount_awarded_minor = -1;
  g.last_modified = "2025-06-30T12:00:00";
  g.currency = "gbp";
  EXPECT_EQ(GrantProblems(g).size(), 6u);
  EXPECT_THROW(ToGrant(TestPublisher(), g), std::invalid_argument);
  EXPECT_TRUE(GrantProblems(EussGrant(1)).empty());
}

TEST(ToGrantTest, TakesOnlyRfc3339TimesWithAZoneAsLastModified) {
  GrantRecord g = EussGrant(1);
  for (const char* t : {"2025-06-30T12:00:00Z", "2016-12-31T23:59:60.25+01:00",
                        "2024-02-29T00:00:00-05:30"}) {
    g.last_modified = t;
    EXPECT_TRUE(GrantProblems(g).empty()) << t;
  }
  for (const char* t : {"2025-06-30T12:00:00", "2025-06-30 12:00:00Z",
                        "2025-06-30T24:00:00Z", "2025-02-29T12:00:00Z",
                        "2025-06-30T12:00:00.Z", "2025-06-30T12:00:00+1:00"}) {
    g.last_modified = t;
    EXPECT_EQ(GrantProblems(g).size(), 1u) << t;
  }
}

TEST(PackageWriterTest, PackageOf34GrantsHasUniqueIdsAndPassesTheValidator) {
  const std::string text = EussPackage();
  const json package = json::parse(text);
  ASSERT_EQ(package["grants"].size(), 34u);
  std::set<std::string> ids, rounds;
  for (const json& grant : package["grants"]) {
    ids.insert(grant["id"].get<std::string>());
    rounds.insert(grant["grantProgramme"][0]["code"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 34u);
  EXPECT_EQ(rounds.size(), 4u);
  EXPECT_EQ(package["version"], "1.4");
  EXPECT_EQ(package["publisher"]["name"], "Grants London");
  const auto [status, output] = Validate(text, "euss");
  EXPECT_EQ(status, 0) << output;
}

TEST(PackageWriterTest, ValidatorRejectsAnAmountWrittenAsAString) {
  json grant = ToGrant(TestPublisher(), EussGrant(0));
  grant["amountAwarded"] = "5000.00";
  std::ostringstream out;
  PackageWriter writer(out, TestPublisher());
  writer.AddJson(grant.dump());
  writer.Finish();
  const auto [status, output] = Validate(out.str(), "string_amount");
  EXPECT_NE(status, 0) << output;
  EXPECT_NE(output.find("amountAwarded"), std::string::npos) << output;
}

TEST(PackageWriterTest, ValidatorRejectsDuplicateIdsAndUnknownOrgIds) {
  std::ostringstream out;
  PackageWriter writer(out, TestPublisher());
  GrantRecord g = EussGrant(0);
  writer.Add(g);
  g.title += " (again)";
  g.recipient.id = "UK-CHARITY-1107812";
  writer.Add(g);
  writer.Finish();
  const auto [status, output] = Validate(out.str(), "duplicates");
  EXPECT_NE(status, 0) << output;
  EXPECT_NE(output.find("duplicate id"), std::string::npos) << output;
  EXPECT_NE(output.find("UK-CHARITY-1107812"), std::string::npos);
}

TEST(PackageWriterTest, AddJsonWrapsReadyMadeGrants) {
  std::ostringstream out;
  PackageWriter writer(out, TestPublisher());
  writer.AddJson("  " + ToGrantText(TestPublisher(), EussGrant(2)) + "\n");
  for (const char* bad : {"[1]", "{} {}", "{\"a\":1},{", "", "{\"a\":"}) {
    EXPECT_THROW(writer.AddJson(bad), std::invalid_argument) << bad;
  }
  writer.Finish();
  EXPECT_EQ(writer.written(), 1);
  EXPECT_EQ(json::parse(out.str())["grants"][0],
            ToGrant(TestPublisher(), EussGrant(2)));
}

TEST(PackageWriterTest, RefusesMisuseAndRelativeUris) {
  std::ostringstream out;
  PackageWriter empty(out, TestPublisher());
  EXPECT_THROW(empty.Finish(), std::logic_error);
  PackageWriter writer(out, TestPublisher());
  writer.Add(EussGrant(0));
  writer.Finish();
  EXPECT_THROW(writer.Add(EussGrant(1)), std::logic_error);
  Publisher relative = TestPublisher();
  relative.website = "www.example.org";
  EXPECT_THROW(PackageWriter(out, relative), std::invalid_argument);
}

// A streambuf that keeps nothing and counts the bytes written.
class CountingBuf : public std::streambuf {
 public:
  int64_t bytes() const { return bytes_; }

 protected:
  int overflow(int c) override {
    if (c != traits_type::eof()) ++bytes_;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes_ += n;
    return n;
  }

 private:
  int64_t bytes_ = 0;
};

TEST(PackageWriterTest, StreamsAHundredThousandGrantsIntoACountingStream) {
  GrantRecord g = EussGrant(3);
  g.reference = "BULK-1000000";  // every reference below has this length
  std::ostringstream single;
  PackageWriter one(single, TestPublisher());
  one.Add(g);
  one.Finish();
  const auto line =
      static_cast<int64_t>(ToGrantText(TestPublisher(), g).size());
  CountingBuf counter;
  std::ostream out(&counter);
  PackageWriter writer(out, TestPublisher());
  for (int i = 0; i < 100'000; ++i) {
    g.reference = "BULK-" + std::to_string(1'000'000 + i);
    writer.Add(g);
  }
  writer.Finish();
  EXPECT_EQ(writer.written(), 100'000);
  // The one-grant package plus 99,999 times ",\n" and a grant.
  EXPECT_EQ(counter.bytes(),
            static_cast<int64_t>(single.str().size()) + 99'999 * (line + 2));
}

}  // namespace
}  // namespace grants::reach
