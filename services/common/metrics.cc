// prometheus-cpp wiring for Metrics.
#include "services/common/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <vector>

namespace grants {

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry =
      std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& calls =
      prometheus::BuildCounter()
          .Name("grants_rpc_calls_total")
          .Help("RPCs finished, by method and status code")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram()
          .Name("grants_rpc_latency_seconds")
          .Help("RPC latency, by method")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& errors =
      prometheus::BuildCounter()
          .Name("grants_rpc_errors_total")
          .Help("RPC errors, by stable reason")
          .Register(*registry);
  prometheus::Gauge& pool_in_use =
      prometheus::BuildGauge()
          .Name("grants_db_pool_in_use")
          .Help("Database connections currently leased")
          .Register(*registry)
          .Add({});
  std::unique_ptr<prometheus::Exposer> exposer;
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::Serve(const std::string& listen) {
  impl_->exposer = std::make_unique<prometheus::Exposer>(listen);
  impl_->exposer->RegisterCollectable(impl_->registry);
}

int Metrics::port() const {
  if (!impl_->exposer) return 0;
  std::vector<int> ports = impl_->exposer->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

void Metrics::ObserveCall(std::string_view method, std::string_view code,
                          std::string_view reason, double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  std::string m(method);
  impl_->calls.Add({{"method", m}, {"code", std::string(code)}}).Increment();
  impl_->latency.Add({{"method", m}}, kBuckets).Observe(seconds);
  if (!reason.empty())
    impl_->errors.Add({{"reason", std::string(reason)}}).Increment();
}

void Metrics::SetPoolInUse(int n) { impl_->pool_in_use.Set(n); }

}  // namespace grants
