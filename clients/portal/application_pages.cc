// The open rounds, the applications list and the application form.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/language_names.h"
#include "clients/portal/page.h"
#include "common/crypto.h"
#include "common/london_time.h"
#include "common/status.h"

namespace grants::portal {

namespace {

// The round's name in the page's language where an officer translated it,
// else in English.
std::string RoundName(const Portal::Call& c, const v1::Round& round) {
  for (const auto& t : round.translations())
    if (t.language() == c.session.language && !t.name().empty())
      return t.name();
  return round.name();
}

// The round's description in the page's language where an officer
// translated it, else in English, saying so; "" when it has none.
std::string RoundDescription(const Portal::Call& c, const v1::Round& round) {
  if (round.description().empty()) return "";
  for (const auto& t : round.translations())
    if (t.language() == c.session.language && !t.description().empty())
      return t.description();
  if (c.session.language == "en") return round.description();
  return c.T("This description has no translation yet: it is shown in "
             "English.") +
         "\n\n" + round.description();
}

std::string StateLabel(v1::ApplicationState state) {
  switch (state) {
    case v1::APPLICATION_STATE_DRAFT:
      return "Draft";
    case v1::APPLICATION_STATE_SUBMITTED:
      return "Submitted";
    case v1::APPLICATION_STATE_RETURNED:
      return "Returned for changes";
    case v1::APPLICATION_STATE_WITHDRAWN:
      return "Withdrawn";
    case v1::APPLICATION_STATE_APPROVED:
      return "Approved";
    case v1::APPLICATION_STATE_DECLINED:
      return "Declined";
    default:
      return "Unknown";
  }
}

bool Editable(v1::ApplicationState state) {
  return state == v1::APPLICATION_STATE_DRAFT ||
         state == v1::APPLICATION_STATE_RETURNED;
}

}  // namespace

void Portal::Rounds(Call& c) {
  if (!c.session.registered) return Redirect(c, "/organisation");
  v1::ListRoundsRequest req;
  req.set_state(v1::ROUND_STATE_OPEN);
  req.set_page_size(100);
  v1::ListRoundsResponse resp;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.programmes().ListRounds(ctx, req, &resp);
      });
  if (!s.ok()) return RefuseFromBackend(c, s);
  // A group applies once a round: where it has, the round leads to its
  // application instead of offering to apply again.
  v1::ListApplicationsRequest mine_req;
  mine_req.set_page_size(100);
  v1::ListApplicationsResponse mine;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.applications().ListApplications(ctx, mine_req, &mine);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::map<std::string, const v1::Application*> applied;
  for (const auto& a : mine.applications())
    if (a.state() != v1::APPLICATION_STATE_WITHDRAWN)
      applied[a.round_id()] = &a;
  List rounds;
  for (const auto& r : resp.rounds()) {
    Object round{
        {"id", r.id()},
        {"request_id", RandomUuid()},  // one a form
        {"name", RoundName(c, r)},
        {"closes", c.TF("{when} (London time)",
                        fmt::arg("when", LondonText(r.closes_london())))},
        {"grants", Money(r.min_grant()) + " – " + Money(r.max_grant())},
        {"description", RoundDescription(c, r)},
        {"apply",
         c.TF("Apply to {round}", fmt::arg("round", RoundName(c, r)))}};
    if (auto it = applied.find(r.id()); it != applied.end()) {
      const v1::Application& a = *it->second;
      round["applied"] = Object{
          {"href", "/applications/" + a.id()},
          {"text",
           c.TF("Your application ({reference}): {state}",
                fmt::arg("reference",
                         a.reference().empty() ? c.T("Draft") : a.reference()),
                fmt::arg("state", c.T(StateLabel(a.state()))))}};
    }
    rounds.push_back(std::move(round));
  }
  Render(c, c.T("Open rounds"), "rounds",
         {{"rounds", rounds},
          {"none", c.T("No rounds are open at the moment.")},
          {"closes_label", c.T("Closes")},
          {"grants_label", c.T("Grants")}});
}

