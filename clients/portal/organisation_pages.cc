// The organisation page: register the group, or update it.
#include <fmt/format.h>

#include <optional>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "common/crypto.h"
#include "common/money.h"

namespace grants::portal {

namespace {

const std::vector<std::pair<v1::LegalForm, std::string>>& LegalForms() {
  static const auto* forms =
      new std::vector<std::pair<v1::LegalForm, std::string>>{
          {v1::LEGAL_FORM_UNREGISTERED_GROUP,
           "Community group without registration"},
          {v1::LEGAL_FORM_REGISTERED_CHARITY, "Registered charity"},
          {v1::LEGAL_FORM_CIO, "Charitable incorporated organisation (CIO)"},
          {v1::LEGAL_FORM_CHARITABLE_COMPANY, "Charitable company"},
          {v1::LEGAL_FORM_CIC, "Community interest company (CIC)"},
          {v1::LEGAL_FORM_COMPANY_LIMITED_BY_GUARANTEE,
           "Company limited by guarantee"}};
  return *forms;
}

struct OrganisationValues {
  std::string name, legal_form = "unregistered_group", charity_number,
                    company_number, borough_code, annual_income, contact_name,
                    contact_phone;
};

// What `o` holds, with `email`'s own contact entry.
OrganisationValues ValuesOf(const v1::Organisation& o,
                            const std::string& email) {
  const auto& p = o.profile();
  OrganisationValues v{p.name(),           CodeOf(p.legal_form()),
                       p.charity_number(), p.company_number(),
                       p.borough_code(),   Pounds(p.annual_income())};
  for (const auto& contact : p.contacts())
    if (Lower(contact.email()) == email) {
      v.contact_name = contact.name();
      v.contact_phone = contact.phone();
    }
  return v;
}

// What the grantee sent.
OrganisationValues ValuesFrom(const Portal::Call& c) {
  return {c.Param("name"),           c.Param("legal_form"),
          c.Param("charity_number"), c.Param("company_number"),
          c.Param("borough_code"),   c.Param("annual_income"),
          c.Param("contact_name"),   c.Param("contact_phone")};
}

std::string Title(const Portal::Call& c) {
  return c.session.registered ? c.T("Your organisation")
                              : c.T("Register your organisation");
}

// The legal forms, in the grantee's language.
Options LegalFormOptions(const Portal::Call& c) {
  Options out;
  for (const auto& [form, label] : LegalForms())
    out.emplace_back(CodeOf(form), c.T(label));
  return out;
}

Options BoroughOptions(const Portal::Call& c) {
  Options out{{"", c.T("Choose a borough")}};
  for (auto& borough : Boroughs()) out.push_back(std::move(borough));
  return out;
}

// The organisation form's fields, filled with `v`.
Object OrganisationFields(const Portal::Call& c, const OrganisationValues& v,
                          const FormFields& form) {
  return {
      {"name", form.Text({"name", c.T("Name of your organisation or group"), "",
                          v.name},
                         {"text", "organization"})},
      {"legal_form",
       form.Choice({"legal_form", c.T("What kind of organisation is it?"), "",
                    v.legal_form},
                   LegalFormOptions(c))},
      {"charity_number",
       form.Text({"charity_number", c.T("Charity number (if you have one)"),
                  c.T("For example 1085314 or SC012345"), v.charity_number},
                 kWidth10)},
      {"company_number",
       form.Text({"company_number", c.T("Company number (if you have one)"),
                  c.T("8 characters, for example 01234567"), v.company_number},
                 kWidth10)},
      {"borough_code",
       form.Choice(
           {"borough_code", c.T("Borough of your address"), "", v.borough_code},
           BoroughOptions(c))},
      {"annual_income",
       form.Text(
           {"annual_income",
            c.T("Income in your last financial year, in pounds"),
            c.T("For example 15000. Enter 0 if you have no accounts yet."),
            v.annual_income},
           kWidth10)},
      {"contact_name",
       form.Text({"contact_name", c.T("Your full name"), "", v.contact_name},
                 {"text", "name"})},
      {"contact_phone",
       form.Text({"contact_phone", c.T("Your phone number (optional)"), "",
                  v.contact_phone},
                 {"tel", "tel", "govuk-input--width-20"})}};
}

// The organisation form, filled with `v`.
Object OrganisationPage(const Portal::Call& c, const OrganisationValues& v,
                        const FieldErrors& errors) {
  Object page = OrganisationFields(c, v, FormFields(c, errors));
  page["write_to"] =
      c.TF("We will write to {email}, in the language you are using now.",
           fmt::arg("email", c.session.email));
  page["save"] = c.T("Save");
  if (c.session.registered)
    SetOptional(page, "bank_details", c.T("Bank details"));
  return page;
}

// The profile `v` describes, without contacts; nullopt when the income is
// not an amount.
std::optional<v1::OrganisationProfile> ProfileOf(const Portal::Call& c,
                                                 const OrganisationValues& v) {
  v1::OrganisationProfile p;
  p.set_name(v.name);
  p.set_legal_form(ParseCode(v.legal_form, v1::LEGAL_FORM_UNSPECIFIED));
  p.set_charity_number(v.charity_number);
  p.set_company_number(v.company_number);
  p.set_borough_code(v.borough_code);
  p.set_correspondence_language(c.session.language);
  if (!v.annual_income.empty()) {
    std::optional<int64_t> minor = ParseMajorUnits(v.annual_income);
    if (!minor) return std::nullopt;
    p.mutable_annual_income()->set_currency_code("GBP");
    p.mutable_annual_income()->set_minor_units(*minor);
  }
  return p;
}

// `before`'s contacts into `p`, the signed-in person's own entry changed
// (or added); the others stay.
void MergeContacts(const Portal::Call& c, const OrganisationValues& v,
                   const v1::Organisation& before, v1::OrganisationProfile* p) {
  bool found = false;
  for (auto contact : before.profile().contacts()) {
    if (Lower(contact.email()) == c.session.email) {
      contact.set_name(v.contact_name);
      contact.set_phone(v.contact_phone);
      found = true;
    }
    *p->add_contacts() = contact;
  }
  if (found) return;
  auto* me = p->add_contacts();
  me->set_name(v.contact_name);
  me->set_email(c.session.email);
  me->set_phone(v.contact_phone);
}

absl::Status Load(const Backend& backend, const Portal::Call& c,
                  v1::Organisation* o) {
  v1::GetOrganisationRequest req;
  req.set_id(c.session.organisation_id);
  return backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.organisations().GetOrganisation(ctx, req, o);
  });
}

