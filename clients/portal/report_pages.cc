// The monitoring reports: what is due, and the report form.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <vector>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "common/crypto.h"
#include "common/reference_data.h"
#include "common/status.h"

namespace grants::portal {

namespace {

std::string RequirementStateLabel(v1::RequirementStatus status) {
  switch (status) {
    case v1::REQUIREMENT_STATUS_DUE:
      return "Due";
    case v1::REQUIREMENT_STATUS_OVERDUE:
      return "Overdue";
    case v1::REQUIREMENT_STATUS_SUBMITTED:
      return "Sent: waiting for review";
    case v1::REQUIREMENT_STATUS_RETURNED:
      return "Returned for changes";
    case v1::REQUIREMENT_STATUS_ACCEPTED:
      return "Accepted";
    default:
      return "Unknown";
  }
}

const std::vector<std::pair<std::string, std::string>>& AgeBands() {
  static const auto* bands =
      new std::vector<std::pair<std::string, std::string>>{
          {"under_16", "Under 16"},
          {"16_to_24", "16 to 24"},
          {"25_to_64", "25 to 64"},
          {"65_and_over", "65 and over"},
          {"not_known", "Age not known"}};
  return *bands;
}

// What the report page needs: the requirement, and the award's programme
// communities, boroughs and languages for the breakdowns.
struct ReportView {
  v1::ReportRequirement requirement;
  v1::Report latest;  // the returned version, when there is one
  Options communities, boroughs, languages;
  // The awarded budget lines (the application's, in its order).
  std::vector<v1::BudgetLine> budget_lines;
};

// A report's kind as the grantee reads it.
std::string KindTitle(const Portal::Call& c, v1::ReportKind kind) {
  return kind == v1::REPORT_KIND_FINAL ? c.T("Final report")
                                       : c.T("Interim report");
}

// The groups the breakdowns count: the programme's communities, and the
// boroughs and languages the application named.
void SetGroups(const ApplicationView& app, const std::string& language,
               ReportView* view) {
  view->communities = Communities(language, app.programme);
  for (const auto& gss : app.application.content().boroughs_served())
    for (const auto& b : LondonBoroughs())
      if (b.gss == gss) view->boroughs.emplace_back(gss, std::string(b.name));
  for (const auto& code : app.application.content().languages())
    view->languages.emplace_back(code, code);
}

absl::Status LoadReportView(const Backend& backend, const std::string& token,
                            const std::string& language, const std::string& id,
                            ReportView* view) {
  v1::ListReportRequirementsRequest list;
  list.set_page_size(500);
  v1::ListReportRequirementsResponse requirements;
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.monitoring().ListReportRequirements(ctx, list,
                                                       &requirements);
  }));
  auto it = std::find_if(requirements.requirements().begin(),
                         requirements.requirements().end(),
                         [&](const auto& r) { return r.id() == id; });
  if (it == requirements.requirements().end())  // not ours, or none
    return MakeError(absl::StatusCode::kPermissionDenied, "ORGANISATION_SCOPE",
                     "not a report of this organisation");
  view->requirement = *it;
  if (!it->latest_report_id().empty()) {
    v1::GetReportRequest get;
    get.set_id(it->latest_report_id());
    RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
      return backend.monitoring().GetReport(ctx, get, &view->latest);
    }));
  }
  v1::GetAwardRequest award_req;
  award_req.set_id(it->award_id());
  v1::Award award;
  RETURN_IF_ERROR(backend.Call(token, [&](grpc::ClientContext* ctx) {
    return backend.awards().GetAward(ctx, award_req, &award);
  }));
  ApplicationView app;
  RETURN_IF_ERROR(LoadView(backend, token, award.application_id(), &app));
  SetGroups(app, language, view);
  view->budget_lines.assign(app.application.content().budget_lines().begin(),
                            app.application.content().budget_lines().end());
  return absl::OkStatus();
}

// The breakdown fields: (dimension, code, label, field id prefix).
struct BreakdownField {
  v1::Dimension dimension;
  std::string code, label, id;
};

std::vector<BreakdownField> BreakdownFields(const Portal::Call& c,
                                            const ReportView& view) {
  std::vector<BreakdownField> out;
  for (const auto& [code, label] : view.communities)
    out.push_back({v1::DIMENSION_COMMUNITY, code, label, "community_" + code});
  for (const auto& [code, label] : view.boroughs)
    out.push_back({v1::DIMENSION_BOROUGH, code, label, "borough_" + code});
  for (const auto& [code, label] : view.languages)
    out.push_back({v1::DIMENSION_LANGUAGE, code, label, "language_" + code});
  for (const auto& [code, label] : AgeBands())
    out.push_back({v1::DIMENSION_AGE_BAND, code, c.T(label), "age_" + code});
  return out;
}

