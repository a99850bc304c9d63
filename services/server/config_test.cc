// Unit tests of grantsd's start-up validation: each bad setting is refused
// with the stable reason CONFIG_INVALID and the flag at fault named.
#include "services/server/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "common/status.h"

namespace grants::server {
namespace {

const std::string kAuditKeyHex(64, 'a');

// An EC P-256 private key (a test fixture, signs nothing real).
constexpr char kP256Key[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsmRaMSBFR27y0ePq
rZTMdHxfTKNApg4gvmVzQjTAWxahRANCAATIvLnE+mo7Pqn3amwIw4hBZn+H2tBC
3/9E+eu7a4si32PiP3dNkq2Ax+YN80BA08tWf1aD5S9+8se73eboLYcB
-----END PRIVATE KEY-----
)";

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "grants_config_test_" +
           std::to_string(::getpid()) + "_";
    config_.tls_cert_file = Write("server.pem", "CERT");
    config_.tls_key_file = Write("server.key", "KEY");
    config_.client_ca_file = Write("ca.pem", "CA");
    config_.jwt_public_key_files = {Write("jwt.pub", "PUB")};
    config_.audit_key_file = Write("audit.key", kAuditKeyHex + "\n");
  }
  void TearDown() override {
    for (const auto& f : written_) std::remove(f.c_str());
  }

  // Writes `contents` to a scratch file and returns its path.
  std::string Write(const std::string& name, const std::string& contents) {
    std::string path = dir_ + name;
    std::ofstream(path, std::ios::binary) << contents;
    written_.push_back(path);
    return path;
  }

  // Expects LoadSecrets to refuse the config, naming `flag`; returns the
  // message for further checks.
  std::string ExpectRefused(const std::string& flag) {
    auto loaded = LoadSecrets(config_);
    EXPECT_FALSE(loaded.ok()) << flag;
    if (loaded.ok()) return "";
    const absl::Status& s = loaded.status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
    EXPECT_EQ(ReasonOf(s), "CONFIG_INVALID") << s;
    auto fields = FieldViolationsOf(s);
    EXPECT_EQ(fields.size(), 1u) << s;
    if (!fields.empty()) {
      EXPECT_EQ(fields.front().field, flag) << s;
    }
    EXPECT_NE(s.message().find(flag), std::string::npos) << s;
    return std::string(s.message());
  }

  std::string dir_;
  std::vector<std::string> written_;
  ServerConfig config_;
};

TEST_F(ConfigTest, AcceptsAValidConfigurationAndReadsEveryFile) {
  auto loaded = LoadSecrets(config_);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->tls_cert, "CERT");
  EXPECT_EQ(loaded->tls_key, "KEY");
  EXPECT_EQ(loaded->client_ca, "CA");
  EXPECT_EQ(loaded->jwt_public_keys, std::vector<std::string>{"PUB"});
  EXPECT_EQ(loaded->audit_key, std::string(32, '\xaa'));
}

TEST_F(ConfigTest, RefusesAPoolSizeOutsideOneToSixtyFour) {
  config_.pool_size = 0;
  ExpectRefused("--pool-size");
  config_.pool_size = 65;
  ExpectRefused("--pool-size");
}

TEST_F(ConfigTest, RefusesDatabaseTimeoutsOutOfRange) {
  config_.db_connect_timeout_s = -1;
  ExpectRefused("--db-connect-timeout");
  config_.db_connect_timeout_s = 5;
  config_.db_statement_timeout_ms = 50;  // would cancel everything
  ExpectRefused("--db-statement-timeout-ms");
  config_.db_statement_timeout_ms = 0;  // none: allowed
  config_.health_probe_interval_ms = 10;
  ExpectRefused("--health-probe-interval-ms");
  config_.health_probe_interval_ms = 1000;
  EXPECT_TRUE(LoadSecrets(config_).ok());
}

TEST_F(ConfigTest, RefusesFewerThreadsThanPoolConnections) {
  config_.pool_size = 8;
  config_.max_threads = 7;
  ExpectRefused("--max-threads");
}

TEST_F(ConfigTest, RefusesAnUnknownServiceNameAndSaysWhichOne) {
  config_.services = {"funding", "grants"};
  EXPECT_NE(ExpectRefused("--services").find("'grants'"), std::string::npos);
  config_.services = {};
  ExpectRefused("--services");
}

TEST_F(ConfigTest, AcceptsASubsetOfServices) {
  config_.services = {"funding", "audit"};
  EXPECT_TRUE(LoadSecrets(config_).ok());
}

TEST_F(ConfigTest, RefusesAFileThatCannotBeReadAndNamesThePath) {
  config_.tls_cert_file = dir_ + "does-not-exist.pem";
  EXPECT_NE(ExpectRefused("--tls-cert").find(config_.tls_cert_file),
            std::string::npos);
}

