// The portal's pages.
#include "services/portal/portal.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include "services/common/crypto.h"
#include "services/common/money.h"
#include "services/common/reference_data.h"
#include "services/i18n/catalog.h"
#include "services/portal/errors.h"
#include "services/portal/html.h"
#include "services/portal/style.h"

namespace grants::portal {
namespace {

constexpr char kSessionCookie[] = "grants_session";
constexpr char kLanguageCookie[] = "grants_lang";

// The languages offered, by their own names.
const std::vector<std::pair<std::string, std::string>>& LanguageNames() {
  static const auto* names = new std::vector<std::pair<std::string, std::string>>{
      {"en", "English"},  {"pl", "Polski"},    {"ro", "Română"},
      {"bg", "Български"}, {"pt", "Português"}};
  return *names;
}

bool Offered(const std::string& language) {
  const auto& names = LanguageNames();
  return std::any_of(names.begin(), names.end(),
                     [&](const auto& n) { return n.first == language; });
}

std::string CookieOf(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  std::istringstream in(header);
  for (std::string part; std::getline(in, part, ';');) {
    size_t start = part.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    part = part.substr(start);
    if (part.rfind(std::string(name) + "=", 0) == 0)
      return part.substr(name.size() + 1);
  }
  return "";
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

const std::vector<std::pair<v1::LegalForm, std::string>>& LegalForms() {
  static const auto* forms = new std::vector<std::pair<v1::LegalForm, std::string>>{
      {v1::LEGAL_FORM_UNREGISTERED_GROUP, "Community group without registration"},
      {v1::LEGAL_FORM_REGISTERED_CHARITY, "Registered charity"},
      {v1::LEGAL_FORM_CIO, "Charitable incorporated organisation (CIO)"},
      {v1::LEGAL_FORM_CHARITABLE_COMPANY, "Charitable company"},
      {v1::LEGAL_FORM_CIC, "Community interest company (CIC)"},
      {v1::LEGAL_FORM_COMPANY_LIMITED_BY_GUARANTEE, "Company limited by guarantee"}};
  return *forms;
}

// "LEGAL_FORM_CIO" -> "cio".
template <typename E>
std::string CodeOf(E value) {
  const auto* type = google::protobuf::GetEnumDescriptor<E>();
  const auto* v = type->FindValueByNumber(static_cast<int>(value));
  if (!v) return "";
  std::string name = v->name();
  std::string prefix;
  for (char c : type->name()) {
    if (std::isupper(static_cast<unsigned char>(c)) && !prefix.empty())
      prefix += '_';
    prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return Lower(name.substr(prefix.size() + 1));
}

template <typename E>
E ParseCode(const std::string& code, E fallback) {
  for (int i = 0; i < google::protobuf::GetEnumDescriptor<E>()->value_count(); ++i) {
    auto value = static_cast<E>(
        google::protobuf::GetEnumDescriptor<E>()->value(i)->number());
    if (CodeOf(value) == code) return value;
  }
  return fallback;
}

std::string StateLabel(v1::ApplicationState state) {
  switch (state) {
    case v1::APPLICATION_STATE_DRAFT: return "Draft";
    case v1::APPLICATION_STATE_SUBMITTED: return "Submitted";
    case v1::APPLICATION_STATE_RETURNED: return "Returned for changes";
    case v1::APPLICATION_STATE_WITHDRAWN: return "Withdrawn";
    case v1::APPLICATION_STATE_APPROVED: return "Approved";
    case v1::APPLICATION_STATE_DECLINED: return "Declined";
    default: return "Unknown";
  }
}

std::string AwardStateLabel(v1::AwardState state) {
  switch (state) {
    case v1::AWARD_STATE_OFFERED: return "Offered: waiting for your answer";
    case v1::AWARD_STATE_ACCEPTED: return "Accepted";
    case v1::AWARD_STATE_ACTIVE: return "Active";
    case v1::AWARD_STATE_DECLINED: return "Declined";
    case v1::AWARD_STATE_EXPIRED: return "Expired";
    case v1::AWARD_STATE_TERMINATED: return "Ended early";
    default: return "Unknown";
  }
}

std::string PaymentStateLabel(v1::PaymentState state) {
  switch (state) {
    case v1::PAYMENT_STATE_SCHEDULED: return "Scheduled";
    case v1::PAYMENT_STATE_DUE: return "Due";
    case v1::PAYMENT_STATE_REQUESTED: return "Being approved";
    case v1::PAYMENT_STATE_AUTHORISED: return "Approved";
    case v1::PAYMENT_STATE_INSTRUCTED: return "Sent to the bank";
    case v1::PAYMENT_STATE_PAID: return "Paid";
    case v1::PAYMENT_STATE_FAILED: return "Failed: we will contact you";
    case v1::PAYMENT_STATE_CANCELLED: return "Cancelled";
    default: return "Unknown";
  }
}

std::string RequirementStateLabel(v1::RequirementStatus status) {
  switch (status) {
    case v1::REQUIREMENT_STATUS_DUE: return "Due";
    case v1::REQUIREMENT_STATUS_OVERDUE: return "Overdue";
    case v1::REQUIREMENT_STATUS_SUBMITTED: return "Sent: waiting for review";
    case v1::REQUIREMENT_STATUS_RETURNED: return "Returned for changes";
    case v1::REQUIREMENT_STATUS_ACCEPTED: return "Accepted";
    default: return "Unknown";
  }
}

bool Editable(v1::ApplicationState state) {
  return state == v1::APPLICATION_STATE_DRAFT ||
         state == v1::APPLICATION_STATE_RETURNED;
}

}  // namespace

// One request: its session, the server's clock, and helpers.
struct Portal::Call {
  const httplib::Request& req;
  httplib::Response& res;
  Session session;
  absl::Time now;

  // `english` in the session's language.
  std::string T(std::string_view english) const {
    return i18n::Translate(session.language, "portal", english);
  }
  // The same with {placeholders} filled.
  template <typename... Args>
  std::string TF(std::string_view english, Args&&... args) const {
    try {
      return fmt::format(fmt::runtime(T(english)), std::forward<Args>(args)...);
    } catch (const fmt::format_error&) {
      return fmt::format(fmt::runtime(english), std::forward<Args>(args)...);
    }
  }
  std::string Param(const char* name) const {
    return req.has_param(name) ? req.get_param_value(name) : "";
  }
  std::vector<std::string> Params(const char* name) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < req.get_param_value_count(name); ++i)
      out.push_back(req.get_param_value(name, i));
    return out;
  }
  // A form posting to `action`, carrying the CSRF token.
  std::string Form(std::string_view action, const std::string& inner) const {
    return "<form method=\"post\" action=\"" + Escape(action) +
           "\" novalidate>" + HiddenInput("csrf_token", session.csrf) + inner +
           "</form>";
  }
};

namespace {

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
      if (name != "lang") query += "&" + UrlEncode(name) + "=" + UrlEncode(value);
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
        "<nav class=\"portal-account\" aria-label=\"" + Escape(c.T("Your account")) +
        "\"><ul><li><a href=\"/rounds\">" + Escape(c.T("Open rounds")) +
        "</a></li><li><a href=\"/applications\">" + Escape(c.T("Your applications")) +
        "</a></li><li><a href=\"/awards\">" + Escape(c.T("Your grants")) +
        "</a></li><li><a href=\"/reports\">" + Escape(c.T("Reports")) +
        "</a></li><li><a href=\"/organisation\">" + Escape(c.T("Your organisation")) +
        "</a></li><li>" + c.Form("/sign-out", Button(c.T("Sign out"), "", "", true)) +
        "</li></ul><p class=\"portal-signed-in\">" +
        Escape(c.TF("Signed in as {email}", fmt::arg("email", c.session.email))) +
        "</p></nav>";
  std::string page_title = std::string(title) + " – " + c.T("Small grants portal");
  if (!errors.empty()) page_title = c.T("Error:") + " " + page_title;
  return "<!DOCTYPE html><html lang=\"" + Escape(c.session.language) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><title>" +
         Escape(page_title) +
         "</title><link rel=\"stylesheet\" href=\"/static/portal.css\"></head><body>"
         "<a href=\"#main\" class=\"govuk-skip-link\">" +
         Escape(c.T("Skip to main content")) +
         "</a><header class=\"govuk-header\"><div class=\"govuk-width-container\">"
         "<a href=\"/\" class=\"govuk-header__link\">" +
         Escape(c.T("Small grants portal")) + "</a><nav id=\"languages\" aria-label=\"" +
         Escape(c.T("Language")) + "\"><ul>" + languages + "</ul></nav>" + account +
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
            const FieldErrors& errors = {}, int status = 200) {
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
             "<p class=\"govuk-body\"><a href=\"/\">" + Escape(c.T("Go to the start")) +
             "</a></p>",
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

}  // namespace

httplib::Server::Handler Portal::Wrap(Handler handler, bool signed_in) {
  return [this, handler, signed_in](const httplib::Request& req,
                                    httplib::Response& res) {
    Call c{req, res, {}, absl::Now()};
    SecurityHeaders(res);
    std::string language = CookieOf(req, kLanguageCookie);
    if (!Offered(language)) language = "en";
    bool post = req.method == "POST";
    SessionStore::Lookup found =
        sessions_.Find(CookieOf(req, kSessionCookie), c.now, &c.session);
    std::string secure = options_.secure_cookies ? "; Secure" : "";
    if (found == SessionStore::Lookup::kTampered) {
      c.session.language = language;
      res.set_header("Set-Cookie", std::string(kSessionCookie) +
                                       "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure);
      return Refuse(c, 400, c.T("Your session cookie has been changed. Sign in again."));
    }
    if (found != SessionStore::Lookup::kFound) {
      if (post && found == SessionStore::Lookup::kExpired) {
        c.session.language = language;
        return Redirect(c, "/sign-in?return_to=" + UrlEncode(req.path));
      }
      c.session = sessions_.Create(language, c.now);
      res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" +
                                       sessions_.CookieValue(c.session) +
                                       "; Path=/; HttpOnly; SameSite=Lax" + secure);
    }
    if (!post && req.has_param("lang") && Offered(req.get_param_value("lang"))) {
      c.session.language = req.get_param_value("lang");
      sessions_.Save(c.session);
      res.set_header("Set-Cookie", std::string(kLanguageCookie) + "=" +
                                       c.session.language +
                                       "; Path=/; Max-Age=31536000; SameSite=Lax" + secure);
    }
    if (post && !ConstantTimeEqual(c.Param("csrf_token"), c.session.csrf))
      return Refuse(c, 403, c.T("This form has expired or did not come from this site."));
    if (signed_in && !c.session.signed_in(c.now)) {
      c.session.return_to = LocalPath(req.path);
      sessions_.Save(c.session);
      return Redirect(c, "/sign-in");
    }
    (this->*handler)(c);
    sessions_.Save(c.session);
  };
}

void Portal::Mount(httplib::Server& server) {
  server.Get("/static/portal.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(std::string(kStyleSheet), "text/css; charset=utf-8");
  });
  server.Get("/", Wrap(&Portal::Home, false));
  server.Get("/sign-in", Wrap(&Portal::SignInForm, false));
  server.Post("/sign-in", Wrap(&Portal::SignInRequest, false));
  server.Get(R"(/sign-in/([A-Za-z0-9_-]{1,64}))", Wrap(&Portal::SignInConfirm, false));
  server.Post(R"(/sign-in/([A-Za-z0-9_-]{1,64}))", Wrap(&Portal::SignInRedeem, false));
  server.Post("/sign-out", Wrap(&Portal::SignOut, false));
  server.Get("/organisation", Wrap(&Portal::OrganisationForm, true));
  server.Post("/organisation", Wrap(&Portal::OrganisationSave, true));
  server.Get("/rounds", Wrap(&Portal::Rounds, true));
  server.Get("/applications", Wrap(&Portal::Applications, true));
  server.Post("/applications", Wrap(&Portal::ApplicationCreate, true));
  server.Get(R"(/applications/([0-9a-f-]{36}))", Wrap(&Portal::ApplicationForm, true));
  server.Post(R"(/applications/([0-9a-f-]{36}))", Wrap(&Portal::ApplicationSave, true));
  server.Get("/awards", Wrap(&Portal::Awards, true));
  server.Get("/reports", Wrap(&Portal::Reports, true));
  server.Get(R"(/reports/([0-9a-f-]{36}))", Wrap(&Portal::ReportForm, true));
  server.Post(R"(/reports/([0-9a-f-]{36}))", Wrap(&Portal::ReportSave, true));
  server.Post(R"(/awards/([0-9a-f-]{36}))", Wrap(&Portal::AwardRespond, true));
}

