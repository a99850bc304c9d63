// clamd's protocol: a "z"-prefixed command ending in NUL; INSTREAM then
// takes chunks, each a 4-byte big-endian length and the bytes, ended by a
// zero length; the reply ends in NUL.
#include "services/documents/clamd_scanner.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/status.h"

namespace grants::documents {
namespace {

constexpr size_t kStreamChunk = 64 * 1024;

absl::Status Unavailable(std::string_view detail) {
  return MakeError(
      absl::StatusCode::kUnavailable, "SCANNER_UNAVAILABLE",
      "the virus scanner cannot be reached; try again: " + std::string(detail));
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

void SetTimeouts(int fd, absl::Duration timeout) {
  timeval tv = absl::ToTimeval(timeout);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

absl::StatusOr<int> Connect(const std::string& address,
                            absl::Duration timeout) {
  if (address.empty()) return Unavailable("no scanner configured");
  if (address.front() == '/') {
    sockaddr_un sa{};
    if (address.size() >= sizeof sa.sun_path)
      return Unavailable("socket path too long");
    sa.sun_family = AF_UNIX;
    std::memcpy(sa.sun_path, address.c_str(), address.size() + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return Unavailable(std::strerror(errno));
    SetTimeouts(fd, timeout);
    if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
      int err = errno;
      close(fd);
      return Unavailable(std::strerror(err));
    }
    return fd;
  }
  auto colon = address.rfind(':');
  if (colon == std::string::npos) return Unavailable("address needs a port");
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(address.substr(0, colon).c_str(),
                  address.substr(colon + 1).c_str(), &hints, &found) != 0)
    return Unavailable("cannot resolve the scanner's host");
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    SetTimeouts(fd, timeout);
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) return Unavailable("cannot connect");
  return fd;
}

bool SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string BigEndian32(uint32_t n) {
  return {static_cast<char>(n >> 24), static_cast<char>(n >> 16),
          static_cast<char>(n >> 8), static_cast<char>(n)};
}

}  // namespace

absl::StatusOr<ScanVerdict> ParseScanReply(std::string_view reply) {
  if (!reply.empty() && reply.back() == '\n') reply.remove_suffix(1);
  constexpr std::string_view kPrefix = "stream: ", kFound = " FOUND";
  if (!reply.starts_with(kPrefix)) return Unavailable("unexpected reply");
  reply.remove_prefix(kPrefix.size());
  if (reply == "OK") return ScanVerdict{};
  if (reply.ends_with(kFound) && reply.size() > kFound.size())
    return ScanVerdict{.infected = true,
                       .signature = std::string(
                           reply.substr(0, reply.size() - kFound.size()))};
  return Unavailable("the scan did not finish");
}

absl::StatusOr<std::string> ClamdScanner::Exchange(
    std::string_view command, std::string_view stream) const {
  ASSIGN_OR_RETURN(int raw, Connect(address_, timeout_));
  Socket s(raw);
  std::string head = "z" + std::string(command) + '\0';
  if (!SendAll(s.fd(), head)) return Unavailable("send failed");
  if (command == "INSTREAM") {
    for (size_t at = 0; at < stream.size(); at += kStreamChunk) {
      std::string_view piece = stream.substr(at, kStreamChunk);
      if (!SendAll(s.fd(), BigEndian32(static_cast<uint32_t>(piece.size()))) ||
          !SendAll(s.fd(), piece))
        return Unavailable("send failed");
    }
    if (!SendAll(s.fd(), BigEndian32(0))) return Unavailable("send failed");
  }
  std::string reply;
  char buf[512];
  while (reply.size() < 4096) {
    ssize_t n = recv(s.fd(), buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reply.append(buf, static_cast<size_t>(n));
    if (reply.find('\0') != std::string::npos) break;
  }
  auto nul = reply.find('\0');
  if (nul == std::string::npos) return Unavailable("no reply");
  reply.resize(nul);
  return reply;
}

absl::StatusOr<ScanVerdict> ClamdScanner::Scan(std::string_view data) const {
  ASSIGN_OR_RETURN(std::string reply, Exchange("INSTREAM", data));
  ASSIGN_OR_RETURN(ScanVerdict verdict, ParseScanReply(reply));
  // Which engine and signatures gave the verdict, for the record.
  auto version = Exchange("VERSION", "");
  verdict.engine = version.ok() ? *version : "ClamAV";
  return verdict;
}

}  // namespace grants::documents
