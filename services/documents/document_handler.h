// gRPC adapter for DocumentService.
#pragma once

#include "grants/v1/documents.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/documents/document_service.h"

namespace grants::documents {

class DocumentHandler final : public v1::DocumentService::CallbackService {
 public:
  DocumentHandler(const RpcRunner& rpc, DocumentService& documents)
      : rpc_(rpc), documents_(documents) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* StartUpload(Ctx* c, const v1::StartUploadRequest* req,
                       v1::Upload* resp) override;
  Reactor* UploadChunk(Ctx* c, const v1::UploadChunkRequest* req,
                       v1::Upload* resp) override;
  Reactor* FinishUpload(Ctx* c, const v1::FinishUploadRequest* req,
                        v1::Document* resp) override;
  Reactor* ListDocuments(Ctx* c, const v1::ListDocumentsRequest* req,
                         v1::ListDocumentsResponse* resp) override;
  Reactor* ReadDocument(Ctx* c, const v1::ReadDocumentRequest* req,
                        v1::DocumentChunk* resp) override;
  Reactor* DeleteDocument(Ctx* c, const v1::DeleteDocumentRequest* req,
                          v1::DeleteDocumentResponse* resp) override;

 private:
  const RpcRunner& rpc_;
  DocumentService& documents_;
};

}  // namespace grants::documents