std::string DimensionLabel(v1::Dimension dimension) {
  switch (dimension) {
    case v1::DIMENSION_COMMUNITY:
      return "People by community";
    case v1::DIMENSION_BOROUGH:
      return "People by borough";
    case v1::DIMENSION_LANGUAGE:
      return "People by language";
    default:
      return "People by age";
  }
}

// A count as a form shows it: empty for none.
std::string Number(int64_t n) { return n ? std::to_string(n) : ""; }

// Each dimension's breakdown fields (people supported directly and reached
// with information, per group) under its legend.
List Breakdowns(const Portal::Call& c, const ReportView& view,
                const v1::ReportContent& content, const FormFields& form) {
  std::vector<BreakdownField> fields = BreakdownFields(c, view);
  std::map<std::string, const v1::Breakdown*> stored;
  for (const auto& b : content.breakdowns())
    for (const auto& f : fields)
      if (f.dimension == b.dimension() && f.code == b.code()) stored[f.id] = &b;
  List groups;
  for (size_t i = 0; i < fields.size(); ++i) {
    const BreakdownField& f = fields[i];
    if (i == 0 || f.dimension != fields[i - 1].dimension)
      groups.push_back(Object{{"legend", c.T(DimensionLabel(f.dimension))},
                              {"parts", List()}});
    const v1::Breakdown* b = stored.count(f.id) ? stored[f.id] : nullptr;
    groups.back()["parts"].push_back(Object{
        {"supported",
         form.Text(
             {f.id + "_supported",
              c.TF("{group}: supported directly", fmt::arg("group", f.label)),
              "", Number(b ? b->people_supported_directly() : 0)},
             kWidth5)},
        {"reached",
         form.Text({f.id + "_reached",
                    c.TF("{group}: reached with information",
                         fmt::arg("group", f.label)),
                    "", Number(b ? b->people_reached_with_information() : 0)},
                   kWidth5)}});
  }
  return groups;
}

// The report form's period, activities and counts.
Object ReportFields(const Portal::Call& c, const v1::ReportContent& content,
                    const FormFields& form) {
  return {
      {"period_start",
       form.Text({"period_start", c.T("Period from"),
                  c.T("For example 2025-01-15"), content.period_start()},
                 {"date"})},
      {"period_end",
       form.Text({"period_end", c.T("Period to"), "", content.period_end()},
                 {"date"})},
      {"activities",
       form.Area({"activities", c.T("What did you do?"),
                  c.T("Up to 4000 characters"), content.activities()})},
      {"sessions_held",
       form.Text({"sessions_held", c.T("Sessions or events held"), "",
                  Number(content.sessions_held())},
                 kWidth5)},
      {"people_supported",
       form.Text({"people_supported", c.T("People supported directly"),
                  c.T("Count each person once."),
                  Number(content.people_supported_directly())},
                 kWidth5)},
      {"people_reached",
       form.Text({"people_reached", c.T("People reached with information"),
                  c.T("Leaflets, talks, social media. Not added to the "
                      "people supported."),
                  Number(content.people_reached_with_information())},
                 kWidth5)},
      {"applications_assisted",
       form.Text({"applications_assisted", c.T("Applications you helped with"),
                  "", Number(content.applications_assisted())},
                 kWidth5)}};
}

// The whole form: the fields, the breakdowns, the spend and the story.
Object ReportForm(const Portal::Call& c, const ReportView& view,
                  const v1::ReportContent& content, const FormFields& form) {
  Object fields = ReportFields(c, content, form);
  fields["action"] = c.req.path;
  fields["worked_with"] = c.T("Who you worked with");
  fields["parts_hint"] =
      c.T("Each part can be less than the total, never more.");
  fields["groups"] = Breakdowns(c, view, content, form);
  fields["spend"] = form.Text({"spend", c.T("Money spent so far, in pounds"),
                               "", Pounds(content.spend_to_date())},
                              kWidth10);
  // Spend on each awarded budget line: a final report gives them all.
  List lines;
  for (size_t i = 0; i < view.budget_lines.size(); ++i) {
    const int line = static_cast<int>(i + 1);
    std::string stored;
    for (const auto& s : content.budget_line_spend())
      if (s.line() == line) stored = Pounds(s.spent());
    lines.push_back(form.Text(
        {"line_spend_" + std::to_string(line),
         c.TF("Spent on \"{line}\", in pounds",
              fmt::arg("line", view.budget_lines[i].description())),
         c.TF("Awarded: {amount}",
              fmt::arg("amount", Money(view.budget_lines[i].amount()))),
         stored},
        kWidth10));
  }
  if (!lines.empty()) {
    fields["line_spend"] = lines;
    fields["line_spend_heading"] = c.T("Spending on your budget");
    fields["line_spend_hint"] =
        view.requirement.kind() == v1::REPORT_KIND_FINAL
            ? c.T("For the final report, give every line. They add up to the "
                  "money spent.")
            : c.T("Optional in an interim report.");
  }
  fields["evidence"] = form.Text(
      {"evidence", c.T("Evidence (optional)"),
       c.TF("Receipts, an attendance sheet or photos: a PDF, a photo or an "
            "office document, up to {size}. It is checked for viruses "
            "before anyone can open it.",
            fmt::arg("size", FileSize(c.max_document_bytes)))},
      kFileInput);
  fields["story"] =
      form.Area({"story", c.T("A short story: what difference did it make?"),
                 c.T("Do not name the people you helped."), content.story()});
  fields["send"] = c.T("Send the report");
  return fields;
}

