// Page size and token handling shared by every List RPC.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace grants {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

struct Page {
  int limit = kDefaultPageSize;
  int64_t position = 0;  // offset, or a keyset bound, as the list defines
};

// Validates page_size (0 means default; 1-500) and page_token (empty or one
// we issued). Errors: INVALID_ARGUMENT PAGE_SIZE_INVALID, PAGE_TOKEN_INVALID.
absl::StatusOr<Page> ParsePage(int32_t page_size, const std::string& token);

// The token for the page after one that returned `returned` items from
// offset `page.position`; empty when that was the last page.
std::string NextOffsetToken(const Page& page, size_t returned);
// A token carrying an explicit position (keyset paging).
std::string PositionToken(int64_t position);

}  // namespace grants

namespace grants {

// One page of results from a use case.
template <typename T>
struct Listed {
  std::vector<T> items;
  std::string next_page_token;
};

}  // namespace grants
