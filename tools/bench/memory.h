// Resident memory of a process (this one or grantsd), read from /proc, and
// its high-water mark reset before a run so the peak is the run's own.
#pragma once

#include <optional>
#include <string>

namespace grants::bench {

// Resident set sizes in MiB, from /proc/<pid>/status.
struct Rss {
  double now_mib = 0;   // VmRSS
  double peak_mib = 0;  // VmHWM, since the last ResetPeak
};

// What a run did to a process's memory: its RSS before, and the peak.
struct RssGrowth {
  Rss before, after;
  double growth_mib() const { return after.peak_mib - before.now_mib; }
  // "rss before 12.3 MiB, peak 45.6 MiB (+33.3 MiB)".
  std::string Line() const;
};

// /proc/<pid>/status's figures; pid 0 means this process. nullopt when the
// process is gone or the file cannot be read.
std::optional<Rss> ReadRss(int pid);

// Resets the process's VmHWM to its current RSS by writing "5" to
// /proc/<pid>/clear_refs (the caller must own the process); pid 0 means this
// process. Returns whether it could.
bool ResetPeak(int pid);

}  // namespace grants::bench
