// Token buckets per client address.
#include "clients/portal/client_limits.h"

#include <algorithm>

namespace grants::portal {

bool ClientLimits::Take(const std::string& client, absl::Time now,
                        absl::Duration* retry_after) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= options_.max_clients) MakeRoom(now);
    it = buckets_.emplace(client, Bucket{options_.burst, now}).first;
  }
  Bucket& b = it->second;
  double rate = options_.per_minute / 60.0;  // a second
  b.tokens = std::min(options_.burst,
                      b.tokens + absl::ToDoubleSeconds(now - b.updated) * rate);
  b.updated = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  *retry_after = absl::Seconds(std::max(1.0, (1 - b.tokens) / rate));
  return false;
}

size_t ClientLimits::size() {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

void ClientLimits::MakeRoom(absl::Time now) {
  double rate = options_.per_minute / 60.0;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    double refilled = it->second.tokens +
                      absl::ToDoubleSeconds(now - it->second.updated) * rate;
    it = refilled >= options_.burst ? buckets_.erase(it) : std::next(it);
  }
  if (buckets_.size() < options_.max_clients) return;
  auto oldest = std::min_element(buckets_.begin(), buckets_.end(),
                                 [](const auto& a, const auto& b) {
                                   return a.second.updated < b.second.updated;
                                 });
  buckets_.erase(oldest);
}

}  // namespace grants::portal
