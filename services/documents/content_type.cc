// One libmagic handle, loaded once with the system's magic database; a
// handle is not safe to use from two threads at once, so calls take turns.
#include "services/documents/content_type.h"

#include <magic.h>

#include <mutex>

namespace grants::documents {

std::string DetectContentType(std::string_view data) {
  static std::mutex mu;
  static magic_t cookie = [] {
    magic_t c = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
                           MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_TAR);
    if (c && magic_load(c, nullptr) != 0) {
      magic_close(c);
      c = nullptr;
    }
    return c;
  }();
  std::lock_guard<std::mutex> lock(mu);
  const char* type =
      cookie ? magic_buffer(cookie, data.data(), data.size()) : nullptr;
  return type ? type : "application/octet-stream";
}

}  // namespace grants::documents
