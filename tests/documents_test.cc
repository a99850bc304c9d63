// Documents: uploads in chunks through the public contract, checked whole
// (size, checksum, ClamAV with the EICAR test signature, type by content)
// before anyone can read them; nothing of a refused file kept; reads
// scoped to the group, officers without an interest and assigned
// reviewers, each in the audit trail; a round's required documents gate
// submission; officers attach only with a reason; a file attached by
// mistake is removed with its bytes while nothing relies on it, and an
// erased group's documents go with it.
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "common/crypto.h"
#include "grants/v1/documents.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "tests/payments_fixture.h"

namespace grants::testing {
namespace {

namespace fs = std::filesystem;

const std::string kEicar =
    R"(X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*)";

// A PDF of about `bytes` bytes (a comment pads it).
std::string Pdf(size_t bytes = 200) {
  std::string head = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%";
  std::string tail = "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
  std::string pad(
      bytes > head.size() + tail.size() ? bytes - head.size() - tail.size() : 1,
      'x');
  for (size_t i = 0; i < pad.size(); ++i) pad[i] = "abcdefghij"[i * 7 % 10];
  return head + pad + tail;
}

const std::string kPng = std::string(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15"
    "\xc4\x89\0\0\0\rIDATx\x9c"
    "c\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89"
    "\x99=\x1d\0\0\0\0IEND\xae"
    "B`\x82",
    67);

// A zip of `entries`, stored rather than compressed: what an office
// document is (its first entries say which kind).
std::string StoredZip(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  auto u16 = [](std::string& s, uint32_t v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  auto u32 = [&](std::string& s, uint32_t v) {
    u16(s, v & 0xffff);
    u16(s, v >> 16);
  };
  auto crc32 = [](const std::string& data) {
    uint32_t crc = 0xffffffff;
    for (unsigned char byte : data) {
      crc ^= byte;
      for (int i = 0; i < 8; ++i) crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return ~crc;
  };
  std::string out, directory;
  for (const auto& [name, data] : entries) {
    const uint32_t offset = out.size(), crc = crc32(data), size = data.size();
    u32(out, 0x04034b50);  // a local file header
    for (uint32_t v : {20u, 0u, 0u, 0u, 0u}) u16(out, v);
    for (uint32_t v : {crc, size, size}) u32(out, v);
    u16(out, name.size());
    u16(out, 0);
    out += name + data;
    u32(directory, 0x02014b50);  // its central directory entry
    for (uint32_t v : {20u, 20u, 0u, 0u, 0u, 0u}) u16(directory, v);
    for (uint32_t v : {crc, size, size}) u32(directory, v);
    for (uint32_t v : {static_cast<uint32_t>(name.size()), 0u, 0u, 0u, 0u})
      u16(directory, v);
    u32(directory, 0);
    u32(directory, offset);
    directory += name;
  }
  const uint32_t at = out.size();
  out += directory;
  u32(out, 0x06054b50);  // the end of the central directory
  for (uint32_t v : {0u, 0u, static_cast<uint32_t>(entries.size()),
                     static_cast<uint32_t>(entries.size())})
    u16(out, v);
  u32(out, directory.size());
  u32(out, at);
  u16(out, 0);
  return out;
}

class DocumentsTest : public PaymentsTest {
 protected:
  std::unique_ptr<grpc::ClientContext> GroupCtx(
      const std::string& org = "ORG-ROMA") {
    return server_.As(Role::kGrantee, "ana", org);
  }

  struct Attach {
    std::string application_id;
    std::string award_id;
    v1::DocumentKind kind = v1::DOCUMENT_KIND_ACCOUNTS;
    std::string name = "Accounts 2025.pdf";
    std::string sha256_hex;
    std::string on_behalf_reason;
    int64_t declared = -1;  // size_bytes; -1: the data's
    size_t chunk = 192 * 1024;
    std::string request_id;  // the start's; empty: a new one
  };

  // Starts an upload as `who`; fills `upload`.
  grpc::Status Start(const Attach& a, const std::string& data,
                     v1::Upload* upload,
                     std::unique_ptr<grpc::ClientContext> who = nullptr) {
    v1::StartUploadRequest req;
    req.set_request_id(a.request_id.empty() ? Key() : a.request_id);
    if (!a.application_id.empty()) req.set_application_id(a.application_id);
    if (!a.award_id.empty()) req.set_award_id(a.award_id);
    req.set_kind(a.kind);
    req.set_file_name(a.name);
    req.set_size_bytes(a.declared >= 0 ? a.declared
                                       : static_cast<int64_t>(data.size()));
    req.set_sha256_hex(a.sha256_hex);
    req.set_on_behalf_reason(a.on_behalf_reason);
    return documents_->StartUpload(who ? who.get() : GroupCtx().get(), req,
                                   upload);
  }

  grpc::Status Chunk(const std::string& upload_id, int64_t offset,
                     const std::string& data, v1::Upload* out,
                     const std::string& key = Key(),
                     const std::string& org = "ORG-ROMA") {
    v1::UploadChunkRequest req;
    req.set_request_id(key);
    req.set_upload_id(upload_id);
    req.set_offset(offset);
    req.set_data(data);
    return documents_->UploadChunk(GroupCtx(org).get(), req, out);
  }

  grpc::Status Finish(const std::string& upload_id, v1::Document* out,
                      const std::string& key = Key(),
                      std::unique_ptr<grpc::ClientContext> who = nullptr) {
    v1::FinishUploadRequest req;
    req.set_request_id(key);
    req.set_upload_id(upload_id);
    return documents_->FinishUpload(who ? who.get() : GroupCtx().get(), req,
                                    out);
  }

  // The whole upload as ORG-ROMA's grantee (or `who` for every call);
  // the first refusal's status.
  grpc::Status Upload(
      const Attach& a, const std::string& data, v1::Document* out,
      const std::function<std::unique_ptr<grpc::ClientContext>()>& who =
          nullptr) {
    auto ctx = [&] { return who ? who() : GroupCtx(); };
    v1::Upload upload;
    grpc::Status s = Start(a, data, &upload, ctx());
    if (!s.ok()) return s;
    for (size_t at = 0; at < data.size(); at += a.chunk) {
      v1::UploadChunkRequest req;
      req.set_request_id(Key());
      req.set_upload_id(upload.id());
      req.set_offset(static_cast<int64_t>(at));
      req.set_data(data.substr(at, a.chunk));
      s = documents_->UploadChunk(ctx().get(), req, &upload);
      if (!s.ok()) return s;
    }
    return Finish(upload.id(), out, Key(), ctx());
  }

  // The document read back in pieces of `piece` bytes as `who`.
  grpc::Status ReadAll(
      const std::string& id, std::string* out, int piece = 100'000,
      const std::function<std::unique_ptr<grpc::ClientContext>()>& who =
          nullptr) {
    out->clear();
    for (;;) {
      v1::ReadDocumentRequest req;
      req.set_document_id(id);
      req.set_offset(static_cast<int64_t>(out->size()));
      req.set_max_bytes(piece);
      v1::DocumentChunk chunk;
      auto ctx = who ? who() : GroupCtx();
      grpc::Status s = documents_->ReadDocument(ctx.get(), req, &chunk);
      if (!s.ok()) return s;
      *out += chunk.data();
      if (chunk.last()) return s;
    }
  }

  grpc::Status Read(std::unique_ptr<grpc::ClientContext> who,
                    const std::string& id, v1::DocumentChunk* out) {
    v1::ReadDocumentRequest req;
    req.set_document_id(id);
    return documents_->ReadDocument(who.get(), req, out);
  }

  grpc::Status List(std::unique_ptr<grpc::ClientContext> who,
                    const std::string& application_id,
                    v1::ListDocumentsResponse* out) {
    v1::ListDocumentsRequest req;
    req.set_application_id(application_id);
    return documents_->ListDocuments(who.get(), req, out);
  }

  // ORG-ROMA's draft in a fresh open round.
  std::string DraftApplication() {
    Builder b(server_);
    auto round = b.OpenRound();
    awards_.Register("ORG-ROMA");
    return b.Draft("ORG-ROMA", round.id()).id();
  }

  // Nothing of any upload left anywhere.
  void ExpectNothingKept() {
    EXPECT_EQ(Count("SELECT count(*) FROM documents"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM document_uploads"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM document_upload_chunks"), 0);
  }

  grpc::Status Remove(const std::string& id, v1::DeleteDocumentResponse* out,
                      std::unique_ptr<grpc::ClientContext> who = nullptr,
                      const std::string& key = Key(),
                      const std::string& on_behalf_reason = "") {
    v1::DeleteDocumentRequest req;
    req.set_request_id(key);
    req.set_document_id(id);
    req.set_on_behalf_reason(on_behalf_reason);
    return documents_->DeleteDocument(who ? who.get() : GroupCtx().get(), req,
                                      out);
  }

  std::unique_ptr<v1::DocumentService::Stub> documents_ =
      v1::DocumentService::NewStub(server_.Channel());
};

TEST_F(DocumentsTest, AGroupAttachesAFileInChunksAndReadsTheSameBytesBack) {
  std::string app = DraftApplication();
  std::string pdf = Pdf(450'000);  // three chunks
  v1::Document doc;
  ASSERT_TRUE(Upload({.application_id = app, .sha256_hex = ToHex(Sha256(pdf))},
                     pdf, &doc)
                  .ok());
  EXPECT_EQ(doc.content_type(), "application/pdf");
  EXPECT_EQ(doc.size_bytes(), static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(doc.sha256_hex(), ToHex(Sha256(pdf)));
  EXPECT_EQ(doc.application_id(), app);
  EXPECT_EQ(doc.organisation_id(),
            awards_.GetApplication(app).organisation_id());
  EXPECT_EQ(doc.kind(), v1::DOCUMENT_KIND_ACCOUNTS);
  EXPECT_NE(doc.scanned_by().find("ClamAV"), std::string::npos);
  // Its chunks are gone once it is a document.
  EXPECT_EQ(Count("SELECT count(*) FROM document_upload_chunks"), 0);

  std::string back;
  ASSERT_TRUE(ReadAll(doc.id(), &back).ok());
  EXPECT_EQ(back, pdf);
  v1::ListDocumentsResponse list;
  ASSERT_TRUE(List(GroupCtx(), app, &list).ok());
  ASSERT_EQ(list.documents_size(), 1);
  EXPECT_EQ(list.documents(0).file_name(), "Accounts 2025.pdf");
  // Every read is in the trail (five pieces of 100,000 bytes), the file's
  // name never is.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_id = '" +
                  doc.id() + "' AND action = 'ReadDocument'"),
            5);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE summary LIKE "
                  "'%Accounts 2025%'"),
            0);
}

TEST_F(DocumentsTest, OfficeDocumentsAreTakenByWhatTheirContentSays) {
  std::string app = DraftApplication();
  const std::string docx = StoredZip({{"[Content_Types].xml", "<Types/>"},
                                      {"_rels/.rels", "<Relationships/>"},
                                      {"word/document.xml", "<w:document/>"}});
  const std::string odt =
      StoredZip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                 {"content.xml", "<office:document-content/>"}});
  v1::Document doc;
  ASSERT_TRUE(
      Upload({.application_id = app, .name = "Constitution.docx"}, docx, &doc)
          .ok());
  EXPECT_EQ(doc.content_type(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml."
            "document");
  ASSERT_TRUE(
      Upload({.application_id = app, .name = "Policy.odt"}, odt, &doc).ok());
  EXPECT_EQ(doc.content_type(), "application/vnd.oasis.opendocument.text");
  // The name does not make the type: a web page called .docx is refused.
  grpc::Status s = Upload({.application_id = app, .name = "Trick.docx"},
                          "<html><script>alert(1)</script></html>", &doc);
  EXPECT_EQ(ReasonOf(s), "DOCUMENT_TYPE_NOT_ALLOWED");
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 2);
}

