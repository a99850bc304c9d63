// grantsctl's application content flags: parsed before any RPC, then laid
// over a new or the current content.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grants/v1/applications.pb.h"

namespace grants::ctl {

// The ApplicationContent flags, as typed (amounts in major units).
struct ContentFlags {
  std::string amount, summary, activities, correspondence_language;
  std::string currency = "GBP";
  std::vector<std::string> communities, boroughs, languages;
  std::vector<std::string> budget_lines, answers;
  std::optional<int64_t> supported_directly, reached_with_information;
};

void AddContentFlags(CLI::App* cmd, ContentFlags* flags);

// The content flags that were given: their values, and the names of the
// ApplicationContent fields they set ("planned_reach.<field>" for reach).
struct ContentPatch {
  v1::ApplicationContent values;
  std::set<std::string> given;
};

// Errors: local, naming the flag (AMOUNT_INVALID, BUDGET_LINE_INVALID,
// ANSWER_INVALID).
absl::StatusOr<ContentPatch> ParseContent(const ContentFlags& flags);

// Sets the given fields of `content`: lists are replaced whole, except
// answers, which replace the answer to the same question or are added.
void Overlay(const ContentPatch& patch, v1::ApplicationContent* content);

}  // namespace grants::ctl
