// Unit tests of the tamper-evidence rules, without a database.
#include "services/audit/audit_chain.h"

#include <gtest/gtest.h>

#include <vector>

namespace grants::audit {
namespace {

constexpr char kKey[] = "0123456789abcdef0123456789abcdef";

std::vector<Event> SealedChain(int n) {
  std::vector<Event> out;
  std::string prev;
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
    e.seq = i;
    e.chain_hash = ChainHash(prev, i, e.mac);
    prev = e.chain_hash;
    out.push_back(e);
  }
  return out;
}

std::optional<Finding> Walk(const std::vector<Event>& events, int64_t head_seq,
                            const std::string& head_hash) {
  ChainVerifier v(kKey);
  for (const auto& e : events)
    if (auto f = v.Feed(e)) return f;
  return v.Finish(head_seq, head_hash);
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

}  // namespace
}  // namespace grants::audit
