// Erasing an organisation's personal data in PostgreSQL (issue #15): the
// statements of one erasure, run in its transaction after Begin.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "grants/v1/applications.pb.h"
#include "grants/v1/monitoring.pb.h"
#include "storage/transaction.h"

namespace grants::storage::erasure_repo {

// What holds an organisation's data from erasure.
struct Hold {
  std::string kind;  // "award", "recovery", "application"
  std::string id;
  std::string state;
};
std::vector<Hold> Holds(Tx& tx, const std::string& organisation_id);

// Locks the organisation; nullopt when there is none, else when it was
// erased (nullopt inside: not yet).
std::optional<std::optional<absl::Time>> ErasedAt(
    Tx& tx, const std::string& organisation_id);

// Marks `tx` as an erasure; history records' words may then change.
void Begin(Tx& tx);

struct ApplicationWords {
  std::string id;
  v1::ApplicationContent content;
  bool published = false;  // a grant from it is in the 360Giving export
};
std::vector<ApplicationWords> ApplicationContents(
    Tx& tx, const std::string& organisation_id);
using Versions = std::vector<std::pair<int64_t, v1::ApplicationContent>>;
// (version, content) of the application's submitted versions.
Versions SubmissionContents(Tx& tx, const std::string& application_id);
// The application's content and versions replaced; officers' comments go.
void SetApplicationContent(Tx& tx, const std::string& application_id,
                           const v1::ApplicationContent& content,
                           const Versions& versions);

// (id, content) of the organisation's reports.
std::vector<std::pair<std::string, v1::ReportContent>> ReportContents(
    Tx& tx, const std::string& organisation_id);
void SetReportContent(Tx& tx, const std::string& report_id,
                      const v1::ReportContent& content);

// Contacts and bank details off the organisation; erased_at set.
void EraseOrganisation(Tx& tx, const std::string& organisation_id,
                       absl::Time now);
// Account details off its payee changes and its payments' payees.
void EraseBankDetails(Tx& tx, const std::string& organisation_id);
// Its sign-in links, its messages' addresses, and the identities of
// `emails` no other organisation lists.
void EraseAddresses(Tx& tx, const std::string& organisation_id,
                    const std::vector<std::string>& emails);
// Its people's reasons for declining offers and proposing variations.
void EraseGranteeWords(Tx& tx, const std::string& organisation_id);
// Deletes its documents with their bytes (a file in the documents directory
// goes at the next file sweep); how many.
int64_t EraseDocuments(Tx& tx, const std::string& organisation_id,
                       const std::string& actor, absl::Time now);

// Erasing one person by address (lower case) and its MAC at `now`.
struct PersonErasure {
  std::string person_id;                      // "" if they never signed in
  std::vector<std::string> organisation_ids;  // the groups that listed them
  bool held = false;  // anything was held (and is now erased)
};
PersonErasure ErasePerson(Tx& tx, const std::string& email,
                          const std::string& address_mac, absl::Time now);
// When the address with this MAC was erased, and whose id it was.
std::optional<std::pair<absl::Time, std::string>> PersonErasedAt(
    Tx& tx, const std::string& address_mac);
// Everything held about the person at `email` (lower case) as one JSON
// document (queries/person_subject_access.sql); nullopt when nothing is.
std::optional<std::string> PersonSubjectAccess(Tx& tx,
                                               const std::string& email);

// Records that `reader` (`role`) read `what` ("contacts", "bank_details")
// of each of `organisation_ids` through `method` at `now`.
void RecordReads(Tx& tx, const std::vector<std::string>& organisation_ids,
                 const std::string& what, const std::string& reader,
                 const std::string& role, const std::string& method,
                 absl::Time now);

// Everything held about the organisation and its people as one JSON
// document (queries/subject_access.sql); nullopt when there is none.
std::optional<std::string> SubjectAccess(Tx& tx,
                                         const std::string& organisation_id);

}  // namespace grants::storage::erasure_repo
