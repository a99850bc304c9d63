// `grantsctl organisation`: applicant and grantee organisations.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

using Profile = v1::OrganisationProfile;

const Row kOrganisationHeader = {"ID",      "ORG_ID", "NAME", "LEGAL_FORM",
                                 "BOROUGH", "INCOME", "BANK"};

// Bank details as the server returned them: masked unless the caller is
// finance.
std::string BankText(const Profile& p) {
  const v1::BankDetails& b = p.bank_details();
  if (b.sort_code().empty() || b.account_number().empty())
    return b.sort_code() + b.account_number();
  return fmt::format("{} {}", b.sort_code(), b.account_number());
}

Row OrganisationRow(const v1::Organisation& o) {
  const Profile& p = o.profile();
  return {o.id(),           o.org_id(),
          p.name(),         CodeOf(p.legal_form()),
          p.borough_code(), MoneyText(p.annual_income()),
          BankText(p)};
}

// The OrganisationProfile flags, as typed (income in major units).
struct ProfileFlags {
  std::string name, legal_form, charity_number, company_number, income;
  std::string currency = "GBP";
  std::string borough, language;
  v1::Contact contact;
  v1::BankDetails bank;
};

void AddProfileFlags(CLI::App* cmd, ProfileFlags* f, bool required) {
  auto need = [required](CLI::Option* option) {
    if (required) option->required();
  };
  need(cmd->add_option("--name", f->name, "Name, 1-200 characters"));
  need(cmd->add_option("--legal-form", f->legal_form, "Legal form")
           ->check(CLI::IsMember(CodesOf<v1::LegalForm>())));
  cmd->add_option("--charity-number", f->charity_number,
                  "Charity number, e.g. 1085314 or SC012345");
  cmd->add_option("--company-number", f->company_number,
                  "Companies House number, e.g. 01234567");
  cmd->add_option("--income", f->income, "Annual income, major units");
  cmd->add_option("--currency", f->currency, "Currency of --income")
      ->capture_default_str();
  cmd->add_option("--borough", f->borough,
                  "GSS code of the address's borough, e.g. E09000030");
  cmd->add_option("--contact-name", *f->contact.mutable_name(),
                  "Main contact's name (contact flags replace all contacts)");
  cmd->add_option("--contact-email", *f->contact.mutable_email(),
                  "Main contact's email");
  cmd->add_option("--contact-phone", *f->contact.mutable_phone(),
                  "Main contact's phone");
  cmd->add_option("--contact-role", *f->contact.mutable_role(),
                  "Main contact's role, e.g. Coordinator");
  cmd->add_option("--account-name", *f->bank.mutable_account_name(),
                  "Name on the bank account (bank flags replace the details)");
  cmd->add_option("--sort-code", *f->bank.mutable_sort_code(),
                  "Sort code, 12-34-56");
  cmd->add_option("--account-number", *f->bank.mutable_account_number(),
                  "Account number, 8 digits");
  cmd->add_option("--language", f->language,
                  "Correspondence language, ISO 639 code, e.g. pl");
}

// Fills `profile` with the flags that were given and names each field in
// `mask`. Errors: local, naming the flag.
absl::Status FillProfile(const ProfileFlags& f, Profile* profile,
                         std::vector<std::string>* mask) {
  struct Text {
    const std::string* value;
    const char* field;
    std::string* (Profile::*target)();
  };
  for (const Text& t :
       {Text{&f.name, "name", &Profile::mutable_name},
        Text{&f.charity_number, "charity_number",
             &Profile::mutable_charity_number},
        Text{&f.company_number, "company_number",
             &Profile::mutable_company_number},
        Text{&f.borough, "borough_code", &Profile::mutable_borough_code},
        Text{&f.language, "correspondence_language",
             &Profile::mutable_correspondence_language}}) {
    if (t.value->empty()) continue;
    *(profile->*t.target)() = *t.value;
    mask->push_back(t.field);
  }
  if (!f.legal_form.empty()) {
    ASSIGN_OR_RETURN(v1::LegalForm form,
                     ParseCode<v1::LegalForm>(
                         "--legal-form", "LEGAL_FORM_INVALID", f.legal_form));
    profile->set_legal_form(form);
    mask->push_back("legal_form");
  }
  if (!f.income.empty()) {
    ASSIGN_OR_RETURN(*profile->mutable_annual_income(),
                     MoneyFlag("--income", f.income, f.currency));
    mask->push_back("annual_income");
  }
  return absl::OkStatus();
}

