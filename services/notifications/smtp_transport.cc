// The SMTP relay transport, through libcurl: one connection per message
// (the outbox sends a handful a minute), STARTTLS unless the settings say
// the relay is local.
#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "services/notifications/transport.h"

namespace grants::notifications {
namespace {

// "Name <a@b>" -> "<a@b>"; "a@b" -> "<a@b>" (the envelope form).
std::string EnvelopeAddress(const std::string& address) {
  size_t open = address.find('<');
  size_t close = address.find('>', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos)
    return address.substr(open, close - open + 1);
  return "<" + address + ">";
}

// libcurl reads the message through this.
struct Upload {
  const std::string* text;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * count, up->text->size() - up->offset);
  std::memcpy(buffer, up->text->data() + up->offset, n);
  up->offset += n;
  return n;
}

// A 55x reply to MAIL, RCPT or DATA: the relay will never take it.
bool Permanent(long reply) { return reply >= 550 && reply <= 554; }

class SmtpTransport : public Transport {
 public:
  SmtpTransport(SmtpSettings settings, std::string from)
      : settings_(std::move(settings)), from_(EnvelopeAddress(from)) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Handover Deliver(const Outgoing& n, const std::string& email) override {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(
        curl_easy_init(), curl_easy_cleanup);
    if (!curl) return Handover::Retry("smtp: cannot start libcurl");
    std::string rcpt = EnvelopeAddress(n.recipient);
    curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
    Upload upload{&email};
    char detail[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL, settings_.require_tls
                                             ? CURLUSESSL_ALL
                                             : CURLUSESSL_NONE);
    if (!settings_.ca_file.empty())
      curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
    if (!settings_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, settings_.timeout_seconds);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    CURLcode done = curl_easy_perform(c);
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    curl_slist_free_all(rcpts);
    if (done == CURLE_OK) return Handover::Delivered();
    std::string why = "smtp " + std::to_string(reply) + ": " +
                      (detail[0] ? detail : curl_easy_strerror(done));
    return Permanent(reply) ? Handover::Rejected(why) : Handover::Retry(why);
  }

 private:
  SmtpSettings settings_;
  std::string from_;
};

}  // namespace

std::unique_ptr<Transport> MakeSmtpTransport(SmtpSettings settings,
                                             std::string from) {
  return std::make_unique<SmtpTransport>(std::move(settings), std::move(from));
}

}  // namespace grants::notifications
