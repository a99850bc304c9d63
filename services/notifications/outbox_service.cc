// Reminder sweep and spool dispatcher.
#include "services/notifications/outbox_service.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "services/common/caller.h"
#include "services/common/london_time.h"
#include "services/notifications/message.h"
#include "storage/notification_repository.h"
#include "storage/transaction.h"

namespace grants::notifications {
namespace repo = storage::notification_repo;
using storage::Tx;

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

RequestContext SystemContext(const char* method, absl::Time now) {
  return {{"grantsd-outbox", Role::kOfficer, "", ""},
          method,
          "",
          "",
          "grantsd",
          now};
}

}  // namespace

absl::StatusOr<std::vector<std::string>> OutboxService::SweepReminders(
    absl::Time now) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<std::string>> {
        std::vector<std::string> ids =
            repo::SweepReminders(tx, LondonDate(now), now);
        if (!ids.empty())
          audit_.Record(tx, SystemContext("SweepReminders", now),
                        {"notification_sweep", LondonDate(now),
                         nlohmann::json{{"queued", ids}}.dump()});
        return ids;
      });
}

absl::StatusOr<int> OutboxService::DeliverPending(absl::Time now, int limit) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) -> absl::StatusOr<int> {
    int delivered = 0;
    for (const Outgoing& n : repo::Claim(tx, limit)) {
      std::string error =
          WriteDurably(spool_dir_ + "/" + n.id + ".eml", RenderEmail(n, from_));
      repo::Mark(tx, n.id, error, now);
      delivered += error.empty() ? 1 : 0;
    }
    return delivered;
  });
}

}  // namespace grants::notifications
