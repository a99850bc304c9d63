// Audit domain types: an event as written, and as stored in the chain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"

namespace grants::audit {

// What a use case records about a change.
struct Change {
  std::string entity_type;  // "round"
  std::string entity_id;
  std::string summary_json;  // {"before": {...}, "after": {...}}
};

// A stored event.
struct Event {
  int64_t id = 0;
  absl::Time occurred_at;
  std::string actor;
  std::string role;
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::string request_id;
  std::string peer;
  std::string summary_json;
  std::string mac;         // raw HMAC-SHA256 of the canonical content
  int64_t seq = 0;         // 0 while not sealed
  std::string chain_hash;  // raw SHA-256, empty while not sealed
};

// Which events a list returns; empty strings match everything.
struct ListFilter {
  std::string entity_type, entity_id, actor;
  std::optional<absl::Time> since, until;
  int64_t before_id = 0;  // keyset paging: only ids below this, when > 0
};

}  // namespace grants::audit
