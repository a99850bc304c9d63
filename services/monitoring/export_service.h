// The 360Giving export, a page of grant objects at a time: the server maps
// awards to grants and the client streams them into a package, so neither
// side holds the whole export.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/pool.h"

namespace grants::monitoring {

// Our 360Giving publisher prefix (also the org-id prefix of unregistered
// groups).
inline constexpr char kPublisherPrefix[] = "360G-GRANTSLDN";

struct ExportPage {
  std::vector<std::string> grants;    // JSON text of each grant object
  std::vector<std::string> problems;  // "reference: why" for unpublishable
  std::string next_page_token;        // "" on the last page
  int64_t total = 0;  // awards the whole export covers (first page only)
};

class ExportService {
 public:
  explicit ExportService(storage::ConnectionPool& pool) : pool_(pool) {}

  // The page after `page_token` (an award id, or "" for the first).
  absl::StatusOr<ExportPage> Page(const std::string& programme_id,
                                  const std::string& page_token, int limit);

 private:
  storage::ConnectionPool& pool_;
};

}  // namespace grants::monitoring
