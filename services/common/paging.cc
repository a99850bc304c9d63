// Page tokens: "p" followed by a decimal position.
#include "services/common/paging.h"

#include <charconv>

#include "common/status.h"

namespace grants {

absl::StatusOr<Page> ParsePage(int32_t page_size, const std::string& token) {
  Page page;
  if (page_size < 0 || page_size > kMaxPageSize)
    return InvalidField("page_size", "PAGE_SIZE_INVALID",
                        "must be between 1 and 500");
  if (page_size > 0) page.limit = page_size;
  if (token.empty()) return page;
  const char* end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data() + 1, end, page.position);
  if (token[0] != 'p' || ec != std::errc() || ptr != end || page.position < 0)
    return InvalidField("page_token", "PAGE_TOKEN_INVALID",
                        "must be a next_page_token from an earlier response");
  return page;
}

std::string NextOffsetToken(const Page& page, size_t returned) {
  if (returned < static_cast<size_t>(page.limit)) return "";
  return PositionToken(page.position + page.limit);
}

std::string PositionToken(int64_t position) {
  return "p" + std::to_string(position);
}

}  // namespace grants
