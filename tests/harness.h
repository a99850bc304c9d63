// Test harness: a throwaway database on the PostgreSQL that the test command
// started (PG* environment), and grantsd running in-process on a free
// loopback port with TLS, real token checks and a fake clock.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "grants/v1/audit.grpc.pb.h"
#include "grants/v1/funding.grpc.pb.h"
#include "grants/v1/programmes.grpc.pb.h"
#include "common/caller.h"
#include "common/clock.h"
#include "services/common/metrics.h"
#include "services/server/grants_server.h"

namespace grants::testing {

// The directory ops/dev-credentials.sh filled for the tests.
std::string CredentialsDir();
std::string ReadCredential(const std::string& name);

// A fresh database, dropped when destroyed. Fails the test (never skips)
// when PostgreSQL cannot be reached.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  // How grantsd connects: as a login role in grants_writer (migration
  // 0017), which may not update or delete audit events, as in production.
  const std::string& conninfo() const { return conninfo_; }
  // As the owner of the tables (who migrated them): a superuser here.
  const std::string& owner_conninfo() const { return owner_conninfo_; }
  // Runs SQL directly as the owner (for tampering tests and checks).
  void Exec(const std::string& sql) const;
  // The first column of the first row of `sql`, as text.
  std::string Scalar(const std::string& sql) const;
  // Where `value` is held: the "table.column" of every text, json or array
  // column whose text contains it (case-insensitive), or "".
  std::string WhereHeld(const std::string& value) const;

 private:
  std::string name_;
  std::string admin_conninfo_;
  std::string owner_conninfo_;
  std::string conninfo_;
};

// The login role TestDatabase::conninfo() uses, and its password.
inline constexpr char kWriterRole[] = "grantsd_test";
inline constexpr char kWriterPassword[] = "grantsd-test";

// 2025-01-15T12:00:00Z: the fake clock's default start.
absl::Time DefaultNow();

// What a TestServer hosts, and where it reports metrics (none when null).
struct TestServerOptions {
  absl::Time now = DefaultNow();
  std::vector<std::string> services = server::kAllServices;
  Metrics* metrics = nullptr;
  // The outbox's spool directory ("" leaves the outbox off); its loop runs
  // hourly, so tests drive it with RunOutboxNow.
  std::string notification_spool;
  // Or an SMTP relay on this machine (plain SMTP: --smtp-tls none).
  std::string smtp_url;
  // The officers' digest mailbox ("" queues no digest).
  std::string officer_digest_to;
  // Keep documents' bytes here instead of the database ("" for that).
  std::string documents_dir;
  // The largest document (grantsd's --max-document-bytes).
  int64_t max_document_bytes = 10 * 1024 * 1024;
  // Grantee sign-in by emailed link (SignInService), its links pointing at
  // kPortalUrl; without a spool or relay above, links wait in the outbox.
  bool sign_in = true;
  // Database connections (and the workers that run calls), and the
  // database timeouts and health probe (grantsd's --pool-size,
  // --db-connect-timeout, --db-statement-timeout-ms,
  // --health-probe-interval-ms).
  int pool_size = 8;
  int db_connect_timeout_s = 5;
  int db_statement_timeout_ms = 30'000;
  int health_probe_interval_ms = 1000;
};

// Where the test servers' sign-in links point.
inline constexpr char kPortalUrl[] = "http://127.0.0.1:8080";

// The configuration TestServer starts grantsd with: dev credentials, a
// listening port of its own, `options`. A spool directory made for sign-in
// goes to `own_spool` (the caller removes it).
server::ServerConfig TestServerConfig(const std::string& conninfo,
                                      const TestServerOptions& options,
                                      std::filesystem::path* own_spool);

class TestServer {
 public:
  explicit TestServer(const std::string& conninfo,
                      absl::Time now = DefaultNow());
  TestServer(const std::string& conninfo, const TestServerOptions& options);
  ~TestServer();

  FakeClock& clock() { return clock_; }
  server::GrantsServer& server() { return *server_; }
  std::string target() const;

  // A TLS channel without a client certificate (people use tokens).
  std::shared_ptr<grpc::Channel> Channel() const;
  // A TLS channel presenting the dev finance machine certificate.
  std::shared_ptr<grpc::Channel> FinanceChannel() const;
  // A TLS channel presenting the dev portal machine certificate.
  std::shared_ptr<grpc::Channel> PortalChannel() const;

  // A token for a person in `role` (grantee bound to `org`, funder to
  // `funder_id`), valid at the fake clock's time.
  std::string Token(Role role, const std::string& subject = "",
                    const std::string& org = "",
                    const std::string& funder_id = "") const;
  // A client context carrying that token.
  std::unique_ptr<grpc::ClientContext> As(Role role,
                                          const std::string& subject = "",
                                          const std::string& org = "",
                                          const std::string& funder_id = "") const;

  std::unique_ptr<v1::FundingService::Stub> Funding() const;
  std::unique_ptr<v1::ProgrammeService::Stub> Programmes() const;
  std::unique_ptr<v1::AuditService::Stub> Audit() const;

 private:
  FakeClock clock_;
  std::filesystem::path own_spool_;  // made for sign-in when none was given
  std::unique_ptr<server::GrantsServer> server_;
};

// Expect helpers: the status code and the stable reason in the details.
std::string ReasonOf(const grpc::Status& s);
// The first field violation's field, or "".
std::string FieldOf(const grpc::Status& s);

// A fresh idempotency key.
std::string Key();

}  // namespace grants::testing
