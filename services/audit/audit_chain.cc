// Tamper-evidence rules.
#include "services/audit/audit_chain.h"

#include <fmt/format.h>
#include "absl/time/time.h"
#include "common/crypto.h"

namespace grants::audit {
namespace {

void Put(std::string* out, std::string_view field) {
  *out += fmt::format("{}:{};", field.size(), field);
}

std::string BigEndian(int64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  return out;
}

}  // namespace

std::string Canonical(const Event& e) {
  std::string out;
  Put(&out, std::to_string(absl::ToUnixMicros(e.occurred_at)));
  for (const std::string* f :
       {&e.actor, &e.role, &e.action, &e.entity_type, &e.entity_id,
        &e.request_id, &e.peer, &e.summary_json})
    Put(&out, *f);
  return out;
}

std::string ContentMac(std::string_view key, const Event& e) {
  return HmacSha256(key, Canonical(e));
}

std::string ChainHash(std::string_view prev_hash, int64_t seq,
                      std::string_view mac) {
  return Sha256(std::string(prev_hash) + BigEndian(seq) + std::string(mac));
}

std::optional<Finding> ChainVerifier::Feed(const Event& e) {
  if (found_) return found_;
  ++checked_;
  if (e.seq != last_seq_ + 1) {
    found_ = Finding{Problem::kChainBroken, last_seq_ + 1, e.id,
                     fmt::format("chain position {} is missing (event "
                                 "deleted) before event {}",
                                 last_seq_ + 1, e.id)};
  } else if (ContentMac(key_, e) != e.mac) {
    found_ = Finding{Problem::kContentMismatch, e.seq, e.id,
                     fmt::format("event {} at position {} does not match what "
                                 "the server wrote (altered or forged)",
                                 e.id, e.seq)};
  } else if (ChainHash(last_hash_, e.seq, e.mac) != e.chain_hash) {
    found_ = Finding{Problem::kChainBroken, e.seq, e.id,
                     fmt::format("event {} at position {} is not linked to the "
                                 "event before it (inserted or re-sealed)",
                                 e.id, e.seq)};
  }
  if (found_) return found_;
  last_seq_ = e.seq;
  last_hash_ = e.chain_hash;
  return std::nullopt;
}

std::optional<Finding> ChainVerifier::Finish(int64_t head_seq,
                                             std::string_view head_hash) {
  if (found_) return found_;
  if (head_seq != last_seq_ || head_hash != last_hash_) {
    found_ = Finding{Problem::kTruncated, head_seq, 0,
                     fmt::format("the chain head says position {} but the last "
                                 "event found is at {} (events removed or "
                                 "re-sealed)",
                                 head_seq, last_seq_)};
  }
  return found_;
}

}  // namespace grants::audit