// The report page: its state, and its form (filled with `content`, or what
// was typed) while the report is asked for.
void ShowReport(Portal::Call& c, const ReportView& view,
                const v1::ReportContent& content, const Typed& typed,
                const FieldErrors& errors, int status = 200) {
  const auto& r = view.requirement;
  Object page{{"due_label", c.T("Due")},
              {"due", r.due_date()},
              {"status_label", c.T("Status")},
              {"status", c.T(RequirementStateLabel(r.status()))}};
  if (r.status() == v1::REQUIREMENT_STATUS_RETURNED &&
      !view.latest.review_comment().empty())
    page["officer_asks"] =
        c.T("Your grant officer asks:") + " " + view.latest.review_comment();
  bool open = r.status() == v1::REQUIREMENT_STATUS_DUE ||
              r.status() == v1::REQUIREMENT_STATUS_OVERDUE ||
              r.status() == v1::REQUIREMENT_STATUS_RETURNED;
  if (open)
    page["form"] = ReportForm(c, view, content, FormFields(c, errors, &typed));
  else
    page["closed"] = Object{{"back", c.T("Back to your reports")}};
  Render(c, KindTitle(c, r.kind()), "report", page, errors, status);
}

// The report the form describes; `part_ids` gets each breakdown's field
// prefix, in the order of content.breakdowns.
v1::ReportContent ReportFrom(const Portal::Call& c, const ReportView& view,
                             FormReader& form,
                             std::vector<std::string>* part_ids) {
  v1::ReportContent content;
  content.set_period_start(form.Text("period_start"));
  content.set_period_end(form.Text("period_end"));
  content.set_activities(form.Text("activities"));
  content.set_sessions_held(form.Count("sessions_held"));
  content.set_people_supported_directly(form.Count("people_supported"));
  content.set_people_reached_with_information(form.Count("people_reached"));
  content.set_applications_assisted(form.Count("applications_assisted"));
  content.set_story(form.Text("story"));
  if (std::optional<int64_t> spend = form.Pence("spend")) {
    content.mutable_spend_to_date()->set_currency_code("GBP");
    content.mutable_spend_to_date()->set_minor_units(*spend);
  }
  for (size_t i = 0; i < view.budget_lines.size(); ++i) {
    const int line = static_cast<int>(i + 1);
    std::optional<int64_t> spent =
        form.Pence("line_spend_" + std::to_string(line));
    if (!spent) continue;
    auto* s = content.add_budget_line_spend();
    s->set_line(line);
    s->mutable_spent()->set_currency_code("GBP");
    s->mutable_spent()->set_minor_units(*spent);
  }
  for (const auto& f : BreakdownFields(c, view)) {
    int64_t supported = form.Count(f.id + "_supported"),
            reached = form.Count(f.id + "_reached");
    if (supported == 0 && reached == 0) continue;
    auto* b = content.add_breakdowns();
    b->set_dimension(f.dimension);
    b->set_code(f.code);
    b->set_people_supported_directly(supported);
    b->set_people_reached_with_information(reached);
    part_ids->push_back(f.id);
  }
  return content;
}

