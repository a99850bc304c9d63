// Unit tests of request validation and paging.
#include "services/common/validation.h"

#include <gtest/gtest.h>

#include "common/status.h"
#include "services/common/paging.h"

namespace grants {
namespace {

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

}  // namespace
}  // namespace grants
