// Tests for the SVG charts: each document is parsed with expat, then checked as
// a tree.
#include "clients/grantsctl/svg_charts.h"

#include <expat.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <set>

#include "common/reference_data.h"

namespace grants::ctl {
namespace {

// A parsed element: enough of a DOM to ask what was drawn.
struct Node {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // all character data inside, descendants included
  std::vector<std::unique_ptr<Node>> children;
  Node* parent = nullptr;

  std::string Attr(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? "" : it->second;
  }
  const Node* Child(const std::string& child_name) const {
    for (const auto& child : children)
      if (child->name == child_name) return child.get();
    return nullptr;
  }
  void Collect(const std::string& element,
               std::vector<const Node*>& found) const {
    if (name == element) found.push_back(this);
    for (const auto& child : children) child->Collect(element, found);
  }
};

struct ParseState {
  Node root;
  Node* current = &root;
};

void OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto* state = static_cast<ParseState*>(data);
  auto node = std::make_unique<Node>();
  node->name = name;
  node->parent = state->current;
  for (int i = 0; attributes[i] != nullptr; i += 2)
    node->attributes[attributes[i]] = attributes[i + 1];
  state->current = state->current->children.emplace_back(std::move(node)).get();
}

void OnEnd(void* data, const XML_Char*) {
  auto* state = static_cast<ParseState*>(data);
  state->current = state->current->parent;
}

void OnText(void* data, const XML_Char* text, int length) {
  for (Node* node = static_cast<ParseState*>(data)->current; node != nullptr;
       node = node->parent)
    node->text.append(text, static_cast<size_t>(length));
}

// Parses `xml` strictly (expat rejects anything not well-formed) into a tree;
// returns null and fails the test with expat's message and line otherwise.
std::unique_ptr<ParseState> ParseSvg(const std::string& xml) {
  auto state = std::make_unique<ParseState>();
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(
      XML_ParserCreate("UTF-8"), XML_ParserFree);
  XML_SetUserData(parser.get(), state.get());
  XML_SetElementHandler(parser.get(), OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser.get(), OnText);
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()),
                XML_TRUE) == XML_STATUS_ERROR) {
    ADD_FAILURE() << "not well-formed: "
                  << XML_ErrorString(XML_GetErrorCode(parser.get()))
                  << " at line " << XML_GetCurrentLineNumber(parser.get())
                  << "\n"
                  << xml;
    return nullptr;
  }
  return state;
}

const Node* Svg(const ParseState& state) {
  return state.root.children.size() == 1 ? state.root.children[0].get()
                                         : nullptr;
}

std::vector<const Node*> All(const Node& node, const std::string& name) {
  std::vector<const Node*> found;
  node.Collect(name, found);
  return found;
}

const Node* TileFor(const Node& svg, const std::string& gss) {
  for (const Node* g : All(svg, "g"))
    if (g->Attr("data-gss") == gss) return g;
  return nullptr;
}

// Relative luminance, enough to order colours from light to dark.
double Luminance(const std::string& hex) {
  const long rgb = std::strtol(hex.c_str() + 1, nullptr, 16);
  return 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) +
         0.0722 * (rgb & 0xFF);
}

ChartOptions Options() {
  return {"Where we reached people",
          "People supported directly, EUSS outreach, 2019-2021", 640};
}

std::map<std::string, int64_t> EveryBoroughWithCounts() {
  std::map<std::string, int64_t> counts;
  int64_t n = 10;
  for (const Borough& b : LondonBoroughs()) counts[std::string(b.gss)] = n += 7;
  return counts;
}

TEST(BoroughTileMapTest, IsWellFormedSvgWithAccessibleTitleAndDescription) {
  auto state = ParseSvg(BoroughTileMap(EveryBoroughWithCounts(), Options()));
  ASSERT_NE(state, nullptr);
  const Node* svg = Svg(*state);
  ASSERT_NE(svg, nullptr);
  EXPECT_EQ(svg->name, "svg");
  EXPECT_EQ(svg->Attr("xmlns"), "http://www.w3.org/2000/svg");
  EXPECT_EQ(svg->Attr("role"), "img");
  ASSERT_NE(svg->Child("title"), nullptr);
  EXPECT_EQ(svg->Child("title")->text, "Where we reached people");
  ASSERT_NE(svg->Child("desc"), nullptr);
  EXPECT_NE(svg->Child("desc")->text.find("33 local authorities"),
            std::string::npos);
  EXPECT_NE(
      svg->text.find("People supported directly, EUSS outreach, 2019-2021"),
      std::string::npos);
}