void Portal::Applications(Call& c) {
  v1::ListApplicationsRequest req;
  req.set_page_size(100);
  v1::ListApplicationsResponse resp;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.applications().ListApplications(ctx, req, &resp);
      });
  if (!s.ok()) return RefuseFromBackend(c, s);
  List rows;
  for (const auto& a : resp.applications())
    rows.push_back(Object{
        {"id", a.id()},
        {"reference", a.reference().empty() ? c.T("Draft") : a.reference()},
        {"state", c.T(StateLabel(a.state()))},
        {"amount", Money(a.content().amount_requested())}});
  Object page{{"none", c.T("You have no applications yet.")}};
  if (!rows.empty())
    page["table"] = Object{{"label", c.T("Your applications")},
                           {"reference_label", c.T("Reference")},
                           {"status_label", c.T("Status")},
                           {"amount_label", c.T("Amount")},
                           {"rows", rows}};
  Render(c, c.T("Your applications"), "applications", page);
}

void Portal::ApplicationCreate(Call& c) {
  v1::CreateApplicationRequest req;
  req.set_request_id(c.form_id);
  req.set_round_id(c.Param("round_id"));
  req.mutable_content()->set_correspondence_language(c.session.language);
  v1::Application a;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.applications().CreateApplication(ctx, req, &a);
      });
  if (!s.ok())
    return Render(c, c.T("Open rounds"), "notice",
                  Notice({}, "/rounds", c.T("Back to open rounds")),
                  ErrorsOf(s, c.session.language), 400);
  Redirect(c, "/applications/" + a.id());
}

