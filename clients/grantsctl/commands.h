// grantsctl's command registry: the chosen verb's action; one adder per noun.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>

#include "absl/status/status.h"
#include "clients/grantsctl/client.h"
#include "clients/grantsctl/output.h"

namespace grants::ctl {

// Shared by every command: the global options and the chosen verb's action.
struct CommandContext {
  // Runs a verb that talks to grantsd; main connects first.
  using RemoteAction = std::function<absl::Status(Client&, const Printer&)>;
  // Runs a verb that needs no server (token mint).
  using LocalAction = std::function<absl::Status(const Printer&)>;

  GlobalOptions options;
  RemoteAction remote;
  LocalAction local;
  // Exit code on success; `audit verify` sets 1 when the trail is broken.
  int exit_code = 0;
};

// Makes `action` what runs when `cmd` is the chosen subcommand.
inline void OnRun(CLI::App* cmd, CommandContext* ctx,
                  CommandContext::RemoteAction action) {
  cmd->callback([ctx, action = std::move(action)] { ctx->remote = action; });
}
inline void OnRunLocal(CLI::App* cmd, CommandContext* ctx,
                       CommandContext::LocalAction action) {
  cmd->callback([ctx, action = std::move(action)] { ctx->local = action; });
}

// One per noun; each adds `<noun>` and its verbs to `app`.
void AddFunderCommands(CLI::App& app, CommandContext* ctx);
void AddFundCommands(CLI::App& app, CommandContext* ctx);
void AddProgrammeCommands(CLI::App& app, CommandContext* ctx);
void AddRoundCommands(CLI::App& app, CommandContext* ctx);
void AddOrganisationCommands(CLI::App& app, CommandContext* ctx);
// `organisation bank-details propose|confirm|pending` (bank_details.cc).
void AddBankDetailsCommands(CLI::App* organisation, CommandContext* ctx);
void AddApplicationCommands(CLI::App& app, CommandContext* ctx);
void AddExtensionCommands(CLI::App& app, CommandContext* ctx);
void AddAssessmentCommands(CLI::App& app, CommandContext* ctx);
void AddAuditCommands(CLI::App& app, CommandContext* ctx);
void AddTokenCommands(CLI::App& app, CommandContext* ctx);
void AddAwardCommands(CLI::App& app, CommandContext* ctx);
void AddPaymentCommands(CLI::App& app, CommandContext* ctx);
void AddReportCommands(CLI::App& app, CommandContext* ctx);
void AddReachCommands(CLI::App& app, CommandContext* ctx);
void AddIndicatorCommands(CLI::App& app, CommandContext* ctx);
void AddExportCommands(CLI::App& app, CommandContext* ctx);
void AddPersonCommands(CLI::App& app, CommandContext* ctx);
void AddRetentionCommands(CLI::App& app, CommandContext* ctx);
void AddDocumentCommands(CLI::App& app, CommandContext* ctx);
// `recovery raise|write-off`, under the recovery noun (recovery.cc).
void AddRecoveryCommands(CLI::App* recovery, CommandContext* ctx);
// `award conditions` and `award condition meet|sign-off|return`
// (award_condition.cc).
void AddConditionCommands(CLI::App* award, CommandContext* ctx);
// `export grants-csv` and `payments-csv`, under the export noun.
void AddCsvExports(CLI::App* noun, CommandContext* ctx);

}  // namespace grants::ctl
