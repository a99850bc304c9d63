// grantsctl output rendering.
#include "clients/grantsctl/output.h"

#include <fmt/format.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "absl/time/time.h"
#include "common/london_time.h"
#include "common/money.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

void PrintAligned(const Table& table) {
  std::vector<size_t> widths(table.header.size(), 0);
  auto measure = [&widths](const Row& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], row[i].size());
  };
  measure(table.header);
  for (const Row& row : table.rows) measure(row);
  auto print = [&widths](const Row& row) {
    std::string line;
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      line += i + 1 == row.size() ? row[i]
                                  : fmt::format("{:<{}}  ", row[i], widths[i]);
    }
    // An empty last cell would leave the padding of the one before it.
    line.erase(line.find_last_not_of(' ') + 1);
    std::cout << line << '\n';
  };
  print(table.header);
  for (const Row& row : table.rows) print(row);
}

// RFC 4180: quote a field holding a comma, quote or line break.
std::string CsvField(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void PrintCsv(const Table& table) {
  std::cout << CsvLine(table.header) << '\n';
  for (const Row& row : table.rows) std::cout << CsvLine(row) << '\n';
}

}  // namespace

std::string CsvLine(const Row& row) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i)
    line += (i > 0 ? "," : "") + CsvField(row[i]);
  return line;
}

void Progress(std::string_view what, int64_t written, int64_t total,
              bool done) {
  if (!::isatty(STDERR_FILENO)) return;
  if (total > 0)
    fmt::print(stderr, "\r{}: {} of {}{}", what, written, total,
               done ? "\n" : "");
  else
    fmt::print(stderr, "\r{}: {}{}", what, written, done ? "\n" : "");
}

OutputFormat ParseOutputFormat(std::string_view name) {
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return OutputFormat::kTable;
}

absl::Status Printer::Print(const google::protobuf::Message& response,
                            const Table& table,
                            std::string_view next_page_token) const {
  if (format_ == OutputFormat::kJson) {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    // Scripts should see `"ok": false` and zero amounts, not a missing key.
    options.always_print_primitive_fields = true;
    std::string json;
    auto status =
        google::protobuf::util::MessageToJsonString(response, &json, options);
    if (!status.ok())
      return absl::InternalError("cannot render the response as JSON");
    std::cout << json << '\n';
    return absl::OkStatus();
  }
  if (format_ == OutputFormat::kCsv)
    PrintCsv(table);
  else
    PrintAligned(table);
  std::cout.flush();
  if (!next_page_token.empty())
    std::cerr << "next page: --page-token " << next_page_token << '\n';
  return absl::OkStatus();
}

std::string MoneyText(const v1::Money& money) {
  if (money.currency_code().empty() && money.minor_units() == 0) return "";
  return FormatMoney(money.currency_code(), money.minor_units());
}

std::string FigureText(int64_t value, bool suppressed, bool complementary) {
  if (!suppressed) return std::to_string(value);
  return complementary ? "[c]" : "<5";
}

std::string TimeText(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "";
  return FormatUtc(absl::FromUnixSeconds(time.seconds()) +
                   absl::Nanoseconds(time.nanos()));
}

std::string LondonOrUtc(const std::string& london,
                        const google::protobuf::Timestamp& time) {
  return london.empty() ? TimeText(time) : london;
}

void PrintError(const absl::Status& status) {
  std::string line = fmt::format("error: {} ({}): {}", ReasonOf(status),
                                 absl::StatusCodeToString(status.code()),
                                 std::string(status.message()));
  for (const FieldViolation& v : FieldViolationsOf(status))
    line += fmt::format(" [field {}: {}]", v.field, v.reason);
  // Messages from the server could hold line breaks; keep it one line.
  std::replace(line.begin(), line.end(), '\n', ' ');
  std::cerr << line << std::endl;
}

}  // namespace grants::ctl
