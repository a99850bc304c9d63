// The ISO 639 languages by their English names (see language_names.h).
#include "clients/portal/language_names.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"

namespace grants::portal {

namespace {

constexpr char kIsoCodes[] = "/usr/share/iso-codes/json/iso_639-3.json";

// Languages without a two-letter code that London's migrant groups often
// work in, suggested beside those that have one.
const std::set<std::string, std::less<>> kAlsoSuggested = {
    "prs",  // Dari
    "ckb",  // Central Kurdish (Sorani)
    "kmr",  // Northern Kurdish (Kurmanji)
    "yue",  // Cantonese
    "rom",  // Romany
    "pcm",  // Nigerian Pidgin
};

}  // namespace

const IsoLanguages& IsoLanguages::Get() {
  static const IsoLanguages* names = [] {
    std::ifstream in(kIsoCodes);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    return new IsoLanguages(text.str());
  }();
  return *names;
}

IsoLanguages::IsoLanguages(const std::string& iso_639_3_json) {
  nlohmann::json doc = nlohmann::json::parse(iso_639_3_json, nullptr,
                                             /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("639-3") || !doc["639-3"].is_array())
    return;
  for (const auto& entry : doc["639-3"]) {
    std::string alpha_3 = entry.value("alpha_3", "");
    std::string name = entry.value("name", "");
    if (alpha_3.empty() || name.empty()) continue;
    std::string alpha_2 = entry.value("alpha_2", "");
    const std::string code = alpha_2.empty() ? alpha_3 : alpha_2;
    names_[code] = name;
    // A code always means its own language: codes first, names after
    // (some names are another language's code: "En", "Som").
    codes_.insert_or_assign(alpha_3, code);
    if (!alpha_2.empty()) codes_.insert_or_assign(alpha_2, code);
    if (!alpha_2.empty() || kAlsoSuggested.contains(alpha_3))
      suggestions_.push_back(entry.value("common_name", name));
  }
  for (const auto& entry : doc["639-3"]) {
    std::string alpha_3 = entry.value("alpha_3", "");
    std::string alpha_2 = entry.value("alpha_2", "");
    if (alpha_3.empty()) continue;
    const std::string code = alpha_2.empty() ? alpha_3 : alpha_2;
    for (const std::string& name :
         {entry.value("name", ""), entry.value("common_name", ""),
          entry.value("inverted_name", "")})
      if (!name.empty()) codes_.emplace(absl::AsciiStrToLower(name), code);
  }
  std::sort(suggestions_.begin(), suggestions_.end());
}

std::optional<std::string> IsoLanguages::CodeOf(std::string_view typed) const {
  std::string key(typed);
  absl::StripAsciiWhitespace(&key);
  key = absl::AsciiStrToLower(key);
  if (key.empty()) return std::nullopt;
  auto it = codes_.find(key);
  if (it != codes_.end()) return it->second;
  // Without the table, a code is taken as typed (grantsd checks its form).
  if (codes_.empty() && (key.size() == 2 || key.size() == 3)) return key;
  return std::nullopt;
}

std::string IsoLanguages::NameOf(const std::string& code) const {
  auto it = names_.find(code);
  return it == names_.end() ? code : it->second;
}

}  // namespace grants::portal
