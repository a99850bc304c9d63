// Invariant 6: every change is audited in its transaction, and tampering
// with the trail is refused by the database or detected and named. The
// tampering here is done as someone who can write to the database would:
// grantsd's own role (refused), or a superuser who switches the triggers
// off (session_replication_role = replica) and rewrites rows, with or
// without the audit key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <vector>

#include "common/audit_checkpoint.h"
#include "common/crypto.h"
#include "services/audit/audit_chain.h"
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

  v1::VerifyAuditTrailResponse Verify(Role role = Role::kAuditor,
                                      const std::string& checkpoint = "",
                                      grpc::Status* status = nullptr) {
    v1::VerifyAuditTrailRequest req;
    req.set_checkpoint(checkpoint);
    v1::VerifyAuditTrailResponse out;
    grpc::Status s =
        server_.Audit()->VerifyAuditTrail(server_.As(role).get(), req, &out);
    if (status)
      *status = s;
    else
      EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::VerifyAuditTrailResponse VerifyAgainst(const std::string& checkpoint) {
    return Verify(Role::kAuditor, checkpoint);
  }

  v1::CreateCheckpointResponse Checkpoint() {
    v1::CreateCheckpointResponse out;
    grpc::Status s = server_.Audit()->CreateCheckpoint(
        server_.As(Role::kAuditor).get(), v1::CreateCheckpointRequest(), &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // SQL run as a superuser who has switched the audit triggers off.
  void Tamper(const std::string& sql) {
    db_.Exec("SET session_replication_role = replica; " + sql);
  }

  // Runs `sql` as grantsd's own database role; returns the error, "" if
  // it was allowed.
  std::string AsGrantsd(const std::string& sql) {
    try {
      pqxx::connection c(db_.conninfo());
      pqxx::work tx(c);
      tx.exec(sql);
      tx.commit();
      return "";
    } catch (const std::exception& e) {
      return e.what();
    }
  }

  std::string AuditState() {
    return db_.Scalar(
        "SELECT concat_ws('|', (SELECT string_agg(concat_ws(',', id, seq, "
        "actor, encode(chain_hash, 'hex')), ';' ORDER BY id) FROM "
        "audit_events), (SELECT concat_ws(',', seq, encode(hash, 'hex'), "
        "encode(mac, 'hex')) FROM audit_chain_head))");
  }

  static std::string ReadCredential(const std::string& name) {
    std::ifstream in(std::filesystem::path(CredentialsDir()) / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
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
  Tamper("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 4");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_ALTERED);
  EXPECT_EQ(report.bad_seq(), 4);
  EXPECT_EQ(std::to_string(report.bad_event_id()), id);
}

TEST_F(AuditTrailTest, DetectsADeletedEvent) {
  Verify();
  Tamper("DELETE FROM audit_events WHERE seq = 6");
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
  Tamper("DELETE FROM audit_events WHERE seq = 5");
  Tamper(
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
  Tamper("DELETE FROM audit_events WHERE seq >= 9");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_TRUNCATED);
}

// What the old chain allowed: delete an event, renumber the rest and
// recompute SHA-256 links from the stored MACs and the head.
TEST_F(AuditTrailTest, DetectsADeletionRechainedByHandWithSha256) {
  Verify();
  Tamper(R"sql(
    DO $$ DECLARE r record; prev bytea; BEGIN
      SELECT chain_hash INTO prev FROM audit_events WHERE seq = 5;
      DELETE FROM audit_events WHERE seq = 6;
      UPDATE audit_events SET seq = -(seq - 1) WHERE seq > 6;
      UPDATE audit_events SET seq = -seq WHERE seq < 0;
      FOR r IN SELECT id, seq, mac FROM audit_events WHERE seq >= 6
               ORDER BY seq LOOP
        prev := sha256(prev || int8send(r.seq) || r.mac);
        UPDATE audit_events SET chain_hash = prev WHERE id = r.id;
      END LOOP;
      UPDATE audit_chain_head SET seq = seq - 1, hash = prev;
    END $$)sql");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_CHAIN_BROKEN);
  EXPECT_EQ(report.bad_seq(), 6);
}

TEST_F(AuditTrailTest, DetectsTwoEventsReordered) {
  Verify();
  Tamper(
      "UPDATE audit_events SET seq = -seq WHERE seq IN (3, 7);"
      "UPDATE audit_events SET seq = 10 + seq WHERE seq IN (-3, -7);");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_CHAIN_BROKEN);
  EXPECT_EQ(report.bad_seq(), 3);
}

TEST_F(AuditTrailTest, DetectsATailCutWithTheHeadResetWithoutTheKey) {
  Verify();
  Tamper(
      "DELETE FROM audit_events WHERE seq >= 9;"
      "UPDATE audit_chain_head SET seq = 8, hash = (SELECT chain_hash FROM "
      "audit_events WHERE seq = 8)");
  v1::VerifyAuditTrailResponse report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_HEAD_FORGED);
  EXPECT_EQ(report.bad_seq(), 8);
}

// grantsd's role cannot rewrite the trail, sealed or not, nor move the
// head; and no one can with the triggers on, not even the owner.
TEST_F(AuditTrailTest, TheServersRoleCannotUpdateDeleteOrResealEvents) {
  Verify();
  const std::string before = AuditState();
  const std::string unsealed =
      "INSERT INTO audit_events (occurred_at, actor, role, action, "
      "entity_type, entity_id, request_id, peer, summary, mac) VALUES "
      "(now(), 'officer-1', 'officer', 'CreateFund', 'fund', 'x', 'k', 'p', "
      "'{}', '\\x00'::bytea);";
  const std::vector<std::string> attacks = {
      "UPDATE audit_events SET actor = 'someone-else' WHERE seq = 4",
      "DELETE FROM audit_events WHERE seq = 6",
      "DELETE FROM audit_events WHERE seq >= 9",
      "TRUNCATE audit_events",
      unsealed + "DELETE FROM audit_events WHERE seq IS NULL",
      unsealed + "UPDATE audit_events SET summary = '{\"x\":1}' WHERE seq IS NULL",
      "UPDATE audit_chain_head SET seq = 8",
      "DELETE FROM audit_chain_head",
      "INSERT INTO audit_events (occurred_at, actor, role, action, "
      "entity_type, entity_id, request_id, peer, summary, mac, seq, "
      "chain_hash) SELECT occurred_at, actor, role, action, entity_type, "
      "entity_id, request_id, peer, summary, mac, 100, chain_hash FROM "
      "audit_events WHERE seq = 3",
      // The sealing function on sealed events, or moving the head back.
      "SELECT audit_seal(ARRAY(SELECT id FROM audit_events WHERE seq = 4), "
      "ARRAY['\\x00'::bytea], (SELECT seq FROM audit_chain_head), "
      "'\\x00'::bytea, '\\x00'::bytea)",
      unsealed + "SELECT audit_seal(ARRAY(SELECT id FROM audit_events WHERE "
      "seq IS NULL), ARRAY['\\x00'::bytea], 3, '\\x00'::bytea, '\\x00'::bytea)",
  };
  for (const auto& sql : attacks) {
    EXPECT_NE(AsGrantsd(sql), "") << "grantsd's role was allowed: " << sql;
    EXPECT_ANY_THROW(db_.Exec(sql)) << "the owner was allowed: " << sql;
  }
  EXPECT_EQ(AuditState(), before);
  EXPECT_TRUE(Verify().ok());
}

TEST_F(AuditTrailTest, ACheckpointRoundTripsAndCatchesARewriteByTheKeysHolder) {
  v1::CreateCheckpointResponse made = Checkpoint();
  ASSERT_EQ(made.seq(), 10);
  EXPECT_EQ(made.public_key_pem(), ReadCredential("audit-checkpoint.pub"));
  // Anyone with the public half checks it, with no secret.
  auto read = audit::ParseCheckpoint(made.checkpoint(), "checkpoint");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(
      audit::VerifySignature(*read, made.public_key_pem(), "checkpoint").ok());
  EXPECT_EQ(ToHex(read->hash), made.hash());

  build_.Funder("Paul Hamlyn Foundation");  // the trail grows past it
  v1::VerifyAuditTrailResponse report = VerifyAgainst(made.checkpoint());
  EXPECT_TRUE(report.ok()) << report.detail();
  EXPECT_EQ(report.checkpoint_seq(), 10);
  EXPECT_EQ(report.head_seq(), 11);

  // Someone with the database and the audit key deletes event 3 and
  // re-chains and re-heads the rest properly: the chain alone verifies.
  std::string key = FromHex(std::string(ReadCredential("audit.key"), 0, 64));
  Tamper("DELETE FROM audit_events WHERE seq = 3;"
         "UPDATE audit_events SET seq = -(seq - 1) WHERE seq > 3;"
         "UPDATE audit_events SET seq = -seq WHERE seq < 0");
  {
    pqxx::connection c(db_.owner_conninfo());
    pqxx::work tx(c);
    tx.exec("SET session_replication_role = replica");
    std::string prev, chain_key = audit::ChainKey(key);
    int64_t last = 0;
    for (const auto& r : tx.exec(
             "SELECT id, seq, ts_to_micros(occurred_at), encode(mac, 'hex') "
             "FROM audit_events ORDER BY seq")) {
      audit::Event e;
      e.id = r[0].as<int64_t>();
      e.occurred_at = absl::FromUnixMicros(r[2].as<int64_t>());
      e.mac = FromHex(r[3].as<std::string>());
      last = r[1].as<int64_t>();
      prev = audit::ChainLink(chain_key, prev, last, e);
      tx.exec("UPDATE audit_events SET chain_hash = decode(" +
              tx.quote(ToHex(prev)) + ", 'hex') WHERE id = " +
              std::to_string(e.id));
    }
    tx.exec("UPDATE audit_chain_head SET seq = " + std::to_string(last) +
            ", hash = decode(" + tx.quote(ToHex(prev)) +
            ", 'hex'), mac = decode(" +
            tx.quote(ToHex(audit::HeadMac(chain_key, last, prev))) +
            ", 'hex')");
    tx.commit();
  }
  EXPECT_TRUE(Verify().ok()) << "the rewrite was meant to verify without "
                                "the checkpoint";
  report = VerifyAgainst(made.checkpoint());
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_CHECKPOINT_NOT_EXTENDED);
  EXPECT_EQ(report.bad_seq(), 10);
}

