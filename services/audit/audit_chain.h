// Pure rules of the tamper-evident trail. Each event carries a MAC of its
// content made with the server's audit key when written; the sealer links
// events in commit order: hash(n) = SHA-256(hash(n-1) || n || mac(n)).
// Altering an event breaks its MAC, forging one needs the key, deleting or
// inserting one breaks the links, removing the tail breaks the head.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/audit.h"

namespace grants::audit {

// The event's content in an unambiguous byte form (length-prefixed fields).
std::string Canonical(const Event& e);

// HMAC-SHA256 of Canonical(e) under `key`.
std::string ContentMac(std::string_view key, const Event& e);

// The link for position `seq` after `prev_hash`.
std::string ChainHash(std::string_view prev_hash, int64_t seq,
                      std::string_view mac);

enum class Problem { kNone, kContentMismatch, kChainBroken, kTruncated };

struct Finding {
  Problem problem = Problem::kNone;
  int64_t seq = 0;
  int64_t event_id = 0;
  std::string detail;
};

// Walks sealed events in seq order and reports the first problem.
class ChainVerifier {
 public:
  explicit ChainVerifier(std::string key) : key_(std::move(key)) {}
  // Checks the next event; returns a finding at the first problem (and
  // keeps returning it).
  std::optional<Finding> Feed(const Event& e);
  // Checks the recorded head against the last event fed.
  std::optional<Finding> Finish(int64_t head_seq, std::string_view head_hash);
  int64_t checked() const { return checked_; }
  int64_t last_seq() const { return last_seq_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  std::string key_;
  int64_t last_seq_ = 0;
  std::string last_hash_;
  int64_t checked_ = 0;
  std::optional<Finding> found_;
};

}  // namespace grants::audit
