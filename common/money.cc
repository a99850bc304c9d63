// Money rules.
#include "common/money.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

#include "absl/numeric/int128.h"
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

std::vector<int64_t> SplitProRata(int64_t amount,
                                  const std::vector<int64_t>& weights) {
  absl::uint128 total = 0;
  for (int64_t w : weights)
    total += static_cast<uint64_t>(std::max<int64_t>(w, 0));
  if (total == 0 || amount < 0) return {};
  std::vector<int64_t> parts(weights.size());
  std::vector<absl::uint128> remainders(weights.size());
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    absl::uint128 exact =
        absl::uint128(static_cast<uint64_t>(amount)) *
        static_cast<uint64_t>(std::max<int64_t>(weights[i], 0));
    parts[i] = static_cast<int64_t>(absl::Uint128Low64(exact / total));
    remainders[i] = exact % total;
    given += parts[i];
  }
  std::vector<size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return remainders[a] > remainders[b];
  });
  // The floors leave fewer than weights.size() units over.
  for (int64_t left = amount - given, k = 0; left > 0; --left, ++k)
    ++parts[order[static_cast<size_t>(k)]];
  return parts;
}

}  // namespace grants
