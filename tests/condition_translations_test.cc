// An offer's conditions in the group's language (#17 item 2), through the
// public contract: an officer gives them with the offer or later, per
// language; the award carries them and the offer's message takes the
// group's; a translation replaces the language's earlier one; bad ones
// are refused by field and change nothing.
#include <gtest/gtest.h>

#include "tests/award_builders.h"

namespace grants::testing {
namespace {

constexpr int64_t kAmount = 250'000;
const char kPolicy[] = "Safeguarding policy provided";
const char kCredit[] = "Credit the fund in your leaflets";

v1::ConditionsTranslation In(const std::string& language,
                             const std::vector<std::string>& texts) {
  v1::ConditionsTranslation t;
  t.set_language(language);
  for (const auto& text : texts) t.add_conditions(text);
  return t;
}

class ConditionTranslationsTest : public ::testing::Test {
 protected:
  ConditionTranslationsTest() {
    round_ = awards_.OpenRound(4'500'000, {5'000'000});
    awards_.Register("ORG-ROMA");
    db_.Exec(
        "UPDATE organisations SET correspondence_language = 'ro' WHERE id = "
        "'ORG-ROMA'");
    app_ = awards_.Submit("ORG-ROMA", round_.id(), kAmount).id();
    awards_.Close(round_.id());
    awards_.Approve(app_, kAmount);
  }

  int64_t Count(const std::string& sql) { return std::stoll(db_.Scalar(sql)); }

  v1::OfferAwardRequest OfferRequest() {
    v1::OfferAwardRequest req;
    req.set_request_id(Key());
    req.set_application_id(app_);
    *req.mutable_amount() = Gbp(kAmount);
    req.add_conditions(kPolicy);
    req.add_conditions(kCredit);
    return req;
  }

  grpc::Status Offer(const v1::OfferAwardRequest& req, v1::Award* out) {
    return awards_.stub().OfferAward(server_.As(Role::kOfficer, kDecider).get(),
                                     req, out);
  }

