// SVG chart rendering: borough tile map and community bars, pure string
// building.
#include "clients/grantsctl/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

#include "common/reference_data.h"

namespace grants::ctl {
namespace {

constexpr int kMargin = 16;
constexpr int kMinWidth = 320;
constexpr int kHeadingHeight = 60;  // title and caption above the chart body
constexpr std::string_view kSuppressedText = "<5";
constexpr std::string_view kComplementaryText = "[c]";
constexpr std::string_view kComplementaryWords =
    "hidden to protect other figures";

// "<5" for a small count, "[c]" for one hidden to protect another.
template <typename Count>
std::string HiddenText(const Count& c) {
  return std::string(c.complementary ? kComplementaryText : kSuppressedText);
}
// Light to dark (ColorBrewer Blues); text turns white from kFirstDarkStep.
constexpr std::array<std::string_view, 5> kSteps = {
    "#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#08306b"};
constexpr int kFirstDarkStep = 3;
constexpr std::string_view kZeroFill = "#e0e0e0";
constexpr std::string_view kNoDataFill = "#fafafa";
constexpr std::string_view kInk = "#1a1a1a";

// Where each authority sits on the 8 x 7 grid, with its 3-letter label.
struct TileSpot {
  std::string_view gss;
  std::string_view abbreviation;
  int column;
  int row;
};
constexpr int kGridColumns = 8;
constexpr int kGridRows = 7;
constexpr std::array<TileSpot, 33> kTiles = {{
    {"E09000010", "ENF", 4, 0}, {"E09000003", "BAR", 3, 1},
    {"E09000014", "HGY", 4, 1}, {"E09000031", "WFR", 5, 1},
    {"E09000015", "HRW", 1, 2}, {"E09000005", "BRN", 2, 2},
    {"E09000007", "CMD", 3, 2}, {"E09000019", "ISL", 4, 2},
    {"E09000012", "HCK", 5, 2}, {"E09000026", "RDB", 6, 2},
    {"E09000016", "HAV", 7, 2}, {"E09000017", "HIL", 0, 3},
    {"E09000009", "EAL", 1, 3}, {"E09000020", "KNS", 2, 3},
    {"E09000033", "WST", 3, 3}, {"E09000001", "CTY", 4, 3},
    {"E09000030", "TWH", 5, 3}, {"E09000025", "NWM", 6, 3},
    {"E09000002", "BKD", 7, 3}, {"E09000018", "HNS", 1, 4},
    {"E09000013", "HMS", 2, 4}, {"E09000022", "LAM", 3, 4},
    {"E09000028", "SWK", 4, 4}, {"E09000023", "LSH", 5, 4},
    {"E09000011", "GRN", 6, 4}, {"E09000004", "BXL", 7, 4},
    {"E09000027", "RCH", 1, 5}, {"E09000032", "WND", 2, 5},
    {"E09000024", "MRT", 3, 5}, {"E09000008", "CRY", 4, 5},
    {"E09000006", "BRM", 5, 5}, {"E09000021", "KNG", 2, 6},
    {"E09000029", "STN", 3, 6},
}};

using Out = std::back_insert_iterator<std::string>;

std::string FormatCount(int64_t n) {
  std::string digits =
      std::to_string(n < 0 ? -(n + 1) + 1ULL : static_cast<uint64_t>(n));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(i, ",");
  return n < 0 ? "-" + digits : digits;
}

std::string_view BoroughName(std::string_view gss) {
  for (const Borough& b : LondonBoroughs())
    if (b.gss == gss) return b.name;
  return gss;
}

// Opens the document: accessible name and description, the hatch pattern,
// and the visible heading. Both title and caption come from callers' data.
void WriteDocumentStart(std::string& svg, const ChartOptions& options,
                        int width, int height, std::string_view description) {
  Out out(svg);
  fmt::format_to(
      out,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-labelledby=\"chart-title "
      "chart-desc\" "
      "font-family=\"Helvetica, Arial, sans-serif\">\n"
      "<title id=\"chart-title\">{2}</title>\n<desc "
      "id=\"chart-desc\">{3}</desc>\n",
      width, height, XmlEscape(options.title), XmlEscape(description));
  fmt::format_to(
      out,
      "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      "<rect width=\"6\" height=\"6\" fill=\"#f0f0f0\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#969696\" "
      "stroke-width=\"2\"/></pattern></defs>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
  fmt::format_to(
      out,
      "<text x=\"{0}\" y=\"{1}\" font-size=\"18\" font-weight=\"bold\" "
      "fill=\"{2}\">{3}</text>\n"
      "<text x=\"{0}\" y=\"{4}\" font-size=\"13\" "
      "fill=\"#525252\">{5}</text>\n",
      kMargin, kMargin + 18, kInk, XmlEscape(options.title), kMargin + 40,
      XmlEscape(options.caption));
}

// The largest value in step `step` (0-based) when the scale tops out at `max`:
// floor(max * (step + 1) / 5), computed without overflow.
int64_t StepUpper(int64_t max, int step) {
  const int64_t n = static_cast<int64_t>(kSteps.size());
  return max / n * (step + 1) + max % n * (step + 1) / n;
}

int StepOf(int64_t value, int64_t max) {
  for (int step = 0; step + 1 < static_cast<int>(kSteps.size()); ++step)
    if (value <= StepUpper(max, step)) return step;
  return static_cast<int>(kSteps.size()) - 1;
}

struct TileLook {
  std::string fill;
  std::string text_colour;
  std::string value;    // shown under the abbreviation
  std::string tooltip;  // after the borough name
  bool dashed = false;
};

TileLook LookFor(const AreaCount* count, int64_t max) {
  if (count == nullptr)
    return {std::string(kNoDataFill), "#737373", "–", "no data", true};
  if (count->suppressed)
    return {"url(#hatch)", std::string(kInk), HiddenText(*count),
            count->complementary ? std::string(kComplementaryWords)
                                 : "fewer than 5 people (suppressed)"};
  if (count->people <= 0)
    return {std::string(kZeroFill), std::string(kInk), "0", "0 people"};
  const int step = StepOf(count->people, max);
  const std::string value = FormatCount(count->people);
  return {std::string(kSteps[step]),
          step >= kFirstDarkStep ? "#ffffff" : std::string(kInk), value,
          value + (count->people == 1 ? " person" : " people")};
}

void WriteTile(std::string& svg, const TileSpot& spot, const TileLook& look,
               int cell) {
  const int x = kMargin + spot.column * cell;
  const int y = kMargin + kHeadingHeight + spot.row * cell;
  const int size = cell - 4;
  const std::string name = XmlEscape(BoroughName(spot.gss));
  fmt::format_to(
      Out(svg),
      "<g class=\"tile\" data-gss=\"{0}\"><title>{1}: {2}</title>"
      "<rect x=\"{3}\" y=\"{4}\" width=\"{5}\" height=\"{5}\" rx=\"3\" "
      "fill=\"{6}\"{7}/>"
      "<text x=\"{8}\" y=\"{9}\" text-anchor=\"middle\" font-size=\"12\" "
      "font-weight=\"bold\" fill=\"{10}\">{11}</text>"
      "<text x=\"{8}\" y=\"{12}\" text-anchor=\"middle\" font-size=\"11\" "
      "fill=\"{10}\">{13}</text></g>\n",
      spot.gss, name, XmlEscape(look.tooltip), x, y, size, look.fill,
      look.dashed ? " stroke=\"#969696\" stroke-dasharray=\"3 2\"" : "",
      x + size / 2, y + size / 2 - 2, look.text_colour, spot.abbreviation,
      y + size / 2 + 13, XmlEscape(look.value));
}

struct LegendItem {
  std::string fill;
  std::string label;
  bool dashed = false;
};

std::vector<LegendItem> TileLegendItems(int64_t max) {
  std::vector<LegendItem> items;
  int64_t lower = 1;
  for (int step = 0; step < static_cast<int>(kSteps.size()); ++step) {
    const int64_t upper = StepUpper(max, step);
    if (upper >= lower)
      items.push_back({std::string(kSteps[step]),
                       lower == upper
                           ? FormatCount(upper)
                           : FormatCount(lower) + "–" + FormatCount(upper)});
    lower = std::max(lower, upper + 1);
  }
  items.push_back({std::string(kZeroFill), "0"});
  items.push_back({"url(#hatch)", "<5 (suppressed)"});
  items.push_back({"url(#hatch)", "[c] (hidden to protect others)"});
  items.push_back({std::string(kNoDataFill), "no data", true});
  return items;
}

constexpr int kLegendColumns = 4;
constexpr int kLegendRowHeight = 22;

int LegendHeight(size_t items) {
  return 20 + static_cast<int>((items + kLegendColumns - 1) / kLegendColumns) *
                  kLegendRowHeight;
}

void WriteLegend(std::string& svg, const std::vector<LegendItem>& items,
                 int top, int width, std::string_view title) {
  Out out(svg);
  fmt::format_to(out,
                 "<g class=\"legend\"><text x=\"{}\" y=\"{}\" font-size=\"12\" "
                 "font-weight=\"bold\" fill=\"{}\">{}</text>\n",
                 kMargin, top + 12, kInk, XmlEscape(title));
  const int column_width = (width - 2 * kMargin) / kLegendColumns;
  for (size_t i = 0; i < items.size(); ++i) {
    const int x = kMargin + static_cast<int>(i % kLegendColumns) * column_width;
    const int y =
        top + 20 + static_cast<int>(i / kLegendColumns) * kLegendRowHeight;
    fmt::format_to(
        out,
        "<rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" "
        "fill=\"{}\" stroke=\"#969696\"{}/><text x=\"{}\" y=\"{}\" "
        "font-size=\"11\" "
        "fill=\"{}\">{}</text>\n",
        x, y, items[i].fill, items[i].dashed ? " stroke-dasharray=\"3 2\"" : "",
        x + 20, y + 11, kInk, XmlEscape(items[i].label));
  }
  svg += "</g>\n";
}

// The key to the tiles' three-letter labels, alphabetical by label, in
// columns: "BAR Barnet".
constexpr int kKeyColumns = 3;
constexpr int kKeyRowHeight = 15;
int KeyHeight() {
  return 20 +
         static_cast<int>((kTiles.size() + kKeyColumns - 1) / kKeyColumns) *
             kKeyRowHeight;
}

void WriteBoroughKey(std::string& svg, int top, int width) {
  std::vector<const TileSpot*> spots;
  for (const TileSpot& spot : kTiles) spots.push_back(&spot);
  std::sort(spots.begin(), spots.end(), [](const auto* a, const auto* b) {
    return a->abbreviation < b->abbreviation;
  });
  const size_t rows = (spots.size() + kKeyColumns - 1) / kKeyColumns;
  const int column_width = (width - 2 * kMargin) / kKeyColumns;
  Out out(svg);
  fmt::format_to(out,
                 "<g class=\"key\"><text x=\"{}\" y=\"{}\" font-size=\"12\" "
                 "font-weight=\"bold\" fill=\"{}\">Key</text>\n",
                 kMargin, top + 12, kInk);
  for (size_t i = 0; i < spots.size(); ++i) {
    const int x = kMargin + static_cast<int>(i / rows) * column_width;
    const int y = top + 30 + static_cast<int>(i % rows) * kKeyRowHeight;
    fmt::format_to(out,
                   "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{}\">"
                   "<tspan font-weight=\"bold\">{}</tspan> {}</text>\n",
                   x, y, kInk, spots[i]->abbreviation,
                   XmlEscape(BoroughName(spots[i]->gss)));
  }
  svg += "</g>\n";
}

std::string TileMapDescription(const std::map<std::string, AreaCount>& counts,
                               int64_t max) {
  int suppressed = 0;
  int hidden = 0;
  int missing = 0;
  std::string_view top_name;
  for (const TileSpot& spot : kTiles) {
    auto it = counts.find(std::string(spot.gss));
    if (it == counts.end())
      ++missing;
    else if (it->second.suppressed && it->second.complementary)
      ++hidden;
    else if (it->second.suppressed)
      ++suppressed;
    else if (max > 0 && it->second.people == max && top_name.empty())
      top_name = BoroughName(spot.gss);
  }
  std::string text =
      "Tile map of London's 33 local authorities, one square each, shaded by "
      "number of "
      "people: darker squares mean more people.";
  if (!top_name.empty())
    text += fmt::format(" Highest: {}, {}.", top_name, FormatCount(max));
  text += fmt::format(" Suppressed (fewer than 5): {}.", suppressed);
  if (hidden > 0)
    text += fmt::format(" Hidden to protect other figures: {}.", hidden);
  text += fmt::format(" No data: {}.", missing);
  return text;
}

// Community bars: label column, bar area, then the numbers.
struct BarLayout {
  int label_right;
  int bar_left;
  int bar_width;
  int text_left;
  int64_t scale;  // the value drawn at the far end of the bar area
};
constexpr int kBarRowHeight = 30;
constexpr int kBarHeight = 14;
constexpr int kBarTextWidth = 130;
constexpr std::string_view kBarFill = "#2171b5";
constexpr std::string_view kTargetStroke = "#d7301f";

BarLayout LayOutBars(const std::vector<CommunityBar>& bars, int width) {
  int64_t scale = 1;
  for (const CommunityBar& bar : bars)
    scale =
        std::max({scale, bar.target, bar.suppressed ? int64_t{0} : bar.actual});
  const int inner = width - 2 * kMargin;
  const int label_width = inner * 3 / 10;
  const int bar_left = kMargin + label_width + 8;
  const int bar_width = inner - label_width - kBarTextWidth - 16;
  return {kMargin + label_width, bar_left, bar_width, bar_left + bar_width + 8,
          scale};
}

int BarX(const BarLayout& layout, int64_t value) {
  const long double share =
      static_cast<long double>(std::max<int64_t>(value, 0)) / layout.scale;
  return layout.bar_left +
         static_cast<int>(std::lround(share * layout.bar_width));
}

std::string PercentOfTarget(const CommunityBar& bar) {
  const long double share = static_cast<long double>(bar.actual) / bar.target;
  return fmt::format("{}%", std::llround(share * 100));
}

std::string BarNumbers(const CommunityBar& bar) {
  const std::string actual =
      bar.suppressed ? HiddenText(bar) : FormatCount(bar.actual);
  if (bar.target <= 0) return actual + " (no target)";
  if (bar.suppressed) return actual + " of " + FormatCount(bar.target);
  return fmt::format("{} of {} ({})", actual, FormatCount(bar.target),
                     PercentOfTarget(bar));
}

std::string BarTooltip(const CommunityBar& bar) {
  std::string text = bar.label + ": ";
  text += !bar.suppressed     ? FormatCount(bar.actual) + " people supported"
          : bar.complementary ? std::string(kComplementaryWords)
                              : "fewer than 5 people (suppressed)";
  if (bar.target <= 0) return text + ", no target";
  text += ", target " + FormatCount(bar.target);
  return bar.suppressed ? text
                        : text + ", " + PercentOfTarget(bar) + " of target";
}

// Shortens a label to `max_chars` code points so it cannot run into the
// heading's margin; the tooltip keeps the full label.
std::string FitLabel(const std::string& label, int max_chars) {
  int chars = 0;
  for (size_t i = 0; i < label.size(); ++i) {
    if ((static_cast<unsigned char>(label[i]) & 0xC0) == 0x80) continue;
    if (++chars > max_chars) return label.substr(0, i) + "…";
  }
  return label;
}

void WriteBarRow(std::string& svg, const CommunityBar& bar,
                 const BarLayout& layout, int top) {
  const int bar_y = top + (kBarRowHeight - kBarHeight) / 2;
  const int text_y = bar_y + kBarHeight - 3;
  const int max_chars = std::max(4, (layout.label_right - kMargin) / 7);
  // A "<5" bar reaches 4; a "[c]" one is a stub that claims no size.
  const int end = !bar.suppressed ? BarX(layout, bar.actual)
                  : bar.complementary
                      ? layout.bar_left + 10
                      : std::max(BarX(layout, 4), layout.bar_left + 10);
  Out out(svg);
  fmt::format_to(
      out,
      "<g class=\"bar\" data-code=\"{}\"><title>{}</title>"
      "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" "
      "fill=\"{}\">{}</text>"
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
      XmlEscape(bar.code), XmlEscape(BarTooltip(bar)), layout.label_right,
      text_y, kInk, XmlEscape(FitLabel(bar.label, max_chars)), layout.bar_left,
      bar_y, end - layout.bar_left, kBarHeight,
      bar.suppressed ? std::string("url(#hatch)") : std::string(kBarFill));
  if (bar.target > 0) {
    fmt::format_to(
        out,
        "<line class=\"target\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
        "stroke=\"{3}\" stroke-width=\"2\"/>",
        BarX(layout, bar.target), bar_y - 4, bar_y + kBarHeight + 4,
        kTargetStroke);
  }
  fmt::format_to(
      out,
      "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{}\">{}</text></g>\n",
      layout.text_left, text_y, kInk, XmlEscape(BarNumbers(bar)));
}

void WriteBarKey(std::string& svg, int top) {
  fmt::format_to(Out(svg),
                 "<g class=\"legend\"><rect x=\"{0}\" y=\"{1}\" width=\"14\" "
                 "height=\"10\" "
                 "fill=\"{2}\"/><text x=\"{3}\" y=\"{4}\" font-size=\"11\" "
                 "fill=\"{5}\">people "
                 "supported</text><line x1=\"{6}\" y1=\"{7}\" x2=\"{6}\" "
                 "y2=\"{8}\" stroke=\"{9}\" "
                 "stroke-width=\"2\"/><text x=\"{10}\" y=\"{4}\" "
                 "font-size=\"11\" fill=\"{5}\">"
                 "target</text></g>\n",
                 kMargin, top, kBarFill, kMargin + 20, top + 9, kInk,
                 kMargin + 140, top - 2, top + 12, kTargetStroke,
                 kMargin + 148);
}

std::string BarsDescription(const std::vector<CommunityBar>& bars) {
  if (bars.empty())
    return "Bar chart of people supported per community: no data.";
  std::string text =
      "Bar chart of people supported per community against target.";
  for (const CommunityBar& bar : bars) text += " " + BarTooltip(bar) + ".";
  return text;
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&apos;";
        break;
      default:
        // Control characters other than tab, newline and CR make XML
        // ill-formed.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' ||
            c == '\r')
          escaped += c;
    }
  }
  return escaped;
}

