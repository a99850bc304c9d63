// DocumentService handlers: convert, call the use case, convert back.
#include "services/documents/document_handler.h"

#include "common/status.h"
#include "services/common/handler_helpers.h"
#include "services/common/proto_convert.h"
#include "services/documents/document_converters.h"
#include "services/documents/document_errors.h"
#include "services/documents/document_rules.h"

namespace grants::documents {

grpc::ServerUnaryReactor* DocumentHandler::StartUpload(
    Ctx* c, const v1::StartUploadRequest* req, v1::Upload* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(DocumentService, StartUpload), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(UploadSpec spec, ToSpec(*req));
                         ASSIGN_OR_RETURN(Upload u,
                                          documents_.Start(ctx, spec));
                         ToProto(u, kMaxChunkBytes, resp);
                         return absl::OkStatus();
                       });
}

grpc::ServerUnaryReactor* DocumentHandler::UploadChunk(
    Ctx* c, const v1::UploadChunkRequest* req, v1::Upload* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(DocumentService, UploadChunk), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("upload_id", req->upload_id()));
        if (req->data().empty())
          return Invalid("CHUNK_EMPTY", "data", "a chunk has bytes");
        if (req->data().size() > static_cast<size_t>(kMaxChunkBytes))
          return Invalid("CHUNK_TOO_LARGE", "data",
                         "at most max_chunk_bytes a chunk");
        if (req->offset() < 0)
          return Invalid("OFFSET_INVALID", "offset", "not negative");
        ASSIGN_OR_RETURN(
            Upload u, documents_.AddChunk(ctx, req->upload_id(), req->offset(),
                                          req->data()));
        ToProto(u, kMaxChunkBytes, resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DocumentHandler::FinishUpload(
    Ctx* c, const v1::FinishUploadRequest* req, v1::Document* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(DocumentService, FinishUpload), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("upload_id", req->upload_id()));
        return Respond(documents_.Finish(ctx, req->upload_id()), resp);
      });
}

grpc::ServerUnaryReactor* DocumentHandler::ListDocuments(
    Ctx* c, const v1::ListDocumentsRequest* req,
    v1::ListDocumentsResponse* resp) {
  return rpc_.Dispatch(c, GRANTS_METHOD(DocumentService, ListDocuments), *req,
                       [=, this](const RequestContext& ctx) -> absl::Status {
                         ASSIGN_OR_RETURN(Subject s, ToSubject(*req));
                         return Respond(documents_.List(ctx, s), resp);
                       });
}

grpc::ServerUnaryReactor* DocumentHandler::ReadDocument(
    Ctx* c, const v1::ReadDocumentRequest* req, v1::DocumentChunk* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(DocumentService, ReadDocument), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        RETURN_IF_ERROR(ValidId("document_id", req->document_id()));
        if (req->offset() < 0)
          return Invalid("OFFSET_INVALID", "offset", "not negative");
        if (req->max_bytes() < 0 || req->max_bytes() > kMaxReadBytes)
          return Invalid("MAX_BYTES_INVALID", "max_bytes",
                         "0 (the default) to 1048576");
        int32_t max =
            req->max_bytes() == 0 ? kDefaultReadBytes : req->max_bytes();
        return Respond(
            documents_.Read(ctx, req->document_id(), req->offset(), max), resp);
      });
}

grpc::ServerUnaryReactor* DocumentHandler::DeleteDocument(
    Ctx* c, const v1::DeleteDocumentRequest* req,
    v1::DeleteDocumentResponse* resp) {
  return rpc_.Dispatch(
      c, GRANTS_METHOD(DocumentService, DeleteDocument), *req,
      [=, this](const RequestContext& ctx) -> absl::Status {
        Validator v;
        v.Id("document_id", req->document_id());
        if (!req->on_behalf_reason().empty())
          v.Text("on_behalf_reason", req->on_behalf_reason(), 1, 500);
        RETURN_IF_ERROR(v.Finish());
        return Respond(
            documents_.Delete(ctx, req->document_id(), req->on_behalf_reason()),
            resp);
      });
}

}  // namespace grants::documents
