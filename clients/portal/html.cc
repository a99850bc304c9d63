// Form fields and the error summary, rendered from their templates.
#include "clients/portal/html.h"

#include <algorithm>

namespace grants::portal {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// What every field kind shows: its id, label and value, its hint and error
// message, and the aria-describedby naming them.
Object FieldData(const Templates& t, const Field& f) {
  Object data{{"id", f.id}, {"label", f.label}, {"value", f.value}};
  SetOptional(data, "hint", f.hint);
  SetOptional(data, "error", f.error);
  std::string hint = f.hint.empty() ? "" : f.id + "-hint";
  std::string error = f.error.empty() ? "" : f.id + "-error";
  SetOptional(data, "describedby",
              hint + (hint.empty() || error.empty() ? "" : " ") + error);
  data["hint_and_error"] = t.Render("hint_and_error", data);
  return data;
}

}  // namespace

std::string TextInput(const Templates& t, const Field& f, const Input& input) {
  Object data = FieldData(t, f);
  data["type"] = std::string(input.type);
  SetOptional(data, "autocomplete", std::string(input.autocomplete));
  SetOptional(data, "width", std::string(input.width));
  if (input.suggestions && !input.suggestions->empty()) {
    data["list"] = f.id + "-list";
    data["suggestions"] =
        List(input.suggestions->begin(), input.suggestions->end());
  }
  return t.Render("text_input", data);
}

std::string TextArea(const Templates& t, const Field& f, int rows) {
  Object data = FieldData(t, f);
  data["rows"] = std::to_string(rows);
  return t.Render("textarea", data);
}

std::string Select(const Templates& t, const Field& f, const Options& options) {
  List items;
  for (const auto& [value, label] : options)
    items.push_back(Object{
        {"value", value}, {"text", label}, {"selected", value == f.value}});
  Object data = FieldData(t, f);
  data["options"] = items;
  return t.Render("select", data);
}

std::string Checkboxes(const Templates& t, const Field& f,
                       const Options& options,
                       const std::vector<std::string>& checked) {
  List boxes;
  for (const auto& [value, label] : options) {
    bool on = std::find(checked.begin(), checked.end(), value) != checked.end();
    boxes.push_back(
        Object{{"box_id", f.id + "-" + std::to_string(boxes.size() + 1)},
               {"value", value},
               {"text", label},
               {"checked", on}});
  }
  Object data = FieldData(t, f);
  data["boxes"] = boxes;
  return t.Render("checkboxes", data);
}

std::string ErrorSummary(const Templates& t, std::string_view title,
                         const FieldErrors& errors,
                         const std::map<std::string, std::string>& labels) {
  if (errors.empty()) return "";
  List items;
  for (const auto& [field, message] : errors) {
    auto label = labels.find(field);
    bool named = label != labels.end() && !label->second.empty() &&
                 !message.starts_with(label->second);
    Object item{{"message", named ? label->second + ": " + message : message}};
    SetOptional(item, "field", field);
    items.push_back(item);
  }
  return t.Render("error_summary",
                  Object{{"title", std::string(title)}, {"errors", items}});
}

std::string ErrorFor(const FieldErrors& errors, std::string_view id) {
  for (const auto& [field, message] : errors)
    if (field == id) return message;
  return "";
}

}  // namespace grants::portal
