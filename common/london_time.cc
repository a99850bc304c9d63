// Europe/London conversions, through abseil's tz database reader (the
// system's /usr/share/zoneinfo, from Debian's tzdata).
#include "common/london_time.h"

#include <cstdio>
#include <cstdlib>

#include "absl/time/civil_time.h"
#include "common/status.h"

namespace grants {
namespace {

const absl::TimeZone& London() {
  static const absl::TimeZone tz = [] {
    absl::TimeZone z;
    if (!absl::LoadTimeZone("Europe/London", &z)) {
      std::fprintf(stderr,
                   "fatal: time zone Europe/London not found "
                   "(install the tzdata package)\n");
      std::abort();
    }
    return z;
  }();
  return tz;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

absl::StatusOr<absl::Time> ParseLondonLocal(std::string_view field,
                                            std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  bool shape =
      (text.size() == 16 || text.size() == 19) && text[4] == '-' &&
      text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
      Digits(text, 0, 4, &y) && Digits(text, 5, 2, &mo) &&
      Digits(text, 8, 2, &d) && Digits(text, 11, 2, &h) &&
      Digits(text, 14, 2, &mi) &&
      (text.size() == 16 || (text[16] == ':' && Digits(text, 17, 2, &s)));
  absl::CivilSecond cs(y, mo, d, h, mi, s);
  if (!shape || cs.year() != y || cs.month() != mo || cs.day() != d ||
      cs.hour() != h || cs.minute() != mi || cs.second() != s) {
    return InvalidField(field, "LOCAL_TIME_INVALID",
                        "must be a London local time YYYY-MM-DDTHH:MM[:SS]");
  }
  absl::TimeZone::TimeInfo info = London().At(cs);
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::UNIQUE:
      return info.pre;
    case absl::TimeZone::TimeInfo::SKIPPED:
      return InvalidField(field, "LOCAL_TIME_NONEXISTENT",
                          "does not exist in London (clocks go forward); "
                          "choose a time outside 01:00-02:00");
    case absl::TimeZone::TimeInfo::REPEATED:
      return InvalidField(field, "LOCAL_TIME_AMBIGUOUS",
                          "happens twice in London (clocks go back); "
                          "choose a time outside 01:00-02:00");
  }
  return InvalidField(field, "LOCAL_TIME_INVALID", "is not a valid time");
}

std::string FormatLondon(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, London());
}

std::string FormatLondonMinute(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M", t, London());
}

std::string FormatUtc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone());
}

std::string LondonDate(absl::Time t) { return FormatLondon(t).substr(0, 10); }

}  // namespace grants
