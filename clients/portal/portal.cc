// grants-portal: the routes, the session around every page (cookie,
// language, CSRF, sign-in) and the sign-in pages.
#include "clients/portal/portal.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "clients/portal/style.h"
#include "common/crypto.h"
#include "common/status.h"

namespace grants::portal {

namespace {

constexpr char kSessionCookie[] = "grants_session";
constexpr char kLanguageCookie[] = "grants_lang";

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

// The size of the request's body, as declared (the pre-routing handler
// refuses a body without a Content-Length).
size_t BodyBytes(const httplib::Request& req) {
  return std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr,
                       10);
}

}  // namespace

httplib::Server::Handler Portal::Wrap(Handler handler, bool signed_in) {
  return [this, handler, signed_in](const httplib::Request& req,
                                    httplib::Response& res) {
    Call c = NewCall(req, res);
    if (!FindSession(c)) return;
    if (req.method != "POST") {
      ChooseLanguage(c);
    } else {
      if (!WithinLimit(c)) return;
      if (BodyOf(req) != Body::kDocumentForm && BodyBytes(req) > kMaxFormBytes)
        return RefuseTooLarge(c, Body::kForm);
      if (!ConstantTimeEqual(c.Param("csrf_token"), c.session.csrf))
        return Refuse(c, 403,
                      c.T("This form has expired or did not come from this "
                          "site."));
      // The form's request id, sent to grantsd as the idempotency key: a
      // resubmission of the same form gets the first one's result.
      c.form_id = c.Param("request_id");
      if (!IsFormId(c.form_id))
        return Refuse(
            c, 400,
            c.T("This form has expired or did not come from this site."));
    }
    if (signed_in && !c.session.signed_in(c.now)) {
      c.session.return_to = LocalPath(req.path);
      SetSessionCookie(c);
      return Redirect(c, "/sign-in");
    }
    (this->*handler)(c);
    SetSessionCookie(c);  // renewed: the idle expiry starts again
  };
}

Portal::Call Portal::NewCall(const httplib::Request& req,
                             httplib::Response& res) const {
  Call c{req, res, templates_, {}, absl::Now()};
  c.max_document_bytes = options_.max_document_bytes;
  SecurityHeaders(res);
  return c;
}

