// `grantsctl award settings|recommend|decide|decide-bulk|decision`: the
// rounds' award settings and decisions with four eyes.
#include "clients/grantsctl/award_decision.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kSettingsHeader = {"ROUND",
                             "MICROGRANT_THRESHOLD",
                             "VALIDITY_DAYS",
                             "BUDGET",
                             "COMMITTED",
                             "AVAILABLE",
                             "FAST_PATH",
                             "MARK_PERCENT",
                             "STANDARD_CONDITIONS"};
const Row kDecisionHeader = {"APPLICATION", "STATE",    "RECOMMENDED",
                             "AMOUNT",      "BY",       "STALE",
                             "OUTCOME",     "APPROVED", "DECIDED_BY"};
const Row kBulkHeader = {"APPLICATION", "RESULT", "DETAIL"};

Row SettingsRow(const v1::RoundAwardSettings& s) {
  return {s.round_id(),
          MoneyText(s.microgrant_threshold()),
          std::to_string(s.offer_validity_days()),
          MoneyText(s.budget()),
          MoneyText(s.committed()),
          MoneyText(s.available()),
          s.fast_path() ? "on" : "off",
          std::to_string(s.fast_path_mark_percent()),
          std::to_string(s.standard_conditions_size())};
}

Row DecisionRow(const v1::Decision& d) {
  const v1::Recommendation& r = d.recommendation();
  bool decided = d.state() == v1::DECISION_STATE_DECIDED;
  return {d.application_id(),  CodeOf(d.state()),
          CodeOf(r.outcome()), MoneyText(r.amount()),
          r.recommended_by(),  r.stale() ? "yes" : "no",
          CodeOf(d.outcome()), decided ? MoneyText(d.approved_amount()) : "",
          d.decided_by()};
}

Row BulkRow(const v1::DecisionResult& r) {
  if (r.has_decision()) return {r.application_id(), "decided", ""};
  std::string detail;
  for (const auto& f : r.error().field_violations())
    detail += (detail.empty() ? "" : "; ") + f.field() + ": " + f.description();
  return {r.application_id(), r.error().reason(), detail};
}

absl::Status PrintDecision(const Printer& out, const v1::Decision& d) {
  return out.Print(d, {kDecisionHeader, {DecisionRow(d)}});
}

struct SettingsFlags {
  std::string round_id, threshold, currency = "GBP", fast_path;
  std::optional<int32_t> validity_days, mark;
  std::optional<std::vector<std::string>> conditions, translations;
};

void AddSettings(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<SettingsFlags>();
  auto* cmd = noun->add_subcommand(
      "settings",
      "Show a round's award settings and commitment; with flags, "
      "change them");
  cmd->add_option("round", f->round_id, "Round id")->required();
  cmd->add_option("--microgrant-threshold", f->threshold,
                  "Light path up to this amount, major units (0: none)");
  cmd->add_option("--validity-days", f->validity_days,
                  "Days an offer stays open by default (1-365)");
  cmd->add_option("--fast-path", f->fast_path,
                  "The microgrant fast path: on (a rolling round) or off")
      ->check(CLI::IsMember({"on", "off"}));
  cmd->add_option("--fast-path-mark", f->mark,
                  "Percent of the rubric's weighted maximum one reviewer's "
                  "score must reach (1-100)");
  cmd->add_option("--standard-condition", f->conditions,
                  "A condition every fast-path offer carries (repeatable; "
                  "replaces the list)");
  cmd->add_option("--standard-condition-translation", f->translations,
                  "LANG=TEXT: a standard condition in another language, in "
                  "the conditions' order (repeatable; replaces the "
                  "translations)");
  cmd->add_option("--currency", f->currency, "The round's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::GetRoundAwardSettingsRequest get;
    get.set_round_id(f->round_id);
    v1::RoundAwardSettings s;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().GetRoundAwardSettings(c, get, &s);
    }));
    if (!f->threshold.empty() || f->validity_days || !f->fast_path.empty() ||
        f->mark || f->conditions || f->translations) {
      v1::SetRoundAwardSettingsRequest set;
      // What no flag names stays as it is.
      set.set_fast_path(f->fast_path.empty() ? s.fast_path()
                                             : f->fast_path == "on");
      set.set_fast_path_mark_percent(
          f->mark.value_or(s.fast_path_mark_percent()));
      for (const auto& c : f->conditions.value_or(std::vector<std::string>(
               s.standard_conditions().begin(), s.standard_conditions().end())))
        set.add_standard_conditions(c);
      // Translations stay while the conditions do; new conditions need
      // new ones.
      if (f->translations) {
        ASSIGN_OR_RETURN(
            auto translations,
            ConditionTranslationsFlag("--standard-condition-translation",
                                      *f->translations));
        for (auto& t : translations)
          *set.add_standard_condition_translations() = std::move(t);
      } else if (!f->conditions) {
        *set.mutable_standard_condition_translations() =
            s.standard_condition_translations();
      }
      set.set_request_id(client.RequestId());
      set.set_round_id(f->round_id);
      *set.mutable_microgrant_threshold() = s.microgrant_threshold();
      if (!f->threshold.empty()) {
        ASSIGN_OR_RETURN(
            *set.mutable_microgrant_threshold(),
            MoneyFlag("--microgrant-threshold", f->threshold, f->currency));
      }
      set.set_offer_validity_days(
          f->validity_days.value_or(s.offer_validity_days()));
      RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
        return client.awards().SetRoundAwardSettings(c, set, &s);
      }));
    }
    return out.Print(s, {kSettingsHeader, {SettingsRow(s)}});
  });
}