std::string BoroughTileMap(
    const std::map<std::string, AreaCount>& people_by_gss,
    const ChartOptions& options) {
  // Suppressed counts stay out of the scale so the legend cannot hint at them.
  int64_t max = 0;
  for (const TileSpot& spot : kTiles) {
    auto it = people_by_gss.find(std::string(spot.gss));
    if (it != people_by_gss.end() && !it->second.suppressed)
      max = std::max(max, it->second.people);
  }
  const int width = std::max(options.width, kMinWidth);
  const int cell = (width - 2 * kMargin) / kGridColumns;
  const int legend_top = kMargin + kHeadingHeight + kGridRows * cell + 8;
  const std::vector<LegendItem> legend = TileLegendItems(max);
  const int key_top = legend_top + LegendHeight(legend.size()) + 8;
  const int height = key_top + KeyHeight() + kMargin;

  std::string svg;
  WriteDocumentStart(svg, options, width, height,
                     TileMapDescription(people_by_gss, max));
  for (const TileSpot& spot : kTiles) {
    auto it = people_by_gss.find(std::string(spot.gss));
    WriteTile(svg, spot,
              LookFor(it == people_by_gss.end() ? nullptr : &it->second, max),
              cell);
  }
  WriteLegend(svg, legend, legend_top, width, options.legend_title);
  WriteBoroughKey(svg, key_top, width);
  svg += "</svg>\n";
  return svg;
}

