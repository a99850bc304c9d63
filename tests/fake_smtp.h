// A minimal SMTP relay on a loopback port for the outbox's tests: it speaks
// just enough of RFC 5321 for libcurl (EHLO, MAIL, RCPT, DATA, QUIT),
// records what it accepts, and can be told to defer or reject recipients.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace grants::testing {

class FakeSmtp {
 public:
  struct Mail {
    std::string from;  // the envelope sender, "<a@b>"
    std::string to;    // the envelope recipient
    std::string data;  // the message, dot-stuffing undone
  };

  FakeSmtp();
  ~FakeSmtp();

  // smtp://127.0.0.1:<port>
  std::string url() const;
  // The reply to RCPT: "250 OK" (default), e.g. "451 try later" or
  // "550 no such mailbox".
  void set_rcpt_reply(const std::string& reply);
  std::vector<Mail> mails() const;

 private:
  void Serve();
  void Converse(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::string rcpt_reply_ = "250 OK";
  std::vector<Mail> mails_;
  std::thread thread_;
};

}  // namespace grants::testing
