// Documents' pure rules: allowed types, file names, what a chunk does.
#include "services/documents/document_rules.h"

#include <gtest/gtest.h>

#include "common/status.h"
#include "services/documents/clamd_scanner.h"

namespace grants::documents {
namespace {

TEST(DocumentRulesTest, TakesPdfImagesAndOfficeDocumentsOnly) {
  EXPECT_TRUE(IsAllowedContentType("application/pdf"));
  EXPECT_TRUE(IsAllowedContentType("image/jpeg"));
  EXPECT_TRUE(IsAllowedContentType(
      "application/vnd.openxmlformats-officedocument.wordprocessingml."
      "document"));
  EXPECT_TRUE(IsAllowedContentType("application/vnd.oasis.opendocument.text"));
  EXPECT_FALSE(IsAllowedContentType("text/html"));
  EXPECT_FALSE(IsAllowedContentType("image/svg+xml"));  // scripts
  EXPECT_FALSE(IsAllowedContentType("application/x-executable"));
  EXPECT_FALSE(IsAllowedContentType("text/plain"));
  EXPECT_FALSE(IsAllowedContentType("application/octet-stream"));
}

TEST(DocumentRulesTest, AFileNameHasNoFolder) {
  EXPECT_TRUE(CheckFileName("file_name", "Accounts 2025.pdf").ok());
  EXPECT_TRUE(CheckFileName("file_name", "Statut asociație.pdf").ok());
  for (const char* bad :
       {"", "../etc/passwd", "a/b.pdf", "a\\b.pdf", "..", "line\nbreak.pdf"})
    EXPECT_EQ(ReasonOf(CheckFileName("file_name", bad)), "FILE_NAME_INVALID")
        << bad;
  EXPECT_EQ(ReasonOf(CheckFileName("file_name", std::string(201, 'a'))),
            "FILE_NAME_INVALID");
}

TEST(DocumentRulesTest, ChunksArriveInOrderAndRetriesAreHarmless) {
  // 10 bytes declared, 4 held.
  EXPECT_EQ(FitChunk(10, 4, 4, "abc", std::nullopt), ChunkFit::kAppend);
  EXPECT_EQ(FitChunk(10, 4, 0, "abcd", std::string("abcd")), ChunkFit::kRetry);
  EXPECT_EQ(FitChunk(10, 4, 0, "abcx", std::string("abcd")),
            ChunkFit::kConflict);
  // Inside what is held but not where a chunk starts: not a retry.
  EXPECT_EQ(FitChunk(10, 4, 2, "cd", std::nullopt), ChunkFit::kConflict);
  EXPECT_EQ(FitChunk(10, 4, 5, "x", std::nullopt), ChunkFit::kOutOfOrder);
  EXPECT_EQ(FitChunk(10, 4, 4, "1234567", std::nullopt), ChunkFit::kTooLarge);
  EXPECT_EQ(FitChunk(10, 4, 4, "123456", std::nullopt), ChunkFit::kAppend);
  EXPECT_EQ(ReasonOf(ChunkRefusal(ChunkFit::kOutOfOrder)),
            "CHUNK_OUT_OF_ORDER");
  EXPECT_EQ(ReasonOf(ChunkRefusal(ChunkFit::kConflict)), "CHUNK_CONFLICT");
  EXPECT_EQ(ReasonOf(ChunkRefusal(ChunkFit::kTooLarge)), "DOCUMENT_TOO_LARGE");
}

TEST(DocumentRulesTest, Sha256IsSixtyFourLowerCaseHexDigits) {
  EXPECT_TRUE(IsSha256Hex(std::string(64, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a') + "g"));
}

TEST(ClamdReplyTest, ReadsCleanInfectedAndErrors) {
  auto clean = ParseScanReply("stream: OK");
  ASSERT_TRUE(clean.ok());
  EXPECT_FALSE(clean->infected);
  auto found = ParseScanReply("stream: Eicar-Test-Signature FOUND");
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->infected);
  EXPECT_EQ(found->signature, "Eicar-Test-Signature");
  EXPECT_EQ(
      ReasonOf(ParseScanReply("INSTREAM size limit exceeded. ERROR").status()),
      "SCANNER_UNAVAILABLE");
  EXPECT_EQ(ReasonOf(ParseScanReply("stream:  FOUND").status()),
            "SCANNER_UNAVAILABLE");
}

}  // namespace
}  // namespace grants::documents
