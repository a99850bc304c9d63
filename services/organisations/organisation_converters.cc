// Organisation conversions.
#include "services/organisations/organisation_converters.h"

#include <set>

#include "services/common/proto_convert.h"
#include "common/reference_data.h"
#include "services/common/validation.h"

namespace grants::organisations {
namespace {

std::string LegalFormCode(v1::LegalForm f) {
  int i = static_cast<int>(f) - 1;
  return i >= 0 && i < static_cast<int>(kLegalFormCodes.size())
             ? std::string(kLegalFormCodes[static_cast<size_t>(i)])
             : "";
}

v1::LegalForm LegalFormEnum(const std::string& code) {
  for (size_t i = 0; i < kLegalFormCodes.size(); ++i)
    if (kLegalFormCodes[i] == code) return static_cast<v1::LegalForm>(i + 1);
  return v1::LEGAL_FORM_UNSPECIFIED;
}

static_assert(v1::LEGAL_FORM_UNREGISTERED_GROUP == 6);

}  // namespace

Profile FromProto(const v1::OrganisationProfile& p) {
  Profile out;
  out.name = p.name();
  out.legal_form = LegalFormCode(p.legal_form());
  out.charity_number = p.charity_number();
  out.company_number = p.company_number();
  out.currency = p.has_annual_income() ? p.annual_income().currency_code() : "GBP";
  out.annual_income_minor = p.annual_income().minor_units();
  out.borough_code = p.borough_code();
  for (const auto& c : p.contacts())
    out.contacts.push_back({c.name(), c.email(), c.phone(), c.role()});
  out.bank = {p.bank_details().account_name(), p.bank_details().sort_code(),
              p.bank_details().account_number()};
  out.correspondence_language =
      p.correspondence_language().empty() ? "en" : p.correspondence_language();
  return out;
}

absl::StatusOr<std::function<Profile(Profile)>> ToMerge(
    const v1::UpdateOrganisationRequest& r) {
  static const std::set<std::string> kFields = {
      "name",          "legal_form",   "charity_number",
      "company_number", "annual_income", "borough_code",
      "contacts",      "bank_details", "correspondence_language"};
  Validator v;
  if (r.update_mask().empty())
    v.Add("update_mask", "UPDATE_MASK_INVALID", "name at least one field");
  for (const auto& f : r.update_mask())
    if (!kFields.count(f))
      v.Add("update_mask", "UPDATE_MASK_INVALID", "unknown field '" + f + "'");
  RETURN_IF_ERROR(v.Finish());
  std::set<std::string> mask(r.update_mask().begin(), r.update_mask().end());
  Profile given = FromProto(r.profile());
  return std::function<Profile(Profile)>([mask, given](Profile p) {
    auto has = [&](const char* f) { return mask.count(f) > 0; };
    if (has("name")) p.name = given.name;
    if (has("legal_form")) p.legal_form = given.legal_form;
    if (has("charity_number")) p.charity_number = given.charity_number;
    if (has("company_number")) p.company_number = given.company_number;
    if (has("annual_income")) {
      p.currency = given.currency;
      p.annual_income_minor = given.annual_income_minor;
    }
    if (has("borough_code")) p.borough_code = given.borough_code;
    if (has("contacts")) p.contacts = given.contacts;
    if (has("bank_details")) p.bank = given.bank;
    if (has("correspondence_language"))
      p.correspondence_language = given.correspondence_language;
    return p;
  });
}

void ToProto(const Organisation& o, v1::Organisation* out) {
  out->set_id(o.id);
  out->set_org_id(o.org_id);
  const Profile& p = o.profile;
  auto* pp = out->mutable_profile();
  pp->set_name(p.name);
  pp->set_legal_form(LegalFormEnum(p.legal_form));
  pp->set_charity_number(p.charity_number);
  pp->set_company_number(p.company_number);
  grants::ToProto(p.currency, p.annual_income_minor, pp->mutable_annual_income());
  pp->set_borough_code(p.borough_code);
  for (const auto& c : p.contacts) {
    auto* pc = pp->add_contacts();
    pc->set_name(c.name);
    pc->set_email(c.email);
    pc->set_phone(c.phone);
    pc->set_role(c.role);
  }
  if (!p.bank.empty()) {
    pp->mutable_bank_details()->set_account_name(p.bank.account_name);
    pp->mutable_bank_details()->set_sort_code(p.bank.sort_code);
    pp->mutable_bank_details()->set_account_number(p.bank.account_number);
  }
  pp->set_correspondence_language(p.correspondence_language);
  grants::ToProto(o.created_at, out->mutable_create_time());
  grants::ToProto(o.updated_at, out->mutable_update_time());
}

BankDetails FromProto(const v1::BankDetails& b) {
  return {b.account_name(), b.sort_code(), b.account_number()};
}

void ToProto(const BankDetailsChange& c, v1::BankDetailsChange* out) {
  out->set_id(c.id);
  out->set_organisation_id(c.organisation_id);
  out->mutable_bank_details()->set_account_name(c.details.account_name);
  out->mutable_bank_details()->set_sort_code(c.details.sort_code);
  out->mutable_bank_details()->set_account_number(c.details.account_number);
  out->set_replaces_last4(c.replaces_last4);
  out->set_state(c.state);
  out->set_proposed_by(c.proposed_by);
  out->set_proposer_role(c.proposer_role);
  grants::ToProto(c.proposed_at, out->mutable_propose_time());
  out->set_confirmed_by(c.confirmed_by);
  out->set_confirmer_role(c.confirmer_role);
  if (c.confirmed_at)
    grants::ToProto(*c.confirmed_at, out->mutable_confirm_time());
  for (const auto& id : c.held_payment_ids) out->add_held_payment_ids(id);
}

}  // namespace grants::organisations

namespace grants::organisations {
namespace {

v1::RetentionAction ActionOf(const std::string& action) {
  if (action == "delete") return v1::RETENTION_ACTION_DELETE;
  if (action == "erase") return v1::RETENTION_ACTION_ERASE;
  return v1::RETENTION_ACTION_UNSPECIFIED;
}

}  // namespace

void ToProto(const RetentionRule& r, v1::RetentionRule* out) {
  out->set_record_class(r.record_class);
  out->set_keep_days(r.keep_days);
  out->set_minimum_days(r.minimum_days);
  out->set_after_event(r.after_event);
  out->set_action(ActionOf(r.action));
  out->set_what(r.what);
  out->set_updated_by(r.updated_by);
  if (r.updated_at) grants::ToProto(*r.updated_at, out->mutable_update_time());
  if (r.swept_at) grants::ToProto(*r.swept_at, out->mutable_sweep_time());
  out->set_swept_count(r.swept_count);
}

void ToProto(const RetentionService::Sweep& s,
             v1::SweepRetentionResponse* out) {
  for (const auto& swept : s.swept) {
    auto* line = out->add_swept();
    line->set_record_class(swept.record_class);
    line->set_action(ActionOf(swept.action));
    line->set_count(swept.count);
  }
  out->set_spool_files_deleted(s.spool_files_deleted);
}

}  // namespace grants::organisations
