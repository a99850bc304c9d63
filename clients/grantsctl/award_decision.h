// `grantsctl award` verbs about decisions: round settings, recommend,
// decide, decide-bulk, decision.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/grantsctl/commands.h"

namespace grants::ctl {

// Adds the decision verbs to the `award` noun.
void AddAwardDecisionCommands(CLI::App* noun, CommandContext* ctx);

}  // namespace grants::ctl
