// grantsctl: the grant officers' admin CLI (`grantsctl <noun> <verb> [flags]`).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <string>

#include "clients/grantsctl/client.h"
#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "clients/grantsctl/output.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

// Exit codes: 0 success, 1 the server (or connection) refused, 2 usage.
constexpr int kExitServerError = 1;
constexpr int kExitUsage = 2;

void AddConnectionOptions(CLI::App& app, GlobalOptions* o) {
  app.add_option("--server", o->server, "grantsd address host:port")
      ->envname("GRANTS_SERVER")
      ->capture_default_str();
  app.add_option("--ca", o->ca_file,
                 "PEM of the CA that signed the server certificate "
                 "(default: system roots)")
      ->envname("GRANTS_CA");
  app.add_option("--client-cert", o->client_cert_file,
                 "Client certificate PEM (mutual TLS, machines)")
      ->envname("GRANTS_CLIENT_CERT");
  app.add_option("--client-key", o->client_key_file,
                 "Client private key PEM (mutual TLS)")
      ->envname("GRANTS_CLIENT_KEY");
  app.add_option("--timeout", o->timeout_seconds, "Deadline of a call with its retries, seconds")
      ->envname("GRANTS_TIMEOUT")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

void AddIdentityOptions(CLI::App& app, GlobalOptions* o) {
  app.add_option("--token", o->token, "Bearer token")->envname("GRANTS_TOKEN");
  app.add_option("--signing-key", o->signing_key_file,
                 "Dev: EC P-256 key (PEM) to mint a 5-minute token with")
      ->envname("GRANTS_SIGNING_KEY");
  app.add_option("--as", o->as_role, "Dev: role to mint for (default officer)")
      ->envname("GRANTS_AS");
  app.add_option("--subject", o->subject, "Dev: subject (default dev-<role>)")
      ->envname("GRANTS_SUBJECT");
  app.add_option("--org", o->org, "Dev: the grantee's organisation id")
      ->envname("GRANTS_ORG");
  app.add_option("--funder", o->funder, "Dev: the funder role's funder id")
      ->envname("GRANTS_FUNDER");
}

void AddGlobalOptions(CLI::App& app, GlobalOptions* o) {
  AddConnectionOptions(app, o);
  AddIdentityOptions(app, o);
  app.add_option("--output,-o", o->output, "table, json or csv")
      ->envname("GRANTS_OUTPUT")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app.add_option("--request-id", o->request_id,
                 "Idempotency key for a mutation (default: a fresh UUID); "
                 "reuse it to retry safely");
  app.add_option("--retries", o->retries,
                 "Retries of a call refused as UNAVAILABLE, with backoff "
                 "and the same request_id")
      ->envname("GRANTS_RETRIES")
      ->capture_default_str()
      ->check(CLI::Range(0, 10));
}

// Help and version exit 0 as CLI11 prints them; any other parse error is
// one error line and exit 2.
int ParseFailure(const CLI::App& app, const CLI::ParseError& e) {
  if (e.get_exit_code() == 0) return app.exit(e);
  PrintError(AsLocal(MakeError(absl::StatusCode::kInvalidArgument, "USAGE",
                               fmt::format("{} (see --help)", e.what()))));
  return kExitUsage;
}

absl::Status RunChosen(const CommandContext& ctx) {
  Printer out(ParseOutputFormat(ctx.options.output));
  if (ctx.local) return ctx.local(out);
  if (!ctx.remote) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::unique_ptr<Client> client,
                   Client::Connect(ctx.options));
  return ctx.remote(*client, out);
}

int Run(int argc, char** argv) {
  CLI::App app{
      "grantsctl: administer grants (funders, funds, programmes, "
      "rounds, organisations, applications, assessment, audit, awards, "
      "payments) over gRPC"};
  app.require_subcommand(1);
  // Global options may follow the noun and verb: `funder list -o json`.
  app.fallthrough();
  CommandContext ctx;
  AddGlobalOptions(app, &ctx.options);
  AddFunderCommands(app, &ctx);
  AddFundCommands(app, &ctx);
  AddProgrammeCommands(app, &ctx);
  AddRoundCommands(app, &ctx);
  AddOrganisationCommands(app, &ctx);
  AddApplicationCommands(app, &ctx);
  AddExtensionCommands(app, &ctx);
  AddAssessmentCommands(app, &ctx);
  AddAuditCommands(app, &ctx);
  AddTokenCommands(app, &ctx);
  AddAwardCommands(app, &ctx);
  AddPaymentCommands(app, &ctx);
  AddReportCommands(app, &ctx);
  AddReachCommands(app, &ctx);
  AddIndicatorCommands(app, &ctx);
  AddExportCommands(app, &ctx);
  AddPersonCommands(app, &ctx);
  AddRetentionCommands(app, &ctx);
  AddDocumentCommands(app, &ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return ParseFailure(app, e);
  }
  absl::Status status = RunChosen(ctx);
  if (!status.ok()) {
    PrintError(status);
    return IsLocal(status) ? kExitUsage : kExitServerError;
  }
  return ctx.exit_code;
}

}  // namespace
}  // namespace grants::ctl

int main(int argc, char** argv) { return grants::ctl::Run(argc, argv); }
