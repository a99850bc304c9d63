// The open rounds, the applications list and the application form.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <sstream>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "common/crypto.h"
#include "common/i18n/catalog.h"
#include "common/money.h"
#include "common/reference_data.h"
#include "common/status.h"

namespace grants::portal {

namespace {

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

// ---- Rounds and applications
// -------------------------------------------------

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
  std::string body;
  if (resp.rounds().empty())
    body = Paragraph(c.T("No rounds are open at the moment."));
  for (const auto& r : resp.rounds()) {
    body +=
        "<section class=\"portal-round\" aria-labelledby=\"round-" +
        Escape(r.id()) + "\"><h2 class=\"govuk-heading-m\" id=\"round-" +
        Escape(r.id()) + "\">" + Escape(r.name()) +
        "</h2><dl class=\"govuk-summary-list\"><div><dt>" +
        Escape(c.T("Closes")) + "</dt><dd>" +
        Escape(c.TF("{when} (London time)",
                    fmt::arg("when", LondonText(r.closes_london())))) +
        "</dd></div><div><dt>" + Escape(c.T("Grants")) + "</dt><dd>" +
        Escape(Money(r.min_grant()) + " – " + Money(r.max_grant())) +
        "</dd></div></dl>" +
        c.Form("/applications", HiddenInput("round_id", r.id()) +
                                    Button(c.TF("Apply to {round}",
                                                fmt::arg("round", r.name())))) +
        "</section>";
  }
  Render(c, c.T("Open rounds"), body);
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
  std::string rows;
  for (const auto& a : resp.applications())
    rows += "<tr><td><a href=\"/applications/" + Escape(a.id()) + "\">" +
            Escape(a.reference().empty() ? c.T("Draft") : a.reference()) +
            "</a></td><td>" + Escape(c.T(StateLabel(a.state()))) + "</td><td>" +
            Escape(Money(a.content().amount_requested())) + "</td></tr>";
  Render(c, c.T("Your applications"),
         rows.empty()
             ? Paragraph(c.T("You have no applications yet."))
             : "<div class=\"portal-table-wrapper\" tabindex=\"0\" "
               "role=\"region\" aria-label=\"" +
                   Escape(c.T("Your applications")) +
                   "\"><table class=\"govuk-table\"><thead><tr><th "
                   "scope=\"col\">" +
                   Escape(c.T("Reference")) + "</th><th scope=\"col\">" +
                   Escape(c.T("Status")) + "</th><th scope=\"col\">" +
                   Escape(c.T("Amount")) + "</th></tr></thead><tbody>" + rows +
                   "</tbody></table></div>");
}

void Portal::ApplicationCreate(Call& c) {
  v1::CreateApplicationRequest req;
  req.set_request_id(RandomUuid());
  req.set_round_id(c.Param("round_id"));
  req.mutable_content()->set_correspondence_language(c.session.language);
  v1::Application a;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.applications().CreateApplication(ctx, req, &a);
      });
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, c.T("Open rounds"),
                  "<p class=\"govuk-body\"><a href=\"/rounds\">" +
                      Escape(c.T("Back to open rounds")) + "</a></p>",
                  errors, 400);
  }
  Redirect(c, "/applications/" + a.id());
}