namespace {

template <typename Strings>
std::string Joined(const Strings& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::vector<std::string> Strings(
    const google::protobuf::RepeatedPtrField<std::string>& items) {
  return {items.begin(), items.end()};
}

// The three budget lines' fields.
List BudgetLines(const Portal::Call& c, const v1::ApplicationContent& content,
                 const FormFields& form) {
  List out;
  for (int i = 0; i < 3; ++i) {
    std::string n = std::to_string(i + 1);
    const v1::BudgetLine* line =
        i < content.budget_lines_size() ? &content.budget_lines(i) : nullptr;
    out.push_back(Object{
        {"what", form.Text({"budget_description_" + n,
                            c.TF("Budget line {n}: what for", fmt::arg("n", n)),
                            "", line ? line->description() : ""})},
        {"pounds", form.Text({"budget_amount_" + n,
                              c.TF("Budget line {n}: pounds", fmt::arg("n", n)),
                              "", line ? Pounds(line->amount()) : ""},
                             kWidth10)}});
  }
  return out;
}

// The officers' translation of the round into the page's language, or
// nullptr (English pages, or none given).
const v1::RoundTranslation* TranslationOf(const Portal::Call& c,
                                          const v1::Round& round) {
  for (const auto& t : round.translations())
    if (t.language() == c.session.language) return &t;
  return nullptr;
}

// The question's officer-written text and hint in the page's language where
// an officer gave them, else in English, saying so (#17 item 2).
std::pair<std::string, std::string> QuestionTexts(const Portal::Call& c,
                                                  const v1::RoundTranslation* t,
                                                  const v1::Question& q) {
  const v1::QuestionTranslation* tq = nullptr;
  if (t)
    for (const auto& candidate : t->questions())
      if (candidate.question_id() == q.id()) tq = &candidate;
  std::string text = tq && !tq->text().empty() ? tq->text() : q.text();
  std::string hint = tq && !tq->hint().empty() ? tq->hint() : q.hint();
  std::string limit =
      c.TF("Up to {n} characters", fmt::arg("n", q.max_chars()));
  hint = hint.empty() ? limit : hint + " " + limit;
  if (c.session.language != "en" && (!tq || tq->text().empty()))
    hint = c.T("This question has no translation yet: it is shown in "
               "English.") +
           " " + hint;
  return {text, hint};
}

// A text area for each of the round's questions.
List Questions(const Portal::Call& c, const v1::Round& round,
               const v1::ApplicationContent& content, const FormFields& form) {
  List out;
  const v1::RoundTranslation* t = TranslationOf(c, round);
  for (const auto& q : round.questions()) {
    std::string stored;
    for (const auto& answer : content.answers())
      if (answer.question_id() == q.id()) stored = answer.text();
    auto [text, hint] = QuestionTexts(c, t, q);
    out.push_back(form.Area({"answer_" + q.id(), text, hint, stored}));
  }
  return out;
}

// How many people the project plans to reach, as typed into a form.
std::string Planned(const v1::ApplicationContent& content, bool supported) {
  if (!content.has_planned_reach()) return "";
  const auto& reach = content.planned_reach();
  return std::to_string(supported ? reach.people_supported_directly()
                                  : reach.people_reached_with_information());
}

// The languages of `content` that the form's list does not offer, by
// their English names.
std::vector<std::string> OtherLanguages(const v1::ApplicationContent& content) {
  Options listed = ProjectLanguages();
  std::vector<std::string> out;
  for (const auto& code : content.languages())
    if (std::none_of(listed.begin(), listed.end(),
                     [&](const auto& o) { return o.first == code; }))
      out.push_back(IsoLanguages::Get().NameOf(code));
  return out;
}

// The application form's fields, filled with `content`.
Object ApplicationFields(const Portal::Call& c, const ApplicationView& view,
                         const v1::ApplicationContent& content,
                         const FormFields& form) {
  const v1::Round& round = view.round;
  return {
      {"amount",
       form.Text({"amount", c.T("How much are you asking for, in pounds?"),
                  c.TF("Between {min} and {max}",
                       fmt::arg("min", Money(round.min_grant())),
                       fmt::arg("max", Money(round.max_grant()))),
                  Pounds(content.amount_requested())},
                 kWidth10)},
      {"project_summary",
       form.Area({"project_summary", c.T("Summary of your project"),
                  c.T("Up to 2000 characters"), content.project_summary()})},
      {"planned_activities",
       form.Area({"planned_activities", c.T("What you will do"),
                  c.T("Up to 4000 characters"), content.planned_activities()})},
      {"community", form.Boxes({"community", c.T("Who will you work with?")},
                               Communities(c.session.language, view.programme),
                               Strings(content.target_communities()))},
      {"borough",
       form.Boxes({"borough", c.T("Which boroughs will you work in?")},
                  Boroughs(), Strings(content.boroughs_served()))},
      {"project_languages",
       form.Boxes({"project_languages", c.T("Languages you will work in")},
                  ProjectLanguages(), Strings(content.languages()))},
      {"other_languages",
       form.Text({"other_languages", c.T("Other languages"),
                  c.T("Not in the list? Type their names in English, "
                      "separated by commas, for example Tigrinya, Dari"),
                  Joined(OtherLanguages(content))},
                 {.suggestions = &IsoLanguages::Get().Suggestions()})},
      {"supported",
       form.Text(
           {"supported", c.T("How many people will you support directly?"), "",
            Planned(content, true)},
           kWidth5)},
      {"reached",
       form.Text(
           {"reached", c.T("How many people will you reach with information?"),
            "", Planned(content, false)},
           kWidth5)}};
}

// The form, with its budget, questions and buttons.
Object ApplicationForm(const Portal::Call& c, const ApplicationView& view,
                       const v1::ApplicationContent& content,
                       const FormFields& form) {
  Object fields = ApplicationFields(c, view, content, form);
  fields["action"] = c.req.path;
  fields["budget"] = c.T("Budget");
  fields["budget_hint"] =
      c.T("The lines must add up to the amount you ask for.");
  fields["budget_lines"] = BudgetLines(c, content, form);
  fields["questions"] = Questions(c, view.round, content, form);
  fields["save"] = c.T("Save draft");
  fields["submit"] = c.T("Submit application");
  return fields;
}

// What the group sent (its latest submission, not the draft an officer's
// return would reopen), once the application can no longer change: the
// amount, the summary and plan, and each question (in the page's language
// where an officer translated it, even after the group applied) with its
// answer.
Object SentSection(const Portal::Call& c, const ApplicationView& view) {
  // What was frozen when it was sent: a draft withdrawn unsent has none.
  if (!view.application.has_submission()) return {};
  const v1::ApplicationContent& content =
      view.application.submission().content();
  List rows{Object{{"label", c.T("How much are you asking for, in pounds?")},
                   {"value", Money(content.amount_requested())}},
            Object{{"label", c.T("Summary of your project")},
                   {"value", content.project_summary()}},
            Object{{"label", c.T("What you will do")},
                   {"value", content.planned_activities()}}};
  const v1::RoundTranslation* t = TranslationOf(c, view.round);
  for (const auto& q : view.round.questions()) {
    std::string answer;
    for (const auto& a : content.answers())
      if (a.question_id() == q.id()) answer = a.text();
    std::string text = QuestionTexts(c, t, q).first;
    if (c.session.language != "en" && text == q.text())
      text += " (" + c.T("no translation yet: shown in English") + ")";
    rows.push_back(
        Object{{"id", "sent-" + q.id()}, {"label", text}, {"value", answer}});
  }
  return {{"heading", c.T("What you sent")}, {"rows", rows}};
}

// What an officer did for the group (an act's RPC), in English.
std::string ActLabel(const std::string& action) {
  if (action == "CreateApplication") return "Started the application";
  if (action == "UpdateApplication") return "Changed the application";
  if (action == "SubmitApplication") return "Submitted the application";
  if (action == "AcceptOffer") return "Accepted the offer";
  if (action == "SubmitReport") return "Sent a report";
  if (action == "FinishUpload") return "Attached a document";
  if (action == "DeleteDocument") return "Removed a document";
  if (action == "MeetCondition") return "Met a condition of the offer";
  return "Acted for you";
}

// What an officer did for the group on this application, its award and
// reports, oldest first: what, who, when and why (#17 item 4).
Object ActsSection(const Portal::Call& c, const v1::Application& a) {
  List rows;
  for (const auto& act : a.acts_on_behalf()) {
    rows.push_back(
        Object{{"what", c.T(ActLabel(act.action()))},
               {"officer", act.officer()},
               {"when", LondonText(FormatLondonMinute(
                            absl::FromUnixSeconds(act.act_time().seconds())))},
               {"reason", act.reason()}});
  }
  if (rows.empty()) return {};
  return {{"heading", c.T("Done for you by the grants team")},
          {"intro", c.T("You asked the grants team for help, so an officer "
                        "did these steps for you.")},
          {"what_label", c.T("What")},
          {"officer_label", c.T("Officer")},
          {"when_label", c.T("When (London time)")},
          {"reason_label", c.T("Why")},
          {"rows", rows}};
}

// The application's documents: what the round asks for and whether it is
// attached, each attached one as a download, and (while the application
// can change) a form to attach another.
Object DocumentsSection(const Portal::Call& c, const ApplicationView& view,
                        const FormFields& form) {
  std::set<int> attached;
  List rows;
  const bool editable = Editable(view.application.state());
  for (const auto& d : view.documents) {
    attached.insert(d.kind());
    Object row{{"href", "/documents/" + d.id()},
               {"name", d.file_name()},
               {"kind", DocumentKindLabel(c, d.kind())},
               {"size", FileSize(d.size_bytes())}};
    // Attached by mistake: it can go while the application can change.
    if (editable)
      row["remove"] = Object{
          {"action", "/applications/" + view.application.id() + "/documents/" +
                         d.id() + "/remove"},
          {"request_id", RandomUuid()},
          {"label", c.TF("Remove {name}", fmt::arg("name", d.file_name()))}};
    rows.push_back(std::move(row));
  }
  List required;
  for (int kind : view.round.eligibility().required_documents())
    required.push_back(Object{
        {"kind", DocumentKindLabel(c, static_cast<v1::DocumentKind>(kind))},
        {"state",
         attached.count(kind) ? c.T("Attached") : c.T("Not attached yet")}});
  Object section{{"heading", c.T("Documents")},
                 {"name_label", c.T("Document")},
                 {"kind_label", c.T("What it is")},
                 {"size_label", c.T("Size")},
                 {"remove_label", c.T("Remove")},
                 {"none", c.T("No documents attached yet.")}};
  if (!rows.empty()) section["table"] = Object{{"rows", rows}};
  if (!required.empty()) {
    section["required"] = required;
    section["required_intro"] =
        c.T("This round asks for these documents before you submit:");
  }
  if (editable) {
    Options kinds;
    for (auto kind :
         {v1::DOCUMENT_KIND_GOVERNING_DOCUMENT, v1::DOCUMENT_KIND_ACCOUNTS,
          v1::DOCUMENT_KIND_SAFEGUARDING_POLICY,
          v1::DOCUMENT_KIND_BANK_STATEMENT, v1::DOCUMENT_KIND_OTHER})
      kinds.emplace_back(CodeOf(kind), DocumentKindLabel(c, kind));
    section["upload"] = Object{
        {"action", "/applications/" + view.application.id() + "/documents"},
        {"request_id", RandomUuid()},
        {"heading", c.T("Attach a document")},
        // The form below is another form: what is typed there goes with
        // its own buttons only.
        {"note", c.T("Attaching a file does not save your answers below. "
                     "Save them first.")},
        {"kind", form.Choice({"kind", c.T("What is it?")}, kinds)},
        {"file", form.Text({"file", c.T("File"), FileHint(c)}, kFileInput)},
        {"attach", c.T("Attach")}};
  }
  return section;
}

// The application page: its state, and its form (filled with `content`,
// or what was typed) while it can be changed.
void ShowApplication(Portal::Call& c, const ApplicationView& view,
                     const v1::ApplicationContent& content, const Typed& typed,
                     const FieldErrors& errors, int status = 200) {
  const v1::Application& a = view.application;
  Object page{
      {"status_label", c.T("Status")},
      {"state", c.T(StateLabel(a.state()))},
      {"reference_label", c.T("Tracking reference")},
      {"deadline_label", c.T("Deadline")},
      {"deadline", c.TF("{when} (London time)",
                        fmt::arg("when", LondonText(a.deadline_london())))}};
  SetOptional(page, "reference", a.reference());
  // After a save or a submission (the redirect's query), and only while the
  // page shows no errors.
  if (errors.empty() && c.Param("saved") == "1" && Editable(a.state()))
    page["confirmation"] =
        c.T("Your changes are saved. You can come back and change them until "
            "you submit.");
  if (errors.empty() && c.Param("submitted") == "1" &&
      a.state() == v1::APPLICATION_STATE_SUBMITTED)
    page["confirmation"] = c.TF(
        "Your application is submitted. Its tracking reference is "
        "{reference}.",
        fmt::arg("reference", a.reference()));
  if (!a.return_comment().empty() &&
      a.state() == v1::APPLICATION_STATE_RETURNED)
    page["officer_asks"] =
        c.T("Your grant officer asks:") + " " + a.return_comment();
  if (errors.empty() && c.Param("attached") == "1")
    page["confirmation"] = c.T("Your document is attached.");
  if (errors.empty() && c.Param("removed") == "1")
    page["confirmation"] = c.T("The document is removed.");
  Object acts = ActsSection(c, a);
  if (!acts.empty()) page["acts"] = acts;
  page["documents"] = DocumentsSection(c, view, FormFields(c, errors, &typed));
  if (Editable(a.state())) {
    page["form"] =
        ApplicationForm(c, view, content, FormFields(c, errors, &typed));
  } else {
    Object locked{{"text", c.T("This application can no longer be changed.")},
                  {"back", c.T("Back to your applications")}};
    Object sent = SentSection(c, view);
    if (!sent.empty()) locked["sent"] = sent;
    page["locked"] = locked;
  }
  Render(c, RoundName(c, view.round), "application", page, errors, status);
}

}  // namespace

void ShowApplicationPage(Portal::Call& c, const ApplicationView& view,
                         const FieldErrors& errors, int status) {
  ShowApplication(c, view, view.application.content(), {}, errors, status);
}

// Reads the application, its round and programme as the grantee.
absl::Status LoadView(const Backend& backend, const std::string& token,
                      const std::string& id, ApplicationView* view) {
  v1::GetApplicationRequest get;
  get.set_id(id);
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.applications().GetApplication(ctx, get, &view->application);
  }));
  v1::GetRoundRequest round;
  round.set_id(view->application.round_id());
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.programmes().GetRound(ctx, round, &view->round);
  }));
  v1::GetProgrammeRequest programme;
  programme.set_id(view->round.programme_id());
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.programmes().GetProgramme(ctx, programme, &view->programme);
  }));
  v1::ListDocumentsRequest documents;
  documents.set_application_id(id);
  v1::ListDocumentsResponse listed;
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.documents().ListDocuments(ctx, documents, &listed);
  }));
  view->documents.assign(listed.documents().begin(), listed.documents().end());
  return absl::OkStatus();
}

