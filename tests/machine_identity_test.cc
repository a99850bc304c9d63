// Machines authenticate with client certificates: one that chains to the
// configured CA but names no machine role is refused, and a call with no
// credentials at all is refused too.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grants/v1/funding.grpc.pb.h"
#include "common/crypto.h"
#include "tests/harness.h"

namespace grants::testing {
namespace {

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A client certificate with common name `cn`, signed by the test CA.
std::pair<std::string, std::string> IssueClientCertificate(const std::string& cn) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("grants-cert-" + ToHex(Sha256(RandomUuid())).substr(0, 8));
  std::filesystem::create_directories(dir);
  std::string ca = CredentialsDir();
  std::string subject;  // '/' separates names in -subj: escape it in the CN
  for (char c : cn) subject += c == '/' ? std::string("\\/") : std::string(1, c);
  std::ofstream(dir / "ext.cnf") << "extendedKeyUsage = clientAuth\n";
  std::string cmd =
      "cd " + dir.string() +
      " && openssl ecparam -name prime256v1 -genkey -noout -out c.key 2>/dev/null"
      " && openssl req -new -key c.key -subj '/CN=" + subject + "' -out c.csr 2>/dev/null"
      " && openssl x509 -req -in c.csr -CA " + ca + "/ca.pem -CAkey " + ca +
      "/ca.key -CAcreateserial -days 1 -extfile ext.cnf -out c.pem 2>/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  auto out = std::make_pair(Slurp(dir / "c.pem"), Slurp(dir / "c.key"));
  std::filesystem::remove_all(dir);
  return out;
}

TEST(MachineIdentityTest, ACertificateNamingNoMachineRoleIsRefused) {
  TestDatabase db;
  TestServer server(db.conninfo());
  auto [cert, key] = IssueClientCertificate("printer/office-3");
  grpc::SslCredentialsOptions opts;
  opts.pem_root_certs = ReadCredential("ca.pem");
  opts.pem_cert_chain = cert;
  opts.pem_private_key = key;
  auto stub = v1::FundingService::NewStub(
      grpc::CreateChannel(server.target(), grpc::SslCredentials(opts)));
  grpc::ClientContext ctx;
  v1::ListFundsRequest req;
  v1::ListFundsResponse out;
  grpc::Status s = stub->ListFunds(&ctx, req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(s), "CERTIFICATE_UNKNOWN");

  // The finance machine's own certificate is accepted for what finance may do.
  auto finance = v1::FundingService::NewStub(server.FinanceChannel());
  grpc::ClientContext fctx;
  EXPECT_NE(finance->ListFunds(&fctx, req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace grants::testing
