// Small conversions shared by the repositories: instants, arrays, paging.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>


#include "absl/time/time.h"

namespace grants::storage {

inline int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time TimeAt(const pqxx::field& f) {
  return absl::FromUnixMicros(f.as<int64_t>());
}

// A PostgreSQL array literal, every element quoted and escaped.
std::string ToPgArray(const std::vector<std::string>& items);
std::string ToPgArray(const std::vector<int64_t>& items);
// The elements of a one-dimensional text[] field.
std::vector<std::string> FromPgArray(const pqxx::field& f);

// Maps every row of `rows` with `f`.
template <typename T, typename F>
std::vector<T> MapRows(const pqxx::result& rows, F f) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(f(r));
  return out;
}

}  // namespace grants::storage
