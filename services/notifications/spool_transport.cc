// The spool directory transport.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "services/notifications/transport.h"

namespace grants::notifications {
namespace {

// Writes `text` to `path` durably: a temporary file, fsync, rename.
// Returns "" or the error.
std::string WriteDurably(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return std::string("open: ") + std::strerror(errno);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string error = std::string("write: ") + std::strerror(errno);
      ::close(fd);
      return error;
    }
    done += static_cast<size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return std::string("fsync: ") + std::strerror(errno);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return std::string("rename: ") + std::strerror(errno);
  return "";
}

class SpoolTransport : public Transport {
 public:
  explicit SpoolTransport(std::string dir) : dir_(std::move(dir)) {}

  Handover Deliver(const Outgoing& n, const std::string& email) override {
    std::string error = WriteDurably(dir_ + "/" + n.id + ".eml", email);
    return error.empty() ? Handover::Delivered() : Handover::Retry(error);
  }

 private:
  std::string dir_;
};

}  // namespace

std::unique_ptr<Transport> MakeSpoolTransport(std::string dir) {
  return std::make_unique<SpoolTransport>(std::move(dir));
}

}  // namespace grants::notifications
