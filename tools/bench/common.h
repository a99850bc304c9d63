// What the benchmark scenarios share: where grantsd and its database are,
// tokens, TLS channels, and an officer's set-up of a funded, open round.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/caller.h"
#include "grants/v1/common.pb.h"
#include "grants/v1/programmes.pb.h"
#include "storage/transaction.h"

namespace grants::bench {

struct Target {
  std::string server;           // grantsd host:port
  std::string ca_pem;           // CA of the server certificate
  std::string signing_key_pem;  // dev key to mint grantee and officer tokens
  std::string database;         // libpq conninfo of grantsd's database
  std::string audit_key;        // raw audit MAC key (same as grantsd's)
};

// An amount in pence.
v1::Money Gbp(int64_t minor);

// A one-hour token for `role` ("bench-<org>" for a grantee of `org`,
// "bench-officer" otherwise), minted with the dev signing key; "" on failure.
std::string Token(const Target& t, Role role, const std::string& org);

// A TLS channel of its own (not shared with other stubs' subchannels).
std::shared_ptr<grpc::Channel> Channel(const Target& t);

// A call context bearing `token`, with a 30 s deadline.
std::unique_ptr<grpc::ClientContext> As(const std::string& token);

// OK, or INTERNAL naming `what`, the reason and the message of `s`.
absl::Status Check(const grpc::Status& s, const char* what);

// Six random hex digits that tell this run's records apart.
std::string RunTag();

// Runs `seed` in one transaction on a database connection of its own
// (bulk seeding before a run). UNAVAILABLE when it cannot connect.
absl::Status SeedDatabase(const Target& t,
                          const std::function<void(storage::Tx&)>& seed);

// The funded round a scenario runs against.
struct RoundPlan {
  std::string title;          // "Deadline rush": programme and round names
  int64_t contributed_minor;  // the one funder's contribution to the fund
  int64_t budget_minor;       // the round's budget, drawn from the fund
  int64_t min_grant_minor, max_grant_minor;
  absl::Duration closes_in;  // from now; it opened an hour ago
};

// A fund and its funders, in the order of their contributions.
struct FundIds {
  std::string fund_id;
  std::vector<std::string> funder_ids;
};

// As the officer `officer_token`, through the API: a funder for each of
// `contributed_minor`, a GBP fund, and each funder's contribution to it.
// INTERNAL naming the step that failed.
absl::StatusOr<FundIds> CreateFund(
    const Target& t, const std::string& officer_token, const std::string& tag,
    const std::vector<int64_t>& contributed_minor);

// As the officer, through the API: a programme "<title> <tag>" on the fund,
// with these priority communities.
absl::StatusOr<v1::Programme> CreateProgramme(
    const Target& t, const std::string& officer_token, const std::string& tag,
    const std::string& title, const std::string& fund_id,
    const std::vector<std::string>& communities);

// As the officer, through the API: a round of the programme as `plan`
// says (its budget drawn from the programme's fund), opened.
absl::StatusOr<v1::Round> CreateRound(const Target& t,
                                      const std::string& officer_token,
                                      const std::string& programme_id,
                                      const RoundPlan& plan);

// Closes the round through the API, as an officer does after its deadline
// (offers wait for a closed round).
absl::Status CloseRound(const Target& t, const std::string& officer_token,
                        const std::string& round_id);

// As the officer: a funder, a fund with the funder's contribution, a
// programme on it (priority community "roma") and a round as `plan` says,
// opened. Returns the round. INTERNAL naming the step that failed.
absl::StatusOr<v1::Round> CreateOpenRound(const Target& t,
                                          const std::string& officer_token,
                                          const std::string& tag,
                                          const RoundPlan& plan);

}  // namespace grants::bench
