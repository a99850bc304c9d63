// Application repository: one function per statement in queries/.
#include "storage/application_repository.h"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include <array>

#include "storage/programme_repository.h"
#include "storage/rows.h"

namespace grants::storage::application_repo {
namespace {

using grants::applications::Content;
using grants::applications::FailedRule;
using grants::applications::State;

constexpr std::array<std::pair<State, std::string_view>, 6> kStates = {{
    {State::kDraft, "draft"},
    {State::kSubmitted, "submitted"},
    {State::kReturned, "returned"},
    {State::kWithdrawn, "withdrawn"},
    {State::kApproved, "approved"},
    {State::kDeclined, "declined"},
}};

State ParseState(const std::string& name) {
  for (const auto& [s, n] : kStates)
    if (n == name) return s;
  return State::kDraft;
}

std::string ToJson(const Content& c) { return ProtoToJson(c); }

Content ContentFrom(const std::string& json) {
  Content c;
  ProtoFromJson(json, &c);
  return c;
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
  a.state = ParseState(r[4].as<std::string>());
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

Extension ToExtension(const pqxx::row& r) {
  return {r[0].as<std::string>() + "/" + r[1].as<std::string>(),
          r[0].as<std::string>(), r[1].as<std::string>(), TimeAt(r[2]),
          r[3].as<std::string>(), r[4].as<std::string>(), TimeAt(r[5])};
}

}  // namespace

std::string_view StateName(State s) {
  for (const auto& [state, name] : kStates)
    if (state == s) return name;
  return "draft";
}

Application Insert(Tx& tx, const Application& a, absl::Time now) {
  return ToApplication(tx.exec_prepared1(
      "application_insert", a.round_id, a.organisation_id, ToJson(a.content),
      a.content.amount_requested().minor_units(),
      ToPgArray(Strings(a.content.boroughs_served())),
      ToPgArray(Strings(a.content.target_communities())), Micros(now)));
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

std::vector<Application> List(Tx& tx, const Filter& f, int limit, int offset) {
  return MapRows<Application>(
      tx.exec_prepared("application_list", f.organisation_id, f.round_id,
                       f.state, f.borough, f.community, f.eligibility, limit,
                       offset),
      ToApplication);
}

void InsertSubmission(Tx& tx, const std::string& application_id,
                      const Submission& s) {
  auto rules = nlohmann::json::array();
  for (const auto& f : s.failed_rules)
    rules.push_back({{"rule", f.rule}, {"description", f.description}});
  tx.exec_prepared0("submission_insert", application_id, s.version,
                    Micros(s.submitted_at), ToJson(s.content),
                    std::string(s.eligible ? "eligible" : "ineligible"),
                    rules.dump());
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

int NextReferenceNumber(Tx& tx, const std::string& round_id) {
  return tx.exec_prepared1("round_reference_next", round_id)[0].as<int>();
}

grants::applications::PriorCounts CountPrior(Tx& tx,
                                             const std::string& organisation_id,
                                             const std::string& programme_id,
                                             const std::string& round_id,
                                             const std::string& except_id) {
  auto r = tx.exec_prepared1("application_prior_counts", organisation_id,
                             programme_id, round_id, except_id);
  return {r[0].as<int>(), r[1].as<int>(), r[2].as<int>(), r[3].as<int>()};
}

Extension UpsertExtension(Tx& tx, const Extension& e) {
  return ToExtension(tx.exec_prepared1(
      "extension_upsert", e.round_id, e.organisation_id, Micros(e.closes_at),
      e.reason, e.granted_by, Micros(e.granted_at)));
}

std::optional<RoundForApplicant> GetRoundForApplicant(
    Tx& tx, const std::string& round_id, const std::string& organisation_id) {
  auto rows = tx.exec_prepared("round_for_applicant", round_id, organisation_id);
  if (rows.empty()) return std::nullopt;
  const pqxx::row& r = rows[0];
  RoundForApplicant out{programme_repo::ToRoundRow(r).round, FromPgArray(r[18]),
                        std::nullopt, std::nullopt};
  if (!r[19].is_null()) out.extension_closes_at = TimeAt(r[19]);
  if (!r[20].is_null()) out.organisation_language = r[20].as<std::string>();
  return out;
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
