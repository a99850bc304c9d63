// Unit tests of the shared rules: London time, money, validation, paging,
// status conversion.
#include <gtest/gtest.h>

#include "services/common/london_time.h"
#include "services/common/money.h"
#include "services/common/org_id.h"
#include "services/common/paging.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace grants {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi),
                         absl::UTCTimeZone());
}

TEST(LondonTimeTest, ConvertsWinterAndSummerTimes) {
  EXPECT_EQ(*ParseLondonLocal("f", "2025-01-10T17:00"), Utc(2025, 1, 10, 17, 0));
  EXPECT_EQ(*ParseLondonLocal("f", "2025-07-10T17:00:30"),
            Utc(2025, 7, 10, 16, 0) + absl::Seconds(30));
}

TEST(LondonTimeTest, HandlesTheDaysClocksChange) {
  // 30 March 2025: 01:00 GMT becomes 02:00 BST.
  EXPECT_EQ(*ParseLondonLocal("f", "2025-03-30T00:59"), Utc(2025, 3, 30, 0, 59));
  EXPECT_EQ(*ParseLondonLocal("f", "2025-03-30T02:00"), Utc(2025, 3, 30, 1, 0));
  EXPECT_EQ(ReasonOf(ParseLondonLocal("f", "2025-03-30T01:00").status()),
            "LOCAL_TIME_NONEXISTENT");
  // 26 October 2025: 02:00 BST becomes 01:00 GMT; 01:xx happens twice.
  EXPECT_EQ(ReasonOf(ParseLondonLocal("f", "2025-10-26T01:15").status()),
            "LOCAL_TIME_AMBIGUOUS");
  EXPECT_EQ(*ParseLondonLocal("f", "2025-10-26T02:00"), Utc(2025, 10, 26, 2, 0));
}

TEST(LondonTimeTest, RefusesMalformedOrImpossibleDates) {
  for (const char* bad : {"2025-02-29T10:00", "2025-13-01T10:00",
                          "2025-01-01 10:00", "2025-01-01T24:00",
                          "2025-01-01T10:00Z", "", "2025-1-1T10:00"}) {
    auto t = ParseLondonLocal("closes_local", bad);
    EXPECT_EQ(ReasonOf(t.status()), "LOCAL_TIME_INVALID") << bad;
    ASSERT_EQ(FieldViolationsOf(t.status()).size(), 1u);
    EXPECT_EQ(FieldViolationsOf(t.status())[0].field, "closes_local");
  }
}

TEST(LondonTimeTest, FormatsWithTheOffsetInForce) {
  EXPECT_EQ(FormatLondon(Utc(2025, 1, 10, 17, 0)), "2025-01-10T17:00:00+00:00");
  EXPECT_EQ(FormatLondon(Utc(2025, 7, 10, 16, 0)), "2025-07-10T17:00:00+01:00");
}

TEST(MoneyTest, ParsesMajorUnitsExactly) {
  EXPECT_EQ(ParseMajorUnits("1234.56"), 123456);
  EXPECT_EQ(ParseMajorUnits("1,234.5"), 123450);
  EXPECT_EQ(ParseMajorUnits("45000"), 4500000);
  for (const char* bad : {"-5", "1.234", "abc", "", ".", "1e3",
                          "99999999999999999999"})
    EXPECT_FALSE(ParseMajorUnits(bad).has_value()) << bad;
}

TEST(MoneyTest, FormatsAndKnowsCurrencies) {
  EXPECT_EQ(FormatMoney("GBP", 18000000), "GBP 180,000.00");
  EXPECT_EQ(FormatMoney("GBP", 5), "GBP 0.05");
  EXPECT_TRUE(IsKnownCurrency("GBP"));
  EXPECT_TRUE(IsKnownCurrency("EUR"));
  EXPECT_FALSE(IsKnownCurrency("gbp"));
  EXPECT_FALSE(IsKnownCurrency("XYZ"));
  EXPECT_FALSE(AddMinor(INT64_MAX, 1).has_value());
}

