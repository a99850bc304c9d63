// Field validation shared by every converter: collects violations and turns
// them into one INVALID_ARGUMENT naming each offending field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/status.h"
#include "grants/v1/common.pb.h"

namespace grants {

// Limits on free text, in characters (UTF-8 code points).
inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxNoteChars = 500;
inline constexpr size_t kMaxDescriptionChars = 4000;

class Validator {
 public:
  // Single-line text: length in [min_chars, max_chars], no control
  // characters. Reasons: REQUIRED, TOO_LONG, CONTROL_CHARACTERS.
  Validator& Text(std::string_view field, std::string_view value,
                  size_t min_chars, size_t max_chars);
  // As Text, but newlines and tabs are allowed.
  Validator& Multiline(std::string_view field, std::string_view value,
                       size_t min_chars, size_t max_chars);
  // A server-assigned id (canonical lowercase UUID). Reasons: REQUIRED,
  // ID_INVALID.
  Validator& Id(std::string_view field, std::string_view value);
  // Money: a known ISO 4217 currency and minor units > 0 (or >= 0 when
  // allow_zero). Reasons: REQUIRED, CURRENCY_UNKNOWN, MUST_BE_POSITIVE,
  // MUST_NOT_BE_NEGATIVE.
  Validator& Amount(std::string_view field, const v1::Money* money,
                    bool allow_zero = false);
  // A lowercase code such as a community: [a-z0-9_]{1,64}. Reason:
  // CODE_INVALID.
  Validator& Code(std::string_view field, std::string_view value);
  // A calendar date "YYYY-MM-DD". Reason: DATE_INVALID.
  Validator& Date(std::string_view field, std::string_view value);
  // Records a violation found elsewhere.
  Validator& Add(std::string_view field, std::string_view reason,
                 std::string_view description);
  // OK when nothing was recorded; otherwise INVALID_ARGUMENT whose reason is
  // the first violation's, carrying all of them.
  absl::Status Finish() const;

 private:
  bool CheckText(std::string_view field, std::string_view value,
                 size_t min_chars, size_t max_chars, bool multiline);
  std::vector<FieldViolation> violations_;
};

// Counts UTF-8 code points; -1 when the text is not valid UTF-8.
long Utf8Length(std::string_view text);

// An email address as people type it: one @, a dot in the domain, no
// spaces, at most 254 characters.
bool IsEmail(std::string_view text);

}  // namespace grants
