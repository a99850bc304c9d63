// Acts of an officer for an organisation that asked for help.
#pragma once

#include <string>

#include "absl/time/time.h"

namespace grants {

// One recorded act: who acted for which organisation, doing what, and why.
struct ActOnBehalf {
  std::string officer;  // token subject
  std::string organisation_id;
  std::string action;  // the RPC's name, e.g. "SubmitApplication"
  std::string reason;
  absl::Time acted_at;
};

}  // namespace grants
