// Notification outbox types: a message to a grantee waiting for delivery.
#pragma once

#include <string>

#include "absl/time/time.h"

namespace grants::notifications {

// A message claimed for delivery.
struct Outgoing {
  std::string id;    // also its Message-ID
  std::string kind;  // report_due_soon, report_due_today, report_overdue,
                     // report_returned, report_accepted, sign_in_link,
                     // application_received ... (message.cc lists them all),
                     // officer_digest
  std::string organisation_id;
  std::string recipient;  // the organisation's main contact's email
  std::string language;   // the organisation's correspondence language
  std::string params;     // JSON: award, requirement, due date, comment...
  absl::Time created_at;
};

// One line of the officers' daily digest: what needs them, by opaque
// reference (a tracking reference, an instruction id), never by name.
struct DigestItem {
  std::string kind;    // submission, offer_expiring, report_overdue,
                       // reconciliation
  std::string ref;     // the application's tracking reference, or an id
  std::string detail;  // a date, a report kind and due date, a reason code
};

// What became of one attempt to hand a message over.
enum class DeliveryOutcome {
  kDelivered,  // the spool file is written, or the relay took it
  kRetry,      // a passing failure (relay down, disk full): try later
  kRejected,   // refused for good (the relay rejected the recipient)
};

}  // namespace grants::notifications