void Portal::Home(Call& c) {
  if (!c.session.signed_in(c.now)) return Redirect(c, "/sign-in");
  Redirect(c, c.session.registered ? "/rounds" : "/organisation");
}

// ---- Sign-in ---------------------------------------------------------------

namespace {

std::string SignInBody(const Portal::Call& c, const std::string& email,
                       const FieldErrors& errors) {
  return Paragraph(c.T("We will email you a link to sign in. You do not need a password.")) +
         c.Form("/sign-in",
                TextInput({"email", c.T("Email address"),
                           c.T("The address your organisation gave us, or yours if you are new."),
                           email, ErrorFor(errors, "email")},
                          "email", "email") +
                    Button(c.T("Send me a sign-in link")));
}

}  // namespace

void Portal::SignInForm(Call& c) {
  if (!c.Param("return_to").empty()) c.session.return_to = LocalPath(c.Param("return_to"));
  Render(c, c.T("Sign in"), SignInBody(c, "", {}));
}

void Portal::SignInRequest(Call& c) {
  std::string email = c.Param("email");
  v1::RequestSignInLinkRequest req;
  req.set_request_id(RandomUuid());
  req.set_email(email);
  req.set_language(c.session.language);
  v1::RequestSignInLinkResponse resp;
  absl::Status s = backend_.Call("", [&](grpc::ClientContext* ctx) {
    return backend_.sign_in().RequestSignInLink(ctx, req, &resp);
  });
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, c.T("Sign in"), SignInBody(c, email, errors), errors, 400);
  }
  Render(c, c.T("Check your email"),
         Paragraph(c.TF("We have sent a sign-in link to {email}. It works once, for 20 minutes.",
                        fmt::arg("email", email))) +
             Paragraph(c.T("If it does not arrive in a few minutes, look in your spam folder or ask for another link.")) +
             "<p class=\"govuk-body\"><a href=\"/sign-in\">" +
             Escape(c.T("Ask for another link")) + "</a></p>");
}

