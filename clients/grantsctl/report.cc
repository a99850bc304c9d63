// `grantsctl report`: an award's report requirements, the grantee's
// monitoring reports and the officer's review.
#include <fmt/format.h>
#include <google/protobuf/util/json_util.h>

#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kRequirementHeader = {"ID",           "AWARD",        "N",
                                "KIND",         "DUE_DATE",     "STATUS",
                                "DAYS_OVERDUE", "LATEST_REPORT"};
const Row kReportHeader = {"ID",      "REQUIREMENT", "AWARD",  "KIND",
                           "VERSION", "STATE",       "PERIOD", "SUPPORTED",
                           "REACHED", "REVIEWED_BY", "COMMENT"};

Row RequirementRow(const v1::ReportRequirement& r) {
  return {r.id(),
          r.award_id(),
          std::to_string(r.number()),
          CodeOf(r.kind()),
          r.due_date(),
          CodeOf(r.status()),
          std::to_string(r.days_overdue()),
          r.latest_report_id()};
}

Row ReportRow(const v1::Report& r) {
  const auto& c = r.content();
  return {r.id(),
          r.requirement_id(),
          r.award_id(),
          CodeOf(r.kind()),
          std::to_string(r.version()),
          CodeOf(r.state()),
          c.period_start() + ".." + c.period_end(),
          std::to_string(c.people_supported_directly()),
          std::to_string(c.people_reached_with_information()),
          r.reviewed_by(),
          r.review_comment()};
}

// "interim@2026-03-31", "interim@90d" (after acceptance) or
// "final@30d-after-close".
absl::StatusOr<v1::RequirementSpec> ParseRequirement(const std::string& text) {
  v1::RequirementSpec s;
  size_t at = text.find('@');
  std::string kind = text.substr(0, at);
  std::string when = at == std::string::npos ? "" : text.substr(at + 1);
  ASSIGN_OR_RETURN(v1::ReportKind k, ParseCode<v1::ReportKind>(
                                         "--require", "KIND_INVALID", kind));
  s.set_kind(k);
  if (when.size() == 10 && when[4] == '-') {
    s.set_basis(v1::DUE_BASIS_FIXED_DATE);
    s.set_due_date(when);
    return s;
  }
  bool after_close = when.ends_with("d-after-close");
  std::string days = when.substr(0, when.find('d'));
  if (days.empty() ||
      days.find_first_not_of("0123456789") != std::string::npos ||
      !(after_close || when == days + "d"))
    return UsageError("--require", "REQUIREMENT_INVALID",
                      "use KIND@YYYY-MM-DD, KIND@Nd or KIND@Nd-after-close");
  s.set_basis(after_close ? v1::DUE_BASIS_AFTER_ROUND_CLOSE
                          : v1::DUE_BASIS_AFTER_ACCEPTANCE);
  s.set_days_after(std::stoi(days));
  return s;
}

void AddRequirementsSet(CLI::App* noun, CommandContext* ctx) {
  auto award = std::make_shared<std::string>();
  auto specs = std::make_shared<std::vector<std::string>>();
  auto* cmd = noun->add_subcommand(
      "set", "Set a running award's report requirements (exactly one final)");
  cmd->add_option("award", *award, "Award id")->required();
  cmd->add_option("--require", *specs,
                  "KIND@YYYY-MM-DD | KIND@Nd (after acceptance) | "
                  "KIND@Nd-after-close; KIND interim or final (repeatable)")
      ->required();
  OnRun(cmd, ctx,
        [award, specs](Client& client, const Printer& out) -> absl::Status {
          v1::SetReportRequirementsRequest req;
          req.set_request_id(client.RequestId());
          req.set_award_id(*award);
          for (const auto& text : *specs) {
            ASSIGN_OR_RETURN(*req.add_requirements(), ParseRequirement(text));
          }
          v1::ReportRequirements resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.monitoring().SetReportRequirements(c, req, &resp);
          }));
          return out.Print(resp, TableOf(kRequirementHeader,
                                         resp.requirements(), RequirementRow));
        });
}

void AddRequirementsList(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ListReportRequirementsRequest>();
  auto status = std::make_shared<std::string>();
  auto page = std::make_shared<PageOptions>();
  auto* cmd = noun->add_subcommand(
      "list", "Requirements by due date (e.g. --status overdue)");
  cmd->add_option("--award", *req->mutable_award_id(), "Only this award");
  cmd->add_option("--status", *status, "Only this status")
      ->check(CLI::IsMember(CodesOf<v1::RequirementStatus>()));
  AddPageFlags(cmd, page.get());
  OnRun(
      cmd, ctx,
      [req, status, page](Client& client, const Printer& out) -> absl::Status {
        ASSIGN_OR_RETURN(v1::RequirementStatus s,
                         ParseCode<v1::RequirementStatus>(
                             "--status", "STATUS_INVALID", *status));
        req->set_status(s);
        req->set_page_size(page->page_size);
        req->set_page_token(page->page_token);
        v1::ListReportRequirementsResponse resp;
        RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
          return client.monitoring().ListReportRequirements(c, *req, &resp);
        }));
        return out.Print(
            resp,
            TableOf(kRequirementHeader, resp.requirements(), RequirementRow),
            resp.next_page_token());
      });
}

