// Awards read for the 360Giving export, a page at a time.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/reach/open_data.h"
#include "storage/transaction.h"

namespace grants::storage::export_repo {

// Up to `limit` published awards (accepted, active, terminated) after award
// id `after_id` ("" from the start), by id, optionally of one programme:
// (award id, the record 360Giving needs). Boroughs outside London are left
// out (the export's locations are London boroughs).
std::vector<std::pair<std::string, reach::GrantRecord>> Page(
    Tx& tx, const std::string& programme_id, const std::string& after_id,
    int limit);
// How many awards the export covers.
int64_t Count(Tx& tx, const std::string& programme_id);

}  // namespace grants::storage::export_repo
