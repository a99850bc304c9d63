#include "clients/portal/door.h"

#include <absl/strings/ascii.h>
#include <absl/strings/str_replace.h>
#include <httplib.h>

#include "clients/portal/page.h"
#include "clients/portal/sessions.h"
#include "clients/portal/templates.h"

namespace grants::portal {

namespace {

// A refusal page as `refuse` writes it for a first-time visitor reading
// `language`, on one line (HTML reads a newline as a space).
template <typename Refusal>
std::string PageLine(const Templates& templates, int64_t max_document_bytes,
                     const std::string& language, Refusal refuse) {
  httplib::Request req;
  req.path = "/";
  httplib::Response res;
  Portal::Call c{req, res, templates, SessionSealer::Fresh(language),
                 absl::Now()};
  c.max_document_bytes = max_document_bytes;
  refuse(c);
  // (HAProxy drops the spaces at either end of a map's value.)
  return std::string(absl::StripAsciiWhitespace(
      absl::StrReplaceAll(res.body, {{"\r", ""}, {"\n", " "}})));
}

}  // namespace

std::map<std::string, std::string> DoorMaps(int64_t max_document_bytes) {
  Templates templates;
  std::map<std::string, std::string> maps;
  for (std::string_view path : kDocumentFormPaths)
    maps["bodies.map"] += std::string(path) + " document\n";
  maps["limits.map"] = "document " +
                       std::to_string(DocumentFormLimit(max_document_bytes)) +
                       "\nform " + std::to_string(kMaxFormBytes) + "\n";
  for (const auto& [language, name] : LanguageNames()) {
    maps["languages.map"] += language + " " + language + "\n";
    for (auto [body, key] : {std::pair{Body::kDocumentForm, "document"},
                             std::pair{Body::kForm, "form"}})
      maps["413.map"] +=
          language + "-" + key + " " +
          PageLine(templates, max_document_bytes, language,
                   [body](Portal::Call& c) { RefuseTooLarge(c, body); }) +
          "\n";
    maps["429.map"] += language + " " +
                       PageLine(templates, max_document_bytes, language,
                                [](Portal::Call& c) {
                                  RefuseTooMany(c, kDoorWindowSeconds);
                                }) +
                       "\n";
  }
  return maps;
}

}  // namespace grants::portal
