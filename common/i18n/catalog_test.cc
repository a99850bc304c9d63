// Unit tests of the .po reader, and of the built-in catalogues: each
// parses, translates every message of the template and keeps its
// placeholders.
#include "common/i18n/catalog.h"

#include <gtest/gtest.h>

#include "catalogues.h"
#include "common/status.h"

namespace grants::i18n {
namespace {

constexpr char kPo[] = R"po(# A comment
msgid ""
msgstr ""
"Language: pl\n"

msgctxt "email subject"
msgid "Hello"
msgstr "Dzień dobry"

msgid ""
"Due on {due_date}:\n"
"{comment}"
msgstr "{comment}\n"
"Termin: {due_date} \"wkrótce\""

#, fuzzy
msgid "Stale"
msgstr "Nieaktualne"

msgid "Untranslated"
msgstr ""
)po";

TEST(ParsePoTest, ReadsContextsContinuationsAndEscapes) {
  auto c = Catalog::ParsePo(kPo);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_NE(c->Find("email subject", "Hello"), nullptr);
  EXPECT_EQ(*c->Find("email subject", "Hello"), "Dzień dobry");
  EXPECT_EQ(c->Find("", "Hello"), nullptr);  // another context
  const std::string* due = c->Find("", "Due on {due_date}:\n{comment}");
  ASSERT_NE(due, nullptr);
  EXPECT_EQ(*due, "{comment}\nTermin: {due_date} \"wkrótce\"");
}

TEST(ParsePoTest, FuzzyAndEmptyEntriesAreUntranslatedButKnown) {
  auto c = Catalog::ParsePo(kPo);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->Find("", "Stale"), nullptr);
  EXPECT_EQ(c->Find("", "Untranslated"), nullptr);
  EXPECT_EQ(c->translated(), 2u);
  EXPECT_EQ(c->Keys().size(), 4u);
}

TEST(ParsePoTest, RefusesMalformedFilesNamingTheLine) {
  struct Case {
    const char* text;
    const char* where;
  };
  for (const Case& bad : {
           Case{"msgid \"a {x}\"\nmsgstr \"b {y}\"\n", "line 1"},
           Case{"msgid \"a\"\nmsgstr \"b\"\nmsgid \"a\"\nmsgstr \"c\"\n",
                "line 3"},
           Case{"msgid \"a\"\nmsgstr \"unterminated\n", "line 2"},
           Case{"msgstr \"orphan\"\n", "line 1"},
           Case{"msgid \"a\"\nmsgstr \"b\"\ngarbage\n", "line 3"},
           Case{"msgid \"a\\q\"\n", "line 1"},
       }) {
    auto c = Catalog::ParsePo(bad.text);
    ASSERT_FALSE(c.ok()) << bad.text;
    EXPECT_EQ(ReasonOf(c.status()), "PO_INVALID");
    EXPECT_NE(c.status().message().find(bad.where), std::string::npos)
        << c.status();
  }
}

TEST(PlaceholdersTest, ListsNamesInOrder) {
  EXPECT_EQ(Placeholders("{a} and {b_c}, {a}"),
            (std::vector<std::string>{"a", "b_c", "a"}));
  EXPECT_TRUE(Placeholders("none").empty());
}

TEST(BuiltInTest, EveryCatalogueTranslatesEveryTemplateMessage) {
  std::set<std::pair<std::string, std::string>> keys;
  int catalogues = 0;
  for (const auto& [name, text] : files::kAll) {
    auto parsed = Catalog::ParsePo(text);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.status();
    if (name == "messages") keys = parsed->Keys();
  }
  ASSERT_FALSE(keys.empty());
  for (const auto& [name, text] : files::kAll) {
    if (name == "messages") continue;
    ++catalogues;
    const Catalog* c = BuiltIn(name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(c->Keys(), keys) << name << " differs from messages.pot";
    EXPECT_EQ(c->translated(), keys.size()) << name;
  }
  EXPECT_EQ(Languages(), (std::vector<std::string>{"ar", "bg", "en", "pl", "pt",
                                                   "ro", "rom"}));
  EXPECT_EQ(catalogues, 6);
}

TEST(BuiltInTest, RomaniAndArabicDraftsAreMarkedForReviewButUsed) {
  // Drafts a translator has yet to check carry a translator comment, not
  // '#, fuzzy': the reader treats fuzzy entries as untranslated.
  for (const auto& [name, text] : files::kAll) {
    if (name != "rom" && name != "ar") continue;
    const Catalog* c = BuiltIn(name);
    ASSERT_NE(c, nullptr) << name;
    size_t marked = 0;
    for (size_t at = text.find("\n# needs review\nmsgctxt");
         at != std::string_view::npos;
         at = text.find("\n# needs review\nmsgctxt", at + 1))
      ++marked;
    EXPECT_EQ(marked, c->Keys().size()) << name;
    EXPECT_EQ(text.find("\n#, fuzzy"), std::string_view::npos) << name;
  }
  EXPECT_EQ(Translate("ar", "email subject", "Your report has been accepted"),
            "تم قبول تقريركم");
  EXPECT_EQ(Translate("rom", "email subject", "Your report has been accepted"),
            "Tumaro raporto sas lelo");
}

TEST(TranslateTest, FallsBackToEnglish) {
  EXPECT_EQ(Translate("pl", "email subject", "Your report has been accepted"),
            "Raport został przyjęty");
  EXPECT_EQ(Translate("so", "email subject", "Your report has been accepted"),
            "Your report has been accepted");
  EXPECT_EQ(Translate("pl", "email subject", "Not in any catalogue"),
            "Not in any catalogue");
  EXPECT_EQ(Effective("pl"), "pl");
  EXPECT_EQ(Effective("so"), "en");
}

}  // namespace
}  // namespace grants::i18n