bool Portal::FindSession(Call& c) {
  std::string language = CookieOf(c.req, kLanguageCookie);
  if (!Offered(language)) language = "en";
  SessionSealer::Lookup found =
      sealer_.Open(CookieOf(c.req, kSessionCookie), c.now, &c.session);
  if (found == SessionSealer::Lookup::kFound &&
      revoked_.Revoked(c.session.id, c.now))
    found = SessionSealer::Lookup::kExpired;  // signed out here
  if (found == SessionSealer::Lookup::kFound) return true;
  if (found == SessionSealer::Lookup::kTampered) {
    c.session.language = language;
    SetCookie(c, std::string(kSessionCookie) +
                     "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    Refuse(c, 400, c.T("Your session cookie has been changed. Sign in again."));
    return false;
  }
  if (c.req.method == "POST" && found == SessionSealer::Lookup::kExpired) {
    c.session = SessionSealer::Fresh(language);
    SetSessionCookie(c);
    Redirect(c, "/sign-in?return_to=" + UrlEncode(LocalPath(c.req.path)));
    return false;
  }
  // Nothing is stored: the new session exists only in the cookie sent back.
  c.session = SessionSealer::Fresh(language);
  return true;
}

bool Portal::WithinLimit(Call& c) {
  std::string client = c.req.remote_addr;
  if (options_.trust_forwarded_for) {
    std::string forwarded = c.req.get_header_value("X-Forwarded-For");
    size_t comma = forwarded.rfind(',');
    std::string last =
        comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
    last.erase(0, last.find_first_not_of(' '));
    if (!last.empty()) client = last;
  }
  absl::Duration wait;
  if (limits_.Take(client, c.now, &wait)) return true;
  RefuseTooMany(c, absl::ToInt64Seconds(absl::Ceil(wait, absl::Seconds(1))));
  return false;
}

void Portal::ChooseLanguage(Call& c) {
  std::string language = c.Param("lang");
  if (!Offered(language)) return;
  c.session.language = language;
  SetCookie(c, std::string(kLanguageCookie) + "=" + language +
                   "; Path=/; Max-Age=31536000; SameSite=Lax");
}

void Portal::SetSessionCookie(Call& c) const {
  SetCookie(c, std::string(kSessionCookie) + "=" +
                   sealer_.Seal(c.session, c.now) +
                   "; Path=/; HttpOnly; SameSite=Lax");
}

void Portal::SetCookie(Call& c, const std::string& cookie) const {
  c.res.set_header("Set-Cookie",
                   cookie + (options_.secure_cookies ? "; Secure" : ""));
}

void Portal::Mount(httplib::Server& server) {
  // Every body is read (up to a document's form) before it is refused, so
  // the browser is still listening for the page that says why.
  server.set_payload_max_length(DocumentFormLimit(options_.max_document_bytes));
  // cpp-httplib bounds a body by its Content-Length only: a chunked one, or
  // one without a length, would be read without end. Browsers send forms
  // with their length.
  server.set_pre_routing_handler(
      [](const httplib::Request& req, httplib::Response& res) {
        bool has_body = req.method == "POST" || req.method == "PUT" ||
                        req.method == "PATCH" || req.method == "DELETE";
        if (!req.has_header("Transfer-Encoding") &&
            (!has_body || req.has_header("Content-Length")))
          return httplib::Server::HandlerResponse::Unhandled;
        SecurityHeaders(res);
        res.status = 411;
        res.set_header("Connection", "close");
        res.set_content("Send the body with its Content-Length.",
                        "text/plain; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      });
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        // Only cpp-httplib's own bare 413 (a body over the limit above);
        // the portal's pages have their content already.
        if (res.status != 413 || !res.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;
        Call c = NewCall(req, res);
        if (FindSession(c)) RefuseTooLarge(c, BodyOf(req));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.Get("/static/portal.css", [](const httplib::Request&,
                                      httplib::Response& res) {
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(std::string(kStyleSheet), "text/css; charset=utf-8");
  });
  server.Get("/", Wrap(&Portal::Home, false));
  server.Get("/sign-in", Wrap(&Portal::SignInForm, false));
  server.Post("/sign-in", Wrap(&Portal::SignInRequest, false));
  server.Get(R"(/sign-in/([A-Za-z0-9_-]{1,64}))",
             Wrap(&Portal::SignInConfirm, false));
  server.Post(R"(/sign-in/([A-Za-z0-9_-]{1,64}))",
              Wrap(&Portal::SignInRedeem, false));
  server.Post("/sign-out", Wrap(&Portal::SignOut, false));
  server.Get("/organisation", Wrap(&Portal::OrganisationForm, true));
  server.Post("/organisation", Wrap(&Portal::OrganisationSave, true));
  server.Get("/organisation/bank-details",
             Wrap(&Portal::BankDetailsPage, true));
  server.Post("/organisation/bank-details",
              Wrap(&Portal::BankDetailsPropose, true));
  server.Get("/rounds", Wrap(&Portal::Rounds, true));
  server.Get("/applications", Wrap(&Portal::Applications, true));
  server.Post("/applications", Wrap(&Portal::ApplicationCreate, true));
  server.Get(R"(/applications/([0-9a-f-]{36}))",
             Wrap(&Portal::ApplicationForm, true));
  server.Post(R"(/applications/([0-9a-f-]{36}))",
              Wrap(&Portal::ApplicationSave, true));
  server.Post(R"(/applications/([0-9a-f-]{36})/documents)",
              Wrap(&Portal::DocumentUpload, true));
  server.Get(R"(/documents/([0-9a-f-]{36}))",
             Wrap(&Portal::DocumentDownload, true));
  server.Post(
      R"(/applications/([0-9a-f-]{36})/documents/([0-9a-f-]{36})/remove)",
      Wrap(&Portal::DocumentRemove, true));
  server.Get("/awards", Wrap(&Portal::Awards, true));
  server.Get("/reports", Wrap(&Portal::Reports, true));
  server.Get(R"(/reports/([0-9a-f-]{36}))", Wrap(&Portal::ReportForm, true));
  server.Post(R"(/reports/([0-9a-f-]{36}))", Wrap(&Portal::ReportSave, true));
  server.Post(R"(/awards/([0-9a-f-]{36}))", Wrap(&Portal::AwardRespond, true));
  server.Post(R"(/awards/([0-9a-f-]{36})/conditions/([0-9a-f-]{36}))",
              Wrap(&Portal::ConditionMeet, true));
  // A page shown in answer to one of these forms has the form's address: a
  // link from it (to the page in another language, say) is a GET there,
  // which goes on to the page itself.
  for (const char* form :
       {R"(/applications/([0-9a-f-]{36})/documents)",
        R"(/applications/([0-9a-f-]{36})/documents/[0-9a-f-]{36}/remove)",
        R"(/awards/[0-9a-f-]{36})",
        R"(/awards/[0-9a-f-]{36}/conditions/[0-9a-f-]{36})"})
    server.Get(form, Wrap(&Portal::ToFormsPage, true));
}

void Portal::ToFormsPage(Call& c) {
  if (c.req.matches.size() > 1)  // an application's
    return Redirect(c, "/applications/" + c.req.matches[1].str());
  Redirect(c, "/awards");
}

void Portal::Home(Call& c) {
  if (!c.session.signed_in(c.now)) return Redirect(c, "/sign-in");
  Redirect(c, c.session.registered ? "/rounds" : "/organisation");
}

// ---- Sign-in ---------------------------------------------------------------

namespace {

// The form asking for a sign-in link, with the address typed.
Object SignInPage(const Portal::Call& c, const std::string& email,
                  const FieldErrors& errors) {
  FormFields form(c, errors);
  return {
      {"intro", c.T("We will email you a link to sign in. You do not need a "
                    "password.")},
      {"email", form.Text({"email", c.T("Email address"),
                           c.T("The address your organisation gave "
                               "us, or yours if you are new."),
                           email},
                          {"email", "email"})},
      {"send", c.T("Send me a sign-in link")}};
}

}  // namespace

void Portal::SignInForm(Call& c) {
  if (!c.Param("return_to").empty())
    c.session.return_to = LocalPath(c.Param("return_to"));
  Render(c, c.T("Sign in"), "sign_in", SignInPage(c, "", {}));
}

void Portal::SignInRequest(Call& c) {
  std::string email = c.Param("email");
  v1::RequestSignInLinkRequest req;
  req.set_request_id(c.form_id);
  req.set_email(email);
  req.set_language(c.session.language);
  v1::RequestSignInLinkResponse resp;
  absl::Status s = backend_.Call("", [&](grpc::ClientContext* ctx) {
    return backend_.sign_in().RequestSignInLink(ctx, req, &resp);
  });
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, c.T("Sign in"), "sign_in", SignInPage(c, email, errors),
                  errors, 400);
  }
  Render(c, c.T("Check your email"), "notice",
         Notice({c.TF("We have sent a sign-in link to {email}. It works "
                      "once, for 20 minutes.",
                      fmt::arg("email", email)),
                 c.T("If it does not arrive in a few minutes, look in "
                     "your spam folder or ask for another link.")},
                "/sign-in", c.T("Ask for another link")));
}

void Portal::SignInConfirm(Call& c) {
  // A button, not the link itself, signs in: mail scanners that open links
  // must not use the code up.
  Render(c, c.T("Sign in"), "sign_in_confirm",
         {{"intro", c.T("Press the button to sign in.")},
          {"action", c.req.path},
          {"sign_in", c.T("Sign in")}});
}

void Portal::SignInRedeem(Call& c) {
  v1::RedeemSignInLinkRequest req;
  req.set_request_id(c.form_id);
  req.set_code(c.req.matches[1]);
  req.set_organisation_id(c.Param("organisation_id"));
  v1::SignInSession resp;
  absl::Status s = backend_.Call("", [&](grpc::ClientContext* ctx) {
    return backend_.sign_in().RedeemSignInLink(ctx, req, &resp);
  });
  if (!s.ok())
    return Render(c, c.T("Sign in"), "notice",
                  Notice({ErrorsOf(s, c.session.language).front().second},
                         "/sign-in", c.T("Ask for a new link")),
                  {}, 400);
  if (resp.access_token().empty())  // several organisations list the address
    return ChooseOrganisation(c, resp);
  std::string return_to = c.session.return_to;
  // A new id and CSRF token once signed in: a session fixed before sign-in
  // is worthless after it.
  c.session = SessionSealer::Fresh(c.session.language);
  c.session.token = resp.access_token();
  c.session.token_expires_at =
      absl::FromUnixSeconds(resp.expires_at().seconds());
  c.session.email = resp.email();
  c.session.organisation_id = resp.organisation_id();
  c.session.registered = resp.registered();
  if (!c.session.registered) return Redirect(c, "/organisation");
  Redirect(c, return_to.empty() ? "/rounds" : return_to);
}

void Portal::ChooseOrganisation(Call& c, const v1::SignInSession& choices) {
  Options options;
  for (const auto& o : choices.choices())
    options.emplace_back(o.organisation_id(), o.name());
  FormFields form(c, /*errors=*/{});
  Render(c, c.T("Which organisation?"), "sign_in_confirm",
         {{"action", c.req.path},
          {"organisation",
           form.Choice({"organisation_id", c.T("Sign in for")}, options)},
          {"sign_in", c.T("Sign in")}});
}

void Portal::SignOut(Call& c) {
  // The browser gets an anonymous session in place of this one. grantsd
  // revokes the session's token, so a copy of the old cookie stops working
  // on every portal (within seconds on every grantsd); this portal also
  // refuses it at once, even if grantsd could not be told (docs/portal.md,
  // "Sessions").
  if (c.session.signed_in(c.now)) {
    revoked_.Revoke(c.session.id, c.session.token_expires_at, c.now);
    v1::SignOutRequest req;
    req.set_request_id(c.form_id);
    v1::SignOutResponse resp;
    absl::Status s =
        backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
          return backend_.sign_in().SignOut(ctx, req, &resp);
        });
    if (!s.ok() && ReasonOf(s) != "TOKEN_REVOKED")  // over already
      spdlog::warn(nlohmann::json{{"event", "sign_out_not_revoked"},
                                  {"reason", ReasonOf(s)}}
                       .dump());
  }
  c.session = SessionSealer::Fresh(c.session.language);
  Redirect(c, "/sign-in");
}

}  // namespace grants::portal
