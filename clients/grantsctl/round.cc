// `grantsctl round`: application windows of a programme and their life cycle.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

using Stub = v1::ProgrammeService::Stub;
template <typename Req>
using RoundRpc = grpc::Status (Stub::*)(grpc::ClientContext*, const Req&,
                                        v1::Round*);

const Row kRoundHeader = {"ID",     "REFERENCE", "NAME",
                          "STATE",  "OPENS",     "CLOSES",
                          "BUDGET", "MIN_GRANT", "MAX_GRANT"};

Row RoundRow(const v1::Round& r) {
  return {r.id(),
          r.reference(),
          r.name(),
          CodeOf(r.state()),
          LondonOrUtc(r.opens_london(), r.opens_at()),
          LondonOrUtc(r.closes_london(), r.closes_at()),
          MoneyText(r.budget()),
          MoneyText(r.min_grant()),
          MoneyText(r.max_grant())};
}

// Runs one ProgrammeService RPC that returns a Round, and prints the round.
template <typename Req>
absl::Status CallAndPrint(Client& client, const Printer& out, RoundRpc<Req> rpc,
                          const Req& req) {
  v1::Round round;
  RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
    return (client.programmes().*rpc)(c, req, &round);
  }));
  return out.Print(round, {kRoundHeader, {RoundRow(round)}});
}

// The RoundSpec flags, as typed (amounts in major units).
struct SpecFlags {
  std::string name, opens, closes, budget, min_grant, max_grant;
  std::string currency = "GBP";
  // Eligibility rules and questions.
  std::vector<std::string> legal_forms, boroughs, questions,
      required_documents;
  // "ID=hint" for questions given with --question; the round's description.
  std::vector<std::string> hints;
  std::optional<std::string> description;
  std::string max_income;
  bool london_only = false;
  const CLI::Option* london_only_flag = nullptr;
  std::optional<int32_t> max_per_programme, max_per_round, max_grants_per_round,
      max_grants_per_programme;

  bool HasRules() const {
    return !legal_forms.empty() || !max_income.empty() || !boroughs.empty() ||
           london_only_flag->count() > 0 || max_per_programme.has_value() ||
           max_per_round.has_value() || max_grants_per_round.has_value() ||
           max_grants_per_programme.has_value() ||
           !required_documents.empty();
  }
};

void AddRuleFlags(CLI::App* cmd, SpecFlags* f) {
  cmd->add_option("--legal-form", f->legal_forms,
                  "Eligibility: a legal form that may apply (repeatable)")
      ->check(CLI::IsMember(CodesOf<v1::LegalForm>()));
  cmd->add_option("--max-income", f->max_income,
                  "Eligibility: largest annual income, major units (0: none)");
  cmd->add_option("--eligible-borough", f->boroughs,
                  "Eligibility: GSS code of a borough applicants must be in "
                  "(repeatable)");
  f->london_only_flag =
      cmd->add_flag("--london-only", f->london_only,
                    "Eligibility: only organisations in a London borough "
                    "(--london-only=false lifts it)");
  cmd->add_option("--max-applications-per-programme", f->max_per_programme,
                  "Eligibility: most submissions per organisation across the "
                  "programme's rounds (0: no limit)")
      ->check(NonNegative());
  cmd->add_option("--max-applications-per-round", f->max_per_round,
                  "Eligibility: most submissions per organisation in this "
                  "round, withdrawn ones included (0: no limit)")
      ->check(NonNegative());
  cmd->add_option("--max-grants-per-round", f->max_grants_per_round,
                  "Eligibility: most grants per organisation from this round "
                  "(0: no limit)")
      ->check(NonNegative());
  cmd->add_option("--max-grants-per-programme", f->max_grants_per_programme,
                  "Eligibility: most grants per organisation across the "
                  "programme's rounds (0: no limit)")
      ->check(NonNegative());
  cmd->add_option("--required-document", f->required_documents,
                  "A document every application must attach before it is "
                  "submitted (repeatable; replaces the list)")
      ->check(CLI::IsMember(CodesOf<v1::DocumentKind>()));
  cmd->add_option("--question", f->questions,
                  "A question, \"id|text|required|max_chars\" (required or "
                  "optional; repeatable; replaces all questions)");
  cmd->add_option("--hint", f->hints,
                  "A hint under a question given with --question, "
                  "\"id=text\" (repeatable)");
  cmd->add_option("--description", f->description,
                  "What the round is for, shown to applicants (4000 chars)");
}

