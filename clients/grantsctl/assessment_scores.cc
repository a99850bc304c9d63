// `grantsctl assessment score|scores|moderate|ranking`: reviewers' scores,
// officers' moderation and the round's ranking.
#include <fmt/format.h>

#include <charconv>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/assessment.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kScoreHeader = {"APPLICATION", "REVIEWER",  "CRITERION",
                          "VALUE",       "MODERATED", "EFFECTIVE",
                          "EXCLUDED",    "COMMENT",   "REASON"};
const Row kRankingHeader = {"RANK",  "REFERENCE", "APPLICATION", "ORGANISATION",
                            "SCORE", "FRACTION",  "REVIEWERS",   "SUBMITTED"};

Row ScoreRow(const v1::Score& s) {
  return {s.application_id(),
          s.reviewer(),
          s.criterion_code(),
          std::to_string(s.value()),
          s.moderated() ? std::to_string(s.moderated_value()) : "",
          std::to_string(s.effective_value()),
          s.excluded() ? "yes" : "no",
          s.comment(),
          s.moderation_reason()};
}

Row RankingRow(const v1::RankingEntry& e) {
  return {std::to_string(e.rank()),
          e.reference(),
          e.application_id(),
          e.organisation_id(),
          e.score(),
          fmt::format("{}/{}", e.score_numerator(), e.score_denominator()),
          std::to_string(e.reviewer_count()),
          TimeText(e.submit_time())};
}

// "code=rest": the code and what follows the first '='.
absl::StatusOr<std::pair<std::string, std::string>> SplitPair(
    std::string_view flag, const std::string& text) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    return UsageError(flag, "PAIR_INVALID",
                      fmt::format("\"{}\": expected code=...", text));
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

absl::StatusOr<int32_t> WholeNumber(std::string_view flag,
                                    const std::string& text) {
  int32_t value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    return UsageError(flag, "SCORE_INVALID",
                      fmt::format("\"{}\" is not a whole number", text));
  return value;
}

struct ScoreFlags {
  std::string application_id;
  std::vector<std::string> scores, comments;
};

// The entries in --score order, each with its --comment if given.
absl::Status FillEntries(const ScoreFlags& f,
                         v1::ScoreApplicationRequest* req) {
  std::map<std::string, std::string> comments;
  for (const std::string& text : f.comments) {
    ASSIGN_OR_RETURN(auto pair, SplitPair("--comment", text));
    comments[pair.first] = pair.second;
  }
  for (const std::string& text : f.scores) {
    ASSIGN_OR_RETURN(auto pair, SplitPair("--score", text));
    ASSIGN_OR_RETURN(int32_t value, WholeNumber("--score", pair.second));
    v1::ScoreEntry* e = req->add_scores();
    e->set_criterion_code(pair.first);
    e->set_value(value);
    e->set_comment(comments[pair.first]);
  }
  return absl::OkStatus();
}

void AddScore(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ScoreFlags>();
  auto* cmd = noun->add_subcommand(
      "score",
      "Score an assigned application, every criterion (reviewer); "
      "scoring again replaces your scores");
  cmd->add_option("--application", flags->application_id, "Application id")
      ->required();
  cmd->add_option("--score", flags->scores, "code=value (repeatable)")
      ->required();
  cmd->add_option("--comment", flags->comments, "code=text (repeatable)");
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::ScoreApplicationRequest req;
    RETURN_IF_ERROR(FillEntries(*flags, &req));
    req.set_application_id(flags->application_id);
    req.set_request_id(client.RequestId());
    v1::ScoreSheet resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().ScoreApplication(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kScoreHeader, resp.scores(), ScoreRow));
  });
}

void AddScores(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListScoresRequest>();
  auto* cmd = noun->add_subcommand(
      "scores", "Every score of an application (officer, auditor)");
  cmd->add_option("--application", *req->mutable_application_id(),
                  "Application id")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ListScoresResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().ListScores(c, *req, &resp);
    }));
    return out.Print(resp, TableOf(kScoreHeader, resp.scores(), ScoreRow));
  });
}

void AddModerate(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ModerateScoreRequest>();
  auto* cmd = noun->add_subcommand(
      "moderate",
      "Change one score with a reason (officer; the reviewer's value is kept)");
  cmd->add_option("--application", *req->mutable_application_id(),
                  "Application id")
      ->required();
  cmd->add_option("--reviewer", *req->mutable_reviewer(), "Reviewer's subject")
      ->required();
  cmd->add_option("--criterion", *req->mutable_criterion_code(),
                  "Criterion code")
      ->required();
  auto value = std::make_shared<int32_t>(0);
  cmd->add_option("--value", *value, "The moderated value")->required();
  cmd->add_option("--reason", *req->mutable_reason(), "Why (500 chars)")
      ->required();
  OnRun(cmd, ctx,
        [req, value](Client& client, const Printer& out) -> absl::Status {
          req->set_value(*value);
          req->set_request_id(client.RequestId());
          v1::Score resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.assessment().ModerateScore(c, *req, &resp);
          }));
          return out.Print(resp, {kScoreHeader, {ScoreRow(resp)}});
        });
}

void AddRanking(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListRankingRequest>();
  auto* cmd = noun->add_subcommand(
      "ranking",
      "A round's submitted applications by weighted score (officer, auditor)");
  cmd->add_option("--round", *req->mutable_round_id(), "Round id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ListRankingResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.assessment().ListRanking(c, *req, &resp);
    }));
    return out.Print(resp, TableOf(kRankingHeader, resp.entries(), RankingRow));
  });
}

}  // namespace

void AddScoringVerbs(CLI::App* noun, CommandContext* ctx) {
  AddScore(noun, ctx);
  AddScores(noun, ctx);
  AddModerate(noun, ctx);
  AddRanking(noun, ctx);
}

}  // namespace grants::ctl
