// The deadline-rush workload: many grantees creating and submitting an
// application to one open round at once, over gRPC (TLS, bearer tokens) or
// as the same transactions straight through the storage layer.
#pragma once

#include <atomic>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/bench/common.h"
#include "tools/bench/latency.h"

namespace grants::bench {

// Organisations to apply as: "<prefix>1" .. "<prefix><count>", each used
// once (an organisation holds one active application per round).
struct Applicants {
  std::string prefix;
  int64_t count = 0;
  std::atomic<int64_t> next{0};
  // The next unused organisation id, or "" when they have run out.
  std::string Take();
};

// Sets up, through the API as an officer, a funded programme with one round
// open now, and seeds `applicants` in the database. Returns the round id.
absl::StatusOr<std::string> SetUp(const Target& target, Applicants& applicants);

// `clients` concurrent grantees over their own TLS channels, for `duration`.
Summary RunGrpc(const Target& target, const std::string& round_id,
                Applicants& applicants, int clients, absl::Duration duration);

// The same create and submit transactions issued by `connections` threads,
// each with its own connection, through the storage layer (libpqxx,
// prepared statements), without gRPC, TLS or token checks.
Summary RunRaw(const Target& target, const std::string& round_id,
               Applicants& applicants, int connections,
               absl::Duration duration);

}  // namespace grants::bench
