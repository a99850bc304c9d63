// Assessment domain types: rubrics, assignments, conflict declarations,
// scores and the ranking's exact weighted score.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace grants::assessment {

struct Criterion {
  std::string code;
  std::string title;
  int weight = 1;
  int min_score = 0;
  int max_score = 0;
  bool comment_required = false;
  bool operator==(const Criterion&) const = default;
};

struct Rubric {
  std::string id;  // the round's id
  std::vector<Criterion> criteria;
  std::string set_by;
  absl::Time set_at;
};

struct Assignment {
  std::string application_id;
  std::string round_id;
  std::string reference;
  std::string reviewer;
  std::string assigned_by;
  absl::Time assigned_at;
  bool scored = false;
};

// An application's assignments (id: the application's).
struct Assignments {
  std::string id;
  std::vector<Assignment> items;
};

struct Conflict {
  std::string id;
  std::string reviewer;
  std::string organisation_id;  // exactly one of these two is set
  std::string application_id;
  std::string note;
  absl::Time declared_at;
  std::vector<std::string> excluded_application_ids;
};

// What a reviewer gives for one criterion.
struct ScoreEntry {
  std::string criterion_code;
  int value = 0;
  std::string comment;
};

struct Score {
  std::string id;
  std::string application_id;
  std::string reviewer;
  std::string criterion_code;
  int value = 0;  // the reviewer's, kept when moderated
  std::string comment;
  absl::Time scored_at;
  std::optional<int> moderated_value;
  std::string moderation_reason;
  std::string moderated_by;
  absl::Time moderated_at;
  bool excluded = false;  // the reviewer declared a conflict
  int effective() const { return moderated_value.value_or(value); }
};

// One reviewer's scores of one application (id: the application's).
struct ScoreSheet {
  std::string id;
  std::string reviewer;
  std::vector<Score> scores;
};

// An exact non-negative rational; denominator >= 1, reduced.
struct Rational {
  int64_t numerator = 0;
  int64_t denominator = 1;
  bool operator==(const Rational&) const = default;
};

// One effective score that counts towards an application's aggregate.
struct CountedScore {
  std::string reviewer;
  std::string criterion_code;
  int value = 0;
};

struct RankingEntry {
  int rank = 0;
  std::string application_id;
  std::string reference;
  std::string organisation_id;
  absl::Time submitted_at;
  Rational score;
  int reviewer_count = 0;  // 0: nothing counts yet
};

}  // namespace grants::assessment
