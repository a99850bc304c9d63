// Assessment conversions.
#include "services/assessment/assessment_converters.h"

#include <fmt/format.h>

#include "services/applications/application_converters.h"
#include "services/assessment/assessment_errors.h"
#include "services/assessment/assessment_rules.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"

namespace grants::assessment {
namespace {

constexpr size_t kMaxSubjectChars = 128;
constexpr size_t kMaxOrganisationIdChars = 64;

}  // namespace

std::vector<Criterion> ToCriteria(const v1::SetRubricRequest& r) {
  std::vector<Criterion> out;
  for (const v1::Criterion& c : r.criteria())
    out.push_back({c.code(), c.title(), c.weight(), c.min_score(),
                   c.max_score(), c.comment_required()});
  return out;
}

absl::StatusOr<std::vector<std::string>> ToReviewers(
    const v1::AssignReviewersRequest& r) {
  Validator v;
  v.Id("application_id", r.application_id());
  if (r.reviewers().empty() || r.reviewers_size() > kMaxReviewersPerRequest)
    v.Add("reviewers", "REVIEWERS_COUNT_INVALID",
          fmt::format("give 1-{} reviewers", kMaxReviewersPerRequest));
  for (int i = 0; i < r.reviewers_size(); ++i)
    v.Text(fmt::format("reviewers[{}]", i), r.reviewers(i), 1,
           kMaxSubjectChars);
  RETURN_IF_ERROR(v.Finish());
  return std::vector<std::string>(r.reviewers().begin(), r.reviewers().end());
}

absl::StatusOr<Conflict> ToConflict(const v1::DeclareConflictRequest& r) {
  if (r.organisation_id().empty() == r.application_id().empty())
    return ConflictTargetRequired();
  Validator v;
  if (!r.organisation_id().empty())
    v.Text("organisation_id", r.organisation_id(), 1, kMaxOrganisationIdChars);
  if (!r.application_id().empty()) v.Id("application_id", r.application_id());
  v.Text("note", r.note(), 1, kMaxNoteChars);
  RETURN_IF_ERROR(v.Finish());
  Conflict c;
  c.organisation_id = r.organisation_id();
  c.application_id = r.application_id();
  c.note = r.note();
  return c;
}

absl::StatusOr<std::vector<ScoreEntry>> ToEntries(
    const v1::ScoreApplicationRequest& r) {
  RETURN_IF_ERROR(Validator().Id("application_id", r.application_id()).Finish());
  std::vector<ScoreEntry> out;
  for (const v1::ScoreEntry& e : r.scores())
    out.push_back({e.criterion_code(), e.value(), e.comment()});
  return out;
}

absl::StatusOr<AssessmentService::Moderation> ToModeration(
    const v1::ModerateScoreRequest& r) {
  RETURN_IF_ERROR(Validator()
                      .Id("application_id", r.application_id())
                      .Text("reviewer", r.reviewer(), 1, kMaxSubjectChars)
                      .Code("criterion_code", r.criterion_code())
                      .Text("reason", r.reason(), 1, kMaxNoteChars)
                      .Finish());
  return AssessmentService::Moderation{r.application_id(), r.reviewer(),
                                       r.criterion_code(), r.reason(),
                                       r.value()};
}

void ToProto(const Rubric& r, v1::Rubric* out) {
  out->set_round_id(r.id);
  for (const Criterion& c : r.criteria) {
    v1::Criterion* pc = out->add_criteria();
    pc->set_code(c.code);
    pc->set_title(c.title);
    pc->set_weight(c.weight);
    pc->set_min_score(c.min_score);
    pc->set_max_score(c.max_score);
    pc->set_comment_required(c.comment_required);
  }
  out->set_set_by(r.set_by);
  if (r.set_at > absl::UnixEpoch()) grants::ToProto(r.set_at, out->mutable_set_time());
}

void ToProto(const Assignment& a, v1::Assignment* out) {
  out->set_application_id(a.application_id);
  out->set_round_id(a.round_id);
  out->set_reference(a.reference);
  out->set_reviewer(a.reviewer);
  out->set_assigned_by(a.assigned_by);
  grants::ToProto(a.assigned_at, out->mutable_assign_time());
  out->set_scored(a.scored);
}

void ToProto(const Conflict& c, v1::ConflictDeclaration* out) {
  out->set_id(c.id);
  out->set_reviewer(c.reviewer);
  out->set_organisation_id(c.organisation_id);
  out->set_application_id(c.application_id);
  out->set_note(c.note);
  grants::ToProto(c.declared_at, out->mutable_declare_time());
  for (const std::string& id : c.excluded_application_ids)
    out->add_excluded_application_ids(id);
}

void ToProto(const Score& s, v1::Score* out) {
  out->set_id(s.id);
  out->set_application_id(s.application_id);
  out->set_reviewer(s.reviewer);
  out->set_criterion_code(s.criterion_code);
  out->set_value(s.value);
  out->set_comment(s.comment);
  grants::ToProto(s.scored_at, out->mutable_score_time());
  out->set_moderated(s.moderated_value.has_value());
  if (s.moderated_value) {
    out->set_moderated_value(*s.moderated_value);
    out->set_moderation_reason(s.moderation_reason);
    out->set_moderated_by(s.moderated_by);
    grants::ToProto(s.moderated_at, out->mutable_moderate_time());
  }
  out->set_effective_value(s.effective());
  out->set_excluded(s.excluded);
}

void ToProto(const ScoreSheet& s, v1::ScoreSheet* out) {
  out->set_application_id(s.id);
  out->set_reviewer(s.reviewer);
  for (const Score& score : s.scores) ToProto(score, out->add_scores());
}

void ToProto(const RankingEntry& e, v1::RankingEntry* out) {
  out->set_rank(e.rank);
  out->set_application_id(e.application_id);
  out->set_reference(e.reference);
  out->set_organisation_id(e.organisation_id);
  grants::ToProto(e.submitted_at, out->mutable_submit_time());
  if (e.reviewer_count > 0) out->set_score(FormatDecimal(e.score));
  out->set_score_numerator(e.score.numerator);
  out->set_score_denominator(e.score.denominator);
  out->set_reviewer_count(e.reviewer_count);
}

void ToProto(const ReviewView& v, v1::ApplicationForReview* out) {
  applications::ToProto(v.application, out->mutable_application());
  ToProto(v.rubric, out->mutable_rubric());
  for (const Score& s : v.my_scores) ToProto(s, out->add_my_scores());
}

}  // namespace grants::assessment
