// `grantsctl award conditions|condition meet|sign-off|return|translate`: an
// offer's conditions as items the group meets and an officer signs off
// (payments due on conditions fall due with the last sign-off), and their
// text in the group's language.
#include <memory>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kHeader = {
    "ID",        "NUMBER", "STATE",     "TEXT",          "STATEMENT",
    "DOCUMENTS", "MET_BY", "ON_BEHALF", "SIGNED_OFF_BY", "RETURN_COMMENT"};

Row ConditionRow(const v1::AwardCondition& c) {
  std::string documents;
  for (const auto& d : c.document_ids())
    documents += (documents.empty() ? "" : " ") + d;
  return {c.id(),
          std::to_string(c.number()),
          CodeOf(c.state()),
          c.text(),
          c.statement(),
          documents,
          c.met_by(),
          c.on_behalf_reason(),
          c.signed_off_by(),
          c.return_comment()};
}

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto id = std::make_shared<std::string>();
  auto* cmd = noun->add_subcommand(
      "conditions", "An award's conditions and where each stands");
  cmd->add_option("award", *id, "Award id")->required();
  OnRun(cmd, ctx, [id](Client& client, const Printer& out) -> absl::Status {
    v1::GetAwardRequest req;
    req.set_id(*id);
    v1::Award award;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.awards().GetAward(c, req, &award);
    }));
    return out.Print(award,
                     TableOf(kHeader, award.condition_items(), ConditionRow));
  });
}

struct MeetFlags {
  v1::MeetConditionRequest req;
  std::vector<std::string> documents;
};

void AddMeet(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<MeetFlags>();
  auto* cmd = noun->add_subcommand(
      "meet",
      "The group meets a condition with a statement and/or documents of the "
      "award (an officer for a group gives --on-behalf-reason)");
  cmd->add_option("id", *f->req.mutable_condition_id(), "Condition id")
      ->required();
  cmd->add_option("--statement", *f->req.mutable_statement(),
                  "How it is met (2000 chars)");
  cmd->add_option("--document", f->documents,
                  "A document of the award (repeatable; grantsctl document "
                  "upload --award)");
  cmd->add_option("--on-behalf-reason", *f->req.mutable_on_behalf_reason(),
                  "An officer acting for the group: why (500 chars)");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::MeetConditionRequest req = f->req;
    req.set_request_id(client.RequestId());
    for (const auto& d : f->documents) req.add_document_ids(d);
    v1::AwardCondition c;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* cc) {
      return client.awards().MeetCondition(cc, req, &c);
    }));
    return out.Print(c, {kHeader, {ConditionRow(c)}});
  });
}

void AddSignOff(CLI::App* noun, CommandContext* ctx) {
  auto id = std::make_shared<std::string>();
  auto* cmd = noun->add_subcommand(
      "sign-off",
      "Sign off a met condition (not the officer who met it for the group); "
      "the last one makes payments due on conditions due");
  cmd->add_option("id", *id, "Condition id")->required();
  OnRun(cmd, ctx, [id](Client& client, const Printer& out) -> absl::Status {
    v1::SignOffConditionRequest req;
    req.set_request_id(client.RequestId());
    req.set_condition_id(*id);
    v1::AwardCondition c;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* cc) {
      return client.awards().SignOffCondition(cc, req, &c);
    }));
    return out.Print(c, {kHeader, {ConditionRow(c)}});
  });
}

void AddReturn(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ReturnConditionRequest>();
  auto* cmd = noun->add_subcommand(
      "return", "Send a met condition back to the group with a comment");
  cmd->add_option("id", *req->mutable_condition_id(), "Condition id")
      ->required();
  cmd->add_option("--comment", *req->mutable_comment(),
                  "What to send instead (2000 chars)")
      ->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::ReturnConditionRequest r = *req;
    r.set_request_id(client.RequestId());
    v1::AwardCondition c;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* cc) {
      return client.awards().ReturnCondition(cc, r, &c);
    }));
    return out.Print(c, {kHeader, {ConditionRow(c)}});
  });
}

struct TranslateFlags {
  v1::SetConditionTranslationRequest req;
  std::string language;
  std::vector<std::string> texts;
};

void AddTranslate(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<TranslateFlags>();
  auto* cmd = noun->add_subcommand(
      "translate",
      "Give an award's conditions in one language (the group sees them in "
      "its language; an empty text stays in English)");
  cmd->add_option("award", *f->req.mutable_award_id(), "Award id")->required();
  cmd->add_option("--language", f->language, "pl, ro, bg, pt, rom or ar")
      ->required();
  cmd->add_option("--text", f->texts,
                  "Each condition's translation in order (repeatable; \"\" "
                  "keeps one in English)")
      ->required();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::SetConditionTranslationRequest req = f->req;
    req.set_request_id(client.RequestId());
    req.mutable_translation()->set_language(f->language);
    for (const auto& t : f->texts) req.mutable_translation()->add_conditions(t);
    v1::Award award;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* cc) {
      return client.awards().SetConditionTranslation(cc, req, &award);
    }));
    std::vector<Row> rows;
    for (const auto& t : award.condition_translations())
      for (int i = 0; i < award.conditions_size(); ++i)
        rows.push_back({std::to_string(i + 1), t.language(),
                        award.conditions(i),
                        i < t.conditions_size() ? t.conditions(i) : ""});
    return out.Print(award, {{"NUMBER", "LANGUAGE", "TEXT", "TRANSLATION"},
                             std::move(rows)});
  });
}

}  // namespace

void AddConditionCommands(CLI::App* award, CommandContext* ctx) {
  AddList(award, ctx);
  auto* noun = award->add_subcommand(
      "condition", "Meet, sign off or return an offer's condition");
  noun->require_subcommand(1);
  AddMeet(noun, ctx);
  AddSignOff(noun, ctx);
  AddReturn(noun, ctx);
  AddTranslate(noun, ctx);
}

}  // namespace grants::ctl
