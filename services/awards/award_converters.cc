// Award conversions.
#include "services/awards/award_converters.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/i18n/catalog.h"
#include "common/london_time.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"

namespace grants::awards {
namespace {

constexpr int kMaxBulk = 500;
constexpr int kMaxConditions = 20;
constexpr int kMaxShares = 100;
constexpr size_t kMaxCommentChars = 2000;

static_assert(v1::AWARD_STATE_TERMINATED ==
              static_cast<int>(AwardState::kTerminated) + 1);
static_assert(v1::AWARD_STATE_COMPLETED ==
              static_cast<int>(AwardState::kCompleted) + 1);

// An offer's conditions, whether an officer writes them or the round's
// settings hold them as standard: up to 20, each 1-500 characters.
void CheckConditions(
    Validator& v, std::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& cs) {
  if (cs.size() > kMaxConditions)
    v.Add(std::string(field), "TOO_MANY", "at most 20 conditions");
  for (int i = 0; i < cs.size() && i < kMaxConditions; ++i)
    v.Text(fmt::format("{}[{}]", field, i), cs.Get(i), 1, kMaxNoteChars);
}

// Translations of conditions: each a language the system knows other than
// English (the conditions' own), once; at most `count` entries, each up to
// 500 characters (empty: shown in English).
std::vector<ConditionsTranslation> CheckTranslations(
    Validator& v, std::string_view field,
    const google::protobuf::RepeatedPtrField<v1::ConditionsTranslation>& ts,
    int count) {
  std::vector<ConditionsTranslation> out;
  std::set<std::string> seen;
  for (int i = 0; i < ts.size(); ++i) {
    std::string at = fmt::format("{}[{}]", field, i);
    CheckConditionsTranslation(v, at, ts.Get(i), count);
    if (!seen.insert(ts.Get(i).language()).second)
      v.Add(at + ".language", "LANGUAGE_DUPLICATE", "each language once");
    out.push_back(
        {ts.Get(i).language(),
         {ts.Get(i).conditions().begin(), ts.Get(i).conditions().end()}});
  }
  return out;
}

void CheckOutcome(Validator& v, v1::Outcome o) {
  if (o != v1::OUTCOME_APPROVE && o != v1::OUTCOME_DECLINE)
    v.Add("outcome", "OUTCOME_REQUIRED", "approve or decline");
}

}  // namespace

void CheckConditionsTranslation(Validator& v, const std::string& field,
                                const v1::ConditionsTranslation& t, int count) {
  const auto& known = i18n::Languages();
  if (t.language() == "en" ||
      std::find(known.begin(), known.end(), t.language()) == known.end())
    v.Add(field + ".language", "LANGUAGE_NOT_SUPPORTED",
          "one of the languages the system knows, other than English (the "
          "conditions' own): pl, ro, bg, pt, rom, ar");
  if (count >= 0 && t.conditions_size() > count)
    v.Add(field + ".conditions", "CONDITION_COUNT_MISMATCH",
          fmt::format("at most one entry per condition ({})", count));
  for (int i = 0; i < t.conditions_size() && i < kMaxConditions; ++i)
    v.Text(fmt::format("{}.conditions[{}]", field, i), t.conditions(i), 0,
           kMaxNoteChars);
}

void CheckPlannedDates(Validator& v, const std::string& start,
                       const std::string& end) {
  if (!start.empty()) v.Date("start_date", start);
  if (!end.empty()) v.Date("end_date", end);
  if (!start.empty() && !end.empty() && end < start)  // ISO dates order as text
    v.Add("end_date", "END_BEFORE_START", "the end is before the start");
}

Outcome FromProto(v1::Outcome o) {
  return o == v1::OUTCOME_DECLINE ? Outcome::kDecline : Outcome::kApprove;
}

v1::Outcome ToProto(Outcome o) {
  return o == Outcome::kDecline ? v1::OUTCOME_DECLINE : v1::OUTCOME_APPROVE;
}

namespace {

void ToProto(const Recommendation& r, const std::string& currency, bool stale,
             v1::Recommendation* out) {
  out->set_id(r.id);
  out->set_outcome(ToProto(r.outcome));
  grants::ToProto(currency, r.amount_minor, out->mutable_amount());
  out->set_reason(r.reason);
  out->set_recommended_by(r.recommended_by);
  out->set_recommender_role(r.recommender_role);
  grants::ToProto(r.recommended_at, out->mutable_recommend_time());
  out->set_submission_version(r.submission_version);
  out->set_stale(stale);
}

}  // namespace

absl::StatusOr<RoundSettings> ToSettings(
    const v1::SetRoundAwardSettingsRequest& r) {
  Validator v;
  v.Id("round_id", r.round_id())
      .Amount(
          "microgrant_threshold",
          r.has_microgrant_threshold() ? &r.microgrant_threshold() : nullptr,
          /*allow_zero=*/true);
  if (r.offer_validity_days() < 1 || r.offer_validity_days() > 365)
    v.Add("offer_validity_days", "VALIDITY_DAYS_INVALID", "must be 1-365");
  if (r.fast_path_mark_percent() < (r.fast_path() ? 1 : 0) ||
      r.fast_path_mark_percent() > 100)
    v.Add("fast_path_mark_percent", "FAST_PATH_MARK_INVALID",
          r.fast_path() ? "with the fast path on, the mark is 1-100"
                        : "the mark is 0-100");
  CheckConditions(v, "standard_conditions", r.standard_conditions());
  auto translations = CheckTranslations(v, "standard_condition_translations",
                                        r.standard_condition_translations(),
                                        r.standard_conditions_size());
  RETURN_IF_ERROR(v.Finish());
  RoundSettings s;
  s.standard_condition_translations = std::move(translations);
  s.fast_path = r.fast_path();
  s.fast_path_mark_percent = r.fast_path_mark_percent();
  s.standard_conditions = {r.standard_conditions().begin(),
                           r.standard_conditions().end()};
  s.id = r.round_id();
  s.currency = r.microgrant_threshold().currency_code();
  s.microgrant_threshold_minor = r.microgrant_threshold().minor_units();
  s.offer_validity_days = r.offer_validity_days();
  return s;
}

absl::StatusOr<RecommendCommand> ToCommand(
    const v1::RecommendApplicationRequest& r) {
  Validator v;
  v.Id("application_id", r.application_id())
      .Multiline("reason", r.reason(), 0, kMaxCommentChars);
  CheckOutcome(v, r.outcome());
  if (r.outcome() == v1::OUTCOME_APPROVE)
    v.Amount("amount", r.has_amount() ? &r.amount() : nullptr);
  RETURN_IF_ERROR(v.Finish());
  return RecommendCommand{r.application_id(), FromProto(r.outcome()),
                          r.amount().currency_code(), r.amount().minor_units(),
                          r.reason()};
}

absl::StatusOr<DecideCommand> ToCommand(const v1::DecideApplicationRequest& r) {
  Validator v;
  v.Id("application_id", r.application_id())
      .Multiline("comment", r.comment(), 0, kMaxCommentChars);
  CheckOutcome(v, r.outcome());
  RETURN_IF_ERROR(v.Finish());
  return DecideCommand{r.application_id(), FromProto(r.outcome()), r.comment(),
                       ""};
}

absl::StatusOr<BulkDecision> ToBulk(const v1::DecideApplicationsRequest& r) {
  Validator v;
  v.Id("round_id", r.round_id())
      .Multiline("comment", r.comment(), 0, kMaxCommentChars);
  CheckOutcome(v, r.outcome());
  if (r.application_ids().empty() || r.application_ids().size() > kMaxBulk)
    v.Add("application_ids", "COUNT_INVALID", "1-500 application ids");
  std::set<std::string> seen;
  for (int i = 0; i < r.application_ids().size() && i < kMaxBulk; ++i) {
    std::string field = fmt::format("application_ids[{}]", i);
    v.Id(field, r.application_ids(i));
    if (!seen.insert(r.application_ids(i)).second)
      v.Add(field, "DUPLICATE_ID", "each application once");
  }
  RETURN_IF_ERROR(v.Finish());
  return BulkDecision{r.round_id(),
                      {r.application_ids().begin(), r.application_ids().end()},
                      FromProto(r.outcome()),
                      r.comment()};
}

absl::StatusOr<OfferCommand> ToCommand(const v1::OfferAwardRequest& r) {
  Validator v;
  v.Id("application_id", r.application_id())
      .Amount("amount", r.has_amount() ? &r.amount() : nullptr);
  CheckConditions(v, "conditions", r.conditions());
  OfferCommand cmd;
  cmd.condition_translations =
      CheckTranslations(v, "condition_translations", r.condition_translations(),
                        r.conditions_size());
  if (!r.expires_local().empty()) {
    auto t = ParseLondonLocal("expires_local", r.expires_local());
    if (t.ok()) cmd.expires_at = *t;
    for (const auto& f : FieldViolationsOf(t.status()))
      v.Add(f.field, f.reason, f.description);
  }
  CheckPlannedDates(v, r.start_date(), r.end_date());
  RETURN_IF_ERROR(v.Finish());
  cmd.start_date = r.start_date();
  cmd.end_date = r.end_date();
  cmd.application_id = r.application_id();
  cmd.currency = r.amount().currency_code();
  cmd.amount_minor = r.amount().minor_units();
  cmd.conditions = {r.conditions().begin(), r.conditions().end()};
  return cmd;
}

absl::StatusOr<FastPathCommand> ToCommand(const v1::ApproveFastPathRequest& r) {
  Validator v;
  v.Id("application_id", r.application_id())
      .Amount("amount", r.has_amount() ? &r.amount() : nullptr)
      .Multiline("comment", r.comment(), 0, kMaxCommentChars);
  RETURN_IF_ERROR(v.Finish());
  return FastPathCommand{r.application_id(), r.amount().currency_code(),
                         r.amount().minor_units(), r.comment()};
}

absl::StatusOr<std::vector<Share>> ToShares(
    const v1::SetAttributionRequest& r) {
  Validator v;
  v.Id("id", r.id());
  if (r.shares().empty() || r.shares().size() > kMaxShares)
    v.Add("shares", "COUNT_INVALID", "1-100 shares");
  std::vector<Share> shares;
  for (int i = 0; i < r.shares().size() && i < kMaxShares; ++i) {
    const v1::FunderShare& s = r.shares(i);
    std::string field = fmt::format("shares[{}]", i);
    v.Id(field + ".funder_id", s.funder_id())
        .Amount(field + ".amount", s.has_amount() ? &s.amount() : nullptr,
                /*allow_zero=*/true);
    shares.push_back({s.funder_id(), s.amount().minor_units()});
  }
  RETURN_IF_ERROR(v.Finish());
  return shares;
}

absl::StatusOr<awards::ListFilter> ToFilter(const v1::ListAwardsRequest& r) {
  Validator v;
  if (!r.round_id().empty()) v.Id("round_id", r.round_id());
  if (!v1::AwardState_IsValid(r.state()))
    v.Add("state", "STATE_INVALID", "unknown award state");
  RETURN_IF_ERROR(v.Finish());
  awards::ListFilter f;
  f.round_id = r.round_id();
  if (r.state() != v1::AWARD_STATE_UNSPECIFIED)
    f.state = std::string(StateName(static_cast<AwardState>(r.state() - 1)));
  return f;
}

void ToProto(const RoundSettings& s, v1::RoundAwardSettings* out) {
  out->set_round_id(s.id);
  grants::ToProto(s.currency, s.microgrant_threshold_minor,
                  out->mutable_microgrant_threshold());
  out->set_offer_validity_days(s.offer_validity_days);
  grants::ToProto(s.currency, s.budget_minor, out->mutable_budget());
  grants::ToProto(s.currency, s.committed_minor, out->mutable_committed());
  grants::ToProto(s.currency, s.budget_minor - s.committed_minor,
                  out->mutable_available());
  out->set_updated_by(s.updated_by);
  if (!s.updated_by.empty())
    grants::ToProto(s.updated_at, out->mutable_update_time());
  out->set_fast_path(s.fast_path);
  out->set_fast_path_mark_percent(s.fast_path_mark_percent);
  for (const auto& c : s.standard_conditions) out->add_standard_conditions(c);
  for (const auto& t : s.standard_condition_translations)
    ToProto(t, out->add_standard_condition_translations());
}

void ToProto(const ConditionsTranslation& t, v1::ConditionsTranslation* out) {
  out->set_language(t.language);
  for (const auto& c : t.conditions) out->add_conditions(c);
}

void ToProto(const Decision& d, v1::Decision* out) {
  out->set_application_id(d.id);
  out->set_round_id(d.round_id);
  out->set_organisation_id(d.organisation_id);
  if (d.recommendation) {
    out->set_state(v1::DECISION_STATE_RECOMMENDED);
    ToProto(*d.recommendation, d.currency, d.stale(),
            out->mutable_recommendation());
  }
  if (!d.decided) return;
  out->set_state(v1::DECISION_STATE_DECIDED);
  out->set_outcome(ToProto(d.outcome));
  grants::ToProto(d.currency, d.approved_minor, out->mutable_approved_amount());
  out->set_comment(d.comment);
  out->set_decided_by(d.decided_by);
  grants::ToProto(d.decided_at, out->mutable_decide_time());
}

void ToProto(const Award& a, v1::Award* out) {
  out->set_id(a.id);
  out->set_application_id(a.application_id);
  out->set_round_id(a.round_id);
  out->set_organisation_id(a.organisation_id);
  out->set_fund_id(a.fund_id);
  out->set_state(static_cast<v1::AwardState>(static_cast<int>(a.state) + 1));
  grants::ToProto(a.currency, a.amount_minor, out->mutable_amount());
  for (const auto& c : a.conditions) out->add_conditions(c);
  for (const auto& c : a.condition_items)
    ToProto(c, out->add_condition_items());
  out->set_fast_path(a.fast_path);
  for (const auto& t : a.condition_translations)
    ToProto(t, out->add_condition_translations());
  grants::ToProto(a.expires_at, out->mutable_expire_time());
  out->set_expires_london(FormatLondon(a.expires_at));
  out->set_offered_by(a.offered_by);
  grants::ToProto(a.offered_at, out->mutable_offer_time());
  out->set_responded_by(a.responded_by);
  if (a.responded_at)
    grants::ToProto(*a.responded_at, out->mutable_respond_time());
  out->set_decline_reason(a.decline_reason);
  out->set_attribution(a.explicit_attribution ? v1::ATTRIBUTION_BASIS_EXPLICIT
                                              : v1::ATTRIBUTION_BASIS_PRO_RATA);
  for (const auto& s : a.shares) {
    auto* share = out->add_shares();
    share->set_funder_id(s.funder_id);
    grants::ToProto(a.currency, s.amount_minor, share->mutable_amount());
  }
  out->set_start_date(a.start_date);
  out->set_end_date(a.end_date);
  out->set_terminated_by(a.terminated_by);
  if (a.terminated_at)
    grants::ToProto(*a.terminated_at, out->mutable_terminate_time());
  out->set_termination_reason(a.termination_reason);
  grants::ToProto(a.currency, a.released_minor, out->mutable_released());
}

void ToProto(const std::string& application_id,
             const absl::StatusOr<Decision>& result, v1::DecisionResult* out) {
  out->set_application_id(application_id);
  if (result.ok()) {
    ToProto(*result, out->mutable_decision());
    return;
  }
  out->set_code(static_cast<int>(result.status().code()));
  out->mutable_error()->set_reason(ReasonOf(result.status()));
  for (const auto& f : FieldViolationsOf(result.status())) {
    auto* fv = out->mutable_error()->add_field_violations();
    fv->set_field(f.field);
    fv->set_reason(f.reason);
    fv->set_description(f.description);
  }
}

void ToProto(const Condition& c, v1::AwardCondition* out) {
  out->set_id(c.id);
  out->set_award_id(c.award_id);
  out->set_number(c.number);
  out->set_text(c.text);
  out->set_state(
      static_cast<v1::ConditionState>(static_cast<int>(c.state) + 1));
  out->set_statement(c.statement);
  for (const auto& d : c.document_ids) out->add_document_ids(d);
  out->set_met_by(c.met_by);
  if (c.met_at) grants::ToProto(*c.met_at, out->mutable_met_time());
  out->set_on_behalf_reason(c.on_behalf_reason);
  out->set_signed_off_by(c.signed_off_by);
  if (c.signed_off_at)
    grants::ToProto(*c.signed_off_at, out->mutable_sign_off_time());
  out->set_return_comment(c.return_comment);
}

absl::StatusOr<MeetCommand> ToCommand(const v1::MeetConditionRequest& r) {
  Validator v;
  v.Id("condition_id", r.condition_id());
  v.Multiline("statement", r.statement(), 0, 2000);
  if (r.document_ids_size() > 10)
    v.Add("document_ids", "TOO_MANY", "at most 10 documents");
  for (int i = 0; i < r.document_ids_size(); ++i)
    v.Id(fmt::format("document_ids[{}]", i), r.document_ids(i));
  if (!r.on_behalf_reason().empty())
    v.Text("on_behalf_reason", r.on_behalf_reason(), 1, 500);
  if (r.statement().empty() && r.document_ids().empty())
    v.Add("statement", "CONDITION_EVIDENCE_REQUIRED",
          "say how the condition is met, or attach a document");
  RETURN_IF_ERROR(v.Finish());
  return MeetCommand{r.condition_id(),
                     r.statement(),
                     {r.document_ids().begin(), r.document_ids().end()},
                     r.on_behalf_reason()};
}

absl::StatusOr<std::pair<std::string, ConditionsTranslation>> ToTranslation(
    const v1::SetConditionTranslationRequest& r) {
  Validator v;
  v.Id("award_id", r.award_id());
  CheckConditionsTranslation(v, "translation", r.translation(), -1);
  RETURN_IF_ERROR(v.Finish());
  const auto& t = r.translation();
  return std::pair{r.award_id(), ConditionsTranslation{t.language(),
                                                       {t.conditions().begin(),
                                                        t.conditions().end()}}};
}

}  // namespace grants::awards
