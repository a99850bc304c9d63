// Small conversions shared by the repositories: instants, arrays, paging.
#pragma once

#include <pqxx/pqxx>
#include <array>
#include <string_view>
#include <utility>
#include <string>
#include <vector>


#include "absl/time/time.h"
#include "google/protobuf/message.h"

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

// A contract message as stored JSON (proto field names), and back (unknown
// fields ignored, so older rows still read after the contract grows).
std::string ProtoToJson(const google::protobuf::Message& m);
void ProtoFromJson(const std::string& json, google::protobuf::Message* m);

// The value stored under `name` in a table of (value, name) pairs; the
// table's first value when the name is unknown.
template <typename E, size_t N>
E ParseName(const std::array<std::pair<E, std::string_view>, N>& table,
            std::string_view name) {
  for (const auto& [value, n] : table)
    if (n == name) return value;
  return table[0].first;
}

// The name `value` is stored under; the table's first name when unknown.
template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table,
                        E value) {
  for (const auto& [v, n] : table)
    if (v == value) return n;
  return table[0].second;
}

// Maps every row of `rows` with `f`.
template <typename T, typename F>
std::vector<T> MapRows(const pqxx::result& rows, F f) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(f(r));
  return out;
}

}  // namespace grants::storage
