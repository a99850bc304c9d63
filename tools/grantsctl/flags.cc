// Shared flag handling for grantsctl.
#include "tools/grantsctl/flags.h"

#include <fmt/format.h>

#include "absl/strings/cord.h"
#include "services/common/money.h"
#include "services/common/status.h"

namespace grants::ctl {
namespace {

// Payload that tells main an error never reached the server.
constexpr char kLocalPayload[] = "grantsctl/local";

}  // namespace

absl::Status UsageError(std::string_view flag, std::string_view reason,
                        std::string_view message) {
  return AsLocal(MakeError(
      absl::StatusCode::kInvalidArgument, reason,
      fmt::format("{}: {}", flag, message),
      {{std::string(flag), std::string(reason), std::string(message)}}));
}

absl::Status UsageErrorFrom(std::string_view flag, const absl::Status& status) {
  std::vector<FieldViolation> fields = FieldViolationsOf(status);
  std::string message = fields.empty() ? std::string(status.message())
                                       : fields.front().description;
  return UsageError(flag, ReasonOf(status), message);
}

absl::Status AsLocal(absl::Status status) {
  if (!status.ok()) status.SetPayload(kLocalPayload, absl::Cord("1"));
  return status;
}

bool IsLocal(const absl::Status& status) {
  return status.GetPayload(kLocalPayload).has_value();
}

void AddPageFlags(CLI::App* cmd, PageOptions* page) {
  cmd->add_option("--page-size", page->page_size,
                  "Maximum results (1-500, server default 50)")
      ->check(CLI::Range(1, 500));
  cmd->add_option("--page-token", page->page_token,
                  "Token printed by the previous page");
}

absl::StatusOr<v1::Money> MoneyFlag(std::string_view flag,
                                    const std::string& text,
                                    const std::string& currency) {
  std::optional<int64_t> minor = ParseMajorUnits(text);
  if (!minor)
    return UsageError(flag, "AMOUNT_INVALID",
                      fmt::format("\"{}\" is not an amount in major units "
                                  "(e.g. 5000 or 1,234.56)",
                                  text));
  v1::Money money;
  money.set_currency_code(currency);
  money.set_minor_units(*minor);
  return money;
}

}  // namespace grants::ctl
