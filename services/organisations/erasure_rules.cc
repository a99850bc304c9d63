// Erasure rules.
#include "services/organisations/erasure_rules.h"

#include <string>

namespace grants::organisations {
namespace {

void Erase(std::string* text) {
  if (!text->empty()) *text = kErased;
}

}  // namespace

v1::ApplicationContent ErasedContent(v1::ApplicationContent content,
                                     bool published) {
  if (!published) Erase(content.mutable_project_summary());
  Erase(content.mutable_planned_activities());
  for (auto& answer : *content.mutable_answers()) Erase(answer.mutable_text());
  for (auto& line : *content.mutable_budget_lines())
    Erase(line.mutable_description());
  return content;
}

v1::ReportContent ErasedReport(v1::ReportContent report) {
  Erase(report.mutable_activities());
  Erase(report.mutable_story());
  return report;
}

}  // namespace grants::organisations