void AddSpecFlags(CLI::App* cmd, SpecFlags* f, bool required) {
  auto need = [required](CLI::Option* option) {
    if (required) option->required();
  };
  need(cmd->add_option("--name", f->name, "Display name"));
  need(cmd->add_option("--opens", f->opens,
                       "Opening, Europe/London local time YYYY-MM-DDTHH:MM"));
  need(cmd->add_option("--closes", f->closes,
                       "Deadline, Europe/London local time YYYY-MM-DDTHH:MM"));
  need(cmd->add_option("--budget", f->budget, "Budget, major units"));
  need(cmd->add_option("--min-grant", f->min_grant,
                       "Smallest grant, major units"));
  need(cmd->add_option("--max-grant", f->max_grant,
                       "Largest grant, major units"));
  cmd->add_option("--currency", f->currency,
                  "Currency of the amounts (the fund's)")
      ->capture_default_str();
  AddRuleFlags(cmd, f);
}

// Fills `spec` with the name, times and amounts that were given and names
// each in `mask`. Errors: a local AMOUNT_INVALID naming the flag.
absl::Status FillBasics(const SpecFlags& f, v1::RoundSpec* spec,
                        std::vector<std::string>* mask) {
  struct Text {
    const std::string* value;
    const char* field;
    std::string* (v1::RoundSpec::*target)();
  };
  for (const Text& t :
       {Text{&f.name, "name", &v1::RoundSpec::mutable_name},
        Text{&f.opens, "opens_local", &v1::RoundSpec::mutable_opens_local},
        Text{&f.closes, "closes_local",
             &v1::RoundSpec::mutable_closes_local}}) {
    if (t.value->empty()) continue;
    *(spec->*t.target)() = *t.value;
    mask->push_back(t.field);
  }
  struct Amount {
    const std::string* value;
    const char* flag;
    const char* field;
    v1::Money* (v1::RoundSpec::*target)();
  };
  for (const Amount& a :
       {Amount{&f.budget, "--budget", "budget", &v1::RoundSpec::mutable_budget},
        Amount{&f.min_grant, "--min-grant", "min_grant",
               &v1::RoundSpec::mutable_min_grant},
        Amount{&f.max_grant, "--max-grant", "max_grant",
               &v1::RoundSpec::mutable_max_grant}}) {
    if (a.value->empty()) continue;
    ASSIGN_OR_RETURN(*(spec->*a.target)(),
                     MoneyFlag(a.flag, *a.value, f.currency));
    mask->push_back(a.field);
  }
  return absl::OkStatus();
}

// Overlays the eligibility flags that were given on `rules`.
absl::Status FillRules(const SpecFlags& f, v1::EligibilityRules* rules) {
  if (!f.legal_forms.empty()) {
    rules->clear_allowed_legal_forms();
    for (const std::string& code : f.legal_forms)
      rules->add_allowed_legal_forms()->set_code(code);
  }
  if (!f.max_income.empty()) {
    ASSIGN_OR_RETURN(v1::Money income,
                     MoneyFlag("--max-income", f.max_income, f.currency));
    rules->clear_max_annual_income();
    if (income.minor_units() > 0) *rules->mutable_max_annual_income() = income;
  }
  if (!f.boroughs.empty())
    *rules->mutable_boroughs() = {f.boroughs.begin(), f.boroughs.end()};
  if (f.london_only_flag->count() > 0) rules->set_london_only(f.london_only);
  if (f.max_per_programme)
    rules->set_max_applications_per_programme(*f.max_per_programme);
  if (f.max_per_round) rules->set_max_applications_per_round(*f.max_per_round);
  if (f.max_grants_per_round)
    rules->set_max_grants_per_round(*f.max_grants_per_round);
  if (f.max_grants_per_programme)
    rules->set_max_grants_per_programme(*f.max_grants_per_programme);
  if (!f.required_documents.empty()) {
    rules->clear_required_documents();
    for (const auto& code : f.required_documents) {
      ASSIGN_OR_RETURN(auto kind, ParseCode<v1::DocumentKind>(
                                      "--required-document", "KIND_INVALID",
                                      code));
      rules->add_required_documents(kind);
    }
  }
  return absl::OkStatus();
}

