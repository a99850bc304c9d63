// Outbox messages as email text, in the grantee's correspondence language
// where a catalogue has it (common/i18n/po), else in English.
#include "services/notifications/message.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "common/i18n/catalog.h"

namespace grants::notifications {
namespace {

// The English subject and body of each kind of message (the catalogues'
// keys, contexts "email subject" and "email body"), with {placeholders}
// filled from the entry's parameters.
struct Text {
  std::string_view subject;
  std::string_view body;
};

const std::map<std::string, Text, std::less<>>& Texts() {
  static const auto* m = new std::map<std::string, Text, std::less<>>{
      {"report_due_soon",
       {"Your monitoring report is due soon",
        "Your {kind} monitoring report is due on {due_date}."}},
      {"report_due_today",
       {"Your monitoring report is due today",
        "Your {kind} monitoring report is due today, {due_date}."}},
      {"report_overdue",
       {"Your monitoring report is overdue",
        "Your {kind} monitoring report was due on {due_date} and has not "
        "reached us yet. Please send it as soon as you can, or tell your "
        "grant officer if you need more time."}},
      {"report_returned",
       {"Your report needs changes",
        "Your grant officer has returned your report for changes:\n\n"
        "{comment}\n\nPlease change it and submit it again."}},
      {"report_accepted",
       {"Your report has been accepted",
        "Your monitoring report has been accepted. Thank you."}},
      {"sign_in_link",
       {"Your sign-in link",
        "Use this link to sign in to the grants portal. It works once, "
        "until {expires_at} (London time):\n\n{link}\n\nIf you did not "
        "ask to sign in, you can ignore this email."}},
      {"organisation_registered",
       {"Your group is registered for grants",
        "Your group {name} is now registered with the grants programme, "
        "so it can apply for grants. You can sign in to the grants portal "
        "with this email address to see its details and correct them, and "
        "to follow its applications."}},
      {"application_received",
       {"We have received your application",
        "Thank you. We have received your application. Its tracking "
        "reference is {reference}: please quote it when you contact us.\n\n"
        "What happens next: we check that the application meets the "
        "round's rules, and officers assess it after the round closes on "
        "{deadline} (London time). We will write to you when a decision is "
        "made. You can see your application in the grants portal."}},
      {"application_returned",
       {"Your application needs changes",
        "Your grant officer has returned your application {reference} for "
        "changes:\n\n{comment}\n\nPlease change it and submit it again "
        "before {deadline} (London time)."}},
      {"application_approved",
       {"Your application has been approved",
        "Good news: your application {reference} has been approved. We "
        "will send you an offer soon, with the amount, its conditions and "
        "the date to answer by."}},
      {"application_declined",
       {"Decision on your application",
        "We are sorry: your application {reference} will not be funded. "
        "The reason:\n\n{reason}\n\nYou are welcome to apply to future "
        "rounds. Your grant officer can tell you more."}},
      {"offer_made",
       {"You have been offered a grant",
        "We offer you a grant of {amount} for your application "
        "{reference}.\n\nConditions:\n{conditions}\n\nPlease accept or "
        "decline the offer in the grants portal by {answer_by} (London "
        "time):\n\n{link}"}},
      {"offer_expiring",
       {"Your grant offer expires soon",
        "Your grant offer for application {reference} expires on "
        "{answer_by} (London time). If you want the grant, please accept it "
        "in the grants portal before then:\n\n{link}"}},
      {"offer_expired",
       {"Your grant offer has expired",
        "Your grant offer for application {reference} expired on "
        "{answer_by} (London time) without an answer, and the money has "
        "gone back to the round. If you think this is a mistake, contact "
        "your grant officer."}},
      {"payment_instructed",
       {"Your grant payment is on its way",
        "We have asked our finance team to pay instalment {instalment} of "
        "your grant, {amount}. It should reach your bank account within a "
        "few working days."}},
      {"payment_paid",
       {"Your grant payment has been made",
        "Instalment {instalment} of your grant, {amount}, was paid on "
        "{paid_date}. The bank reference is {bank_reference}."}},
      {"payment_failed",
       {"Your grant payment did not go through",
        "The payment of instalment {instalment} of your grant, {amount}, "
        "did not go through. Please check your bank details in the grants "
        "portal and contact your grant officer, who will arrange a new "
        "payment."}},
      {"variation_approved",
       {"Your change to the grant has been approved",
        "The change to your grant has been approved. Your grant is now "
        "{amount}. You can see the details in the grants portal.\n\n"
        "{comment}"}},
      {"variation_rejected",
       {"Your change to the grant has not been approved",
        "The change to your grant has not been approved, and your grant "
        "stays as it was.\n\n{comment}"}},
      {"award_terminated",
       {"Your grant has been ended",
        "Your grant for application {reference} has been ended. The "
        "reason:\n\n{reason}\n\nPayments not yet made have been cancelled. "
        "Contact your grant officer if you have questions."}},
      {"offer_accepted",
       {"You have accepted your grant",
        "You have accepted the grant of {amount} for your application "
        "{reference}. Thank you.\n\nWhat happens next: we pay the grant as "
        "the grants portal shows, and ask you for short reports on what it "
        "made possible. You can see your grant in the grants portal:\n\n"
        "{link}"}},
      {"report_received",
       {"We have received your monitoring report",
        "Thank you. We have received your {kind} monitoring report. Your "
        "grant officer will read it and write to you when it is accepted, "
        "or if anything needs changing."}},
      {"recovery_due_soon",
       {"Grant money to repay is due soon",
        "{amount} of your grant is to be repaid by {due_date}. Your grant "
        "officer can tell you how to pay it back."}},
      {"recovery_overdue",
       {"Grant money to repay is overdue",
        "{amount} of your grant was to be repaid by {due_date} and has not "
        "reached us yet. Please pay it back as soon as you can, or talk to "
        "your grant officer."}},
      {"recovery_raised",
       {"Money to return from your grant",
        "We ask you to return {amount} of your grant for application "
        "{reference} by {due_date}. Your grant officer will tell you why, "
        "and how to pay it back."}},
  };
  return *m;
}

// The parameters of the entry (an empty object when malformed).
nlohmann::json Params(const Outgoing& n) {
  auto params = nlohmann::json::parse(n.params, nullptr, false);
  return params.is_object() ? params : nlohmann::json::object();
}

// A parameter of the entry, or "" when absent.
std::string Param(const nlohmann::json& params, const std::string& name) {
  if (!params.contains(name) || !params[name].is_string()) return "";
  return params[name].get<std::string>();
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

// The value of placeholder `name` in `n`'s language. Values are inserted
// as they are, never read for placeholders again (a comment may hold
// braces).
std::string Value(const std::string& name, const Outgoing& n,
                  const nlohmann::json& params, const std::string& portal_url) {
  if (name == "kind")
    return i18n::Translate(n.language, "report kind",
                           Param(params, "report_kind"));
  if (name == "link" && !params.contains("link")) return portal_url + "/awards";
  if (name == "conditions") {
    std::string out;
    // Each condition in the group's language where the officer gave it.
    const nlohmann::json* translated = nullptr;
    if (params.contains("condition_translations") &&
        params["condition_translations"].contains(n.language) &&
        params["condition_translations"][n.language].is_array())
      translated = &params["condition_translations"][n.language];
    if (params.contains("conditions") && params["conditions"].is_array())
      for (size_t i = 0; i < params["conditions"].size(); ++i) {
        const auto& c = params["conditions"][i];
        if (!c.is_string()) continue;
        std::string text = c.get<std::string>();
        if (translated && i < translated->size() &&
            (*translated)[i].is_string() &&
            !(*translated)[i].get<std::string>().empty())
          text = (*translated)[i].get<std::string>();
        out += "- " + text + "\n";
      }
    if (out.empty())
      return i18n::Translate(n.language, "email body", "(no conditions)");
    out.pop_back();
    return out;
  }
  return Param(params, name);
}

// `text` with every {placeholder} filled.
std::string Fill(std::string_view text, const Outgoing& n,
                 const nlohmann::json& params, const std::string& portal_url) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find('{', at);
    size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(at));
      break;
    }
    out.append(text.substr(at, open - at));
    out += Value(std::string(text.substr(open + 1, close - open - 1)), n,
                 params, portal_url);
    at = close + 1;
  }
  return out;
}

