// Unit tests of the portal's pure parts: escaping, the templates and form
// helpers, the mapping of grantsd's field violations onto form fields, and
// sessions.
#include <gtest/gtest.h>

#include <stdexcept>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/sessions.h"
#include "clients/portal/templates.h"
#include "common/status.h"

namespace grants::portal {
namespace {

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

TEST(SessionStoreTest, ACookieWorksUntilTamperedWithRotatedOrIdle) {
  SessionStore store("0123456789abcdef0123456789abcdef");
  absl::Time now = absl::FromUnixSeconds(1'750'000'000);
  Session s = store.Create("pl", now);
  std::string cookie = store.CookieValue(s);
  Session found;
  ASSERT_EQ(store.Find(cookie, now, &found), SessionStore::Lookup::kFound);
  EXPECT_EQ(found.language, "pl");
  EXPECT_EQ(found.csrf, s.csrf);

  std::string tampered = cookie;
  tampered[0] = tampered[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(store.Find(tampered, now, &found), SessionStore::Lookup::kTampered);
  EXPECT_EQ(store.Find("no-mac-at-all", now, &found),
            SessionStore::Lookup::kTampered);
  EXPECT_EQ(store.Find("", now, &found), SessionStore::Lookup::kNone);

  Session rotated = store.Rotate(s, now);
  EXPECT_NE(rotated.id, s.id);
  EXPECT_NE(rotated.csrf, s.csrf);
  EXPECT_EQ(store.Find(cookie, now, &found), SessionStore::Lookup::kExpired);
  std::string fresh = store.CookieValue(rotated);
  EXPECT_EQ(
      store.Find(fresh, now + SessionStore::kIdle - absl::Seconds(1), &found),
      SessionStore::Lookup::kFound);
  EXPECT_EQ(store.Find(fresh, now + 2 * SessionStore::kIdle + absl::Minutes(2),
                       &found),
            SessionStore::Lookup::kExpired);
}

}  // namespace
}  // namespace grants::portal
