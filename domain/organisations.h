// Organisation domain types: applicants and grantees.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace grants::organisations {

struct Contact {
  std::string name, email, phone, role;
};

struct BankDetails {
  std::string account_name, sort_code, account_number;
  bool empty() const {
    return account_name.empty() && sort_code.empty() && account_number.empty();
  }
};

struct Profile {
  std::string name;
  std::string legal_form;  // a kLegalFormCodes code
  std::string charity_number;
  std::string company_number;
  std::string currency = "GBP";
  int64_t annual_income_minor = 0;
  std::string borough_code;
  std::vector<Contact> contacts;
  BankDetails bank;
  std::string correspondence_language = "en";
};

// A proposed change of an organisation's payee, under four eyes.
struct BankDetailsChange {
  std::string id;
  std::string organisation_id;
  BankDetails details;         // the proposed details
  std::string replaces_last4;  // of the account it replaces ("" none)
  std::string state;           // pending, confirmed, superseded
  std::string proposed_by, proposer_role;
  absl::Time proposed_at;
  std::string confirmed_by, confirmer_role;
  std::optional<absl::Time> confirmed_at;
  std::vector<std::string> held_payment_ids;  // on confirmation
};

struct Organisation {
  std::string id;
  std::string org_id;
  Profile profile;
  absl::Time created_at;
  absl::Time updated_at;
};

// One line of the retention schedule (issue #15; table retention_rules).
struct RetentionRule {
  std::string record_class;
  int keep_days = 0;
  int minimum_days = 0;  // the legal minimum
  std::string after_event;
  std::string action;  // "delete" or "erase"
  std::string what;
  std::string updated_by;
  std::optional<absl::Time> updated_at;
  std::optional<absl::Time> swept_at;
  int64_t swept_count = 0;
};

}  // namespace grants::organisations