TEST_F(ConfigTest, RefusesEachRequiredFileWhenMissing) {
  ServerConfig valid = config_;
  config_.tls_key_file = "";
  ExpectRefused("--tls-key");
  config_ = valid;
  config_.client_ca_file = "/nonexistent/ca.pem";
  ExpectRefused("--client-ca");
  config_ = valid;
  config_.jwt_public_key_files = {};
  ExpectRefused("--jwt-public-key");
  config_ = valid;
  config_.jwt_public_key_files.push_back("/nonexistent/jwt.pub");
  ExpectRefused("--jwt-public-key");
  config_ = valid;
  config_.audit_key_file = "/nonexistent/audit.key";
  ExpectRefused("--audit-key-file");
}

TEST_F(ConfigTest, RefusesAnAuditKeyShorterThan32Bytes) {
  config_.audit_key_file = Write("short.key", std::string(62, 'a') + "\n");
  ExpectRefused("--audit-key-file");
  config_.audit_key_file = Write("not-hex.key", std::string(64, 'z'));
  ExpectRefused("--audit-key-file");
}

TEST_F(ConfigTest, RefusesAMetricsAddressThatIsNotLoopback) {
  for (const char* listen :
       {"0.0.0.0:9464", "10.1.2.3:9464", "9464", "example.org:9464",
        "[::]:9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:99999",
        "127.0.0.1:94x4", "128.0.0.1:9464"}) {
    config_.metrics_listen = listen;
    ExpectRefused("--metrics-listen");
  }
}

TEST_F(ConfigTest, AcceptsLoopbackMetricsAddressesAndNone) {
  for (const char* listen : {"", "127.0.0.1:9464", "127.0.0.2:0",
                             "localhost:9464", "[::1]:9464"}) {
    config_.metrics_listen = listen;
    auto loaded = LoadSecrets(config_);
    EXPECT_TRUE(loaded.ok()) << listen << ": " << loaded.status();
  }
}

TEST_F(ConfigTest, RefusesAnSmtpRelayThatWouldLeakOrIsAmbiguous) {
  const ServerConfig valid = config_;
  config_.smtp_url = "http://relay.example.org";
  ExpectRefused("--smtp-url");
  config_.smtp_url = "smtp://relay.example.org:587";
  config_.notification_spool = "/tmp";
  ExpectRefused("--smtp-url");  // a spool and a relay
  config_ = valid;
  config_.smtp_url = "smtp://relay.example.org:587";
  config_.smtp_tls = "none";  // plain text over the network
  ExpectRefused("--smtp-tls");
  config_.smtp_tls = "maybe";
  ExpectRefused("--smtp-tls");
  config_.smtp_url = "smtp://127.0.0.1:2525";
  config_.smtp_tls = "none";
  config_.smtp_user = "grants";
  config_.smtp_password_file = Write("smtp.pass", "secret\n");
  ExpectRefused("--smtp-tls");  // credentials never go in clear
  config_.smtp_tls = "required";
  config_.smtp_password_file = "";
  ExpectRefused("--smtp-password-file");
  config_.smtp_password_file = "/nonexistent/smtp.pass";
  ExpectRefused("--smtp-password-file");
}

TEST_F(ConfigTest, AcceptsAnEncryptedRelayOrALocalPlainOne) {
  config_.smtp_url = "smtps://relay.example.org:465";
  config_.smtp_user = "grants";
  config_.smtp_password_file = Write("smtp.pass", "secret\n");
  auto loaded = LoadSecrets(config_);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->smtp_password, "secret");
  config_.smtp_url = "smtp://localhost:25";
  config_.smtp_tls = "none";
  config_.smtp_user = config_.smtp_password_file = "";
  EXPECT_TRUE(LoadSecrets(config_).ok());
}

TEST_F(ConfigTest, RefusesSignInLinksThatWouldLeakOrNeverArrive) {
  const ServerConfig valid = config_;
  config_.session_signing_key_file = Write("session.key", "not a key");
  config_.portal_url = "https://portal.example.org";
  config_.notification_spool = "/tmp";
  ExpectRefused("--session-signing-key");  // not a key
  config_.session_signing_key_file = Write("session.key", kP256Key);
  config_.portal_url = "http://portal.example.org";  // the code in clear
  ExpectRefused("--portal-url");
  config_.portal_url = "";
  ExpectRefused("--portal-url");
  config_.portal_url = "https://portal.example.org/";
  ExpectRefused("--portal-url");
  config_.portal_url = "http://127.0.0.1:8080";
  config_.notification_spool = "";  // links could never be sent
  ExpectRefused("--session-signing-key");
  config_.notification_spool = "/tmp";
  auto loaded = LoadSecrets(config_);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_NE(loaded->session_public_key.find("BEGIN PUBLIC KEY"),
            std::string::npos);
  config_ = valid;
  EXPECT_TRUE(LoadSecrets(config_)->session_public_key.empty());  // sign-in off
}

}  // namespace
}  // namespace grants::server
