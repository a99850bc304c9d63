// CallWithRetry without a server: which statuses are retried, how often,
// and how long it waits.
#include "clients/client/retry.h"

#include <gtest/gtest.h>

#include <vector>

namespace grants::client {
namespace {

struct Recorded {
  int calls = 0;
  std::vector<absl::Duration> waits;
};

grpc::Status Attempt(Recorded& r, const std::vector<grpc::StatusCode>& results,
                     const RetryPolicy& policy = {}) {
  return CallWithRetry(
      [] { return std::make_unique<grpc::ClientContext>(); },
      [&](grpc::ClientContext*) {
        grpc::StatusCode code =
            results[std::min<size_t>(r.calls, results.size() - 1)];
        ++r.calls;
        return grpc::Status(code, "");
      },
      policy, [&](absl::Duration d) { r.waits.push_back(d); });
}

TEST(CallWithRetry, RetriesUnavailableUntilTheCallSucceeds) {
  Recorded r;
  grpc::Status s =
      Attempt(r, {grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::UNAVAILABLE,
                  grpc::StatusCode::OK});
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(r.calls, 3);
  ASSERT_EQ(r.waits.size(), 2u);
  // Doubling, each jittered to 50-100% of its step.
  EXPECT_GE(r.waits[0], absl::Milliseconds(125));
  EXPECT_LE(r.waits[0], absl::Milliseconds(250));
  EXPECT_GE(r.waits[1], absl::Milliseconds(250));
  EXPECT_LE(r.waits[1], absl::Milliseconds(500));
}

TEST(CallWithRetry, GivesUpWithUnavailableAfterTheLastAttempt) {
  Recorded r;
  RetryPolicy policy;
  policy.attempts = 3;
  grpc::Status s = Attempt(r, {grpc::StatusCode::UNAVAILABLE}, policy);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(r.calls, 3);
  EXPECT_EQ(r.waits.size(), 2u);
}

TEST(CallWithRetry, NeverRetriesOtherErrors) {
  for (auto code :
       {grpc::StatusCode::DEADLINE_EXCEEDED, grpc::StatusCode::ABORTED,
        grpc::StatusCode::INTERNAL, grpc::StatusCode::ALREADY_EXISTS}) {
    Recorded r;
    EXPECT_EQ(Attempt(r, {code}).error_code(), code);
    EXPECT_EQ(r.calls, 1);
  }
}

TEST(CallWithRetry, CapsTheBackoff) {
  Recorded r;
  RetryPolicy policy;
  policy.attempts = 8;
  Attempt(r, {grpc::StatusCode::UNAVAILABLE}, policy);
  for (absl::Duration d : r.waits) EXPECT_LE(d, policy.max_backoff);
}

}  // namespace
}  // namespace grants::client
