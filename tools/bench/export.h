// The 360Giving export benchmark: every page of ExportGrants streamed into a
// package file over gRPC, beside the same pages read in-process, with the
// peak memory of the client and of grantsd, at growing numbers of awards.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tools/bench/common.h"
#include "tools/bench/latency.h"

namespace grants::bench {

struct ExportOptions {
  std::vector<int64_t> sizes = {10'000, 100'000};  // exportable awards
  int64_t batch = 50'000;  // awards seeded per batch (two transactions)
  int page_size = 500;     // as grantsctl asks
  int server_pid = 0;      // grantsd, for its peak RSS (0: not measured)
  // tests/validate_360giving.py and the 360Giving schema directory: the
  // last size's gRPC package is validated when both are set.
  std::string validator, schema_dir;
};

// Sets up a pooled programme (reach_seed.h), then at each size: seeds up to
// it (awards accepted, active or terminated, with paid and scheduled
// instalments), VACUUM ANALYZE, and streams the programme's export into a
// temporary package file three ways: over gRPC (TLS, officer token, one
// client, ExportGrants page by page, as grantsctl does); through
// monitoring::ExportService in-process; and as the raw-SQL baseline,
// storage::export_repo::Page through libpqxx mapped by reach::ToGrantText.
// Prints time, grants/s, page latency, file size and the RSS growth of this
// process and of grantsd in each, and the ratio gRPC/raw. Returns whether
// every run wrote exactly the seeded awards (and the package validated).
bool RunExport(const Target& t, const ExportOptions& o);

}  // namespace grants::bench
