// The portal's shared page parts.
#include "clients/portal/page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "common/crypto.h"
#include "common/i18n/catalog.h"
#include "common/money.h"
#include "common/reference_data.h"

namespace grants::portal {

// The languages offered, by their own names.
const std::vector<std::pair<std::string, std::string>>& LanguageNames() {
  static const auto* names =
      new std::vector<std::pair<std::string, std::string>>{{"en", "English"},
                                                           {"pl", "Polski"},
                                                           {"ro", "Română"},
                                                           {"bg", "Български"},
                                                           {"pt", "Português"}};
  return *names;
}

bool Offered(const std::string& language) {
  const auto& names = LanguageNames();
  return std::any_of(names.begin(), names.end(),
                     [&](const auto& n) { return n.first == language; });
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// A path on this portal ("/..." but not "//..."), else "".
std::string LocalPath(const std::string& path) {
  return path.size() > 0 && path[0] == '/' &&
                 (path.size() == 1 || (path[1] != '/' && path[1] != '\\'))
             ? path
             : "";
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "disabled_people" -> "Disabled people".
std::string LabelOf(const std::string& code) {
  std::string label = code;
  std::replace(label.begin(), label.end(), '_', ' ');
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(label[0]));
  return label;
}

// "2025-02-01T12:00:00+00:00" -> "2025-02-01 12:00".
std::string LondonText(const std::string& london) {
  return london.size() >= 16 ? london.substr(0, 10) + " " + london.substr(11, 5)
                             : london;
}

std::string Money(const v1::Money& m) {
  return FormatMoney(m.currency_code().empty() ? "GBP" : m.currency_code(),
                     m.minor_units());
}

// "1500.00" for a form field ("" when unset or zero and unset).
std::string Pounds(const v1::Money& m) {
  if (m.currency_code().empty()) return "";
  return fmt::format("{}.{:02}", m.minor_units() / 100, m.minor_units() % 100);
}

void SecurityHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self'; "
                 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  // A sign-in link's code is in the address: never send it onwards.
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

// The current address with ?lang=<language> (other parameters kept).
std::string LanguageLink(const Portal::Call& c, const std::string& language) {
  std::string query = "?lang=" + language;
  if (c.req.method == "GET")
    for (const auto& [name, value] : c.req.params)
      if (name != "lang")
        query += "&" + UrlEncode(name) + "=" + UrlEncode(value);
  return c.req.path + query;
}

// The page around `body`: the header with the language choice (and, for a
// signed-in grantee, the account links), the error summary, one h1.
std::string Layout(const Portal::Call& c, std::string_view title,
                   const std::string& body, const FieldErrors& errors) {
  std::string languages;
  for (const auto& [code, name] : LanguageNames())
    languages += "<li><a class=\"portal-language\" href=\"" +
                 Escape(LanguageLink(c, code)) + "\" hreflang=\"" + code +
                 "\" lang=\"" + code + "\"" +
                 (code == c.session.language ? " aria-current=\"true\"" : "") +
                 ">" + Escape(name) + "</a></li>";
  std::string account;
  if (c.session.signed_in(c.now))
    account =
        "<nav class=\"portal-account\" aria-label=\"" +
        Escape(c.T("Your account")) + "\"><ul><li><a href=\"/rounds\">" +
        Escape(c.T("Open rounds")) + "</a></li><li><a href=\"/applications\">" +
        Escape(c.T("Your applications")) + "</a></li><li><a href=\"/awards\">" +
        Escape(c.T("Your grants")) + "</a></li><li><a href=\"/reports\">" +
        Escape(c.T("Reports")) + "</a></li><li><a href=\"/organisation\">" +
        Escape(c.T("Your organisation")) + "</a></li><li>" +
        c.Form("/sign-out", Button(c.T("Sign out"), "", "", true)) +
        "</li></ul><p class=\"portal-signed-in\">" +
        Escape(
            c.TF("Signed in as {email}", fmt::arg("email", c.session.email))) +
        "</p></nav>";
  std::string page_title =
      std::string(title) + " – " + c.T("Small grants portal");
  if (!errors.empty()) page_title = c.T("Error:") + " " + page_title;
  return "<!DOCTYPE html><html lang=\"" + Escape(c.session.language) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><title>" +
         Escape(page_title) +
         "</title><link rel=\"stylesheet\" "
         "href=\"/static/portal.css\"></head><body>"
         "<a href=\"#main\" class=\"govuk-skip-link\">" +
         Escape(c.T("Skip to main content")) +
         "</a><header class=\"govuk-header\"><div "
         "class=\"govuk-width-container\">"
         "<a href=\"/\" class=\"govuk-header__link\">" +
         Escape(c.T("Small grants portal")) +
         "</a><nav id=\"languages\" aria-label=\"" + Escape(c.T("Language")) +
         "\"><ul>" + languages + "</ul></nav>" + account +
         "</div></header><div class=\"govuk-width-container\"><main "
         "class=\"govuk-main-wrapper\" id=\"main\">" +
         ErrorSummary(c.T("There is a problem"), errors) +
         "<h1 class=\"govuk-heading-l\">" + Escape(title) + "</h1>" + body +
         "</main></div><footer class=\"govuk-footer\"><div "
         "class=\"govuk-width-container\"><p>" +
         Escape(c.T("Questions? Write to your grant officer.")) +
         "</p></div></footer></body></html>";
}

void Render(Portal::Call& c, std::string_view title, const std::string& body,
            const FieldErrors& errors, int status) {
  c.res.status = status;
  c.res.set_content(Layout(c, title, body, errors), "text/html; charset=utf-8");
}

std::string Paragraph(std::string_view text) {
  return "<p class=\"govuk-body\">" + Escape(text) + "</p>";
}

// A refusal: nothing changed.
void Refuse(Portal::Call& c, int status, std::string_view why) {
  Render(c, c.T("You cannot do that"),
         Paragraph(why) + Paragraph(c.T("Nothing was changed.")) +
             "<p class=\"govuk-body\"><a href=\"/\">" +
             Escape(c.T("Go to the start")) + "</a></p>",
         {}, status);
}

void Redirect(Portal::Call& c, const std::string& to) {
  c.res.set_redirect(to, 303);
}

// grantsd refused a read: another organisation's record, or none.
void RefuseFromBackend(Portal::Call& c, const absl::Status& s) {
  if (s.code() == absl::StatusCode::kPermissionDenied)
    return Refuse(c, 403, c.T("This belongs to another organisation."));
  if (s.code() == absl::StatusCode::kNotFound)
    return Refuse(c, 404, c.T("We could not find that page."));
  if (s.code() == absl::StatusCode::kUnauthenticated) {
    c.session.token.clear();
    return Redirect(c, "/sign-in");
  }
  Refuse(c, 503, ErrorsOf(s, c.session.language).front().second);
}

}  // namespace grants::portal