// "id=text" as (id, text). Errors: a local PAIR_INVALID naming `flag`.
absl::StatusOr<std::pair<std::string, std::string>> SplitPair(
    std::string_view flag, const std::string& text) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    return UsageError(flag, "PAIR_INVALID",
                      fmt::format("\"{}\": expected id=text", text));
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

// "reach_plan|How will you reach people?|required|2000": the text is
// everything between the first '|' and the last two.
absl::StatusOr<v1::Question> ParseQuestion(const std::string& text) {
  auto invalid = [&text](std::string_view why) {
    return UsageError("--question", "QUESTION_INVALID",
                      fmt::format("\"{}\": {}", text, why));
  };
  size_t first = text.find('|');
  size_t last = text.rfind('|');
  size_t middle = last == std::string::npos || last == 0
                      ? std::string::npos
                      : text.rfind('|', last - 1);
  if (first == std::string::npos || middle == std::string::npos ||
      middle <= first)
    return invalid("expected id|text|required|max_chars");
  v1::Question q;
  q.set_id(text.substr(0, first));
  q.set_text(text.substr(first + 1, middle - first - 1));
  std::string required = text.substr(middle + 1, last - middle - 1);
  if (required != "required" && required != "optional")
    return invalid("the third part must be \"required\" or \"optional\"");
  q.set_required(required == "required");
  std::string_view chars = std::string_view(text).substr(last + 1);
  int32_t max_chars = 0;
  auto [end, error] =
      std::from_chars(chars.data(), chars.data() + chars.size(), max_chars);
  if (chars.empty() || error != std::errc() ||
      end != chars.data() + chars.size())
    return invalid("max_chars must be a whole number");
  q.set_max_chars(max_chars);
  return q;
}

// Fills `spec` with the flags that were given and names each in `mask`
// (eligibility and questions whole). Errors: local, naming the flag.
absl::Status FillSpec(const SpecFlags& f, v1::RoundSpec* spec,
                      std::vector<std::string>* mask) {
  RETURN_IF_ERROR(FillBasics(f, spec, mask));
  if (f.HasRules()) {
    RETURN_IF_ERROR(FillRules(f, spec->mutable_eligibility()));
    mask->push_back("eligibility");
  }
  if (!f.questions.empty()) {
    spec->clear_questions();
    for (const std::string& text : f.questions) {
      ASSIGN_OR_RETURN(*spec->add_questions(), ParseQuestion(text));
    }
    for (const std::string& text : f.hints) {
      ASSIGN_OR_RETURN(auto hint, SplitPair("--hint", text));
      auto* questions = spec->mutable_questions();
      auto it = std::find_if(
          questions->begin(), questions->end(),
          [&](const v1::Question& q) { return q.id() == hint.first; });
      if (it == questions->end())
        return UsageError("--hint", "QUESTION_NOT_FOUND",
                          "no --question with id " + hint.first);
      it->set_hint(hint.second);
    }
    mask->push_back("questions");
  } else if (!f.hints.empty()) {
    return UsageError("--hint", "QUESTION_REQUIRED",
                      "give the questions (--question) with their hints");
  }
  if (f.description) {
    spec->set_description(*f.description);
    mask->push_back("description");
  }
  return absl::OkStatus();
}

// Update replaces the rules whole: start from the round's current ones so
// rules not given are kept.
absl::Status OverlayCurrentRules(Client& client, const std::string& round_id,
                                 const SpecFlags& f, v1::RoundSpec* spec) {
  v1::GetRoundRequest req;
  req.set_id(round_id);
  v1::Round round;
  RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
    return client.programmes().GetRound(c, req, &round);
  }));
  *spec->mutable_eligibility() = round.eligibility();
  return FillRules(f, spec->mutable_eligibility());
}