TEST_F(DocumentsTest, TheLargestDocumentIsGrantsdsSetting) {
  std::string app = DraftApplication();
  TestServer small(db_.conninfo(),
                   TestServerOptions{.max_document_bytes = 4096});
  auto stub = v1::DocumentService::NewStub(small.Channel());
  auto start = [&](int64_t bytes) {
    v1::StartUploadRequest req;
    req.set_request_id(Key());
    req.set_application_id(app);
    req.set_kind(v1::DOCUMENT_KIND_ACCOUNTS);
    req.set_file_name("Accounts.pdf");
    req.set_size_bytes(bytes);
    v1::Upload upload;
    return stub->StartUpload(small.As(Role::kGrantee, "ana", "ORG-ROMA").get(),
                             req, &upload);
  };
  grpc::Status s = start(4097);
  EXPECT_EQ(ReasonOf(s), "DOCUMENT_TOO_LARGE");
  EXPECT_EQ(FieldOf(s), "size_bytes");
  EXPECT_TRUE(start(4096).ok());
  // The default server takes what this one refuses.
  v1::Document doc;
  EXPECT_TRUE(Upload({.application_id = app}, Pdf(5000), &doc).ok());
}

TEST_F(DocumentsTest, RetriesOfChunksAndOfTheFinishChangeNothing) {
  std::string app = DraftApplication();
  std::string png = kPng;
  v1::Upload upload;
  ASSERT_TRUE(Start({.application_id = app,
                     .kind = v1::DOCUMENT_KIND_OTHER,
                     .name = "logo.png"},
                    png, &upload)
                  .ok());
  std::string first = png.substr(0, 30), rest = png.substr(30);
  std::string key = Key();
  ASSERT_TRUE(Chunk(upload.id(), 0, first, &upload, key).ok());
  EXPECT_EQ(upload.received_bytes(), 30);
  // The same call again, and the same bytes under a new key: harmless.
  ASSERT_TRUE(Chunk(upload.id(), 0, first, &upload, key).ok());
  ASSERT_TRUE(Chunk(upload.id(), 0, first, &upload).ok());
  EXPECT_EQ(upload.received_bytes(), 30);
  // Other bytes where some are held, a gap, bytes past the declared size.
  std::string other = first;
  other[3] ^= 1;
  EXPECT_EQ(ReasonOf(Chunk(upload.id(), 0, other, &upload)), "CHUNK_CONFLICT");
  EXPECT_EQ(ReasonOf(Chunk(upload.id(), 31, rest, &upload)),
            "CHUNK_OUT_OF_ORDER");
  EXPECT_EQ(ReasonOf(Chunk(upload.id(), 30, rest + "x", &upload)),
            "DOCUMENT_TOO_LARGE");
  ASSERT_TRUE(Chunk(upload.id(), 30, rest, &upload).ok());
  EXPECT_EQ(upload.received_bytes(), static_cast<int64_t>(png.size()));
  v1::Document doc, again;
  std::string finish = Key();
  ASSERT_TRUE(Finish(upload.id(), &doc, finish).ok());
  ASSERT_TRUE(Finish(upload.id(), &again, finish).ok());
  EXPECT_EQ(again.id(), doc.id());
  EXPECT_EQ(doc.content_type(), "image/png");
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  // A finished upload takes no more bytes.
  EXPECT_EQ(ReasonOf(Chunk(upload.id(), 0, first, &upload)),
            "UPLOAD_NOT_FOUND");
}