TEST(BoroughTileMapTest, NamesEveryBoroughByFullNameAndCodeOnItsOwnSquare) {
  auto state = ParseSvg(BoroughTileMap(EveryBoroughWithCounts(), Options()));
  ASSERT_NE(state, nullptr);
  std::set<std::pair<std::string, std::string>> positions;
  std::set<std::string> abbreviations;
  for (const Borough& b : LondonBoroughs()) {
    const Node* tile = TileFor(*Svg(*state), std::string(b.gss));
    ASSERT_NE(tile, nullptr) << b.name;
    ASSERT_NE(tile->Child("title"), nullptr);
    EXPECT_EQ(tile->Child("title")->text.rfind(std::string(b.name) + ": ", 0),
              0u)
        << b.name;
    const Node* rect = tile->Child("rect");
    ASSERT_NE(rect, nullptr);
    positions.insert({rect->Attr("x"), rect->Attr("y")});
    abbreviations.insert(tile->Child("text")->text);
  }
  EXPECT_EQ(positions.size(), 33u) << "two boroughs share a square";
  EXPECT_EQ(abbreviations.size(), 33u) << "two boroughs share an abbreviation";
  for (const std::string& abbreviation : abbreviations)
    EXPECT_EQ(abbreviation.size(), 3u);
}

TEST(BoroughTileMapTest, HasAKeyToEveryAbbreviationAndTheMeasureAsLegend) {
  ChartOptions options = Options();
  options.legend_title = "People supported directly";
  auto state = ParseSvg(BoroughTileMap(EveryBoroughWithCounts(), options));
  ASSERT_NE(state, nullptr);
  const Node* svg = Svg(*state);
  std::vector<const Node*> groups;
  svg->Collect("g", groups);
  const Node* key = nullptr;
  const Node* legend = nullptr;
  for (const Node* g : groups) {
    if (g->Attr("class") == "key") key = g;
    if (g->Attr("class") == "legend") legend = g;
  }
  ASSERT_NE(key, nullptr) << "no key to the borough abbreviations";
  ASSERT_NE(legend, nullptr);
  EXPECT_EQ(legend->Child("text")->text, "People supported directly");
  // Each tile's abbreviation is explained by its borough's name.
  for (const Borough& b : LondonBoroughs()) {
    const Node* tile = TileFor(*svg, std::string(b.gss));
    ASSERT_NE(tile, nullptr);
    std::string line = tile->Child("text")->text + " " + std::string(b.name);
    EXPECT_NE(key->text.find(line), std::string::npos) << line;
  }
}

TEST(BoroughTileMapTest, DrawsBoroughsMissingFromTheDataAsNoData) {
  std::map<std::string, int64_t> only_westminster = {{"E09000033", 120}};
  auto state = ParseSvg(BoroughTileMap(only_westminster, Options()));
  ASSERT_NE(state, nullptr);
  const Node* havering = TileFor(*Svg(*state), "E09000016");
  ASSERT_NE(havering, nullptr);
  EXPECT_EQ(havering->Child("title")->text, "Havering: no data");
  EXPECT_NE(havering->Child("rect")->Attr("fill"),
            TileFor(*Svg(*state), "E09000033")->Child("rect")->Attr("fill"));
}

