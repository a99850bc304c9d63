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

}  // namespace grants::storage::organisation_repo
