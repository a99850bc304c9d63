// Export repository: one function per statement in queries/.
#include "storage/export_repository.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "common/reference_data.h"
#include "storage/rows.h"

namespace grants::storage::export_repo {
namespace {

std::vector<reach::CodeName> Boroughs(const std::vector<std::string>& codes) {
  std::vector<reach::CodeName> out;
  for (const auto& code : codes)
    for (const auto& b : LondonBoroughs())
      if (b.gss == code) out.push_back({code, std::string(b.name)});
  return out;
}

// "low_income_families" -> "Low income families".
std::vector<reach::CodeName> Communities(
    const std::vector<std::string>& codes) {
  std::vector<reach::CodeName> out;
  for (const auto& code : codes) {
    std::string title = code;
    for (char& c : title) c = c == '_' ? ' ' : c;
    if (!title.empty())
      title[0] =
          static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    out.push_back({code, title});
  }
  return out;
}

std::vector<reach::OrgRef> Funders(const std::string& json) {
  std::vector<reach::OrgRef> out;
  for (const auto& f : nlohmann::json::parse(json))
    out.push_back({f[0].get<std::string>(), f[1].get<std::string>()});
  return out;
}

reach::GrantRecord ToRecord(const pqxx::row& r) {
  return reach::GrantRecord{
      .reference = r[1].as<std::string>(),
      .title = r[3].as<std::string>() + " grant to " + r[13].as<std::string>(),
      .description = r[5].as<std::string>(),
      .currency = r[6].as<std::string>(),
      .amount_awarded_minor = r[7].as<int64_t>(),
      .amount_disbursed_minor = r[8].as<int64_t>(),
      .award_date = r[9].as<std::string>(),
      .planned_start = r[10].as<std::string>(),
      .planned_end = r[11].as<std::string>(),
      .recipient = {r[12].as<std::string>(), r[13].as<std::string>()},
      .recipient_charity_number = r[14].as<std::string>(),
      .recipient_company_number = r[15].as<std::string>(),
      .funders = Funders(r[16].as<std::string>()),
      .programme = {r[2].as<std::string>(), r[3].as<std::string>()},
      .round = {r[2].as<std::string>(), r[4].as<std::string>()},
      .boroughs = Boroughs(FromPgArray(r[17])),
      .communities = Communities(FromPgArray(r[18])),
      .last_modified = r[19].as<std::string>()};
}

}  // namespace

std::vector<std::pair<std::string, reach::GrantRecord>> Page(
    Tx& tx, const std::string& programme_id, const std::string& after_id,
    int limit) {
  return MapRows<std::pair<std::string, reach::GrantRecord>>(
      tx.exec_prepared("export_grants", programme_id, after_id, limit),
      [](const pqxx::row& r) {
        return std::pair{r[0].as<std::string>(), ToRecord(r)};
      });
}

int64_t Count(Tx& tx, const std::string& programme_id) {
  return tx.exec_prepared1("export_grants_count", programme_id)[0]
      .as<int64_t>();
}

}  // namespace grants::storage::export_repo
