// Renders an outbox entry as an RFC 5322 email (pure; unit-tested).
#pragma once

#include <string>

#include "domain/notifications.h"

namespace grants::notifications {

// The subject line for `n` (English).
std::string Subject(const Outgoing& n);

// The whole message: Message-ID (the entry's id, so a mail system drops a
// redelivery), Date, From, To, Subject, the grantee's correspondence
// language in X-Grants-Language, and a plain-text body. Lines end in CRLF.
std::string RenderEmail(const Outgoing& n, const std::string& from);

}  // namespace grants::notifications