// A resent form (the portal's, after a lost answer) starts, chunks and
// finishes again with the same keys: it gets the same document.
TEST_F(DocumentsTest, AFinishedUploadStartedAgainWithItsKeyIsTheSameDocument) {
  std::string app = DraftApplication();
  std::string png = kPng, start = Key(), finish = Key();
  Attach a{.application_id = app,
           .kind = v1::DOCUMENT_KIND_OTHER,
           .name = "logo.png",
           .request_id = start};
  v1::Upload upload;
  ASSERT_TRUE(Start(a, png, &upload).ok());
  ASSERT_TRUE(Chunk(upload.id(), 0, png, &upload).ok());
  v1::Document doc;
  ASSERT_TRUE(Finish(upload.id(), &doc, finish).ok());
  v1::Upload again;
  grpc::Status s = Start(a, png, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.id(), upload.id());
  EXPECT_EQ(again.received_bytes(), static_cast<int64_t>(png.size()));
  v1::Document replayed;
  ASSERT_TRUE(Finish(again.id(), &replayed, finish).ok());
  EXPECT_EQ(replayed.id(), doc.id());
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
}

// The checks of a start hold again when the file becomes a document: an
// application submitted while its file came takes none of it.
TEST_F(DocumentsTest, AFileThatArrivesAfterItsApplicationIsSubmittedIsNotKept) {
  Builder b(server_);
  std::string app = DraftApplication();
  v1::Upload upload;
  std::string pdf = Pdf();
  ASSERT_TRUE(Start({.application_id = app}, pdf, &upload).ok());
  v1::Application submitted;
  ASSERT_TRUE(b.Submit("ORG-ROMA", app, &submitted).ok());
  ASSERT_TRUE(Chunk(upload.id(), 0, pdf, &upload).ok());
  v1::Document doc;
  grpc::Status s = Finish(upload.id(), &doc);
  EXPECT_EQ(ReasonOf(s), "APPLICATION_NOT_EDITABLE");
  ExpectNothingKept();
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_events WHERE entity_id = '" +
            upload.id() + "' AND summary LIKE '%APPLICATION_NOT_EDITABLE%'"),
      1);
}

