// `grantsctl token`: mint development bearer tokens (no server needed).
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/caller.h"
#include "common/status.h"
#include "common/token_mint.h"

namespace grants::ctl {
namespace {

struct MintFlags {
  std::string role;
  std::string subject;
  std::string org;
  std::string funder;
  int64_t ttl_seconds = 900;
  std::string key_file;
};

absl::StatusOr<std::string> Mint(const MintFlags& f) {
  std::optional<Role> role = ParseRole(f.role);
  if (!role)
    return UsageError("--role", "ROLE_INVALID",
                      fmt::format("unknown role \"{}\"", f.role));
  ASSIGN_OR_RETURN(std::string key, ReadFileForFlag("--key", f.key_file));
  TokenClaims claims;
  claims.caller.role = *role;
  claims.caller.subject = f.subject.empty() ? "dev-" + f.role : f.subject;
  claims.caller.organisation_id = f.org;
  claims.caller.funder_id = f.funder;
  claims.ttl = absl::Seconds(f.ttl_seconds);
  absl::StatusOr<std::string> token = MintToken(key, claims, absl::Now());
  if (!token.ok()) return UsageErrorFrom("--key", token.status());
  return token;
}

void AddMint(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<MintFlags>();
  auto* cmd = noun->add_subcommand(
      "mint", "Sign a bearer token with an EC P-256 key and print it");
  cmd->add_option("--role", flags->role,
                  "officer, reviewer, grantee, funder or auditor")
      ->required();
  cmd->add_option("--subject", flags->subject, "Subject (default dev-<role>)");
  cmd->add_option("--org", flags->org, "Organisation id (grantee tokens)");
  cmd->add_option("--funder", flags->funder, "Funder id (funder tokens)");
  cmd->add_option("--ttl", flags->ttl_seconds, "Lifetime in seconds")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--key", flags->key_file, "EC P-256 private key (PEM)")
      ->required();
  OnRunLocal(cmd, ctx, [flags](const Printer&) -> absl::Status {
    ASSIGN_OR_RETURN(std::string token, Mint(*flags));
    std::cout << token << '\n';
    return absl::OkStatus();
  });
}

}  // namespace

void AddTokenCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("token", "Development bearer tokens");
  noun->require_subcommand(1);
  AddMint(noun, ctx);
}

}  // namespace grants::ctl