  grpc::Status Translate(const std::string& award_id,
                         const v1::ConditionsTranslation& t, v1::Award* out,
                         const std::string& key = Key(),
                         const std::string& officer = kRecommender) {
    v1::SetConditionTranslationRequest req;
    req.set_request_id(key);
    req.set_award_id(award_id);
    *req.mutable_translation() = t;
    return awards_.stub().SetConditionTranslation(
        server_.As(Role::kOfficer, officer).get(), req, out);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  AwardBuilder awards_{server_};
  v1::Round round_;
  std::string app_;
};

TEST_F(ConditionTranslationsTest,
       TheGroupReadsTheOffersConditionsInItsLanguage) {
  v1::OfferAwardRequest req = OfferRequest();
  *req.add_condition_translations() = In(
      "ro", {"Politica de protecție a fost trimisă"});  // the second: English
  v1::Award award;
  grpc::Status s = Offer(req, &award);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(award.condition_translations_size(), 1);
  EXPECT_EQ(award.condition_translations(0).language(), "ro");
  // The offer's message, queued in Romanian, carries the translation.
  EXPECT_EQ(db_.Scalar("SELECT language || ' ' || (params -> "
                       "'condition_translations' -> 'ro' ->> 0) FROM "
                       "notifications WHERE kind = 'offer_made'"),
            "ro Politica de protecție a fost trimisă");

  // Later: Polish too, and the Romanian replaced whole.
  v1::Award after;
  ASSERT_TRUE(Translate(award.id(),
                        In("pl", {"Polityka ochrony przekazana",
                                  "Wspomnij fundusz w ulotkach"}),
                        &after)
                  .ok());
  const std::string key = Key();
  const v1::ConditionsTranslation ro = In(
      "ro", {"Politica de protecție trimisă", "Menționați fondul în pliante"});
  ASSERT_TRUE(Translate(award.id(), ro, &after, key).ok());
  // A retry changes nothing more.
  ASSERT_TRUE(Translate(award.id(), ro, &after, key).ok());
  v1::Award seen = awards_.Get(award.id());
  ASSERT_EQ(seen.condition_translations_size(), 2);
  EXPECT_EQ(seen.condition_translations(0).language(), "pl");
  EXPECT_EQ(seen.condition_translations(1).language(), "ro");
  EXPECT_EQ(seen.condition_translations(1).conditions(1),
            "Menționați fondul în pliante");
  // The group sees them; each change is in the audit trail once.
  v1::GetAwardRequest get;
  get.set_id(award.id());
  v1::Award mine;
  ASSERT_TRUE(awards_.stub()
                  .GetAward(server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
                            get, &mine)
                  .ok());
  EXPECT_EQ(mine.condition_translations_size(), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = "
                  "'SetConditionTranslation'"),
            2);
}

TEST_F(ConditionTranslationsTest,
       BadTranslationsAreRefusedByFieldAndChangeNothing) {
  // With the offer: more entries than conditions, a language twice, one
  // the system does not know. Nothing is offered.
  struct Case {
    std::vector<v1::ConditionsTranslation> translations;
    std::string reason, field;
  } cases[] = {
      {{In("ro", {"a", "b", "c"})},
       "CONDITION_COUNT_MISMATCH",
       "condition_translations[0].conditions"},
      {{In("ro", {"a"}), In("ro", {"b"})},
       "LANGUAGE_DUPLICATE",
       "condition_translations[1].language"},
      {{In("xx", {"a"})},
       "LANGUAGE_NOT_SUPPORTED",
       "condition_translations[0].language"},
      {{In("en", {"a"})},
       "LANGUAGE_NOT_SUPPORTED",
       "condition_translations[0].language"},
  };
  for (const auto& c : cases) {
    v1::OfferAwardRequest req = OfferRequest();
    for (const auto& t : c.translations) *req.add_condition_translations() = t;
    v1::Award award;
    grpc::Status s = Offer(req, &award);
    EXPECT_EQ(ReasonOf(s), c.reason) << c.field;
    EXPECT_EQ(FieldOf(s), c.field);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM awards"), 0);

  v1::Award award;
  ASSERT_TRUE(Offer(OfferRequest(), &award).ok());
  v1::Award out;
  grpc::Status s = Translate(award.id(), In("ro", {"a", "b", "c"}), &out);
  EXPECT_EQ(ReasonOf(s), "CONDITION_COUNT_MISMATCH");
  EXPECT_EQ(FieldOf(s), "translation.conditions");
  s = Translate(award.id(), In("ro", {std::string(501, 'a')}), &out);
  EXPECT_EQ(FieldOf(s), "translation.conditions[0]");
  EXPECT_EQ(ReasonOf(Translate(award.id(), In("tlh", {"a"}), &out)),
            "LANGUAGE_NOT_SUPPORTED");
  // Not a grantee's to give; not an interested officer's.
  v1::SetConditionTranslationRequest req;
  req.set_request_id(Key());
  req.set_award_id(award.id());
  *req.mutable_translation() = In("ro", {"a"});
  EXPECT_EQ(
      awards_.stub()
          .SetConditionTranslation(
              server_.As(Role::kGrantee, "ana", "ORG-ROMA").get(), req, &out)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, "officer-kin", "ORG-ROMA").ok());
  EXPECT_EQ(ReasonOf(Translate(award.id(), In("ro", {"a"}), &out, Key(),
                               "officer-kin")),
            "CONFLICT_OF_INTEREST");
  // An ended offer takes none.
  v1::Award declined;
  ASSERT_TRUE(awards_.Decline("ORG-ROMA", award.id(), &declined, "no").ok());
  EXPECT_EQ(ReasonOf(Translate(award.id(), In("ro", {"a"}), &out)),
            "AWARD_NOT_OPEN");
  EXPECT_EQ(Count("SELECT count(*) FROM award_condition_translations"), 0);
}

}  // namespace
}  // namespace grants::testing
