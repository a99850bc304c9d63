// Who is calling, and the context every use case runs in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace grants {

// People hold tokens; finance systems and the grantee portal are machines
// that present client certificates (and never a token).
// An administrator sets the powers others act within (officers' payment
// limits, a round's award settings) and acts on no application or payment.
enum class Role {
  kOfficer,
  kReviewer,
  kGrantee,
  kFinance,
  kFunder,
  kAuditor,
  kPortal,
  kAdministrator
};

inline constexpr Role kAllRoles[] = {
    Role::kOfficer, Role::kReviewer, Role::kGrantee, Role::kFinance,
    Role::kFunder,  Role::kAuditor,  Role::kPortal,  Role::kAdministrator};

// Whether only a client certificate may carry the role.
constexpr bool IsMachineRole(Role role) {
  return role == Role::kFinance || role == Role::kPortal;
}

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// An authenticated caller. Grantees are bound to one organisation, funders to
// one funder; the ids are empty for the other roles.
struct Caller {
  std::string subject;
  Role role = Role::kOfficer;
  std::string organisation_id;
  std::string funder_id;
  // When the credential stops being valid (tokens); InfiniteFuture otherwise.
  absl::Time expires_at = absl::InfiniteFuture();
};

// An officer acting for an organisation that asked for help, and why.
struct OnBehalf {
  std::string organisation_id;
  std::string reason;  // free text: kept in acts_on_behalf, never audited
};

// Everything a use case needs to know about the call besides its command.
struct RequestContext {
  Caller caller;
  std::string method;        // e.g. "CreateRound"
  std::string request_id;    // idempotency key (mutations only)
  std::string payload_hash;  // SHA-256 of the request without request_id
  std::string peer;          // e.g. "ipv4:127.0.0.1:51234"
  absl::Time now;            // the server's clock at the start of the call
  // Set while an officer acts for an organisation: `caller` is then that
  // organisation's grantee, with the officer's subject (see
  // services/organisations/on_behalf.h).
  std::optional<OnBehalf> on_behalf;
};

}  // namespace grants
