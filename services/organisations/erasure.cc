// Erasure that keeps the books (issue #15): an administrator erases one
// organisation's personal data in one transaction, audited in it. Refused
// while a legal hold applies; erasing again is a no-op that says so.
#include "services/organisations/erasure.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "services/organisations/erasure_rules.h"
#include "services/organisations/organisation_errors.h"
#include "services/organisations/organisation_service.h"
#include "storage/erasure_repository.h"
#include "storage/idempotency.h"
#include "storage/organisation_repository.h"

namespace grants::organisations {
namespace repo = storage::erasure_repo;
using storage::Tx;

namespace {

// "award 1f… is active; recovery 2a… is raised".
std::string Describe(const std::vector<repo::Hold>& holds) {
  std::string out;
  for (const auto& h : holds)
    out += fmt::format("{}{} {} is {}", out.empty() ? "" : "; ", h.kind, h.id,
                       h.state);
  return out;
}

// The address as stored: sign-in links and identities hold it lower case.
std::string Lower(std::string email) {
  std::transform(email.begin(), email.end(), email.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  return email;
}

std::vector<std::string> Emails(const Organisation& o) {
  std::vector<std::string> out;
  for (const auto& c : o.profile.contacts)
    if (!c.email.empty()) out.push_back(Lower(c.email));
  return out;
}

}  // namespace

absl::Status EraseLocked(Tx& tx, const audit::Recorder& audit,
                         const RequestContext& ctx, const std::string& id) {
  std::vector<repo::Hold> holds = repo::Holds(tx, id);
  if (!holds.empty()) return LegalHold(Describe(holds));
  auto organisation = storage::organisation_repo::Get(tx, id);
  if (!organisation) return OrganisationNotFound("organisation_id");
  repo::Begin(tx);
  int applications = 0, reports = 0;
  for (auto& app : repo::ApplicationContents(tx, id)) {
    repo::Versions versions = repo::SubmissionContents(tx, app.id);
    for (auto& [version, content] : versions)
      content = ErasedContent(std::move(content), app.published);
    repo::SetApplicationContent(
        tx, app.id, ErasedContent(std::move(app.content), app.published),
        versions);
    ++applications;
  }
  for (auto& [report_id, content] : repo::ReportContents(tx, id)) {
    repo::SetReportContent(tx, report_id, ErasedReport(std::move(content)));
    ++reports;
  }
  repo::EraseGranteeWords(tx, id);
  int64_t documents = repo::EraseDocuments(tx, id, ctx.caller.subject, ctx.now);
  repo::EraseBankDetails(tx, id);
  repo::EraseAddresses(tx, id, Emails(*organisation));
  repo::EraseOrganisation(tx, id, ctx.now);
  // What was erased, in counts: the audit never held the data.
  audit.Record(
      tx, ctx,
      {"organisation", id,
       nlohmann::json{{"erased", true},
                      {"contacts", organisation->profile.contacts.size()},
                      {"applications", applications},
                      {"reports", reports},
                      {"documents", documents}}
           .dump()});
  return absl::OkStatus();
}

absl::StatusOr<OrganisationService::Erasure> OrganisationService::Erase(
    const RequestContext& ctx, const std::string& id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Erasure> {
        auto erased_at = repo::ErasedAt(tx, id);  // locks the organisation
        if (!erased_at) return OrganisationNotFound("organisation_id");
        return storage::RunOnceOn<Erasure>(
            tx, ctx, id,
            [&](const std::string&) -> absl::StatusOr<Erasure> {
              return Erasure{id, erased_at->value_or(ctx.now), false};
            },
            [&]() -> absl::StatusOr<Erasure> {
              if (*erased_at) return Erasure{id, **erased_at, true};
              RETURN_IF_ERROR(EraseLocked(tx, audit_, ctx, id));
              return Erasure{id, ctx.now, false};
            });
      });
}

absl::StatusOr<std::string> OrganisationService::ExportPersonalData(
    const RequestContext& ctx, const std::string& id) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::string> {
        std::optional<std::string> document = repo::SubjectAccess(tx, id);
        if (!document) return OrganisationNotFound("organisation_id");
        // Who took a copy of a group's personal data, and when.
        audit_.Record(
            tx, ctx,
            {"organisation", id,
             nlohmann::json{{"exported", true}, {"bytes", document->size()}}
                 .dump()});
        return *document;
      });
}

absl::StatusOr<OrganisationService::Erasure> OrganisationService::ErasePerson(
    const RequestContext& ctx, const std::string& email) {
  const std::string address = Lower(email);
  // A keyed MAC names the address in the tombstone and the idempotency key
  // without holding it.
  const std::string mac = HmacSha256(audit_.key(), "erased-address:" + address);
  const std::string entity = "address-" + ToHex(mac).substr(0, 20);
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<Erasure> {
        auto earlier = repo::PersonErasedAt(tx, mac);
        return storage::RunOnceOn<Erasure>(
            tx, ctx, entity,
            [&](const std::string&) -> absl::StatusOr<Erasure> {
              if (!earlier) return PersonNotFound();
              return Erasure{"", earlier->first, false, earlier->second, {}};
            },
            [&]() -> absl::StatusOr<Erasure> {
              repo::Begin(tx);
              repo::PersonErasure erased =
                  repo::ErasePerson(tx, address, mac, ctx.now);
              if (!erased.held) {
                if (!earlier) return PersonNotFound();
                return Erasure{"", earlier->first, true, earlier->second, {}};
              }
              audit_.Record(
                  tx, ctx,
                  {"person",
                   erased.person_id.empty() ? entity : erased.person_id,
                   nlohmann::json{{"erased", true},
                                  {"organisations", erased.organisation_ids}}
                       .dump()});
              return Erasure{"", ctx.now, false, erased.person_id,
                             erased.organisation_ids};
            });
      });
}

absl::StatusOr<std::string> OrganisationService::ExportPerson(
    const RequestContext& ctx, const std::string& email) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::string> {
        std::optional<std::string> document =
            repo::PersonSubjectAccess(tx, Lower(email));
        if (!document) return PersonNotFound();
        nlohmann::json parsed = nlohmann::json::parse(*document);
        const nlohmann::json& person = parsed["person"];
        audit_.Record(
            tx, ctx,
            {"person", person.is_object() ? person.value("id", "") : "",
             nlohmann::json{{"exported", true}, {"bytes", document->size()}}
                 .dump()});
        return *document;
      });
}

}  // namespace grants::organisations
