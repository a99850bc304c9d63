// Programme repository: one function per statement in queries/.
#include "storage/programme_repository.h"

#include <array>

#include <nlohmann/json.hpp>

#include "storage/rows.h"

namespace grants::storage::programme_repo {
namespace {

std::string ToJson(const programmes::EligibilityRules& e) {
  return nlohmann::json{{"allowed_legal_forms", e.allowed_legal_forms},
                        {"max_annual_income_minor", e.max_annual_income_minor},
                        {"boroughs", e.boroughs},
                        {"london_only", e.london_only},
                        {"max_applications_per_programme",
                         e.max_applications_per_programme},
                        {"max_applications_per_round",
                         e.max_applications_per_round},
                        {"max_grants_per_round", e.max_grants_per_round},
                        {"max_grants_per_programme",
                         e.max_grants_per_programme},
                        {"required_documents", e.required_documents}}
      .dump();
}

programmes::EligibilityRules EligibilityFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  programmes::EligibilityRules e;
  e.allowed_legal_forms =
      j.value("allowed_legal_forms", std::vector<std::string>{});
  e.max_annual_income_minor = j.value("max_annual_income_minor", int64_t{0});
  e.boroughs = j.value("boroughs", std::vector<std::string>{});
  e.london_only = j.value("london_only", false);
  e.max_applications_per_programme =
      j.value("max_applications_per_programme", 0);
  // Rounds stored before migration 0003 have no keys for these: no limit.
  e.max_applications_per_round = j.value("max_applications_per_round", 0);
  e.max_grants_per_round = j.value("max_grants_per_round", 0);
  e.max_grants_per_programme = j.value("max_grants_per_programme", 0);
  e.required_documents =
      j.value("required_documents", std::vector<std::string>{});
  return e;
}

std::string ToJson(const std::vector<programmes::Question>& questions) {
  auto out = nlohmann::json::array();
  for (const auto& q : questions)
    out.push_back({{"id", q.id},
                   {"text", q.text},
                   {"required", q.required},
                   {"max_chars", q.max_chars},
                   {"hint", q.hint}});
  return out.dump();
}

std::vector<programmes::Question> QuestionsFromJson(const std::string& text) {
  std::vector<programmes::Question> out;
  for (const auto& j : nlohmann::json::parse(text))
    out.push_back({j.value("id", ""), j.value("text", ""),
                   j.value("required", false), j.value("max_chars", 2000),
                   j.value("hint", "")});
  return out;
}

Programme ToProgramme(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(),
          r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::string>(), FromPgArray(r[5]),
          FromPgArray(r[6]),      TimeAt(r[7])};
}

}  // namespace

RoundRow ToRoundRow(const pqxx::row& r) {
  Round round;
  round.id = r[0].as<std::string>();
  round.programme_id = r[1].as<std::string>();
  round.programme_code = r[2].as<std::string>();
  round.number = r[3].as<int>();
  round.state = programmes::ParseRoundState(r[4].as<std::string>())
                    .value_or(RoundState::kDraft);
  round.spec.opens_at = TimeAt(r[5]);
  round.spec.closes_at = TimeAt(r[6]);
  round.spec.currency = r[7].as<std::string>();
  round.spec.budget_minor = r[8].as<int64_t>();
  round.spec.min_grant_minor = r[9].as<int64_t>();
  round.spec.max_grant_minor = r[10].as<int64_t>();
  round.cancel_reason = r[11].as<std::string>();
  round.created_at = TimeAt(r[12]);
  round.updated_at = TimeAt(r[13]);
  round.spec.name = r[14].as<std::string>();
  round.spec.eligibility = EligibilityFromJson(r[16].as<std::string>());
  round.spec.questions = QuestionsFromJson(r[17].as<std::string>());
  return {std::move(round), r[15].as<std::string>()};
}

Programme InsertProgramme(Tx& tx, const Programme& p, absl::Time now) {
  return ToProgramme(tx.exec_prepared1(
      "programme_insert", p.code, p.name, p.description, p.fund_id,
      ToPgArray(p.priority_communities), ToPgArray(p.target_outcomes),
      Micros(now)));
}