TEST_F(AuditTrailTest, ABadCheckpointIsRefusedNamingIt) {
  v1::CreateCheckpointResponse made = Checkpoint();
  std::string key = ReadCredential("audit-checkpoint.key");
  auto refused = [&](const std::string& text) {
    grpc::Status s;
    Verify(Role::kAuditor, text, &s);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(FieldOf(s), "checkpoint");
    return ReasonOf(s);
  };
  EXPECT_EQ(refused(made.checkpoint().substr(0, 80)), "CHECKPOINT_MALFORMED");
  EXPECT_EQ(refused("not a checkpoint\n"), "CHECKPOINT_MALFORMED");
  // Signed by another key.
  auto theirs = audit::ParseCheckpoint(made.checkpoint(), "checkpoint");
  ASSERT_TRUE(theirs.ok());
  std::string other =
      "-----BEGIN PRIVATE KEY-----\n"
      "MC4CAQAwBQYDK2VwBCIEIAEbxuXckxMzGeQyW1iosJeqt0x9+y98bCWdxeDBgZY2\n"
      "-----END PRIVATE KEY-----\n";
  EXPECT_EQ(refused(audit::Sign(*theirs, other)->Text()),
            "CHECKPOINT_KEY_UNKNOWN");
  // An earlier position under the genuine signature.
  audit::Checkpoint moved = *theirs;
  moved.seq = 9;
  EXPECT_EQ(refused(moved.Text()), "CHECKPOINT_SIGNATURE_INVALID");
  // Genuinely signed but dated after the server's clock.
  audit::Checkpoint future = *theirs;
  future.time = server_.clock().Now() + absl::Hours(1);
  EXPECT_EQ(refused(audit::Sign(future, key)->Text()), "CHECKPOINT_FROM_FUTURE");
  // Genuinely signed, past, but beyond the trail: it was cut since.
  audit::Checkpoint beyond = *theirs;
  beyond.seq = 50;
  v1::VerifyAuditTrailResponse report =
      VerifyAgainst(audit::Sign(beyond, key)->Text());
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem(), v1::AUDIT_PROBLEM_CHECKPOINT_NOT_EXTENDED);
  EXPECT_EQ(report.bad_seq(), 50);
  EXPECT_TRUE(Verify().ok());
}

TEST_F(AuditTrailTest, NoCheckpointIsSignedForABrokenTrail) {
  Verify();
  Tamper("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 4");
  v1::CreateCheckpointResponse out;
  grpc::Status s = server_.Audit()->CreateCheckpoint(
      server_.As(Role::kAuditor).get(), v1::CreateCheckpointRequest(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "AUDIT_TRAIL_BROKEN");
  EXPECT_EQ(out.checkpoint(), "");
  s = server_.Audit()->CreateCheckpoint(server_.As(Role::kReviewer).get(),
                                        v1::CreateCheckpointRequest(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
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