struct RecommendFlags {
  std::string application_id, outcome, amount, reason, currency = "GBP";
};

void AddRecommend(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<RecommendFlags>();
  auto* cmd = noun->add_subcommand(
      "recommend",
      "Recommend approval (with --amount) or decline (with "
      "--reason) of a submitted, eligible application");
  cmd->add_option("application", f->application_id, "Application id")
      ->required();
  cmd->add_option("--outcome", f->outcome, "approve or decline")
      ->required()
      ->check(CLI::IsMember(CodesOf<v1::Outcome>()));
  cmd->add_option("--amount", f->amount, "Amount to award, major units");
  cmd->add_option("--reason", f->reason, "Why (required to decline)");
  cmd->add_option("--currency", f->currency, "The round's currency")
      ->capture_default_str();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::RecommendApplicationRequest req;
    ASSIGN_OR_RETURN(
        v1::Outcome outcome,
        ParseCode<v1::Outcome>("--outcome", "OUTCOME_INVALID", f->outcome));
    if (!f->amount.empty()) {
      ASSIGN_OR_RETURN(*req.mutable_amount(),
                       MoneyFlag("--amount", f->amount, f->currency));
    }
    req.set_request_id(client.RequestId());
    req.set_application_id(f->application_id);
    req.set_outcome(outcome);
    req.set_reason(f->reason);
    v1::Decision d;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().RecommendApplication(c, req, &d);
    }));
    return PrintDecision(out, d);
  });
}

struct DecideFlags {
  std::string application_id, round_id, outcome, comment;
  std::vector<std::string> application_ids;
};

void AddDecide(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<DecideFlags>();
  auto* cmd = noun->add_subcommand(
      "decide",
      "Decide one application as its recommendation says (an "
      "officer other than the recommender)");
  cmd->add_option("application", f->application_id, "Application id")
      ->required();
  cmd->add_option("--outcome", f->outcome, "approve or decline")
      ->required()
      ->check(CLI::IsMember(CodesOf<v1::Outcome>()));
  cmd->add_option("--comment", f->comment, "Optional comment");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::DecideApplicationRequest req;
    ASSIGN_OR_RETURN(
        v1::Outcome outcome,
        ParseCode<v1::Outcome>("--outcome", "OUTCOME_INVALID", f->outcome));
    req.set_request_id(client.RequestId());
    req.set_application_id(f->application_id);
    req.set_outcome(outcome);
    req.set_comment(f->comment);
    v1::Decision d;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().DecideApplication(c, req, &d);
    }));
    return PrintDecision(out, d);
  });
}

void AddDecideBulk(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<DecideFlags>();
  auto* cmd = noun->add_subcommand(
      "decide-bulk",
      "Decide several applications of a round, each on its own; "
      "prints each one's result");
  cmd->add_option("applications", f->application_ids, "Application ids")
      ->required();
  cmd->add_option("--round", f->round_id, "Round id")->required();
  cmd->add_option("--outcome", f->outcome, "approve or decline")
      ->required()
      ->check(CLI::IsMember(CodesOf<v1::Outcome>()));
  cmd->add_option("--comment", f->comment, "Optional comment");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::DecideApplicationsRequest req;
    ASSIGN_OR_RETURN(
        v1::Outcome outcome,
        ParseCode<v1::Outcome>("--outcome", "OUTCOME_INVALID", f->outcome));
    req.set_request_id(client.RequestId());
    req.set_round_id(f->round_id);
    for (const auto& id : f->application_ids) req.add_application_ids(id);
    req.set_outcome(outcome);
    req.set_comment(f->comment);
    v1::DecideApplicationsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().DecideApplications(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kBulkHeader, resp.results(), BulkRow));
  });
}

void AddDecision(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetDecisionRequest>();
  auto* cmd = noun->add_subcommand(
      "decision", "Show an application's standing recommendation and decision");
  cmd->add_option("application", *req->mutable_application_id(),
                  "Application id")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::Decision d;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().GetDecision(c, *req, &d);
    }));
    return PrintDecision(out, d);
  });
}

}  // namespace

void AddAwardDecisionCommands(CLI::App* noun, CommandContext* ctx) {
  AddSettings(noun, ctx);
  AddRecommend(noun, ctx);
  AddDecide(noun, ctx);
  AddDecideBulk(noun, ctx);
  AddDecision(noun, ctx);
}

}  // namespace grants::ctl
