// Documents use cases: uploads in chunks, checked whole (size, checksum,
// ClamAV, type by content) before they become documents, and reads scoped
// to the group, officers and the application's reviewers, each audited.
// Each mutation owns its transaction, is idempotent and audited in it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/documents.h"
#include "services/audit/audit_recorder.h"
#include "services/documents/clamd_scanner.h"
#include "storage/pool.h"

namespace grants::documents {

struct DocumentSettings {
  // The largest document, in bytes.
  int64_t max_bytes = 10 * 1024 * 1024;
  // Where documents' bytes are kept: "" for the database, else a
  // directory (one file per document, named by its SHA-256).
  std::string directory;
};

// The start of an upload, validated by the handler.
struct UploadSpec {
  Subject subject;
  DocumentKind kind = DocumentKind::kUnspecified;
  std::string file_name;
  int64_t size_bytes = 0;
  std::string sha256_hex;
  std::string on_behalf_reason;
};

// A piece of a document as read.
struct Piece {
  Document document;
  int64_t offset = 0;
  std::string data;
  bool last = false;
};

class DocumentService {
 public:
  DocumentService(storage::ConnectionPool& pool, const audit::Recorder& audit,
                  std::unique_ptr<Scanner> scanner, DocumentSettings settings)
      : pool_(pool),
        audit_(audit),
        scanner_(std::move(scanner)),
        settings_(std::move(settings)) {}

  // See DocumentService.StartUpload in documents.proto.
  absl::StatusOr<Upload> Start(const RequestContext& ctx,
                               const UploadSpec& spec);
  absl::StatusOr<Upload> AddChunk(const RequestContext& ctx,
                                  const std::string& upload_id, int64_t offset,
                                  const std::string& data);
  absl::StatusOr<Document> Finish(const RequestContext& ctx,
                                  const std::string& upload_id);
  absl::StatusOr<std::vector<Document>> List(const RequestContext& ctx,
                                             const Subject& subject);
  absl::StatusOr<Piece> Read(const RequestContext& ctx,
                             const std::string& document_id, int64_t offset,
                             int32_t max_bytes);
  // See DocumentService.DeleteDocument in documents.proto.
  absl::StatusOr<Removal> Delete(const RequestContext& ctx,
                                 const std::string& document_id,
                                 const std::string& on_behalf_reason);
  // Unlinks the directory's files of removed documents (by a group, the
  // retention schedule or an erasure) once no kept document has the same
  // bytes; how many. Safe in several grantsd at once; a removal whose file
  // outlived a crash is finished by the next call.
  absl::StatusOr<int64_t> RemoveFiles(absl::Time now);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
  std::unique_ptr<Scanner> scanner_;
  DocumentSettings settings_;
};

}  // namespace grants::documents