// The form field of a report field grantsd names bare
// ("people_supported_directly", "breakdowns[2].people_reached_with_..."),
// else `mapped` (what ErrorsOf made of it).
std::string ReportFieldOf(std::string field, const std::string& mapped,
                          const std::vector<std::string>& part_ids) {
  static const std::regex kPart(R"((?:content\.)?breakdowns\[(\d+)\])"
                                R"((?:\.people_(supported|reached)\w*)?.*)");
  if (field.rfind("content.", 0) == 0) field = field.substr(8);
  std::smatch m;
  if (std::regex_match(field, m, kPart)) {
    size_t n = std::stoul(m[1]);
    if (n >= part_ids.size()) return mapped;
    return part_ids[n] + "_" + (m[2].matched ? m[2].str() : "supported");
  }
  static const std::regex kLine(R"(budget_line_spend\[(\d+)\].*)");
  if (std::regex_match(field, m, kLine))
    return "line_spend_" + std::to_string(std::stoul(m[1]) + 1);
  if (field == "budget_line_spend") return "line_spend_1";
  if (field == "spend_to_date") return "spend";
  if (field.rfind("document_ids", 0) == 0 || mapped == "file")
    return "evidence";  // the report's one file field
  if (field == "people_supported_directly") return "people_supported";
  if (field == "people_reached_with_information") return "people_reached";
  if (!field.empty() && mapped.empty()) return field;  // period_start, ...
  return mapped;
}

FieldErrors ReportErrors(const absl::Status& s, const std::string& language,
                         const std::vector<std::string>& part_ids) {
  FieldErrors errors = ErrorsOf(s, language);
  auto violations = FieldViolationsOf(s);
  for (size_t i = 0; i < errors.size() && i < violations.size(); ++i)
    errors[i].first =
        ReportFieldOf(violations[i].field, errors[i].first, part_ids);
  return errors;
}

}  // namespace

void Portal::Reports(Call& c) {
  v1::ListReportRequirementsRequest req;
  req.set_page_size(500);
  v1::ListReportRequirementsResponse resp;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.monitoring().ListReportRequirements(ctx, req, &resp);
      });
  if (!s.ok()) return RefuseFromBackend(c, s);
  List rows;
  for (const auto& r : resp.requirements())
    rows.push_back(
        Object{{"id", r.id()},
               {"kind", KindTitle(c, r.kind())},
               {"due", r.due_date()},
               {"status", r.status() == v1::REQUIREMENT_STATUS_OVERDUE
                              ? c.TF("Overdue by {days} days",
                                     fmt::arg("days", r.days_overdue()))
                              : c.T(RequirementStateLabel(r.status()))}});
  Object page{{"none", c.T("No reports are asked of you yet.")}};
  if (!rows.empty())
    page["table"] = Object{{"label", c.T("Reports")},
                           {"report_label", c.T("Report")},
                           {"due_label", c.T("Due")},
                           {"status_label", c.T("Status")},
                           {"rows", rows}};
  Render(c, c.T("Reports"), "reports", page);
}

void Portal::ReportForm(Call& c) {
  ReportView view;
  absl::Status s = LoadReportView(backend_, c.session.token, c.session.language,
                                  c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  ShowReport(c, view, view.latest.content(), {}, {});
}

void Portal::ReportSave(Call& c) {
  ReportView view;
  absl::Status s = LoadReportView(backend_, c.session.token, c.session.language,
                                  c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  FormReader form(c);
  std::vector<std::string> part_ids;  // breakdowns[i] -> its field prefix
  v1::ReportContent content = ReportFrom(c, view, form, &part_ids);
  if (!form.errors().empty())
    return ShowReport(c, view, content, form.typed(), form.errors(), 400);
  v1::SubmitReportRequest req;
  req.set_request_id(c.form_id);
  req.set_requirement_id(view.requirement.id());
  *req.mutable_content() = content;
  // Evidence goes to the award first, then with the report.
  if (c.req.has_file("evidence") &&
      !c.req.get_file_value("evidence").content.empty()) {
    const auto file = c.req.get_file_value("evidence");
    v1::StartUploadRequest start;
    start.set_award_id(view.requirement.award_id());
    start.set_kind(v1::DOCUMENT_KIND_EVIDENCE);
    start.set_file_name(file.filename);
    v1::Document doc;
    s = SendDocument(backend_, c, start, file.content, &doc);
    if (!s.ok())
      return ShowReport(c, view, content, form.typed(),
                        ReportErrors(s, c.session.language, part_ids), 400);
    req.mutable_content()->add_document_ids(doc.id());
    req.set_request_id(c.form_id + "/report");
  }
  v1::Report report;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.monitoring().SubmitReport(ctx, req, &report);
  });
  if (!s.ok() && req.content().document_ids_size() > 0)
    DropEvidence(backend_, c, req.content().document_ids(0));
  if (s.code() == absl::StatusCode::kPermissionDenied)
    return RefuseFromBackend(c, s);
  if (!s.ok())
    return ShowReport(c, view, content, form.typed(),
                      ReportErrors(s, c.session.language, part_ids), 400);
  Redirect(c, "/reports");
}

}  // namespace grants::portal
