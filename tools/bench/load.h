// The fault test's load (ops/fault-test.sh): grantees creating and
// submitting applications through the load balancer while servers and the
// database primary are killed under them. Each grantee behaves as a careful
// client does: a call that found no server, or ran out of time, is sent
// again with the same request, so its request_id makes a retry after a
// lost reply return the original result. Every acknowledged submission is
// written down, so the test can check that each is in the database once.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "tools/bench/common.h"

namespace grants::bench {

struct LoadOptions {
  int clients = 64;
  absl::Duration duration = absl::Seconds(60);
  // One line per acknowledged submission: "<epoch ms> <application id>
  // <reference>".
  std::string acks_file;
  // How long one call may take, and how long a grantee keeps retrying one
  // operation before it counts it as failed.
  absl::Duration call_deadline = absl::Seconds(10);
  absl::Duration give_up_after = absl::Seconds(60);
};

// Sets up an open round (as SetUp in workload.h) and runs the load.
// Prints acknowledged submissions, retries and failures; returns whether
// no operation failed for good.
bool RunLoad(const Target& target, const LoadOptions& options);

}  // namespace grants::bench
