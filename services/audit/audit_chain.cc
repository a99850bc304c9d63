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

std::string ChainKey(std::string_view audit_key) {
  return HmacSha256(audit_key, "grants audit chain v2");
}

std::string ChainLink(std::string_view chain_key, std::string_view prev,
                      int64_t seq, const Event& e) {
  std::string data = "link";
  Put(&data, prev);
  data += BigEndian(seq) + BigEndian(e.id) +
          BigEndian(absl::ToUnixMicros(e.occurred_at));
  Put(&data, e.mac);
  return HmacSha256(chain_key, data);
}

std::string HeadMac(std::string_view chain_key, int64_t seq,
                    std::string_view hash) {
  std::string data = "head" + BigEndian(seq);
  Put(&data, hash);
  return HmacSha256(chain_key, data);
}

std::optional<Finding> ChainVerifier::Feed(const Event& e) {
  if (found_) return found_;
  ++checked_;
  if (e.seq != last_seq_ + 1) {
    found_ = Finding{Problem::kChainBroken, last_seq_ + 1, e.id,
                     fmt::format("chain position {} is missing (event "
                                 "deleted) before event {}",
                                 last_seq_ + 1, e.id)};
  } else if (ContentMac(audit_key_, e) != e.mac) {
    found_ = Finding{Problem::kContentMismatch, e.seq, e.id,
                     fmt::format("event {} at position {} does not match what "
                                 "the server wrote (altered or forged)",
                                 e.id, e.seq)};
  } else if (ChainLink(chain_key_, last_hash_, e.seq, e) != e.chain_hash) {
    found_ = Finding{Problem::kChainBroken, e.seq, e.id,
                     fmt::format("event {} at position {} is not linked to the "
                                 "event before it (inserted, moved or "
                                 "re-chained without the key)",
                                 e.id, e.seq)};
  } else if (e.seq == expected_seq_ && e.chain_hash != expected_hash_) {
    found_ = Finding{Problem::kCheckpointNotExtended, e.seq, e.id,
                     fmt::format("the link at position {} is not the "
                                 "checkpoint's: the trail up to it was "
                                 "rewritten since the checkpoint",
                                 e.seq)};
  }
  if (found_) return found_;
  last_seq_ = e.seq;
  last_hash_ = e.chain_hash;
  return std::nullopt;
}

std::optional<Finding> ChainVerifier::Finish(int64_t head_seq,
                                             std::string_view head_hash,
                                             std::string_view head_mac) {
  if (found_) return found_;
  if (expected_seq_ > last_seq_) {
    found_ = Finding{Problem::kCheckpointNotExtended, expected_seq_, 0,
                     fmt::format("the checkpoint is at position {} but the "
                                 "trail ends at {} (events removed since)",
                                 expected_seq_, last_seq_)};
  } else if (head_seq != last_seq_ || head_hash != last_hash_) {
    found_ = Finding{Problem::kTruncated, head_seq, 0,
                     fmt::format("the chain head says position {} but the last "
                                 "event found is at {} (events removed or "
                                 "re-sealed)",
                                 head_seq, last_seq_)};
  } else if (head_seq > 0 &&
             HeadMac(chain_key_, head_seq, head_hash) != head_mac) {
    found_ = Finding{Problem::kHeadForged, head_seq, 0,
                     fmt::format("the chain head at position {} was not "
                                 "written by the server (reset or rewritten "
                                 "without the key)",
                                 head_seq)};
  }
  return found_;
}

}  // namespace grants::audit
