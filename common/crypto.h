// Hashing and signing primitives (OpenSSL): SHA-256, HMAC-SHA256, Ed25519
// signatures, hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace grants {

// Raw 32-byte SHA-256 digest.
std::string Sha256(std::string_view data);
// Raw 32-byte HMAC-SHA256.
std::string HmacSha256(std::string_view key, std::string_view data);
// Lowercase hex of raw bytes, and back ("" when `hex` is malformed).
std::string ToHex(std::string_view bytes);
std::string FromHex(std::string_view hex);
// 16 random bytes as a canonical lowercase UUID v4 string.
std::string RandomUuid();

// Ed25519 keys as PEM text (PKCS#8 private, SubjectPublicKeyInfo public,
// as `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` write
// them).
// The public key of `private_pem`; nullopt when it is not an Ed25519 key.
std::optional<std::string> Ed25519PublicPem(std::string_view private_pem);
// The raw 64-byte signature of `data`; nullopt when the key is not Ed25519.
std::optional<std::string> Ed25519Sign(std::string_view private_pem,
                                       std::string_view data);
// Whether `signature` is `public_pem`'s signature of `data` (false for a
// malformed key or signature).
bool Ed25519Verify(std::string_view public_pem, std::string_view data,
                   std::string_view signature);
// A short name of a public key: hex SHA-256 of its raw 32 bytes; "" when
// `public_pem` is not an Ed25519 public key.
std::string Ed25519KeyId(std::string_view public_pem);

}  // namespace grants
