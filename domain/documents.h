// Documents: files a group attaches to an application or an award, and the
// uploads they arrive through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "domain/names.h"

namespace grants::documents {

enum class DocumentKind {
  kUnspecified,
  kGoverningDocument,
  kAccounts,
  kSafeguardingPolicy,
  kBankStatement,
  kEvidence,
  kOther,
};

inline constexpr NameTable<DocumentKind, 7> kDocumentKindNames = {{
    {DocumentKind::kUnspecified, ""},
    {DocumentKind::kGoverningDocument, "governing_document"},
    {DocumentKind::kAccounts, "accounts"},
    {DocumentKind::kSafeguardingPolicy, "safeguarding_policy"},
    {DocumentKind::kBankStatement, "bank_statement"},
    {DocumentKind::kEvidence, "evidence"},
    {DocumentKind::kOther, "other"},
}};
constexpr std::string_view KindName(DocumentKind k) {
  return NameOf(kDocumentKindNames, k);
}

// What a document or upload is attached to: exactly one of the two.
struct Subject {
  std::string application_id;
  std::string award_id;
};

// An upload in progress: its bytes arrive in order, from offset 0.
struct Upload {
  std::string id;
  std::string organisation_id;
  Subject subject;
  DocumentKind kind = DocumentKind::kUnspecified;
  std::string file_name;
  int64_t size_bytes = 0;
  std::string sha256_hex;  // declared; empty when not
  std::string on_behalf_reason;
  std::string created_by;
  absl::Time created_at;
  int64_t received_bytes = 0;  // filled on read
};

// A kept, scanned file (metadata; the bytes are read separately).
struct Document {
  std::string id;
  std::string organisation_id;
  Subject subject;
  DocumentKind kind = DocumentKind::kUnspecified;
  std::string file_name;
  std::string content_type;
  int64_t size_bytes = 0;
  std::string sha256_hex;
  std::string uploaded_by;
  std::string on_behalf_reason;
  absl::Time created_at;
  std::string scanned_by;
};

// A document removed (DeleteDocument), and when.
struct Removal {
  std::string id;
  absl::Time removed_at;
};

// How long a started upload waits to be finished.
inline constexpr absl::Duration kUploadLifetime = absl::Hours(24);

}  // namespace grants::documents
