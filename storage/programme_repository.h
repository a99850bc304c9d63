// Programmes and rounds in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/programmes.h"
#include "storage/transaction.h"

namespace grants::storage::programme_repo {

using grants::programmes::Programme;
using grants::programmes::Round;
using grants::programmes::RoundState;

Programme InsertProgramme(Tx& tx, const Programme& p, absl::Time now);
std::optional<Programme> GetProgramme(Tx& tx, const std::string& id);
std::vector<Programme> ListProgrammes(Tx& tx, int limit, int offset);

// Takes the programme's next round number, locking the programme row.
struct NextRound {
  int number;
  std::string programme_code;
  std::string fund_id;
};
std::optional<NextRound> TakeNextRoundNumber(Tx& tx,
                                             const std::string& programme_id);

// The round plus its programme's fund (needed to draw and release budget).
struct RoundRow {
  Round round;
  std::string fund_id;
};

// A row with the columns of round_get.sql, first, as a RoundRow.
RoundRow ToRoundRow(const pqxx::row& r);

RoundRow InsertRound(Tx& tx, const std::string& programme_id, int number,
                     const programmes::RoundSpec& spec, absl::Time now);
// How a read locks the round row: not at all, or FOR NO KEY UPDATE
// (changes of the round).
enum class Lock { kNone, kUpdate };
std::optional<RoundRow> GetRound(Tx& tx, const std::string& id,
                                 Lock lock = Lock::kNone);
// Writes spec, state and cancel reason of `r`.
RoundRow UpdateRound(Tx& tx, const Round& r, absl::Time now);
// Makes the sequence the round's submission references are numbered from
// (idempotent).
void CreateReferenceSequence(Tx& tx, const std::string& round_id);
std::vector<Round> ListRounds(Tx& tx, const std::string& programme_id,
                              std::optional<RoundState> state, int limit,
                              int offset);

// A round's description and translations (kept beside its row).
struct RoundTexts {
  std::string description;
  std::vector<programmes::RoundTranslation> translations;
};
void SetDescription(Tx& tx, const std::string& round_id,
                    const std::string& description);
RoundTexts GetTexts(Tx& tx, const std::string& round_id);
// Sets (replaces) the round's translation into t.language.
void UpsertTranslation(Tx& tx, const std::string& round_id,
                       const programmes::RoundTranslation& t,
                       const std::string& by, absl::Time now);

}  // namespace grants::storage::programme_repo
