// Applications, their frozen submissions, reference counters and
// extensions in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/applications/applications.h"
#include "services/programmes/programmes.h"
#include "storage/transaction.h"

namespace grants::storage::application_repo {

using grants::applications::Application;
using grants::applications::Extension;
using grants::applications::Submission;

Application Insert(Tx& tx, const Application& a, absl::Time now);
std::optional<Application> Get(Tx& tx, const std::string& id,
                               bool for_update = false);
// Writes everything but ids and creation time.
Application Update(Tx& tx, const Application& a, absl::Time now);

struct Filter {
  std::string organisation_id, round_id, state, borough, community,
      eligibility;
};
std::vector<Application> List(Tx& tx, const Filter& f, int limit, int offset);

void InsertSubmission(Tx& tx, const std::string& application_id,
                      const Submission& s);
std::optional<Submission> GetSubmission(Tx& tx,
                                        const std::string& application_id,
                                        int version);

// The round's next tracking number (1, 2, ...) from its sequence (made by
// programme_repo::CreateReferenceSequence when the round opens). Takes no
// lock; a rolled-back transaction leaves a gap.
int NextReferenceNumber(Tx& tx, const std::string& round_id);

// What the organisation already has in the programme of `round_id`, besides
// `except_id` (see PriorCounts). Grants are approved applications, so none
// until decisions land.
grants::applications::PriorCounts CountPrior(Tx& tx,
                                             const std::string& organisation_id,
                                             const std::string& programme_id,
                                             const std::string& round_id,
                                             const std::string& except_id);

Extension UpsertExtension(Tx& tx, const Extension& e);
// The round, its programme's priority communities, the organisation's
// extension's closing instant and its language for correspondence (nullopt:
// not registered), in one read (round_for_applicant.sql).
struct RoundForApplicant {
  grants::programmes::Round round;
  std::vector<std::string> communities;
  std::optional<absl::Time> extension_closes_at;
  std::optional<std::string> organisation_language;
};
std::optional<RoundForApplicant> GetRoundForApplicant(
    Tx& tx, const std::string& round_id, const std::string& organisation_id);

std::optional<Extension> GetExtension(Tx& tx, const std::string& round_id,
                                      const std::string& organisation_id);
std::vector<Extension> ListExtensions(Tx& tx, const std::string& round_id);

std::string_view StateName(grants::applications::State s);

}  // namespace grants::storage::application_repo
