// Organisation use cases. A grantee acts only on the organisation its
// identity is bound to; bank details leave this service masked unless the
// caller is the finance role.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/organisations.h"
#include "services/audit/audit_recorder.h"
#include "services/common/paging.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::organisations {

class OrganisationService {
 public:
  OrganisationService(storage::ConnectionPool& pool,
                      const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Grantee: registers its own organisation (ALREADY_EXISTS
  // ORGANISATION_EXISTS when it has); officer: on a group's behalf, with
  // `on_behalf_reason` (INVALID_ARGUMENT ON_BEHALF_REASON_REQUIRED): the
  // act is recorded and the group's contact told.
  absl::StatusOr<Organisation> Register(
      const RequestContext& ctx, const Profile& profile,
      const std::string& on_behalf_reason = "");
  // Applies `merge` to the stored profile and validates the result.
  absl::StatusOr<Organisation> Update(
      const RequestContext& ctx, const std::string& id,
      const std::function<Profile(Profile)>& merge);
  absl::StatusOr<Organisation> Get(const RequestContext& ctx,
                                   const std::string& id);
  absl::StatusOr<Listed<Organisation>> List(const RequestContext& ctx,
                                            const Page& page);

  // What `ctx`'s caller may see of `o` (bank details masked unless finance).
  static Organisation ForCaller(const RequestContext& ctx, Organisation o);
  // Records the caller's reads of `read`'s contact and bank details.
  static void RecordReads(storage::Tx& tx, const RequestContext& ctx,
                          const std::vector<Organisation>& read);

  // Payee changes under four eyes (bank_details.cc). Proposes `details`
  // for the organisation (superseding a pending proposal): NOT_FOUND
  // ORGANISATION_NOT_FOUND, INVALID_ARGUMENT (bank fields), PERMISSION_DENIED
  // ORGANISATION_SCOPE or CONFLICT_OF_INTEREST.
  absl::StatusOr<BankDetailsChange> ProposeBank(const RequestContext& ctx,
                                                const std::string& id,
                                                BankDetails details);
  // Confirms pending change `change_id` (someone other than its proposer;
  // never a grantee): the payee changes and the organisation's authorised
  // payments go back to requested. NOT_FOUND BANK_CHANGE_NOT_FOUND,
  // PERMISSION_DENIED FOUR_EYES_REQUIRED or CONFLICT_OF_INTEREST,
  // FAILED_PRECONDITION BANK_CHANGE_STALE (superseded) or
  // BANK_CHANGE_NOT_PENDING.
  absl::StatusOr<BankDetailsChange> ConfirmBank(const RequestContext& ctx,
                                                const std::string& change_id);
  // The organisation's changes, newest first, masked unless finance.
  absl::StatusOr<std::vector<BankDetailsChange>> ListBankChanges(
      const RequestContext& ctx, const std::string& id, bool pending_only);

  // Erases the organisation's personal data, keeping the books
  // (erasure.cc; see ErasePersonalData in organisations.proto).
  struct Erasure {
    std::string organisation_id;
    absl::Time erased_at;
    bool already_erased = false;
    std::string person_id;                      // erasing a person
    std::vector<std::string> organisation_ids;  // the groups that listed them
  };
  absl::StatusOr<Erasure> Erase(const RequestContext& ctx,
                                const std::string& id);
  // Everything held about it, as one JSON document; the export is audited.
  absl::StatusOr<std::string> ExportPersonalData(const RequestContext& ctx,
                                                 const std::string& id);
  // The same for one person, by address (erasure.cc): NOT_FOUND
  // PERSON_NOT_FOUND (field email) when nothing is held; erasing again
  // says already_erased.
  absl::StatusOr<Erasure> ErasePerson(const RequestContext& ctx,
                                      const std::string& email);
  absl::StatusOr<std::string> ExportPerson(const RequestContext& ctx,
                                           const std::string& email);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

// PERMISSION_DENIED ORGANISATION_SCOPE when a grantee names another
// organisation; OK for every other role.
absl::Status CheckOrganisationScope(const RequestContext& ctx,
                                    const std::string& organisation_id);

}  // namespace grants::organisations
