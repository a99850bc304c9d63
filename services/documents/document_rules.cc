// Documents' pure rules.
#include "services/documents/document_rules.h"

#include <array>

#include "common/status.h"
#include "services/common/validation.h"

namespace grants::documents {

bool IsAllowedContentType(std::string_view type) {
  static constexpr std::array<std::string_view, 16> kAllowed = {
      "application/pdf",
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
      "application/msword",
      "application/vnd.ms-excel",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.wordprocessingml."
      "document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml."
      "presentation",
      "application/vnd.oasis.opendocument.text",
      "application/vnd.oasis.opendocument.spreadsheet",
      "application/vnd.oasis.opendocument.presentation",
      "application/rtf",
      "text/rtf",
  };
  for (auto allowed : kAllowed)
    if (type == allowed) return true;
  return false;
}

absl::Status CheckFileName(std::string_view field, std::string_view name) {
  bool folder = name.find_first_of("/\\") != std::string_view::npos ||
                name == "." || name == "..";
  if (Validator().Text(field, name, 1, 200).Finish().ok() && !folder)
    return absl::OkStatus();
  return MakeError(absl::StatusCode::kInvalidArgument, "FILE_NAME_INVALID",
                   "file_name must be 1-200 characters without a folder",
                   {{std::string(field), "FILE_NAME_INVALID",
                     "1-200 characters, no folder, no control characters"}});
}

ChunkFit FitChunk(int64_t size_bytes, int64_t received, int64_t offset,
                  std::string_view data,
                  const std::optional<std::string>& held) {
  const auto length = static_cast<int64_t>(data.size());
  if (offset < received) {
    if (held && *held == data) return ChunkFit::kRetry;
    return ChunkFit::kConflict;
  }
  if (offset > received) return ChunkFit::kOutOfOrder;
  if (offset + length > size_bytes) return ChunkFit::kTooLarge;
  return ChunkFit::kAppend;
}

absl::Status ChunkRefusal(ChunkFit fit) {
  switch (fit) {
    case ChunkFit::kOutOfOrder:
      return MakeError(absl::StatusCode::kFailedPrecondition,
                       "CHUNK_OUT_OF_ORDER",
                       "the upload holds fewer bytes than this offset",
                       {{"offset", "CHUNK_OUT_OF_ORDER",
                         "send the bytes from received_bytes first"}});
    case ChunkFit::kConflict:
      return MakeError(absl::StatusCode::kFailedPrecondition, "CHUNK_CONFLICT",
                       "other bytes are held at this offset",
                       {{"offset", "CHUNK_CONFLICT",
                         "not the bytes already received here"}});
    case ChunkFit::kTooLarge:
      return MakeError(absl::StatusCode::kFailedPrecondition,
                       "DOCUMENT_TOO_LARGE",
                       "the bytes run past the declared size",
                       {{"data", "DOCUMENT_TOO_LARGE",
                         "past the size given when the upload started"}});
    default:
      return absl::OkStatus();
  }
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace grants::documents
