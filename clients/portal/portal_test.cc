// Unit tests of the portal's pure parts: escaping, the templates and form
// helpers, the mapping of grantsd's field violations onto form fields, and
// sessions.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "clients/portal/client_limits.h"
#include "clients/portal/door.h"
#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/language_names.h"
#include "clients/portal/page.h"
#include "clients/portal/sessions.h"
#include "clients/portal/templates.h"
#include "common/crypto.h"
#include "common/i18n/catalog.h"
#include "common/reference_data.h"
#include "common/status.h"
#include "portal_templates.h"  // generated: the templates' text

namespace grants::portal {
namespace {

TEST(ErrorWordsTest, EveryReasonAGranteeMeetsHasWordsInEveryPortalLanguage) {
  ASSERT_GE(GranteeReasons().size(), 40u);
  for (const std::string& reason : GranteeReasons()) {
    std::optional<std::string> words = WordsFor(reason);
    ASSERT_TRUE(words.has_value()) << reason << " has no words in the portal";
    for (const auto& [language, name] : LanguageNames()) {
      if (language == "en") continue;
      const i18n::Catalog* catalog = i18n::BuiltIn(language);
      ASSERT_NE(catalog, nullptr) << language << " has no catalogue";
      EXPECT_NE(catalog->Find("error", *words), nullptr)
          << language << " has no words for " << reason << " (\"" << *words
          << "\")";
    }
    // Shown in the grantee's language, never grantsd's English.
    FieldErrors shown = ErrorsOf(
        MakeError(absl::StatusCode::kFailedPrecondition, reason, "grantsd"),
        "ar");
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_NE(shown[0].second, "grantsd") << reason;
    EXPECT_NE(shown[0].second, *words) << reason;
  }
}

TEST(LanguagesTest, ArabicRunsRightToLeftAndRomaniIsOffered) {
  EXPECT_TRUE(Offered("ar"));
  EXPECT_TRUE(Offered("rom"));
  EXPECT_TRUE(RightToLeft("ar"));
  EXPECT_FALSE(RightToLeft("rom"));
  EXPECT_FALSE(RightToLeft("en"));
}

TEST(EscapeTest, EscapesEverythingThatCouldOpenMarkup) {
  EXPECT_EQ(
      Escape(R"(<script>alert("x") & 'y'</script>)"),
      "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
}

TEST(TemplatesTest, EveryTemplateParsesAndEveryValueIsEscaped) {
  Templates templates;  // throws on a template that does not parse
  std::string html = templates.Render(
      "notice", Object{{"paragraphs", List{Data("<b>'x'</b> & \"y\"")}}});
  EXPECT_NE(html.find("<p class=\"govuk-body\">&lt;b&gt;&#39;x&#39;&lt;/b&gt; "
                      "&amp; &quot;y&quot;</p>"),
            std::string::npos);
  EXPECT_THROW(templates.Render("no_such_page", Object{}), std::logic_error);
}

// Debian's cpp-httplib refuses a url-encoded form over 8 KiB: an Arabic
// decline reason of 2,000 characters is 24 KiB url-encoded.
TEST(TemplatesTest,
     EveryFormPostsAsMultipartSoNoLengthTheContractTakesIsRefused) {
  int forms = 0;
  for (const auto& [name, text] : templates::kAll) {
    for (size_t at = text.find("<form"); at != std::string_view::npos;
         at = text.find("<form", at + 1)) {
      std::string_view tag = text.substr(at, text.find('>', at) - at);
      ++forms;
      EXPECT_NE(tag.find("method=\"post\""), std::string_view::npos)
          << name << ": " << tag;
      EXPECT_NE(tag.find("enctype=\"multipart/form-data\""),
                std::string_view::npos)
          << name << ": " << tag;
    }
  }
  EXPECT_GE(forms, 12);
}

TEST(BodyOfTest, DocumentFormsByPathUrlEncodedByTypeAndOtherwiseAForm) {
  httplib::Request req;
  std::string id = "0b5a4c1e-8f3d-4c2a-9e7b-1d2c3b4a5f60";
  for (std::string path :
       {"/applications/" + id + "/documents",
        "/awards/" + id + "/conditions/" + id, "/reports/" + id}) {
    req.path = path;
    EXPECT_EQ(BodyOf(req), Body::kDocumentForm) << path;
  }
  for (std::string path :
       {"/applications/" + id, std::string("/reports"),
        "/applications/" + id + "/documents/" + id + "/remove",
        "/x/reports/" + id}) {
    req.path = path;
    EXPECT_EQ(BodyOf(req), Body::kForm) << path;
  }
  req.set_header("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(BodyOf(req), Body::kUrlEncodedForm);
}

// HAProxy reads these at the door (ops/production/haproxy.cfg); the
// production test runs it on them.
TEST(DoorMapsTest, TheLimitsAreThePortalsAndEachPageIsItsOwnInEachLanguage) {
  auto maps = DoorMaps(4 * 1024 * 1024);
  EXPECT_EQ(maps["limits.map"],
            "document " + std::to_string(DocumentFormLimit(4 * 1024 * 1024)) +
                "\nform " + std::to_string(kMaxFormBytes) + "\n");
  EXPECT_EQ(
      std::count(maps["bodies.map"].begin(), maps["bodies.map"].end(), '\n'),
      static_cast<long>(kDocumentFormPaths.size()));
  std::map<std::string, std::string> pages;
  for (const char* file : {"languages.map", "413.map", "429.map"}) {
    std::istringstream in(maps[file]);
    for (std::string line; std::getline(in, line);) {
      size_t space = line.find(' ');
      ASSERT_NE(space, std::string::npos) << file << ": " << line;
      pages[std::string(file) + " " + line.substr(0, space)] =
          line.substr(space + 1);
    }
  }
  EXPECT_EQ(pages.size(), LanguageNames().size() * 4);
  for (const auto& [language, name] : LanguageNames()) {
    EXPECT_EQ(pages["languages.map " + language], language);
    for (std::string key :
         {"413.map " + language + "-document", "413.map " + language + "-form",
          "429.map " + language}) {
      const std::string& page = pages[key];
      EXPECT_NE(page.find("<html lang=\"" + language + "\""), std::string::npos)
          << key;
      // HAProxy builds the answer in one buffer (tune.bufsize, 16 KiB).
      EXPECT_LT(page.size(), 12u * 1024) << key;
    }
  }
  EXPECT_NE(pages["413.map ro-document"].find("4 MB"), std::string::npos);
  EXPECT_NE(pages["413.map ro-document"].find(
                i18n::Translate("ro", "portal", "Nothing was changed.")),
            std::string::npos);
  EXPECT_NE(pages["413.map ar-form"].find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(pages["429.map pl"].find("10"), std::string::npos);
  EXPECT_NE(pages["413.map en-form"].find("2 MB"), std::string::npos);
}

TEST(FormTest, AFieldWithAnErrorIsDescribedByItAndKeepsItsValue) {
  Templates templates;
  std::string html = TextInput(
      templates, {"amount", "Amount", "In pounds", "12\"x", "Too much"});
  EXPECT_NE(
      html.find("<label class=\"govuk-label\" for=\"amount\">Amount</label>"),
      std::string::npos);
  EXPECT_NE(html.find("id=\"amount-error\""), std::string::npos);
  EXPECT_NE(html.find("aria-describedby=\"amount-hint amount-error\""),
            std::string::npos);
  EXPECT_NE(html.find("value=\"12&quot;x\""), std::string::npos);
  EXPECT_NE(html.find("govuk-form-group--error"), std::string::npos);
}

TEST(FormTest, TheErrorSummaryLinksToEachField) {
  Templates templates;
  std::string html =
      ErrorSummary(templates, "There is a problem",
                   {{"amount", "Too much"}, {"", "Deadline passed"}});
  EXPECT_NE(html.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#amount\">Too much</a>"), std::string::npos);
  EXPECT_NE(html.find("<li>Deadline passed</li>"), std::string::npos);
  EXPECT_EQ(ErrorSummary(templates, "There is a problem", {}), "");
}

TEST(ChoicesTest, CommunitiesInTheGranteesLanguageAndLanguagesByName) {
  v1::Programme programme;
  programme.add_priority_communities("roma");
  programme.add_priority_communities("disabled_people");
  programme.add_priority_communities("bus_drivers");  // no words: its code
  Options ro = Communities("ro", programme);
  ASSERT_EQ(ro.size(), 3u);
  EXPECT_EQ(ro[0], (std::pair<std::string, std::string>{"roma", "Romi"}));
  EXPECT_EQ(ro[1].second, "Persoane cu dizabilități");
  EXPECT_EQ(ro[2].second, "Bus drivers");
  EXPECT_EQ(Communities("en", programme)[1].second, "Disabled people");
  // Every language offered by name is a code grantsd takes.
  Options languages = ProjectLanguages();
  bool romani = false;
  for (const auto& [code, name] : languages) {
    EXPECT_TRUE(IsLanguageCode(code)) << code;
    romani = romani || (code == "rom" && name.starts_with("Romani"));
  }
  EXPECT_TRUE(romani);
}

TEST(FormTest, TheErrorSummaryNamesEachFieldByItsLabel) {
  // Two fields with the same complaint are told apart; a message that
  // already names its field is not named twice.
  Templates templates;
  std::string html =
      ErrorSummary(templates, "There is a problem",
                   {{"project_summary", "This cannot be empty"},
                    {"planned_activities", "This cannot be empty"},
                    {"amount", "Amount: too much"}},
                   {{"project_summary", "Summary of your project"},
                    {"planned_activities", "What you will do"},
                    {"amount", "Amount"}});
  EXPECT_NE(html.find(">Summary of your project: This cannot be empty</a>"),
            std::string::npos);
  EXPECT_NE(html.find(">What you will do: This cannot be empty</a>"),
            std::string::npos);
  EXPECT_NE(html.find(">Amount: too much</a>"), std::string::npos);
}

TEST(FormFieldOfTest, MapsBackendPathsOntoTheFormsFields) {
  EXPECT_EQ(FormFieldOf("content.amount_requested.minor_units"), "amount");
  EXPECT_EQ(FormFieldOf("content.budget_lines[1].amount"), "budget_amount_2");
  EXPECT_EQ(FormFieldOf("content.budget_lines[0].description"),
            "budget_description_1");
  EXPECT_EQ(FormFieldOf("content.budget_lines"), "budget_description_1");
  EXPECT_EQ(FormFieldOf("content.answers.reach_plan"), "answer_reach_plan");
  EXPECT_EQ(
      FormFieldOf("content.planned_reach.people_reached_with_information"),
      "reached");
  EXPECT_EQ(FormFieldOf("profile.contacts[0].phone"), "contact_phone");
  EXPECT_EQ(FormFieldOf("profile.charity_number"), "charity_number");
  EXPECT_EQ(FormFieldOf("round_id"), "");
}

TEST(ErrorsOfTest, TranslatesKnownReasonsAndKeepsGrantsdsWordsOtherwise) {
  absl::Status s =
      MakeError(absl::StatusCode::kInvalidArgument, "VALIDATION", "bad",
                {{"email", "EMAIL_INVALID", "must be an email"},
                 {"profile.name", "ODD_REASON", "grantsd's words"}});
  FieldErrors en = ErrorsOf(s, "en");
  ASSERT_EQ(en.size(), 2u);
  EXPECT_EQ(en[0].first, "email");
  EXPECT_EQ(
      en[0].second,
      "Enter an email address in the right format, like name@example.org");
  EXPECT_EQ(en[1],
            (std::pair<std::string, std::string>{"name", "grantsd's words"}));
  FieldErrors pl = ErrorsOf(s, "pl");
  EXPECT_NE(pl[0].second, en[0].second);  // Polish
  FieldErrors summary =
      ErrorsOf(MakeError(absl::StatusCode::kFailedPrecondition,
                         "DEADLINE_PASSED", "late"),
               "en");
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].first, "");
  EXPECT_EQ(summary[0].second, "The deadline for this round has passed");
}

const std::string kKeyA(32, 'a');
const std::string kKeyB(32, 'b');

// Every character of `cookie` after its "v1." changed in turn: none opens.
int OpenedAfterFlips(const SessionSealer& sealer, const std::string& cookie,
                     absl::Time now) {
  int opened = 0;
  for (size_t i = 3; i < cookie.size(); ++i) {
    std::string flipped = cookie;
    flipped[i] = flipped[i] == 'A' ? 'B' : 'A';
    Session out;
    if (sealer.Open(flipped, now, &out) == SessionSealer::Lookup::kFound)
      ++opened;
  }
  return opened;
}

TEST(SessionSealerTest, AnotherPortalWithTheSameKeyOpensTheCookie) {
  absl::Time now = absl::FromUnixSeconds(1'750'000'000);
  Session s = SessionSealer::Fresh("pl");
  s.token = "grantee-token";
  s.token_expires_at = now + absl::Hours(2);
  s.email = "ana@example.org";
  s.organisation_id = "ORG-1";
  s.registered = true;
  std::string cookie = SessionSealer({kKeyA}).Seal(s, now);
  EXPECT_EQ(cookie.find("grantee-token"), std::string::npos);
  EXPECT_EQ(cookie.find("ana@example.org"), std::string::npos);

  Session found;
  ASSERT_EQ(SessionSealer({kKeyA}).Open(cookie, now, &found),
            SessionSealer::Lookup::kFound);
  EXPECT_EQ(found.id, s.id);
  EXPECT_EQ(found.csrf, s.csrf);
  EXPECT_EQ(found.language, "pl");
  EXPECT_EQ(found.token, "grantee-token");
  EXPECT_EQ(found.email, "ana@example.org");
  EXPECT_EQ(found.organisation_id, "ORG-1");
  EXPECT_TRUE(found.registered);
  EXPECT_TRUE(found.signed_in(now));
  // A new key first, the old one kept: cookies sealed before still open.
  EXPECT_EQ(SessionSealer({kKeyB, kKeyA}).Open(cookie, now, &found),
            SessionSealer::Lookup::kFound);
}

TEST(SessionSealerTest, RefusesAChangedCookieOrAnotherKey) {
  absl::Time now = absl::FromUnixSeconds(1'750'000'000);
  SessionSealer sealer({kKeyA});
  std::string cookie = sealer.Seal(SessionSealer::Fresh("en"), now);
  Session found;
  EXPECT_EQ(OpenedAfterFlips(sealer, cookie, now), 0);
  EXPECT_EQ(SessionSealer({kKeyB}).Open(cookie, now, &found),
            SessionSealer::Lookup::kTampered);
  EXPECT_EQ(sealer.Open("no-seal-at-all", now, &found),
            SessionSealer::Lookup::kTampered);
  EXPECT_EQ(sealer.Open("v1.", now, &found), SessionSealer::Lookup::kTampered);
  EXPECT_EQ(sealer.Open("", now, &found), SessionSealer::Lookup::kNone);
}

TEST(SessionSealerTest, ExpiresWhenIdleOrWhenItsTokenDoes) {
  absl::Time now = absl::FromUnixSeconds(1'750'000'000);
  SessionSealer sealer({kKeyA});
  Session s = SessionSealer::Fresh("en");
  std::string anonymous = sealer.Seal(s, now);
  Session found;
  EXPECT_EQ(sealer.Open(anonymous,
                        now + SessionSealer::kIdle - absl::Seconds(1), &found),
            SessionSealer::Lookup::kFound);
  EXPECT_EQ(sealer.Open(anonymous, now + SessionSealer::kIdle, &found),
            SessionSealer::Lookup::kExpired);
  // Renewed every few minutes, a signed-in session still ends with its token.
  s.token = "t";
  s.token_expires_at = now + absl::Minutes(40);
  std::string renewed = sealer.Seal(s, now + absl::Minutes(35));
  EXPECT_EQ(sealer.Open(renewed, now + absl::Minutes(39), &found),
            SessionSealer::Lookup::kFound);
  EXPECT_EQ(sealer.Open(renewed, now + absl::Minutes(40), &found),
            SessionSealer::Lookup::kExpired);
}

TEST(SessionSealerTest, KeyFilesHoldHexKeysOneALine) {
  auto keys =
      SessionSealer::ParseKeyFile("# current first\n" + std::string(64, 'a') +
                                  "\n\n" + std::string(64, 'B') + "\n");
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0], std::string(32, '\xaa'));
  EXPECT_FALSE(SessionSealer::ParseKeyFile("").ok());
  EXPECT_FALSE(SessionSealer::ParseKeyFile(std::string(62, 'a')).ok());
  EXPECT_FALSE(SessionSealer::ParseKeyFile(std::string(64, 'g')).ok());
}

TEST(RevokedSessionsTest, ForgetsEachWhenItWouldHaveExpiredAndStaysBounded) {
  absl::Time now = absl::FromUnixSeconds(1'750'000'000);
  RevokedSessions revoked;
  revoked.Revoke("a", now + absl::Hours(1), now);
  EXPECT_TRUE(revoked.Revoked("a", now));
  EXPECT_FALSE(revoked.Revoked("b", now));
  EXPECT_FALSE(revoked.Revoked("a", now + absl::Hours(1)));
  revoked.Revoke("b", now + absl::Hours(3), now + absl::Hours(2));
  EXPECT_EQ(revoked.size(), 1u);  // "a" swept
}

TEST(LocalPathTest, KeepsPlainPathsOnThisSite) {
  EXPECT_EQ(LocalPath("/applications"), "/applications");
  EXPECT_EQ(LocalPath("/applications/0b9f1c1e-8a3c-4b5e-9f3a-2b1c4d5e6f70"),
            "/applications/0b9f1c1e-8a3c-4b5e-9f3a-2b1c4d5e6f70");
  EXPECT_EQ(LocalPath("/"), "/");
}

TEST(LocalPathTest, RefusesEverythingABrowserCouldReadAsAnotherSite) {
  for (const std::string& bad : std::vector<std::string>{
           "//evil.example", "/\\evil.example", "\\\\evil.example",
           "/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
           "/%09/evil.example", "/%2F%2Fevil.example", "https://evil.example",
           "evil.example", "javascript:alert(1)", "/ /evil.example",
           "/x//evil.example", "/rounds?next=//evil", "/\x7f/evil",
           "/\xc2\xa0/evil", "", std::string("/\0/evil", 7)})
    EXPECT_EQ(LocalPath(bad), "") << "accepted " << bad;
}

TEST(FormIdTest, OnlyUuidsAreFormIds) {
  EXPECT_TRUE(IsFormId(RandomUuid()));
  EXPECT_FALSE(IsFormId(""));
  EXPECT_FALSE(IsFormId("0b9f1c1e-8a3c-4b5e-9f3a-2b1c4d5e6f7"));
  EXPECT_FALSE(IsFormId("0b9f1c1e+8a3c-4b5e-9f3a-2b1c4d5e6f70"));
  EXPECT_FALSE(IsFormId("0b9f1c1e-8a3c-4b5e-9f3a-2b1c4d5e6f7z"));
}

TEST(IsoLanguagesTest, NamesAndCodesBothWayFromDebiansIsoCodes) {
  const IsoLanguages& names = IsoLanguages::Get();
  EXPECT_EQ(names.CodeOf("Tigrinya"), "ti");
  EXPECT_EQ(names.CodeOf(" tigrinya "), "ti");
  EXPECT_EQ(names.CodeOf("tir"), "ti");    // the two-letter code is kept
  EXPECT_EQ(names.CodeOf("Dari"), "prs");  // none: the three-letter one
  EXPECT_EQ(names.CodeOf("Kurdish, Central"), "ckb");
  // A code is its own language even where another language is named so.
  EXPECT_EQ(names.CodeOf("en"), "en");
  EXPECT_EQ(names.CodeOf("som"), "so");
  EXPECT_EQ(names.CodeOf("ron"), "ro");
  EXPECT_EQ(names.CodeOf("ga"), "ga");
  EXPECT_EQ(names.CodeOf("Elvish"), std::nullopt);
  EXPECT_EQ(names.CodeOf("zz"), std::nullopt);
  EXPECT_EQ(names.NameOf("prs"), "Dari");
  EXPECT_EQ(names.NameOf("qq"), "qq");
  const auto& offered = names.Suggestions();
  EXPECT_TRUE(std::is_sorted(offered.begin(), offered.end()));
  for (const char* name : {"Tigrinya", "Dari", "Polish", "Romany"})
    EXPECT_NE(std::find(offered.begin(), offered.end(), name), offered.end())
        << name;
  EXPECT_LT(offered.size(), 250u);  // a list, not all 7,900 languages
}

TEST(IsoLanguagesTest, WithoutTheTableCodesAreTakenAsTyped) {
  IsoLanguages none("");
  EXPECT_EQ(none.CodeOf("TI"), "ti");
  EXPECT_EQ(none.CodeOf("Tigrinya"), std::nullopt);
  EXPECT_TRUE(none.Suggestions().empty());
}

TEST(FileSizeTest, WholeMegabytesWithoutADecimalAndKilobytesRoundedUp) {
  EXPECT_EQ(FileSize(kDefaultMaxDocumentBytes), "10 MB");
  EXPECT_EQ(FileSize(kMaxFormBytes), "2 MB");
  EXPECT_EQ(FileSize(256 * 1024), "256 KB");
  EXPECT_EQ(FileSize(3 * 1024 * 1024 / 2), "1.5 MB");
  EXPECT_EQ(FileSize(1025), "2 KB");
  EXPECT_EQ(FileSize(12), "12 B");
  // A document's form is read up to twice the largest file, so a file a
  // little too large reaches its page's field.
  EXPECT_GT(DocumentFormLimit(kDefaultMaxDocumentBytes),
            static_cast<size_t>(2 * kDefaultMaxDocumentBytes));
}

TEST(ClientLimitsTest, ABurstThenTheRateAndEachClientOnItsOwn) {
  absl::Time now = absl::FromUnixSeconds(1'750'000'000);
  ClientLimits limits({.burst = 3, .per_minute = 6, .max_clients = 2});
  absl::Duration wait;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limits.Take("10.0.0.1", now, &wait));
  EXPECT_FALSE(limits.Take("10.0.0.1", now, &wait));
  EXPECT_EQ(wait, absl::Seconds(10));
  EXPECT_TRUE(limits.Take("10.0.0.2", now, &wait));  // another client
  EXPECT_FALSE(limits.Take("10.0.0.1", now + absl::Seconds(9), &wait));
  EXPECT_TRUE(limits.Take("10.0.0.1", now + absl::Seconds(20), &wait));
  // The table stays at its bound: a full bucket is forgotten for a third.
  EXPECT_TRUE(limits.Take("10.0.0.3", now + absl::Seconds(21), &wait));
  EXPECT_EQ(limits.size(), 2u);
}

}  // namespace
}  // namespace grants::portal