void Portal::SignInConfirm(Call& c) {
  // A button, not the link itself, signs in: mail scanners that open links
  // must not use the code up.
  Render(c, c.T("Sign in"),
         Paragraph(c.T("Press the button to sign in.")) +
             c.Form(c.req.path, Button(c.T("Sign in"))));
}

void Portal::SignInRedeem(Call& c) {
  v1::RedeemSignInLinkRequest req;
  req.set_request_id(RandomUuid());
  req.set_code(c.req.matches[1]);
  req.set_organisation_id(c.Param("organisation_id"));
  v1::SignInSession resp;
  absl::Status s = backend_.Call("", [&](grpc::ClientContext* ctx) {
    return backend_.sign_in().RedeemSignInLink(ctx, req, &resp);
  });
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, c.T("Sign in"),
                  Paragraph(errors.front().second) +
                      "<p class=\"govuk-body\"><a href=\"/sign-in\">" +
                      Escape(c.T("Ask for a new link")) + "</a></p>",
                  {}, 400);
  }
  if (resp.access_token().empty()) {  // several organisations list the address
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& o : resp.choices()) options.emplace_back(o.organisation_id(), o.name());
    return Render(c, c.T("Which organisation?"),
                  c.Form(c.req.path,
                         Select({"organisation_id", c.T("Sign in for"), "", "", ""}, options) +
                             Button(c.T("Sign in"))));
  }
  std::string return_to = c.session.return_to;
  c.session = sessions_.Rotate(c.session, c.now);  // a new id once signed in
  c.session.token = resp.access_token();
  c.session.token_expires_at = absl::FromUnixSeconds(resp.expires_at().seconds());
  c.session.email = resp.email();
  c.session.organisation_id = resp.organisation_id();
  c.session.registered = resp.registered();
  c.session.return_to.clear();
  c.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" +
                                     sessions_.CookieValue(c.session) +
                                     "; Path=/; HttpOnly; SameSite=Lax" +
                                     (options_.secure_cookies ? "; Secure" : ""));
  if (!c.session.registered) return Redirect(c, "/organisation");
  Redirect(c, return_to.empty() ? "/rounds" : return_to);
}

void Portal::SignOut(Call& c) {
  sessions_.Erase(c.session.id);
  c.session = sessions_.Create(c.session.language, c.now);
  c.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" +
                                     sessions_.CookieValue(c.session) +
                                     "; Path=/; HttpOnly; SameSite=Lax" +
                                     (options_.secure_cookies ? "; Secure" : ""));
  Redirect(c, "/sign-in");
}

// ---- Organisation ------------------------------------------------------------

namespace {

struct OrganisationValues {
  std::string name, legal_form = "unregistered_group", charity_number,
      company_number, borough_code, annual_income, contact_name, contact_phone;
};

OrganisationValues ValuesOf(const v1::Organisation& o, const std::string& email) {
  const auto& p = o.profile();
  OrganisationValues v{p.name(), CodeOf(p.legal_form()), p.charity_number(),
                       p.company_number(), p.borough_code(), Pounds(p.annual_income()),
                       "", ""};
  for (const auto& contact : p.contacts())
    if (Lower(contact.email()) == email) {
      v.contact_name = contact.name();
      v.contact_phone = contact.phone();
    }
  return v;
}

std::string OrganisationBody(const Portal::Call& c, const OrganisationValues& v,
                             const FieldErrors& errors) {
  std::vector<std::pair<std::string, std::string>> forms;
  for (const auto& [form, label] : LegalForms()) forms.emplace_back(CodeOf(form), c.T(label));
  std::vector<std::pair<std::string, std::string>> boroughs{{"", c.T("Choose a borough")}};
  for (const auto& b : LondonBoroughs())
    boroughs.emplace_back(std::string(b.gss), std::string(b.name));
  auto e = [&](const char* id) { return ErrorFor(errors, id); };
  return c.Form(
      "/organisation",
      TextInput({"name", c.T("Name of your organisation or group"), "", v.name, e("name")},
                "text", "organization") +
          Select({"legal_form", c.T("What kind of organisation is it?"), "", v.legal_form,
                  e("legal_form")},
                 forms) +
          TextInput({"charity_number", c.T("Charity number (if you have one)"),
                     c.T("For example 1085314 or SC012345"), v.charity_number,
                     e("charity_number")},
                    "text", "off", "govuk-input--width-10") +
          TextInput({"company_number", c.T("Company number (if you have one)"),
                     c.T("8 characters, for example 01234567"), v.company_number,
                     e("company_number")},
                    "text", "off", "govuk-input--width-10") +
          Select({"borough_code", c.T("Borough of your address"), "", v.borough_code,
                  e("borough_code")},
                 boroughs) +
          TextInput({"annual_income", c.T("Income in your last financial year, in pounds"),
                     c.T("For example 15000. Enter 0 if you have no accounts yet."),
                     v.annual_income, e("annual_income")},
                    "text", "off", "govuk-input--width-10") +
          TextInput({"contact_name", c.T("Your full name"), "", v.contact_name,
                     e("contact_name")},
                    "text", "name") +
          TextInput({"contact_phone", c.T("Your phone number (optional)"), "",
                     v.contact_phone, e("contact_phone")},
                    "tel", "tel", "govuk-input--width-20") +
          Paragraph(c.TF("We will write to {email}, in the language you are using now.",
                         fmt::arg("email", c.session.email))) +
          Button(c.T("Save")));
}

}  // namespace

void Portal::OrganisationForm(Call& c) {
  OrganisationValues v;
  if (c.session.registered) {
    v1::GetOrganisationRequest req;
    req.set_id(c.session.organisation_id);
    v1::Organisation o;
    absl::Status s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.organisations().GetOrganisation(ctx, req, &o);
    });
    if (!s.ok()) return RefuseFromBackend(c, s);
    v = ValuesOf(o, c.session.email);
  }
  Render(c, c.session.registered ? c.T("Your organisation") : c.T("Register your organisation"),
         OrganisationBody(c, v, {}));
}

