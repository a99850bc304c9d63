// The documents area's pure rules: which types are allowed, what a file
// name may be, and what a chunk does to an upload.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace grants::documents {

// The largest chunk UploadChunk takes (under the server's 256 KiB message
// limit with room for the rest of the request).
inline constexpr int32_t kMaxChunkBytes = 192 * 1024;
// ReadDocument's default and largest piece.
inline constexpr int32_t kDefaultReadBytes = 128 * 1024;
inline constexpr int32_t kMaxReadBytes = 1024 * 1024;
// The default size limit of a document.
inline constexpr int64_t kDefaultMaxDocumentBytes = 10 * 1024 * 1024;

// PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint (old and new),
// OpenDocument text, spreadsheet and presentation, RTF.
bool IsAllowedContentType(std::string_view mime_type);

// A name as a group gives it: 1-200 characters, no "/" or "\", no control
// characters, not "." or "..". INVALID_ARGUMENT FILE_NAME_INVALID naming
// `field` otherwise.
absl::Status CheckFileName(std::string_view field, std::string_view name);

// What a chunk of `length` bytes at `offset` does to an upload of
// `size_bytes` holding `received` bytes; `held` is what the upload already
// holds at `offset`, if a chunk starts there.
enum class ChunkFit {
  kAppend,      // the next bytes
  kRetry,       // the same bytes again: nothing to do
  kOutOfOrder,  // past what is held (CHUNK_OUT_OF_ORDER)
  kConflict,    // other bytes where some are held (CHUNK_CONFLICT)
  kTooLarge,    // past the declared size (DOCUMENT_TOO_LARGE)
};
ChunkFit FitChunk(int64_t size_bytes, int64_t received, int64_t offset,
                  std::string_view data,
                  const std::optional<std::string>& held);

// The status for a fit other than kAppend and kRetry.
absl::Status ChunkRefusal(ChunkFit fit);

// Lower-case hex of 64 digits.
bool IsSha256Hex(std::string_view text);

}  // namespace grants::documents
