// The retention schedule (issue #15), through the real server: every rule
// keeps its record a day before its period ends and ends it the day after,
// by the server's clock; a period under the legal minimum is refused; a
// sweep stopped half-way leaves nothing half-done and the next finishes it;
// two sweeps at once do each record once.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <thread>

#include "grants/v1/organisations.grpc.pb.h"
#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

constexpr char kAdmin[] = "admin-ada";

class RetentionTest : public MonitoringTest {
 protected:
  std::unique_ptr<v1::OrganisationService::Stub> orgs_ =
      v1::OrganisationService::NewStub(server_.Channel());

  std::map<std::string, v1::RetentionRule> Rules() {
    v1::ListRetentionRulesResponse resp;
    grpc::Status s = orgs_->ListRetentionRules(
        server_.As(Role::kAuditor, "auditor-al").get(),
        v1::ListRetentionRulesRequest(), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::map<std::string, v1::RetentionRule> out;
    for (const auto& r : resp.rules()) out[r.record_class()] = r;
    return out;
  }

  grpc::Status SetPeriod(const std::string& record_class, int days,
                         v1::RetentionRule* out,
                         Role role = Role::kAdministrator,
                         const std::string& key = Key()) {
    v1::SetRetentionPeriodRequest req;
    req.set_request_id(key);
    req.set_record_class(record_class);
    req.set_keep_days(days);
    return orgs_->SetRetentionPeriod(server_.As(role, kAdmin).get(), req, out);
  }

  // Sweeps at the server's clock; how many records each class changed.
  std::map<std::string, int64_t> Sweep() {
    v1::SweepRetentionRequest req;
    req.set_request_id(Key());
    v1::SweepRetentionResponse resp;
    grpc::Status s = orgs_->SweepRetention(
        server_.As(Role::kAdministrator, kAdmin).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::map<std::string, int64_t> out;
    for (const auto& line : resp.swept())
      out[line.record_class()] = line.count();
    return out;
  }

  std::string Held(const std::string& sql) { return db_.Scalar(sql); }

  // Five groups' declined applications to one round, through the API.
  std::vector<std::string> Declined(int n) {
    auto round = awards_.OpenRound(1'000'000, {3'000'000});
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i)
      ids.push_back(
          awards_.Submit("ORG-D" + std::to_string(i), round.id(), 100'000)
              .id());
    awards_.Close(round.id());
    for (const auto& id : ids) {
      EXPECT_TRUE(awards_
                      .Recommend(id, Role::kOfficer, kRecommender,
                                 v1::OUTCOME_DECLINE, 0, nullptr,
                                 "Outside the scheme's aims")
                      .ok());
      EXPECT_TRUE(awards_.Decide(id, kDecider, v1::OUTCOME_DECLINE).ok());
    }
    return ids;
  }
};

// How a test recognises one class's record: still there as it was (true),
// or deleted or erased (false).
struct Probe {
  std::string record_class;
  std::function<bool()> present;
};

TEST_F(RetentionTest,
       EveryRuleKeepsItsRecordADayBeforeThePeriodEndsAndEndsItTheDayAfter) {
  // What each class holds, made at one instant: the server's clock now.
  v1::Award award = ClosedAward();  // ORG-ROMA: paid, reported, terminated
  std::vector<std::string> declined = Declined(1);
  const absl::Time start = server_.clock().Now();
  const std::string at =
      "micros_to_ts(" + std::to_string(absl::ToUnixMicros(start)) + ")";
  // Events the API stamps with the server's clock happened at `start`.
  db_.Exec(
      "SET session_replication_role = replica;"
      "UPDATE awards SET updated_at = " +
      at +
      ";"
      "UPDATE applications SET updated_at = " +
      at +
      ";"
      "UPDATE organisations SET updated_at = " +
      at + ", created_at = " + at +
      ";"
      "UPDATE bank_detail_changes SET proposed_at = " +
      at + ", confirmed_at = CASE WHEN confirmed_at IS NULL THEN NULL ELSE " +
      at + " END;");
  db_.Exec(
      "INSERT INTO sign_in_links (email, code_sha256, language, created_at,"
      " expires_at) VALUES ('link@example.org', 'retention-code', 'en', " +
      at + " - interval '1 hour', " + at +
      ");"
      "INSERT INTO idempotency_keys (actor, request_id, method, payload_hash,"
      " created_at) VALUES ('someone', 'retention-key', 'M', '\\x00', " +
      at +
      ");"
      "INSERT INTO notifications (dedupe_key, kind, organisation_id,"
      " recipient, language, params, created_at, sent_at) VALUES"
      " ('retention-message', 'report_due_soon', 'ORG-ROMA',"
      " 'ana@example.org', 'en', '{\"due\": \"2025-02-01\"}', " +
      at + ", " + at +
      ");"
      "INSERT INTO personal_data_reads (organisation_id, what, reader,"
      " reader_role, method, read_at) VALUES ('ORG-ROMA', 'contacts',"
      " 'officer-nosy', 'officer', 'GetOrganisation', " +
      at +
      ");"
      "INSERT INTO person_identities (id, email, created_at,"
      " last_signed_in_at) VALUES ('person-retention', 'gone@example.org', " +
      at + ", " + at + ");");
  // A bank statement with the ended award's application, evidence with the
  // award, and accounts with a declined application.
  const std::string document =
      "INSERT INTO documents (id, organisation_id, application_id, award_id,"
      " kind, file_name, content_type, size_bytes, sha256, content,"
      " uploaded_by, scanned_by, created_at) VALUES (gen_random_uuid(), ";
  db_.Exec(document + "'ORG-ROMA', '" + award.application_id() +
           "', NULL, 'bank_statement', 's.pdf', 'application/pdf', 3,"
           " '\\x00', '\\x010203', 'ana', 'test', " +
           at + ");" + document + "'ORG-ROMA', NULL, '" + award.id() +
           "', 'evidence', 'e.pdf', 'application/pdf', 3, '\\x00',"
           " '\\x010203', 'ana', 'test', " +
           at + ");" + document +
           "(SELECT organisation_id FROM applications WHERE id = '" +
           declined[0] + "'), '" + declined[0] +
           "', NULL, 'accounts', 'a.pdf', 'application/pdf', 3, '\\x00',"
           " '\\x010203', 'ana', 'test', " +
           at + ");");
  ASSERT_EQ(
      Held("SELECT count(*) FROM payment_payees WHERE account_number <> ''"),
      "1");

  const std::vector<Probe> probes = {
      {"sign_in_links",
       [&] {
         return Held(
                    "SELECT count(*) FROM sign_in_links WHERE code_sha256 = "
                    "'retention-code'") == "1";
       }},
      {"idempotency_keys",
       [&] {
         return Held(
                    "SELECT count(*) FROM idempotency_keys WHERE request_id = "
                    "'retention-key'") == "1";
       }},
      {"delivered_messages",
       [&] {
         return Held(
                    "SELECT recipient FROM notifications WHERE dedupe_key = "
                    "'retention-message'") == "ana@example.org";
       }},
      {"declined_applications",
       [&] {
         return Held("SELECT count(*) FROM applications WHERE id = '" +
                     declined[0] +
                     "' AND content::text LIKE '%Weekly sessions%'") == "1";
       }},
      {"idle_bank_details",
       [&] {
         return Held(
                    "SELECT bank_account_number FROM organisations WHERE id = "
                    "'ORG-ROMA'") != "";
       }},
      {"unsuccessful_groups",
       [&] {
         return Held(
                    "SELECT erased_at IS NULL FROM organisations WHERE id = "
                    "'ORG-D0'") == "t";
       }},
      {"personal_data_reads",
       [&] {
         return Held(
                    "SELECT count(*) FROM personal_data_reads WHERE reader = "
                    "'officer-nosy'") == "1";
       }},
      {"idle_identities",
       [&] {
         return Held(
                    "SELECT email FROM person_identities WHERE id = "
                    "'person-retention'") == "gone@example.org";
       }},
      {"report_words",
       [&] { return !db_.WhereHeld("Amina Hassan's cousin").empty(); }},
      {"declined_documents",
       [&] {
         return Held("SELECT count(*) FROM documents WHERE application_id = '" +
                     declined[0] + "'") == "1";
       }},
      {"award_documents",
       [&] {
         return Held("SELECT count(*) FROM documents WHERE award_id = '" +
                     award.id() + "' OR application_id = '" +
                     award.application_id() + "'") == "2";
       }},
      {"payee_accounts",
       [&] {
         return Held(
                    "SELECT count(*) FROM payment_payees WHERE account_number "
                    "<> ''") == "1";
       }},
  };
  std::map<std::string, v1::RetentionRule> rules = Rules();
  ASSERT_EQ(rules.size(), probes.size()) << "a class without a probe";
  // Classes with the same period end together: checked together.
  std::map<int, std::vector<Probe>> by_period;
  for (const Probe& probe : probes)
    by_period[rules[probe.record_class].keep_days()].push_back(probe);
  const std::string books = Books();
  for (const auto& [days, group] : by_period) {
    for (const Probe& probe : group)
      ASSERT_TRUE(probe.present()) << probe.record_class << " gone early";
    server_.clock().Set(start + absl::Hours(24) * (days - 1));
    Sweep();
    for (const Probe& probe : group)
      EXPECT_TRUE(probe.present())
          << probe.record_class << " gone a day before " << days << " days";
    server_.clock().Set(start + absl::Hours(24) * (days + 1));
    std::map<std::string, int64_t> swept = Sweep();
    for (const Probe& probe : group) {
      EXPECT_FALSE(probe.present())
          << probe.record_class << " kept a day after " << days << " days";
      EXPECT_GE(swept[probe.record_class], 1) << probe.record_class;
    }
  }
  // Each document went with a record of its removal, without its name.
  EXPECT_EQ(Held("SELECT count(*) FROM document_removals WHERE why = "
                 "'retention'"),
            "3");
  // What the money needs stays; the audit trail still verifies.
  EXPECT_EQ(Books(), books);
  EXPECT_EQ(Held("SELECT state FROM awards WHERE id = '" + award.id() + "'"),
            "terminated");
  EXPECT_EQ(Held("SELECT amount_minor FROM payments WHERE state = 'paid'"),
            "100000");
  ASSERT_TRUE(server_.server().SealAuditNow().ok());
  v1::VerifyAuditTrailResponse trail;
  ASSERT_TRUE(server_.Audit()
                  ->VerifyAuditTrail(server_.As(Role::kAuditor).get(),
                                     v1::VerifyAuditTrailRequest(), &trail)
                  .ok());
  EXPECT_TRUE(trail.ok()) << trail.detail();
  // Each batch that changed something is on the record, by class and count.
  EXPECT_NE(Held("SELECT count(*) FROM audit_events WHERE entity_type = "
                 "'retention_rule' AND entity_id = 'sign_in_links'"),
            "0");
  // And the schedule says when each class was last swept.
  EXPECT_TRUE(Rules()["payee_accounts"].has_sweep_time());
}

TEST_F(RetentionTest, APeriodUnderTheLegalMinimumIsRefusedAndChangesNothing) {
  v1::RetentionRule rule;
  grpc::Status s = SetPeriod("payee_accounts", 2189, &rule);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(s), "RETENTION_BELOW_MINIMUM");
  EXPECT_EQ(FieldOf(s), "keep_days");
  s = SetPeriod("idempotency_keys", 6, &rule);
  EXPECT_EQ(ReasonOf(s), "RETENTION_BELOW_MINIMUM");
  s = SetPeriod("sign_in_links", -1, &rule);
  EXPECT_EQ(ReasonOf(s), "KEEP_DAYS_INVALID");
  s = SetPeriod("every_record", 10, &rule);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(FieldOf(s), "record_class");
  s = SetPeriod("sign_in_links", 7, &rule, Role::kOfficer);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  auto rules = Rules();
  EXPECT_EQ(rules["payee_accounts"].keep_days(), 2190);
  EXPECT_EQ(rules["sign_in_links"].keep_days(), 30);
  EXPECT_EQ(rules["payee_accounts"].minimum_days(), 2190);
  EXPECT_EQ(Held("SELECT count(*) FROM audit_events WHERE entity_type = "
                 "'retention_rule'"),
            "0");

  // A period at the minimum is accepted, audited, and a retry is the same.
  const std::string key = Key();
  ASSERT_TRUE(
      SetPeriod("payee_accounts", 2190, &rule, Role::kAdministrator, key).ok());
  ASSERT_TRUE(
      SetPeriod("sign_in_links", 7, &rule, Role::kAdministrator, key + "b")
          .ok());
  EXPECT_EQ(rule.keep_days(), 7);
  EXPECT_EQ(rule.updated_by(), kAdmin);
  v1::RetentionRule again;
  ASSERT_TRUE(
      SetPeriod("sign_in_links", 7, &again, Role::kAdministrator, key + "b")
          .ok());
  EXPECT_EQ(again.keep_days(), 7);
  EXPECT_EQ(Held("SELECT count(*) FROM audit_events WHERE entity_type = "
                 "'retention_rule' AND entity_id = 'sign_in_links'"),
            "1");
  EXPECT_EQ(Rules()["sign_in_links"].keep_days(), 7);
  // Only administrators sweep.
  v1::SweepRetentionRequest req;
  req.set_request_id(Key());
  v1::SweepRetentionResponse resp;
  EXPECT_EQ(orgs_
                ->SweepRetention(
                    server_.As(Role::kOfficer, "officer-bob").get(), req, &resp)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(RetentionTest,
       ASweepStoppedHalfWayLeavesNothingHalfDoneAndTheNextFinishesIt) {
  std::vector<std::string> ids = Declined(5);
  server_.clock().Advance(absl::Hours(24) * 366);
  // Batches of one record: the three classes before declined_applications
  // find nothing due (one batch each), then two applications, then the
  // "crash".
  ASSERT_EQ(Rules()["declined_applications"].keep_days(), 365);
  ASSERT_TRUE(server_.server().SweepRetentionNow(1, 5).ok());
  // Each application is whole: its content and every submitted version
  // erased together with its mark, or none of them.
  auto whole = [&] {
    return Held(
        "SELECT count(*) FROM applications AS a WHERE a.state = 'declined' AND"
        " ((a.words_erased_at IS NOT NULL) <> (a.content::text NOT LIKE"
        " '%Weekly sessions%') OR EXISTS (SELECT 1 FROM application_submissions"
        " AS s WHERE s.application_id = a.id AND (a.words_erased_at IS NOT"
        " NULL) <> (s.content::text NOT LIKE '%Weekly sessions%')))");
  };
  EXPECT_EQ(whole(), "0");
  EXPECT_EQ(Held("SELECT count(*) FROM applications WHERE words_erased_at IS "
                 "NOT NULL"),
            "2");
  ASSERT_TRUE(server_.server().SweepRetentionNow(1, 0).ok());
  EXPECT_EQ(whole(), "0");
  EXPECT_EQ(Held("SELECT count(*) FROM applications WHERE words_erased_at IS "
                 "NOT NULL"),
            "5");
  // Amounts, boroughs and states stay.
  EXPECT_EQ(Held("SELECT sum(amount_minor) FROM applications WHERE state = "
                 "'declined'"),
            "500000");
  // Again: nothing more to do, and nothing more audited.
  const std::string events = Held("SELECT count(*) FROM audit_events");
  EXPECT_EQ(Sweep()["declined_applications"], 0);
  EXPECT_EQ(Held("SELECT count(*) FROM audit_events"), events);
}

TEST_F(RetentionTest, TwoSweepsAtOnceDoEachRecordOnce) {
  db_.Exec(
      "INSERT INTO sign_in_links (email, code_sha256, language, created_at,"
      " expires_at) SELECT 'x' || i || '@example.org', 'code-' || i, 'en',"
      " micros_to_ts(" +
      std::to_string(absl::ToUnixMicros(server_.clock().Now())) +
      ") - interval '2 hours', micros_to_ts(" +
      std::to_string(absl::ToUnixMicros(server_.clock().Now())) +
      ") - interval '1 hour' FROM generate_series(1, 1000) AS i");
  server_.clock().Advance(absl::Hours(24) * 31);
  std::map<std::string, int64_t> a, b;
  std::thread first([&] { a = Sweep(); });
  std::thread second([&] { b = Sweep(); });
  first.join();
  second.join();
  EXPECT_EQ(a["sign_in_links"] + b["sign_in_links"], 1000);
  EXPECT_EQ(Held("SELECT count(*) FROM sign_in_links"), "0");
  EXPECT_EQ(Held("SELECT sum((summary::jsonb ->> 'swept')::int) FROM "
                 "audit_events WHERE entity_type = 'retention_rule' AND "
                 "entity_id = 'sign_in_links'"),
            "1000");
}

}  // namespace
}  // namespace grants::testing
