// The server's status bridge and the clients' reverse, end to end.
#include <gtest/gtest.h>

#include "clients/client/client_status.h"
#include "common/status.h"
#include "services/common/grpc_status.h"

namespace grants {
namespace {

TEST(StatusTest, CarriesReasonAndFieldsOverTheWire) {
  absl::Status s = InvalidField("spec.budget", "MUST_BE_POSITIVE", "positive");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(s));
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(back), "MUST_BE_POSITIVE");
  EXPECT_EQ(FieldViolationsOf(back)[0].field, "spec.budget");
}

TEST(StatusTest, NeverSendsInternalDetails) {
  grpc::Status wire = ToGrpcStatus(absl::InternalError("SELECT secret FROM x"));
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(wire.error_message(), "internal error");
  EXPECT_EQ(ReasonOf(FromGrpcStatus(wire)), "INTERNAL");
}

}  // namespace
}  // namespace grants
