// Test harness implementation.
#include "tests/harness.h"

#include <filesystem>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "common/crypto.h"
#include "common/status.h"
#include "clients/client/client_status.h"
#include "clients/client/connection.h"
#include "common/token_mint.h"
#include "storage/migrate.h"

namespace grants::testing {

std::string CredentialsDir() {
  const char* dir = std::getenv("GRANTS_TEST_CREDENTIALS");
  if (dir == nullptr) {
    ADD_FAILURE() << "GRANTS_TEST_CREDENTIALS is not set (run through ctest)";
    return "";
  }
  return dir;
}

std::string ReadCredential(const std::string& name) {
  std::ifstream in(CredentialsDir() + "/" + name);
  EXPECT_TRUE(in) << "missing credential " << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TestDatabase::TestDatabase() {
  name_ = "grants_test_" + ToHex(Sha256(RandomUuid())).substr(0, 12);
  admin_conninfo_ = "";  // the PG* environment set by pg_virtualenv
  try {
    pqxx::connection admin(admin_conninfo_);
    pqxx::nontransaction n(admin);
    n.exec("CREATE DATABASE " + name_);
    owner_conninfo_ = "dbname=" + name_;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "PostgreSQL is required for this test and could not be "
                     "reached (is the test command running it?): "
                  << e.what();
    throw;
  }
  auto applied = storage::ApplyMigrations(owner_conninfo_);
  EXPECT_TRUE(applied.ok()) << applied.status();
  // grantsd's login role, once per cluster (other tests may be creating it
  // at the same moment).
  for (int attempt = 0;; ++attempt) {
    try {
      pqxx::connection admin(admin_conninfo_);
      pqxx::nontransaction n(admin);
      n.exec(std::string("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles "
                         "WHERE rolname = '") +
             kWriterRole + "') THEN CREATE ROLE " + kWriterRole +
             " LOGIN PASSWORD '" + kWriterPassword +
             "' IN ROLE grants_writer; END IF; END $$");
      break;
    } catch (const std::exception& e) {
      if (attempt == 5) {
        ADD_FAILURE() << "cannot create " << kWriterRole << ": " << e.what();
        throw;
      }
    }
  }
  conninfo_ = owner_conninfo_ + " user=" + kWriterRole +
              " password=" + kWriterPassword;
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(admin_conninfo_);
    pqxx::nontransaction n(admin);
    n.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // Leave it; the throwaway cluster goes away with the test run.
  }
}

void TestDatabase::Exec(const std::string& sql) const {
  pqxx::connection c(owner_conninfo_);
  pqxx::work tx(c);
  tx.exec(sql);
  tx.commit();
}

std::string TestDatabase::Scalar(const std::string& sql) const {
  pqxx::connection c(owner_conninfo_);
  pqxx::work tx(c);
  auto r = tx.exec(sql);
  return r.empty() || r[0][0].is_null() ? "" : r[0][0].as<std::string>();
}

std::string TestDatabase::WhereHeld(const std::string& value) const {
  pqxx::connection c(owner_conninfo_);
  pqxx::work tx(c);
  std::string pattern = "%" + value + "%";
  auto columns = tx.exec_params(
      "SELECT string_agg(format('SELECT %L AS col FROM %I WHERE %I::text "
      "ILIKE %L', table_name || '.' || column_name, table_name, column_name, "
      "$1::text), ' UNION ALL ') FROM information_schema.columns WHERE "
      "table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', "
      "'ARRAY', 'character varying')",
      pattern);
  auto r = tx.exec("SELECT string_agg(DISTINCT col, ', ') FROM (" +
                   columns[0][0].as<std::string>() + ") AS held");
  return r.empty() || r[0][0].is_null() ? "" : r[0][0].as<std::string>();
}

absl::Time DefaultNow() { return absl::FromUnixSeconds(1736942400); }

TestServer::TestServer(const std::string& conninfo, absl::Time now)
    : TestServer(conninfo, TestServerOptions{.now = now}) {}

server::ServerConfig TestServerConfig(const std::string& conninfo,
                                      const TestServerOptions& options,
                                      std::filesystem::path* own_spool) {
  server::ServerConfig config;
  config.services = options.services;
  config.listen = "127.0.0.1:0";
  config.database = conninfo;
  std::string dir = CredentialsDir();
  config.tls_cert_file = dir + "/server.pem";
  config.tls_key_file = dir + "/server.key";
  config.client_ca_file = dir + "/ca.pem";
  config.jwt_public_key_files = {dir + "/jwt-signing.pub"};
  config.audit_key_file = dir + "/audit.key";
  config.audit_checkpoint_key_file = dir + "/audit-checkpoint.key";
  config.pool_size = options.pool_size;
  config.db_connect_timeout_s = options.db_connect_timeout_s;
  config.db_statement_timeout_ms = options.db_statement_timeout_ms;
  config.health_probe_interval_ms = options.health_probe_interval_ms;
  config.seal_interval_ms = 200;
  config.notification_spool = options.notification_spool;
  config.smtp_url = options.smtp_url;
  config.officer_digest_to = options.officer_digest_to;
  // ops/test.sh starts a clamd for the documents' scans; without it an
  // upload cannot finish (SCANNER_UNAVAILABLE), so those tests fail.
  const char* clamd = std::getenv("GRANTS_TEST_CLAMD");
  config.clamd_address = clamd ? clamd : "/nonexistent/clamd.sock";
  config.documents_dir = options.documents_dir;
  config.max_document_bytes = options.max_document_bytes;
  if (!options.smtp_url.empty()) config.smtp_tls = "none";
  if (options.sign_in) {
    config.session_signing_key_file = dir + "/session-signing.key";
    config.portal_url = kPortalUrl;
    if (config.notification_spool.empty() && config.smtp_url.empty()) {
      *own_spool = std::filesystem::temp_directory_path() /
                   ("grants-test-spool-" + Key());
      std::filesystem::create_directories(*own_spool);
      config.notification_spool = own_spool->string();
    }
  }
  config.outbox_interval_ms = 3'600'000;
  return config;
}

TestServer::TestServer(const std::string& conninfo,
                       const TestServerOptions& options)
    : clock_(options.now) {
  server::ServerConfig config = TestServerConfig(conninfo, options, &own_spool_);
  auto secrets = server::LoadSecrets(config);
  if (!secrets.ok()) ADD_FAILURE() << secrets.status();
  auto started =
      server::GrantsServer::Start(config, *secrets, clock_, options.metrics);
  if (!started.ok()) {
    ADD_FAILURE() << started.status();
    throw std::runtime_error("server did not start");
  }
  server_ = std::move(started).value();
}

TestServer::~TestServer() {
  if (server_) server_->Shutdown(absl::Seconds(5));
  if (!own_spool_.empty()) std::filesystem::remove_all(own_spool_);
}

std::string TestServer::target() const {
  return "localhost:" + std::to_string(server_->port());
}

std::shared_ptr<grpc::Channel> TestServer::Channel() const {
  return client::OpenChannel(target(), {ReadCredential("ca.pem"), "", ""});
}

namespace {

// A TLS channel to `target` presenting the dev machine certificate `name`.
std::shared_ptr<grpc::Channel> MachineChannel(const std::string& target,
                                              const std::string& name) {
  return client::OpenChannel(
      target, {ReadCredential("ca.pem"), ReadCredential(name + ".pem"),
               ReadCredential(name + ".key")});
}

}  // namespace

std::shared_ptr<grpc::Channel> TestServer::FinanceChannel() const {
  return MachineChannel(target(), "finance");
}

std::shared_ptr<grpc::Channel> TestServer::PortalChannel() const {
  return MachineChannel(target(), "portal");
}

std::string TestServer::Token(Role role, const std::string& subject,
                              const std::string& org,
                              const std::string& funder_id) const {
  TokenClaims claims;
  claims.caller = {subject.empty() ? "test-" + std::string(RoleName(role))
                                   : subject,
                   role, org, funder_id};
  auto token = MintToken(ReadCredential("jwt-signing.key"), claims,
                         clock_.Now());
  EXPECT_TRUE(token.ok()) << token.status();
  return token.value_or("");
}

std::unique_ptr<grpc::ClientContext> TestServer::As(
    Role role, const std::string& subject, const std::string& org,
    const std::string& funder_id) const {
  return client::NewContext(Token(role, subject, org, funder_id),
                            absl::Seconds(30));
}

std::unique_ptr<v1::FundingService::Stub> TestServer::Funding() const {
  return v1::FundingService::NewStub(Channel());
}
std::unique_ptr<v1::ProgrammeService::Stub> TestServer::Programmes() const {
  return v1::ProgrammeService::NewStub(Channel());
}
std::unique_ptr<v1::AuditService::Stub> TestServer::Audit() const {
  return v1::AuditService::NewStub(Channel());
}

std::string ReasonOf(const grpc::Status& s) {
  return grants::ReasonOf(FromGrpcStatus(s));
}

std::string FieldOf(const grpc::Status& s) {
  auto fields = FieldViolationsOf(FromGrpcStatus(s));
  return fields.empty() ? "" : fields.front().field;
}

std::string Key() { return RandomUuid(); }

}  // namespace grants::testing
