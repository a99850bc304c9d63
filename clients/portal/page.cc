// The portal's shared page parts: the layout, notices and refusals, and
// the formatting helpers.
#include "clients/portal/page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <regex>

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
      new std::vector<std::pair<std::string, std::string>>{
          {"en", "English"},   {"pl", "Polski"},    {"ro", "Română"},
          {"bg", "Български"}, {"pt", "Português"}, {"rom", "Romani ćhib"},
          {"ar", "العربية"}};
  return *names;
}

bool RightToLeft(const std::string& language) { return language == "ar"; }

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

// Browsers drop tabs and newlines from an address and read "\\" as "/",
// so anything beyond plain path characters could turn "/x" into "//host":
// only those characters are let through, and never two slashes together.
std::string LocalPath(const std::string& path) {
  if (path.empty() || path[0] != '/' || path.size() > 512) return "";
  char previous = 0;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool plain = std::isalnum(c) || c == '-' || c == '.' || c == '_' ||
                 c == '~' || c == '/';
    if (!plain || c >= 0x80 || (c == '/' && previous == '/')) return "";
    previous = ch;
  }
  return path;
}

bool IsFormId(const std::string& id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !std::isxdigit(static_cast<unsigned char>(id[i])))
      return false;
  }
  return true;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
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

namespace {

// The current address with ?lang=<language> (other parameters kept).
std::string LanguageLink(const Portal::Call& c, const std::string& language) {
  std::string query = "?lang=" + language;
  if (c.req.method == "GET")
    for (const auto& [name, value] : c.req.params)
      if (name != "lang")
        query += "&" + UrlEncode(name) + "=" + UrlEncode(value);
  return c.req.path + query;
}

// Each language by its own name, linking to this page in it.
List Languages(const Portal::Call& c) {
  List out;
  for (const auto& [code, name] : LanguageNames())
    out.push_back(Object{{"code", code},
                         {"name", name},
                         {"href", LanguageLink(c, code)},
                         {"current", code == c.session.language}});
  return out;
}

// The signed-in grantee's links and sign-out button.
Object Account(const Portal::Call& c) {
  return {{"label", c.T("Your account")},
          {"rounds", c.T("Open rounds")},
          {"applications", c.T("Your applications")},
          {"awards", c.T("Your grants")},
          {"reports", c.T("Reports")},
          {"organisation", c.T("Your organisation")},
          {"sign_out", c.T("Sign out")},
          {"signed_in_as",
           c.TF("Signed in as {email}", fmt::arg("email", c.session.email))}};
}

// The layout around a page: the header with the language choice (and, for
// a signed-in grantee, the account links), the error summary, one h1.
Object Layout(const Portal::Call& c, std::string_view title,
              const FieldErrors& errors) {
  std::string page_title =
      std::string(title) + " – " + c.T("Small grants portal");
  if (!errors.empty()) page_title = c.T("Error:") + " " + page_title;
  Object layout{
      {"lang", c.session.language},
      {"dir", RightToLeft(c.session.language) ? "rtl" : "ltr"},
      {"page_title", page_title},
      {"skip_link", c.T("Skip to main content")},
      {"portal_name", c.T("Small grants portal")},
      {"language_label", c.T("Language")},
      {"languages", Languages(c)},
      {"csrf_token", c.session.csrf},
      {"request_id", RandomUuid()},
      {"error_summary",
       ErrorSummary(c.templates, c.T("There is a problem"), errors, c.labels)},
      {"title", std::string(title)},
      {"footer", c.T("Questions? Write to your grant officer.")}};
  if (c.session.signed_in(c.now)) layout["account"] = Account(c);
  return layout;
}

}  // namespace

void Render(Portal::Call& c, std::string_view title, std::string_view page,
            Object data, const FieldErrors& errors, int status) {
  data["csrf_token"] = c.session.csrf;
  if (!data.contains("request_id")) data["request_id"] = RandomUuid();
  Object layout = Layout(c, title, errors);
  layout["body"] = c.templates.Render(page, data);
  c.res.status = status;
  c.res.set_content(c.templates.Render("layout", layout),
                    "text/html; charset=utf-8");
}

Object Notice(const std::vector<std::string>& paragraphs,
              const std::string& href, const std::string& link) {
  Object notice{{"paragraphs", List(paragraphs.begin(), paragraphs.end())}};
  if (!href.empty()) notice["link"] = Object{{"href", href}, {"text", link}};
  return notice;
}

