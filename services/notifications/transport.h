// Where the outbox's dispatcher hands a rendered message: a spool directory
// (a mail relay or an officer picks the files up) or an SMTP relay.
#pragma once

#include <memory>
#include <string>

#include "domain/notifications.h"

namespace grants::notifications {

// What became of one hand-over, and why unless delivered.
struct Handover {
  DeliveryOutcome outcome = DeliveryOutcome::kDelivered;
  std::string error;

  static Handover Delivered() { return {}; }
  static Handover Retry(std::string why) {
    return {DeliveryOutcome::kRetry, std::move(why)};
  }
  static Handover Rejected(std::string why) {
    return {DeliveryOutcome::kRejected, std::move(why)};
  }
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Hands over `email` (RFC 5322 text, CRLF lines) for `n`. Handing the same
  // message over twice must be harmless: the spool replaces its file, and
  // a mail system drops a second copy by its Message-ID.
  virtual Handover Deliver(const Outgoing& n, const std::string& email) = 0;
};

// Writes each message to `dir`/<id>.eml: a temporary name, fsync, rename.
std::unique_ptr<Transport> MakeSpoolTransport(std::string dir);

// An SMTP relay, through libcurl.
struct SmtpSettings {
  // smtp://host[:port] (STARTTLS, see `require_tls`) or smtps://host[:port].
  std::string url;
  // Refuse to send when the relay does not offer TLS. Off only for a relay
  // on this machine, and never with credentials (the config checks both).
  bool require_tls = true;
  std::string username;  // "" sends no AUTH
  std::string password;
  std::string ca_file;   // "" trusts the system's CAs
  long timeout_seconds = 30;
};

// The envelope sender is `from`; the recipient is the message's. A 55x
// reply (mailbox unavailable, not allowed, policy) rejects the message;
// anything else is retried.
std::unique_ptr<Transport> MakeSmtpTransport(SmtpSettings settings,
                                             std::string from);

}  // namespace grants::notifications