TEST(BoroughTileMapTest, ShadesTheLargestCountDarkestAndSmallerCountsLighter) {
  std::map<std::string, int64_t> counts = {{"E09000025", 1000},
                                           {"E09000012", 450},
                                           {"E09000003", 30},
                                           {"E09000017", 0}};
  auto state = ParseSvg(BoroughTileMap(counts, Options()));
  ASSERT_NE(state, nullptr);
  auto fill = [&](const std::string& gss) {
    return TileFor(*Svg(*state), gss)->Child("rect")->Attr("fill");
  };
  EXPECT_LT(Luminance(fill("E09000025")), Luminance(fill("E09000012")));
  EXPECT_LT(Luminance(fill("E09000012")), Luminance(fill("E09000003")));
  std::string darkest_step = "#ffffff";
  for (const Node* swatch : All(*Svg(*state), "rect")) {
    const std::string colour = swatch->Attr("fill");
    if (swatch->Attr("class") == "swatch" && colour[0] == '#' &&
        Luminance(colour) < Luminance(darkest_step)) {
      darkest_step = colour;
    }
  }
  EXPECT_EQ(fill("E09000025"), darkest_step);
  EXPECT_NE(fill("E09000017"), fill("E09000003"))
      << "zero must not look like a small count";
}

TEST(BoroughTileMapTest, ShowsSuppressedCountAsFewerThanFiveAndNeverItsValue) {
  std::map<std::string, AreaCount> counts = {{"E09000012", {3, true}},
                                             {"E09000025", {800, false}}};
  const std::string xml = BoroughTileMap(counts, Options());
  EXPECT_NE(xml.find("&lt;5"), std::string::npos);
  auto state = ParseSvg(xml);
  ASSERT_NE(state, nullptr);
  const Node* hackney = TileFor(*Svg(*state), "E09000012");
  ASSERT_NE(hackney, nullptr);
  EXPECT_EQ(hackney->Child("rect")->Attr("fill"), "url(#hatch)");
  EXPECT_NE(hackney->text.find("<5"), std::string::npos);
  EXPECT_EQ(hackney->text.find('3'), std::string::npos) << hackney->text;
}

// Issue #14 item 5: a count hidden only to protect another is not "fewer
// than 5" (its true value may be 7); it reads "[c]".
TEST(BoroughTileMapTest,
     ShowsAComplementaryHiddenCountAsCNeverAsFewerThanFive) {
  std::map<std::string, AreaCount> counts = {{"E09000012", {3, true}},
                                             {"E09000030", {7, true, true}},
                                             {"E09000025", {800, false}}};
  auto state = ParseSvg(BoroughTileMap(counts, Options()));
  ASSERT_NE(state, nullptr);
  const Node* tower_hamlets = TileFor(*Svg(*state), "E09000030");
  ASSERT_NE(tower_hamlets, nullptr);
  EXPECT_EQ(tower_hamlets->Child("rect")->Attr("fill"), "url(#hatch)");
  EXPECT_NE(tower_hamlets->text.find("[c]"), std::string::npos);
  EXPECT_NE(tower_hamlets->text.find("hidden to protect other figures"),
            std::string::npos);
  EXPECT_EQ(tower_hamlets->text.find("<5"), std::string::npos);
  EXPECT_EQ(tower_hamlets->text.find("fewer than 5"), std::string::npos);
  EXPECT_EQ(tower_hamlets->text.find('7'), std::string::npos);
  const Node* hackney = TileFor(*Svg(*state), "E09000012");
  EXPECT_NE(hackney->text.find("<5"), std::string::npos);
}

TEST(CommunityBarsTest, ShowsAComplementaryHiddenCommunityAsCWithAStubBar) {
  std::vector<CommunityBar> bars = {{"roma", "Roma", 7, 50, true, true},
                                    {"lt", "Lithuanian", 60, 50}};
  auto state = ParseSvg(CommunityBars(bars, Options()));
  ASSERT_NE(state, nullptr);
  const Node* roma = nullptr;
  for (const Node* g : All(*Svg(*state), "g"))
    if (g->Attr("data-code") == "roma") roma = g;
  ASSERT_NE(roma, nullptr);
  EXPECT_NE(roma->text.find("[c] of 50"), std::string::npos) << roma->text;
  EXPECT_EQ(roma->text.find("fewer than 5"), std::string::npos) << roma->text;
  EXPECT_EQ(roma->text.find('7'), std::string::npos) << roma->text;
}