void Portal::OrganisationSave(Call& c) {
  OrganisationValues v{c.Param("name"),           c.Param("legal_form"),
                       c.Param("charity_number"), c.Param("company_number"),
                       c.Param("borough_code"),   c.Param("annual_income"),
                       c.Param("contact_name"),   c.Param("contact_phone")};
  std::string title =
      c.session.registered ? c.T("Your organisation") : c.T("Register your organisation");
  v1::OrganisationProfile p;
  p.set_name(v.name);
  p.set_legal_form(ParseCode(v.legal_form, v1::LEGAL_FORM_UNSPECIFIED));
  p.set_charity_number(v.charity_number);
  p.set_company_number(v.company_number);
  p.set_borough_code(v.borough_code);
  p.set_correspondence_language(c.session.language);
  if (!v.annual_income.empty()) {
    std::optional<int64_t> minor = ParseMajorUnits(v.annual_income);
    if (!minor) {
      FieldErrors errors{{"annual_income", c.T("Enter an amount in pounds, like 15000 or 15,000.50")}};
      return Render(c, title, OrganisationBody(c, v, errors), errors, 400);
    }
    p.mutable_annual_income()->set_currency_code("GBP");
    p.mutable_annual_income()->set_minor_units(*minor);
  }
  // The signed-in person as a contact.
  auto add_me = [&] {
    auto* me = p.add_contacts();
    me->set_name(v.contact_name);
    me->set_email(c.session.email);
    me->set_phone(v.contact_phone);
  };
  absl::Status s;
  if (c.session.registered) {
    v1::GetOrganisationRequest get;
    get.set_id(c.session.organisation_id);
    v1::Organisation before;
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.organisations().GetOrganisation(ctx, get, &before);
    });
    if (!s.ok()) return RefuseFromBackend(c, s);
    // The signed-in person's own contact entry changes; the others stay.
    bool found = false;
    for (auto contact : before.profile().contacts()) {
      if (Lower(contact.email()) == c.session.email) {
        contact.set_name(v.contact_name);
        contact.set_phone(v.contact_phone);
        found = true;
      }
      *p.add_contacts() = contact;
    }
    if (!found) add_me();
    v1::UpdateOrganisationRequest req;
    req.set_request_id(RandomUuid());
    req.set_id(c.session.organisation_id);
    *req.mutable_profile() = p;
    for (const char* field : {"name", "legal_form", "charity_number", "company_number",
                              "borough_code", "annual_income", "contacts",
                              "correspondence_language"})
      req.add_update_mask(field);
    v1::Organisation o;
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.organisations().UpdateOrganisation(ctx, req, &o);
    });
  } else {
    add_me();
    v1::RegisterOrganisationRequest req;
    req.set_request_id(RandomUuid());
    *req.mutable_profile() = p;
    v1::Organisation o;
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.organisations().RegisterOrganisation(ctx, req, &o);
    });
    if (s.ok()) c.session.registered = true;
  }
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, title, OrganisationBody(c, v, errors), errors, 400);
  }
  Redirect(c, "/rounds");
}

// ---- Rounds and applications -------------------------------------------------

void Portal::Rounds(Call& c) {
  if (!c.session.registered) return Redirect(c, "/organisation");
  v1::ListRoundsRequest req;
  req.set_state(v1::ROUND_STATE_OPEN);
  req.set_page_size(100);
  v1::ListRoundsResponse resp;
  absl::Status s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.programmes().ListRounds(ctx, req, &resp);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string body;
  if (resp.rounds().empty()) body = Paragraph(c.T("No rounds are open at the moment."));
  for (const auto& r : resp.rounds()) {
    body += "<section class=\"portal-round\" aria-labelledby=\"round-" + Escape(r.id()) +
            "\"><h2 class=\"govuk-heading-m\" id=\"round-" + Escape(r.id()) + "\">" +
            Escape(r.name()) + "</h2><dl class=\"govuk-summary-list\"><div><dt>" +
            Escape(c.T("Closes")) + "</dt><dd>" +
            Escape(c.TF("{when} (London time)", fmt::arg("when", LondonText(r.closes_london())))) +
            "</dd></div><div><dt>" + Escape(c.T("Grants")) + "</dt><dd>" +
            Escape(Money(r.min_grant()) + " – " + Money(r.max_grant())) + "</dd></div></dl>" +
            c.Form("/applications", HiddenInput("round_id", r.id()) +
                                        Button(c.TF("Apply to {round}", fmt::arg("round", r.name())))) +
            "</section>";
  }
  Render(c, c.T("Open rounds"), body);
}

void Portal::Applications(Call& c) {
  v1::ListApplicationsRequest req;
  req.set_page_size(100);
  v1::ListApplicationsResponse resp;
  absl::Status s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.applications().ListApplications(ctx, req, &resp);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string rows;
  for (const auto& a : resp.applications())
    rows += "<tr><td><a href=\"/applications/" + Escape(a.id()) + "\">" +
            Escape(a.reference().empty() ? c.T("Draft") : a.reference()) + "</a></td><td>" +
            Escape(c.T(StateLabel(a.state()))) + "</td><td>" +
            Escape(Money(a.content().amount_requested())) + "</td></tr>";
  Render(c, c.T("Your applications"),
         rows.empty() ? Paragraph(c.T("You have no applications yet."))
                      : "<div class=\"portal-table-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"" +
                            Escape(c.T("Your applications")) + "\"><table class=\"govuk-table\"><thead><tr><th scope=\"col\">" +
                            Escape(c.T("Reference")) + "</th><th scope=\"col\">" +
                            Escape(c.T("Status")) + "</th><th scope=\"col\">" +
                            Escape(c.T("Amount")) + "</th></tr></thead><tbody>" + rows +
                            "</tbody></table></div>");
}

void Portal::ApplicationCreate(Call& c) {
  v1::CreateApplicationRequest req;
  req.set_request_id(RandomUuid());
  req.set_round_id(c.Param("round_id"));
  req.mutable_content()->set_correspondence_language(c.session.language);
  v1::Application a;
  absl::Status s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.applications().CreateApplication(ctx, req, &a);
  });
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, c.T("Open rounds"),
                  "<p class=\"govuk-body\"><a href=\"/rounds\">" +
                      Escape(c.T("Back to open rounds")) + "</a></p>",
                  errors, 400);
  }
  Redirect(c, "/applications/" + a.id());
}

