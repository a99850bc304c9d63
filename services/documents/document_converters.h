// DocumentService: proto <-> domain.
#pragma once

#include "absl/status/statusor.h"
#include "domain/documents.h"
#include "grants/v1/documents.pb.h"
#include "services/documents/document_service.h"

namespace grants::documents {

// Validates a StartUploadRequest. INVALID_ARGUMENT: SUBJECT_REQUIRED,
// ID_INVALID, KIND_REQUIRED, FILE_NAME_INVALID, DOCUMENT_EMPTY,
// SHA256_INVALID, TOO_LONG (on_behalf_reason).
absl::StatusOr<UploadSpec> ToSpec(const v1::StartUploadRequest& r);
// Validates a ListDocumentsRequest's subject.
absl::StatusOr<Subject> ToSubject(const v1::ListDocumentsRequest& r);

DocumentKind KindFromProto(v1::DocumentKind k);
v1::DocumentKind KindToProto(DocumentKind k);

void ToProto(const Upload& u, int32_t max_chunk_bytes, v1::Upload* out);
void ToProto(const Document& d, v1::Document* out);
void ToProto(const std::vector<Document>& ds, v1::ListDocumentsResponse* out);
void ToProto(const Piece& p, v1::DocumentChunk* out);
void ToProto(const Removal& r, v1::DeleteDocumentResponse* out);

}  // namespace grants::documents
