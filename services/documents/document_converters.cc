// DocumentService converters.
#include "services/documents/document_converters.h"

#include "common/status.h"
#include "services/common/proto_convert.h"
#include "services/common/validation.h"
#include "services/documents/document_errors.h"
#include "services/documents/document_rules.h"

namespace grants::documents {
namespace {

absl::StatusOr<Subject> SubjectOf(const std::string& application_id,
                                  const std::string& award_id) {
  if (application_id.empty() == award_id.empty())
    return Invalid("SUBJECT_REQUIRED", "application_id",
                   "name exactly one of application_id and award_id");
  Subject s{application_id, award_id};
  Validator v;
  if (!application_id.empty()) v.Id("application_id", application_id);
  if (!award_id.empty()) v.Id("award_id", award_id);
  RETURN_IF_ERROR(v.Finish());
  return s;
}

}  // namespace

DocumentKind KindFromProto(v1::DocumentKind k) {
  switch (k) {
    case v1::DOCUMENT_KIND_GOVERNING_DOCUMENT:
      return DocumentKind::kGoverningDocument;
    case v1::DOCUMENT_KIND_ACCOUNTS:
      return DocumentKind::kAccounts;
    case v1::DOCUMENT_KIND_SAFEGUARDING_POLICY:
      return DocumentKind::kSafeguardingPolicy;
    case v1::DOCUMENT_KIND_BANK_STATEMENT:
      return DocumentKind::kBankStatement;
    case v1::DOCUMENT_KIND_EVIDENCE:
      return DocumentKind::kEvidence;
    case v1::DOCUMENT_KIND_OTHER:
      return DocumentKind::kOther;
    default:
      return DocumentKind::kUnspecified;
  }
}

v1::DocumentKind KindToProto(DocumentKind k) {
  switch (k) {
    case DocumentKind::kGoverningDocument:
      return v1::DOCUMENT_KIND_GOVERNING_DOCUMENT;
    case DocumentKind::kAccounts:
      return v1::DOCUMENT_KIND_ACCOUNTS;
    case DocumentKind::kSafeguardingPolicy:
      return v1::DOCUMENT_KIND_SAFEGUARDING_POLICY;
    case DocumentKind::kBankStatement:
      return v1::DOCUMENT_KIND_BANK_STATEMENT;
    case DocumentKind::kEvidence:
      return v1::DOCUMENT_KIND_EVIDENCE;
    case DocumentKind::kOther:
      return v1::DOCUMENT_KIND_OTHER;
    default:
      return v1::DOCUMENT_KIND_UNSPECIFIED;
  }
}

absl::StatusOr<UploadSpec> ToSpec(const v1::StartUploadRequest& r) {
  ASSIGN_OR_RETURN(Subject subject,
                   SubjectOf(r.application_id(), r.award_id()));
  UploadSpec spec{.subject = subject,
                  .kind = KindFromProto(r.kind()),
                  .file_name = r.file_name(),
                  .size_bytes = r.size_bytes(),
                  .sha256_hex = r.sha256_hex(),
                  .on_behalf_reason = r.on_behalf_reason()};
  if (spec.kind == DocumentKind::kUnspecified)
    return Invalid("KIND_REQUIRED", "kind", "say what the document is");
  RETURN_IF_ERROR(CheckFileName("file_name", r.file_name()));
  if (r.size_bytes() <= 0)
    return Invalid("DOCUMENT_EMPTY", "size_bytes",
                   "a document has at least one byte");
  if (!r.sha256_hex().empty() && !IsSha256Hex(r.sha256_hex()))
    return Invalid("SHA256_INVALID", "sha256_hex",
                   "64 lower-case hexadecimal digits");
  if (!r.on_behalf_reason().empty())
    RETURN_IF_ERROR(Validator()
                        .Text("on_behalf_reason", r.on_behalf_reason(), 1, 500)
                        .Finish());
  return spec;
}

absl::StatusOr<Subject> ToSubject(const v1::ListDocumentsRequest& r) {
  return SubjectOf(r.application_id(), r.award_id());
}

void ToProto(const Upload& u, int32_t max_chunk_bytes, v1::Upload* out) {
  out->set_id(u.id);
  out->set_size_bytes(u.size_bytes);
  out->set_received_bytes(u.received_bytes);
  out->set_max_chunk_bytes(max_chunk_bytes);
  grants::ToProto(u.created_at + kUploadLifetime, out->mutable_expire_time());
}

void ToProto(const Document& d, v1::Document* out) {
  out->set_id(d.id);
  out->set_organisation_id(d.organisation_id);
  out->set_application_id(d.subject.application_id);
  out->set_award_id(d.subject.award_id);
  out->set_kind(KindToProto(d.kind));
  out->set_file_name(d.file_name);
  out->set_content_type(d.content_type);
  out->set_size_bytes(d.size_bytes);
  out->set_sha256_hex(d.sha256_hex);
  out->set_uploaded_by(d.uploaded_by);
  grants::ToProto(d.created_at, out->mutable_create_time());
  out->set_scanned_by(d.scanned_by);
  out->set_on_behalf_reason(d.on_behalf_reason);
}

void ToProto(const std::vector<Document>& ds, v1::ListDocumentsResponse* out) {
  for (const auto& d : ds) ToProto(d, out->add_documents());
}

void ToProto(const Piece& p, v1::DocumentChunk* out) {
  ToProto(p.document, out->mutable_document());
  out->set_offset(p.offset);
  out->set_data(p.data);
  out->set_last(p.last);
}

void ToProto(const Removal& r, v1::DeleteDocumentResponse* out) {
  out->set_document_id(r.id);
  grants::ToProto(r.removed_at, out->mutable_delete_time());
}

}  // namespace grants::documents
