// `grantsctl document upload|list|download|delete`: files attached to an
// application or an award, sent and read in chunks (an officer attaching
// or removing for a group gives --on-behalf-reason).
#include <fstream>
#include <iostream>
#include <memory>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/crypto.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kHeader = {"ID",   "KIND",        "FILE",      "TYPE",
                     "SIZE", "UPLOADED_BY", "ON_BEHALF", "CREATED"};

Row DocumentRow(const v1::Document& d) {
  return {d.id(),
          CodeOf(d.kind()),
          d.file_name(),
          d.content_type(),
          std::to_string(d.size_bytes()),
          d.uploaded_by(),
          d.on_behalf_reason(),
          TimeText(d.create_time())};
}

absl::StatusOr<v1::DocumentKind> KindFlag(std::string code) {
  for (char& c : code)
    if (c == '-') c = '_';
  return ParseCode<v1::DocumentKind>("--kind", "KIND_INVALID", code);
}

struct UploadFlags {
  std::string application_id, award_id, kind, file, name, on_behalf_reason;
};

void AddUpload(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<UploadFlags>();
  auto* cmd = noun->add_subcommand(
      "upload",
      "Attach a file to an application (draft or returned) or an award; it "
      "is scanned and typed by its content before anyone can read it");
  cmd->add_option("file", f->file, "The file")->required();
  auto* app =
      cmd->add_option("--application", f->application_id, "Application id");
  auto* award = cmd->add_option("--award", f->award_id, "Award id");
  app->excludes(award);
  cmd->add_option("--kind", f->kind,
                  "governing-document, accounts, safeguarding-policy, "
                  "bank-statement, evidence or other")
      ->required();
  cmd->add_option("--name", f->name,
                  "Name shown to readers (default: the "
                  "file's own)");
  cmd->add_option("--on-behalf-reason", f->on_behalf_reason,
                  "An officer attaching for a group: why (500 chars)");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    if (f->application_id.empty() == f->award_id.empty())
      return MakeError(absl::StatusCode::kInvalidArgument, "FLAG_REQUIRED",
                       "give --application or --award",
                       {{"--application", "FLAG_REQUIRED", "one of two"}});
    ASSIGN_OR_RETURN(v1::DocumentKind kind, KindFlag(f->kind));
    ASSIGN_OR_RETURN(std::string data, ReadFileForFlag("file", f->file));
    v1::StartUploadRequest start;
    // One request id for the upload; each call derives its own from it,
    // so a rerun with --request-id resumes rather than starting again.
    const std::string base = client.RequestId();
    start.set_request_id(base);
    if (!f->application_id.empty()) start.set_application_id(f->application_id);
    if (!f->award_id.empty()) start.set_award_id(f->award_id);
    start.set_kind(kind);
    std::string name = f->name;
    if (name.empty()) {
      auto slash = f->file.find_last_of('/');
      name = slash == std::string::npos ? f->file : f->file.substr(slash + 1);
    }
    start.set_file_name(name);
    start.set_size_bytes(static_cast<int64_t>(data.size()));
    start.set_sha256_hex(ToHex(Sha256(data)));
    start.set_on_behalf_reason(f->on_behalf_reason);
    v1::Upload upload;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.documents().StartUpload(c, start, &upload);
    }));
    const size_t chunk = static_cast<size_t>(upload.max_chunk_bytes());
    for (size_t at = static_cast<size_t>(upload.received_bytes());
         at < data.size(); at += chunk) {
      v1::UploadChunkRequest req;
      req.set_request_id(base + "/chunk-" + std::to_string(at));
      req.set_upload_id(upload.id());
      req.set_offset(static_cast<int64_t>(at));
      req.set_data(data.substr(at, chunk));
      RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
        return client.documents().UploadChunk(c, req, &upload);
      }));
      Progress("upload", static_cast<int64_t>(at + req.data().size()),
               static_cast<int64_t>(data.size()), false);
    }
    Progress("upload", static_cast<int64_t>(data.size()),
             static_cast<int64_t>(data.size()), true);
    v1::FinishUploadRequest finish;
    finish.set_request_id(base + "/finish");
    finish.set_upload_id(upload.id());
    v1::Document doc;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.documents().FinishUpload(c, finish, &doc);
    }));
    return out.Print(doc, {kHeader, {DocumentRow(doc)}});
  });
}

struct ListFlags {
  std::string application_id, award_id;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<ListFlags>();
  auto* cmd = noun->add_subcommand(
      "list", "The documents of an application or an award");
  auto* app =
      cmd->add_option("--application", f->application_id, "Application id");
  auto* award = cmd->add_option("--award", f->award_id, "Award id");
  app->excludes(award);
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    v1::ListDocumentsRequest req;
    if (!f->application_id.empty()) req.set_application_id(f->application_id);
    if (!f->award_id.empty()) req.set_award_id(f->award_id);
    v1::ListDocumentsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.documents().ListDocuments(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kHeader, resp.documents(), DocumentRow));
  });
}

struct DownloadFlags {
  std::string id, output;
};

void AddDownload(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<DownloadFlags>();
  auto* cmd = noun->add_subcommand(
      "download",
      "Save a document to a file (every read is in the audit trail)");
  cmd->add_option("id", f->id, "Document id")->required();
  cmd->add_option("--output,-O", f->output, "Where to save it")->required();
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    std::string data;
    v1::DocumentChunk chunk;
    do {
      v1::ReadDocumentRequest req;
      req.set_document_id(f->id);
      req.set_offset(static_cast<int64_t>(data.size()));
      req.set_max_bytes(1024 * 1024);
      RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
        return client.documents().ReadDocument(c, req, &chunk);
      }));
      data += chunk.data();
    } while (!chunk.last());
    if (ToHex(Sha256(data)) != chunk.document().sha256_hex())
      return MakeError(absl::StatusCode::kDataLoss, "DOCUMENT_CORRUPT",
                       "the bytes read do not match the document's checksum");
    std::ofstream file(f->output, std::ios::binary | std::ios::trunc);
    file << data;
    if (!file.flush())
      return MakeError(absl::StatusCode::kInvalidArgument, "FILE_UNWRITABLE",
                       "cannot write " + f->output,
                       {{"--output", "FILE_UNWRITABLE", "cannot write"}});
    return out.Print(chunk.document(),
                     {kHeader, {DocumentRow(chunk.document())}});
  });
}

void AddDelete(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::DeleteDocumentRequest>();
  auto* cmd = noun->add_subcommand(
      "delete",
      "Remove a document attached by mistake, while its application is draft "
      "or returned, or no report or condition of its award sent it");
  cmd->add_option("id", *req->mutable_document_id(), "Document id")->required();
  cmd->add_option("--on-behalf-reason", *req->mutable_on_behalf_reason(),
                  "An officer removing it for a group: why (500 chars)");
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    v1::DeleteDocumentRequest r = *req;
    r.set_request_id(client.RequestId());
    v1::DeleteDocumentResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.documents().DeleteDocument(c, r, &resp);
    }));
    return out.Print(resp,
                     {{"ID", "REMOVED"},
                      {{resp.document_id(), TimeText(resp.delete_time())}}});
  });
}

}  // namespace

void AddDocumentCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("document", "Files groups attach");
  noun->require_subcommand(1);
  AddUpload(noun, ctx);
  AddList(noun, ctx);
  AddDownload(noun, ctx);
  AddDelete(noun, ctx);
}

}  // namespace grants::ctl
