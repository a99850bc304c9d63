// Funding conversions and field validation.
#include "services/funding/funding_converters.h"

#include "common/money.h"
#include "common/org_id.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"

namespace grants::funding {

absl::StatusOr<CreateFunderCommand> ToCommand(
    const v1::CreateFunderRequest& r) {
  Validator v;
  if (!IsValidOrgId(r.org_id()))
    v.Add("org_id", "ORG_ID_INVALID",
          "must be an org-id with a known registry prefix, e.g. "
          "GB-CHC-1234567");
  v.Text("name", r.name(), 1, kMaxNameChars);
  RETURN_IF_ERROR(v.Finish());
  return CreateFunderCommand{r.org_id(), r.name()};
}

absl::StatusOr<CreateFundCommand> ToCommand(const v1::CreateFundRequest& r) {
  Validator v;
  v.Text("name", r.name(), 1, kMaxNameChars);
  if (!IsKnownCurrency(r.currency_code()))
    v.Add("currency_code", "CURRENCY_UNKNOWN",
          "must be an ISO 4217 currency code such as GBP");
  RETURN_IF_ERROR(v.Finish());
  return CreateFundCommand{r.name(), r.currency_code()};
}

absl::StatusOr<AddContributionCommand> ToCommand(
    const v1::AddContributionRequest& r) {
  Validator v;
  v.Id("fund_id", r.fund_id())
      .Id("funder_id", r.funder_id())
      .Amount("amount", r.has_amount() ? &r.amount() : nullptr)
      .Text("note", r.note(), 0, kMaxNoteChars);
  RETURN_IF_ERROR(v.Finish());
  return AddContributionCommand{r.fund_id(), r.funder_id(),
                                r.amount().currency_code(),
                                r.amount().minor_units(), r.note()};
}

void ToProto(const Funder& f, v1::Funder* out) {
  out->set_id(f.id);
  out->set_org_id(f.org_id);
  out->set_name(f.name);
  grants::ToProto(f.created_at, out->mutable_create_time());
}

void ToProto(const Fund& f, v1::Fund* out) {
  out->set_id(f.id);
  out->set_name(f.name);
  out->set_currency_code(f.currency);
  grants::ToProto(f.currency, f.contributed_minor, out->mutable_contributed());
  grants::ToProto(f.currency, f.drawn_minor, out->mutable_drawn());
  grants::ToProto(f.currency, f.available_minor(), out->mutable_available());
  grants::ToProto(f.created_at, out->mutable_create_time());
}

void ToProto(const Contribution& c, v1::Contribution* out) {
  out->set_id(c.id);
  out->set_fund_id(c.fund_id);
  out->set_funder_id(c.funder_id);
  grants::ToProto(c.currency, c.amount_minor, out->mutable_amount());
  out->set_note(c.note);
  grants::ToProto(c.created_at, out->mutable_create_time());
}

namespace {

void ToProto(const std::string& currency, const MoneyLine& l,
             v1::MoneyLine* out) {
  grants::ToProto(currency, l.contributed, out->mutable_contributed());
  grants::ToProto(currency, l.committed, out->mutable_committed());
  grants::ToProto(currency, l.paid, out->mutable_paid());
  grants::ToProto(currency, l.recovered, out->mutable_recovered());
  grants::ToProto(currency, l.free, out->mutable_free());
  grants::ToProto(currency, l.recovery_outstanding,
                  out->mutable_recovery_outstanding());
}

}  // namespace

void ToProto(const FundMoney& m, v1::FundMoney* out) {
  out->set_fund_id(m.fund_id);
  out->set_currency_code(m.currency);
  if (m.has_total) ToProto(m.currency, m.total, out->mutable_total());
  for (const auto& f : m.funders) {
    v1::FunderMoney* line = out->add_funders();
    line->set_funder_id(f.funder_id);
    line->set_funder_name(f.name);
    ToProto(m.currency, f.money, line->mutable_money());
  }
}

}  // namespace grants::funding
