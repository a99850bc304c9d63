// A per-client limit on the requests that cost something (sign-in requests
// and form posts): a token bucket per client address, in a bounded table.
// Each portal counts on its own; a load balancer in front may add its own
// limit across portals.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/time/time.h"

namespace grants::portal {

class ClientLimits {
 public:
  struct Options {
    double burst = 30;           // requests a client may make at once
    double per_minute = 30;      // and then, on average, a minute
    size_t max_clients = 10000;  // the table's bound
  };
  explicit ClientLimits(Options options) : options_(options) {}

  // Takes one request from `client`'s bucket: true when it may go ahead,
  // else false with `retry_after` set to when it may try again.
  bool Take(const std::string& client, absl::Time now,
            absl::Duration* retry_after);

  size_t size();

 private:
  struct Bucket {
    double tokens;
    absl::Time updated;
  };
  // Forgets full buckets (they hold nothing a new one would not); when
  // every bucket is in use, the least recently used goes. Under mu_.
  void MakeRoom(absl::Time now);

  Options options_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace grants::portal