namespace {

// What the application page shows: the application, its round and the
// programme's communities.
struct ApplicationView {
  v1::Application application;
  v1::Round round;
  v1::Programme programme;
};

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string ApplicationBody(const Portal::Call& c, const ApplicationView& view,
                            const v1::ApplicationContent& content,
                            const std::map<std::string, std::string>& typed,
                            const FieldErrors& errors) {
  const v1::Application& a = view.application;
  auto e = [&](const std::string& id) { return ErrorFor(errors, id); };
  // What the grantee typed wins over what is stored (kept on an error).
  auto value = [&](const std::string& id, const std::string& stored) {
    auto it = typed.find(id);
    return it == typed.end() ? stored : it->second;
  };
  std::string status =
      "<dl class=\"govuk-summary-list\"><div><dt>" + Escape(c.T("Status")) +
      "</dt><dd id=\"state\">" + Escape(c.T(StateLabel(a.state()))) + "</dd></div>" +
      (a.reference().empty()
           ? ""
           : "<div><dt>" + Escape(c.T("Tracking reference")) + "</dt><dd id=\"reference\">" +
                 Escape(a.reference()) + "</dd></div>") +
      "<div><dt>" + Escape(c.T("Deadline")) + "</dt><dd>" +
      Escape(c.TF("{when} (London time)", fmt::arg("when", LondonText(a.deadline_london())))) +
      "</dd></div></dl>";
  if (!a.return_comment().empty() && a.state() == v1::APPLICATION_STATE_RETURNED)
    status += "<div class=\"govuk-inset-text\">" + Escape(c.T("Your grant officer asks:")) +
              " " + Escape(a.return_comment()) + "</div>";
  if (!Editable(a.state()))
    return status + Paragraph(c.T("This application can no longer be changed.")) +
           "<p class=\"govuk-body\"><a href=\"/applications\">" +
           Escape(c.T("Back to your applications")) + "</a></p>";

  std::vector<std::pair<std::string, std::string>> communities, boroughs;
  for (const auto& code : view.programme.priority_communities())
    communities.emplace_back(code, i18n::Translate(c.session.language, "community", LabelOf(code)));
  for (const auto& b : LondonBoroughs()) boroughs.emplace_back(std::string(b.gss), std::string(b.name));
  std::vector<std::string> checked_communities(content.target_communities().begin(),
                                               content.target_communities().end());
  std::vector<std::string> checked_boroughs(content.boroughs_served().begin(),
                                            content.boroughs_served().end());
  std::string budget;
  for (int i = 0; i < 3; ++i) {
    std::string n = std::to_string(i + 1);
    const v1::BudgetLine* line = i < content.budget_lines_size() ? &content.budget_lines(i) : nullptr;
    budget += "<div class=\"portal-budget-line\">" +
              TextInput({"budget_description_" + n, c.TF("Budget line {n}: what for", fmt::arg("n", n)), "",
                         value("budget_description_" + n, line ? line->description() : ""),
                         e("budget_description_" + n)}) +
              TextInput({"budget_amount_" + n, c.TF("Budget line {n}: pounds", fmt::arg("n", n)), "",
                         value("budget_amount_" + n, line ? Pounds(line->amount()) : ""),
                         e("budget_amount_" + n)},
                        "text", "off", "govuk-input--width-10") +
              "</div>";
  }
  std::string questions;
  for (const auto& q : view.round.questions()) {
    std::string stored;
    for (const auto& answer : content.answers())
      if (answer.question_id() == q.id()) stored = answer.text();
    questions += TextArea({"answer_" + q.id(), q.text(),
                           c.TF("Up to {n} characters", fmt::arg("n", q.max_chars())),
                           value("answer_" + q.id(), stored), e("answer_" + q.id())});
  }
  std::string reach_supported =
      content.has_planned_reach() ? std::to_string(content.planned_reach().people_supported_directly()) : "";
  std::string reach_informed =
      content.has_planned_reach()
          ? std::to_string(content.planned_reach().people_reached_with_information())
          : "";
  return status +
         c.Form(c.req.path,
                TextInput({"amount", c.T("How much are you asking for, in pounds?"),
                           c.TF("Between {min} and {max}", fmt::arg("min", Money(view.round.min_grant())),
                                fmt::arg("max", Money(view.round.max_grant()))),
                           value("amount", Pounds(content.amount_requested())), e("amount")},
                          "text", "off", "govuk-input--width-10") +
                    TextArea({"project_summary", c.T("Summary of your project"),
                              c.T("Up to 2000 characters"),
                              value("project_summary", content.project_summary()),
                              e("project_summary")}) +
                    TextArea({"planned_activities", c.T("What you will do"),
                              c.T("Up to 4000 characters"),
                              value("planned_activities", content.planned_activities()),
                              e("planned_activities")}) +
                    Checkboxes({"community", c.T("Who will you work with?"), "", "", e("community")},
                               communities, checked_communities) +
                    Checkboxes({"borough", c.T("Which boroughs will you work in?"), "", "", e("borough")},
                               boroughs, checked_boroughs) +
                    TextInput({"project_languages", c.T("Languages you will work in"),
                               c.T("Short codes separated by commas, for example pl, ro, rom"),
                               value("project_languages", Joined(content.languages())),
                               e("project_languages")}) +
                    TextInput({"supported", c.T("How many people will you support directly?"), "",
                               value("supported", reach_supported), e("supported")},
                              "text", "off", "govuk-input--width-5") +
                    TextInput({"reached", c.T("How many people will you reach with information?"), "",
                               value("reached", reach_informed), e("reached")},
                              "text", "off", "govuk-input--width-5") +
                    "<h2 class=\"govuk-heading-m\">" + Escape(c.T("Budget")) + "</h2>" +
                    Paragraph(c.T("The lines must add up to the amount you ask for.")) + budget +
                    questions +
                    "<div class=\"govuk-button-group\">" +
                    Button(c.T("Save draft"), "action", "save", true) +
                    Button(c.T("Submit application"), "action", "submit") + "</div>");
}

}  // namespace

namespace {

// Reads the application, its round and programme as the grantee.
absl::Status LoadView(const Backend& backend, const std::string& token,
                      const std::string& id, ApplicationView* view) {
  v1::GetApplicationRequest get;
  get.set_id(id);
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.applications().GetApplication(ctx, get, &view->application);
  }));
  v1::GetRoundRequest round;
  round.set_id(view->application.round_id());
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.programmes().GetRound(ctx, round, &view->round);
  }));
  v1::GetProgrammeRequest programme;
  programme.set_id(view->round.programme_id());
  return backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.programmes().GetProgramme(ctx, programme, &view->programme);
  });
}

// The content the form describes; errors for what is not a number.
v1::ApplicationContent ContentFrom(const Portal::Call& c, const ApplicationView& view,
                                   std::map<std::string, std::string>* typed,
                                   FieldErrors* errors) {
  std::string currency = view.round.min_grant().currency_code();
  if (currency.empty()) currency = "GBP";
  auto keep = [&](const char* id) { return (*typed)[id] = c.Param(id); };
  // The amount typed into `id`, if any; an error when it is not one.
  auto money = [&](const std::string& id) -> std::optional<v1::Money> {
    std::string text = (*typed)[id] = c.Param(id.c_str());
    if (text.empty()) return std::nullopt;
    std::optional<int64_t> minor = ParseMajorUnits(text);
    if (!minor) {
      errors->emplace_back(id, c.T("Enter an amount in pounds, like 1500 or 1,500.50"));
      return std::nullopt;
    }
    v1::Money m;
    m.set_currency_code(currency);
    m.set_minor_units(*minor);
    return m;
  };
  auto count = [&](const char* id) -> int64_t {
    std::string text = keep(id);
    if (text.empty()) return 0;
    if (text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
      errors->emplace_back(id, c.T("Enter a whole number, like 120"));
      return 0;
    }
    return std::stoll(text);
  };
  v1::ApplicationContent content = view.application.content();
  content.clear_amount_requested();
  if (auto amount = money("amount")) *content.mutable_amount_requested() = *amount;
  content.set_project_summary(keep("project_summary"));
  content.set_planned_activities(keep("planned_activities"));
  content.clear_target_communities();
  for (const auto& code : c.Params("community")) content.add_target_communities(code);
  content.clear_boroughs_served();
  for (const auto& code : c.Params("borough")) content.add_boroughs_served(code);
  content.clear_languages();
  std::string languages = keep("project_languages");
  std::replace(languages.begin(), languages.end(), ',', ' ');
  std::istringstream words(languages);
  for (std::string word; words >> word;) content.add_languages(Lower(word));
  int64_t supported = count("supported"), reached = count("reached");
  content.mutable_planned_reach()->set_people_supported_directly(supported);
  content.mutable_planned_reach()->set_people_reached_with_information(reached);
  content.clear_budget_lines();
  for (int i = 1; i <= 3; ++i) {
    std::string n = std::to_string(i);
    std::string description = (*typed)["budget_description_" + n] =
        c.Param(("budget_description_" + n).c_str());
    std::optional<v1::Money> amount = money("budget_amount_" + n);
    if (description.empty() && !amount) continue;
    v1::BudgetLine* line = content.add_budget_lines();
    line->set_description(description);
    if (amount) *line->mutable_amount() = *amount;
  }
  content.clear_answers();
  for (const auto& q : view.round.questions()) {
    std::string id = "answer_" + q.id();
    std::string text = (*typed)[id] = c.Param(id.c_str());
    if (text.empty()) continue;
    auto* answer = content.add_answers();
    answer->set_question_id(q.id());
    answer->set_text(text);
  }
  content.set_correspondence_language(c.session.language);
  return content;
}

}  // namespace

