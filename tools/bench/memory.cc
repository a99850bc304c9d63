// Peak RSS through /proc: clear_refs resets VmHWM (Linux 4.0+).
#include "tools/bench/memory.h"

#include <fmt/format.h>

#include <fstream>

namespace grants::bench {
namespace {

std::string ProcFile(int pid, const char* name) {
  return fmt::format("/proc/{}/{}", pid == 0 ? "self" : std::to_string(pid),
                     name);
}

}  // namespace

std::string RssGrowth::Line() const {
  return fmt::format("rss before {:.1f} MiB, peak {:.1f} MiB ({:+.1f} MiB)",
                     before.now_mib, after.peak_mib, growth_mib());
}

std::optional<Rss> ReadRss(int pid) {
  std::ifstream in(ProcFile(pid, "status"));
  Rss rss;
  int found = 0;
  for (std::string line; std::getline(in, line);) {
    // "VmHWM:     1972 kB"
    double* field = line.rfind("VmRSS:", 0) == 0   ? &rss.now_mib
                    : line.rfind("VmHWM:", 0) == 0 ? &rss.peak_mib
                                                   : nullptr;
    if (field == nullptr) continue;
    *field = std::stod(line.substr(6)) / 1024;
    ++found;
  }
  if (found != 2) return std::nullopt;
  return rss;
}

bool ResetPeak(int pid) {
  std::ofstream out(ProcFile(pid, "clear_refs"));
  out << "5";
  out.flush();
  return out.good();
}

}  // namespace grants::bench
