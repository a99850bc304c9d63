// The contended-award workload: officers offering awards at once for
// approved applications of one closed round, every offer committing its
// amount on that round's one commitment row; over gRPC (TLS, bearer token)
// or as the same transaction through awards::AwardService in-process.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grants/v1/awards.pb.h"
#include "tools/bench/common.h"
#include "tools/bench/latency.h"

namespace grants::bench {

// The approved applications of one closed round, each offered once.
struct OfferBatch {
  std::string round_id;
  int64_t amount_minor = 0;  // approved for each, and offered
  std::vector<std::string> application_ids;
  std::atomic<size_t> next{0};
  // Offers refused BUDGET_EXHAUSTED, over every run.
  std::atomic<int64_t> budget_exhausted{0};
  // The next application not yet offered, or "" when all have been.
  std::string Take();
  // Whether a run stopped because every application had been offered.
  bool RanOut() const { return next.load() >= application_ids.size(); }
};

// Through the API as an officer: a fund and a round whose budget covers
// `count` offers of `amount_minor`, opened an hour ago, then closed; then,
// in the database, `count` organisations and an approved application of
// `amount_minor` for each in that round. Fills `batch`.
absl::Status SetUpOffers(const Target& target, int count, int64_t amount_minor,
                         OfferBatch& batch);

// `clients` officers offering concurrently over their own TLS channels for
// `duration`, with one officer token minted before the run.
Summary RunOffersGrpc(const Target& target, OfferBatch& batch, int clients,
                      absl::Duration duration);

// The same offers through awards::AwardService::Offer by `connections`
// threads, each with its own connection, without gRPC, TLS or token checks.
Summary RunOffersRaw(const Target& target, OfferBatch& batch, int connections,
                     absl::Duration duration);

// The round's budget and what its offers have committed, through the API.
absl::StatusOr<v1::RoundAwardSettings> RoundCommitment(const Target& target,
                                                       const OfferBatch& batch);

}  // namespace grants::bench
