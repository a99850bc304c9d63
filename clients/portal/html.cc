// HTML building blocks.
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

// The label, hint and error of a field, and the aria-describedby and
// error class its control needs.
struct Parts {
  std::string top;
  std::string describedby;
  std::string error_class;
};

Parts Around(const Field& f, bool as_legend = false) {
  Parts p;
  std::string id = Escape(f.id);
  if (!as_legend)
    p.top += "<label class=\"govuk-label\" for=\"" + id + "\">" +
             Escape(f.label) + "</label>";
  std::vector<std::string> ids;
  if (!f.hint.empty()) {
    p.top += "<div class=\"govuk-hint\" id=\"" + id + "-hint\">" +
             Escape(f.hint) + "</div>";
    ids.push_back(id + "-hint");
  }
  if (!f.error.empty()) {
    p.top += "<p class=\"govuk-error-message\" id=\"" + id +
             "-error\"><span class=\"govuk-visually-hidden\">Error:</span> " +
             Escape(f.error) + "</p>";
    ids.push_back(id + "-error");
    p.error_class = " govuk-input--error";
  }
  for (size_t i = 0; i < ids.size(); ++i)
    p.describedby += (i ? " " : "") + ids[i];
  return p;
}

std::string Group(const Field& f, const std::string& inner) {
  return std::string("<div class=\"govuk-form-group") +
         (f.error.empty() ? "" : " govuk-form-group--error") + "\">" + inner +
         "</div>";
}

std::string Described(const Parts& p) {
  return p.describedby.empty() ? ""
                               : " aria-describedby=\"" + p.describedby + "\"";
}

}  // namespace

std::string TextInput(const Field& f, std::string_view type,
                      std::string_view autocomplete,
                      std::string_view width_class) {
  Parts p = Around(f);
  std::string id = Escape(f.id);
  std::string input =
      "<input class=\"govuk-input" + p.error_class +
      (width_class.empty() ? "" : " " + std::string(width_class)) + "\" id=\"" +
      id + "\" name=\"" + id + "\" type=\"" + std::string(type) +
      "\" value=\"" + Escape(f.value) + "\"" + Described(p);
  if (!autocomplete.empty())
    input += " autocomplete=\"" + std::string(autocomplete) + "\"";
  if (!f.error.empty()) input += " aria-invalid=\"true\"";
  return Group(f, p.top + input + ">");
}

std::string TextArea(const Field& f, int rows) {
  Parts p = Around(f);
  std::string id = Escape(f.id);
  return Group(f, p.top + "<textarea class=\"govuk-textarea" + p.error_class +
                      "\" id=\"" + id + "\" name=\"" + id + "\" rows=\"" +
                      std::to_string(rows) + "\"" + Described(p) +
                      (f.error.empty() ? "" : " aria-invalid=\"true\"") + ">" +
                      Escape(f.value) + "</textarea>");
}

std::string Select(
    const Field& f,
    const std::vector<std::pair<std::string, std::string>>& options) {
  Parts p = Around(f);
  std::string id = Escape(f.id);
  std::string out = "<select class=\"govuk-select" + p.error_class +
                    "\" id=\"" + id + "\" name=\"" + id + "\"" + Described(p) +
                    ">";
  for (const auto& [value, label] : options)
    out += "<option value=\"" + Escape(value) + "\"" +
           (value == f.value ? " selected" : "") + ">" + Escape(label) +
           "</option>";
  return Group(f, p.top + out + "</select>");
}

std::string Checkboxes(
    const Field& f,
    const std::vector<std::pair<std::string, std::string>>& options,
    const std::vector<std::string>& checked) {
  Parts p = Around(f, /*as_legend=*/true);
  std::string id = Escape(f.id);
  std::string out =
      "<fieldset class=\"govuk-fieldset\" id=\"" + id + "\"" + Described(p) +
      "><legend class=\"govuk-fieldset__legend\">" + Escape(f.label) +
      "</legend>" + p.top + "<div class=\"govuk-checkboxes\">";
  int n = 0;
  for (const auto& [value, label] : options) {
    std::string box = id + "-" + std::to_string(++n);
    bool on = std::find(checked.begin(), checked.end(), value) != checked.end();
    out +=
        "<div class=\"govuk-checkboxes__item\"><input "
        "class=\"govuk-checkboxes__input\" type=\"checkbox\" id=\"" +
        box + "\" name=\"" + id + "\" value=\"" + Escape(value) + "\"" +
        (on ? " checked" : "") +
        "><label class=\"govuk-label "
        "govuk-checkboxes__label\" for=\"" +
        box + "\">" + Escape(label) + "</label></div>";
  }
  return Group(f, out + "</div></fieldset>");
}

std::string HiddenInput(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" +
         Escape(value) + "\">";
}

std::string Button(std::string_view text, std::string_view name,
                   std::string_view value, bool secondary) {
  std::string out =
      std::string("<button type=\"submit\" class=\"govuk-button") +
      (secondary ? " govuk-button--secondary" : "") + "\"";
  if (!name.empty())
    out += " name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\"";
  return out + ">" + Escape(text) + "</button>";
}

std::string ErrorSummary(std::string_view title, const FieldErrors& errors) {
  if (errors.empty()) return "";
  std::string out =
      "<div class=\"govuk-error-summary\" role=\"alert\" tabindex=\"-1\" "
      "aria-labelledby=\"error-summary-title\"><h2 "
      "class=\"govuk-error-summary__title\" "
      "id=\"error-summary-title\">" +
      Escape(title) + "</h2><ul class=\"govuk-error-summary__list\">";
  for (const auto& [id, message] : errors)
    out += id.empty() ? "<li>" + Escape(message) + "</li>"
                      : "<li><a href=\"#" + Escape(id) + "\">" +
                            Escape(message) + "</a></li>";
  return out + "</ul></div>";
}

std::string ErrorFor(const FieldErrors& errors, std::string_view id) {
  for (const auto& [field, message] : errors)
    if (field == id) return message;
  return "";
}

}  // namespace grants::portal
