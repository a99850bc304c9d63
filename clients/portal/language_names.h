// The ISO 639 languages by their English names, read from Debian's
// iso-codes, so a grantee names the other languages a project works in
// ("Tigrinya, Dari") instead of typing codes, and sees names back.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grants::portal {

class IsoLanguages {
 public:
  // The table of /usr/share/iso-codes/json/iso_639-3.json, read once
  // (empty when the file is missing: codes are then taken as typed).
  static const IsoLanguages& Get();

  // The table of an iso_639-3.json text.
  explicit IsoLanguages(const std::string& iso_639_3_json);

  // The code stored for a language (its two-letter code where it has one,
  // else its three-letter one) of what a grantee typed: a code or an
  // English name, in any case; nullopt when it names no language.
  std::optional<std::string> CodeOf(std::string_view typed) const;
  // The English name of `code`, or `code` itself when unknown.
  std::string NameOf(const std::string& code) const;
  // The names offered as suggestions: every language with a two-letter
  // code and a few others London's groups work in, sorted.
  const std::vector<std::string>& Suggestions() const { return suggestions_; }

 private:
  std::map<std::string, std::string, std::less<>> names_;  // code -> name
  std::map<std::string, std::string, std::less<>> codes_;  // lower -> code
  std::vector<std::string> suggestions_;
};

}  // namespace grants::portal