// Contacts and bank details go whole: any one of their flags replaces them.
void FillGroups(const ProfileFlags& f, Profile* profile,
                std::vector<std::string>* mask) {
  if (f.contact.ByteSizeLong() > 0) {
    *profile->add_contacts() = f.contact;
    mask->push_back("contacts");
  }
  if (f.bank.ByteSizeLong() > 0) {
    *profile->mutable_bank_details() = f.bank;
    mask->push_back("bank_details");
  }
}

absl::Status PrintOrganisation(const Printer& out, const v1::Organisation& o) {
  return out.Print(o, {kOrganisationHeader, {OrganisationRow(o)}});
}

void AddRegister(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ProfileFlags>();
  auto* cmd = noun->add_subcommand(
      "register",
      "Register an organisation (a grantee its own; an officer on a "
      "group's behalf, with --on-behalf-reason)");
  AddProfileFlags(cmd, flags.get(), /*required=*/true);
  auto reason = std::make_shared<std::string>();
  cmd->add_option("--on-behalf-reason", *reason,
                  "An officer registering a group that asked for help: why "
                  "(500 chars); the group's contact is told");
  OnRun(cmd, ctx,
        [flags, reason](Client& client, const Printer& out) -> absl::Status {
    v1::RegisterOrganisationRequest req;
    std::vector<std::string> unused_mask;
    RETURN_IF_ERROR(FillProfile(*flags, req.mutable_profile(), &unused_mask));
    FillGroups(*flags, req.mutable_profile(), &unused_mask);
    req.set_on_behalf_reason(*reason);
    req.set_request_id(client.RequestId());
    v1::Organisation organisation;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().RegisterOrganisation(c, req, &organisation);
    }));
    return PrintOrganisation(out, organisation);
  });
}

struct UpdateFlags {
  std::string id;
  ProfileFlags profile;
};

void AddUpdate(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<UpdateFlags>();
  auto* cmd = noun->add_subcommand(
      "update", "Change the given fields of an organisation's profile");
  cmd->add_option("id", flags->id, "Organisation id")->required();
  AddProfileFlags(cmd, &flags->profile, /*required=*/false);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::UpdateOrganisationRequest req;
    std::vector<std::string> mask;
    RETURN_IF_ERROR(FillProfile(flags->profile, req.mutable_profile(), &mask));
    FillGroups(flags->profile, req.mutable_profile(), &mask);
    if (mask.empty())
      return UsageError("update_mask", "NOTHING_TO_UPDATE",
                        "give at least one profile flag (see --help)");
    for (const std::string& field : mask) req.add_update_mask(field);
    req.set_id(flags->id);
    req.set_request_id(client.RequestId());
    v1::Organisation organisation;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().UpdateOrganisation(c, req, &organisation);
    }));
    return PrintOrganisation(out, organisation);
  });
}

void AddGet(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::GetOrganisationRequest>();
  auto* cmd = noun->add_subcommand(
      "get", "Show one organisation (bank details masked unless finance)");
  cmd->add_option("id", *req->mutable_id(), "Organisation id")->required();
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::Organisation organisation;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().GetOrganisation(c, *req, &organisation);
    }));
    return PrintOrganisation(out, organisation);
  });
}

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto page = std::make_shared<PageOptions>();
  auto* cmd = noun->add_subcommand("list", "List organisations by name");
  AddPageFlags(cmd, page.get());
  OnRun(cmd, ctx, [page](Client& client, const Printer& out) -> absl::Status {
    v1::ListOrganisationsRequest req;
    req.set_page_size(page->page_size);
    req.set_page_token(page->page_token);
    v1::ListOrganisationsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().ListOrganisations(c, req, &resp);
    }));
    return out.Print(
        resp,
        TableOf(kOrganisationHeader, resp.organisations(), OrganisationRow),
        resp.next_page_token());
  });
}

}  // namespace

void AddOrganisationCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun =
      app.add_subcommand("organisation", "Applicant and grantee organisations");
  noun->require_subcommand(1);
  AddRegister(noun, ctx);
  AddUpdate(noun, ctx);
  AddGet(noun, ctx);
  AddList(noun, ctx);
  AddBankDetailsCommands(noun, ctx);
}

}  // namespace grants::ctl
