// Applications, their frozen submissions, reference counters and
// extensions in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/applications.h"
#include "domain/audit.h"
#include "domain/programmes.h"
#include "storage/idempotency.h"
#include "storage/transaction.h"

namespace grants::storage::application_repo {

using grants::applications::Application;
using grants::applications::Extension;
using grants::applications::Submission;

// The round, its programme's priority communities, the organisation's
// extension's closing instant and its language for correspondence (nullopt:
// not registered), as an applicant's create or change reads them.
struct RoundForApplicant {
  grants::programmes::Round round;
  std::vector<std::string> communities;
  std::optional<absl::Time> extension_closes_at;
  std::optional<std::string> organisation_language;
};

// The first statement of a create, in one round trip: claims the request's
// key with the new application's id (`key.entity_id`) and reads the round
// for `organisation_id`. `round` is nullopt when there is no such round.
// When the key was taken (`claimed` false), see storage::Replay.
struct ClaimedForCreate {
  bool claimed = false;
  std::optional<RoundForApplicant> round;
};
ClaimedForCreate ClaimForCreate(Tx& tx, const KeyClaim& key,
                                const std::string& round_id,
                                const std::string& organisation_id);

// The first statement of a change of application `key.entity_id`, in one
// round trip: claims the request's key with the application's id and, when
// the key was new, locks the application (FOR NO KEY UPDATE) and reads its
// round for its organisation. `application` is nullopt when there is no
// such application or the key was taken (`claimed` false: see
// storage::Replay).
struct ClaimedForChange {
  bool claimed = false;
  std::optional<Application> application;
  std::optional<RoundForApplicant> round;
};
ClaimedForChange ClaimForChange(Tx& tx, const KeyClaim& key);

// Inserts the draft `a` with its id, chosen by the caller, and appends
// `event` (its creation's audit event), in one statement.
Application Insert(Tx& tx, const Application& a, absl::Time now,
                   const grants::audit::Event& event);
std::optional<Application> Get(Tx& tx, const std::string& id,
                               bool for_update = false);
// Writes everything but ids and creation time.
Application Update(Tx& tx, const Application& a, absl::Time now);
// Update, with `submission` (when not null, the snapshot the change
// submits) inserted and `event` (the change's audit event) appended, in one
// statement.
Application Save(Tx& tx, const Application& a, absl::Time now,
                 const Submission* submission,
                 const grants::audit::Event& event);

using Filter = applications::ListFilter;
std::vector<Application> List(Tx& tx, const Filter& f, int limit, int offset);

std::optional<Submission> GetSubmission(Tx& tx,
                                        const std::string& application_id,
                                        int version);

// What the organisation already has in the programme of `round_id`, besides
// `except_id` (see PriorCounts). Grants are approved applications, so none
// until decisions land. When `take_reference`, also the round's next
// tracking number (1, 2, ...) from its sequence (made by
// programme_repo::CreateReferenceSequence when the round opens), in the same
// read: it takes no lock; a rolled-back transaction leaves a gap.
struct PriorAndReference {
  grants::applications::PriorCounts prior;
  std::optional<int> reference_number;  // when take_reference
};
PriorAndReference CountPrior(Tx& tx, const std::string& organisation_id,
                             const std::string& programme_id,
                             const std::string& round_id,
                             const std::string& except_id,
                             bool take_reference);

Extension UpsertExtension(Tx& tx, const Extension& e);
std::optional<Extension> GetExtension(Tx& tx, const std::string& round_id,
                                      const std::string& organisation_id);
std::vector<Extension> ListExtensions(Tx& tx, const std::string& round_id);

}  // namespace grants::storage::application_repo
