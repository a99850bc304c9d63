// Unit tests of the shared vocabulary: London time, money, org-ids.
#include <gtest/gtest.h>

#include "common/audit_checkpoint.h"
#include "common/crypto.h"
#include "common/london_time.h"
#include "common/money.h"
#include "common/org_id.h"
#include "common/status.h"

namespace grants {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi),
                         absl::UTCTimeZone());
}

TEST(LondonTimeTest, ConvertsWinterAndSummerTimes) {
  EXPECT_EQ(*ParseLondonLocal("f", "2025-01-10T17:00"),
            Utc(2025, 1, 10, 17, 0));
  EXPECT_EQ(*ParseLondonLocal("f", "2025-07-10T17:00:30"),
            Utc(2025, 7, 10, 16, 0) + absl::Seconds(30));
}

TEST(LondonTimeTest, HandlesTheDaysClocksChange) {
  // 30 March 2025: 01:00 GMT becomes 02:00 BST.
  EXPECT_EQ(*ParseLondonLocal("f", "2025-03-30T00:59"),
            Utc(2025, 3, 30, 0, 59));
  EXPECT_EQ(*ParseLondonLocal("f", "2025-03-30T02:00"), Utc(2025, 3, 30, 1, 0));
  EXPECT_EQ(ReasonOf(ParseLondonLocal("f", "2025-03-30T01:00").status()),
            "LOCAL_TIME_NONEXISTENT");
  // 26 October 2025: 02:00 BST becomes 01:00 GMT; 01:xx happens twice.
  EXPECT_EQ(ReasonOf(ParseLondonLocal("f", "2025-10-26T01:15").status()),
            "LOCAL_TIME_AMBIGUOUS");
  EXPECT_EQ(*ParseLondonLocal("f", "2025-10-26T02:00"),
            Utc(2025, 10, 26, 2, 0));
}

TEST(LondonTimeTest, RefusesMalformedOrImpossibleDates) {
  for (const char* bad :
       {"2025-02-29T10:00", "2025-13-01T10:00", "2025-01-01 10:00",
        "2025-01-01T24:00", "2025-01-01T10:00Z", "", "2025-1-1T10:00"}) {
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
  for (const char* bad :
       {"-5", "1.234", "abc", "", ".", "1e3", "99999999999999999999"})
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

// Two throwaway Ed25519 keys (openssl genpkey -algorithm ed25519), and the
// first one's public half, as openssl pkey -pubout writes it.
constexpr char kCheckpointKey[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEICj1y8QHereiFfcU+RzCSveS2upJx8JhRFGHnHpxL2WO\n"
    "-----END PRIVATE KEY-----\n";
constexpr char kOtherKey[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIAEbxuXckxMzGeQyW1iosJeqt0x9+y98bCWdxeDBgZY2\n"
    "-----END PRIVATE KEY-----\n";
constexpr char kCheckpointPublic[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAsbLaN1RxWrwLy1bz1AYT0MWsKH8jMzNEKr6LCZADeUY=\n"
    "-----END PUBLIC KEY-----\n";

audit::Checkpoint Signed(const char* key = kCheckpointKey) {
  audit::Checkpoint c;
  c.seq = 42;
  c.hash = Sha256("the link at 42");
  c.time = Utc(2026, 12, 4, 15, 0);
  auto s = audit::Sign(c, key);
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

TEST(CheckpointTest, RoundTripsAndVerifiesWithThePublicHalfOnly) {
  EXPECT_EQ(*Ed25519PublicPem(kCheckpointKey), kCheckpointPublic);
  audit::Checkpoint c = Signed();
  auto read = audit::ParseCheckpoint(c.Text(), "checkpoint");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->seq, 42);
  EXPECT_EQ(read->hash, c.hash);
  EXPECT_EQ(read->time, c.time);
  EXPECT_EQ(read->Text(), c.Text());
  EXPECT_TRUE(audit::VerifySignature(*read, kCheckpointPublic, "checkpoint").ok());
}

TEST(CheckpointTest, RefusesAnotherKeysOrAChangedStatement) {
  audit::Checkpoint other = Signed(kOtherKey);
  EXPECT_EQ(
      ReasonOf(audit::VerifySignature(other, kCheckpointPublic, "checkpoint")),
      "CHECKPOINT_KEY_UNKNOWN");
  // The other key's signature under this key's name.
  audit::Checkpoint forged = other;
  forged.key_id = Signed().key_id;
  EXPECT_EQ(
      ReasonOf(audit::VerifySignature(forged, kCheckpointPublic, "checkpoint")),
      "CHECKPOINT_SIGNATURE_INVALID");
  // An earlier position claimed with the genuine signature.
  audit::Checkpoint moved = Signed();
  moved.seq = 41;
  auto read = audit::ParseCheckpoint(moved.Text(), "checkpoint");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(
      ReasonOf(audit::VerifySignature(*read, kCheckpointPublic, "checkpoint")),
      "CHECKPOINT_SIGNATURE_INVALID");
  EXPECT_FALSE(Ed25519PublicPem("not a key"));
  EXPECT_EQ(Ed25519KeyId("not a key"), "");
}

TEST(CheckpointTest, RefusesTruncatedOrMalformedText) {
  std::string text = Signed().Text();
  std::vector<std::string> bad = {
      "",
      text.substr(0, text.size() / 2),
      text.substr(0, text.size() - 1),  // no final newline
      text + "extra: 1\n",
      "grants audit checkpoint v2" + text.substr(text.find('\n')),
  };
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  bad.push_back(replace("position: 42", "position: -42"));
  bad.push_back(replace("position: 42", "position: 042"));
  bad.push_back(replace("hash: ", "hash: zz"));
  bad.push_back(replace("2026-12-04T15:00:00Z", "yesterday"));
  bad.push_back(replace("signature: ", "signature: 00"));
  for (const auto& t : bad) {
    absl::StatusOr<audit::Checkpoint> c = audit::ParseCheckpoint(t, "checkpoint");
    EXPECT_EQ(ReasonOf(c.status()), "CHECKPOINT_MALFORMED") << t;
    if (!c.ok()) {
      EXPECT_EQ(FieldViolationsOf(c.status()).at(0).field, "checkpoint");
    }
  }
}

}  // namespace
}  // namespace grants
