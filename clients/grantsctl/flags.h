// Shared flag handling for grantsctl: local (usage) errors, paging, money,
// enum codes.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grants/v1/common.pb.h"
#include "grants/v1/conditions.pb.h"

namespace grants::ctl {

// An INVALID_ARGUMENT error found before any RPC (exit code 2), with one
// field violation naming `flag` (e.g. "--budget").
absl::Status UsageError(std::string_view flag, std::string_view reason,
                        std::string_view message);

// The same error as a local one about `flag` (e.g. a key MintToken
// refused): keeps the reason, takes the field's description as the message.
absl::Status UsageErrorFrom(std::string_view flag, const absl::Status& status);

// Marks any status as local, so main exits 2 rather than 1.
absl::Status AsLocal(absl::Status status);

// An officer acting for a group that asked for help: --on-behalf ORG-...
// and --on-behalf-reason "...".
struct OnBehalfFlags {
  std::string organisation_id;
  std::string reason;
};
void AddOnBehalfFlags(CLI::App* cmd, OnBehalfFlags* flags);

// Sets the request's on_behalf when either flag was given (the server
// refuses a reason without an organisation, and the reverse).
template <typename Req>
void SetOnBehalf(const OnBehalfFlags& flags, Req* req) {
  if (flags.organisation_id.empty() && flags.reason.empty()) return;
  req->mutable_on_behalf()->set_organisation_id(flags.organisation_id);
  req->mutable_on_behalf()->set_reason(flags.reason);
}

// True for statuses made by UsageError or AsLocal.
bool IsLocal(const absl::Status& status);

// --page-size and --page-token of list commands.
struct PageOptions {
  int32_t page_size = 0;
  std::string page_token;
};
void AddPageFlags(CLI::App* cmd, PageOptions* page);

// Parses a major-units amount ("50000.00", "1,234.5") given to `flag` into
// Money; "12.345" or "-5" is a local AMOUNT_INVALID error.
absl::StatusOr<v1::Money> MoneyFlag(std::string_view flag,
                                    const std::string& text,
                                    const std::string& currency);

// Translations of conditions given as "LANG=TEXT" (repeatable; each
// language's texts in the conditions' order, "LANG=" keeps one in
// English); "ro" without "=" is a local TRANSLATION_INVALID error.
absl::StatusOr<std::vector<v1::ConditionsTranslation>>
ConditionTranslationsFlag(std::string_view flag,
                          const std::vector<std::string>& values);

// CLI11 check for a whole number >= 0 (CLI::NonNegativeNumber's message
// would print DBL_MAX).
CLI::Validator NonNegative();

// Enum values as flag codes: lowercase, without the type's prefix (its zero
// value's name less "UNSPECIFIED"), e.g. LEGAL_FORM_CIC <-> "cic".
// The code of `value`; "" for the zero value.
std::string EnumCode(const google::protobuf::EnumDescriptor* type, int value);
// Every code but the zero value's, in declaration order.
std::vector<std::string> EnumCodes(
    const google::protobuf::EnumDescriptor* type);
// The value named by `code`, 0 for ""; a local `reason` error naming `flag`
// for an unknown code.
absl::StatusOr<int> ParseEnumCode(const google::protobuf::EnumDescriptor* type,
                                  std::string_view flag,
                                  std::string_view reason,
                                  const std::string& code);

template <typename E>
std::string CodeOf(E value) {
  return EnumCode(google::protobuf::GetEnumDescriptor<E>(), value);
}
template <typename E>
std::vector<std::string> CodesOf() {
  return EnumCodes(google::protobuf::GetEnumDescriptor<E>());
}
template <typename E>
absl::StatusOr<E> ParseCode(std::string_view flag, std::string_view reason,
                            const std::string& code) {
  absl::StatusOr<int> value = ParseEnumCode(
      google::protobuf::GetEnumDescriptor<E>(), flag, reason, code);
  if (!value.ok()) return value.status();
  return static_cast<E>(*value);
}

}  // namespace grants::ctl
