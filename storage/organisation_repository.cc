// Organisation repository: one function per statement in queries/.
#include "storage/organisation_repository.h"

#include <nlohmann/json.hpp>

#include "storage/rows.h"

namespace grants::storage::organisation_repo {
namespace {

using grants::organisations::Contact;

std::string ContactsJson(const std::vector<Contact>& contacts) {
  auto out = nlohmann::json::array();
  for (const auto& c : contacts)
    out.push_back(
        {{"name", c.name}, {"email", c.email}, {"phone", c.phone}, {"role", c.role}});
  return out.dump();
}

std::vector<Contact> ContactsFrom(const std::string& text) {
  std::vector<Contact> out;
  for (const auto& j : nlohmann::json::parse(text))
    out.push_back({j.value("name", ""), j.value("email", ""),
                   j.value("phone", ""), j.value("role", "")});
  return out;
}

Organisation ToOrganisation(const pqxx::row& r) {
  Organisation o;
  o.id = r[0].as<std::string>();
  o.org_id = r[1].as<std::string>();
  auto& p = o.profile;
  p.name = r[2].as<std::string>();
  p.legal_form = r[3].as<std::string>();
  p.charity_number = r[4].as<std::string>();
  p.company_number = r[5].as<std::string>();
  p.currency = r[6].as<std::string>();
  p.annual_income_minor = r[7].as<int64_t>();
  p.borough_code = r[8].as<std::string>();
  p.contacts = ContactsFrom(r[9].as<std::string>());
  p.bank = {r[10].as<std::string>(), r[11].as<std::string>(),
            r[12].as<std::string>()};
  p.correspondence_language = r[13].as<std::string>();
  o.created_at = TimeAt(r[14]);
  o.updated_at = TimeAt(r[15]);
  return o;
}

pqxx::row Write(Tx& tx, const char* statement, const Organisation& o,
                absl::Time now) {
  const auto& p = o.profile;
  return tx.exec_prepared1(statement, o.id, o.org_id, p.name, p.legal_form,
                           p.charity_number, p.company_number, p.currency,
                           p.annual_income_minor, p.borough_code,
                           ContactsJson(p.contacts), p.bank.account_name,
                           p.bank.sort_code, p.bank.account_number,
                           p.correspondence_language, Micros(now));
}

}  // namespace

Organisation Insert(Tx& tx, const Organisation& o, absl::Time now) {
  return ToOrganisation(Write(tx, "organisation_insert", o, now));
}

Organisation Update(Tx& tx, const Organisation& o, absl::Time now) {
  return ToOrganisation(Write(tx, "organisation_update", o, now));
}

std::optional<Organisation> Get(Tx& tx, const std::string& id, bool for_update) {
  auto rows = tx.exec_prepared(
      for_update ? "organisation_get_for_update" : "organisation_get", id);
  if (rows.empty()) return std::nullopt;
  return ToOrganisation(rows[0]);
}

std::optional<Organisation> GetLockingSubmissions(Tx& tx,
                                                  const std::string& id) {
  auto rows = tx.exec_prepared("organisation_get_locking_submissions", id);
  if (rows.empty()) return std::nullopt;
  return ToOrganisation(rows[0]);
}

std::vector<Organisation> List(Tx& tx, int limit, int offset) {
  return MapRows<Organisation>(
      tx.exec_prepared("organisation_list", limit, offset), ToOrganisation);
}

namespace {

BankDetailsChange ToBankChange(const pqxx::row& r) {
  BankDetailsChange c;
  c.id = r[0].as<std::string>();
  c.organisation_id = r[1].as<std::string>();
  c.details = {r[2].as<std::string>(), r[3].as<std::string>(),
               r[4].as<std::string>()};
  c.replaces_last4 = r[5].as<std::string>();
  c.state = r[6].as<std::string>();
  c.proposed_by = r[7].as<std::string>();
  c.proposer_role = r[8].as<std::string>();
  c.proposed_at = TimeAt(r[9]);
  c.confirmed_by = r[10].as<std::string>();
  c.confirmer_role = r[11].as<std::string>();
  if (!r[12].is_null()) c.confirmed_at = TimeAt(r[12]);
  return c;
}

}  // namespace

BankDetailsChange ProposeBankChange(Tx& tx, const BankDetailsChange& c) {
  tx.exec_prepared0("bank_change_supersede", c.organisation_id);
  return ToBankChange(tx.exec_prepared1(
      "bank_change_insert", c.organisation_id, c.details.account_name,
      c.details.sort_code, c.details.account_number, c.replaces_last4,
      c.proposed_by, c.proposer_role, Micros(c.proposed_at)));
}

std::optional<BankDetailsChange> GetBankChange(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("bank_change_get", id);
  if (rows.empty()) return std::nullopt;
  return ToBankChange(rows[0]);
}

std::vector<BankDetailsChange> ListBankChanges(Tx& tx,
                                               const std::string& organisation_id,
                                               bool pending_only) {
  return MapRows<BankDetailsChange>(
      tx.exec_prepared("bank_change_list", organisation_id, pending_only),
      ToBankChange);
}

bool ConfirmBankChange(Tx& tx, const std::string& id, const std::string& actor,
                       const std::string& role, absl::Time now,
                       std::vector<std::string>* held) {
  pqxx::row r =
      tx.exec_prepared1("bank_change_confirm", id, actor, role, Micros(now));
  *held = FromPgArray(r[1]);
  return r[0].as<int64_t>() == 1;
}

}  // namespace grants::storage::organisation_repo
