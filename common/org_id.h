// 360Giving / org-id.guide organisation identifiers ("GB-CHC-1234567").
#pragma once

#include <string_view>

namespace grants {

// True when `org_id` is a known org-id.guide list prefix (e.g. "GB-CHC"),
// a hyphen, and a non-empty identifier of letters, digits and - . / _.
bool IsValidOrgId(std::string_view org_id);

}  // namespace grants
