// Money rules.
#include "common/money.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "currency_codes.h"

namespace grants {

bool IsKnownCurrency(std::string_view code) {
  return std::binary_search(codes::kCurrencyCodes.begin(),
                            codes::kCurrencyCodes.end(), code);
}

std::optional<int64_t> AddMinor(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::string FormatMoney(std::string_view currency, int64_t minor_units) {
  bool negative = minor_units < 0;
  uint64_t v = negative ? 0 - static_cast<uint64_t>(minor_units)
                        : static_cast<uint64_t>(minor_units);
  std::string digits = std::to_string(v / 100);
  std::string units;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) units += ',';
    units += digits[i];
  }
  uint64_t pence = v % 100;
  return fmt::format("{} {}{}.{:02d}", currency, negative ? "-" : "", units,
                     pence);
}

std::optional<int64_t> ParseMajorUnits(std::string_view text) {
  int64_t units = 0;
  int decimals = -1;
  bool any_digit = false;
  for (char c : text) {
    if (c == ',' && decimals < 0) continue;
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals >= 0 && ++decimals > 2) return std::nullopt;
    any_digit = true;
    if (__builtin_mul_overflow(units, 10, &units) ||
        __builtin_add_overflow(units, c - '0', &units))
      return std::nullopt;
  }
  if (!any_digit) return std::nullopt;
  for (int d = std::max(decimals, 0); d < 2; ++d)
    if (__builtin_mul_overflow(units, 10, &units)) return std::nullopt;
  return units;
}

}  // namespace grants