TEST(BoroughTileMapTest, LeavesSuppressedCountsOutOfTheColourScale) {
  std::map<std::string, AreaCount> counts = {{"E09000012", {9137, true}},
                                             {"E09000025", {100, false}}};
  auto state = ParseSvg(BoroughTileMap(counts, Options()));
  ASSERT_NE(state, nullptr);
  const std::string& text = Svg(*state)->text;
  EXPECT_EQ(text.find("9,137"), std::string::npos);
  EXPECT_NE(text.find("81–100"), std::string::npos)
      << "legend tops out at the visible max";
}

TEST(XmlEscapeTest, EscapesMarkupCharactersAndDropsControlCharacters) {
  EXPECT_EQ(
      XmlEscape("Roma & Sinti <young> \"quoted\" 'single'\x01"),
      "Roma &amp; Sinti &lt;young&gt; &quot;quoted&quot; &apos;single&apos;");
}

std::vector<CommunityBar> SomeBars() {
  return {{"roma", "Roma & Sinti <young>", 62, 100, false},
          {"pl", "Polish", 250, 200, false},
          {"lt", "Lithuanian", 4, 50, true}};
}

TEST(CommunityBarsTest, EscapesLabelsFromDataAndStaysWellFormed) {
  const std::string xml = CommunityBars(SomeBars(), Options());
  EXPECT_NE(xml.find("Roma &amp; Sinti &lt;young&gt;"), std::string::npos);
  EXPECT_EQ(xml.find("Roma & Sinti"), std::string::npos);
  auto state = ParseSvg(xml);
  ASSERT_NE(state, nullptr);
  EXPECT_NE(Svg(*state)->text.find("Roma & Sinti <young>"), std::string::npos);
}

TEST(CommunityBarsTest, ShowsActualTargetAndPercentageForEachCommunityInOrder) {
  auto state = ParseSvg(CommunityBars(SomeBars(), Options()));
  ASSERT_NE(state, nullptr);
  std::vector<const Node*> rows;
  for (const Node* g : All(*Svg(*state), "g"))
    if (g->Attr("class") == "bar") rows.push_back(g);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]->Attr("data-code"), "roma");
  EXPECT_NE(rows[0]->text.find("62 of 100 (62%)"), std::string::npos)
      << rows[0]->text;
  EXPECT_NE(rows[1]->text.find("250 of 200 (125%)"), std::string::npos)
      << rows[1]->text;
  EXPECT_NE(rows[0]->Child("title")->text.find("62% of target"),
            std::string::npos);
  ASSERT_NE(rows[0]->Child("line"), nullptr) << "target marker";
  const int bar_end = std::stoi(rows[0]->Child("rect")->Attr("x")) +
                      std::stoi(rows[0]->Child("rect")->Attr("width"));
  EXPECT_LT(bar_end, std::stoi(rows[0]->Child("line")->Attr("x1")))
      << "62 falls short of 100";
}

TEST(CommunityBarsTest,
     ShowsSuppressedCommunityAsFewerThanFiveWithoutItsValue) {
  auto state = ParseSvg(CommunityBars(SomeBars(), Options()));
  ASSERT_NE(state, nullptr);
  const Node* lithuanian = nullptr;
  for (const Node* g : All(*Svg(*state), "g"))
    if (g->Attr("data-code") == "lt") lithuanian = g;
  ASSERT_NE(lithuanian, nullptr);
  EXPECT_NE(lithuanian->text.find("<5 of 50"), std::string::npos)
      << lithuanian->text;
  EXPECT_EQ(lithuanian->text.find('4'), std::string::npos) << lithuanian->text;
  EXPECT_EQ(lithuanian->Child("rect")->Attr("fill"), "url(#hatch)");
}

TEST(CommunityBarsTest, EmptyListGivesValidSvgSayingThereIsNoData) {
  auto state = ParseSvg(CommunityBars({}, Options()));
  ASSERT_NE(state, nullptr);
  const Node* svg = Svg(*state);
  ASSERT_NE(svg, nullptr);
  EXPECT_EQ(svg->Attr("role"), "img");
  EXPECT_NE(svg->text.find("No data to show."), std::string::npos);
  EXPECT_NE(svg->Child("desc")->text.find("no data"), std::string::npos);
}

}  // namespace
}  // namespace grants::ctl
