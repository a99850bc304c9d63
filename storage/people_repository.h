// The people grantsd has seen sign in, by subject and role.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "storage/transaction.h"

namespace grants::storage::people_repo {

// Records that `subject` signed in as `role` (once; later calls do nothing).
void Record(Tx& tx, const std::string& subject, const std::string& role,
            absl::Time now);
// Whether `subject` has signed in as `role`.
bool Exists(Tx& tx, const std::string& subject, const std::string& role);

}  // namespace grants::storage::people_repo
