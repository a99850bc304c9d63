// Notification outbox types: a message to a grantee waiting for delivery.
#pragma once

#include <string>

#include "absl/time/time.h"

namespace grants::notifications {

// A message claimed for delivery.
struct Outgoing {
  std::string id;    // also its Message-ID
  std::string kind;  // report_due_soon, report_due_today, report_overdue,
                     // report_returned, report_accepted, sign_in_link
  std::string organisation_id;
  std::string recipient;  // the organisation's main contact's email
  std::string language;   // the organisation's correspondence language
  std::string params;     // JSON: award, requirement, due date, comment...
  absl::Time created_at;
};

// What became of one attempt to hand a message over.
enum class DeliveryOutcome {
  kDelivered,  // the spool file is written, or the relay took it
  kRetry,      // a passing failure (relay down, disk full): try later
  kRejected,   // refused for good (the relay rejected the recipient)
};

}  // namespace grants::notifications