Field FormFields::Filled(Field f) const {
  if (typed_) {
    auto it = typed_->find(f.id);
    if (it != typed_->end()) f.value = it->second;
  }
  f.error = ErrorFor(errors_, f.id);
  (*labels_)[f.id] = f.label;
  return f;
}

std::string FormReader::Text(const std::string& id) {
  return typed_[id] = c_.Param(id.c_str());
}

int64_t FormReader::Count(const std::string& id) {
  std::string text = Text(id);
  if (text.empty()) return 0;
  if (text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
    errors_.emplace_back(id, c_.T("Enter a whole number, like 120"));
    return 0;
  }
  return std::stoll(text);
}

std::optional<int64_t> FormReader::Pence(const std::string& id) {
  std::string text = Text(id);
  if (text.empty()) return std::nullopt;
  std::optional<int64_t> minor = ParseMajorUnits(text);
  if (!minor)
    errors_.emplace_back(
        id, c_.T("Enter an amount in pounds, like 1500 or 1,500.50"));
  return minor;
}

Options Boroughs() {
  Options out;
  for (const auto& b : LondonBoroughs())
    out.emplace_back(std::string(b.gss), std::string(b.name));
  return out;
}

Options ProjectLanguages() {
  // The languages London's migrant and community groups most often work
  // in, each named in English and in itself, so a grantee finds theirs
  // whatever language the page is in.
  static const std::pair<const char*, const char*> kLanguages[] = {
      {"en", "English"},
      {"ar", "Arabic (العربية)"},
      {"bn", "Bengali (বাংলা)"},
      {"bg", "Bulgarian (български)"},
      {"cs", "Czech (čeština)"},
      {"fr", "French (français)"},
      {"el", "Greek (ελληνικά)"},
      {"hu", "Hungarian (magyar)"},
      {"it", "Italian (italiano)"},
      {"lv", "Latvian (latviešu)"},
      {"lt", "Lithuanian (lietuvių)"},
      {"pl", "Polish (polski)"},
      {"pt", "Portuguese (português)"},
      {"ro", "Romanian (română)"},
      {"rom", "Romani (romani čhib)"},
      {"ru", "Russian (русский)"},
      {"sk", "Slovak (slovenčina)"},
      {"so", "Somali (Soomaali)"},
      {"es", "Spanish (español)"},
      {"tr", "Turkish (Türkçe)"},
      {"uk", "Ukrainian (українська)"},
      {"ur", "Urdu (اردو)"},
  };
  Options out;
  for (const auto& [code, name] : kLanguages) out.emplace_back(code, name);
  return out;
}

Options Communities(const std::string& language,
                    const v1::Programme& programme) {
  Options out;
  for (const auto& code : programme.priority_communities())
    out.emplace_back(
        code, i18n::Translate(language, "community", CommunityLabel(code)));
  return out;
}

// A refusal: nothing changed.
void Refuse(Portal::Call& c, int status, std::string_view why) {
  Render(c, c.T("You cannot do that"), "notice",
         Notice({std::string(why), c.T("Nothing was changed.")}, "/",
                c.T("Go to the start")),
         {}, status);
}

Body BodyOf(const httplib::Request& req) {
  static const auto* document_form = [] {
    std::string alternatives;
    for (std::string_view path : kDocumentFormPaths)
      alternatives += (alternatives.empty() ? "" : "|") + std::string(path);
    return new std::regex(alternatives);
  }();
  if (std::regex_search(req.path, *document_form)) return Body::kDocumentForm;
  if (req.get_header_value("Content-Type")
          .starts_with("application/x-www-form-urlencoded"))
    return Body::kUrlEncodedForm;
  return Body::kForm;
}

void RefuseTooLarge(Portal::Call& c, Body body) {
  if (body == Body::kDocumentForm)
    return Refuse(
        c, 413,
        c.TF("This file is larger than we can take: a file can be at most "
             "{size}. Go back and choose a smaller one.",
             fmt::arg("size", FileSize(c.max_document_bytes))));
  size_t limit =
      body == Body::kUrlEncodedForm ? kMaxUrlEncodedFormBytes : kMaxFormBytes;
  Refuse(c, 413,
         c.TF("What you sent is longer than a form can hold (at most "
              "{size}). Go back and shorten it.",
              fmt::arg("size", FileSize(limit))));
}

void RefuseTooMany(Portal::Call& c, int64_t seconds) {
  c.res.set_header("Retry-After", std::to_string(seconds));
  Refuse(c, 429,
         c.TF("Too many requests from your connection. Wait {seconds} "
              "seconds, then try again.",
              fmt::arg("seconds", seconds)));
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
