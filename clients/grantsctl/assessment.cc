// `grantsctl assessment`: rubrics, reviewer assignments, conflicts of
// interest and the reviewer's view of an application (scores, moderation
// and the ranking are in assessment_scores.cc).
#include "clients/grantsctl/assessment.h"

#include <fmt/format.h>

#include <charconv>
#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kCriterionHeader = {"CODE", "TITLE", "WEIGHT",
                              "MIN",  "MAX",   "COMMENT"};
const Row kAssignmentHeader = {"APPLICATION", "REFERENCE", "ROUND", "REVIEWER",
                               "ASSIGNED_BY", "ASSIGNED",  "SCORED"};
const Row kConflictHeader = {"ID",   "REVIEWER", "ORGANISATION", "APPLICATION",
                             "NOTE", "DECLARED", "EXCLUDED"};
const Row kReviewHeader = {"REFERENCE", "ORGANISATION", "AMOUNT",
                           "SUMMARY",   "CRITERIA",     "MY_SCORES"};

Row CriterionRow(const v1::Criterion& c) {
  return {c.code(),
          c.title(),
          std::to_string(c.weight()),
          std::to_string(c.min_score()),
          std::to_string(c.max_score()),
          c.comment_required() ? "required" : "optional"};
}

Row AssignmentRow(const v1::Assignment& a) {
  return {a.application_id(),
          a.reference(),
          a.round_id(),
          a.reviewer(),
          a.assigned_by(),
          TimeText(a.assign_time()),
          a.scored() ? "yes" : "no"};
}

Row ConflictRow(const v1::ConflictDeclaration& c) {
  std::string excluded;
  for (const std::string& id : c.excluded_application_ids())
    excluded += (excluded.empty() ? "" : " ") + id;
  return {c.id(),
          c.reviewer(),
          c.organisation_id(),
          c.application_id(),
          c.note(),
          TimeText(c.declare_time()),
          excluded};
}

// "need|Evidence of need|3|0|5|required": the title is everything between
// the first '|' and the last four.
absl::StatusOr<v1::Criterion> ParseCriterion(const std::string& text) {
  auto invalid = [&text](std::string_view why) {
    return UsageError("--criterion", "CRITERION_INVALID",
                      fmt::format("\"{}\": {}", text, why));
  };
  std::vector<std::string> tail;
  size_t end = text.size();
  for (int i = 0; i < 4; ++i) {
    size_t bar = text.rfind('|', end == 0 ? 0 : end - 1);
    if (bar == std::string::npos || end == 0)
      return invalid("expected code|title|weight|min|max|required");
    tail.insert(tail.begin(), text.substr(bar + 1, end - bar - 1));
    end = bar;
  }
  size_t first = text.find('|');
  if (first >= end)
    return invalid("expected code|title|weight|min|max|required");
  int32_t numbers[3];
  for (int i = 0; i < 3; ++i) {
    const std::string& part = tail[i];
    auto [ptr, error] =
        std::from_chars(part.data(), part.data() + part.size(), numbers[i]);
    if (part.empty() || error != std::errc() ||
        ptr != part.data() + part.size())
      return invalid("weight, min and max must be whole numbers");
  }
  if (tail[3] != "required" && tail[3] != "optional")
    return invalid("the last part must be \"required\" or \"optional\"");
  v1::Criterion c;
  c.set_code(text.substr(0, first));
  c.set_title(text.substr(first + 1, end - first - 1));
  c.set_weight(numbers[0]);
  c.set_min_score(numbers[1]);
  c.set_max_score(numbers[2]);
  c.set_comment_required(tail[3] == "required");
  return c;
}

absl::Status PrintRubric(const Printer& out, const v1::Rubric& rubric) {
  return out.Print(rubric,
                   TableOf(kCriterionHeader, rubric.criteria(), CriterionRow));
}

struct RubricFlags {
  std::string round_id;
  std::vector<std::string> criteria;
};

void AddRubric(CLI::App* noun, CommandContext* ctx) {
  auto* rubric = noun->add_subcommand("rubric", "A round's scoring rubric");
  rubric->require_subcommand(1);
  auto flags = std::make_shared<RubricFlags>();
  auto* set = rubric->add_subcommand(
      "set", "Replace the rubric of a DRAFT or OPEN round (before any score)");
  set->add_option("--round", flags->round_id, "Round id")->required();
  set->add_option("--criterion", flags->criteria,
                  "\"code|title|weight|min|max|required\" (or optional); "
                  "repeatable, in display order")
      ->required();
  OnRun(set, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::SetRubricRequest req;
    for (const std::string& text : flags->criteria) {
      ASSIGN_OR_RETURN(*req.add_criteria(), ParseCriterion(text));
    }
    req.set_round_id(flags->round_id);
    req.set_request_id(client.RequestId());
    v1::Rubric resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().SetRubric(c, req, &resp);
    }));
    return PrintRubric(out, resp);
  });
  auto get_req = std::make_shared<v1::GetRubricRequest>();
  auto* get = rubric->add_subcommand("get", "Show a round's rubric");
  get->add_option("--round", *get_req->mutable_round_id(), "Round id")
      ->required();
  OnRun(get, ctx,
        [get_req](Client& client, const Printer& out) -> absl::Status {
          v1::Rubric resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.assessment().GetRubric(c, *get_req, &resp);
          }));
          return PrintRubric(out, resp);
        });
}