TEST_F(DocumentsTest, BadFilesAreRefusedWithAReasonAndNothingOfThemIsKept) {
  std::string app = DraftApplication();
  v1::Document doc;
  v1::Upload upload;
  auto reason_of = [&](const Attach& a, const std::string& data) {
    grpc::Status s = Upload(a, data, &doc);
    return ReasonOf(s) + "@" + FieldOf(s);
  };
  Attach a{.application_id = app};
  EXPECT_EQ(
      reason_of({.application_id = app, .declared = 10 * 1024 * 1024 + 1}, "x"),
      "DOCUMENT_TOO_LARGE@size_bytes");
  EXPECT_EQ(reason_of(a, ""), "DOCUMENT_EMPTY@size_bytes");
  EXPECT_EQ(
      reason_of({.application_id = app, .kind = v1::DOCUMENT_KIND_UNSPECIFIED},
                Pdf()),
      "KIND_REQUIRED@kind");
  EXPECT_EQ(
      reason_of({.application_id = app, .name = "../../etc/passwd"}, Pdf()),
      "FILE_NAME_INVALID@file_name");
  EXPECT_EQ(reason_of({.application_id = app, .sha256_hex = "abc"}, Pdf()),
            "SHA256_INVALID@sha256_hex");
  EXPECT_EQ(reason_of({}, Pdf()), "SUBJECT_REQUIRED@application_id");
  // Wrong bytes for the declared checksum.
  EXPECT_EQ(
      reason_of({.application_id = app, .sha256_hex = ToHex(Sha256("other"))},
                Pdf()),
      "DOCUMENT_CHECKSUM_MISMATCH@sha256_hex");
  // Not a type anyone should open from a grantee: a web page, plain text.
  EXPECT_EQ(reason_of(a,
                      "<!DOCTYPE html><html><body><script>alert(1)"
                      "</script></body></html>"),
            "DOCUMENT_TYPE_NOT_ALLOWED@upload_id");
  // The EICAR test file, alone and inside a PDF.
  EXPECT_EQ(reason_of(a, kEicar), "DOCUMENT_INFECTED@upload_id");
  EXPECT_EQ(reason_of(a, Pdf(300) + kEicar + Pdf(300)),
            "DOCUMENT_INFECTED@upload_id");
  // Truncated: the finish comes before all the bytes; the upload is gone.
  std::string pdf = Pdf(1000);
  ASSERT_TRUE(Start(a, pdf, &upload).ok());
  ASSERT_TRUE(Chunk(upload.id(), 0, pdf.substr(0, 500), &upload).ok());
  EXPECT_EQ(ReasonOf(Finish(upload.id(), &doc)), "DOCUMENT_TRUNCATED");
  EXPECT_EQ(ReasonOf(Chunk(upload.id(), 500, pdf.substr(500), &upload)),
            "UPLOAD_NOT_FOUND");
  ExpectNothingKept();
  // The trail says why each was refused, without a name or a byte.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'document_upload' AND summary LIKE '%DOCUMENT_INFECTED%'"),
            2);
}

