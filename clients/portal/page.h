// What every portal page shares: the request (Portal::Call: session,
// language, parameters), rendering a page's template inside the layout, the
// notices and refusals, the forms' fields (FormFields shows them,
// FormReader reads them back), and small formatting helpers. The pages
// themselves are in *_pages.cc, one file per part of the grantee's journey
// (their markup in templates/); portal.cc holds the routes, sessions and
// sign-in.
#pragma once

#include <fmt/format.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "clients/portal/html.h"
#include "clients/portal/portal.h"
#include "clients/portal/templates.h"
#include "common/i18n/catalog.h"

namespace grants::portal {

// One request: its session, the server's clock, and helpers.
struct Portal::Call {
  const httplib::Request& req;
  httplib::Response& res;
  const Templates& templates;
  Session session;
  absl::Time now;
  // A POST's request id: the hidden field made when its form was rendered
  // (IsFormId holds), the idempotency key of the change it asks grantsd for.
  std::string form_id;
  // The largest document grantsd takes (PortalOptions).
  int64_t max_document_bytes = kDefaultMaxDocumentBytes;
  // Field id -> its label, as the page's form fields are rendered: the
  // error summary names the field of each message.
  mutable std::map<std::string, std::string> labels;

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
  // A field of the query or of the posted form. The long forms (an
  // application, a report) post as multipart/form-data: Debian's compiled
  // cpp-httplib refuses a url-encoded form over 8 KiB with a bare 413, and
  // a Romanian application within the contract's limits is more.
  std::string Param(const char* name) const {
    if (req.has_param(name)) return req.get_param_value(name);
    return req.has_file(name) ? req.get_file_value(name).content : "";
  }
  std::vector<std::string> Params(const char* name) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < req.get_param_value_count(name); ++i)
      out.push_back(req.get_param_value(name, i));
    auto [begin, end] = req.files.equal_range(name);
    for (auto it = begin; it != end; ++it) out.push_back(it->second.content);
    return out;
  }
};

// The languages offered, by their own names, and whether one is.
const std::vector<std::pair<std::string, std::string>>& LanguageNames();
bool Offered(const std::string& language);
// Whether `language` is written right to left (the page's dir="rtl").
bool RightToLeft(const std::string& language);

// Whether `id` has the shape of a form's request id (a UUID as RandomUuid
// makes).
bool IsFormId(const std::string& id);

// Content-Security-Policy and the other headers every page sends.
void SecurityHeaders(httplib::Response& res);

// The template `page` filled with `data` (and, for its forms, the session's
// CSRF token as csrf_token and a new request id as request_id, unless
// `data` has one, as a page with a form per item gives each item) inside
// the layout, with `title` as its h1 and `errors` summarised above it; sent
// with `status`.
void Render(Portal::Call& c, std::string_view title, std::string_view page,
            Object data, const FieldErrors& errors = {}, int status = 200);
// The data of a "notice" page: `paragraphs`, then a link to `href`.
Object Notice(const std::vector<std::string>& paragraphs,
              const std::string& href = "", const std::string& link = "");
// A refusal page: nothing changed.
void Refuse(Portal::Call& c, int status, std::string_view why);

// The bodies a POST may carry, by how large each may be.
enum class Body { kForm, kUrlEncodedForm, kDocumentForm };
// The forms that carry a file, by their paths (regular expressions, read
// alike by std::regex and HAProxy): their bodies may be as large as
// DocumentFormLimit.
inline constexpr std::array<std::string_view, 3> kDocumentFormPaths{
    "^/applications/[0-9a-f-]{36}/documents$",
    "^/awards/[0-9a-f-]{36}/conditions/[0-9a-f-]{36}$",
    "^/reports/[0-9a-f-]{36}$"};
Body BodyOf(const httplib::Request& req);
// A body over the limit of its kind: a page in the grantee's language
// saying what the limit is and that nothing was kept.
void RefuseTooLarge(Portal::Call& c, Body body);
// More requests from the client than its limit: 429, and when to come back.
void RefuseTooMany(Portal::Call& c, int64_t seconds);
void Redirect(Portal::Call& c, const std::string& to);
// grantsd refused a read: another organisation's record (403), none (404),
// an expired token (back to sign-in), or grantsd unavailable (503).
void RefuseFromBackend(Portal::Call& c, const absl::Status& s);