namespace {

std::string Joined(
    const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string ApplicationBody(const Portal::Call& c, const ApplicationView& view,
                            const v1::ApplicationContent& content,
                            const std::map<std::string, std::string>& typed,
                            const FieldErrors& errors) {
  const v1::Application& a = view.application;
  auto e = [&](const std::string& id) { return ErrorFor(errors, id); };
  // What the grantee typed wins over what is stored (kept on an error).
  auto value = [&](const std::string& id, const std::string& stored) {
    auto it = typed.find(id);
    return it == typed.end() ? stored : it->second;
  };
  std::string status =
      "<dl class=\"govuk-summary-list\"><div><dt>" + Escape(c.T("Status")) +
      "</dt><dd id=\"state\">" + Escape(c.T(StateLabel(a.state()))) +
      "</dd></div>" +
      (a.reference().empty() ? ""
                             : "<div><dt>" + Escape(c.T("Tracking reference")) +
                                   "</dt><dd id=\"reference\">" +
                                   Escape(a.reference()) + "</dd></div>") +
      "<div><dt>" + Escape(c.T("Deadline")) + "</dt><dd>" +
      Escape(c.TF("{when} (London time)",
                  fmt::arg("when", LondonText(a.deadline_london())))) +
      "</dd></div></dl>";
  if (!a.return_comment().empty() &&
      a.state() == v1::APPLICATION_STATE_RETURNED)
    status += "<div class=\"govuk-inset-text\">" +
              Escape(c.T("Your grant officer asks:")) + " " +
              Escape(a.return_comment()) + "</div>";
  if (!Editable(a.state()))
    return status +
           Paragraph(c.T("This application can no longer be changed.")) +
           "<p class=\"govuk-body\"><a href=\"/applications\">" +
           Escape(c.T("Back to your applications")) + "</a></p>";

  std::vector<std::pair<std::string, std::string>> communities, boroughs;
  for (const auto& code : view.programme.priority_communities())
    communities.emplace_back(
        code, i18n::Translate(c.session.language, "community", LabelOf(code)));
  for (const auto& b : LondonBoroughs())
    boroughs.emplace_back(std::string(b.gss), std::string(b.name));
  std::vector<std::string> checked_communities(
      content.target_communities().begin(), content.target_communities().end());
  std::vector<std::string> checked_boroughs(content.boroughs_served().begin(),
                                            content.boroughs_served().end());
  std::string budget;
  for (int i = 0; i < 3; ++i) {
    std::string n = std::to_string(i + 1);
    const v1::BudgetLine* line =
        i < content.budget_lines_size() ? &content.budget_lines(i) : nullptr;
    budget +=
        "<div class=\"portal-budget-line\">" +
        TextInput(
            {"budget_description_" + n,
             c.TF("Budget line {n}: what for", fmt::arg("n", n)), "",
             value("budget_description_" + n, line ? line->description() : ""),
             e("budget_description_" + n)}) +
        TextInput(
            {"budget_amount_" + n,
             c.TF("Budget line {n}: pounds", fmt::arg("n", n)), "",
             value("budget_amount_" + n, line ? Pounds(line->amount()) : ""),
             e("budget_amount_" + n)},
            "text", "off", "govuk-input--width-10") +
        "</div>";
  }
  std::string questions;
  for (const auto& q : view.round.questions()) {
    std::string stored;
    for (const auto& answer : content.answers())
      if (answer.question_id() == q.id()) stored = answer.text();
    questions +=
        TextArea({"answer_" + q.id(), q.text(),
                  c.TF("Up to {n} characters", fmt::arg("n", q.max_chars())),
                  value("answer_" + q.id(), stored), e("answer_" + q.id())});
  }
  std::string reach_supported =
      content.has_planned_reach()
          ? std::to_string(content.planned_reach().people_supported_directly())
          : "";
  std::string reach_informed =
      content.has_planned_reach()
          ? std::to_string(
                content.planned_reach().people_reached_with_information())
          : "";
  return status +
         c.Form(
             c.req.path,
             TextInput(
                 {"amount", c.T("How much are you asking for, in pounds?"),
                  c.TF("Between {min} and {max}",
                       fmt::arg("min", Money(view.round.min_grant())),
                       fmt::arg("max", Money(view.round.max_grant()))),
                  value("amount", Pounds(content.amount_requested())),
                  e("amount")},
                 "text", "off", "govuk-input--width-10") +
                 TextArea({"project_summary", c.T("Summary of your project"),
                           c.T("Up to 2000 characters"),
                           value("project_summary", content.project_summary()),
                           e("project_summary")}) +
                 TextArea(
                     {"planned_activities", c.T("What you will do"),
                      c.T("Up to 4000 characters"),
                      value("planned_activities", content.planned_activities()),
                      e("planned_activities")}) +
                 Checkboxes({"community", c.T("Who will you work with?"), "",
                             "", e("community")},
                            communities, checked_communities) +
                 Checkboxes({"borough", c.T("Which boroughs will you work in?"),
                             "", "", e("borough")},
                            boroughs, checked_boroughs) +
                 TextInput(
                     {"project_languages", c.T("Languages you will work in"),
                      c.T("Short codes separated by commas, for example pl, "
                          "ro, rom"),
                      value("project_languages", Joined(content.languages())),
                      e("project_languages")}) +
                 TextInput(
                     {"supported",
                      c.T("How many people will you support directly?"), "",
                      value("supported", reach_supported), e("supported")},
                     "text", "off", "govuk-input--width-5") +
                 TextInput(
                     {"reached",
                      c.T("How many people will you reach with information?"),
                      "", value("reached", reach_informed), e("reached")},
                     "text", "off", "govuk-input--width-5") +
                 "<h2 class=\"govuk-heading-m\">" + Escape(c.T("Budget")) +
                 "</h2>" +
                 Paragraph(
                     c.T("The lines must add up to the amount you ask for.")) +
                 budget + questions + "<div class=\"govuk-button-group\">" +
                 Button(c.T("Save draft"), "action", "save", true) +
                 Button(c.T("Submit application"), "action", "submit") +
                 "</div>");
}

}  // namespace

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
  return backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.programmes().GetProgramme(ctx, programme, &view->programme);
  });
}

