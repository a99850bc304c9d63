// Unit tests of the tamper-evidence rules, without a database.
#include "services/audit/audit_chain.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/crypto.h"

namespace grants::audit {
namespace {

constexpr char kKey[] = "0123456789abcdef0123456789abcdef";

// Gives `events` positions 1.. and links them under `key`, as the sealer
// does (and as someone holding the key could).
void Rechain(std::vector<Event>& events, std::string_view key = kKey) {
  std::string prev;
  int64_t seq = 0;
  for (auto& e : events) {
    e.seq = ++seq;
    e.chain_hash = ChainLink(ChainKey(key), prev, e.seq, e);
    prev = e.chain_hash;
  }
}

std::vector<Event> SealedChain(int n) {
  std::vector<Event> out;
  for (int i = 1; i <= n; ++i) {
    Event e;
    e.id = 100 + i;
    e.occurred_at = absl::FromUnixSeconds(1736942400 + i);
    e.actor = "officer-" + std::to_string(i);
    e.role = "officer";
    e.action = "CreateRound";
    e.entity_type = "round";
    e.entity_id = std::to_string(i);
    e.request_id = "k" + std::to_string(i);
    e.summary_json = "{}";
    e.mac = ContentMac(kKey, e);
    out.push_back(e);
  }
  Rechain(out);
  return out;
}

// Walks `events` against a head at `head_seq` with link `head_hash`, MACed
// under `head_key`.
std::optional<Finding> Walk(const std::vector<Event>& events, int64_t head_seq,
                            const std::string& head_hash,
                            std::string_view head_key = kKey,
                            std::optional<std::pair<int64_t, std::string>>
                                checkpoint = std::nullopt) {
  ChainVerifier v(kKey);
  if (checkpoint) v.ExpectLink(checkpoint->first, checkpoint->second);
  for (const auto& e : events)
    if (auto f = v.Feed(e)) return f;
  return v.Finish(head_seq, head_hash,
                  HeadMac(ChainKey(head_key), head_seq, head_hash));
}

TEST(AuditChainTest, AnUntouchedChainVerifies) {
  auto chain = SealedChain(5);
  EXPECT_FALSE(Walk(chain, 5, chain.back().chain_hash).has_value());
}

TEST(AuditChainTest, AnAlteredFieldIsFoundAtItsEvent) {
  auto chain = SealedChain(5);
  chain[2].summary_json = R"({"after":{"budget_minor":1}})";
  auto f = Walk(chain, 5, chain.back().chain_hash);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kContentMismatch);
  EXPECT_EQ(f->seq, 3);
}

TEST(AuditChainTest, ADeletedEventBreaksTheChain) {
  auto chain = SealedChain(5);
  chain.erase(chain.begin() + 1);
  auto f = Walk(chain, 5, chain.back().chain_hash);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kChainBroken);
  EXPECT_EQ(f->seq, 2);
}

TEST(AuditChainTest, AnEventForgedWithoutTheKeyIsFound) {
  auto chain = SealedChain(3);
  Event forged = chain[2];
  forged.actor = "mallory";
  forged.mac = ContentMac("not the key", forged);
  chain[2] = forged;
  auto f = Walk(chain, 3, chain.back().chain_hash);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kContentMismatch);
}

TEST(AuditChainTest, ATruncatedTailIsFoundAtTheHead) {
  auto chain = SealedChain(5);
  std::string head = chain.back().chain_hash;
  chain.pop_back();
  auto f = Walk(chain, 5, head);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kTruncated);
}

// The old chain's weakness: SHA-256 links anyone can recompute. Deleting an
// event and re-chaining the rest that way no longer verifies.
TEST(AuditChainTest, ADeletionRechainedWithoutTheKeyIsFoundWhereItWas) {
  auto chain = SealedChain(6);
  chain.erase(chain.begin() + 2);
  std::string prev;
  int64_t seq = 0;
  for (auto& e : chain) {
    e.seq = ++seq;
    e.chain_hash = Sha256(prev + std::to_string(e.seq) + e.mac);
    prev = e.chain_hash;
  }
  auto f = Walk(chain, 5, chain.back().chain_hash, "not the key");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kChainBroken);
  EXPECT_EQ(f->seq, 1);  // the first hand-made link
  // Re-chained with a guessed key, the same.
  Rechain(chain, "a guessed key");
  f = Walk(chain, 5, chain.back().chain_hash, "a guessed key");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kChainBroken);
  EXPECT_EQ(f->seq, 1);
}

TEST(AuditChainTest, TwoEventsSwappedAreFoundAtTheFirst) {
  auto chain = SealedChain(5);
  // Swap the events at positions 2 and 4, keeping their links and MACs.
  std::swap(chain[1].id, chain[3].id);
  std::swap(chain[1].occurred_at, chain[3].occurred_at);
  std::swap(chain[1].actor, chain[3].actor);
  std::swap(chain[1].entity_id, chain[3].entity_id);
  std::swap(chain[1].request_id, chain[3].request_id);
  std::swap(chain[1].mac, chain[3].mac);
  auto f = Walk(chain, 5, chain.back().chain_hash);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kChainBroken);
  EXPECT_EQ(f->seq, 2);
}

TEST(AuditChainTest, AHeadResetWithoutTheKeyIsFound) {
  auto chain = SealedChain(5);
  chain.resize(3);
  auto f = Walk(chain, 3, chain.back().chain_hash, "not the key");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kHeadForged);
  EXPECT_EQ(f->seq, 3);
  // With the key, cutting the tail passes: only a checkpoint catches it.
  EXPECT_FALSE(Walk(chain, 3, chain.back().chain_hash).has_value());
}

TEST(AuditChainTest, ACheckpointCatchesARewriteEvenWithTheKey) {
  auto chain = SealedChain(6);
  std::pair<int64_t, std::string> checkpoint{4, chain[3].chain_hash};
  EXPECT_FALSE(
      Walk(chain, 6, chain.back().chain_hash, kKey, checkpoint).has_value());

  // The key's holder drops event 2, re-MACs nothing (it need not), re-chains
  // and re-heads: everything verifies but the checkpoint.
  auto rewritten = chain;
  rewritten.erase(rewritten.begin() + 1);
  Rechain(rewritten);
  EXPECT_FALSE(Walk(rewritten, 5, rewritten.back().chain_hash).has_value());
  auto f = Walk(rewritten, 5, rewritten.back().chain_hash, kKey, checkpoint);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kCheckpointNotExtended);
  EXPECT_EQ(f->seq, 4);

  // Cut back to before the checkpoint: the trail no longer reaches it.
  auto cut = chain;
  cut.resize(3);
  f = Walk(cut, 3, cut.back().chain_hash, kKey, checkpoint);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->problem, Problem::kCheckpointNotExtended);
  EXPECT_EQ(f->seq, 4);
}

}  // namespace
}  // namespace grants::audit