TEST_F(DocumentsTest,
       OnlyTheGroupOfficersWithoutAnInterestAndItsReviewersRead) {
  std::string app = DraftApplication();
  awards_.Register("ORG-OTHER");
  v1::Document doc;
  ASSERT_TRUE(Upload({.application_id = app}, Pdf(), &doc).ok());
  v1::Upload upload;
  ASSERT_TRUE(Start({.application_id = app}, Pdf(), &upload).ok());
  v1::Application submitted;
  ASSERT_TRUE(Builder(server_).Submit("ORG-ROMA", app, &submitted).ok());
  v1::DocumentChunk chunk;
  v1::ListDocumentsResponse list;
  // Another group, with this group's ids.
  EXPECT_EQ(ReasonOf(Read(GroupCtx("ORG-OTHER"), doc.id(), &chunk)),
            "ORGANISATION_SCOPE");
  EXPECT_EQ(ReasonOf(List(GroupCtx("ORG-OTHER"), app, &list)),
            "ORGANISATION_SCOPE");
  EXPECT_EQ(ReasonOf(Start({.application_id = app}, Pdf(), &upload,
                           GroupCtx("ORG-OTHER"))),
            "ORGANISATION_SCOPE");
  // Nor can it add bytes to this group's upload.
  EXPECT_EQ(ReasonOf(Chunk(upload.id(), 0, Pdf(), &upload, Key(), "ORG-OTHER")),
            "UPLOAD_NOT_FOUND");
  // A funder and an auditor read no group's documents.
  EXPECT_EQ(
      Read(server_.As(Role::kFunder, "f", "", "funder-1"), doc.id(), &chunk)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // A reviewer reads an application's documents once assigned to it.
  EXPECT_EQ(
      ReasonOf(Read(server_.As(Role::kReviewer, "rev-1"), doc.id(), &chunk)),
      "NOT_ASSIGNED");
  awards_.Close(awards_.GetApplication(app).round_id());
  EXPECT_TRUE(awards_.Assign(app, "rev-1").ok());
  EXPECT_TRUE(
      Read(server_.As(Role::kReviewer, "rev-1"), doc.id(), &chunk).ok());
  EXPECT_EQ(chunk.data(), Pdf());
  // Until they declare an interest in the group.
  const std::string org = awards_.GetApplication(app).organisation_id();
  ASSERT_TRUE(awards_.DeclareInterest(Role::kReviewer, "rev-1", org).ok());
  EXPECT_EQ(
      ReasonOf(Read(server_.As(Role::kReviewer, "rev-1"), doc.id(), &chunk)),
      "CONFLICT_OF_INTEREST");
  // An officer reads, until they declare an interest in the group.
  EXPECT_TRUE(Read(Officer(kDecider), doc.id(), &chunk).ok());
  ASSERT_TRUE(
      awards_
          .DeclareInterest(Role::kOfficer, kDecider,
                           awards_.GetApplication(app).organisation_id())
          .ok());
  EXPECT_EQ(ReasonOf(Read(Officer(kDecider), doc.id(), &chunk)),
            "CONFLICT_OF_INTEREST");
  EXPECT_EQ(ReasonOf(List(Officer(kDecider), app, &list)),
            "CONFLICT_OF_INTEREST");
}

TEST_F(DocumentsTest, ARoundsRequiredDocumentsMustBeAttachedBeforeSubmitting) {
  Builder b(server_);
  v1::RoundSpec spec = OpenSpec();
  spec.mutable_eligibility()->add_required_documents(
      v1::DOCUMENT_KIND_ACCOUNTS);
  spec.mutable_eligibility()->add_required_documents(
      v1::DOCUMENT_KIND_SAFEGUARDING_POLICY);
  auto round = b.OpenRound(spec);
  ASSERT_EQ(round.eligibility().required_documents_size(), 2);
  awards_.Register("ORG-ROMA");
  std::string app = b.Draft("ORG-ROMA", round.id()).id();
  v1::Application out;
  grpc::Status s = b.Submit("ORG-ROMA", app, &out);
  EXPECT_EQ(ReasonOf(s), "DOCUMENTS_MISSING");
  EXPECT_EQ(FieldOf(s), "documents");
  v1::Document doc;
  ASSERT_TRUE(Upload({.application_id = app}, Pdf(), &doc).ok());
  EXPECT_EQ(ReasonOf(b.Submit("ORG-ROMA", app, &out)), "DOCUMENTS_MISSING");
  ASSERT_TRUE(Upload({.application_id = app,
                      .kind = v1::DOCUMENT_KIND_SAFEGUARDING_POLICY,
                      .name = "Safeguarding.pdf"},
                     Pdf(), &doc)
                  .ok());
  ASSERT_TRUE(b.Submit("ORG-ROMA", app, &out).ok());
  // A submitted application takes no more documents.
  EXPECT_EQ(ReasonOf(Upload({.application_id = app}, Pdf(), &doc)),
            "APPLICATION_NOT_EDITABLE");
  // A round cannot ask for a kind twice, or for no kind.
  v1::RoundSpec twice = OpenSpec();
  twice.mutable_eligibility()->add_required_documents(
      v1::DOCUMENT_KIND_ACCOUNTS);
  twice.mutable_eligibility()->add_required_documents(
      v1::DOCUMENT_KIND_ACCOUNTS);
  v1::CreateRoundRequest req;
  req.set_request_id(Key());
  req.set_programme_id(round.programme_id());
  *req.mutable_spec() = twice;
  v1::Round r;
  s = server_.Programmes()->CreateRound(Officer(kDecider).get(), req, &r);
  EXPECT_EQ(ReasonOf(s), "DUPLICATE");
  EXPECT_EQ(FieldOf(s), "spec.eligibility.required_documents[1]");
}

TEST_F(DocumentsTest, AnOfficerAttachesForAGroupOnlyWithAReason) {
  std::string app = DraftApplication();
  v1::Document doc;
  auto officer = [&] { return Officer(kRecommender); };
  EXPECT_EQ(ReasonOf(Upload({.application_id = app}, Pdf(), &doc, officer)),
            "ON_BEHALF_REASON_REQUIRED");
  ASSERT_TRUE(
      Upload({.application_id = app,
              .on_behalf_reason = "posted to us; scanned by the officer"},
             Pdf(), &doc, officer)
          .ok());
  EXPECT_EQ(doc.uploaded_by(), kRecommender);
  EXPECT_EQ(doc.on_behalf_reason(), "posted to us; scanned by the officer");
  // The group sees it among its own.
  v1::ListDocumentsResponse list;
  ASSERT_TRUE(List(GroupCtx(), app, &list).ok());
  EXPECT_EQ(list.documents_size(), 1);
}

// Attaching a group's document is acting for it: the officer who did is
// then kept from recommending the application.
TEST_F(DocumentsTest,
       WhoAttachedAGroupsDocumentDoesNotRecommendItsApplication) {
  const std::string kHelping = "officer-oli";
  Builder b(server_);
  auto round = b.OpenRound();
  awards_.Register("ORG-ROMA");
  std::string app = b.Draft("ORG-ROMA", round.id()).id();
  v1::Document doc;
  grpc::Status s =
      Upload({.application_id = app, .on_behalf_reason = "Brought in on paper"},
             Pdf(), &doc, [&] { return Officer(kHelping); });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(
      Count("SELECT count(*) FROM acts_on_behalf WHERE officer = '" + kHelping +
            "' AND action = 'FinishUpload' "
            "AND application_id = '" +
            app + "'"),
      1);
  v1::Application out;
  ASSERT_TRUE(b.Submit("ORG-ROMA", app, &out).ok());
  awards_.Close(round.id());
  s = awards_.Recommend(app, Role::kOfficer, kHelping, v1::OUTCOME_APPROVE,
                        kAmount);
  EXPECT_EQ(ReasonOf(s), "FOUR_EYES_REQUIRED");
  EXPECT_TRUE(awards_
                  .Recommend(app, Role::kOfficer, kRecommender,
                             v1::OUTCOME_APPROVE, kAmount)
                  .ok());
}

TEST_F(DocumentsTest, EvidenceGoesWithAnOfferedOrRunningAwardOnly) {
  v1::Award award = Award(kAmount, /*accept=*/false);
  v1::Document doc;
  ASSERT_TRUE(Upload({.award_id = award.id(),
                      .kind = v1::DOCUMENT_KIND_EVIDENCE,
                      .name = "policy.pdf"},
                     Pdf(), &doc)
                  .ok());
  EXPECT_EQ(doc.award_id(), award.id());
  v1::Award declined;
  ASSERT_TRUE(awards_.Decline("ORG-ROMA", award.id(), &declined, "no").ok());
  EXPECT_EQ(ReasonOf(Upload(
                {.award_id = award.id(), .kind = v1::DOCUMENT_KIND_EVIDENCE},
                Pdf(), &doc)),
            "AWARD_NOT_OPEN");
}

TEST_F(DocumentsTest, ADatabaseWriterCannotSwapADocumentsBytes) {
  std::string app = DraftApplication();
  v1::Document doc;
  ASSERT_TRUE(Upload({.application_id = app}, Pdf(), &doc).ok());
  pqxx::connection writer(db_.conninfo());  // grantsd's own role
  pqxx::work tx(writer);
  EXPECT_THROW(tx.exec("UPDATE documents SET content = '\\x00'"),
               pqxx::insufficient_privilege);
}

TEST_F(DocumentsTest, DocumentsKeptInADirectoryReadBackAndTamperingShows) {
  fs::path dir = fs::temp_directory_path() / ("grants-documents-" + Key());
  fs::create_directories(dir);
  {
    TestServer stored(db_.conninfo(),
                      TestServerOptions{.documents_dir = dir.string()});
    auto stub = v1::DocumentService::NewStub(stored.Channel());
    std::swap(stub, documents_);
    std::string app = DraftApplication();
    std::string pdf = Pdf(300'000);
    v1::Document doc;
    ASSERT_TRUE(Upload({.application_id = app}, pdf, &doc).ok());
    EXPECT_EQ(Count("SELECT count(*) FROM documents WHERE content IS NULL"), 1);
    fs::path file = dir / doc.sha256_hex();
    ASSERT_TRUE(fs::exists(file));
    std::string back;
    ASSERT_TRUE(ReadAll(doc.id(), &back).ok());
    EXPECT_EQ(back, pdf);
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        << Pdf(300'000) << "!";
    v1::DocumentChunk chunk;
    v1::ReadDocumentRequest req;
    req.set_document_id(doc.id());
    EXPECT_EQ(ReasonOf(documents_->ReadDocument(GroupCtx().get(), req, &chunk)),
              "DOCUMENT_CORRUPT");
    std::swap(stub, documents_);
  }
  fs::remove_all(dir);
}

TEST_F(DocumentsTest, AFileAttachedByMistakeIsRemovedWithItsBytes) {
  std::string app = DraftApplication();
  v1::Document doc, kept;
  ASSERT_TRUE(
      Upload({.application_id = app, .name = "Maria bank.pdf"}, Pdf(), &doc)
          .ok());
  ASSERT_TRUE(Upload({.application_id = app}, Pdf(300), &kept).ok());
  std::string key = Key();
  v1::DeleteDocumentResponse removed, again;
  grpc::Status s = Remove(doc.id(), &removed, nullptr, key);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(removed.document_id(), doc.id());
  // A retry answers as the first call did; a new request finds nothing.
  ASSERT_TRUE(Remove(doc.id(), &again, nullptr, key).ok());
  EXPECT_EQ(again.document_id(), doc.id());
  EXPECT_EQ(again.delete_time().seconds(), removed.delete_time().seconds());
  EXPECT_EQ(ReasonOf(Remove(doc.id(), &again)), "DOCUMENT_NOT_FOUND");
  // Gone with its bytes: not listed, not readable; the other one stays.
  v1::ListDocumentsResponse list;
  ASSERT_TRUE(List(GroupCtx(), app, &list).ok());
  ASSERT_EQ(list.documents_size(), 1);
  EXPECT_EQ(list.documents(0).id(), kept.id());
  v1::DocumentChunk chunk;
  EXPECT_EQ(ReasonOf(Read(GroupCtx(), doc.id(), &chunk)), "DOCUMENT_NOT_FOUND");
  EXPECT_EQ(
      Count("SELECT count(*) FROM documents WHERE id = '" + doc.id() + "'"), 0);
  // One record of the removal, and one audit event, neither with the name.
  EXPECT_EQ(Count("SELECT count(*) FROM document_removals WHERE document_id = "
                  "'" +
                  doc.id() + "' AND why = 'mistake' AND removed_by = 'ana'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_id = '" +
                  doc.id() + "' AND action = 'DeleteDocument'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE summary LIKE "
                  "'%Maria%'"),
            0);
}

TEST_F(DocumentsTest,
       OnlyTheGroupOrAnOfficerWithAReasonRemovesAndOnlyWhileOpen) {
  std::string app = DraftApplication();
  v1::Document doc;
  ASSERT_TRUE(Upload({.application_id = app}, Pdf(), &doc).ok());
  awards_.Register("ORG-OTHER");
  v1::DeleteDocumentResponse out;
  // Another group, a reviewer, an officer without a reason: refused.
  EXPECT_EQ(ReasonOf(Remove(doc.id(), &out, GroupCtx("ORG-OTHER"))),
            "ORGANISATION_SCOPE");
  EXPECT_EQ(Remove(doc.id(), &out, server_.As(Role::kReviewer, "rev-ray"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status s = Remove(doc.id(), &out, Officer(kRecommender));
  EXPECT_EQ(ReasonOf(s), "ON_BEHALF_REASON_REQUIRED");
  EXPECT_EQ(FieldOf(s), "on_behalf_reason");
  // An officer who declared an interest in the group: refused.
  ASSERT_TRUE(
      awards_.DeclareInterest(Role::kOfficer, "officer-kin", "ORG-ROMA").ok());
  EXPECT_EQ(ReasonOf(Remove(doc.id(), &out, Officer("officer-kin"), Key(),
                            "asked by phone")),
            "CONFLICT_OF_INTEREST");
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM document_removals"), 0);
  // Once submitted, the application keeps its documents.
  Builder b(server_);
  v1::Application submitted;
  ASSERT_TRUE(b.Submit("ORG-ROMA", app, &submitted).ok());
  EXPECT_EQ(ReasonOf(Remove(doc.id(), &out, Officer(kRecommender), Key(),
                            "the group asked by phone")),
            "APPLICATION_NOT_EDITABLE");
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
}

TEST_F(DocumentsTest, EvidenceAConditionSentStaysAndAnOfficerRemovesTheRest) {
  v1::Award award = Award(kAmount, /*accept=*/false);
  v1::Document sent, spare;
  ASSERT_TRUE(Upload({.award_id = award.id(),
                      .kind = v1::DOCUMENT_KIND_EVIDENCE,
                      .name = "policy.pdf"},
                     Pdf(), &sent)
                  .ok());
  ASSERT_TRUE(Upload({.award_id = award.id(),
                      .kind = v1::DOCUMENT_KIND_EVIDENCE,
                      .name = "wrong.pdf"},
                     Pdf(400), &spare)
                  .ok());
  award = awards_.Get(award.id());
  v1::MeetConditionRequest meet;
  meet.set_request_id(Key());
  meet.set_condition_id(award.condition_items(0).id());
  meet.add_document_ids(sent.id());
  v1::AwardCondition met;
  ASSERT_TRUE(awards_.stub().MeetCondition(GroupCtx().get(), meet, &met).ok());
  v1::DeleteDocumentResponse out;
  grpc::Status s = Remove(sent.id(), &out);
  EXPECT_EQ(ReasonOf(s), "DOCUMENT_IN_USE");
  EXPECT_EQ(FieldOf(s), "document_id");
  s = Remove(spare.id(), &out, Officer("officer-oli"), Key(),
             "the group sent the wrong file by post");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Count("SELECT count(*) FROM document_removals WHERE "
                  "on_behalf_reason <> '' AND removed_by = 'officer-oli'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
}

TEST_F(DocumentsTest, ErasingAGroupDeletesItsDocuments) {
  std::string app = DraftApplication();
  v1::Document doc;
  ASSERT_TRUE(Upload({.application_id = app}, Pdf(), &doc).ok());
  v1::ErasePersonalDataRequest req;
  req.set_request_id(Key());
  req.set_organisation_id("ORG-ROMA");
  v1::ErasePersonalDataResponse out;
  auto organisations = v1::OrganisationService::NewStub(server_.Channel());
  grpc::Status s = organisations->ErasePersonalData(
      server_.As(Role::kAdministrator, "admin-ada").get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM document_removals WHERE why = "
                  "'erasure'"),
            1);
}

TEST_F(DocumentsTest, ARemovedFilesBytesLeaveTheDirectoryWhenNoOtherHasThem) {
  fs::path dir = fs::temp_directory_path() / ("grants-documents-" + Key());
  fs::create_directories(dir);
  {
    TestServer stored(db_.conninfo(),
                      TestServerOptions{.documents_dir = dir.string()});
    auto stub = v1::DocumentService::NewStub(stored.Channel());
    std::swap(stub, documents_);
    std::string app = DraftApplication();
    std::string pdf = Pdf(5'000);
    v1::Document first, second;
    ASSERT_TRUE(Upload({.application_id = app}, pdf, &first).ok());
    ASSERT_TRUE(
        Upload({.application_id = app, .name = "copy.pdf"}, pdf, &second).ok());
    fs::path file = dir / first.sha256_hex();
    ASSERT_TRUE(fs::exists(file));
    v1::DeleteDocumentResponse out;
    ASSERT_TRUE(Remove(first.id(), &out).ok());
    // The same bytes are still the second document's.
    EXPECT_TRUE(fs::exists(file));
    std::string back;
    ASSERT_TRUE(ReadAll(second.id(), &back).ok());
    EXPECT_EQ(back, pdf);
    ASSERT_TRUE(Remove(second.id(), &out).ok());
    EXPECT_FALSE(fs::exists(file));
    EXPECT_EQ(Count("SELECT count(*) FROM document_removals WHERE "
                    "file_removed_at IS NULL"),
              0);
    std::swap(stub, documents_);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace grants::testing
