// Pure rules of the tamper-evident trail. Each event carries a MAC of its
// content made with the server's audit key when written; the sealer links
// events in commit order with a second key derived from the audit key:
//   link(n) = HMAC(chain key, link(n-1) || n || event id || time || mac(n))
// and MACs the head (n, link(n)). Altering an event breaks its MAC, forging
// one needs the key, deleting, inserting, reordering or renumbering events
// breaks a link, and re-chaining by hand needs the key; cutting the tail
// leaves a head that no longer matches, and a head reset without the key
// fails its MAC. A checkpoint kept elsewhere (common/audit_checkpoint.h)
// pins the link at a position, so even the key's holder cannot rewrite what
// came before it.
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

// The key of the links and the head, derived from the audit key (the
// content MACs and the links never share a key).
std::string ChainKey(std::string_view audit_key);

// The link at position `seq` for event `e` (its id, time and content MAC)
// after the link `prev` ("" before the first).
std::string ChainLink(std::string_view chain_key, std::string_view prev,
                      int64_t seq, const Event& e);

// The MAC of a head at position `seq` whose link is `hash`.
std::string HeadMac(std::string_view chain_key, int64_t seq,
                    std::string_view hash);

enum class Problem {
  kNone,
  kContentMismatch,  // an event's content does not match its MAC
  kChainBroken,      // a position missing, or a link that does not follow
  kTruncated,        // the head is not the last event's link
  kHeadForged,       // the head's MAC is not the key's
  kCheckpointNotExtended,  // the link at a checkpoint's position changed
};

struct Finding {
  Problem problem = Problem::kNone;
  int64_t seq = 0;
  int64_t event_id = 0;
  std::string detail;
};

// Walks sealed events in seq order and reports the first problem.
class ChainVerifier {
 public:
  explicit ChainVerifier(std::string_view audit_key)
      : audit_key_(audit_key), chain_key_(ChainKey(audit_key)) {}
  // Also requires the link at `seq` to be `hash` (a checkpoint's).
  void ExpectLink(int64_t seq, std::string hash) {
    expected_seq_ = seq;
    expected_hash_ = std::move(hash);
  }
  // Checks the next event; returns a finding at the first problem (and
  // keeps returning it).
  std::optional<Finding> Feed(const Event& e);
  // Checks the recorded head (position, link, MAC) against the last event
  // fed.
  std::optional<Finding> Finish(int64_t head_seq, std::string_view head_hash,
                                std::string_view head_mac);
  int64_t checked() const { return checked_; }
  int64_t last_seq() const { return last_seq_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  std::string audit_key_;
  std::string chain_key_;
  int64_t expected_seq_ = 0;
  std::string expected_hash_;
  int64_t last_seq_ = 0;
  std::string last_hash_;
  int64_t checked_ = 0;
  std::optional<Finding> found_;
};

}  // namespace grants::audit