// What each kind of digest line is about.
std::string_view DigestHeading(const std::string& kind) {
  if (kind == "submission") return "Submissions awaiting a decision";
  if (kind == "offer_expiring") return "Offers expiring within 3 days";
  if (kind == "report_overdue") return "Monitoring reports overdue";
  return "Reconciliation items to resolve";
}

// The officers' digest: English (officers use the CLI in English), one
// section per kind of item.
std::string DigestBody(const nlohmann::json& params) {
  std::string out =
      "What needs an officer on " + Param(params, "date") + " (London):\n";
  std::string section;
  if (params.contains("items") && params["items"].is_array())
    for (const auto& item : params["items"]) {
      std::string kind = Param(item, "kind");
      if (kind != section) {
        out += "\n" + std::string(DigestHeading(kind)) + ":\n";
        section = kind;
      }
      out += "  " + Param(item, "ref") + "  " + Param(item, "detail") + "\n";
    }
  out.pop_back();
  return out;
}

std::string Body(const Outgoing& n, const std::string& portal_url) {
  nlohmann::json params = Params(n);
  if (n.kind == "officer_digest") return Crlf(DigestBody(params));
  auto it = Texts().find(n.kind);
  if (it == Texts().end()) return "";
  std::string text =
      Fill(i18n::Translate(n.language, "email body", it->second.body), n,
           params, portal_url);
  // A parameter left empty (no comment) leaves no trailing blank lines.
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  // An officer acted for the group (it asked for help): the message says
  // so, which officer, and why; the group still gets every message.
  if (!Param(params, "on_behalf_reason").empty()) {
    std::string note = i18n::Translate(
        n.language, "email body",
        "An officer of the grants team, {on_behalf_by}, did this for you, "
        "as you asked: {on_behalf_reason}");
    text += "\n\n" + Fill(note, n, params, portal_url);
  }
  return Crlf(text);
}

}  // namespace

std::vector<std::string> Kinds() {
  std::vector<std::string> out;
  for (const auto& [kind, text] : Texts()) out.push_back(kind);
  return out;
}

std::string Subject(const Outgoing& n) {
  if (n.kind == "officer_digest") {
    nlohmann::json params = Params(n);
    size_t count = params.contains("items") && params["items"].is_array()
                       ? params["items"].size()
                       : 0;
    return fmt::format("Officers' digest for {}: {} item{} need{} you",
                       Param(params, "date"), count, count == 1 ? "" : "s",
                       count == 1 ? "s" : "");
  }
  auto it = Texts().find(n.kind);
  if (it == Texts().end()) return n.kind;
  return i18n::Translate(n.language, "email subject", it->second.subject);
}

std::string RenderEmail(const Outgoing& n, const std::string& from,
                        const std::string& portal_url) {
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
      n.kind, n.organisation_id, n.language, Body(n, portal_url));
}

}  // namespace grants::notifications
