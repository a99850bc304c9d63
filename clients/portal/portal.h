// grants-portal: the grantees' web client. Server-rendered HTML forms that
// work without JavaScript, in English, Polish, Romanian, Bulgarian or
// Portuguese, calling grantsd over gRPC with the signed-in grantee's token.
// It holds no business rules and no data (sessions are sealed cookies the
// browser keeps): every rule and every error comes from grantsd.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "clients/portal/backend.h"
#include "clients/portal/client_limits.h"
#include "clients/portal/html.h"
#include "clients/portal/sessions.h"
#include "clients/portal/templates.h"

namespace grants::portal {

// The largest body of a form (the most grantsd takes in one message: an
// application within every field's limit fits), and the default largest
// document (grantsd's --max-document-bytes).
inline constexpr size_t kMaxFormBytes = 2 * 1024 * 1024;
// The largest url-encoded form Debian's compiled cpp-httplib reads: the
// portal's own forms are multipart/form-data, so only another client's
// form meets this.
inline constexpr size_t kMaxUrlEncodedFormBytes = 8192;
inline constexpr int64_t kDefaultMaxDocumentBytes = 10 * 1024 * 1024;

// The largest body of a document's form the portal reads: a file up to
// twice the largest document, with its fields, so that a file a little too
// large is refused beside its field, with the rest of the form kept, rather
// than cut off. Over this the browser gets a page saying so.
inline constexpr size_t DocumentFormLimit(int64_t max_document_bytes) {
  return static_cast<size_t>(max_document_bytes) * 2 + 64 * 1024;
}

struct PortalOptions {
  // The session keys (SessionSealer): the first seals, all open. Every
  // portal behind one address needs the same keys.
  std::vector<std::string> session_keys;
  // Cookies only over https, or to a portal on this machine (browsers treat
  // http://127.0.0.1 and localhost as secure).
  bool secure_cookies = true;
  // The per-client limit on sign-in requests and form posts.
  ClientLimits::Options limits;
  // Behind a load balancer: the client is the last address of
  // X-Forwarded-For (the one the balancer added), not the peer.
  bool trust_forwarded_for = false;
  // grantsd's --max-document-bytes (the same setting,
  // GRANTS_MAX_DOCUMENT_BYTES): the size the forms advertise, and what
  // DocumentFormLimit reads.
  int64_t max_document_bytes = kDefaultMaxDocumentBytes;
};

class Portal {
 public:
  Portal(const Backend& backend, PortalOptions options)
      : backend_(backend),
        sealer_(options.session_keys),
        limits_(options.limits),
        options_(std::move(options)) {}

  // Registers every route on `server`, and how large a body it reads.
  void Mount(httplib::Server& server);

  struct Call;  // one request: its session and language

 private:
  using Handler = void (Portal::*)(Call&);

  // Wraps a page: session cookie, language choice, the per-client limit,
  // CSRF and request-id checks on POST, sign-in when `signed_in`, security
  // headers; the session goes back to the browser sealed afresh.
  httplib::Server::Handler Wrap(Handler handler, bool signed_in);
  // A request, before its session is found: the security headers are set.
  Call NewCall(const httplib::Request& req, httplib::Response& res) const;
  // Finds the request's session or starts one; false when the request is
  // answered already (a tampered cookie, or a form from an expired session).
  bool FindSession(Call& c);
  // Takes a POST from the client's bucket; false (answered 429) when empty.
  bool WithinLimit(Call& c);
  // A GET with ?lang= switches the session's language (and the cookie).
  void ChooseLanguage(Call& c);
  // Sends c.session, sealed.
  void SetSessionCookie(Call& c) const;
  // Adds `cookie` as a Set-Cookie header (Secure when the options say).
  void SetCookie(Call& c, const std::string& cookie) const;

  void Home(Call& c);
  // A GET of a form's address: on to the page the form is on.
  void ToFormsPage(Call& c);
  void SignInForm(Call& c);
  void SignInRequest(Call& c);
  void SignInConfirm(Call& c);
  void SignInRedeem(Call& c);
  // The address is listed by several organisations: which one?
  void ChooseOrganisation(Call& c, const v1::SignInSession& choices);
  void SignOut(Call& c);
  void OrganisationForm(Call& c);
  void OrganisationSave(Call& c);
  void Rounds(Call& c);
  void Applications(Call& c);
  void ApplicationCreate(Call& c);
  void ApplicationForm(Call& c);
  void ApplicationSave(Call& c);
  // Bank details (bank_details_pages.cc): the current payee, masked, and a
  // proposal of new details for the grants team to confirm.
  struct BankFormValues {
    std::string account_name, sort_code, account_number;
  };
  void BankDetailsPage(Call& c);
  void BankDetailsPropose(Call& c);
  void BankDetailsRender(Call& c, const BankFormValues& values,
                         const FieldErrors& errors, int status);
  // Documents (document_pages.cc): attached to an application from its
  // page, downloaded (never shown inline).
  void DocumentUpload(Call& c);
  void DocumentDownload(Call& c);
  void DocumentRemove(Call& c);
  void Awards(Call& c);
  // The grants page, with `errors` beside a condition's form and what was
  // `typed` in it.
  void ShowAwards(Call& c, const FieldErrors& errors, const Typed& typed,
                  int status);
  void AwardRespond(Call& c);
  // Meets an offer's condition: a statement, and a document uploaded to
  // the award first when one is attached.
  void ConditionMeet(Call& c);
  // The end of an award's form: a refusal of the caller's access is a
  // refused page, any other error a notice, success goes to `done`.
  void AfterAwardForm(Call& c, const absl::Status& s, const std::string& done);
  void Reports(Call& c);
  void ReportForm(Call& c);
  void ReportSave(Call& c);

  const Backend& backend_;
  SessionSealer sealer_;
  RevokedSessions revoked_;
  ClientLimits limits_;
  PortalOptions options_;
  Templates templates_;
};

}  // namespace grants::portal
