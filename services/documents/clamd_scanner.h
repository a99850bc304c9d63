// Asks ClamAV's daemon (clamd) whether a file carries a known signature,
// with its INSTREAM command over a Unix socket or TCP.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace grants::documents {

struct ScanVerdict {
  bool infected = false;
  std::string signature;  // e.g. "Eicar-Test-Signature", when infected
  std::string engine;     // e.g. "ClamAV 1.4.6/27480/..."
};

class Scanner {
 public:
  virtual ~Scanner() = default;
  // UNAVAILABLE SCANNER_UNAVAILABLE when no verdict could be had.
  virtual absl::StatusOr<ScanVerdict> Scan(std::string_view data) const = 0;
};

class ClamdScanner final : public Scanner {
 public:
  // `address`: a Unix socket's path ("/run/clamav/clamd.ctl") or
  // "host:port". Each exchange gives up after `timeout`.
  ClamdScanner(std::string address, absl::Duration timeout)
      : address_(std::move(address)), timeout_(timeout) {}
  absl::StatusOr<ScanVerdict> Scan(std::string_view data) const override;

 private:
  // One command's reply (up to its NUL), on a fresh connection.
  absl::StatusOr<std::string> Exchange(std::string_view command,
                                       std::string_view stream) const;
  std::string address_;
  absl::Duration timeout_;
};

// clamd's reply to INSTREAM, read: "stream: OK", "stream: <name> FOUND";
// anything else (e.g. "INSTREAM size limit exceeded. ERROR") is an error.
absl::StatusOr<ScanVerdict> ParseScanReply(std::string_view reply);

}  // namespace grants::documents