namespace {

// The content the form describes; errors for what is not a number.
v1::ApplicationContent ContentFrom(const Portal::Call& c,
                                   const ApplicationView& view,
                                   std::map<std::string, std::string>* typed,
                                   FieldErrors* errors) {
  std::string currency = view.round.min_grant().currency_code();
  if (currency.empty()) currency = "GBP";
  auto keep = [&](const char* id) { return (*typed)[id] = c.Param(id); };
  // The amount typed into `id`, if any; an error when it is not one.
  auto money = [&](const std::string& id) -> std::optional<v1::Money> {
    std::string text = (*typed)[id] = c.Param(id.c_str());
    if (text.empty()) return std::nullopt;
    std::optional<int64_t> minor = ParseMajorUnits(text);
    if (!minor) {
      errors->emplace_back(
          id, c.T("Enter an amount in pounds, like 1500 or 1,500.50"));
      return std::nullopt;
    }
    v1::Money m;
    m.set_currency_code(currency);
    m.set_minor_units(*minor);
    return m;
  };
  auto count = [&](const char* id) -> int64_t {
    std::string text = keep(id);
    if (text.empty()) return 0;
    if (text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
      errors->emplace_back(id, c.T("Enter a whole number, like 120"));
      return 0;
    }
    return std::stoll(text);
  };
  v1::ApplicationContent content = view.application.content();
  content.clear_amount_requested();
  if (auto amount = money("amount"))
    *content.mutable_amount_requested() = *amount;
  content.set_project_summary(keep("project_summary"));
  content.set_planned_activities(keep("planned_activities"));
  content.clear_target_communities();
  for (const auto& code : c.Params("community"))
    content.add_target_communities(code);
  content.clear_boroughs_served();
  for (const auto& code : c.Params("borough"))
    content.add_boroughs_served(code);
  content.clear_languages();
  std::string languages = keep("project_languages");
  std::replace(languages.begin(), languages.end(), ',', ' ');
  std::istringstream words(languages);
  for (std::string word; words >> word;) content.add_languages(Lower(word));
  int64_t supported = count("supported"), reached = count("reached");
  content.mutable_planned_reach()->set_people_supported_directly(supported);
  content.mutable_planned_reach()->set_people_reached_with_information(reached);
  content.clear_budget_lines();
  for (int i = 1; i <= 3; ++i) {
    std::string n = std::to_string(i);
    std::string description = (*typed)["budget_description_" + n] =
        c.Param(("budget_description_" + n).c_str());
    std::optional<v1::Money> amount = money("budget_amount_" + n);
    if (description.empty() && !amount) continue;
    v1::BudgetLine* line = content.add_budget_lines();
    line->set_description(description);
    if (amount) *line->mutable_amount() = *amount;
  }
  content.clear_answers();
  for (const auto& q : view.round.questions()) {
    std::string id = "answer_" + q.id();
    std::string text = (*typed)[id] = c.Param(id.c_str());
    if (text.empty()) continue;
    auto* answer = content.add_answers();
    answer->set_question_id(q.id());
    answer->set_text(text);
  }
  content.set_correspondence_language(c.session.language);
  return content;
}

}  // namespace

void Portal::ApplicationForm(Call& c) {
  ApplicationView view;
  absl::Status s = LoadView(backend_, c.session.token, c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string title = view.round.name();
  Render(c, title,
         ApplicationBody(c, view, view.application.content(), {}, {}));
}

void Portal::ApplicationSave(Call& c) {
  ApplicationView view;
  absl::Status s = LoadView(backend_, c.session.token, c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string title = view.round.name();
  std::map<std::string, std::string> typed;
  FieldErrors errors;
  v1::ApplicationContent content = ContentFrom(c, view, &typed, &errors);
  if (!errors.empty())
    return Render(c, title, ApplicationBody(c, view, content, typed, errors),
                  errors, 400);
  v1::UpdateApplicationRequest update;
  update.set_request_id(RandomUuid());
  update.set_id(view.application.id());
  *update.mutable_content() = content;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.applications().UpdateApplication(ctx, update,
                                                     &view.application);
  });
  if (s.ok() && c.Param("action") == "submit") {
    v1::SubmitApplicationRequest submit;
    submit.set_request_id(RandomUuid());
    submit.set_id(view.application.id());
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.applications().SubmitApplication(ctx, submit,
                                                       &view.application);
    });
  }
  if (!s.ok()) {
    if (s.code() == absl::StatusCode::kPermissionDenied)
      return RefuseFromBackend(c, s);
    errors = ErrorsOf(s, c.session.language);
    return Render(c, title, ApplicationBody(c, view, content, typed, errors),
                  errors, 400);
  }
  Redirect(c, "/applications/" + view.application.id());
}

}  // namespace grants::portal
