// Conversions between domain values and the common proto types.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "common/caller.h"
#include "grants/v1/common.pb.h"

namespace grants {

inline void ToProto(absl::Time t, google::protobuf::Timestamp* out) {
  int64_t micros = absl::ToUnixMicros(t);
  int64_t seconds = micros / 1000000;
  int64_t rem = micros % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(rem * 1000));
}

// A request's on_behalf, when it has one (acting on behalf; checked by
// organisations::Acting).
template <typename Request>
std::optional<OnBehalf> OnBehalfOf(const Request& req) {
  if (!req.has_on_behalf()) return std::nullopt;
  return OnBehalf{req.on_behalf().organisation_id(), req.on_behalf().reason()};
}

inline absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

inline void ToProto(const std::string& currency, int64_t minor,
                    v1::Money* out) {
  out->set_currency_code(currency);
  out->set_minor_units(minor);
}

}  // namespace grants

// The full gRPC method name used by the policy table, e.g.
// GRANTS_METHOD(FundingService, CreateFund) ==
// "/grants.v1.FundingService/CreateFund".
#define GRANTS_METHOD(service, method) "/grants.v1." #service "/" #method