void Portal::ApplicationForm(Call& c) {
  ApplicationView view;
  absl::Status s = LoadView(backend_, c.session.token, c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string title = view.round.name();
  Render(c, title, ApplicationBody(c, view, view.application.content(), {}, {}));
}

void Portal::ApplicationSave(Call& c) {
  ApplicationView view;
  absl::Status s = LoadView(backend_, c.session.token, c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string title = view.round.name();
  std::map<std::string, std::string> typed;
  FieldErrors errors;
  v1::ApplicationContent content = ContentFrom(c, view, &typed, &errors);
  if (!errors.empty())
    return Render(c, title, ApplicationBody(c, view, content, typed, errors), errors, 400);
  v1::UpdateApplicationRequest update;
  update.set_request_id(RandomUuid());
  update.set_id(view.application.id());
  *update.mutable_content() = content;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.applications().UpdateApplication(ctx, update, &view.application);
  });
  if (s.ok() && c.Param("action") == "submit") {
    v1::SubmitApplicationRequest submit;
    submit.set_request_id(RandomUuid());
    submit.set_id(view.application.id());
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.applications().SubmitApplication(ctx, submit, &view.application);
    });
  }
  if (!s.ok()) {
    if (s.code() == absl::StatusCode::kPermissionDenied) return RefuseFromBackend(c, s);
    errors = ErrorsOf(s, c.session.language);
    return Render(c, title, ApplicationBody(c, view, content, typed, errors), errors, 400);
  }
  Redirect(c, "/applications/" + view.application.id());
}


// ---- Awards ------------------------------------------------------------------

namespace {

// One award: amount, state, dates, conditions; an offer has the buttons to
// accept or decline it.
// An award's payments as a table ("" when it has none).
std::string PaymentsTable(const Portal::Call& c, const v1::Award& a,
                          const v1::ListPaymentsResponse& payments) {
  std::string rows;
  for (const auto& p : payments.payments()) {
    if (p.award_id() != a.id()) continue;
    std::string due = p.due() == v1::DUE_KIND_ON_ACCEPTANCE ? c.T("When you accept")
                      : p.due() == v1::DUE_KIND_ON_FINAL_REPORT
                          ? c.T("When your final report is accepted")
                          : p.due_date();
    rows += "<tr><td>" + std::to_string(p.instalment()) + "</td><td>" +
            Escape(Money(p.amount())) + "</td><td>" + Escape(due) + "</td><td>" +
            Escape(c.T(PaymentStateLabel(p.state()))) +
            (p.paid_date().empty() ? "" : " " + Escape(p.paid_date())) + "</td></tr>";
  }
  if (rows.empty()) return "";
  return "<h3 class=\"govuk-heading-s\">" + Escape(c.T("Payments")) +
         "</h3><div class=\"portal-table-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"" +
         Escape(c.T("Payments")) + "\"><table class=\"govuk-table\"><thead><tr>"
         "<th scope=\"col\">" + Escape(c.T("Instalment")) + "</th><th scope=\"col\">" +
         Escape(c.T("Amount")) + "</th><th scope=\"col\">" + Escape(c.T("Due")) +
         "</th><th scope=\"col\">" + Escape(c.T("Status")) + "</th></tr></thead><tbody>" +
         rows + "</tbody></table></div>";
}

std::string AwardSection(const Portal::Call& c, const v1::Award& a,
                         const v1::ListPaymentsResponse& payments,
                         const FieldErrors& errors) {
  std::string id = Escape(a.id());
  std::string out = "<section class=\"portal-round\" aria-labelledby=\"award-" + id +
                    "\"><h2 class=\"govuk-heading-m\" id=\"award-" + id + "\">" +
                    Escape(c.TF("Grant of {amount}", fmt::arg("amount", Money(a.amount())))) +
                    "</h2><dl class=\"govuk-summary-list\"><div><dt>" +
                    Escape(c.T("Status")) + "</dt><dd class=\"portal-award-state\">" +
                    Escape(c.T(AwardStateLabel(a.state()))) + "</dd></div>";
  if (a.state() == v1::AWARD_STATE_OFFERED && !a.expires_london().empty())
    out += "<div><dt>" + Escape(c.T("Answer by")) + "</dt><dd>" +
           Escape(c.TF("{when} (London time)",
                       fmt::arg("when", LondonText(a.expires_london())))) +
           "</dd></div>";
  if (!a.start_date().empty())
    out += "<div><dt>" + Escape(c.T("Project dates")) + "</dt><dd>" +
           Escape(a.start_date() + " – " + a.end_date()) + "</dd></div>";
  out += "</dl>";
  if (!a.conditions().empty()) {
    out += "<p class=\"govuk-body\">" + Escape(c.T("Conditions of the grant:")) +
           "</p><ul class=\"govuk-list\">";
    for (const auto& condition : a.conditions()) out += "<li>" + Escape(condition) + "</li>";
    out += "</ul>";
  }
  if (a.state() == v1::AWARD_STATE_OFFERED)
    out += c.Form("/awards/" + a.id(),
                  TextArea({"reason-" + a.id(), c.T("If you decline, tell us why (optional)"),
                            "", "", ErrorFor(errors, "reason")},
                           3) +
                      "<div class=\"govuk-button-group\">" +
                      Button(c.T("Accept the grant"), "action", "accept") +
                      Button(c.T("Decline the grant"), "action", "decline", true) +
                      "</div>");
  return out + PaymentsTable(c, a, payments) + "</section>";
}

}  // namespace

void Portal::Awards(Call& c) {
  v1::ListAwardsRequest req;
  req.set_page_size(100);
  v1::ListAwardsResponse resp;
  absl::Status s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.awards().ListAwards(ctx, req, &resp);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  v1::ListPaymentsRequest list;  // the organisation's own (grantsd scopes)
  list.set_page_size(500);
  v1::ListPaymentsResponse payments;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.payments().ListPayments(ctx, list, &payments);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string body;
  for (const auto& a : resp.awards()) body += AwardSection(c, a, payments, {});
  Render(c, c.T("Your grants"),
         body.empty() ? Paragraph(c.T("You have no grants yet. Offers appear here.")) : body);
}

void Portal::AwardRespond(Call& c) {
  std::string id = c.req.matches[1];
  absl::Status s;
  v1::Award award;
  if (c.Param("action") == "accept") {
    v1::AcceptOfferRequest req;
    req.set_request_id(RandomUuid());
    req.set_id(id);
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.awards().AcceptOffer(ctx, req, &award);
    });
  } else {
    v1::DeclineOfferRequest req;
    req.set_request_id(RandomUuid());
    req.set_id(id);
    req.set_reason(c.Param(("reason-" + id).c_str()));
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.awards().DeclineOffer(ctx, req, &award);
    });
  }
  if (s.code() == absl::StatusCode::kPermissionDenied ||
      s.code() == absl::StatusCode::kNotFound)
    return RefuseFromBackend(c, s);
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, c.T("Your grants"),
                  "<p class=\"govuk-body\"><a href=\"/awards\">" +
                      Escape(c.T("Back to your grants")) + "</a></p>",
                  errors, 400);
  }
  Redirect(c, "/awards");
}


