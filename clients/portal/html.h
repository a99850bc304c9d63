// HTML building blocks for the portal's server-rendered pages, after the
// GOV.UK Design System patterns: every field labelled, with an optional
// hint and its error beside it; an error summary at the top linking to
// each field. Everything written into a page goes through Escape.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace grants::portal {

// `text` with & < > " ' escaped for HTML text and attribute values.
std::string Escape(std::string_view text);

// Field id -> the message to show beside it (already translated).
using FieldErrors = std::vector<std::pair<std::string, std::string>>;

// What every field helper needs.
struct Field {
  std::string id;     // also the form name
  std::string label;  // translated
  std::string hint;   // translated, optional
  std::string value;  // as typed, kept on an error
  std::string error;  // translated, optional
};

std::string TextInput(const Field& f, std::string_view type = "text",
                      std::string_view autocomplete = "",
                      std::string_view width_class = "");
std::string TextArea(const Field& f, int rows = 5);
// A select of (value, label) options; f.value is the chosen one.
std::string Select(
    const Field& f,
    const std::vector<std::pair<std::string, std::string>>& options);
// Checkboxes named f.id with (value, label) options, inside a fieldset
// whose legend is f.label; `checked` lists the ticked values.
std::string Checkboxes(
    const Field& f,
    const std::vector<std::pair<std::string, std::string>>& options,
    const std::vector<std::string>& checked);
std::string HiddenInput(std::string_view name, std::string_view value);
std::string Button(std::string_view text, std::string_view name = "",
                   std::string_view value = "", bool secondary = false);

// The error summary (empty when there are no errors).
std::string ErrorSummary(std::string_view title, const FieldErrors& errors);

// The message for `id` in `errors`, or "".
std::string ErrorFor(const FieldErrors& errors, std::string_view id);

}  // namespace grants::portal
