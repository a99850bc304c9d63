// Array literal encoding and decoding, and contract messages as JSON.
#include <pqxx/pqxx>
#include "storage/rows.h"

#include <google/protobuf/util/json_util.h>


namespace grants::storage {

std::string ToPgArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string ToPgArray(const std::vector<int64_t>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(items[i]);
  }
  return out + "}";
}

std::vector<std::string> FromPgArray(const pqxx::field& f) {
  std::vector<std::string> out;
  pqxx::array_parser parser = f.as_array();
  for (auto [junction, value] = parser.get_next();
       junction != pqxx::array_parser::done;
       std::tie(junction, value) = parser.get_next()) {
    if (junction == pqxx::array_parser::string_value) out.push_back(value);
  }
  return out;
}

std::string ProtoToJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions opts;
  opts.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, opts);
  return out;
}

void ProtoFromJson(const std::string& json, google::protobuf::Message* m) {
  google::protobuf::util::JsonParseOptions opts;
  opts.ignore_unknown_fields = true;
  (void)google::protobuf::util::JsonStringToMessage(json, m, opts);
}

}  // namespace grants::storage
