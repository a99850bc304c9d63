// `grantsctl award` verbs about running awards: vary, variation approve |
// reject, variations, terminate.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/grantsctl/commands.h"

namespace grants::ctl {

// Adds the variation and termination verbs to the `award` noun.
void AddAwardVariationCommands(CLI::App* noun, CommandContext* ctx);

}  // namespace grants::ctl
