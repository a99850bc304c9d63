// Outbox messages as email text, in the grantee's correspondence language
// where a catalogue has it (common/i18n/po), else in English.
#include "services/notifications/message.h"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "common/i18n/catalog.h"

namespace grants::notifications {
namespace {

// A parameter of the entry, or "" when absent.
std::string Param(const Outgoing& n, const char* name) {
  auto params = nlohmann::json::parse(n.params, nullptr, false);
  if (!params.is_object() || !params.contains(name) ||
      !params[name].is_string())
    return "";
  return params[name].get<std::string>();
}

// The English subject of each kind of message (the catalogues' keys).
std::string_view EnglishSubject(const std::string& kind) {
  if (kind == "report_due_soon") return "Your monitoring report is due soon";
  if (kind == "report_due_today") return "Your monitoring report is due today";
  if (kind == "report_overdue") return "Your monitoring report is overdue";
  if (kind == "report_returned") return "Your report needs changes";
  if (kind == "recovery_due_soon") return "Grant money to repay is due soon";
  if (kind == "recovery_overdue") return "Grant money to repay is overdue";
  if (kind == "sign_in_link") return "Your sign-in link";
  return "Your report has been accepted";
}

// The English body of each kind, with {placeholders}.
std::string_view EnglishBody(const std::string& kind) {
  if (kind == "report_due_soon")
    return "Your {kind} monitoring report is due on {due_date}.";
  if (kind == "report_due_today")
    return "Your {kind} monitoring report is due today, {due_date}.";
  if (kind == "report_overdue")
    return "Your {kind} monitoring report was due on {due_date} and has not "
           "reached us yet. Please send it as soon as you can, or tell your "
           "grant officer if you need more time.";
  if (kind == "recovery_due_soon")
    return "{amount} of your grant is to be repaid by {due_date}. Your grant "
           "officer can tell you how to pay it back.";
  if (kind == "recovery_overdue")
    return "{amount} of your grant was to be repaid by {due_date} and has "
           "not reached us yet. Please pay it back as soon as you can, or "
           "talk to your grant officer.";
  if (kind == "report_returned")
    return "Your grant officer has returned your report for changes:\n\n"
           "{comment}\n\nPlease change it and submit it again.";
  if (kind == "sign_in_link")
    return "Use this link to sign in to the grants portal. It works once, "
           "until {expires_at} (London time):\n\n{link}\n\nIf you did not "
           "ask to sign in, you can ignore this email.";
  return "Your monitoring report has been accepted. Thank you.";
}

// Lines end in CRLF in a message.
std::string Crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// A header value that is not plain ASCII as RFC 2047 encoded words
// ("=?utf-8?B?...?=", each at most 75 characters, whole characters only),
// folded onto continuation lines.
std::string EncodedWords(const std::string& text) {
  if (std::all_of(text.begin(), text.end(),
                  [](unsigned char c) { return c < 0x80; }))
    return text;
  constexpr size_t kMaxBytes = 45;  // 60 characters of base64
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(start + kMaxBytes, text.size());
    // Back off to the start of a UTF-8 character.
    while (end < text.size() && end > start &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?utf-8?B?" + absl::Base64Escape(text.substr(start, end - start)) +
           "?=";
    start = end;
  }
  return out;
}

// `text` with the entry's parameters and `kind` in its placeholders.
std::string Fill(std::string_view text, const std::string& kind,
                 const Outgoing& n) {
  return Crlf(fmt::format(fmt::runtime(text), fmt::arg("kind", kind),
                          fmt::arg("due_date", Param(n, "due_date")),
                          fmt::arg("amount", Param(n, "amount")),
                          fmt::arg("comment", Param(n, "comment")),
                          fmt::arg("link", Param(n, "link")),
                          fmt::arg("expires_at", Param(n, "expires_at"))));
}

std::string Body(const Outgoing& n) {
  std::string_view english = EnglishBody(n.kind);
  std::string kind = Param(n, "report_kind");
  try {
    return Fill(i18n::Translate(n.language, "email body", english),
                i18n::Translate(n.language, "report kind", kind), n);
  } catch (const fmt::format_error&) {  // a catalogue with a stray brace
    return Fill(english, kind, n);
  }
}

}  // namespace

std::string Subject(const Outgoing& n) {
  return i18n::Translate(n.language, "email subject", EnglishSubject(n.kind));
}

std::string RenderEmail(const Outgoing& n, const std::string& from) {
  return fmt::format(
      "Message-ID: <{}@grantsd>\r\n"
      "Date: {}\r\n"
      "From: {}\r\n"
      "To: {}\r\n"
      "Subject: {}\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: 8bit\r\n"
      "Content-Language: {}\r\n"
      "X-Grants-Kind: {}\r\n"
      "X-Grants-Organisation: {}\r\n"
      "X-Grants-Language: {}\r\n"
      "\r\n"
      "{}\r\n",
      n.id,
      absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", n.created_at,
                       absl::UTCTimeZone()),
      from, n.recipient, EncodedWords(Subject(n)), i18n::Effective(n.language),
      n.kind, n.organisation_id, n.language, Body(n));
}

}  // namespace grants::notifications