absl::Status Update(const Backend& backend, const Portal::Call& c,
                    const v1::OrganisationProfile& p) {
  v1::UpdateOrganisationRequest req;
  req.set_request_id(c.form_id);
  req.set_id(c.session.organisation_id);
  *req.mutable_profile() = p;
  for (const char* field :
       {"name", "legal_form", "charity_number", "company_number",
        "borough_code", "annual_income", "contacts", "correspondence_language"})
    req.add_update_mask(field);
  v1::Organisation o;
  return backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.organisations().UpdateOrganisation(ctx, req, &o);
  });
}

absl::Status Register(const Backend& backend, const Portal::Call& c,
                      const v1::OrganisationProfile& p) {
  v1::RegisterOrganisationRequest req;
  req.set_request_id(c.form_id);
  *req.mutable_profile() = p;
  v1::Organisation o;
  return backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.organisations().RegisterOrganisation(ctx, req, &o);
  });
}

}  // namespace

void Portal::OrganisationForm(Call& c) {
  OrganisationValues v;
  if (c.session.registered) {
    v1::Organisation o;
    absl::Status s = Load(backend_, c, &o);
    if (!s.ok()) return RefuseFromBackend(c, s);
    v = ValuesOf(o, c.session.email);
  }
  Render(c, Title(c), "organisation", OrganisationPage(c, v, {}));
}

void Portal::OrganisationSave(Call& c) {
  OrganisationValues v = ValuesFrom(c);
  std::optional<v1::OrganisationProfile> p = ProfileOf(c, v);
  if (!p) {
    FieldErrors errors{
        {"annual_income",
         c.T("Enter an amount in pounds, like 15000 or 15,000.50")}};
    return Render(c, Title(c), "organisation", OrganisationPage(c, v, errors),
                  errors, 400);
  }
  absl::Status s;
  if (c.session.registered) {
    v1::Organisation before;
    s = Load(backend_, c, &before);
    if (!s.ok()) return RefuseFromBackend(c, s);
    MergeContacts(c, v, before, &*p);
    s = Update(backend_, c, *p);
  } else {
    MergeContacts(c, v, v1::Organisation(), &*p);  // the person alone
    s = Register(backend_, c, *p);
    if (s.ok()) c.session.registered = true;
  }
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, Title(c), "organisation", OrganisationPage(c, v, errors),
                  errors, 400);
  }
  Redirect(c, "/rounds");
}

}  // namespace grants::portal