std::string UrlEncode(std::string_view text);
// `path` when it is a path on this portal that parses the same everywhere:
// "/" then segments of letters, digits, "-", ".", "_" and "~" (no "//", no
// backslash, no escapes, no white space or controls, no query, no scheme),
// else "".
std::string LocalPath(const std::string& path);
std::string Lower(std::string s);
// "2025-02-01T12:00:00+00:00" -> "2025-02-01 12:00".
std::string LondonText(const std::string& london);
// "GBP 1,500.00".
std::string Money(const v1::Money& m);
// "1500.00" for a form field ("" when unset).
std::string Pounds(const v1::Money& m);

// An enum value as its lower-case code: LEGAL_FORM_CIO -> "cio".
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

// The enum value whose code is `code`, else `fallback`.
template <typename E>
E ParseCode(const std::string& code, E fallback) {
  for (int i = 0; i < google::protobuf::GetEnumDescriptor<E>()->value_count();
       ++i) {
    auto value = static_cast<E>(
        google::protobuf::GetEnumDescriptor<E>()->value(i)->number());
    if (CodeOf(value) == code) return value;
  }
  return fallback;
}

// A form's fields as a page shows them: each with its error, and with what
// the grantee typed when the form comes back, else the field's own value
// (what is stored).
class FormFields {
 public:
  FormFields(const Portal::Call& c, FieldErrors errors,
             const Typed* typed = nullptr)
      : templates_(c.templates),
        errors_(std::move(errors)),
        typed_(typed),
        labels_(&c.labels) {}

  std::string Text(const Field& f, const Input& input = {}) const {
    return TextInput(templates_, Filled(f), input);
  }
  std::string Area(const Field& f, int rows = 5) const {
    return TextArea(templates_, Filled(f), rows);
  }
  std::string Choice(const Field& f, const Options& options) const {
    return Select(templates_, Filled(f), options);
  }
  std::string Boxes(const Field& f, const Options& options,
                    const std::vector<std::string>& checked) const {
    return Checkboxes(templates_, Filled(f), options, checked);
  }

 private:
  Field Filled(Field f) const;

  const Templates& templates_;
  FieldErrors errors_;
  const Typed* typed_;  // may be null: nothing typed
  std::map<std::string, std::string>* labels_;
};

// Reads a posted form, keeping each field's text as typed (the page shows
// it again on an error) and an error for each field that should hold a
// number and does not.
class FormReader {
 public:
  explicit FormReader(const Portal::Call& c) : c_(c) {}

  std::string Text(const std::string& id);
  // A whole number of people or sessions; 0 when empty.
  int64_t Count(const std::string& id);
  // An amount in pounds, in pence; nullopt when empty (or not an amount).
  std::optional<int64_t> Pence(const std::string& id);

  // An error beside field `id` (already translated).
  void Fail(const std::string& id, std::string message) {
    errors_.emplace_back(id, std::move(message));
  }

  const Typed& typed() const { return typed_; }
  const FieldErrors& errors() const { return errors_; }

 private:
  const Portal::Call& c_;
  Typed typed_;
  FieldErrors errors_;
};

// (code, name) of every London borough.
Options Boroughs();
// (ISO 639 code, "English name (own name)") of the languages the
// application form offers to tick; others are typed by name
// (IsoLanguages).
Options ProjectLanguages();
// (code, name in `language`) of the programme's priority communities.
Options Communities(const std::string& language,
                    const v1::Programme& programme);

// An application with its round and programme (the application and report
// pages show them), read as the grantee holding `token`.
struct ApplicationView {
  v1::Application application;
  v1::Round round;
  v1::Programme programme;
  std::vector<v1::Document> documents;  // attached, oldest first
};
absl::Status LoadView(const Backend& backend, const std::string& token,
                      const std::string& id, ApplicationView* view);
// The application page showing `errors` (its stored content in the form).
void ShowApplicationPage(Portal::Call& c, const ApplicationView& view,
                         const FieldErrors& errors, int status);

// A document kind as the grantee reads it, and a size ("120 KB").
std::string DocumentKindLabel(const Portal::Call& c, v1::DocumentKind kind);
std::string FileSize(int64_t bytes);
// A document field's hint: what it takes, up to what size, and the scan.
std::string FileHint(const Portal::Call& c);
// Sends `data` to grantsd as one upload described by `start` (the form's
// request id names it; its chunks and finish derive theirs).
absl::Status SendDocument(const Backend& backend, const Portal::Call& c,
                          v1::StartUploadRequest start, const std::string& data,
                          v1::Document* out);
// Removes evidence `document_id` that SendDocument attached to an award for
// a report or a condition grantsd then refused, so that nothing of a
// refused form stays. When the refusal was only a lost answer (the report
// was kept, and sent the document), grantsd keeps it: DOCUMENT_IN_USE.
void DropEvidence(const Backend& backend, const Portal::Call& c,
                  const std::string& document_id);

}  // namespace grants::portal
