#include "tests/fake_smtp.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace grants::testing {
namespace {

// Reads one CRLF-terminated line (without it) from `fd` through `buffer`;
// false when the peer closed.
bool ReadLine(int fd, std::string& buffer, std::string* line) {
  for (;;) {
    size_t end = buffer.find("\r\n");
    if (end != std::string::npos) {
      *line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      return true;
    }
    char chunk[4096];
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
}

void Reply(int fd, const std::string& text) {
  std::string line = text + "\r\n";
  (void)!::write(fd, line.data(), line.size());
}

// "MAIL FROM:<a@b> SIZE=12" -> "<a@b>".
std::string PathOf(const std::string& command) {
  size_t open = command.find('<');
  size_t close = command.find('>', open);
  return open == std::string::npos || close == std::string::npos
             ? ""
             : command.substr(open, close - open + 1);
}

}  // namespace

FakeSmtp::FakeSmtp() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 ||
      ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(listen_fd_, 8) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("fake SMTP relay: cannot listen");
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread(&FakeSmtp::Serve, this);
}

FakeSmtp::~FakeSmtp() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::string FakeSmtp::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

void FakeSmtp::set_rcpt_reply(const std::string& reply) {
  std::lock_guard lock(mu_);
  rcpt_reply_ = reply;
}

std::vector<FakeSmtp::Mail> FakeSmtp::mails() const {
  std::lock_guard lock(mu_);
  return mails_;
}

void FakeSmtp::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Converse(fd);
    ::close(fd);
  }
}

void FakeSmtp::Converse(int fd) {
  std::string buffer, line;
  Mail mail;
  Reply(fd, "220 fake-relay ESMTP");
  while (ReadLine(fd, buffer, &line)) {
    std::string verb = line.substr(0, 4);
    if (verb == "EHLO" || verb == "HELO") {
      Reply(fd, "250 fake-relay");
    } else if (verb == "MAIL") {
      mail = Mail{PathOf(line), "", ""};
      Reply(fd, "250 OK");
    } else if (verb == "RCPT") {
      std::lock_guard lock(mu_);
      mail.to = PathOf(line);
      Reply(fd, rcpt_reply_);
    } else if (verb == "DATA") {
      Reply(fd, "354 end with <CRLF>.<CRLF>");
      while (ReadLine(fd, buffer, &line) && line != ".")
        mail.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
      std::lock_guard lock(mu_);
      mails_.push_back(mail);
      Reply(fd, "250 queued");
    } else if (verb == "QUIT") {
      Reply(fd, "221 bye");
      return;
    } else {
      Reply(fd, verb == "RSET" || verb == "NOOP" ? "250 OK" : "502 unknown");
    }
  }
}

}  // namespace grants::testing