std::string BoroughTileMap(const std::map<std::string, int64_t>& people_by_gss,
                           const ChartOptions& options) {
  std::map<std::string, AreaCount> counts;
  for (const auto& [gss, people] : people_by_gss)
    counts[gss] = AreaCount{people, false};
  return BoroughTileMap(counts, options);
}

std::string CommunityBars(const std::vector<CommunityBar>& bars,
                          const ChartOptions& options) {
  const int width = std::max(options.width, kMinWidth);
  const int key_top = kMargin + kHeadingHeight;
  const int rows_top = key_top + 20;
  const int body =
      bars.empty() ? 40 : static_cast<int>(bars.size()) * kBarRowHeight;
  std::string svg;
  WriteDocumentStart(svg, options, width, rows_top + body + kMargin,
                     BarsDescription(bars));
  if (bars.empty()) {
    fmt::format_to(Out(svg),
                   "<text class=\"no-data\" x=\"{}\" y=\"{}\" font-size=\"13\" "
                   "fill=\"#525252\">No data to show.</text>\n",
                   kMargin, rows_top + 20);
  } else {
    WriteBarKey(svg, key_top);
    const BarLayout layout = LayOutBars(bars, width);
    for (size_t i = 0; i < bars.size(); ++i)
      WriteBarRow(svg, bars[i], layout,
                  rows_top + static_cast<int>(i) * kBarRowHeight);
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace grants::ctl
