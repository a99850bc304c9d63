// Translations: gettext .po files (common/i18n/po/<language>.po), the
// format translators' tools (Poedit, Weblate) edit, read into catalogues
// at build time. The English text is the key (msgid), optionally with a
// context (msgctxt); placeholders are named, "{due_date}", and a
// translation must use exactly the placeholders of its English text.
// Stored values (codes, dates) never depend on the language shown.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace grants::i18n {

// One language's translations.
class Catalog {
 public:
  // Parses a .po file: msgctxt, msgid, msgstr with continued strings and C
  // escapes; comments; entries flagged fuzzy and empty msgstr count as
  // untranslated. INVALID_ARGUMENT names the line of a malformed entry.
  static absl::StatusOr<Catalog> ParsePo(std::string_view text);

  // The translation of `english` under `context`, or nullptr.
  const std::string* Find(std::string_view context,
                          std::string_view english) const;

  // Every (context, English text) key, translated or not.
  std::set<std::pair<std::string, std::string>> Keys() const;
  size_t translated() const { return entries_.size(); }

 private:
  std::map<std::pair<std::string, std::string>, std::string, std::less<>>
      entries_;
  std::set<std::pair<std::string, std::string>> untranslated_;
};

// The placeholders of `text` ("{name}"), in order of appearance.
std::vector<std::string> Placeholders(std::string_view text);

// The languages with a built-in catalogue, plus "en", sorted.
const std::vector<std::string>& Languages();

// The built-in catalogue of `language`, or nullptr ("en" has none: the
// English texts are the keys).
const Catalog* BuiltIn(std::string_view language);

// `english` under `context` in `language`; the English text when the
// language has no catalogue or the catalogue no translation.
std::string Translate(std::string_view language, std::string_view context,
                      std::string_view english);

// The language a text was actually shown in: `language` when it has a
// catalogue, else "en".
std::string Effective(std::string_view language);

}  // namespace grants::i18n
