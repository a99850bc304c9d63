// Enum <-> name tables: how each area's states and kinds are named in the
// database, the audit trail and list filters. One table per enum, in its
// domain header; these helpers read them.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace grants {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of `value`; the table's first name when it is not listed.
template <typename E, std::size_t N>
constexpr std::string_view NameOf(const NameTable<E, N>& table, E value) {
  for (const auto& [v, n] : table)
    if (v == value) return n;
  return table[0].second;
}

// The value named `name`, or nullopt.
template <typename E, std::size_t N>
constexpr std::optional<E> FindByName(const NameTable<E, N>& table,
                                      std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

// The value named `name`; the table's first value when none is.
template <typename E, std::size_t N>
constexpr E ParseName(const NameTable<E, N>& table, std::string_view name) {
  return FindByName(table, name).value_or(table[0].first);
}

}  // namespace grants
