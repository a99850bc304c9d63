// Application conversions.
#include "services/applications/application_converters.h"

#include "common/london_time.h"
#include "services/common/proto_convert.h"
#include "common/reference_data.h"
#include "services/common/validation.h"

namespace grants::applications {
namespace {

static_assert(v1::APPLICATION_STATE_WITHDRAWN ==
              static_cast<int>(State::kWithdrawn) + 1);
static_assert(v1::APPLICATION_STATE_DECLINED ==
              static_cast<int>(State::kDeclined) + 1);

v1::ApplicationState ToProto(State s) {
  return static_cast<v1::ApplicationState>(static_cast<int>(s) + 1);
}

v1::Eligibility EligibilityOf(const std::string& e) {
  if (e == "eligible") return v1::ELIGIBILITY_ELIGIBLE;
  if (e == "ineligible") return v1::ELIGIBILITY_INELIGIBLE;
  return v1::ELIGIBILITY_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<applications::ListFilter> ToFilter(
    const v1::ListApplicationsRequest& r) {
  Validator v;
  if (!r.round_id().empty()) v.Id("round_id", r.round_id());
  if (!v1::ApplicationState_IsValid(r.state()))
    v.Add("state", "STATE_INVALID", "unknown application state");
  if (!r.borough_code().empty() && !IsGssCode(r.borough_code()))
    v.Add("borough_code", "BOROUGH_INVALID", "must be an ONS GSS code");
  if (!r.community().empty()) v.Code("community", r.community());
  if (!v1::Eligibility_IsValid(r.eligibility()))
    v.Add("eligibility", "ELIGIBILITY_INVALID", "unknown eligibility");
  RETURN_IF_ERROR(v.Finish());
  applications::ListFilter f;
  f.round_id = r.round_id();
  if (r.state() != v1::APPLICATION_STATE_UNSPECIFIED)
    f.state = std::string(StateName(
        static_cast<State>(r.state() - 1)));
  f.borough = r.borough_code();
  f.community = r.community();
  if (r.eligibility() == v1::ELIGIBILITY_ELIGIBLE) f.eligibility = "eligible";
  if (r.eligibility() == v1::ELIGIBILITY_INELIGIBLE) f.eligibility = "ineligible";
  return f;
}

absl::StatusOr<Extension> ToExtension(const v1::GrantExtensionRequest& r) {
  Validator v;
  v.Id("round_id", r.round_id())
      .Text("organisation_id", r.organisation_id(), 1, 64)
      .Text("reason", r.reason(), 1, kMaxNoteChars);
  Extension e;
  auto t = ParseLondonLocal("closes_local", r.closes_local());
  if (t.ok()) e.closes_at = *t;
  for (const auto& f : FieldViolationsOf(t.status()))
    v.Add(f.field, f.reason, f.description);
  RETURN_IF_ERROR(v.Finish());
  e.round_id = r.round_id();
  e.organisation_id = r.organisation_id();
  e.reason = r.reason();
  return e;
}

void ToProto(const Application& a, v1::Application* out) {
  out->set_id(a.id);
  out->set_round_id(a.round_id);
  out->set_organisation_id(a.organisation_id);
  out->set_reference(a.reference);
  out->set_state(ToProto(a.state));
  *out->mutable_content() = a.content;
  if (a.submission_version > 0) {
    auto* s = out->mutable_submission();
    s->set_version(a.submission_version);
    s->set_eligibility(EligibilityOf(a.eligibility));
    if (a.submission) {
      grants::ToProto(a.submission->submitted_at, s->mutable_submit_time());
      *s->mutable_content() = a.submission->content;
      for (const auto& f : a.submission->failed_rules) {
        auto* pf = s->add_failed_rules();
        pf->set_rule(f.rule);
        pf->set_description(f.description);
      }
    }
  }
  out->set_return_comment(a.return_comment);
  out->set_withdraw_reason(a.withdraw_reason);
  if (a.deadline > absl::UnixEpoch())
    out->set_deadline_london(FormatLondon(a.deadline));
  grants::ToProto(a.created_at, out->mutable_create_time());
  grants::ToProto(a.updated_at, out->mutable_update_time());
  for (const auto& act : a.acts_on_behalf) {
    auto* pa = out->add_acts_on_behalf();
    pa->set_officer(act.officer);
    pa->set_organisation_id(act.organisation_id);
    pa->set_action(act.action);
    pa->set_reason(act.reason);
    grants::ToProto(act.acted_at, pa->mutable_act_time());
  }
}

void ToProto(const Extension& e, v1::Extension* out) {
  out->set_round_id(e.round_id);
  out->set_organisation_id(e.organisation_id);
  grants::ToProto(e.closes_at, out->mutable_closes_at());
  out->set_closes_london(FormatLondon(e.closes_at));
  out->set_reason(e.reason);
  out->set_granted_by(e.granted_by);
  grants::ToProto(e.granted_at, out->mutable_grant_time());
}

}  // namespace grants::applications
