// A file's type read from its content (libmagic), never from its name.
#pragma once

#include <string>
#include <string_view>

namespace grants::documents {

// The MIME type libmagic reads from `data`, e.g. "application/pdf";
// "application/octet-stream" when it cannot tell.
std::string DetectContentType(std::string_view data);

}  // namespace grants::documents
