// Erasure repository: one function per statement in queries/erasure_*.
#include "storage/erasure_repository.h"

#include "common/crypto.h"
#include "storage/rows.h"

namespace grants::storage::erasure_repo {

std::vector<Hold> Holds(Tx& tx, const std::string& organisation_id) {
  return MapRows<Hold>(tx.exec_prepared("erasure_holds", organisation_id),
                       [](const pqxx::row& r) {
                         return Hold{r[0].as<std::string>(),
                                     r[1].as<std::string>(),
                                     r[2].as<std::string>()};
                       });
}

std::optional<std::optional<absl::Time>> ErasedAt(
    Tx& tx, const std::string& organisation_id) {
  pqxx::result r = tx.exec_prepared("erasure_erased_at", organisation_id);
  if (r.empty()) return std::nullopt;
  if (r[0][0].is_null()) return std::optional<absl::Time>();
  return std::optional<absl::Time>(absl::FromUnixMicros(r[0][0].as<int64_t>()));
}

void Begin(Tx& tx) { tx.exec_prepared1("erasure_begin"); }

std::vector<ApplicationWords> ApplicationContents(
    Tx& tx, const std::string& organisation_id) {
  return MapRows<ApplicationWords>(
      tx.exec_prepared("erasure_application_contents", organisation_id),
      [](const pqxx::row& r) {
        ApplicationWords out{r[0].as<std::string>(), {}, r[2].as<bool>()};
        ProtoFromJson(r[1].as<std::string>(), &out.content);
        return out;
      });
}

Versions SubmissionContents(Tx& tx, const std::string& application_id) {
  return MapRows<std::pair<int64_t, v1::ApplicationContent>>(
      tx.exec_prepared("erasure_submission_contents", application_id),
      [](const pqxx::row& r) {
        std::pair<int64_t, v1::ApplicationContent> out{r[0].as<int64_t>(), {}};
        ProtoFromJson(r[1].as<std::string>(), &out.second);
        return out;
      });
}

void SetApplicationContent(Tx& tx, const std::string& application_id,
                           const v1::ApplicationContent& content,
                           const Versions& versions) {
  std::vector<int64_t> numbers;
  std::vector<std::string> contents;
  for (const auto& [version, words] : versions) {
    numbers.push_back(version);
    contents.push_back(ProtoToJson(words));
  }
  tx.exec_prepared0("erasure_set_application_content", application_id,
                    ProtoToJson(content), ToPgArray(numbers),
                    ToPgArray(contents));
}

std::vector<std::pair<std::string, v1::ReportContent>> ReportContents(
    Tx& tx, const std::string& organisation_id) {
  return MapRows<std::pair<std::string, v1::ReportContent>>(
      tx.exec_prepared("erasure_report_contents", organisation_id),
      [](const pqxx::row& r) {
        std::pair<std::string, v1::ReportContent> out{r[0].as<std::string>(),
                                                      {}};
        ProtoFromJson(r[1].as<std::string>(), &out.second);
        return out;
      });
}

void SetReportContent(Tx& tx, const std::string& report_id,
                      const v1::ReportContent& content) {
  tx.exec_prepared0("erasure_set_report_content", report_id,
                    ProtoToJson(content));
}

void EraseOrganisation(Tx& tx, const std::string& organisation_id,
                       absl::Time now) {
  tx.exec_prepared0("erasure_organisation", organisation_id, Micros(now));
}

void EraseBankDetails(Tx& tx, const std::string& organisation_id) {
  tx.exec_prepared0("erasure_bank_details", organisation_id);
}

void EraseAddresses(Tx& tx, const std::string& organisation_id,
                    const std::vector<std::string>& emails) {
  tx.exec_prepared0("erasure_addresses", organisation_id, ToPgArray(emails));
}

void EraseGranteeWords(Tx& tx, const std::string& organisation_id) {
  tx.exec_prepared0("erasure_grantee_words", organisation_id);
}

int64_t EraseDocuments(Tx& tx, const std::string& organisation_id,
                       const std::string& actor, absl::Time now) {
  return tx
      .exec_prepared1("erasure_documents", organisation_id, actor,
                      Micros(now))[0]
      .as<int64_t>();
}

void RecordReads(Tx& tx, const std::vector<std::string>& organisation_ids,
                 const std::string& what, const std::string& reader,
                 const std::string& role, const std::string& method,
                 absl::Time now) {
  if (organisation_ids.empty()) return;
  tx.exec_prepared0("personal_data_reads_insert", ToPgArray(organisation_ids),
                    what, reader, role, method, Micros(now));
}

std::optional<std::string> SubjectAccess(Tx& tx,
                                         const std::string& organisation_id) {
  pqxx::result r = tx.exec_prepared("subject_access", organisation_id);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

PersonErasure ErasePerson(Tx& tx, const std::string& email,
                          const std::string& address_mac, absl::Time now) {
  pqxx::row r =
      tx.exec_prepared1("person_erase", email, ToHex(address_mac), Micros(now));
  return {r[0].as<std::string>(), FromPgArray(r[1]), r[3].as<int64_t>() > 0};
}

std::optional<std::pair<absl::Time, std::string>> PersonErasedAt(
    Tx& tx, const std::string& address_mac) {
  pqxx::result r = tx.exec_prepared("person_erased_at", ToHex(address_mac));
  if (r.empty()) return std::nullopt;
  return std::make_pair(TimeAt(r[0][0]), r[0][1].as<std::string>());
}

std::optional<std::string> PersonSubjectAccess(Tx& tx,
                                               const std::string& email) {
  pqxx::result r = tx.exec_prepared("person_subject_access", email);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

}  // namespace grants::storage::erasure_repo
