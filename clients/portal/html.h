// The form fields of the portal's pages, after the GOV.UK Design System
// patterns: every field labelled, with an optional hint and its error
// beside it; an error summary at the top linking to each field. Rendered
// from the templates, which escape everything written into a page with
// Escape.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clients/portal/templates.h"

namespace grants::portal {

// `text` with & < > " ' escaped for HTML text and attribute values.
std::string Escape(std::string_view text);

// Field id -> the message to show beside it (already translated).
using FieldErrors = std::vector<std::pair<std::string, std::string>>;

// What the grantee typed into each field of a form (kept on an error).
using Typed = std::map<std::string, std::string>;

// What every field needs.
struct Field {
  std::string id;     // also the form name
  std::string label;  // translated
  std::string hint;   // translated, optional
  std::string value;  // as typed, kept on an error
  std::string error;  // translated, optional
};

// How a one-line input looks beyond its field.
struct Input {
  std::string_view type = "text";
  std::string_view autocomplete;
  std::string_view width;  // a govuk-input--width-* class
  // Values the browser suggests as the grantee types (a datalist).
  const std::vector<std::string>* suggestions = nullptr;
};
// Short inputs without autocomplete: counts, amounts, reference numbers.
inline constexpr Input kWidth5{"text", "off", "govuk-input--width-5"};
inline constexpr Input kWidth10{"text", "off", "govuk-input--width-10"};
inline constexpr Input kFileInput{"file", "off", ""};

// (value, label) pairs of a select or a group of checkboxes.
using Options = std::vector<std::pair<std::string, std::string>>;

std::string TextInput(const Templates& t, const Field& f,
                      const Input& input = {});
std::string TextArea(const Templates& t, const Field& f, int rows = 5);
// f.value is the chosen option.
std::string Select(const Templates& t, const Field& f, const Options& options);
// Checkboxes named f.id inside a fieldset whose legend is f.label;
// `checked` lists the ticked values.
std::string Checkboxes(const Templates& t, const Field& f,
                       const Options& options,
                       const std::vector<std::string>& checked);

// The error summary (empty when there are no errors). Each message whose
// field has a label in `labels` is named by it: "Summary of your project:
// This cannot be empty", not the bare message several fields may share.
std::string ErrorSummary(const Templates& t, std::string_view title,
                         const FieldErrors& errors,
                         const std::map<std::string, std::string>& labels = {});

// The message for `id` in `errors`, or "".
std::string ErrorFor(const FieldErrors& errors, std::string_view id);

}  // namespace grants::portal
