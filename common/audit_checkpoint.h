// A checkpoint of the audit trail: a signed statement of the chain's head
// (position, link hash, time) kept outside the database — mailed to a
// funder's auditor, filed in a mailbox or a transparency log. grantsd signs
// it with an Ed25519 key of its own; anyone with the public half checks the
// signature without any secret, and `audit verify --checkpoint` proves the
// trail still extends it: the link at that position is unchanged, so
// nothing at or before it was rewritten, even by someone holding the
// database and the audit key.
//
// The text form, one field per line, the signature over every line before
// it:
//
//   grants audit checkpoint v1
//   position: 42
//   hash: <64 hex digits: the chain link at that position>
//   time: 2026-12-04T15:00:00Z
//   key: <64 hex digits: Ed25519KeyId of the signing key>
//   signature: <128 hex digits>
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace grants::audit {

struct Checkpoint {
  int64_t seq = 0;
  std::string hash;  // raw 32 bytes
  absl::Time time;
  std::string key_id;     // hex
  std::string signature;  // raw 64 bytes

  // The signed lines (everything but the signature).
  std::string Statement() const;
  // The whole text, signature included.
  std::string Text() const;
};

// `c` signed with `private_pem` (key_id and signature set); INTERNAL when
// the key is not an Ed25519 private key.
absl::StatusOr<Checkpoint> Sign(Checkpoint c, std::string_view private_pem);

// Reads a checkpoint's text. INVALID_ARGUMENT CHECKPOINT_MALFORMED naming
// `field` when it is not exactly the form above (truncated, edited, another
// version).
absl::StatusOr<Checkpoint> ParseCheckpoint(std::string_view text,
                                           std::string_view field);

// Whether `public_pem` signed `c`: INVALID_ARGUMENT CHECKPOINT_KEY_UNKNOWN
// naming `field` for another key's checkpoint, CHECKPOINT_SIGNATURE_INVALID
// for a statement changed after signing.
absl::Status VerifySignature(const Checkpoint& c, std::string_view public_pem,
                             std::string_view field);

}  // namespace grants::audit
