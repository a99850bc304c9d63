// grantsctl's application content flags.
#include "clients/grantsctl/application_content.h"

#include <fmt/format.h>

#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

using Content = v1::ApplicationContent;

// "Venue hire=400.00": split at the last '=', so descriptions may hold one.
absl::StatusOr<v1::BudgetLine> ParseBudgetLine(const std::string& text,
                                               const std::string& currency) {
  size_t split = text.rfind('=');
  if (split == std::string::npos || split == 0)
    return UsageError("--budget-line", "BUDGET_LINE_INVALID",
                      fmt::format("\"{}\" is not \"description=amount\" "
                                  "(e.g. \"Venue hire=400.00\")",
                                  text));
  v1::BudgetLine line;
  line.set_description(text.substr(0, split));
  ASSIGN_OR_RETURN(
      *line.mutable_amount(),
      MoneyFlag("--budget-line", text.substr(split + 1), currency));
  return line;
}

// "reach_plan=We will ...": split at the first '=', so answers may hold one.
absl::StatusOr<v1::Answer> ParseAnswer(const std::string& text) {
  size_t split = text.find('=');
  if (split == std::string::npos || split == 0)
    return UsageError("--answer", "ANSWER_INVALID",
                      fmt::format("\"{}\" is not \"question_id=text\"", text));
  v1::Answer answer;
  answer.set_question_id(text.substr(0, split));
  answer.set_text(text.substr(split + 1));
  return answer;
}

// The text and list flags that were given.
void ParseTexts(const ContentFlags& f, ContentPatch* p) {
  struct Text {
    const std::string* value;
    const char* field;
    std::string* (Content::*target)();
  };
  for (const Text& t :
       {Text{&f.summary, "project_summary", &Content::mutable_project_summary},
        Text{&f.activities, "planned_activities",
             &Content::mutable_planned_activities},
        Text{&f.correspondence_language, "correspondence_language",
             &Content::mutable_correspondence_language}}) {
    if (t.value->empty()) continue;
    *(p->values.*t.target)() = *t.value;
    p->given.insert(t.field);
  }
  using Strings = google::protobuf::RepeatedPtrField<std::string>;
  struct List {
    const std::vector<std::string>* value;
    const char* field;
    Strings* (Content::*target)();
  };
  for (const List& l :
       {List{&f.communities, "target_communities",
             &Content::mutable_target_communities},
        List{&f.boroughs, "boroughs_served", &Content::mutable_boroughs_served},
        List{&f.languages, "languages", &Content::mutable_languages}}) {
    if (l.value->empty()) continue;
    *(p->values.*l.target)() = {l.value->begin(), l.value->end()};
    p->given.insert(l.field);
  }
}

void ParseReach(const ContentFlags& f, ContentPatch* p) {
  v1::PlannedReach* reach = p->values.mutable_planned_reach();
  if (f.supported_directly) {
    reach->set_people_supported_directly(*f.supported_directly);
    p->given.insert("planned_reach.people_supported_directly");
  }
  if (f.reached_with_information) {
    reach->set_people_reached_with_information(*f.reached_with_information);
    p->given.insert("planned_reach.people_reached_with_information");
  }
}

// Replaces the answer to the same question, or adds it.
void SetAnswer(const v1::Answer& answer, Content* content) {
  for (v1::Answer& existing : *content->mutable_answers()) {
    if (existing.question_id() != answer.question_id()) continue;
    existing.set_text(answer.text());
    return;
  }
  *content->add_answers() = answer;
}

}  // namespace

void AddContentFlags(CLI::App* cmd, ContentFlags* f) {
  cmd->add_option("--amount", f->amount, "Amount requested, major units");
  cmd->add_option("--currency", f->currency,
                  "Currency of --amount and --budget-line (the round's)")
      ->capture_default_str();
  cmd->add_option("--summary", f->summary, "Project summary (2000 chars)");
  cmd->add_option("--activities", f->activities,
                  "Planned activities (4000 chars)");
  cmd->add_option("--community", f->communities,
                  "Target community code (repeatable), e.g. roma");
  cmd->add_option("--borough", f->boroughs,
                  "GSS code of a borough served (repeatable), e.g. E09000030");
  cmd->add_option("--language", f->languages,
                  "ISO 639 code of a language worked in (repeatable)");
  cmd->add_option("--supported-directly", f->supported_directly,
                  "People the project will support directly")
      ->check(NonNegative());
  cmd->add_option("--reached-with-information", f->reached_with_information,
                  "People the project will reach with information")
      ->check(NonNegative());
  cmd->add_option("--budget-line", f->budget_lines,
                  "\"description=amount\" (repeatable; replaces all lines), "
                  "e.g. \"Venue hire=400.00\"");
  cmd->add_option("--answer", f->answers,
                  "\"question_id=text\" (repeatable; replaces that answer)");
  cmd->add_option("--correspondence-language", f->correspondence_language,
                  "ISO 639 code for letters about this application");
}

absl::StatusOr<ContentPatch> ParseContent(const ContentFlags& f) {
  ContentPatch p;
  if (!f.amount.empty()) {
    ASSIGN_OR_RETURN(*p.values.mutable_amount_requested(),
                     MoneyFlag("--amount", f.amount, f.currency));
    p.given.insert("amount_requested");
  }
  ParseTexts(f, &p);
  ParseReach(f, &p);
  for (const std::string& text : f.budget_lines) {
    ASSIGN_OR_RETURN(*p.values.add_budget_lines(),
                     ParseBudgetLine(text, f.currency));
  }
  if (!f.budget_lines.empty()) p.given.insert("budget_lines");
  for (const std::string& text : f.answers) {
    ASSIGN_OR_RETURN(*p.values.add_answers(), ParseAnswer(text));
  }
  if (!f.answers.empty()) p.given.insert("answers");
  return p;
}

void Overlay(const ContentPatch& p, Content* c) {
  const Content& v = p.values;
  auto has = [&p](const char* field) { return p.given.count(field) > 0; };
  if (has("amount_requested"))
    *c->mutable_amount_requested() = v.amount_requested();
  if (has("project_summary")) c->set_project_summary(v.project_summary());
  if (has("planned_activities"))
    c->set_planned_activities(v.planned_activities());
  if (has("correspondence_language"))
    c->set_correspondence_language(v.correspondence_language());
  if (has("target_communities"))
    *c->mutable_target_communities() = v.target_communities();
  if (has("boroughs_served"))
    *c->mutable_boroughs_served() = v.boroughs_served();
  if (has("languages")) *c->mutable_languages() = v.languages();
  const v1::PlannedReach& reach = v.planned_reach();
  if (has("planned_reach.people_supported_directly"))
    c->mutable_planned_reach()->set_people_supported_directly(
        reach.people_supported_directly());
  if (has("planned_reach.people_reached_with_information"))
    c->mutable_planned_reach()->set_people_reached_with_information(
        reach.people_reached_with_information());
  if (has("budget_lines")) *c->mutable_budget_lines() = v.budget_lines();
  for (const v1::Answer& answer : v.answers()) SetAnswer(answer, c);
}

}  // namespace grants::ctl
