// Application repository: one function per statement in queries/.
#include "storage/application_repository.h"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include <array>

#include "common/crypto.h"
#include "storage/programme_repository.h"
#include "storage/rows.h"

namespace grants::storage::application_repo {
namespace {

using grants::applications::Content;
using grants::applications::FailedRule;
using grants::applications::State;

std::string ToJson(const Content& c) { return ProtoToJson(c); }

Content ContentFrom(const std::string& json) {
  Content c;
  ProtoFromJson(json, &c);
  return c;
}

std::string FailedRulesJson(const std::vector<FailedRule>& failed) {
  auto rules = nlohmann::json::array();
  for (const auto& f : failed)
    rules.push_back({{"rule", f.rule}, {"description", f.description}});
  return rules.dump();
}

std::vector<std::string> Strings(
    const google::protobuf::RepeatedPtrField<std::string>& items) {
  return {items.begin(), items.end()};
}

Application ToApplication(const pqxx::row& r) {
  Application a;
  a.id = r[0].as<std::string>();
  a.round_id = r[1].as<std::string>();
  a.organisation_id = r[2].as<std::string>();
  a.reference = r[3].as<std::string>();
  a.state = applications::ParseState(r[4].as<std::string>());
  a.content = ContentFrom(r[5].as<std::string>());
  a.eligibility = r[6].as<std::string>();
  a.submission_version = r[7].as<int>();
  a.returned_count = r[8].as<int>();
  a.return_comment = r[9].as<std::string>();
  a.withdraw_reason = r[10].as<std::string>();
  a.created_at = TimeAt(r[11]);
  a.updated_at = TimeAt(r[12]);
  return a;
}

// The columns of round_for_applicant in the claim statements (21, from the
// round's id); nullopt when the round's id is NULL.
std::optional<RoundForApplicant> ToRoundForApplicant(const pqxx::row& r) {
  if (r[0].is_null()) return std::nullopt;
  RoundForApplicant out{programme_repo::ToRoundRow(r).round, FromPgArray(r[18]),
                        std::nullopt, std::nullopt};
  if (!r[19].is_null()) out.extension_closes_at = TimeAt(r[19]);
  if (!r[20].is_null()) out.organisation_language = r[20].as<std::string>();
  return out;
}

constexpr pqxx::row::size_type kApplicationColumns = 13;
constexpr pqxx::row::size_type kRoundForApplicantColumns = 21;

Extension ToExtension(const pqxx::row& r) {
  return {r[0].as<std::string>() + "/" + r[1].as<std::string>(),
          r[0].as<std::string>(), r[1].as<std::string>(), TimeAt(r[2]),
          r[3].as<std::string>(), r[4].as<std::string>(), TimeAt(r[5])};
}

}  // namespace

ClaimedForCreate ClaimForCreate(Tx& tx, const KeyClaim& key,
                                const std::string& round_id,
                                const std::string& organisation_id) {
  pqxx::row r = tx.exec_prepared1(
      "application_claim_for_create", key.actor, key.request_id, key.method,
      key.payload_hash_hex, key.entity_id, round_id, organisation_id);
  return {r[0].as<bool>(),
          ToRoundForApplicant(r.slice(1, 1 + kRoundForApplicantColumns))};
}

ClaimedForChange ClaimForChange(Tx& tx, const KeyClaim& key) {
  pqxx::row r = tx.exec_prepared1("application_claim_for_change", key.actor,
                                  key.request_id, key.method,
                                  key.payload_hash_hex, key.entity_id);
  ClaimedForChange out{r[0].as<bool>(), std::nullopt, std::nullopt};
  if (r[1].is_null()) return out;
  constexpr auto kRound = 1 + kApplicationColumns;
  out.application = ToApplication(r.slice(1, kRound));
  out.round = ToRoundForApplicant(
      r.slice(kRound, kRound + kRoundForApplicantColumns));
  return out;
}

Application Insert(Tx& tx, const Application& a, absl::Time now,
                   const grants::audit::Event& e) {
  return ToApplication(tx.exec_prepared1(
      "application_insert", a.id, a.round_id, a.organisation_id,
      ToJson(a.content), a.content.amount_requested().minor_units(),
      ToPgArray(Strings(a.content.boroughs_served())),
      ToPgArray(Strings(a.content.target_communities())), Micros(now),
      Micros(e.occurred_at), e.actor, e.role, e.action, e.entity_type,
      e.entity_id, e.request_id, e.peer, e.summary_json, ToHex(e.mac)));
}

std::optional<Application> Get(Tx& tx, const std::string& id, bool for_update) {
  auto rows = tx.exec_prepared(
      for_update ? "application_get_for_update" : "application_get", id);
  if (rows.empty()) return std::nullopt;
  return ToApplication(rows[0]);
}

Application Update(Tx& tx, const Application& a, absl::Time now) {
  return ToApplication(tx.exec_prepared1(
      "application_update", a.id, std::string(StateName(a.state)), a.reference,
      ToJson(a.content), a.content.amount_requested().minor_units(),
      ToPgArray(Strings(a.content.boroughs_served())),
      ToPgArray(Strings(a.content.target_communities())), a.eligibility,
      a.submission_version, a.returned_count, a.return_comment,
      a.withdraw_reason, Micros(now)));
}

Application Save(Tx& tx, const Application& a, absl::Time now,
                 const Submission* s, const grants::audit::Event& e) {
  // The submission's columns are NULL (and nothing is inserted) without one.
  std::string version, submitted_at, content, eligibility, rules;
  if (s) {
    version = std::to_string(s->version);
    submitted_at = std::to_string(Micros(s->submitted_at));
    content = ToJson(s->content);
    eligibility = s->eligible ? "eligible" : "ineligible";
    rules = FailedRulesJson(s->failed_rules);
  }
  auto param = [s](const std::string& v) { return s ? v.c_str() : nullptr; };
  return ToApplication(tx.exec_prepared1(
      "application_save", a.id, std::string(StateName(a.state)), a.reference,
      ToJson(a.content), a.content.amount_requested().minor_units(),
      ToPgArray(Strings(a.content.boroughs_served())),
      ToPgArray(Strings(a.content.target_communities())), a.eligibility,
      a.submission_version, a.returned_count, a.return_comment,
      a.withdraw_reason, Micros(now), param(version), param(submitted_at),
      param(content), param(eligibility), param(rules), Micros(e.occurred_at),
      e.actor, e.role, e.action, e.entity_type, e.entity_id, e.request_id,
      e.peer, e.summary_json, ToHex(e.mac)));
}

std::vector<Application> List(Tx& tx, const Filter& f, int limit, int offset) {
  return MapRows<Application>(
      tx.exec_prepared("application_list", f.organisation_id, f.round_id,
                       f.state, f.borough, f.community, f.eligibility, limit,
                       offset),
      ToApplication);
}

std::optional<Submission> GetSubmission(Tx& tx,
                                        const std::string& application_id,
                                        int version) {
  auto rows = tx.exec_prepared("submission_get", application_id, version);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  Submission s;
  s.version = r[0].as<int>();
  s.submitted_at = TimeAt(r[1]);
  s.content = ContentFrom(r[2].as<std::string>());
  s.eligible = r[3].as<std::string>() == "eligible";
  for (const auto& j : nlohmann::json::parse(r[4].as<std::string>()))
    s.failed_rules.push_back(
        FailedRule{j.value("rule", ""), j.value("description", "")});
  return s;
}

PriorAndReference CountPrior(Tx& tx, const std::string& organisation_id,
                             const std::string& programme_id,
                             const std::string& round_id,
                             const std::string& except_id,
                             bool take_reference) {
  auto r = tx.exec_prepared1("application_prior_counts", organisation_id,
                             programme_id, round_id, except_id, take_reference);
  PriorAndReference out{
      {r[0].as<int>(), r[1].as<int>(), r[2].as<int>(), r[3].as<int>()},
      std::nullopt};
  if (!r[4].is_null()) out.reference_number = r[4].as<int>();
  return out;
}

Extension UpsertExtension(Tx& tx, const Extension& e) {
  return ToExtension(tx.exec_prepared1(
      "extension_upsert", e.round_id, e.organisation_id, Micros(e.closes_at),
      e.reason, e.granted_by, Micros(e.granted_at)));
}

std::optional<Extension> GetExtension(Tx& tx, const std::string& round_id,
                                      const std::string& organisation_id) {
  auto rows = tx.exec_prepared("extension_get", round_id, organisation_id);
  if (rows.empty()) return std::nullopt;
  return ToExtension(rows[0]);
}

std::vector<Extension> ListExtensions(Tx& tx, const std::string& round_id) {
  return MapRows<Extension>(tx.exec_prepared("extension_list", round_id),
                            ToExtension);
}

}  // namespace grants::storage::application_repo
