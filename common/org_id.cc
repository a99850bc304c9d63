// Org-id validation against the org-id.guide prefix list (embedded at build
// time from common/data/org-id-prefixes.csv).
#include "common/org_id.h"

#include <algorithm>

#include "org_id_prefixes.h"

namespace grants {

bool IsValidOrgId(std::string_view org_id) {
  // Prefixes are "XX-YYY"; the identifier follows the second hyphen. Our own
  // prefix for unregistered groups is "XI-GRANTS" style and is added to the
  // list when organisations land.
  size_t first = org_id.find('-');
  if (first == std::string_view::npos) return false;
  size_t second = org_id.find('-', first + 1);
  if (second == std::string_view::npos || second + 1 >= org_id.size())
    return false;
  std::string_view prefix = org_id.substr(0, second);
  if (!std::binary_search(codes::kOrgIdPrefixes.begin(),
                          codes::kOrgIdPrefixes.end(), prefix))
    return false;
  std::string_view id = org_id.substr(second + 1);
  if (id.size() > 100) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z') || c == '-' || c == '.' || c == '/' ||
           c == '_';
  });
}

}  // namespace grants
