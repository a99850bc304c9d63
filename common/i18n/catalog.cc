// The .po reader and the built-in catalogues.
#include "common/i18n/catalog.h"

#include <algorithm>
#include <memory>

#include "catalogues.h"  // generated: the po/*.po files
#include "common/status.h"

namespace grants::i18n {
namespace {

absl::Status PoError(int line, const std::string& why) {
  return InvalidField("po", "PO_INVALID",
                      "line " + std::to_string(line) + ": " + why);
}

// The C string literal at the start of `rest` ("..." with \n, \t, \", \\),
// or false when it is not one.
bool Unquote(std::string_view rest, std::string* out) {
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
    rest.remove_prefix(1);
  while (!rest.empty() &&
         (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r'))
    rest.remove_suffix(1);
  if (rest.size() < 2 || rest.front() != '"' || rest.back() != '"')
    return false;
  rest = rest.substr(1, rest.size() - 2);
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '"') return false;
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++i == rest.size()) return false;
    switch (rest[i]) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case '"':
        out->push_back('"');
        break;
      case '\\':
        out->push_back('\\');
        break;
      default:
        return false;
    }
  }
  return true;
}

// Whether `a` and `b` use the same placeholders (in any order: word order
// differs between languages).
bool SamePlaceholders(std::string_view a, std::string_view b) {
  auto x = Placeholders(a), y = Placeholders(b);
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}

// One entry as it is read.
struct Entry {
  std::string context, id, str;
  bool fuzzy = false;
  bool has_id = false;
  int line = 0;
};

}  // namespace

absl::StatusOr<Catalog> Catalog::ParsePo(std::string_view text) {
  Catalog out;
  Entry e;
  std::string* target = nullptr;  // the string a continuation extends
  auto finish = [&]() -> absl::Status {
    if (e.has_id && !e.id.empty()) {  // the empty msgid is the header
      auto key = std::make_pair(e.context, e.id);
      if (out.entries_.count(key) || out.untranslated_.count(key))
        return PoError(e.line, "\"" + e.id + "\" appears twice");
      if (e.fuzzy || e.str.empty()) {
        out.untranslated_.insert(key);
      } else {
        if (!SamePlaceholders(e.id, e.str))
          return PoError(e.line, "the translation of \"" + e.id +
                                     "\" must use the placeholders of the "
                                     "English text");
        out.entries_.emplace(key, e.str);
      }
    }
    e = Entry{};
    target = nullptr;
    return absl::OkStatus();
  };
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (line.rfind("#,", 0) == 0 &&
          line.find("fuzzy") != std::string_view::npos) {
        if (e.has_id) RETURN_IF_ERROR(finish());
        e.fuzzy = true;
      }
      continue;
    }
    auto keyword = [&](std::string_view word) {
      return line.rfind(word, 0) == 0 &&
             (line.size() == word.size() || line[word.size()] == ' ');
    };
    std::string* field = nullptr;
    std::string_view rest;
    if (keyword("msgctxt")) {
      if (e.has_id) RETURN_IF_ERROR(finish());
      field = &e.context;
      rest = line.substr(7);
    } else if (keyword("msgid")) {
      if (e.has_id) RETURN_IF_ERROR(finish());
      e.has_id = true;
      e.line = number;
      field = &e.id;
      rest = line.substr(5);
    } else if (keyword("msgstr")) {
      if (!e.has_id) return PoError(number, "msgstr without msgid");
      field = &e.str;
      rest = line.substr(6);
    } else if (line.front() == '"') {
      if (!target) return PoError(number, "a string outside an entry");
      field = target;
      rest = line;
    } else {
      return PoError(number, "expected msgctxt, msgid, msgstr or a string");
    }
    if (!Unquote(rest, field)) return PoError(number, "malformed string");
    target = field;
  }
  RETURN_IF_ERROR(finish());
  return out;
}

const std::string* Catalog::Find(std::string_view context,
                                 std::string_view english) const {
  auto it =
      entries_.find(std::make_pair(std::string(context), std::string(english)));
  return it == entries_.end() ? nullptr : &it->second;
}

std::set<std::pair<std::string, std::string>> Catalog::Keys() const {
  std::set<std::pair<std::string, std::string>> keys = untranslated_;
  for (const auto& [key, text] : entries_) keys.insert(key);
  return keys;
}

std::vector<std::string> Placeholders(std::string_view text) {
  std::vector<std::string> out;
  for (size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.emplace_back(text.substr(open + 1, close - open - 1));
  }
  return out;
}

namespace {

// The built-in catalogues, parsed once; one that does not parse is left
// out (its language falls back to English; catalog_test refuses it).
const std::map<std::string, Catalog, std::less<>>& BuiltInCatalogues() {
  static const auto* all = [] {
    auto* m = new std::map<std::string, Catalog, std::less<>>();
    for (const auto& [language, text] : files::kAll) {
      if (language == "messages") continue;  // the template
      auto parsed = Catalog::ParsePo(text);
      if (parsed.ok()) m->emplace(std::string(language), *std::move(parsed));
    }
    return m;
  }();
  return *all;
}

}  // namespace

const std::vector<std::string>& Languages() {
  static const auto* all = [] {
    auto* v = new std::vector<std::string>{"en"};
    for (const auto& [language, catalog] : BuiltInCatalogues())
      v->push_back(language);
    std::sort(v->begin(), v->end());
    return v;
  }();
  return *all;
}

const Catalog* BuiltIn(std::string_view language) {
  const auto& all = BuiltInCatalogues();
  auto it = all.find(language);
  return it == all.end() ? nullptr : &it->second;
}

std::string Translate(std::string_view language, std::string_view context,
                      std::string_view english) {
  if (const Catalog* c = BuiltIn(language))
    if (const std::string* text = c->Find(context, english)) return *text;
  return std::string(english);
}

std::string Effective(std::string_view language) {
  return BuiltIn(language) ? std::string(language) : "en";
}

}  // namespace grants::i18n
