// Shared flag handling for grantsctl.
#include "clients/grantsctl/flags.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "absl/strings/cord.h"
#include "common/money.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

// Payload that tells main an error never reached the server.
constexpr char kLocalPayload[] = "grantsctl/local";

constexpr std::string_view kUnspecified = "UNSPECIFIED";

// "LEGAL_FORM_" for LegalForm: the zero value's name less "UNSPECIFIED".
std::string EnumPrefix(const google::protobuf::EnumDescriptor* type) {
  std::string zero = type->FindValueByNumber(0)->name();
  return zero.substr(0, zero.size() - kUnspecified.size());
}

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

absl::StatusOr<std::vector<v1::ConditionsTranslation>>
ConditionTranslationsFlag(std::string_view flag,
                          const std::vector<std::string>& values) {
  std::vector<v1::ConditionsTranslation> out;
  for (const auto& value : values) {
    size_t eq = value.find('=');
    if (eq == std::string::npos || eq == 0)
      return UsageError(flag, "TRANSLATION_INVALID",
                        "give LANG=TEXT, e.g. ro=\"Liste de prezență\"");
    std::string language = value.substr(0, eq);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& t) {
      return t.language() == language;
    });
    if (it == out.end()) {
      out.emplace_back().set_language(language);
      it = out.end() - 1;
    }
    it->add_conditions(value.substr(eq + 1));
  }
  return out;
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

CLI::Validator NonNegative() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        bool digits =
            !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
              return std::isdigit(static_cast<unsigned char>(c));
            });
        return digits ? "" : "must be a whole number >= 0";
      },
      "N>=0");
}

std::string EnumCode(const google::protobuf::EnumDescriptor* type, int value) {
  const auto* v = type->FindValueByNumber(value);
  if (v == nullptr || value == 0) return "";
  std::string code = v->name().substr(EnumPrefix(type).size());
  for (char& c : code) c = static_cast<char>(std::tolower(c));
  return code;
}

std::vector<std::string> EnumCodes(
    const google::protobuf::EnumDescriptor* type) {
  std::vector<std::string> codes;
  for (int i = 0; i < type->value_count(); ++i) {
    int number = type->value(i)->number();
    if (number != 0) codes.push_back(EnumCode(type, number));
  }
  return codes;
}

absl::StatusOr<int> ParseEnumCode(const google::protobuf::EnumDescriptor* type,
                                  std::string_view flag,
                                  std::string_view reason,
                                  const std::string& code) {
  if (code.empty()) return 0;
  std::string name = EnumPrefix(type);
  for (char c : code) name += static_cast<char>(std::toupper(c));
  const auto* v = type->FindValueByName(name);
  if (v == nullptr || v->number() == 0)
    return UsageError(flag, reason, fmt::format("unknown value \"{}\"", code));
  return v->number();
}

void AddOnBehalfFlags(CLI::App* cmd, OnBehalfFlags* flags) {
  cmd->add_option("--on-behalf", flags->organisation_id,
                  "Officers: act for this organisation (ORG-...), which "
                  "asked for help")
      ->group("Acting on behalf");
  cmd->add_option("--on-behalf-reason", flags->reason,
                  "Why you act for it, e.g. \"Applied by phone through an "
                  "interpreter\" (500 chars)")
      ->group("Acting on behalf");
}

}  // namespace grants::ctl
