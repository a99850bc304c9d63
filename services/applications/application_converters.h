// Applications: proto <-> domain.
#pragma once

#include "absl/status/statusor.h"
#include "domain/applications.h"
#include "grants/v1/applications.pb.h"

namespace grants::applications {

absl::StatusOr<applications::ListFilter> ToFilter(
    const v1::ListApplicationsRequest& r);
absl::StatusOr<Extension> ToExtension(const v1::GrantExtensionRequest& r);

void ToProto(const Application& a, v1::Application* out);
void ToProto(const Extension& e, v1::Extension* out);

}  // namespace grants::applications
