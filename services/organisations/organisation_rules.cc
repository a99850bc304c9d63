// Organisation rules.
#include "services/organisations/organisation_rules.h"

#include <regex>

#include "common/money.h"
#include "common/reference_data.h"

namespace grants::organisations {
namespace {

const std::regex kEnglandWalesCharity("^[0-9]{6,7}$");
const std::regex kScottishCharity("^SC[0-9]{6}$");
const std::regex kNorthernIrishCharity("^NIC[0-9]{6}$");
const std::regex kCompany("^([0-9]{8}|[A-Z]{2}[0-9]{6})$");

bool Match(const std::string& s, const std::regex& re) {
  return std::regex_match(s, re);
}

bool UsesCharityNumber(const std::string& form) {
  return form == "registered_charity" || form == "cio" ||
         form == "charitable_company";
}

bool UsesCompanyNumber(const std::string& form) {
  return form == "charitable_company" || form == "cic" ||
         form == "company_limited_by_guarantee";
}

void ValidateNumbers(Validator& v, const Profile& p) {
  const std::string& c = p.charity_number;
  if (!UsesCharityNumber(p.legal_form) && !c.empty())
    v.Add("profile.charity_number", "NUMBER_NOT_APPLICABLE",
          "this legal form has no charity number");
  else if (UsesCharityNumber(p.legal_form) && c.empty())
    v.Add("profile.charity_number", "CHARITY_NUMBER_REQUIRED",
          "charities need their charity number");
  else if (!c.empty() && !Match(c, kEnglandWalesCharity) &&
           !Match(c, kScottishCharity) && !Match(c, kNorthernIrishCharity))
    v.Add("profile.charity_number", "CHARITY_NUMBER_INVALID",
          "must be 6-7 digits (England and Wales), SC and 6 digits "
          "(Scotland) or NIC and 6 digits (Northern Ireland)");
  const std::string& n = p.company_number;
  if (!UsesCompanyNumber(p.legal_form) && !n.empty())
    v.Add("profile.company_number", "NUMBER_NOT_APPLICABLE",
          "this legal form has no company number");
  else if (UsesCompanyNumber(p.legal_form) && n.empty())
    v.Add("profile.company_number", "COMPANY_NUMBER_REQUIRED",
          "companies need their Companies House number");
  else if (!n.empty() && !Match(n, kCompany))
    v.Add("profile.company_number", "COMPANY_NUMBER_INVALID",
          "must be the 8-character Companies House number, with leading "
          "zeros (01234567) or a 2-letter prefix (SC123456)");
}

void ValidateContacts(Validator& v, const std::vector<Contact>& contacts) {
  static const std::regex kPhone("^[0-9 +()-]{0,30}$");
  if (contacts.size() > 5) v.Add("profile.contacts", "TOO_MANY", "at most 5");
  for (size_t i = 0; i < contacts.size(); ++i) {
    std::string f = "profile.contacts[" + std::to_string(i) + "]";
    const Contact& c = contacts[i];
    v.Text(f + ".name", c.name, 1, kMaxNameChars)
        .Text(f + ".role", c.role, 0, kMaxNameChars);
    if (!c.email.empty() && !IsEmail(c.email))
      v.Add(f + ".email", "EMAIL_INVALID", "must be an email address");
    if (!Match(c.phone, kPhone))
      v.Add(f + ".phone", "PHONE_INVALID", "digits, spaces and + - ( ) only");
  }
}


}  // namespace

void ValidateBank(Validator& v, const BankDetails& b,
                  const std::string& field) {
  static const std::regex kSortCode("^[0-9]{2}-?[0-9]{2}-?[0-9]{2}$");
  static const std::regex kAccount("^[0-9]{8}$");
  if (b.empty()) return;
  if (b.account_name.empty() || b.sort_code.empty() || b.account_number.empty())
    v.Add(field, "BANK_DETAILS_INCOMPLETE",
          "give account name, sort code and account number together");
  v.Text(field + ".account_name", b.account_name, 0, kMaxNameChars);
  if (!b.sort_code.empty() && !Match(b.sort_code, kSortCode))
    v.Add(field + ".sort_code", "SORT_CODE_INVALID",
          "must be six digits, e.g. 12-34-56");
  if (!b.account_number.empty() && !Match(b.account_number, kAccount))
    v.Add(field + ".account_number", "ACCOUNT_NUMBER_INVALID",
          "must be eight digits");
}

void ValidateProfile(Validator& v, const Profile& p) {
  v.Text("profile.name", p.name, 1, kMaxNameChars);
  if (!IsLegalFormCode(p.legal_form))
    v.Add("profile.legal_form", "REQUIRED", "choose a legal form");
  else
    ValidateNumbers(v, p);
  if (!IsKnownCurrency(p.currency))
    v.Add("profile.annual_income.currency_code", "CURRENCY_UNKNOWN",
          "must be an ISO 4217 currency code such as GBP");
  if (p.annual_income_minor < 0)
    v.Add("profile.annual_income.minor_units", "MUST_NOT_BE_NEGATIVE",
          "must not be negative");
  if (!p.borough_code.empty() && !IsGssCode(p.borough_code))
    v.Add("profile.borough_code", "BOROUGH_INVALID",
          "must be an ONS GSS code such as E09000001");
  if (!IsLanguageCode(p.correspondence_language))
    v.Add("profile.correspondence_language", "LANGUAGE_INVALID",
          "must be an ISO 639 code such as en, pl or rom");
  ValidateContacts(v, p.contacts);
  ValidateBank(v, p.bank, "profile.bank_details");
}

std::string DeriveOrgId(const Profile& p, const std::string& id) {
  const std::string& c = p.charity_number;
  if (!c.empty()) {
    if (Match(c, kScottishCharity)) return "GB-SC-" + c;
    if (Match(c, kNorthernIrishCharity)) return "GB-NIC-" + c.substr(3);
    return "GB-CHC-" + c;
  }
  if (!p.company_number.empty()) return "GB-COH-" + p.company_number;
  return "360G-GRANTSLDN-" + id;
}

std::string NormaliseSortCode(const std::string& sort_code) {
  std::string digits;
  for (char ch : sort_code)
    if (ch >= '0' && ch <= '9') digits += ch;
  if (digits.size() != 6) return sort_code;
  return digits.substr(0, 2) + "-" + digits.substr(2, 2) + "-" +
         digits.substr(4, 2);
}

std::string Last4(const BankDetails& bank) {
  const std::string& n = bank.account_number;
  return n.size() >= 4 ? n.substr(n.size() - 4) : "";
}

BankDetails Masked(const BankDetails& bank) {
  if (bank.empty()) return bank;
  return {bank.account_name, "**-**-**", "****" + Last4(bank)};
}

}  // namespace grants::organisations