struct SubmitFlags {
  std::string requirement, file, start, end, activities, story, spend;
  std::string currency = "GBP";
  int64_t sessions = -1, supported = -1, reached = -1, assisted = -1;
  std::vector<std::string> breakdowns;
  std::vector<std::string> line_spend;
  std::vector<std::string> documents;
  OnBehalfFlags on_behalf;
};

// "2=750.00": the budget line's position, then what was spent on it.
absl::Status AddLineSpend(const std::string& text, const std::string& currency,
                          v1::ReportContent* c) {
  size_t eq = text.find('=');
  int line = 0;
  try {
    if (eq != std::string::npos) line = std::stoi(text.substr(0, eq));
  } catch (const std::exception&) {
  }
  if (eq == std::string::npos || line < 1)
    return UsageError("--line-spend", "LINE_SPEND_INVALID",
                      "use LINE=AMOUNT, LINE the budget line's position "
                      "from 1");
  auto* s = c->add_budget_line_spend();
  s->set_line(line);
  ASSIGN_OR_RETURN(*s->mutable_spent(),
                   MoneyFlag("--line-spend", text.substr(eq + 1), currency));
  return absl::OkStatus();
}

// "community:roma=80/2000": dimension, code, supported/reached.
absl::Status AddBreakdown(const std::string& text, v1::ReportContent* c) {
  size_t colon = text.find(':'), eq = text.find('='), slash = text.find('/');
  if (colon == std::string::npos || eq == std::string::npos || eq < colon)
    return UsageError("--breakdown", "BREAKDOWN_INVALID",
                      "use DIMENSION:CODE=SUPPORTED[/REACHED]");
  ASSIGN_OR_RETURN(v1::Dimension d,
                   ParseCode<v1::Dimension>("--breakdown", "DIMENSION_INVALID",
                                            text.substr(0, colon)));
  auto* b = c->add_breakdowns();
  b->set_dimension(d);
  b->set_code(text.substr(colon + 1, eq - colon - 1));
  try {
    b->set_people_supported_directly(
        std::stoll(text.substr(eq + 1, slash - eq - 1)));
    if (slash != std::string::npos)
      b->set_people_reached_with_information(
          std::stoll(text.substr(slash + 1)));
  } catch (const std::exception&) {
    return UsageError("--breakdown", "BREAKDOWN_INVALID", "counts are numbers");
  }
  return absl::OkStatus();
}

// The report: the JSON file (a grants.v1.ReportContent), then the flags.
absl::StatusOr<v1::ReportContent> Content(const SubmitFlags& f) {
  v1::ReportContent c;
  if (!f.file.empty()) {
    ASSIGN_OR_RETURN(std::string json, ReadFileForFlag("--file", f.file));
    if (!google::protobuf::util::JsonStringToMessage(json, &c).ok())
      return UsageError("--file", "FILE_INVALID",
                        "not a ReportContent in JSON");
  }
  if (!f.start.empty()) c.set_period_start(f.start);
  if (!f.end.empty()) c.set_period_end(f.end);
  if (!f.activities.empty()) c.set_activities(f.activities);
  if (!f.story.empty()) c.set_story(f.story);
  if (f.sessions >= 0) c.set_sessions_held(f.sessions);
  if (f.supported >= 0) c.set_people_supported_directly(f.supported);
  if (f.reached >= 0) c.set_people_reached_with_information(f.reached);
  if (f.assisted >= 0) c.set_applications_assisted(f.assisted);
  for (const auto& b : f.breakdowns) RETURN_IF_ERROR(AddBreakdown(b, &c));
  for (const auto& s : f.line_spend)
    RETURN_IF_ERROR(AddLineSpend(s, f.currency, &c));
  for (const auto& d : f.documents) c.add_document_ids(d);
  if (!f.spend.empty()) {
    ASSIGN_OR_RETURN(*c.mutable_spend_to_date(),
                     MoneyFlag("--spend", f.spend, f.currency));
  }
  return c;
}

