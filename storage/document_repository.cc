// Document repository: one function per statement in queries/.
#include "storage/document_repository.h"

#include "storage/rows.h"

namespace grants::storage::document_repo {
namespace {

using grants::documents::kDocumentKindNames;

Document ToDocument(const pqxx::row& r) {
  Document d;
  d.id = r[0].as<std::string>();
  d.organisation_id = r[1].as<std::string>();
  d.subject.application_id = r[2].as<std::string>();
  d.subject.award_id = r[3].as<std::string>();
  d.kind = ParseName(kDocumentKindNames, r[4].as<std::string>());
  d.file_name = r[5].as<std::string>();
  d.content_type = r[6].as<std::string>();
  d.size_bytes = r[7].as<int64_t>();
  d.sha256_hex = r[8].as<std::string>();
  d.uploaded_by = r[9].as<std::string>();
  d.on_behalf_reason = r[10].as<std::string>();
  d.created_at = TimeAt(r[11]);
  d.scanned_by = r[12].as<std::string>();
  return d;
}

}  // namespace

std::string InsertUpload(Tx& tx, const Upload& u) {
  return tx
      .exec_prepared1("document_upload_insert", u.organisation_id,
                      u.subject.application_id, u.subject.award_id,
                      std::string(documents::KindName(u.kind)), u.file_name,
                      u.size_bytes, u.sha256_hex, u.on_behalf_reason,
                      u.created_by, Micros(u.created_at))[0]
      .as<std::string>();
}

std::optional<Upload> GetUploadForUpdate(Tx& tx, const std::string& id,
                                         const std::string& actor,
                                         absl::Time not_before) {
  auto rows =
      tx.exec_prepared("document_upload_get", id, actor, Micros(not_before));
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  Upload u;
  u.id = r[0].as<std::string>();
  u.organisation_id = r[1].as<std::string>();
  u.subject.application_id = r[2].as<std::string>();
  u.subject.award_id = r[3].as<std::string>();
  u.kind = ParseName(kDocumentKindNames, r[4].as<std::string>());
  u.file_name = r[5].as<std::string>();
  u.size_bytes = r[6].as<int64_t>();
  u.sha256_hex = r[7].as<std::string>();
  u.on_behalf_reason = r[8].as<std::string>();
  u.created_by = r[9].as<std::string>();
  u.created_at = TimeAt(r[10]);
  u.received_bytes = r[11].as<int64_t>();
  return u;
}

std::optional<std::string> ChunkAt(Tx& tx, const std::string& upload_id,
                                   int64_t offset) {
  auto rows = tx.exec_prepared("document_upload_chunk_get", upload_id, offset);
  if (rows.empty()) return std::nullopt;
  return pqxx::binarystring(rows[0][0]).str();
}

void InsertChunk(Tx& tx, const std::string& upload_id, int64_t offset,
                 const std::string& data) {
  tx.exec_prepared0("document_upload_chunk_insert", upload_id, offset,
                    pqxx::binarystring(data));
}

std::string UploadData(Tx& tx, const std::string& upload_id) {
  std::string out;
  for (const auto& r : tx.exec_prepared("document_upload_data", upload_id))
    out += pqxx::binarystring(r[0]).str();
  return out;
}

void DeleteUpload(Tx& tx, const std::string& upload_id) {
  tx.exec_prepared0("document_upload_delete", upload_id);
}

int64_t DeleteUploadsBefore(Tx& tx, absl::Time before) {
  return static_cast<int64_t>(
      tx.exec_prepared0("document_upload_delete_expired", Micros(before))
          .affected_rows());
}

void Insert(Tx& tx, const Document& d, const std::string& sha256_raw,
            const std::optional<std::string>& content,
            const std::string& stored_path) {
  pqxx::binarystring sha(sha256_raw);
  auto kind = std::string(documents::KindName(d.kind));
  if (content)
    tx.exec_prepared0("document_insert", d.id, d.organisation_id,
                      d.subject.application_id, d.subject.award_id, kind,
                      d.file_name, d.content_type, d.size_bytes, sha,
                      pqxx::binarystring(*content), stored_path, d.uploaded_by,
                      d.on_behalf_reason, d.scanned_by, Micros(d.created_at));
  else
    tx.exec_prepared0("document_insert", d.id, d.organisation_id,
                      d.subject.application_id, d.subject.award_id, kind,
                      d.file_name, d.content_type, d.size_bytes, sha, nullptr,
                      stored_path, d.uploaded_by, d.on_behalf_reason,
                      d.scanned_by, Micros(d.created_at));
}

std::optional<Document> Get(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("document_get", id);
  if (rows.empty()) return std::nullopt;
  return ToDocument(rows[0]);
}

std::optional<Document> Get(Tx& tx, const std::string& id, Hold hold) {
  if (hold != Hold::kNone)
    tx.exec_prepared(
        hold == Hold::kLocked ? "document_lock" : "document_lock_shared", id);
  return Get(tx, id);
}

std::string UseOf(Tx& tx, const std::string& id, const std::string& award_id) {
  return tx.exec_prepared1("document_use", id, award_id)[0].as<std::string>();
}

bool Remove(Tx& tx, const std::string& id, const std::string& why,
            const std::string& by, const std::string& on_behalf_reason,
            absl::Time now) {
  return tx.exec_prepared1("document_remove", id, why, by, on_behalf_reason,
                           Micros(now))[0]
             .as<int64_t>() == 1;
}

std::optional<absl::Time> RemovedAt(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("document_removal_get", id);
  if (rows.empty()) return std::nullopt;
  return TimeAt(rows[0][0]);
}

std::vector<std::pair<std::string, std::string>> PendingFiles(Tx& tx,
                                                              int limit) {
  return MapRows<std::pair<std::string, std::string>>(
      tx.exec_prepared("document_files_pending", limit),
      [](const pqxx::row& r) {
        return std::pair{r[0].as<std::string>(), r[1].as<std::string>()};
      });
}

void MarkFileRemoved(Tx& tx, const std::string& document_id, absl::Time now) {
  tx.exec_prepared0("document_file_removed", document_id, Micros(now));
}

bool PathInUse(Tx& tx, const std::string& path) {
  return tx.exec_prepared1("document_path_in_use", path)[0].as<bool>();
}

void LockPath(Tx& tx, const std::string& path) {
  tx.exec_prepared("document_path_lock", path);
}

std::vector<Document> List(Tx& tx, const std::string& application_id,
                           const std::string& award_id) {
  return MapRows<Document>(
      tx.exec_prepared("document_list", application_id, award_id), ToDocument);
}

std::optional<Content> ReadContent(Tx& tx, const std::string& id,
                                   int64_t offset, int64_t length, bool whole) {
  auto rows = tx.exec_prepared("document_content", id, offset, length, whole);
  if (rows.empty()) return std::nullopt;
  Content c;
  if (!rows[0][0].is_null()) c.bytes = pqxx::binarystring(rows[0][0]).str();
  c.stored_path = rows[0][1].as<std::string>();
  return c;
}

std::vector<std::string> KindsForApplication(
    Tx& tx, const std::string& application_id) {
  std::vector<std::string> out;
  for (const auto& r :
       tx.exec_prepared("document_kinds_for_application", application_id))
    out.push_back(r[0].as<std::string>());
  return out;
}

}  // namespace grants::storage::document_repo
