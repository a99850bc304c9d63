// Pure rules of sign-in: which typed addresses are addresses a link may be
// mailed to, written one way, and which mailbox the hourly limit counts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace grants::sign_in {

// `typed` trimmed and lower-cased, when it is a plain address that every
// mailer reads the same way: local@domain, the local part a dot-atom
// (letters, digits and !#$%&'*+/=?^_`{|}~- between single dots, at most 64),
// the domain two or more labels of letters, digits and inner hyphens. Refuses
// (nullopt) display names, angle brackets, quotes, comments, several
// addresses, routes and IP literals: "x<victim@example.org>.1" would be
// mailed to victim@example.org while counted as another address.
std::optional<std::string> NormaliseAddress(std::string_view typed);

// The mailbox a normalised address delivers to, for the hourly limit: the
// address without a "+tag" on its local part ("ana+x@a.org" -> "ana@a.org"),
// since most mail services deliver every tag to the one mailbox. The same
// as SQL's regexp_replace(address, '\+[^@]*@', '@') (the query and the
// index of the limit use that).
std::string MailboxOf(const std::string& address);

}  // namespace grants::sign_in