namespace {

v1::Money MoneyOf(const std::string& currency, int64_t minor) {
  v1::Money m;
  m.set_currency_code(currency);
  m.set_minor_units(minor);
  return m;
}

// The codes of the languages typed as "Tigrinya, Dari" (names in English
// or codes); an error on the field for each it does not know.
std::vector<std::string> LanguageCodes(const Portal::Call& c,
                                       FormReader& form) {
  std::vector<std::string> out;
  std::istringstream items(form.Text("other_languages"));
  for (std::string item; std::getline(items, item, ',');) {
    item = std::string(absl::StripAsciiWhitespace(item));
    if (item.empty()) continue;
    if (auto code = IsoLanguages::Get().CodeOf(item))
      out.push_back(*code);
    else
      form.Fail("other_languages",
                c.TF("We do not know the language \"{name}\". Type its name "
                     "in English, as the list suggests, or its code.",
                     fmt::arg("name", item)));
  }
  return out;
}

// The budget lines the form describes (those with a description or an
// amount).
void ReadBudget(FormReader& form, const std::string& currency,
                v1::ApplicationContent* content) {
  content->clear_budget_lines();
  for (int i = 1; i <= 3; ++i) {
    std::string n = std::to_string(i);
    std::string description = form.Text("budget_description_" + n);
    std::optional<int64_t> amount = form.Pence("budget_amount_" + n);
    if (description.empty() && !amount) continue;
    v1::BudgetLine* line = content->add_budget_lines();
    line->set_description(description);
    if (amount) *line->mutable_amount() = MoneyOf(currency, *amount);
  }
}

void ReadAnswers(FormReader& form, const v1::Round& round,
                 v1::ApplicationContent* content) {
  content->clear_answers();
  for (const auto& q : round.questions()) {
    std::string text = form.Text("answer_" + q.id());
    if (text.empty()) continue;
    auto* answer = content->add_answers();
    answer->set_question_id(q.id());
    answer->set_text(text);
  }
}

// The content the form describes; errors for what is not a number.
v1::ApplicationContent ContentFrom(const Portal::Call& c,
                                   const ApplicationView& view,
                                   FormReader& form) {
  std::string currency = view.round.min_grant().currency_code();
  if (currency.empty()) currency = "GBP";
  v1::ApplicationContent content = view.application.content();
  content.clear_amount_requested();
  if (auto amount = form.Pence("amount"))
    *content.mutable_amount_requested() = MoneyOf(currency, *amount);
  content.set_project_summary(form.Text("project_summary"));
  content.set_planned_activities(form.Text("planned_activities"));
  content.clear_target_communities();
  for (const auto& code : c.Params("community"))
    content.add_target_communities(code);
  content.clear_boroughs_served();
  for (const auto& code : c.Params("borough"))
    content.add_boroughs_served(code);
  content.clear_languages();
  for (const auto& code : c.Params("project_languages"))
    content.add_languages(code);
  for (const auto& code : LanguageCodes(c, form))
    if (std::find(content.languages().begin(), content.languages().end(),
                  code) == content.languages().end())
      content.add_languages(code);
  int64_t supported = form.Count("supported"), reached = form.Count("reached");
  content.mutable_planned_reach()->set_people_supported_directly(supported);
  content.mutable_planned_reach()->set_people_reached_with_information(reached);
  ReadBudget(form, currency, &content);
  ReadAnswers(form, view.round, &content);
  content.set_correspondence_language(c.session.language);
  return content;
}

// Saves `content` into the application, then submits it when `submit`;
// `a` becomes what grantsd returns.
absl::Status Save(const Backend& backend, const Portal::Call& c,
                  const v1::ApplicationContent& content, bool submit,
                  v1::Application* a) {
  v1::UpdateApplicationRequest update;
  update.set_request_id(c.form_id);
  update.set_id(a->id());
  *update.mutable_content() = content;
  RETURN_IF_ERROR(backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.applications().UpdateApplication(ctx, update, a);
  }));
  if (!submit) return absl::OkStatus();
  v1::SubmitApplicationRequest req;
  // Another call, so another key (one key names one call): derived from
  // the form's, so a resubmitted form replays both.
  req.set_request_id(c.form_id + "/submit");
  req.set_id(a->id());
  return backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.applications().SubmitApplication(ctx, req, a);
  });
}

}  // namespace

void Portal::ApplicationForm(Call& c) {
  ApplicationView view;
  absl::Status s = LoadView(backend_, c.session.token, c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  ShowApplication(c, view, view.application.content(), {}, {});
}

void Portal::ApplicationSave(Call& c) {
  ApplicationView view;
  absl::Status s = LoadView(backend_, c.session.token, c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  FormReader form(c);
  v1::ApplicationContent content = ContentFrom(c, view, form);
  if (!form.errors().empty())
    return ShowApplication(c, view, content, form.typed(), form.errors(), 400);
  s = Save(backend_, c, content, c.Param("action") == "submit",
           &view.application);
  if (s.code() == absl::StatusCode::kPermissionDenied)
    return RefuseFromBackend(c, s);
  if (!s.ok())
    return ShowApplication(c, view, content, form.typed(),
                           ErrorsOf(s, c.session.language), 400);
  // The page it leads to says what happened.
  Redirect(c,
           "/applications/" + view.application.id() +
               (c.Param("action") == "submit" ? "?submitted=1" : "?saved=1"));
}

}  // namespace grants::portal
