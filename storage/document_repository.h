// Documents and their uploads in PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/documents.h"
#include "storage/transaction.h"

namespace grants::storage::document_repo {

using grants::documents::Document;
using grants::documents::Upload;

// Starts an upload; returns its id.
std::string InsertUpload(Tx& tx, const Upload& u);
// Upload `id` started by `actor` at or after `not_before`, with the bytes it
// holds, locked until commit.
std::optional<Upload> GetUploadForUpdate(Tx& tx, const std::string& id,
                                         const std::string& actor,
                                         absl::Time not_before);
// The bytes the upload holds at `offset`, if a chunk starts there.
std::optional<std::string> ChunkAt(Tx& tx, const std::string& upload_id,
                                   int64_t offset);
void InsertChunk(Tx& tx, const std::string& upload_id, int64_t offset,
                 const std::string& data);
// Every byte the upload holds, in order.
std::string UploadData(Tx& tx, const std::string& upload_id);
// Drops an upload and its bytes.
void DeleteUpload(Tx& tx, const std::string& upload_id);
// Drops uploads started before `before`; how many.
int64_t DeleteUploadsBefore(Tx& tx, absl::Time before);

// Keeps a document: `content` in the table, or (`stored_path` not empty)
// in the directory the caller already wrote it to.
void Insert(Tx& tx, const Document& d, const std::string& sha256_raw,
            const std::optional<std::string>& content,
            const std::string& stored_path);
std::optional<Document> Get(Tx& tx, const std::string& id);
// How a read holds the document until commit (advisory locks: grantsd's
// role may not UPDATE documents, so it takes no row locks on them):
// kLocked (a removal), kShared (a report or condition sending it, which
// no removal overtakes).
enum class Hold { kNone, kLocked, kShared };
std::optional<Document> Get(Tx& tx, const std::string& id, Hold hold);
// What sent the award's document ("report <id>", "condition <n>"), or "".
std::string UseOf(Tx& tx, const std::string& id, const std::string& award_id);
// Removes the document and its bytes, leaving a removal record (why:
// "mistake"; retention and erasure remove theirs in bulk); false when it
// was already gone (a retention sweep or an erasure removed it since it was
// read). Its file, if any, is unlinked later (PendingFiles).
bool Remove(Tx& tx, const std::string& id, const std::string& why,
            const std::string& by, const std::string& on_behalf_reason,
            absl::Time now);
// When the document was removed, if it was.
std::optional<absl::Time> RemovedAt(Tx& tx, const std::string& id);
// Files of removed documents not yet unlinked (document id, path), locked.
std::vector<std::pair<std::string, std::string>> PendingFiles(Tx& tx,
                                                              int limit);
void MarkFileRemoved(Tx& tx, const std::string& document_id, absl::Time now);
// Whether a kept document's bytes are in `path`.
bool PathInUse(Tx& tx, const std::string& path);
// Serialises storing and unlinking `path` until commit.
void LockPath(Tx& tx, const std::string& path);
// Oldest first; one of the two ids is empty.
std::vector<Document> List(Tx& tx, const std::string& application_id,
                           const std::string& award_id);

// A document's stored bytes: `length` from `offset` (all of them when
// `whole`) when in the table, or the path of the file holding them.
struct Content {
  std::string bytes;
  std::string stored_path;
};
std::optional<Content> ReadContent(Tx& tx, const std::string& id,
                                   int64_t offset, int64_t length, bool whole);

// The kinds ("accounts", ...) of the application's documents.
std::vector<std::string> KindsForApplication(Tx& tx,
                                             const std::string& application_id);

}  // namespace grants::storage::document_repo
