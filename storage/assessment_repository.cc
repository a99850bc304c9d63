// Assessment repository: one function per statement in queries/.
#include "storage/assessment_repository.h"

#include "storage/rows.h"

namespace grants::storage::assessment_repo {
namespace {

Assignment ToAssignment(const pqxx::row& r) {
  Assignment a;
  a.application_id = r[0].as<std::string>();
  a.round_id = r[1].as<std::string>();
  a.reference = r[2].as<std::string>();
  a.reviewer = r[3].as<std::string>();
  a.assigned_by = r[4].as<std::string>();
  a.assigned_at = TimeAt(r[5]);
  a.scored = r[6].as<bool>();
  return a;
}

Conflict ToConflict(const pqxx::row& r) {
  Conflict c;
  c.id = r[0].as<std::string>();
  c.reviewer = r[1].as<std::string>();
  c.organisation_id = r[2].as<std::string>();
  c.application_id = r[3].as<std::string>();
  c.note = r[4].as<std::string>();
  c.declared_at = TimeAt(r[5]);
  return c;
}

Score ToScore(const pqxx::row& r) {
  Score s;
  s.id = r[0].as<std::string>();
  s.application_id = r[1].as<std::string>();
  s.reviewer = r[2].as<std::string>();
  s.criterion_code = r[3].as<std::string>();
  s.value = r[4].as<int>();
  s.comment = r[5].as<std::string>();
  s.scored_at = TimeAt(r[6]);
  if (!r[7].is_null()) s.moderated_value = r[7].as<int>();
  s.moderation_reason = r[8].as<std::string>();
  s.moderated_by = r[9].as<std::string>();
  s.moderated_at = TimeAt(r[10]);
  s.excluded = r[11].as<bool>();
  return s;
}

Criterion ToCriterion(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<int>(),
          r[3].as<int>(),         r[4].as<int>(),         r[5].as<bool>()};
}

bool Flag(const pqxx::row& r) { return r[0].as<bool>(); }

}  // namespace

void LockRubricForChange(Tx& tx, const std::string& round_id,
                         const std::string& set_by, absl::Time now) {
  tx.exec_prepared1("rubric_upsert", round_id, set_by, Micros(now));
}

bool LockRubricShared(Tx& tx, const std::string& round_id) {
  return !tx.exec_prepared("rubric_lock_shared", round_id).empty();
}

std::optional<Rubric> GetRubric(Tx& tx, const std::string& round_id) {
  auto rows = tx.exec_prepared("rubric_get", round_id);
  if (rows.empty()) return std::nullopt;
  Rubric r;
  r.id = rows[0][0].as<std::string>();
  r.set_by = rows[0][1].as<std::string>();
  r.set_at = TimeAt(rows[0][2]);
  r.criteria = ListCriteria(tx, round_id);
  return r;
}

std::vector<Criterion> ListCriteria(Tx& tx, const std::string& round_id) {
  return MapRows<Criterion>(tx.exec_prepared("rubric_criteria_list", round_id),
                            ToCriterion);
}

void ReplaceCriteria(Tx& tx, const std::string& round_id,
                     const std::vector<Criterion>& criteria) {
  tx.exec_prepared0("rubric_criteria_delete", round_id);
  int position = 0;
  for (const Criterion& c : criteria)
    tx.exec_prepared0("rubric_criterion_insert", round_id, ++position, c.code,
                      c.title, c.weight, c.min_score, c.max_score,
                      c.comment_required);
}

bool RoundHasScores(Tx& tx, const std::string& round_id) {
  return Flag(tx.exec_prepared1("round_has_scores", round_id));
}

void LockReviewer(Tx& tx, const std::string& reviewer) {
  tx.exec_prepared("reviewer_lock", reviewer);
}

bool IsConflicted(Tx& tx, const std::string& reviewer,
                  const std::string& application_id) {
  return Flag(tx.exec_prepared1("conflict_exists", reviewer, application_id));
}

bool IsConflictedWithAward(Tx& tx, const std::string& person,
                           const std::string& award_id) {
  return Flag(
      tx.exec_prepared1("conflict_exists_for_award", person, award_id));
}

bool IsConflictedWithOrganisation(Tx& tx, const std::string& person,
                                  const std::string& organisation_id) {
  return Flag(tx.exec_prepared1("conflict_exists_for_organisation", person,
                                organisation_id));
}

