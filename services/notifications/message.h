// Renders an outbox entry as an RFC 5322 email (pure; unit-tested).
#pragma once

#include <string>
#include <vector>

#include "domain/notifications.h"

namespace grants::notifications {

// Every kind of message to a grantee that has words (the officers' digest,
// "officer_digest", is written in English and is not among them).
std::vector<std::string> Kinds();

// The subject line for `n`, in its language where a catalogue has it.
std::string Subject(const Outgoing& n);

// The whole message: Message-ID (the entry's id, so a mail system drops a
// redelivery), Date, From, To, Subject, the grantee's correspondence
// language in X-Grants-Language, and a plain-text body. Lines end in CRLF.
// Links to the portal (an offer's) start with `portal_url`.
std::string RenderEmail(const Outgoing& n, const std::string& from,
                        const std::string& portal_url = "");

}  // namespace grants::notifications
