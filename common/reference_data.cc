// Reference code lists.
#include "common/reference_data.h"

#include <algorithm>
#include <cctype>

namespace grants {

bool IsLegalFormCode(std::string_view code) {
  return std::find(kLegalFormCodes.begin(), kLegalFormCodes.end(), code) !=
         kLegalFormCodes.end();
}

bool IsGssCode(std::string_view code) {
  if (code.size() != 9 ||
      std::string_view("EWSN").find(code[0]) == std::string_view::npos)
    return false;
  return std::all_of(code.begin() + 1, code.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

const std::array<Borough, 33>& LondonBoroughs() {
  static const std::array<Borough, 33> kBoroughs = {{
      {"E09000001", "City of London"},
      {"E09000002", "Barking and Dagenham"},
      {"E09000003", "Barnet"},
      {"E09000004", "Bexley"},
      {"E09000005", "Brent"},
      {"E09000006", "Bromley"},
      {"E09000007", "Camden"},
      {"E09000008", "Croydon"},
      {"E09000009", "Ealing"},
      {"E09000010", "Enfield"},
      {"E09000011", "Greenwich"},
      {"E09000012", "Hackney"},
      {"E09000013", "Hammersmith and Fulham"},
      {"E09000014", "Haringey"},
      {"E09000015", "Harrow"},
      {"E09000016", "Havering"},
      {"E09000017", "Hillingdon"},
      {"E09000018", "Hounslow"},
      {"E09000019", "Islington"},
      {"E09000020", "Kensington and Chelsea"},
      {"E09000021", "Kingston upon Thames"},
      {"E09000022", "Lambeth"},
      {"E09000023", "Lewisham"},
      {"E09000024", "Merton"},
      {"E09000025", "Newham"},
      {"E09000026", "Redbridge"},
      {"E09000027", "Richmond upon Thames"},
      {"E09000028", "Southwark"},
      {"E09000029", "Sutton"},
      {"E09000030", "Tower Hamlets"},
      {"E09000031", "Waltham Forest"},
      {"E09000032", "Wandsworth"},
      {"E09000033", "Westminster"},
  }};
  return kBoroughs;
}

bool IsLondonBorough(std::string_view gss) {
  const auto& all = LondonBoroughs();
  return std::any_of(all.begin(), all.end(),
                     [&](const Borough& b) { return b.gss == gss; });
}

bool IsLanguageCode(std::string_view code) {
  return (code.size() == 2 || code.size() == 3) &&
         std::all_of(code.begin(), code.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string CommunityLabel(std::string_view code) {
  std::string label(code);
  std::replace(label.begin(), label.end(), '_', ' ');
  if (!label.empty())
    label[0] =
        static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

}  // namespace grants
