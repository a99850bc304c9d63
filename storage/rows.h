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
#include "domain/names.h"

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

// Maps every row of `rows` with `f`.
template <typename T, typename F>
std::vector<T> MapRows(const pqxx::result& rows, F f) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(f(r));
  return out;
}

}  // namespace grants::storage
