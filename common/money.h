// Money rules: ISO 4217 codes and overflow-safe integer arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grants {

// True for a code in the 360Giving currency codelist (ISO 4217).
bool IsKnownCurrency(std::string_view code);

// a + b, or nullopt on int64 overflow.
std::optional<int64_t> AddMinor(int64_t a, int64_t b);

// "£1,234.56"-style rendering for people: code then units with two
// decimals, e.g. "GBP 1,234.56".
std::string FormatMoney(std::string_view currency, int64_t minor_units);

// Parses "1234.56", "1,234.56" or "1234" into minor units (2 decimals).
// nullopt for anything else: negative, more than 2 decimals, overflow.
std::optional<int64_t> ParseMajorUnits(std::string_view text);

// Splits `amount` pro rata to `weights` (>= 0, not all zero) by the
// largest-remainder method: the parts sum exactly to `amount`; leftover
// minor units go to the largest remainders, ties to the earlier weight.
// Empty when the weights sum to zero.
std::vector<int64_t> SplitProRata(int64_t amount,
                                  const std::vector<int64_t>& weights);

}  // namespace grants