// ---- Monitoring reports ------------------------------------------------------

namespace {

const std::vector<std::pair<std::string, std::string>>& AgeBands() {
  static const auto* bands = new std::vector<std::pair<std::string, std::string>>{
      {"under_16", "Under 16"},       {"16_to_24", "16 to 24"},
      {"25_to_64", "25 to 64"},       {"65_and_over", "65 and over"},
      {"not_known", "Age not known"}};
  return *bands;
}

// What the report page needs: the requirement, and the award's programme
// communities, boroughs and languages for the breakdowns.
struct ReportView {
  v1::ReportRequirement requirement;
  v1::Report latest;  // the returned version, when there is one
  std::vector<std::pair<std::string, std::string>> communities, boroughs, languages;
};

absl::Status LoadReportView(const Backend& backend, const std::string& token,
                            const std::string& language, const std::string& id,
                            ReportView* view) {
  v1::ListReportRequirementsRequest list;
  list.set_page_size(500);
  v1::ListReportRequirementsResponse requirements;
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.monitoring().ListReportRequirements(ctx, list, &requirements);
  }));
  auto it = std::find_if(requirements.requirements().begin(), requirements.requirements().end(),
                         [&](const auto& r) { return r.id() == id; });
  if (it == requirements.requirements().end())  // not ours, or none
    return MakeError(absl::StatusCode::kPermissionDenied, "ORGANISATION_SCOPE",
                     "not a report of this organisation");
  view->requirement = *it;
  if (!it->latest_report_id().empty()) {
    v1::GetReportRequest get;
    get.set_id(it->latest_report_id());
    RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
      return backend.monitoring().GetReport(ctx, get, &view->latest);
    }));
  }
  v1::GetAwardRequest award_req;
  award_req.set_id(it->award_id());
  v1::Award award;
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.awards().GetAward(ctx, award_req, &award);
  }));
  ApplicationView app;
  RETURN_IF_ERROR(LoadView(backend, token, award.application_id(), &app));
  for (const auto& code : app.programme.priority_communities())
    view->communities.emplace_back(code, i18n::Translate(language, "community", LabelOf(code)));
  for (const auto& gss : app.application.content().boroughs_served())
    for (const auto& b : LondonBoroughs())
      if (b.gss == gss) view->boroughs.emplace_back(gss, std::string(b.name));
  for (const auto& code : app.application.content().languages())
    view->languages.emplace_back(code, code);
  return absl::OkStatus();
}

// The breakdown fields: (dimension, code, label, field id prefix).
struct BreakdownField {
  v1::Dimension dimension;
  std::string code, label, id;
};

std::vector<BreakdownField> BreakdownFields(const Portal::Call& c, const ReportView& view) {
  std::vector<BreakdownField> out;
  for (const auto& [code, label] : view.communities)
    out.push_back({v1::DIMENSION_COMMUNITY, code, label, "community_" + code});
  for (const auto& [code, label] : view.boroughs)
    out.push_back({v1::DIMENSION_BOROUGH, code, label, "borough_" + code});
  for (const auto& [code, label] : view.languages)
    out.push_back({v1::DIMENSION_LANGUAGE, code, label, "language_" + code});
  for (const auto& [code, label] : AgeBands())
    out.push_back({v1::DIMENSION_AGE_BAND, code, c.T(label), "age_" + code});
  return out;
}

std::string DimensionLabel(v1::Dimension dimension) {
  switch (dimension) {
    case v1::DIMENSION_COMMUNITY: return "People by community";
    case v1::DIMENSION_BOROUGH: return "People by borough";
    case v1::DIMENSION_LANGUAGE: return "People by language";
    default: return "People by age";
  }
}

std::string Count(int64_t n) { return std::to_string(n); }

std::string ReportBody(const Portal::Call& c, const ReportView& view,
                       const v1::ReportContent& content,
                       const std::map<std::string, std::string>& typed,
                       const FieldErrors& errors) {
  auto e = [&](const std::string& id) { return ErrorFor(errors, id); };
  auto value = [&](const std::string& id, const std::string& stored) {
    auto it = typed.find(id);
    return it == typed.end() ? stored : it->second;
  };
  auto number = [&](const std::string& id, const std::string& label, int64_t stored,
                    const std::string& hint = "") {
    return TextInput({id, label, hint, value(id, stored ? Count(stored) : ""), e(id)},
                     "text", "off", "govuk-input--width-5");
  };
  const auto& r = view.requirement;
  std::string intro =
      "<dl class=\"govuk-summary-list\"><div><dt>" + Escape(c.T("Due")) + "</dt><dd>" +
      Escape(r.due_date()) + "</dd></div><div><dt>" + Escape(c.T("Status")) +
      "</dt><dd id=\"report-state\">" + Escape(c.T(RequirementStateLabel(r.status()))) +
      "</dd></div></dl>";
  if (r.status() == v1::REQUIREMENT_STATUS_RETURNED && !view.latest.review_comment().empty())
    intro += "<div class=\"govuk-inset-text\">" + Escape(c.T("Your grant officer asks:")) + " " +
             Escape(view.latest.review_comment()) + "</div>";
  bool open = r.status() == v1::REQUIREMENT_STATUS_DUE ||
              r.status() == v1::REQUIREMENT_STATUS_OVERDUE ||
              r.status() == v1::REQUIREMENT_STATUS_RETURNED;
  if (!open)
    return intro + "<p class=\"govuk-body\"><a href=\"/reports\">" +
           Escape(c.T("Back to your reports")) + "</a></p>";
  std::map<std::string, const v1::Breakdown*> stored;
  for (const auto& b : content.breakdowns())
    for (const auto& f : BreakdownFields(c, view))
      if (f.dimension == b.dimension() && f.code == b.code()) stored[f.id] = &b;
  std::string parts;
  v1::Dimension last = v1::DIMENSION_UNSPECIFIED;
  for (const auto& f : BreakdownFields(c, view)) {
    if (f.dimension != last) {
      if (last != v1::DIMENSION_UNSPECIFIED) parts += "</fieldset>";
      parts += "<fieldset class=\"govuk-fieldset portal-breakdown\"><legend "
               "class=\"govuk-fieldset__legend\">" + Escape(c.T(DimensionLabel(f.dimension))) +
               "</legend>";
      last = f.dimension;
    }
    const v1::Breakdown* b = stored.count(f.id) ? stored[f.id] : nullptr;
    parts += "<div class=\"portal-budget-line\">" +
             number(f.id + "_supported",
                    c.TF("{group}: supported directly", fmt::arg("group", f.label)),
                    b ? b->people_supported_directly() : 0) +
             number(f.id + "_reached",
                    c.TF("{group}: reached with information", fmt::arg("group", f.label)),
                    b ? b->people_reached_with_information() : 0) +
             "</div>";
  }
  if (last != v1::DIMENSION_UNSPECIFIED) parts += "</fieldset>";
  return intro +
         c.Form(c.req.path,
                TextInput({"period_start", c.T("Period from"), c.T("For example 2025-01-15"),
                           value("period_start", content.period_start()), e("period_start")},
                          "date") +
                    TextInput({"period_end", c.T("Period to"), "",
                               value("period_end", content.period_end()), e("period_end")},
                              "date") +
                    TextArea({"activities", c.T("What did you do?"), c.T("Up to 4000 characters"),
                              value("activities", content.activities()), e("activities")}) +
                    number("sessions_held", c.T("Sessions or events held"), content.sessions_held()) +
                    number("people_supported", c.T("People supported directly"),
                           content.people_supported_directly(),
                           c.T("Count each person once.")) +
                    number("people_reached", c.T("People reached with information"),
                           content.people_reached_with_information(),
                           c.T("Leaflets, talks, social media. Not added to the people supported.")) +
                    number("applications_assisted", c.T("Applications you helped with"),
                           content.applications_assisted()) +
                    "<h2 class=\"govuk-heading-m\">" + Escape(c.T("Who you worked with")) + "</h2>" +
                    Paragraph(c.T("Each part can be less than the total, never more.")) + parts +
                    TextInput({"spend", c.T("Money spent so far, in pounds"), "",
                               value("spend", Pounds(content.spend_to_date())), e("spend")},
                              "text", "off", "govuk-input--width-10") +
                    TextArea({"story", c.T("A short story: what difference did it make?"),
                              c.T("Do not name the people you helped."),
                              value("story", content.story()), e("story")}) +
                    Button(c.T("Send the report")));
}

}  // namespace

