// Funder-facing charts as standalone SVG documents: a London borough tile map
// and community bars.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace grants::ctl {

// Heading and size shared by every chart.
struct ChartOptions {
  // Says which measure the chart shows, e.g. "People supported directly,
  // by borough".
  std::string title;
  std::string
      caption;  // e.g. "People supported directly, EUSS outreach, 2019-2021"
  int width = 640;  // pixels; widths below 320 are drawn at 320
  // The colour legend's heading: the measure the shades count.
  std::string legend_title = "People";
};

// One borough's count as published. A suppressed count is drawn hatched and
// labelled "<5" (a count from 1 to 4), or "[c]" when `complementary` (hidden
// only to protect another figure: its size is not said); `people` is then
// never written into the document.
struct AreaCount {
  int64_t people = 0;
  bool suppressed = false;
  bool complementary = false;
};

// Returns an SVG document: London's 33 local authorities as squares on an
// 8 x 7 grid that follows geography (Enfield top, Hillingdon west, Havering
// east, Sutton bottom). Each square is shaded on a 5-step light-to-dark scale
// set by the largest unsuppressed count; 0 is grey, a borough missing from
// `people_by_gss` is drawn with a dashed outline and "no data". Keys are GSS
// codes (E09000001..E09000033); other keys are ignored. Every square carries
// a <title> with the borough's full name and value, and a legend follows the
// grid.
std::string BoroughTileMap(
    const std::map<std::string, AreaCount>& people_by_gss,
    const ChartOptions& options);

// The same, for counts with nothing suppressed.
std::string BoroughTileMap(const std::map<std::string, int64_t>& people_by_gss,
                           const ChartOptions& options);

// People supported in one community against its target.
struct CommunityBar {
  std::string code;   // e.g. "roma"
  std::string label;  // e.g. "Roma & Sinti"
  int64_t actual = 0;
  int64_t target = 0;  // 0 means no target: no marker and no percentage
  bool suppressed =
      false;  // as AreaCount: shown as "<5", `actual` never written
  bool complementary = false;  // as AreaCount: "[c]" instead of "<5"
};

// Returns an SVG document with one horizontal bar per community, in the order
// given: the bar is `actual`, a red line marks `target`, and the text reads
// "actual of target (percent%)". An empty list gives a document that says
// there is no data.
std::string CommunityBars(const std::vector<CommunityBar>& bars,
                          const ChartOptions& options);

// Escapes & < > " ' for XML text and attribute values, and drops control
// characters that XML 1.0 does not allow.
std::string XmlEscape(std::string_view text);

}  // namespace grants::ctl
