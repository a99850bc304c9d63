// Documents: attaching a file to an application (sent to grantsd in
// chunks) and downloading one, always as an attachment, never shown inline.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "common/status.h"

namespace grants::portal {

std::string DocumentKindLabel(const Portal::Call& c, v1::DocumentKind kind) {
  switch (kind) {
    case v1::DOCUMENT_KIND_GOVERNING_DOCUMENT:
      return c.T("Governing document (constitution or rules)");
    case v1::DOCUMENT_KIND_ACCOUNTS:
      return c.T("Accounts");
    case v1::DOCUMENT_KIND_SAFEGUARDING_POLICY:
      return c.T("Safeguarding policy");
    case v1::DOCUMENT_KIND_BANK_STATEMENT:
      return c.T("Bank statement");
    case v1::DOCUMENT_KIND_EVIDENCE:
      return c.T("Evidence");
    default:
      return c.T("Other document");
  }
}

std::string FileSize(int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 1023) / 1024);
  if (bytes % (1024 * 1024) == 0)
    return fmt::format("{} MB", bytes / (1024 * 1024));
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024 * 1024));
}

std::string FileHint(const Portal::Call& c) {
  return c.TF(
      "A PDF, a photo or an office document, up to {size}. It is checked "
      "for viruses before anyone can open it.",
      fmt::arg("size", FileSize(c.max_document_bytes)));
}

// Sends `data` to grantsd as one upload (the form's request id names the
// start; each chunk and the finish derive theirs from it, so a resent form
// replays them).
absl::Status SendDocument(const Backend& backend, const Portal::Call& c,
                          v1::StartUploadRequest start, const std::string& data,
                          v1::Document* out) {
  start.set_request_id(c.form_id);
  start.set_size_bytes(static_cast<int64_t>(data.size()));
  v1::Upload upload;
  RETURN_IF_ERROR(backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.documents().StartUpload(ctx, start, &upload);
  }));
  const size_t chunk = static_cast<size_t>(upload.max_chunk_bytes());
  for (size_t at = static_cast<size_t>(upload.received_bytes());
       at < data.size(); at += chunk) {
    v1::UploadChunkRequest req;
    req.set_request_id(c.form_id + "/chunk-" + std::to_string(at));
    req.set_upload_id(upload.id());
    req.set_offset(static_cast<int64_t>(at));
    req.set_data(data.substr(at, chunk));
    RETURN_IF_ERROR(
        backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
          return backend.documents().UploadChunk(ctx, req, &upload);
        }));
  }
  v1::FinishUploadRequest finish;
  finish.set_request_id(c.form_id + "/finish");
  finish.set_upload_id(upload.id());
  return backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.documents().FinishUpload(ctx, finish, out);
  });
}

void DropEvidence(const Backend& backend, const Portal::Call& c,
                  const std::string& document_id) {
  v1::DeleteDocumentRequest req;
  req.set_request_id(c.form_id + "/drop");
  req.set_document_id(document_id);
  v1::DeleteDocumentResponse resp;
  absl::Status s = backend.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend.documents().DeleteDocument(ctx, req, &resp);
  });
  if (!s.ok())  // kept: the group or an officer removes it from the award
    spdlog::warn("evidence {} not removed after a refused form: {}",
                 document_id, ReasonOf(s));
}

namespace {

// "attachment; filename=...; filename*=UTF-8''..." for `name`.
std::string AttachmentDisposition(const std::string& name) {
  std::string ascii;
  for (char ch : name)
    ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') ? ch : '_';
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
         UrlEncode(name);
}

}  // namespace

void Portal::DocumentUpload(Call& c) {
  ApplicationView view;
  absl::Status s = LoadView(backend_, c.session.token, c.req.matches[1], &view);
  if (!s.ok()) return RefuseFromBackend(c, s);
  const httplib::MultipartFormData file = c.req.has_file("file")
                                              ? c.req.get_file_value("file")
                                              : httplib::MultipartFormData{};
  if (file.content.empty() && file.filename.empty()) {
    FieldErrors errors{{"file", c.T("Choose a file to attach")}};
    return ShowApplicationPage(c, view, errors, 400);
  }
  v1::StartUploadRequest start;
  start.set_application_id(view.application.id());
  start.set_kind(ParseCode(c.Param("kind"), v1::DOCUMENT_KIND_UNSPECIFIED));
  start.set_file_name(file.filename);
  v1::Document doc;
  s = SendDocument(backend_, c, start, file.content, &doc);
  if (s.code() == absl::StatusCode::kPermissionDenied)
    return RefuseFromBackend(c, s);
  if (!s.ok())
    return ShowApplicationPage(c, view, ErrorsOf(s, c.session.language), 400);
  Redirect(c,
           "/applications/" + view.application.id() + "?attached=1#documents");
}

void Portal::DocumentDownload(Call& c) {
  std::string data;
  v1::DocumentChunk chunk;
  do {
    v1::ReadDocumentRequest req;
    req.set_document_id(c.req.matches[1]);
    req.set_offset(static_cast<int64_t>(data.size()));
    req.set_max_bytes(1024 * 1024);
    absl::Status s =
        backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
          return backend_.documents().ReadDocument(ctx, req, &chunk);
        });
    if (!s.ok()) return RefuseFromBackend(c, s);
    data += chunk.data();
  } while (!chunk.last());
  // Never rendered by the browser, whatever the bytes: a download, of an
  // opaque type, sandboxed should it be opened in place anyway.
  c.res.set_header("Content-Disposition",
                   AttachmentDisposition(chunk.document().file_name()));
  c.res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
  c.res.set_content(data, "application/octet-stream");
}

void Portal::DocumentRemove(Call& c) {
  const std::string application_id = c.req.matches[1];
  v1::DeleteDocumentRequest req;
  req.set_request_id(c.form_id);
  req.set_document_id(c.req.matches[2]);
  v1::DeleteDocumentResponse resp;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.documents().DeleteDocument(ctx, req, &resp);
      });
  if (s.code() == absl::StatusCode::kPermissionDenied ||
      s.code() == absl::StatusCode::kNotFound)
    return RefuseFromBackend(c, s);
  if (!s.ok()) {
    ApplicationView view;
    absl::Status loaded =
        LoadView(backend_, c.session.token, application_id, &view);
    if (!loaded.ok()) return RefuseFromBackend(c, loaded);
    return ShowApplicationPage(c, view, ErrorsOf(s, c.session.language), 400);
  }
  Redirect(c, "/applications/" + application_id + "?removed=1#documents");
}

}  // namespace grants::portal
