// Decision repository: one function per statement in queries/.
#include "storage/decision_repository.h"

#include <nlohmann/json.hpp>

#include "storage/rows.h"

namespace grants::storage::decision_repo {
namespace {

Outcome ParseOutcome(const std::string& name) {
  return name == "decline" ? Outcome::kDecline : Outcome::kApprove;
}

Recommendation ToRecommendation(const pqxx::row& r) {
  Recommendation out;
  out.id = r[0].as<std::string>();
  out.application_id = r[1].as<std::string>();
  out.outcome = ParseOutcome(r[2].as<std::string>());
  out.amount_minor = r[3].as<int64_t>();
  out.reason = r[4].as<std::string>();
  out.submission_version = r[5].as<int>();
  out.recommended_by = r[6].as<std::string>();
  out.recommender_role = r[7].as<std::string>();
  out.recommended_at = TimeAt(r[8]);
  return out;
}

std::string TranslationsJson(
    const std::vector<awards::ConditionsTranslation>& translations) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : translations)
    out.push_back({{"language", t.language}, {"conditions", t.conditions}});
  return out.dump();
}

}  // namespace

std::string_view OutcomeName(Outcome o) {
  return o == Outcome::kDecline ? "decline" : "approve";
}

std::optional<RoundSettings> GetSettings(Tx& tx, const std::string& round_id) {
  auto rows = tx.exec_prepared("award_settings_get", round_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  RoundSettings s;
  s.id = r[0].as<std::string>();
  s.currency = r[1].as<std::string>();
  s.microgrant_threshold_minor = r[2].as<int64_t>();
  s.offer_validity_days = r[3].as<int>();
  s.updated_by = r[4].as<std::string>();
  s.updated_at = TimeAt(r[5]);
  s.budget_minor = r[6].as<int64_t>();
  s.committed_minor = r[7].as<int64_t>();
  s.fast_path = r[8].as<bool>();
  s.fast_path_mark_percent = r[9].as<int>();
  s.standard_conditions = FromPgArray(r[10]);
  for (const auto& t : nlohmann::json::parse(r[11].as<std::string>()))
    s.standard_condition_translations.push_back(
        {t.at("language").get<std::string>(),
         t.at("conditions").get<std::vector<std::string>>()});
  return s;
}

void UpsertSettings(Tx& tx, const RoundSettings& s, const std::string& actor,
                    absl::Time now) {
  tx.exec_prepared0("award_settings_upsert", s.id, s.microgrant_threshold_minor,
                    s.offer_validity_days, actor, Micros(now), s.fast_path,
                    s.fast_path_mark_percent, ToPgArray(s.standard_conditions),
                    TranslationsJson(s.standard_condition_translations));
}

Recommendation InsertRecommendation(Tx& tx, const Recommendation& r) {
  return ToRecommendation(
      tx.exec_prepared1("recommendation_insert", r.application_id,
                        std::string(OutcomeName(r.outcome)), r.amount_minor,
                        r.reason, r.submission_version, r.recommended_by,
                        r.recommender_role, Micros(r.recommended_at)));
}

std::optional<Recommendation> LatestRecommendation(
    Tx& tx, const std::string& application_id) {
  auto rows = tx.exec_prepared("recommendation_latest", application_id);
  if (rows.empty()) return std::nullopt;
  return ToRecommendation(rows[0]);
}

std::optional<Decided> GetDecided(Tx& tx, const std::string& application_id) {
  auto rows = tx.exec_prepared("decision_get", application_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Decided{ParseOutcome(r[0].as<std::string>()), r[1].as<int64_t>(),
                 r[2].as<std::string>(), r[3].as<std::string>(), TimeAt(r[4])};
}

void InsertDecision(Tx& tx, const std::string& application_id,
                    const Recommendation& on, const Decided& d) {
  tx.exec_prepared0("decision_insert", application_id, on.id,
                    std::string(OutcomeName(d.outcome)), d.approved_minor,
                    d.comment, on.recommended_by, d.decided_by,
                    Micros(d.decided_at));
}

}  // namespace grants::storage::decision_repo
