// Invariant 6: every change is audited in its transaction, and tampering
// with the trail (change, delete, insert, truncate) is detected and named.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/builders.h"

namespace grants::testing {
namespace {

class AuditTrailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Nine audited changes: funder, fund, contribution, programme, round...
    build_.Round(1'000'000, 100'000);
    build_.Round(1'000'000, 100'000);
  }

  v1::VerifyAuditTrailResponse Verify(Role role = Role::kAuditor) {
    v1::VerifyAuditTrailResponse out;
    grpc::Status s = server_.Audit()->VerifyAuditTrail(
        server_.As(role).get(), v1::VerifyAuditTrailRequest(), &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::string EventId(int seq) {
    return db_.Scalar("SELECT id FROM audit_events WHERE seq = " +
                      std::to_string(seq));
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  Builder build_{server_};
};

TEST_F(AuditTrailTest, EveryChangeIsRecordedAndTheChainVerifies) {
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_TRUE(report.ok()) << report.detail();
  EXPECT_EQ(report.events_checked(), 10);
  EXPECT_EQ(report.head_seq(), 10);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE seq IS NULL"),
            "0");
  EXPECT_TRUE(Verify(Role::kOfficer).ok());
}

TEST_F(AuditTrailTest, DetectsAnAlteredEvent) {
  Verify();
  std::string id = EventId(4);
  db_.Exec("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 4");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_ALTERED);
  EXPECT_EQ(report.bad_seq(), 4);
  EXPECT_EQ(std::to_string(report.bad_event_id()), id);
}

TEST_F(AuditTrailTest, DetectsADeletedEvent) {
  Verify();
  db_.Exec("DELETE FROM audit_events WHERE seq = 6");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_CHAIN_BROKEN);
  EXPECT_EQ(report.bad_seq(), 6);
}

TEST_F(AuditTrailTest, DetectsAnInsertedEvent) {
  Verify();
  // Forged without the server's key; the sealer links it like any other.
  db_.Exec(
      "INSERT INTO audit_events (occurred_at, actor, role, action, entity_type,"
      " entity_id, request_id, peer, summary, mac) VALUES (now(), 'mallory',"
      " 'officer', 'CreateFund', 'fund', 'x', 'k', 'p', '{}', '\\x00'::bytea)");
  std::string forged = db_.Scalar("SELECT max(id) FROM audit_events");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_ALTERED);
  EXPECT_EQ(std::to_string(report.bad_event_id()), forged);
}

TEST_F(AuditTrailTest, DetectsAnEventSplicedIntoTheChain) {
  Verify();
  // Copy a genuine event (valid MAC) into a gap made by removing another.
  db_.Exec("DELETE FROM audit_events WHERE seq = 5");
  db_.Exec(
      "INSERT INTO audit_events (occurred_at, actor, role, action, entity_type,"
      " entity_id, request_id, peer, summary, mac, seq, chain_hash)"
      " SELECT occurred_at, actor, role, action, entity_type, entity_id,"
      " request_id, peer, summary, mac, 5, chain_hash FROM audit_events"
      " WHERE seq = 3");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_CHAIN_BROKEN);
  EXPECT_EQ(report.bad_seq(), 5);
}

TEST_F(AuditTrailTest, DetectsEventsRemovedFromTheEnd) {
  Verify();
  db_.Exec("DELETE FROM audit_events WHERE seq >= 9");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_TRUNCATED);
}

TEST_F(AuditTrailTest, ListsEventsByEntityAndActorNewestFirst) {
  v1::Round round = build_.Round(1'000'000, 100'000);
  v1::OpenRoundRequest open;
  open.set_request_id(Key());
  open.set_round_id(round.id());
  v1::Round opened;
  ASSERT_TRUE(server_.Programmes()
                  ->OpenRound(server_.As(Role::kOfficer, "alice").get(), open,
                              &opened)
                  .ok());
  v1::ListAuditEventsRequest req;
  req.set_entity_type("round");
  req.set_entity_id(round.id());
  v1::ListAuditEventsResponse resp;
  ASSERT_TRUE(server_.Audit()
                  ->ListAuditEvents(server_.As(Role::kAuditor).get(), req, &resp)
                  .ok());
  ASSERT_EQ(resp.events_size(), 2);
  EXPECT_EQ(resp.events(0).action(), "OpenRound");
  EXPECT_EQ(resp.events(0).actor(), "alice");
  EXPECT_EQ(resp.events(0).role(), "officer");
  EXPECT_EQ(resp.events(0).request_id(), open.request_id());
  EXPECT_NE(resp.events(0).summary_json().find("\"before\""), std::string::npos);
  EXPECT_EQ(resp.events(1).action(), "CreateRound");

  req.Clear();
  req.set_actor("alice");
  req.set_page_size(1);
  ASSERT_TRUE(server_.Audit()
                  ->ListAuditEvents(server_.As(Role::kAuditor).get(), req, &resp)
                  .ok());
  EXPECT_EQ(resp.events_size(), 1);
}

TEST_F(AuditTrailTest, ListsEventsSinceAndUntilAnInstant) {
  // SetUp's ten events are at t0; one funder an hour later, one two hours
  // later.
  absl::Time t0 = server_.clock().Now();
  server_.clock().Advance(absl::Hours(1));
  v1::Funder middle = build_.Funder("Paul Hamlyn Foundation");
  server_.clock().Advance(absl::Hours(1));
  v1::Funder last = build_.Funder("Pears Foundation");
  auto list = [&](std::optional<absl::Time> since,
                  std::optional<absl::Time> until) {
    v1::ListAuditEventsRequest req;
    req.set_page_size(100);
    if (since) req.mutable_since()->set_seconds(absl::ToUnixSeconds(*since));
    if (until) req.mutable_until()->set_seconds(absl::ToUnixSeconds(*until));
    v1::ListAuditEventsResponse resp;
    grpc::Status s = server_.Audit()->ListAuditEvents(
        server_.As(Role::kAuditor).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> ids;
    for (const auto& e : resp.events()) ids.push_back(e.entity_id());
    return ids;
  };
  using Ids = std::vector<std::string>;
  // since is inclusive, until exclusive; newest first.
  EXPECT_EQ(list(t0 + absl::Hours(1), std::nullopt), (Ids{last.id(), middle.id()}));
  EXPECT_EQ(list(t0 + absl::Hours(1), t0 + absl::Hours(2)), Ids{middle.id()});
  EXPECT_EQ(list(std::nullopt, t0 + absl::Hours(1)).size(), 10u);
  EXPECT_EQ(list(t0, t0 + absl::Seconds(1)).size(), 10u);
  EXPECT_TRUE(list(t0 + absl::Minutes(1), t0 + absl::Minutes(59)).empty());
  EXPECT_TRUE(list(t0 + absl::Hours(2) + absl::Seconds(1), std::nullopt).empty());
  EXPECT_EQ(list(std::nullopt, std::nullopt).size(), 12u);
}

}  // namespace
}  // namespace grants::testing