TEST(OrgIdTest, AcceptsKnownPrefixesOnly) {
  EXPECT_TRUE(IsValidOrgId("GB-CHC-1234567"));
  EXPECT_TRUE(IsValidOrgId("GB-COH-01234567"));
  EXPECT_FALSE(IsValidOrgId("GB-XXX-1"));
  EXPECT_FALSE(IsValidOrgId("GB-CHC-"));
  EXPECT_FALSE(IsValidOrgId("GB-CHC-12 34"));
}

TEST(ValidationTest, NamesEveryOffendingField) {
  v1::Money negative;
  negative.set_currency_code("GBP");
  negative.set_minor_units(-1);
  absl::Status s = Validator()
                       .Text("name", "", 1, 10)
                       .Text("title", "ok", 1, 10)
                       .Amount("budget", &negative)
                       .Id("fund_id", "nope")
                       .Finish();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(s), "REQUIRED");
  auto fields = FieldViolationsOf(s);
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[1].field, "budget.minor_units");
  EXPECT_EQ(fields[2].reason, "ID_INVALID");
}

TEST(ValidationTest, CountsCharactersNotBytesAndRefusesControls) {
  EXPECT_TRUE(Validator().Text("n", "Żółć", 1, 4).Finish().ok());
  EXPECT_FALSE(Validator().Text("n", "Żółć!", 1, 4).Finish().ok());
  EXPECT_EQ(ReasonOf(Validator().Text("n", "a\nb", 1, 9).Finish()),
            "CONTROL_CHARACTERS");
  EXPECT_TRUE(Validator().Multiline("n", "a\nb", 1, 9).Finish().ok());
  EXPECT_EQ(ReasonOf(Validator().Text("n", "\xff", 1, 9).Finish()), "NOT_UTF8");
  // C1 controls (U+0080-U+009F) too, in both kinds of text; U+00A0 and
  // U+00BF, their neighbours, are ordinary characters.
  for (const char* c1 : {"a\xc2\x80", "a\xc2\x9b[2J", "\xc2\x9f"}) {
    EXPECT_EQ(ReasonOf(Validator().Text("n", c1, 1, 9).Finish()),
              "CONTROL_CHARACTERS");
    EXPECT_EQ(ReasonOf(Validator().Multiline("n", c1, 1, 9).Finish()),
              "CONTROL_CHARACTERS");
  }
  EXPECT_TRUE(Validator().Text("n", "a\xc2\xa0\xc2\xbf", 1, 9).Finish().ok());
  EXPECT_EQ(ReasonOf(Validator().Multiline("n", "a\x1b[2J", 1, 9).Finish()),
            "CONTROL_CHARACTERS");
}

TEST(PagingTest, RoundTripsTokensAndRefusesForeignOnes) {
  auto page = ParsePage(10, "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(NextOffsetToken(*page, 9), "");
  std::string next = NextOffsetToken(*page, 10);
  EXPECT_EQ(ParsePage(10, next)->position, 10);
  EXPECT_EQ(ReasonOf(ParsePage(10, "p-1").status()), "PAGE_TOKEN_INVALID");
  EXPECT_EQ(ReasonOf(ParsePage(501, "").status()), "PAGE_SIZE_INVALID");
  EXPECT_EQ(ParsePage(0, "")->limit, kDefaultPageSize);
}

TEST(StatusTest, CarriesReasonAndFieldsOverTheWire) {
  absl::Status s = InvalidField("spec.budget", "MUST_BE_POSITIVE", "positive");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(s));
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(back), "MUST_BE_POSITIVE");
  EXPECT_EQ(FieldViolationsOf(back)[0].field, "spec.budget");
}

TEST(StatusTest, NeverSendsInternalDetails) {
  grpc::Status wire = ToGrpcStatus(absl::InternalError("SELECT secret FROM x"));
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(wire.error_message(), "internal error");
  EXPECT_EQ(ReasonOf(FromGrpcStatus(wire)), "INTERNAL");
}

}  // namespace
}  // namespace grants
