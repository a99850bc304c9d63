// grantsd's statuses as the portal shows them: each field violation beside
// the form field it concerns, in the grantee's language where the portal
// has words for its reason, else in grantsd's own (English) words. The
// portal decides nothing itself: every error comes from grantsd.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "clients/portal/html.h"

namespace grants::portal {

// Every stable reason grantsd can answer to the portal's calls as a
// grantee: each must have words (WordsFor) in every portal language
// (portal_test enforces it).
const std::vector<std::string>& GranteeReasons();

// The portal's English words for `reason` (translated through the
// catalogues' "error" context), or nullopt when it has none.
std::optional<std::string> WordsFor(std::string_view reason);

// The form field a backend field path belongs to, e.g.
// "content.budget_lines[1].amount" -> "budget_amount_2"; "" when none.
std::string FormFieldOf(std::string_view path);

// The page errors for `status` in `language`.
FieldErrors ErrorsOf(const absl::Status& status, const std::string& language);

}  // namespace grants::portal
