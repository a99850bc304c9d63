// Outbox messages as email text.
#include "services/notifications/message.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

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

std::string Body(const Outgoing& n) {
  std::string kind = Param(n, "report_kind");
  std::string due = Param(n, "due_date");
  if (n.kind == "report_due_soon")
    return fmt::format("Your {} monitoring report is due on {}.", kind, due);
  if (n.kind == "report_due_today")
    return fmt::format("Your {} monitoring report is due today, {}.", kind,
                       due);
  if (n.kind == "report_overdue")
    return fmt::format(
        "Your {} monitoring report was due on {} and has not "
        "reached us yet. Please send it as soon as you can, or "
        "tell your grant officer if you need more time.",
        kind, due);
  if (n.kind == "report_returned")
    return fmt::format(
        "Your grant officer has returned your report for "
        "changes:\r\n\r\n{}\r\n\r\nPlease change it and submit "
        "it again.",
        Param(n, "comment"));
  return "Your monitoring report has been accepted. Thank you.";
}

}  // namespace

std::string Subject(const Outgoing& n) {
  if (n.kind == "report_due_soon") return "Your monitoring report is due soon";
  if (n.kind == "report_due_today")
    return "Your monitoring report is due today";
  if (n.kind == "report_overdue") return "Your monitoring report is overdue";
  if (n.kind == "report_returned") return "Your report needs changes";
  return "Your report has been accepted";
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
      "Content-Language: en\r\n"
      "X-Grants-Kind: {}\r\n"
      "X-Grants-Organisation: {}\r\n"
      "X-Grants-Language: {}\r\n"
      "\r\n"
      "{}\r\n",
      n.id,
      absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", n.created_at,
                       absl::UTCTimeZone()),
      from, n.recipient, Subject(n), n.kind, n.organisation_id, n.language,
      Body(n));
}

}  // namespace grants::notifications
