// The 360Giving export.
#include "services/monitoring/export_service.h"

#include <stdexcept>

#include "domain/reach/open_data.h"
#include "storage/export_repository.h"

namespace grants::monitoring {
using storage::Tx;

absl::StatusOr<ExportPage> ExportService::Page(const std::string& programme_id,
                                               const std::string& page_token,
                                               int limit) {
  reach::Publisher publisher;
  publisher.prefix = kPublisherPrefix;
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<ExportPage> {
        ExportPage page;
        if (page_token.empty())  // once per export, not once per page
          page.total = storage::export_repo::Count(tx, programme_id);
        auto rows =
            storage::export_repo::Page(tx, programme_id, page_token, limit);
        for (const auto& [id, record] : rows) {
          try {
            page.grants.push_back(reach::ToGrantText(publisher, record));
          } catch (const std::invalid_argument& e) {
            // Reported, never dropped silently.
            page.problems.push_back(record.reference + ": " + e.what());
          }
        }
        if (static_cast<int>(rows.size()) == limit)
          page.next_page_token = rows.back().first;
        return page;
      });
}

}  // namespace grants::monitoring
