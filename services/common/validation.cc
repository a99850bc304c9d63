// Field validation rules shared by every converter.
#include "services/common/validation.h"

#include <regex>

#include <fmt/format.h>
#include "absl/time/time.h"
#include "common/money.h"

namespace grants {

long Utf8Length(std::string_view text) {
  long count = 0;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3
                 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return -1;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return -1;
    i += len;
    ++count;
  }
  return count;
}

bool IsEmail(std::string_view text) {
  static const std::regex kEmail("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  return text.size() <= 254 &&
         std::regex_match(text.begin(), text.end(), kEmail);
}

bool Validator::CheckText(std::string_view field, std::string_view value,
                          size_t min_chars, size_t max_chars, bool multiline) {
  long n = Utf8Length(value);
  if (n < 0) {
    Add(field, "NOT_UTF8", "must be valid UTF-8");
    return false;
  }
  if (static_cast<size_t>(n) < min_chars) {
    Add(field, "REQUIRED",
        min_chars == 1 ? "is required"
                       : fmt::format("must be at least {} characters", min_chars));
    return false;
  }
  if (static_cast<size_t>(n) > max_chars) {
    Add(field, "TOO_LONG",
        fmt::format("must be at most {} characters", max_chars));
    return false;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    bool allowed_ws = multiline && (c == '\n' || c == '\r' || c == '\t');
    bool c0 = (c < 0x20 || c == 0x7F) && !allowed_ws;
    // C1 controls, U+0080-U+009F, are C2 80-C2 9F in UTF-8 (already checked
    // valid, so a continuation byte follows); U+009B alone starts a terminal
    // escape sequence, as ESC [ does.
    bool c1 = c == 0xC2 && static_cast<unsigned char>(value[i + 1]) <= 0x9F;
    if (c0 || c1) {
      Add(field, "CONTROL_CHARACTERS", "must not contain control characters");
      return false;
    }
  }
  return true;
}

Validator& Validator::Text(std::string_view field, std::string_view value,
                           size_t min_chars, size_t max_chars) {
  CheckText(field, value, min_chars, max_chars, false);
  return *this;
}

Validator& Validator::Multiline(std::string_view field, std::string_view value,
                                size_t min_chars, size_t max_chars) {
  CheckText(field, value, min_chars, max_chars, true);
  return *this;
}

Validator& Validator::Id(std::string_view field, std::string_view value) {
  static const std::regex kUuid(
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  if (value.empty()) return Add(field, "REQUIRED", "is required");
  if (!std::regex_match(value.begin(), value.end(), kUuid))
    return Add(field, "ID_INVALID", "must be an id returned by the server");
  return *this;
}

Validator& Validator::Amount(std::string_view field, const v1::Money* money,
                             bool allow_zero) {
  if (money == nullptr) return Add(field, "REQUIRED", "is required");
  if (!IsKnownCurrency(money->currency_code()))
    return Add(fmt::format("{}.currency_code", field), "CURRENCY_UNKNOWN",
               "must be an ISO 4217 currency code such as GBP");
  if (money->minor_units() < 0)
    return Add(fmt::format("{}.minor_units", field), "MUST_NOT_BE_NEGATIVE",
               "must not be negative");
  if (money->minor_units() == 0 && !allow_zero)
    return Add(fmt::format("{}.minor_units", field), "MUST_BE_POSITIVE",
               "must be more than zero");
  return *this;
}

Validator& Validator::Code(std::string_view field, std::string_view value) {
  static const std::regex kCode("^[a-z0-9_]{1,64}$");
  if (!std::regex_match(value.begin(), value.end(), kCode))
    return Add(field, "CODE_INVALID",
               "must be 1-64 of lowercase letters, digits and _");
  return *this;
}

Validator& Validator::Date(std::string_view field, std::string_view value) {
  absl::Time t;
  std::string err;
  if (value.size() != 10 || !absl::ParseTime("%Y-%m-%d", std::string(value), &t, &err) ||
      absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()) != value)
    return Add(field, "DATE_INVALID", "a date, YYYY-MM-DD");
  return *this;
}

Validator& Validator::Add(std::string_view field, std::string_view reason,
                          std::string_view description) {
  violations_.push_back(
      {std::string(field), std::string(reason), std::string(description)});
  return *this;
}

absl::Status Validator::Finish() const {
  if (violations_.empty()) return absl::OkStatus();
  const auto& first = violations_.front();
  std::string message = fmt::format("{}: {}", first.field, first.description);
  if (violations_.size() > 1)
    message += fmt::format(" (and {} more)", violations_.size() - 1);
  return MakeError(absl::StatusCode::kInvalidArgument, first.reason, message,
                   violations_);
}

}  // namespace grants
