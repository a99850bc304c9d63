// Role names as they appear in tokens, policy and audit.
#include "common/caller.h"

namespace grants {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOfficer:
      return "officer";
    case Role::kReviewer:
      return "reviewer";
    case Role::kGrantee:
      return "grantee";
    case Role::kFinance:
      return "finance";
    case Role::kFunder:
      return "funder";
    case Role::kAuditor:
      return "auditor";
    case Role::kPortal:
      return "portal";
    case Role::kAdministrator:
      return "administrator";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles)
    if (RoleName(r) == name) return r;
  return std::nullopt;
}

}  // namespace grants
