// `grantsctl assessment`: the verbs about scores (assessment_scores.cc),
// added to the noun assessment.cc makes.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/grantsctl/commands.h"

namespace grants::ctl {

// `score`, `scores`, `moderate` and `ranking` under `noun`.
void AddScoringVerbs(CLI::App* noun, CommandContext* ctx);

}  // namespace grants::ctl