std::optional<Programme> GetProgramme(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("programme_get", id);
  if (rows.empty()) return std::nullopt;
  return ToProgramme(rows[0]);
}

std::vector<Programme> ListProgrammes(Tx& tx, int limit, int offset) {
  return MapRows<Programme>(tx.exec_prepared("programme_list", limit, offset),
                            ToProgramme);
}

std::optional<NextRound> TakeNextRoundNumber(Tx& tx,
                                             const std::string& programme_id) {
  auto rows = tx.exec_prepared("programme_next_round", programme_id);
  if (rows.empty()) return std::nullopt;
  return NextRound{rows[0][0].as<int>(), rows[0][1].as<std::string>(),
                   rows[0][2].as<std::string>()};
}

RoundRow InsertRound(Tx& tx, const std::string& programme_id, int number,
                     const programmes::RoundSpec& spec, absl::Time now) {
  return ToRoundRow(tx.exec_prepared1(
      "round_insert", programme_id, number, spec.name, Micros(spec.opens_at),
      Micros(spec.closes_at), spec.currency, spec.budget_minor,
      spec.min_grant_minor, spec.max_grant_minor, Micros(now),
      ToJson(spec.eligibility), ToJson(spec.questions)));
}

std::optional<RoundRow> GetRound(Tx& tx, const std::string& id, Lock lock) {
  auto rows = tx.exec_prepared(
      lock == Lock::kUpdate ? "round_get_for_update" : "round_get", id);
  if (rows.empty()) return std::nullopt;
  return ToRoundRow(rows[0]);
}

RoundRow UpdateRound(Tx& tx, const Round& r, absl::Time now) {
  return ToRoundRow(tx.exec_prepared1(
      "round_update", r.id, r.spec.name, Micros(r.spec.opens_at),
      Micros(r.spec.closes_at), r.spec.budget_minor, r.spec.min_grant_minor,
      r.spec.max_grant_minor, std::string(StateName(r.state)),
      r.cancel_reason, Micros(now), ToJson(r.spec.eligibility),
      ToJson(r.spec.questions)));
}

void CreateReferenceSequence(Tx& tx, const std::string& round_id) {
  tx.exec_prepared("round_reference_create", round_id);
}

std::vector<Round> ListRounds(Tx& tx, const std::string& programme_id,
                              std::optional<RoundState> state, int limit,
                              int offset) {
  std::string state_name = state ? std::string(StateName(*state)) : "";
  return MapRows<Round>(tx.exec_prepared("round_list", programme_id,
                                         state_name, limit, offset),
                        [](const pqxx::row& r) { return ToRoundRow(r).round; });
}

void SetDescription(Tx& tx, const std::string& round_id,
                    const std::string& description) {
  tx.exec_prepared0("round_description_set", round_id, description);
}

RoundTexts GetTexts(Tx& tx, const std::string& round_id) {
  RoundTexts out;
  auto rows = tx.exec_prepared("round_texts_get", round_id);
  if (rows.empty()) return out;
  out.description = rows[0][0].as<std::string>();
  for (const auto& j : nlohmann::json::parse(rows[0][1].as<std::string>())) {
    programmes::RoundTranslation t{j.value("language", ""),
                                   j.value("name", ""),
                                   j.value("description", ""),
                                   {}};
    for (const auto& q : j.value("questions", nlohmann::json::array()))
      t.questions.push_back({q.value("question_id", ""), q.value("text", ""),
                             q.value("hint", "")});
    out.translations.push_back(std::move(t));
  }
  return out;
}

void UpsertTranslation(Tx& tx, const std::string& round_id,
                       const programmes::RoundTranslation& t,
                       const std::string& by, absl::Time now) {
  auto questions = nlohmann::json::array();
  for (const auto& q : t.questions)
    questions.push_back(
        {{"question_id", q.question_id}, {"text", q.text}, {"hint", q.hint}});
  tx.exec_prepared0("round_translation_upsert", round_id, t.language, t.name,
                    t.description, questions.dump(), by, Micros(now));
}

}  // namespace grants::storage::programme_repo
