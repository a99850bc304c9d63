// Erasing one organisation's personal data inside a transaction (issue
// #15), shared by ErasePersonalData and the retention sweep.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "common/caller.h"
#include "services/audit/audit_recorder.h"
#include "storage/transaction.h"

namespace grants::organisations {

// Erases organisation `id`'s personal data in `tx` and audits it there; the
// caller has locked the organisation and seen that it is not yet erased.
// FAILED_PRECONDITION LEGAL_HOLD (naming each hold) before writing anything;
// NOT_FOUND ORGANISATION_NOT_FOUND.
absl::Status EraseLocked(storage::Tx& tx, const audit::Recorder& audit,
                         const RequestContext& ctx, const std::string& id);

}  // namespace grants::organisations
