// The access policy: one table saying which roles may call which RPC, and
// whether the RPC mutates (and so needs an idempotency key and an audit
// event). An RPC missing from the table is refused for everyone.
#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "common/caller.h"

namespace grants {

struct MethodPolicy {
  std::string_view method;  // full name, "/grants.v1.FundingService/CreateFund"
  bool mutation;
  unsigned roles;           // bit (1 << Role) per allowed role
};

// The whole table (for tests and documentation).
std::span<const MethodPolicy> AllPolicies();

// The entry for a full method name, or nullptr.
const MethodPolicy* FindPolicy(std::string_view full_method);

// OK when `caller` may call the method; PERMISSION_DENIED
// (ROLE_NOT_ALLOWED) otherwise, or for a method with no entry
// (METHOD_NOT_IN_POLICY).
absl::Status Authorize(const MethodPolicy* policy, const Caller& caller);

inline constexpr bool Allows(const MethodPolicy& p, Role r) {
  return (p.roles >> static_cast<unsigned>(r)) & 1U;
}

}  // namespace grants
