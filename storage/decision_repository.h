// Award settings per round, recommendations and decisions in PostgreSQL.
#pragma once

#include <optional>
#include <string>

#include "domain/awards.h"
#include "storage/transaction.h"

namespace grants::storage::decision_repo {

using grants::awards::Outcome;
using grants::awards::Recommendation;
using grants::awards::RoundSettings;

// The round's settings (defaults when never set) and its commitment;
// nullopt for an unknown round.
std::optional<RoundSettings> GetSettings(Tx& tx, const std::string& round_id);
// Inserts or replaces the threshold and validity of `s` (by s.id).
void UpsertSettings(Tx& tx, const RoundSettings& s, const std::string& actor,
                    absl::Time now);

Recommendation InsertRecommendation(Tx& tx, const Recommendation& r);
// The application's latest recommendation.
std::optional<Recommendation> LatestRecommendation(
    Tx& tx, const std::string& application_id);

// The decided part of an application's Decision.
struct Decided {
  Outcome outcome = Outcome::kApprove;
  int64_t approved_minor = 0;
  std::string comment;
  std::string decided_by;
  absl::Time decided_at;
};
std::optional<Decided> GetDecided(Tx& tx, const std::string& application_id);
void InsertDecision(Tx& tx, const std::string& application_id,
                    const Recommendation& on, const Decided& d);

std::string_view OutcomeName(Outcome o);

}  // namespace grants::storage::decision_repo
