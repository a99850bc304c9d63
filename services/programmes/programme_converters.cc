// Programme conversions and field validation.
#include "services/programmes/programme_converters.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "common/i18n/catalog.h"
#include "common/london_time.h"
#include "common/reference_data.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"

namespace grants::programmes {
namespace {

constexpr int kMaxListItems = 50;

// Domain states are the proto's, shifted past UNSPECIFIED.
static_assert(static_cast<int>(RoundState::kDraft) + 1 == v1::ROUND_STATE_DRAFT);
static_assert(static_cast<int>(RoundState::kCancelled) + 1 ==
              v1::ROUND_STATE_CANCELLED);

// Validates one money field of a spec and checks its currency matches the
// others'; records violations in `v`.
void CheckMoney(Validator& v, const char* field, const v1::Money* m,
                std::string* currency) {
  v.Amount(std::string("spec.") + field, m);
  if (m == nullptr) return;
  if (currency->empty()) *currency = m->currency_code();
  else if (*currency != m->currency_code())
    v.Add(std::string("spec.") + field + ".currency_code", "CURRENCY_MISMATCH",
          "all amounts of a round must be in one currency");
}

const v1::Money* MoneyOrNull(bool has, const v1::Money& m) {
  return has ? &m : nullptr;
}

// Parses a London time into `out`, recording a violation in `v` on error.
void ParseTime(Validator& v, const char* field, const std::string& text,
               absl::Time* out) {
  auto t = ParseLondonLocal(std::string("spec.") + field, text);
  if (t.ok()) {
    *out = *t;
    return;
  }
  for (const auto& f : FieldViolationsOf(t.status()))
    v.Add(f.field, f.reason, f.description);
}

constexpr int kMaxQuestions = 30;
constexpr int kMaxHintChars = 1000;
constexpr int kMaxRoundDescriptionChars = 4000;
constexpr int kMaxQuestionChars = 2000;
constexpr int kMaxLimit = 100;

// A per-organisation limit of the rules: 0 (none) to kMaxLimit. Small
// grants go to many groups; a limit above this is a typo, not a policy.
int Limit(Validator& v, const std::string& name, int32_t value) {
  const std::string field = "spec.eligibility." + name;
  if (value < 0)
    v.Add(field, "MUST_NOT_BE_NEGATIVE", "must not be negative");
  else if (value > kMaxLimit)
    v.Add(field, "OUT_OF_RANGE",
          "must be at most " + std::to_string(kMaxLimit) + " (0: no limit)");
  return value;
}

// "accounts" for DOCUMENT_KIND_ACCOUNTS: the name the rules store.
std::string DocumentKindName(v1::DocumentKind kind) {
  std::string name(v1::DocumentKind_Name(kind).substr(
      std::string_view("DOCUMENT_KIND_").size()));
  for (char& c : name) c = static_cast<char>(std::tolower(c));
  return name;
}

v1::DocumentKind DocumentKindOf(const std::string& name) {
  std::string upper = "DOCUMENT_KIND_" + name;
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  v1::DocumentKind kind = v1::DOCUMENT_KIND_UNSPECIFIED;
  v1::DocumentKind_Parse(upper, &kind);
  return kind;
}

// Validates and converts eligibility rules; `currency` is the round's.
EligibilityRules ToRules(Validator& v, const v1::EligibilityRules& r,
                         std::string* currency) {
  EligibilityRules out;
  for (int i = 0; i < r.allowed_legal_forms_size(); ++i) {
    const std::string& code = r.allowed_legal_forms(i).code();
    if (!IsLegalFormCode(code))
      v.Add("spec.eligibility.allowed_legal_forms[" + std::to_string(i) + "]",
            "LEGAL_FORM_UNKNOWN", "unknown legal form code");
    out.allowed_legal_forms.push_back(code);
  }
  if (r.has_max_annual_income()) {
    CheckMoney(v, "eligibility.max_annual_income", &r.max_annual_income(),
               currency);
    out.max_annual_income_minor = r.max_annual_income().minor_units();
  }
  for (int i = 0; i < r.boroughs_size(); ++i) {
    if (!IsGssCode(r.boroughs(i)))
      v.Add("spec.eligibility.boroughs[" + std::to_string(i) + "]",
            "BOROUGH_INVALID", "must be an ONS GSS code such as E09000001");
    out.boroughs.push_back(r.boroughs(i));
  }
  out.london_only = r.london_only();
  out.max_applications_per_programme = Limit(
      v, "max_applications_per_programme", r.max_applications_per_programme());
  out.max_applications_per_round =
      Limit(v, "max_applications_per_round", r.max_applications_per_round());
  out.max_grants_per_round =
      Limit(v, "max_grants_per_round", r.max_grants_per_round());
  out.max_grants_per_programme =
      Limit(v, "max_grants_per_programme", r.max_grants_per_programme());
  std::set<int> kinds;
  for (int i = 0; i < r.required_documents_size(); ++i) {
    const std::string field =
        "spec.eligibility.required_documents[" + std::to_string(i) + "]";
    auto kind = r.required_documents(i);
    if (kind == v1::DOCUMENT_KIND_UNSPECIFIED || !v1::DocumentKind_IsValid(kind))
      v.Add(field, "KIND_REQUIRED", "a document kind");
    else if (!kinds.insert(kind).second)
      v.Add(field, "DUPLICATE", "each kind at most once");
    else
      out.required_documents.push_back(DocumentKindName(kind));
  }
  return out;
}

std::vector<Question> ToQuestions(
    Validator& v, const google::protobuf::RepeatedPtrField<v1::Question>& qs) {
  std::vector<Question> out;
  std::set<std::string> seen;
  if (qs.size() > kMaxQuestions) v.Add("spec.questions", "TOO_MANY", "at most 30");
  for (int i = 0; i < qs.size(); ++i) {
    const auto& q = qs[i];
    std::string field = "spec.questions[" + std::to_string(i) + "]";
    v.Code(field + ".id", q.id()).Text(field + ".text", q.text(), 1, kMaxNoteChars);
    if (!seen.insert(q.id()).second)
      v.Add(field + ".id", "DUPLICATE_QUESTION", "question ids must be unique");
    if (q.max_chars() < 1 || q.max_chars() > 10000)
      v.Add(field + ".max_chars", "OUT_OF_RANGE", "must be 1-10000");
    v.Multiline(field + ".hint", q.hint(), 0, kMaxHintChars);
    out.push_back({q.id(), q.text(), q.required(), q.max_chars(), q.hint()});
  }
  return out;
}

}  // namespace

absl::StatusOr<Programme> ToCommand(const v1::CreateProgrammeRequest& r) {
  static const std::regex kCode("^[A-Z0-9]{2,12}$");
  Validator v;
  if (!std::regex_match(r.code(), kCode))
    v.Add("code", "CODE_INVALID", "must be 2-12 of A-Z and 0-9");
  v.Text("name", r.name(), 1, kMaxNameChars)
      .Multiline("description", r.description(), 0, kMaxDescriptionChars)
      .Id("fund_id", r.fund_id());
  if (r.priority_communities_size() > kMaxListItems)
    v.Add("priority_communities", "TOO_MANY", "at most 50");
  for (int i = 0; i < r.priority_communities_size(); ++i)
    v.Code("priority_communities[" + std::to_string(i) + "]",
           r.priority_communities(i));
  if (r.target_outcomes_size() > kMaxListItems)
    v.Add("target_outcomes", "TOO_MANY", "at most 50");
  for (int i = 0; i < r.target_outcomes_size(); ++i)
    v.Text("target_outcomes[" + std::to_string(i) + "]", r.target_outcomes(i),
           1, kMaxNoteChars);
  RETURN_IF_ERROR(v.Finish());
  Programme p;
  p.code = r.code();
  p.name = r.name();
  p.description = r.description();
  p.fund_id = r.fund_id();
  p.priority_communities.assign(r.priority_communities().begin(),
                                r.priority_communities().end());
  p.target_outcomes.assign(r.target_outcomes().begin(),
                           r.target_outcomes().end());
  return p;
}

absl::StatusOr<RoundSpec> ToSpec(const v1::RoundSpec& s) {
  Validator v;
  RoundSpec spec;
  v.Text("spec.name", s.name(), 1, kMaxNameChars);
  ParseTime(v, "opens_local", s.opens_local(), &spec.opens_at);
  ParseTime(v, "closes_local", s.closes_local(), &spec.closes_at);
  CheckMoney(v, "budget", MoneyOrNull(s.has_budget(), s.budget()), &spec.currency);
  CheckMoney(v, "min_grant", MoneyOrNull(s.has_min_grant(), s.min_grant()),
             &spec.currency);
  CheckMoney(v, "max_grant", MoneyOrNull(s.has_max_grant(), s.max_grant()),
             &spec.currency);
  spec.eligibility = ToRules(v, s.eligibility(), &spec.currency);
  spec.questions = ToQuestions(v, s.questions());
  v.Multiline("spec.description", s.description(), 0,
              kMaxRoundDescriptionChars);
  RETURN_IF_ERROR(v.Finish());
  spec.name = s.name();
  spec.description = s.description();
  spec.budget_minor = s.budget().minor_units();
  spec.min_grant_minor = s.min_grant().minor_units();
  spec.max_grant_minor = s.max_grant().minor_units();
  return spec;
}

absl::StatusOr<RoundPatch> ToPatch(const v1::UpdateRoundRequest& r) {
  Validator v;
  v.Id("round_id", r.round_id());
  if (r.update_mask().empty())
    v.Add("update_mask", "UPDATE_MASK_INVALID", "name at least one field");
  RoundPatch p;
  std::string currency;
  const v1::RoundSpec& s = r.spec();
  for (const std::string& field : std::set<std::string>(
           r.update_mask().begin(), r.update_mask().end())) {
    if (field == "name") {
      v.Text("spec.name", s.name(), 1, kMaxNameChars);
      p.name = s.name();
    } else if (field == "opens_local") {
      ParseTime(v, "opens_local", s.opens_local(), &p.opens_at.emplace());
    } else if (field == "closes_local") {
      ParseTime(v, "closes_local", s.closes_local(), &p.closes_at.emplace());
    } else if (field == "budget") {
      CheckMoney(v, "budget", MoneyOrNull(s.has_budget(), s.budget()), &currency);
      p.budget_minor = s.budget().minor_units();
    } else if (field == "min_grant") {
      CheckMoney(v, "min_grant", MoneyOrNull(s.has_min_grant(), s.min_grant()),
                 &currency);
      p.min_grant_minor = s.min_grant().minor_units();
    } else if (field == "max_grant") {
      CheckMoney(v, "max_grant", MoneyOrNull(s.has_max_grant(), s.max_grant()),
                 &currency);
      p.max_grant_minor = s.max_grant().minor_units();
    } else if (field == "eligibility") {
      p.eligibility = ToRules(v, s.eligibility(), &currency);
    } else if (field == "questions") {
      p.questions = ToQuestions(v, s.questions());
    } else if (field == "description") {
      v.Multiline("spec.description", s.description(), 0,
                  kMaxRoundDescriptionChars);
      p.description = s.description();
    } else {
      v.Add("update_mask", "UPDATE_MASK_INVALID",
            "unknown field '" + field + "'");
    }
  }
  RETURN_IF_ERROR(v.Finish());
  if (!currency.empty()) p.currency = currency;
  return p;
}

absl::StatusOr<RoundTranslation> ToTranslation(
    const v1::SetRoundTranslationRequest& r) {
  Validator v;
  v.Id("round_id", r.round_id());
  const v1::RoundTranslation& t = r.translation();
  const auto& known = i18n::Languages();
  if (t.language() == "en" ||
      std::find(known.begin(), known.end(), t.language()) == known.end())
    v.Add("translation.language", "LANGUAGE_NOT_SUPPORTED",
          "one of the languages the system knows, other than English (the "
          "round's own text): pl, ro, bg, pt, rom, ar");
  v.Text("translation.name", t.name(), 0, kMaxNameChars)
      .Multiline("translation.description", t.description(), 0,
                 kMaxRoundDescriptionChars);
  RoundTranslation out{t.language(), t.name(), t.description(), {}};
  for (int i = 0; i < t.questions_size(); ++i) {
    const auto& q = t.questions(i);
    std::string field = "translation.questions[" + std::to_string(i) + "]";
    v.Code(field + ".question_id", q.question_id())
        .Multiline(field + ".text", q.text(), 0, kMaxQuestionChars)
        .Multiline(field + ".hint", q.hint(), 0, kMaxHintChars);
    out.questions.push_back({q.question_id(), q.text(), q.hint()});
  }
  RETURN_IF_ERROR(v.Finish());
  return out;
}

absl::StatusOr<RoundFilter> ToFilter(const v1::ListRoundsRequest& r) {
  Validator v;
  if (!r.programme_id().empty()) v.Id("programme_id", r.programme_id());
  if (!v1::RoundState_IsValid(r.state()))
    v.Add("state", "STATE_INVALID", "unknown round state");
  RETURN_IF_ERROR(v.Finish());
  RoundFilter f{r.programme_id(), std::nullopt};
  if (r.state() != v1::ROUND_STATE_UNSPECIFIED)
    f.state = static_cast<RoundState>(r.state() - 1);
  return f;
}

void ToProto(const Programme& p, v1::Programme* out) {
  out->set_id(p.id);
  out->set_code(p.code);
  out->set_name(p.name);
  out->set_description(p.description);
  out->set_fund_id(p.fund_id);
  for (const auto& c : p.priority_communities) out->add_priority_communities(c);
  for (const auto& o : p.target_outcomes) out->add_target_outcomes(o);
  grants::ToProto(p.created_at, out->mutable_create_time());
}

void ToProto(const Round& r, v1::Round* out) {
  out->set_id(r.id);
  out->set_programme_id(r.programme_id);
  out->set_number(r.number);
  out->set_reference(r.reference());
  out->set_name(r.spec.name);
  out->set_state(static_cast<v1::RoundState>(static_cast<int>(r.state) + 1));
  grants::ToProto(r.spec.opens_at, out->mutable_opens_at());
  grants::ToProto(r.spec.closes_at, out->mutable_closes_at());
  out->set_opens_london(FormatLondon(r.spec.opens_at));
  out->set_closes_london(FormatLondon(r.spec.closes_at));
  grants::ToProto(r.spec.currency, r.spec.budget_minor, out->mutable_budget());
  grants::ToProto(r.spec.currency, r.spec.min_grant_minor,
                  out->mutable_min_grant());
  grants::ToProto(r.spec.currency, r.spec.max_grant_minor,
                  out->mutable_max_grant());
  out->set_cancel_reason(r.cancel_reason);
  grants::ToProto(r.created_at, out->mutable_create_time());
  grants::ToProto(r.updated_at, out->mutable_update_time());
  const EligibilityRules& e = r.spec.eligibility;
  auto* rules = out->mutable_eligibility();
  for (const auto& f : e.allowed_legal_forms)
    rules->add_allowed_legal_forms()->set_code(f);
  if (e.max_annual_income_minor > 0)
    grants::ToProto(r.spec.currency, e.max_annual_income_minor,
                    rules->mutable_max_annual_income());
  for (const auto& b : e.boroughs) rules->add_boroughs(b);
  rules->set_london_only(e.london_only);
  rules->set_max_applications_per_programme(e.max_applications_per_programme);
  rules->set_max_applications_per_round(e.max_applications_per_round);
  rules->set_max_grants_per_round(e.max_grants_per_round);
  rules->set_max_grants_per_programme(e.max_grants_per_programme);
  for (const auto& kind : e.required_documents)
    rules->add_required_documents(DocumentKindOf(kind));
  for (const auto& q : r.spec.questions) {
    auto* pq = out->add_questions();
    pq->set_id(q.id);
    pq->set_text(q.text);
    pq->set_required(q.required);
    pq->set_max_chars(q.max_chars);
    pq->set_hint(q.hint);
  }
  out->set_description(r.spec.description);
  for (const auto& t : r.translations) {
    auto* pt = out->add_translations();
    pt->set_language(t.language);
    pt->set_name(t.name);
    pt->set_description(t.description);
    for (const auto& q : t.questions) {
      auto* pq = pt->add_questions();
      pq->set_question_id(q.question_id);
      pq->set_text(q.text);
      pq->set_hint(q.hint);
    }
  }
}

}  // namespace grants::programmes