struct CreateFlags {
  std::string programme_id;
  SpecFlags spec;
};

void AddCreate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<CreateFlags>();
  auto* cmd = noun->add_subcommand(
      "create", "Create a DRAFT round, drawing its budget from the fund");
  cmd->add_option("--programme", flags->programme_id, "Programme id")
      ->required();
  AddSpecFlags(cmd, &flags->spec, /*required=*/true);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::CreateRoundRequest req;
    std::vector<std::string> unused_mask;
    RETURN_IF_ERROR(FillSpec(flags->spec, req.mutable_spec(), &unused_mask));
    req.set_programme_id(flags->programme_id);
    req.set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::CreateRound, req);
  });
}

struct UpdateFlags {
  std::string round_id;
  SpecFlags spec;
};

void AddUpdate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<UpdateFlags>();
  auto* cmd = noun->add_subcommand(
      "update",
      "Change the given fields of a DRAFT round (eligibility flags change "
      "only the rules given)");
  cmd->add_option("id", flags->round_id, "Round id")->required();
  AddSpecFlags(cmd, &flags->spec, /*required=*/false);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::UpdateRoundRequest req;
    std::vector<std::string> mask;
    RETURN_IF_ERROR(FillSpec(flags->spec, req.mutable_spec(), &mask));
    if (mask.empty())
      return UsageError("update_mask", "NOTHING_TO_UPDATE",
                        "give at least one of --name, --opens, --closes, "
                        "--budget, --min-grant, --max-grant, an eligibility "
                        "flag or --question");
    if (flags->spec.HasRules()) {
      RETURN_IF_ERROR(OverlayCurrentRules(client, flags->round_id, flags->spec,
                                          req.mutable_spec()));
    }
    for (const std::string& field : mask) req.add_update_mask(field);
    req.set_round_id(flags->round_id);
    req.set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::UpdateRound, req);
  });
}

// `round open` and `round close`: a round id and nothing else.
template <typename Req>
void AddTransition(CLI::App* noun, CommandContext* ctx, const char* name,
                   const char* help, RoundRpc<Req> rpc) {
  auto req = std::make_shared<Req>();
  auto* cmd = noun->add_subcommand(name, help);
  cmd->add_option("id", *req->mutable_round_id(), "Round id")->required();
  OnRun(cmd, ctx,
        [req, rpc](Client& client, const Printer& out) -> absl::Status {
          req->set_request_id(client.RequestId());
          return CallAndPrint(client, out, rpc, *req);
        });
}

void AddCancel(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::CancelRoundRequest>();
  auto* cmd = noun->add_subcommand(
      "cancel", "DRAFT or OPEN -> CANCELLED, releasing the budget");
  cmd->add_option("id", *req->mutable_round_id(), "Round id")->required();
  cmd->add_option("--reason", *req->mutable_reason(),
                  "Why (audited, shown to applicants)")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    req->set_request_id(client.RequestId());
    return CallAndPrint(client, out, &Stub::CancelRound, *req);
  });
}

void AddGet(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetRoundRequest>();
  auto* cmd = noun->add_subcommand("get", "Show one round");
  cmd->add_option("id", *req->mutable_id(), "Round id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) {
    return CallAndPrint(client, out, &Stub::GetRound, *req);
  });
}

struct ListFlags {
  std::string programme_id;
  std::string state;
  PageOptions page;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ListFlags>();
  auto* cmd = noun->add_subcommand("list", "List rounds, newest opening first");
  cmd->add_option("--programme", flags->programme_id,
                  "Only rounds of this programme");
  cmd->add_option("--state", flags->state, "Only rounds in this state")
      ->check(CLI::IsMember(CodesOf<v1::RoundState>()));
  AddPageFlags(cmd, &flags->page);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::ListRoundsRequest req;
    req.set_programme_id(flags->programme_id);
    ASSIGN_OR_RETURN(
        v1::RoundState state,
        ParseCode<v1::RoundState>("--state", "STATE_INVALID", flags->state));
    req.set_state(state);
    req.set_page_size(flags->page.page_size);
    req.set_page_token(flags->page.page_token);
    v1::ListRoundsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.programmes().ListRounds(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kRoundHeader, resp.rounds(), RoundRow),
                     resp.next_page_token());
  });
}