void AddSubmit(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<SubmitFlags>();
  auto* cmd = noun->add_subcommand(
      "submit", "Submit a monitoring report for a requirement (grantee)");
  cmd->add_option("--requirement", f->requirement, "Requirement id")
      ->required();
  cmd->add_option("--file", f->file, "A grants.v1.ReportContent in JSON");
  cmd->add_option("--period-start", f->start, "YYYY-MM-DD");
  cmd->add_option("--period-end", f->end, "YYYY-MM-DD");
  cmd->add_option("--sessions", f->sessions, "Sessions held");
  cmd->add_option("--supported", f->supported, "People supported directly");
  cmd->add_option("--reached", f->reached, "People reached with information");
  cmd->add_option("--assisted", f->assisted, "Applications assisted");
  cmd->add_option("--breakdown", f->breakdowns,
                  "DIMENSION:CODE=SUPPORTED[/REACHED], DIMENSION community, "
                  "borough, language or age_band (repeatable)");
  cmd->add_option("--spend", f->spend, "Spend to date, major units");
  cmd->add_option("--line-spend", f->line_spend,
                  "LINE=AMOUNT: spent on the application's budget line LINE "
                  "(from 1), major units; a final report gives every line, "
                  "summing to --spend (repeatable)");
  cmd->add_option("--activities", f->activities, "What was done");
  cmd->add_option("--story", f->story, "A short story");
  cmd->add_option("--document", f->documents,
                  "Evidence: a document of the award (grantsctl document "
                  "upload --award ... --kind evidence; repeatable)");
  AddOnBehalfFlags(cmd, &f->on_behalf);
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::SubmitReportRequest req;
    req.set_request_id(client.RequestId());
    req.set_requirement_id(f->requirement);
    SetOnBehalf(f->on_behalf, &req);
    ASSIGN_OR_RETURN(*req.mutable_content(), Content(*f));
    v1::Report resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().SubmitReport(c, req, &resp);
    }));
    return out.Print(resp, {kReportHeader, {ReportRow(resp)}});
  });
}

void AddReview(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ReviewReportRequest>();
  auto accept = std::make_shared<bool>(false);
  auto ret = std::make_shared<bool>(false);
  auto* cmd = noun->add_subcommand(
      "review", "Accept a report (it joins the reach figures) or return it");
  cmd->add_option("id", *req->mutable_id(), "Report id")->required();
  auto* a = cmd->add_flag("--accept", *accept, "Accept the report");
  auto* r = cmd->add_flag("--return", *ret, "Return it for changes");
  a->excludes(r);
  cmd->add_option("--comment", *req->mutable_comment(), "Required to return");
  OnRun(cmd, ctx,
        [req, accept, ret](Client& client, const Printer& out) -> absl::Status {
          if (!*accept && !*ret)
            return UsageError("--accept", "OUTCOME_REQUIRED",
                              "--accept or --return");
          req->set_request_id(client.RequestId());
          req->set_outcome(*accept ? v1::REVIEW_OUTCOME_ACCEPT
                                   : v1::REVIEW_OUTCOME_RETURN);
          v1::Report resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.monitoring().ReviewReport(c, *req, &resp);
          }));
          return out.Print(resp, {kReportHeader, {ReportRow(resp)}});
        });
}

void AddGetAndList(CLI::App* noun, CommandContext* ctx) {
  auto get = std::make_shared<v1::GetReportRequest>();
  auto* g = noun->add_subcommand("get", "Show one report");
  g->add_option("id", *get->mutable_id(), "Report id")->required();
  OnRun(g, ctx, [get](Client& client, const Printer& out) -> absl::Status {
    v1::Report resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().GetReport(c, *get, &resp);
    }));
    return out.Print(resp, {kReportHeader, {ReportRow(resp)}});
  });
  auto list = std::make_shared<v1::ListReportsRequest>();
  auto page = std::make_shared<PageOptions>();
  auto* l = noun->add_subcommand("list", "Reports, newest first");
  l->add_option("--award", *list->mutable_award_id(), "Only this award");
  l->add_option("--requirement", *list->mutable_requirement_id(),
                "Only this requirement");
  AddPageFlags(l, page.get());
  OnRun(l, ctx,
        [list, page](Client& client, const Printer& out) -> absl::Status {
          list->set_page_size(page->page_size);
          list->set_page_token(page->page_token);
          v1::ListReportsResponse resp;
          RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
            return client.monitoring().ListReports(c, *list, &resp);
          }));
          return out.Print(resp,
                           TableOf(kReportHeader, resp.reports(), ReportRow),
                           resp.next_page_token());
        });
}

}  // namespace

void AddReportCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand(
      "report", "Report requirements, monitoring reports and their review");
  noun->require_subcommand(1);
  auto* requirements = noun->add_subcommand(
      "requirements", "What each award must report, and when");
  requirements->require_subcommand(1);
  AddRequirementsSet(requirements, ctx);
  AddRequirementsList(requirements, ctx);
  AddSubmit(noun, ctx);
  AddReview(noun, ctx);
  AddGetAndList(noun, ctx);
}

}  // namespace grants::ctl