bool IsConflictedInRound(Tx& tx, const std::string& person,
                         const std::string& round_id) {
  return Flag(
      tx.exec_prepared1("conflict_exists_for_round", person, round_id));
}

std::vector<Conflict> ListConflicts(Tx& tx, const std::string& person) {
  return MapRows<Conflict>(tx.exec_prepared("conflict_list", person),
                           ToConflict);
}

Conflict InsertConflict(Tx& tx, const Conflict& c) {
  return ToConflict(tx.exec_prepared1("conflict_insert", c.reviewer,
                                      c.organisation_id, c.application_id,
                                      c.note, Micros(c.declared_at)));
}

std::optional<Conflict> GetConflict(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("conflict_get", id);
  if (rows.empty()) return std::nullopt;
  return ToConflict(rows[0]);
}

std::vector<std::string> ScoredApplicationsCovered(Tx& tx, const Conflict& c) {
  return MapRows<std::string>(
      tx.exec_prepared("conflict_scored_applications", c.reviewer,
                       c.organisation_id, c.application_id),
      [](const pqxx::row& r) { return r[0].as<std::string>(); });
}

bool InsertAssignment(Tx& tx, const Assignment& a) {
  return !tx.exec_prepared("assignment_insert", a.application_id, a.reviewer,
                           a.round_id, a.assigned_by, Micros(a.assigned_at))
              .empty();
}

std::vector<Assignment> ListAssignments(Tx& tx,
                                        const std::string& application_id) {
  return MapRows<Assignment>(tx.exec_prepared("assignment_list", application_id),
                             ToAssignment);
}

std::vector<Assignment> ListMyAssignments(Tx& tx, const std::string& reviewer,
                                          const std::string& round_id) {
  return MapRows<Assignment>(
      tx.exec_prepared("assignment_list_mine", reviewer, round_id),
      ToAssignment);
}

bool IsAssigned(Tx& tx, const std::string& application_id,
                const std::string& reviewer) {
  return Flag(
      tx.exec_prepared1("assignment_exists", application_id, reviewer));
}

void UpsertScore(Tx& tx, const Score& s, const std::string& round_id) {
  tx.exec_prepared0("score_upsert", s.application_id, s.reviewer, round_id,
                    s.criterion_code, s.value, s.comment, Micros(s.scored_at));
}

std::vector<Score> ScoreSheet(Tx& tx, const std::string& application_id,
                              const std::string& reviewer) {
  return MapRows<Score>(
      tx.exec_prepared("score_list", application_id, reviewer), ToScore);
}

std::vector<Score> ListScores(Tx& tx, const std::string& application_id) {
  return MapRows<Score>(tx.exec_prepared("score_list", application_id, ""),
                        ToScore);
}

std::optional<Score> GetScore(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("score_get", id);
  if (rows.empty()) return std::nullopt;
  return ToScore(rows[0]);
}

std::optional<Score> GetScoreForUpdate(Tx& tx,
                                       const std::string& application_id,
                                       const std::string& reviewer,
                                       const std::string& criterion_code) {
  auto rows = tx.exec_prepared("score_get_for_update", application_id,
                               reviewer, criterion_code);
  if (rows.empty()) return std::nullopt;
  return ToScore(rows[0]);
}

void Moderate(Tx& tx, const Score& s) {
  tx.exec_prepared0("score_moderate", s.id, s.moderated_value.value_or(s.value),
                    s.moderation_reason, s.moderated_by,
                    Micros(s.moderated_at));
}

RankingData LoadRanking(Tx& tx, const std::string& round_id) {
  RankingData data;
  for (const auto& r : tx.exec_prepared("ranking_rows", round_id)) {
    std::string id = r[0].as<std::string>();
    if (data.applications.empty() ||
        data.applications.back().application_id != id) {
      RankingEntry e;
      e.application_id = id;
      e.reference = r[1].as<std::string>();
      e.organisation_id = r[2].as<std::string>();
      e.submitted_at = TimeAt(r[3]);
      data.applications.push_back(std::move(e));
    }
    if (r[4].is_null()) continue;
    data.scores[id].push_back(CountedScore{
        r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<int>()});
  }
  return data;
}

}  // namespace grants::storage::assessment_repo