void AddAssign(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::AssignReviewersRequest>();
  auto reviewers = std::make_shared<std::vector<std::string>>();
  auto* cmd = noun->add_subcommand(
      "assign", "Assign reviewers to a SUBMITTED application (officer)");
  cmd->add_option("--application", *req->mutable_application_id(),
                  "Application id")
      ->required();
  cmd->add_option("--reviewer", *reviewers, "A reviewer's subject (repeatable)")
      ->required();
  OnRun(cmd, ctx,
        [req, reviewers](Client& client, const Printer& out) -> absl::Status {
          *req->mutable_reviewers() = {reviewers->begin(), reviewers->end()};
          req->set_request_id(client.RequestId());
          v1::AssignReviewersResponse resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.assessment().AssignReviewers(c, *req, &resp);
          }));
          return out.Print(resp, TableOf(kAssignmentHeader, resp.assignments(),
                                         AssignmentRow));
        });
}

void AddAssignments(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListMyAssignmentsRequest>();
  auto* cmd = noun->add_subcommand("assignments",
                                   "The calling reviewer's own assignments");
  cmd->add_option("--round", *req->mutable_round_id(), "Only this round");
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ListMyAssignmentsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().ListMyAssignments(c, *req, &resp);
    }));
    return out.Print(
        resp, TableOf(kAssignmentHeader, resp.assignments(), AssignmentRow));
  });
}

void AddConflict(CLI::App* noun, CommandContext* ctx) {
  auto* conflict = noun->add_subcommand("conflict", "Conflicts of interest");
  conflict->require_subcommand(1);
  auto req = std::make_shared<v1::DeclareConflictRequest>();
  auto* cmd = conflict->add_subcommand(
      "declare",
      "Declare an interest in an organisation or an application (officer "
      "or reviewer): you then act on none of its records");
  auto* org = cmd->add_option("--organisation", *req->mutable_organisation_id(),
                              "Organisation id (covers all its applications)");
  auto* app = cmd->add_option("--application", *req->mutable_application_id(),
                              "Application id");
  org->excludes(app);
  cmd->add_option("--note", *req->mutable_note(), "The interest (500 chars)")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    v1::ConflictDeclaration resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().DeclareConflict(c, *req, &resp);
    }));
    return out.Print(resp, {kConflictHeader, {ConflictRow(resp)}});
  });
  auto list = std::make_shared<v1::ListConflictsRequest>();
  auto* ls = conflict->add_subcommand(
      "list", "Declared interests: yours, or --person's (officers, auditors)");
  ls->add_option("--person", *list->mutable_person(), "Whose declarations");
  OnRun(ls, ctx, [list](Client& client, const Printer& out) -> absl::Status {
    v1::ListConflictsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().ListConflicts(c, *list, &resp);
    }));
    return out.Print(resp,
                     TableOf(kConflictHeader, resp.conflicts(), ConflictRow));
  });
}

void AddReview(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetApplicationForReviewRequest>();
  auto* cmd = noun->add_subcommand(
      "review", "Read an assigned application as submitted (reviewer)");
  cmd->add_option("id", *req->mutable_id(), "Application id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ApplicationForReview resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().GetApplicationForReview(c, *req, &resp);
    }));
    const v1::Application& a = resp.application();
    std::string mine;
    for (const v1::Score& s : resp.my_scores())
      mine += fmt::format("{}{}={}", mine.empty() ? "" : " ",
                          s.criterion_code(), s.effective_value());
    return out.Print(resp,
                     {kReviewHeader,
                      {{a.reference(), a.organisation_id(),
                        MoneyText(a.content().amount_requested()),
                        a.content().project_summary(),
                        std::to_string(resp.rubric().criteria_size()), mine}}});
  });
}

}  // namespace

void AddAssessmentCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "assessment",
      "Rubrics, reviewers, conflicts of interest, scores, ranking");
  noun->require_subcommand(1);
  AddRubric(noun, ctx);
  AddAssign(noun, ctx);
  AddAssignments(noun, ctx);
  AddConflict(noun, ctx);
  // Officers declare interests too: `grantsctl conflict declare|list`.
  AddConflict(&app, ctx);
  AddReview(noun, ctx);
  AddScoringVerbs(noun, ctx);
}

}  // namespace grants::ctl
