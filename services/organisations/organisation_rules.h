// Pure rules for organisations: registration numbers by legal form, the
// 360Giving org-id they map to, and bank-detail masking.
#pragma once

#include <string>

#include "domain/organisations.h"
#include "services/common/validation.h"

namespace grants::organisations {

// Records in `v` every problem with `p` (fields under "profile."):
// CHARITY_NUMBER_INVALID / _REQUIRED, COMPANY_NUMBER_INVALID / _REQUIRED,
// NUMBER_NOT_APPLICABLE, BOROUGH_INVALID, SORT_CODE_INVALID,
// ACCOUNT_NUMBER_INVALID, BANK_DETAILS_INCOMPLETE, EMAIL_INVALID, ...
void ValidateProfile(Validator& v, const Profile& p);

// The org-id for a valid profile: GB-CHC-/GB-SC-/GB-NIC- from the charity
// number when there is one, else GB-COH- from the company number, else
// "360G-GRANTSLDN-<id>" for an unregistered group.
std::string DeriveOrgId(const Profile& p, const std::string& id);

// Normalises a sort code to "12-34-56".
std::string NormaliseSortCode(const std::string& sort_code);

// What callers other than finance see: "**-**-**" and "****1234".
BankDetails Masked(const BankDetails& bank);

// Bank details under `field` (e.g. "bank_details"): all three parts or
// none; BANK_DETAILS_INCOMPLETE, SORT_CODE_INVALID, ACCOUNT_NUMBER_INVALID.
void ValidateBank(Validator& v, const BankDetails& b, const std::string& field);

// The last four digits of the account number ("" when none).
std::string Last4(const BankDetails& bank);

}  // namespace grants::organisations
