// Prometheus metrics of the server: calls and latency per method, errors by
// reason, connections in use. Exposed on a loopback port by prometheus-cpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace prometheus {
class Exposer;
class Registry;
}  // namespace prometheus

namespace grants {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  // Starts serving /metrics on `listen` ("127.0.0.1:9464"). Throws
  // std::runtime_error when the port cannot be bound.
  void Serve(const std::string& listen);
  // The port /metrics is served on (useful with "127.0.0.1:0"); 0 before
  // Serve.
  int port() const;
  // Records one finished call.
  void ObserveCall(std::string_view method, std::string_view code,
                   std::string_view reason, double seconds);
  void SetPoolInUse(int n);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace grants
