// Reference code lists: legal forms, ONS GSS area codes and London's 33
// local authorities, ISO 639 language codes.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace grants {

// Legal-form codes as stored and as used in eligibility rules.
inline constexpr std::array<std::string_view, 6> kLegalFormCodes = {
    "registered_charity",           "cio",
    "charitable_company",           "cic",
    "company_limited_by_guarantee", "unregistered_group"};
bool IsLegalFormCode(std::string_view code);

// An ONS GSS code: a letter (E, W, S, N) and eight digits, e.g. "E09000001".
bool IsGssCode(std::string_view code);

struct Borough {
  std::string_view gss;
  std::string_view name;
};
// London's 33 local authorities (City of London and 32 boroughs),
// E09000001-E09000033.
const std::array<Borough, 33>& LondonBoroughs();
bool IsLondonBorough(std::string_view gss);

// An ISO 639 language code: two (639-1) or three (639-2/3, e.g. "rom" for
// Romani) lowercase letters.
bool IsLanguageCode(std::string_view code);

// A community code as people read it: "disabled_people" -> "Disabled
// people" (the catalogues' key for its translations, context "community").
std::string CommunityLabel(std::string_view code);

}  // namespace grants
