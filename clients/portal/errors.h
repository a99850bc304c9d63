// grantsd's statuses as the portal shows them: each field violation beside
// the form field it concerns, in the grantee's language where the portal
// has words for its reason, else in grantsd's own (English) words. The
// portal decides nothing itself: every error comes from grantsd.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "clients/portal/html.h"

namespace grants::portal {

// The form field a backend field path belongs to, e.g.
// "content.budget_lines[1].amount" -> "budget_amount_2"; "" when none.
std::string FormFieldOf(std::string_view path);

// The page errors for `status` in `language`.
FieldErrors ErrorsOf(const absl::Status& status, const std::string& language);

}  // namespace grants::portal
