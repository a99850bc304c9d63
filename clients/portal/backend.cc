// The portal's gRPC channel, presenting its machine certificate.
#include "clients/portal/backend.h"

namespace grants::portal {

Backend::Backend(const BackendConfig& config)
    : stubs_(client::OpenChannel(
          config.target, {config.ca_pem, config.cert_pem, config.key_pem})) {}

}  // namespace grants::portal
