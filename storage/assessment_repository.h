// Rubrics, review assignments, conflict declarations and scores in
// PostgreSQL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.h"
#include "storage/transaction.h"

namespace grants::storage::assessment_repo {

using grants::assessment::Assignment;
using grants::assessment::Conflict;
using grants::assessment::CountedScore;
using grants::assessment::Criterion;
using grants::assessment::RankingEntry;
using grants::assessment::Rubric;
using grants::assessment::Score;

// Creates or touches the round's rubric row, locking it until commit.
void LockRubricForChange(Tx& tx, const std::string& round_id,
                         const std::string& set_by, absl::Time now);
// Holds the rubric row FOR SHARE (scoring); false when there is none.
bool LockRubricShared(Tx& tx, const std::string& round_id);
std::optional<Rubric> GetRubric(Tx& tx, const std::string& round_id);
std::vector<Criterion> ListCriteria(Tx& tx, const std::string& round_id);
void ReplaceCriteria(Tx& tx, const std::string& round_id,
                     const std::vector<Criterion>& criteria);
bool RoundHasScores(Tx& tx, const std::string& round_id);

// Serialises this reviewer's conflict declarations with assignments and
// scores, until commit.
void LockReviewer(Tx& tx, const std::string& reviewer);
// Whether `reviewer` (any person: reviewer or officer) declared an
// interest in the application or its organisation.
bool IsConflicted(Tx& tx, const std::string& reviewer,
                  const std::string& application_id);
// The same for the award's application or its organisation.
bool IsConflictedWithAward(Tx& tx, const std::string& person,
                           const std::string& award_id);
// The same for the organisation itself.
bool IsConflictedWithOrganisation(Tx& tx, const std::string& person,
                                  const std::string& organisation_id);
// The same for any application of the round past its draft, or its
// organisation.
bool IsConflictedInRound(Tx& tx, const std::string& person,
                         const std::string& round_id);
// `person`'s declarations, newest first.
std::vector<Conflict> ListConflicts(Tx& tx, const std::string& person);
Conflict InsertConflict(Tx& tx, const Conflict& c);
std::optional<Conflict> GetConflict(Tx& tx, const std::string& id);
// Applications `c.reviewer` has scored that `c` covers.
std::vector<std::string> ScoredApplicationsCovered(Tx& tx, const Conflict& c);

// Inserts the assignment unless it exists; true when it was new.
bool InsertAssignment(Tx& tx, const Assignment& a);
std::vector<Assignment> ListAssignments(Tx& tx,
                                        const std::string& application_id);
// The reviewer's assignments (optionally in one round), leaving out
// conflicted ones.
std::vector<Assignment> ListMyAssignments(Tx& tx, const std::string& reviewer,
                                          const std::string& round_id);
bool IsAssigned(Tx& tx, const std::string& application_id,
                const std::string& reviewer);

// Inserts or replaces one criterion's score (not its moderation).
void UpsertScore(Tx& tx, const Score& s, const std::string& round_id);
std::vector<Score> ScoreSheet(Tx& tx, const std::string& application_id,
                              const std::string& reviewer);
std::vector<Score> ListScores(Tx& tx, const std::string& application_id);
std::optional<Score> GetScore(Tx& tx, const std::string& id);
std::optional<Score> GetScoreForUpdate(Tx& tx,
                                       const std::string& application_id,
                                       const std::string& reviewer,
                                       const std::string& criterion_code);
// Writes the moderation fields of `s`.
void Moderate(Tx& tx, const Score& s);

// The round's submitted applications (score fields empty) and, by
// application id, the effective scores that count, read in one statement.
struct RankingData {
  std::vector<RankingEntry> applications;
  std::map<std::string, std::vector<CountedScore>> scores;
};
RankingData LoadRanking(Tx& tx, const std::string& round_id);

}  // namespace grants::storage::assessment_repo
