// What erasure leaves of the words a group's people wrote (issue #15):
// amounts, counts, codes and dates stay, so the books, the reach figures
// and the published grant records do not change; free text goes.
#pragma once

#include "grants/v1/applications.pb.h"
#include "grants/v1/monitoring.pb.h"

namespace grants::organisations {

// The text erased values are replaced with.
inline constexpr char kErased[] = "[erased]";

// An application's content without its people's words: the planned
// activities, every answer and budget line description. Its project summary
// stays when the grant was `published` (it is the grant's description in
// the 360Giving export), else it goes too.
v1::ApplicationContent ErasedContent(v1::ApplicationContent content,
                                     bool published);

// A monitoring report without its activities and story; every number and
// breakdown stays.
v1::ReportContent ErasedReport(v1::ReportContent report);

}  // namespace grants::organisations
