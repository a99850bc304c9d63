// Officer-written content in several languages (#17 item 2), through the
// public contract: a round's description and a question's hint, an
// officer's translation of the name, description and questions per
// language (replacing that language's earlier one), and the refusals that
// write nothing: an unknown language, English, an unknown question, a
// grantee.
#include <gtest/gtest.h>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class RoundTranslationsTest : public ::testing::Test {
 protected:
  RoundTranslationsTest() {
    v1::RoundSpec spec = OpenSpec();
    spec.set_description(
        "Small grants for outreach on the EU Settlement Scheme.");
    spec.mutable_questions(0)->set_hint("Name the places and the people.");
    round_ = build_.OpenRound(spec);
  }

  grpc::Status Translate(const v1::RoundTranslation& t, v1::Round* out,
                         Role role = Role::kOfficer,
                         const std::string& key = Key()) {
    v1::SetRoundTranslationRequest req;
    req.set_request_id(key);
    req.set_round_id(round_.id());
    *req.mutable_translation() = t;
    return server_.Programmes()->SetRoundTranslation(
        server_.As(role, "", role == Role::kGrantee ? "ORG-ROMA" : "").get(),
        req, out);
  }

  static v1::RoundTranslation Romanian() {
    v1::RoundTranslation t;
    t.set_language("ro");
    t.set_name("Informare EUSS, runda 1");
    t.set_description("Granturi mici pentru informarea despre EUSS.");
    auto* q = t.add_questions();
    q->set_question_id("reach_plan");
    q->set_text("Cum veți ajunge la oameni?");
    q->set_hint("Numiți locurile și oamenii.");
    return t;
  }

  int64_t Count(const std::string& sql) { return std::stoll(db_.Scalar(sql)); }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
  v1::Round round_;
};

TEST_F(RoundTranslationsTest, KeepsTheDescriptionAndHintsAnOfficerWrote) {
  EXPECT_EQ(round_.description(),
            "Small grants for outreach on the EU Settlement Scheme.");
  ASSERT_EQ(round_.questions_size(), 1);
  EXPECT_EQ(round_.questions(0).hint(), "Name the places and the people.");
}

TEST_F(RoundTranslationsTest,
       AnOfficerTranslatesTheRoundIntoOneLanguageAtATime) {
  v1::Round round;
  std::string key = Key();
  ASSERT_TRUE(Translate(Romanian(), &round, Role::kOfficer, key).ok());
  ASSERT_EQ(round.translations_size(), 1);
  const v1::RoundTranslation& ro = round.translations(0);
  EXPECT_EQ(ro.language(), "ro");
  EXPECT_EQ(ro.name(), "Informare EUSS, runda 1");
  EXPECT_EQ(ro.questions(0).text(), "Cum veți ajunge la oameni?");
  EXPECT_EQ(ro.questions(0).hint(), "Numiți locurile și oamenii.");
  // A retry is the same call; a new one replaces the language's texts.
  ASSERT_TRUE(Translate(Romanian(), &round, Role::kOfficer, key).ok());
  v1::RoundTranslation changed = Romanian();
  changed.set_name("Informare EUSS, prima rundă");
  ASSERT_TRUE(Translate(changed, &round).ok());
  v1::RoundTranslation polish;
  polish.set_language("pl");
  polish.set_name("Informowanie o EUSS, runda 1");
  ASSERT_TRUE(Translate(polish, &round).ok());

  v1::GetRoundRequest get;
  get.set_id(round_.id());
  v1::Round seen;
  ASSERT_TRUE(server_.Programmes()
                  ->GetRound(server_.As(Role::kGrantee, "", "ORG-ROMA").get(),
                             get, &seen)
                  .ok());
  ASSERT_EQ(seen.translations_size(), 2);
  EXPECT_EQ(seen.translations(0).language(), "pl");
  EXPECT_EQ(seen.translations(1).name(), "Informare EUSS, prima rundă");
  EXPECT_EQ(seen.name(), round_.name());  // English stays the round's own
  EXPECT_EQ(Count("SELECT count(*) FROM round_translations"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'round_translation'"),
            3);
}

TEST_F(RoundTranslationsTest,
       RefusesALanguageTheSystemDoesNotKnowAndWritesNothing) {
  v1::Round round;
  for (const char* language : {"xx", "de", "en", ""}) {
    v1::RoundTranslation t = Romanian();
    t.set_language(language);
    grpc::Status s = Translate(t, &round);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << language;
    EXPECT_EQ(ReasonOf(s), "LANGUAGE_NOT_SUPPORTED") << language;
    EXPECT_EQ(FieldOf(s), "translation.language") << language;
  }
  v1::RoundTranslation unknown = Romanian();
  unknown.mutable_questions(0)->set_question_id("no_such_question");
  grpc::Status s = Translate(unknown, &round);
  EXPECT_EQ(ReasonOf(s), "QUESTION_NOT_FOUND");
  EXPECT_EQ(FieldOf(s), "translation.questions[0].question_id");
  EXPECT_EQ(ReasonOf(Translate(Romanian(), &round, Role::kGrantee)),
            "ROLE_NOT_ALLOWED");
  EXPECT_EQ(Count("SELECT count(*) FROM round_translations"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'round_translation'"),
            0);
}

}  // namespace
}  // namespace grants::testing
