// Checkpoint statements: their text, signing and checking.
#include "common/audit_checkpoint.h"

#include <fmt/format.h>

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/crypto.h"
#include "common/status.h"

namespace grants::audit {
namespace {

constexpr std::string_view kHeader = "grants audit checkpoint v1";

absl::Status Malformed(std::string_view field, std::string_view why) {
  return InvalidField(field, "CHECKPOINT_MALFORMED",
                      fmt::format("not a checkpoint file: {}", why));
}

// The value of line `line` when it is "<name>: <value>", else nullopt.
std::optional<std::string_view> ValueOf(std::string_view line,
                                        std::string_view name) {
  if (line.size() <= name.size() + 2 || line.substr(0, name.size()) != name ||
      line.substr(name.size(), 2) != ": ")
    return std::nullopt;
  return line.substr(name.size() + 2);
}

}  // namespace

std::string Checkpoint::Statement() const {
  return fmt::format(
      "{}\nposition: {}\nhash: {}\ntime: {}\nkey: {}\n", kHeader, seq,
      ToHex(hash),
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone()),
      key_id);
}

std::string Checkpoint::Text() const {
  return Statement() + fmt::format("signature: {}\n", ToHex(signature));
}

absl::StatusOr<Checkpoint> Sign(Checkpoint c, std::string_view private_pem) {
  std::optional<std::string> pub = Ed25519PublicPem(private_pem);
  if (!pub) return Internal("the checkpoint key is not an Ed25519 key");
  c.key_id = Ed25519KeyId(*pub);
  std::optional<std::string> sig = Ed25519Sign(private_pem, c.Statement());
  if (!sig) return Internal("cannot sign the checkpoint");
  c.signature = *sig;
  return c;
}

absl::StatusOr<Checkpoint> ParseCheckpoint(std::string_view text,
                                           std::string_view field) {
  std::vector<std::string> lines =
      absl::StrSplit(absl::string_view(text.data(), text.size()), '\n');
  // Six lines, each ended by a newline: the last split is empty.
  if (lines.size() != 7 || !lines[6].empty())
    return Malformed(field, "expected six lines");
  if (lines[0] != kHeader)
    return Malformed(field,
                     "the first line is not \"grants audit checkpoint v1\"");
  Checkpoint c;
  auto position = ValueOf(lines[1], "position");
  if (!position || !absl::SimpleAtoi(std::string(*position), &c.seq) ||
      c.seq < 1 || std::to_string(c.seq) != *position)
    return Malformed(field, "the position is not a whole number above 0");
  auto hash = ValueOf(lines[2], "hash");
  if (!hash || hash->size() != 64 || (c.hash = FromHex(*hash)).size() != 32)
    return Malformed(field, "the hash is not 64 hex digits");
  auto time = ValueOf(lines[3], "time");
  std::string error;
  if (!time || !absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", std::string(*time),
                                absl::UTCTimeZone(), &c.time, &error))
    return Malformed(field, "the time is not like 2026-12-04T15:00:00Z");
  auto key = ValueOf(lines[4], "key");
  if (!key || key->size() != 64 || FromHex(*key).size() != 32)
    return Malformed(field, "the key is not 64 hex digits");
  c.key_id = std::string(*key);
  auto signature = ValueOf(lines[5], "signature");
  if (!signature || signature->size() != 128 ||
      (c.signature = FromHex(*signature)).size() != 64)
    return Malformed(field, "the signature is not 128 hex digits");
  // Only the canonical spelling is accepted, so the text signed is the text
  // read (upper-case hex, say, would not be).
  if (c.Text() != text) return Malformed(field, "not in canonical form");
  return c;
}

absl::Status VerifySignature(const Checkpoint& c, std::string_view public_pem,
                             std::string_view field) {
  if (c.key_id != Ed25519KeyId(public_pem))
    return InvalidField(field, "CHECKPOINT_KEY_UNKNOWN",
                        "signed with another key than this trail's "
                        "checkpoint key");
  if (!Ed25519Verify(public_pem, c.Statement(), c.signature))
    return InvalidField(field, "CHECKPOINT_SIGNATURE_INVALID",
                        "the signature does not match the statement (changed "
                        "after signing)");
  return absl::OkStatus();
}

}  // namespace grants::audit