void AddCloseOut(CLI::App* noun, CommandContext* ctx) {
  auto round_id = std::make_shared<std::string>();
  auto* cmd = noun->add_subcommand(
      "close-out",
      "CLOSED -> CLOSED_OUT once every application is settled: what the "
      "round did not commit goes back to the fund");
  cmd->add_option("id", *round_id, "Round id")->required();
  OnRun(cmd, ctx, [round_id](Client& client, const Printer& out) -> absl::Status {
    v1::CloseOutRoundRequest req;
    req.set_request_id(client.RequestId());
    req.set_round_id(*round_id);
    v1::RoundCloseOut resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().CloseOutRound(c, req, &resp);
    }));
    return out.Print(resp, Table{{"ROUND", "COMMITTED", "RELEASED_TO_FUND"},
                                 {{resp.round_id(), MoneyText(resp.committed()),
                                   MoneyText(resp.released_to_fund())}}});
  });
}

struct TranslateFlags {
  std::string round_id, language, name, description;
  std::vector<std::string> questions, hints;
};

// The translation's question for `id`, added when new.
v1::QuestionTranslation* QuestionFor(v1::RoundTranslation* t,
                                     const std::string& id) {
  for (auto& q : *t->mutable_questions())
    if (q.question_id() == id) return &q;
  auto* q = t->add_questions();
  q->set_question_id(id);
  return q;
}

void AddTranslate(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<TranslateFlags>();
  auto* cmd = noun->add_subcommand(
      "translate",
      "Give the round's name, description, questions and hints in one "
      "language (replaces that language's earlier translation)");
  cmd->add_option("id", f->round_id, "Round id")->required();
  cmd->add_option("--language", f->language, "pl, ro, bg, pt, rom or ar")
      ->required();
  cmd->add_option("--name", f->name, "The round's name");
  cmd->add_option("--description", f->description, "The description");
  cmd->add_option("--question", f->questions,
                  "A question's text, \"id=text\" (repeatable)");
  cmd->add_option("--hint", f->hints,
                  "A question's hint, \"id=text\" (repeatable)");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::SetRoundTranslationRequest req;
    req.set_request_id(client.RequestId());
    req.set_round_id(f->round_id);
    v1::RoundTranslation* t = req.mutable_translation();
    t->set_language(f->language);
    t->set_name(f->name);
    t->set_description(f->description);
    for (const std::string& text : f->questions) {
      ASSIGN_OR_RETURN(auto pair, SplitPair("--question", text));
      QuestionFor(t, pair.first)->set_text(pair.second);
    }
    for (const std::string& text : f->hints) {
      ASSIGN_OR_RETURN(auto pair, SplitPair("--hint", text));
      QuestionFor(t, pair.first)->set_hint(pair.second);
    }
    v1::Round round;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.programmes().SetRoundTranslation(c, req, &round);
    }));
    Table table{{"LANGUAGE", "NAME", "DESCRIPTION", "QUESTIONS"}, {}};
    for (const auto& tr : round.translations()) {
      std::string questions;
      for (const auto& q : tr.questions())
        questions += fmt::format("{}{}={}", questions.empty() ? "" : "; ",
                                 q.question_id(), q.text());
      table.rows.push_back(
          {tr.language(), tr.name(), tr.description(), questions});
    }
    return out.Print(round, table);
  });
}

}  // namespace

void AddRoundCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("round", "Application rounds of a programme");
  noun->require_subcommand(1);
  AddCreate(noun, ctx);
  AddUpdate(noun, ctx);
  AddTransition<v1::OpenRoundRequest>(noun, ctx, "open", "DRAFT -> OPEN",
                                      &Stub::OpenRound);
  AddTransition<v1::CloseRoundRequest>(noun, ctx, "close",
                                       "OPEN -> CLOSED: no more submissions",
                                       &Stub::CloseRound);
  AddCancel(noun, ctx);
  AddCloseOut(noun, ctx);
  AddGet(noun, ctx);
  AddList(noun, ctx);
  AddTranslate(noun, ctx);
}

}  // namespace grants::ctl
