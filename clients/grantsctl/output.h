// grantsctl output: aligned tables, CSV or protobuf JSON; one-line errors.
#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "grants/v1/common.pb.h"

namespace grants::ctl {

enum class OutputFormat { kTable, kJson, kCsv };

// "table", "json" or "csv" (CLI11 has already checked the value).
OutputFormat ParseOutputFormat(std::string_view name);

using Row = std::vector<std::string>;

// What a command shows in table and CSV form.
struct Table {
  Row header;
  std::vector<Row> rows;
};

// Renders command results in the chosen format on stdout.
class Printer {
 public:
  explicit Printer(OutputFormat format) : format_(format) {}

  OutputFormat format() const { return format_; }

  // JSON: `response` whole, with proto field names. Table and CSV: `table`.
  // A non-empty `next_page_token` is reported on stderr (not in JSON,
  // where the response carries it). Errors: INTERNAL if JSON fails.
  absl::Status Print(const google::protobuf::Message& response,
                     const Table& table,
                     std::string_view next_page_token = "") const;

 private:
  OutputFormat format_;
};

// One RFC 4180 CSV line (no line end): fields holding a comma, quote or
// line break are quoted.
std::string CsvLine(const Row& row);

// "<what>: N of TOTAL" over itself on stderr when stderr is a terminal
// (TOTAL 0: unknown); a line end when `done`.
void Progress(std::string_view what, int64_t written, int64_t total, bool done);

// "GBP 1,234.56"; "" when the amount is unset.
std::string MoneyText(const v1::Money& money);

// A published figure as text, table and CSV alike: the value, "<5" for a
// count hidden because it is from 1 to 4, "[c]" for one hidden only to
// protect another figure (docs/disclosure.md).
std::string FigureText(int64_t value, bool suppressed, bool complementary);

// RFC 3339 UTC; "" when unset.
std::string TimeText(const google::protobuf::Timestamp& time);

// The server's London-time rendering when present, else UTC.
std::string LondonOrUtc(const std::string& london,
                        const google::protobuf::Timestamp& time);

// The one error line on stderr: "error: REASON (CODE): message" followed by
// " [field F: REASON]" per field violation.
void PrintError(const absl::Status& status);

}  // namespace grants::ctl

namespace grants::ctl {

// A table of `items`, one row each via `row` (a callable T -> Row).
template <typename Items, typename RowFn>
Table TableOf(Row header, const Items& items, RowFn row) {
  Table table{std::move(header), {}};
  for (const auto& item : items) table.rows.push_back(row(item));
  return table;
}

}  // namespace grants::ctl
