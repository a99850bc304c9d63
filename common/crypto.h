// Hashing primitives (OpenSSL): SHA-256, HMAC-SHA256, hex.
#pragma once

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

}  // namespace grants