void Portal::Reports(Call& c) {
  v1::ListReportRequirementsRequest req;
  req.set_page_size(500);
  v1::ListReportRequirementsResponse resp;
  absl::Status s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.monitoring().ListReportRequirements(ctx, req, &resp);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string rows;
  for (const auto& r : resp.requirements()) {
    std::string kind = r.kind() == v1::REPORT_KIND_FINAL ? c.T("Final report")
                                                         : c.T("Interim report");
    std::string status = c.T(RequirementStateLabel(r.status()));
    if (r.status() == v1::REQUIREMENT_STATUS_OVERDUE)
      status = c.TF("Overdue by {days} days", fmt::arg("days", r.days_overdue()));
    rows += "<tr><td><a href=\"/reports/" + Escape(r.id()) + "\">" + Escape(kind) +
            "</a></td><td>" + Escape(r.due_date()) + "</td><td class=\"portal-report-state\">" +
            Escape(status) + "</td></tr>";
  }
  Render(c, c.T("Reports"),
         rows.empty()
             ? Paragraph(c.T("No reports are asked of you yet."))
             : "<div class=\"portal-table-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"" +
                   Escape(c.T("Reports")) + "\"><table class=\"govuk-table\"><thead><tr><th scope=\"col\">" +
                   Escape(c.T("Report")) + "</th><th scope=\"col\">" + Escape(c.T("Due")) +
                   "</th><th scope=\"col\">" + Escape(c.T("Status")) + "</th></tr></thead><tbody>" +
                   rows + "</tbody></table></div>");
}

void Portal::ReportForm(Call& c) {
  ReportView view;
  absl::Status s = LoadReportView(backend_, c.session.token, c.session.language,
                                  c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string title = view.requirement.kind() == v1::REPORT_KIND_FINAL ? c.T("Final report")
                                                                       : c.T("Interim report");
  Render(c, title, ReportBody(c, view, view.latest.content(), {}, {}));
}

void Portal::ReportSave(Call& c) {
  ReportView view;
  absl::Status s = LoadReportView(backend_, c.session.token, c.session.language,
                                  c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string title = view.requirement.kind() == v1::REPORT_KIND_FINAL ? c.T("Final report")
                                                                       : c.T("Interim report");
  std::map<std::string, std::string> typed;
  FieldErrors errors;
  auto count = [&](const std::string& id) -> int64_t {
    std::string text = typed[id] = c.Param(id.c_str());
    if (text.empty()) return 0;
    if (text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
      errors.emplace_back(id, c.T("Enter a whole number, like 120"));
      return 0;
    }
    return std::stoll(text);
  };
  auto text = [&](const char* id) { return typed[id] = c.Param(id); };
  v1::ReportContent content;
  content.set_period_start(text("period_start"));
  content.set_period_end(text("period_end"));
  content.set_activities(text("activities"));
  content.set_sessions_held(count("sessions_held"));
  content.set_people_supported_directly(count("people_supported"));
  content.set_people_reached_with_information(count("people_reached"));
  content.set_applications_assisted(count("applications_assisted"));
  content.set_story(text("story"));
  std::string spend = text("spend");
  if (!spend.empty()) {
    std::optional<int64_t> minor = ParseMajorUnits(spend);
    if (!minor) errors.emplace_back("spend", c.T("Enter an amount in pounds, like 1500 or 1,500.50"));
    else {
      content.mutable_spend_to_date()->set_currency_code("GBP");
      content.mutable_spend_to_date()->set_minor_units(*minor);
    }
  }
  std::vector<std::string> part_ids;  // breakdowns[i] -> its field prefix
  for (const auto& f : BreakdownFields(c, view)) {
    int64_t supported = count(f.id + "_supported"), reached = count(f.id + "_reached");
    if (supported == 0 && reached == 0) continue;
    auto* b = content.add_breakdowns();
    b->set_dimension(f.dimension);
    b->set_code(f.code);
    b->set_people_supported_directly(supported);
    b->set_people_reached_with_information(reached);
    part_ids.push_back(f.id);
  }
  if (!errors.empty())
    return Render(c, title, ReportBody(c, view, content, typed, errors), errors, 400);
  v1::SubmitReportRequest req;
  req.set_request_id(RandomUuid());
  req.set_requirement_id(view.requirement.id());
  *req.mutable_content() = content;
  v1::Report report;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.monitoring().SubmitReport(ctx, req, &report);
  });
  if (s.code() == absl::StatusCode::kPermissionDenied) return RefuseFromBackend(c, s);
  if (!s.ok()) {
    errors = ErrorsOf(s, c.session.language);
    // grantsd names report fields bare ("people_supported_directly",
    // "breakdowns[2].people_reached_with_information"): the form's ids.
    static const std::regex kPart(R"((?:content\.)?breakdowns\[(\d+)\](?:\.people_(supported|reached)\w*)?.*)");
    auto violations = FieldViolationsOf(s);
    for (size_t i = 0; i < errors.size() && i < violations.size(); ++i) {
      std::string field = violations[i].field;
      if (field.rfind("content.", 0) == 0) field = field.substr(8);
      std::smatch m;
      if (std::regex_match(field, m, kPart)) {
        size_t n = std::stoul(m[1]);
        if (n < part_ids.size())
          errors[i].first = part_ids[n] + "_" + (m[2].matched ? m[2].str() : "supported");
      } else if (field == "people_supported_directly") {
        errors[i].first = "people_supported";
      } else if (field == "people_reached_with_information") {
        errors[i].first = "people_reached";
      } else if (!field.empty() && errors[i].first.empty()) {
        errors[i].first = field;  // period_start, activities, story, ...
      }
    }
    return Render(c, title, ReportBody(c, view, content, typed, errors), errors, 400);
  }
  Redirect(c, "/reports");
}

}  // namespace grants::portal
