// Documents use cases.
#include "services/documents/document_service.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/status.h"
#include "services/documents/content_type.h"
#include "services/documents/document_errors.h"
#include "services/documents/document_rules.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "services/organisations/organisation_service.h"
#include "storage/application_repository.h"
#include "storage/assessment_repository.h"
#include "storage/award_repository.h"
#include "storage/document_repository.h"
#include "storage/idempotency.h"

namespace grants::documents {
namespace repo = storage::document_repo;
using storage::Tx;

namespace {

bool IsOfficer(const RequestContext& ctx) {
  return ctx.caller.role == Role::kOfficer;
}

// The organisation `subject` belongs to, once the caller may attach files
// to it: a grantee its own, an officer (with a reason, no interest) any;
// an application while draft or returned, an award until it ends. Checked
// when an upload starts and again when it becomes a document, with the
// application or award locked until then: one submitted (or an interest
// declared) meanwhile takes no file.
absl::StatusOr<std::string> CheckCanAttach(Tx& tx, const RequestContext& ctx,
                                           const Subject& subject) {
  if (!subject.application_id.empty()) {
    auto app = storage::application_repo::Get(tx, subject.application_id,
                                              /*for_update=*/true);
    if (!app) return NotFound("APPLICATION_NOT_FOUND", "application_id");
    RETURN_IF_ERROR(
        organisations::CheckOrganisationScope(ctx, app->organisation_id));
    if (IsOfficer(ctx))
      RETURN_IF_ERROR(organisations::CheckNoInterestInApplication(
          tx, ctx, app->id, "application_id"));
    using applications::State;
    if (app->state != State::kDraft && app->state != State::kReturned)
      return Refused("APPLICATION_NOT_EDITABLE", "application_id",
                     "documents are attached to a draft or returned "
                     "application");
    return app->organisation_id;
  }
  auto award =
      storage::award_repo::Get(tx, subject.award_id, /*for_update=*/true);
  if (!award) return NotFound("AWARD_NOT_FOUND", "award_id");
  RETURN_IF_ERROR(
      organisations::CheckOrganisationScope(ctx, award->organisation_id));
  if (IsOfficer(ctx))
    RETURN_IF_ERROR(
        organisations::CheckNoInterestInAward(tx, ctx, award->id, "award_id"));
  using awards::AwardState;
  if (award->state != AwardState::kOffered &&
      award->state != AwardState::kAccepted &&
      award->state != AwardState::kActive)
    return Refused("AWARD_NOT_OPEN", "award_id",
                   "documents are attached to an offered or running award");
  return award->organisation_id;
}

// Whether the caller may read what is attached to `subject` of
// `organisation_id`: the group itself; officers; reviewers assigned to the
// application; never anyone with a declared interest.
absl::Status CheckCanRead(Tx& tx, const RequestContext& ctx,
                          const Subject& subject,
                          const std::string& organisation_id,
                          std::string_view field) {
  RETURN_IF_ERROR(organisations::CheckOrganisationScope(ctx, organisation_id));
  if (ctx.caller.role == Role::kGrantee) return absl::OkStatus();
  if (ctx.caller.role == Role::kReviewer &&
      (subject.application_id.empty() ||
       !storage::assessment_repo::IsAssigned(tx, subject.application_id,
                                             ctx.caller.subject)))
    return MakeError(
        absl::StatusCode::kPermissionDenied, "NOT_ASSIGNED",
        "reviewers read the documents of applications "
        "assigned to them",
        {{std::string(field), "NOT_ASSIGNED", "not assigned to you"}});
  if (!subject.application_id.empty())
    return organisations::CheckNoInterestInApplication(
        tx, ctx, subject.application_id, field);
  return organisations::CheckNoInterestInAward(tx, ctx, subject.award_id,
                                               field);
}

absl::StatusOr<Upload> LoadUpload(Tx& tx, const RequestContext& ctx,
                                  const std::string& id) {
  auto u = repo::GetUploadForUpdate(tx, id, ctx.caller.subject,
                                    ctx.now - kUploadLifetime);
  // The person who started it, and (a grantee) for its own organisation.
  if (!u || (ctx.caller.role == Role::kGrantee &&
             u->organisation_id != ctx.caller.organisation_id))
    return UploadNotFound();
  return *u;
}

// An officer's act for the group on what the document is attached to
// (acts_on_behalf): they count as involved in its application from then on.
absl::Status RecordAct(Tx& tx, const RequestContext& ctx, const Document& d,
                       const std::string& reason) {
  bool application = !d.subject.application_id.empty();
  return organisations::RecordOfficerActFor(
      tx, ctx, d.organisation_id, reason, application ? "application" : "award",
      application ? d.subject.application_id : d.subject.award_id);
}

// A replayed start: the upload as it stands, or, once it became a
// document, that document as an upload with every byte received (the
// client then sends no chunk, and its finish replays the document).
absl::StatusOr<Upload> LoadStartedUpload(Tx& tx, const RequestContext& ctx,
                                         const std::string& id) {
  absl::StatusOr<Upload> u = LoadUpload(tx, ctx, id);
  if (u.ok()) return u;
  auto d = repo::Get(tx, id);
  if (!d || d->uploaded_by != ctx.caller.subject) return u;
  return Upload{.id = d->id,
                .organisation_id = d->organisation_id,
                .subject = d->subject,
                .kind = d->kind,
                .file_name = d->file_name,
                .size_bytes = d->size_bytes,
                .sha256_hex = d->sha256_hex,
                .on_behalf_reason = d->on_behalf_reason,
                .created_by = d->uploaded_by,
                .created_at = d->created_at,
                .received_bytes = d->size_bytes};
}

// Writes `data` to `dir`/<sha256 hex> durably (a file of that name already
// there holds the same bytes); returns the path.
absl::StatusOr<std::string> Store(const std::string& dir,
                                  const std::string& sha_hex,
                                  const std::string& data) {
  namespace fs = std::filesystem;
  fs::path path = fs::path(dir) / sha_hex;
  std::error_code ec;
  if (fs::exists(path, ec) &&
      fs::file_size(path, ec) == static_cast<uintmax_t>(data.size()))
    return path.string();
  fs::path tmp = path;
  tmp += ".part";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Internal("cannot write to the documents directory");
  size_t at = 0;
  while (at < data.size()) {
    ssize_t n = write(fd, data.data() + at, data.size() - at);
    if (n <= 0) break;
    at += static_cast<size_t>(n);
  }
  bool ok = at == data.size() && fsync(fd) == 0;
  close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0)
    return Internal("cannot write to the documents directory");
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return path.string();
}

absl::StatusOr<std::string> ReadStored(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return MakeError(absl::StatusCode::kDataLoss, "DOCUMENT_CORRUPT",
                     "the document's file is missing");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The refusals that drop an upload with its bytes.
bool DropsUpload(const absl::Status& s) {
  std::string reason = ReasonOf(s);
  return reason == "DOCUMENT_TRUNCATED" ||
         reason == "DOCUMENT_CHECKSUM_MISMATCH" ||
         reason == "DOCUMENT_INFECTED" ||
         reason == "DOCUMENT_TYPE_NOT_ALLOWED" ||
         // What it was for stopped taking files while it came.
         reason == "APPLICATION_NOT_EDITABLE" || reason == "AWARD_NOT_OPEN" ||
         reason == "CONFLICT_OF_INTEREST";
}

}  // namespace

absl::StatusOr<Upload> DocumentService::Start(const RequestContext& ctx,
                                              const UploadSpec& spec) {
  if (spec.size_bytes > settings_.max_bytes)
    return Refused(
        "DOCUMENT_TOO_LARGE", "size_bytes",
        fmt::format("a document is at most {} bytes", settings_.max_bytes));
  std::string reason;  // an officer's, 1-500 characters
  if (IsOfficer(ctx)) {
    ASSIGN_OR_RETURN(reason,
                     organisations::RegisteringFor(ctx, spec.on_behalf_reason));
  }
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnce<Upload>(
        tx, ctx,
        [&](const std::string& id) { return LoadStartedUpload(tx, ctx, id); },
        [&]() -> absl::StatusOr<Upload> {
          ASSIGN_OR_RETURN(std::string organisation_id,
                           CheckCanAttach(tx, ctx, spec.subject));
          repo::DeleteUploadsBefore(tx, ctx.now - kUploadLifetime);
          Upload u{.organisation_id = organisation_id,
                   .subject = spec.subject,
                   .kind = spec.kind,
                   .file_name = spec.file_name,
                   .size_bytes = spec.size_bytes,
                   .sha256_hex = spec.sha256_hex,
                   .on_behalf_reason = reason,
                   .created_by = ctx.caller.subject,
                   .created_at = ctx.now};
          u.id = repo::InsertUpload(tx, u);
          return u;
        });
  });
}

absl::StatusOr<Upload> DocumentService::AddChunk(const RequestContext& ctx,
                                                 const std::string& upload_id,
                                                 int64_t offset,
                                                 const std::string& data) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Upload>(
        tx, ctx, upload_id,
        [&](const std::string& id) { return LoadUpload(tx, ctx, id); },
        [&]() -> absl::StatusOr<Upload> {
          ASSIGN_OR_RETURN(Upload u, LoadUpload(tx, ctx, upload_id));
          std::optional<std::string> held;
          if (offset < u.received_bytes)
            held = repo::ChunkAt(tx, upload_id, offset);
          ChunkFit fit =
              FitChunk(u.size_bytes, u.received_bytes, offset, data, held);
          if (fit == ChunkFit::kRetry) return u;
          if (fit != ChunkFit::kAppend) return ChunkRefusal(fit);
          repo::InsertChunk(tx, upload_id, offset, data);
          u.received_bytes += static_cast<int64_t>(data.size());
          return u;
        });
  });
}

absl::StatusOr<Document> DocumentService::Finish(const RequestContext& ctx,
                                                 const std::string& upload_id) {
  absl::StatusOr<Document> kept = storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Document>(
        tx, ctx, upload_id,
        [&](const std::string& id) -> absl::StatusOr<Document> {
          auto d = repo::Get(tx, id);
          if (!d) return UploadNotFound();
          return *d;
        },
        [&]() -> absl::StatusOr<Document> {
          ASSIGN_OR_RETURN(Upload u, LoadUpload(tx, ctx, upload_id));
          RETURN_IF_ERROR(CheckCanAttach(tx, ctx, u.subject).status());
          if (u.received_bytes < u.size_bytes)
            return Refused("DOCUMENT_TRUNCATED", "upload_id",
                           fmt::format("{} of {} bytes arrived; the upload "
                                       "is dropped",
                                       u.received_bytes, u.size_bytes));
          std::string data = repo::UploadData(tx, upload_id);
          std::string sha_raw = Sha256(data);
          std::string sha_hex = ToHex(sha_raw);
          if (!u.sha256_hex.empty() && u.sha256_hex != sha_hex)
            return Refused("DOCUMENT_CHECKSUM_MISMATCH", "sha256_hex",
                           "the bytes do not match the declared SHA-256");
          ASSIGN_OR_RETURN(ScanVerdict verdict, scanner_->Scan(data));
          if (verdict.infected)
            return Refused("DOCUMENT_INFECTED", "upload_id",
                           "the virus scanner found " + verdict.signature +
                               "; the file is not kept");
          std::string type = DetectContentType(data);
          if (!IsAllowedContentType(type))
            return Refused("DOCUMENT_TYPE_NOT_ALLOWED", "upload_id",
                           "a " + type +
                               " file is not taken: send a PDF, an image or "
                               "an office document");
          Document d{.id = u.id,
                     .organisation_id = u.organisation_id,
                     .subject = u.subject,
                     .kind = u.kind,
                     .file_name = u.file_name,
                     .content_type = type,
                     .size_bytes = u.size_bytes,
                     .sha256_hex = sha_hex,
                     .uploaded_by = ctx.caller.subject,
                     .on_behalf_reason = u.on_behalf_reason,
                     .created_at = ctx.now,
                     .scanned_by = verdict.engine};
          if (settings_.directory.empty()) {
            repo::Insert(tx, d, sha_raw, data, "");
          } else {
            // A file sweep unlinking the same bytes waits, or is waited for.
            repo::LockPath(
                tx, (std::filesystem::path(settings_.directory) / sha_hex)
                        .string());
            ASSIGN_OR_RETURN(std::string path,
                             Store(settings_.directory, sha_hex, data));
            repo::Insert(tx, d, sha_raw, std::nullopt, path);
          }
          repo::DeleteUpload(tx, upload_id);
          RETURN_IF_ERROR(RecordAct(tx, ctx, d, d.on_behalf_reason));
          audit_.Record(
              tx, ctx,
              {"document", d.id,
               nlohmann::json{{"kind", KindName(d.kind)},
                              {"organisation_id", d.organisation_id},
                              {"application_id", d.subject.application_id},
                              {"award_id", d.subject.award_id},
                              {"content_type", d.content_type},
                              {"size_bytes", d.size_bytes},
                              {"sha256", d.sha256_hex},
                              {"on_behalf", audit::Words(d.on_behalf_reason)},
                              {"scanned_by", d.scanned_by}}
                   .dump()});
          return d;
        });
  });
  if (kept.ok() || !DropsUpload(kept.status())) return kept;
  // Nothing of a refused file is kept: its bytes go, and the trail says
  // why (never the file's name or bytes).
  absl::Status dropped = storage::RunInTransaction(pool_, [&](Tx& tx) {
    auto u = repo::GetUploadForUpdate(tx, upload_id, ctx.caller.subject,
                                      ctx.now - kUploadLifetime);
    if (!u) return absl::OkStatus();
    repo::DeleteUpload(tx, upload_id);
    audit_.Record(tx, ctx,
                  {"document_upload", upload_id,
                   nlohmann::json{{"refused", ReasonOf(kept.status())},
                                  {"organisation_id", u->organisation_id},
                                  {"size_bytes", u->size_bytes}}
                       .dump()});
    return absl::OkStatus();
  });
  if (!dropped.ok()) return dropped;
  return kept;
}

absl::StatusOr<std::vector<Document>> DocumentService::List(
    const RequestContext& ctx, const Subject& subject) {
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<std::vector<Document>> {
        std::string organisation_id;
        if (!subject.application_id.empty()) {
          auto app = storage::application_repo::Get(tx, subject.application_id);
          if (!app) return NotFound("APPLICATION_NOT_FOUND", "application_id");
          organisation_id = app->organisation_id;
        } else {
          auto award = storage::award_repo::Get(tx, subject.award_id);
          if (!award) return NotFound("AWARD_NOT_FOUND", "award_id");
          organisation_id = award->organisation_id;
        }
        RETURN_IF_ERROR(CheckCanRead(
            tx, ctx, subject, organisation_id,
            subject.application_id.empty() ? "award_id" : "application_id"));
        return repo::List(tx, subject.application_id, subject.award_id);
      });
}

absl::StatusOr<Piece> DocumentService::Read(const RequestContext& ctx,
                                            const std::string& document_id,
                                            int64_t offset, int32_t max_bytes) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) -> absl::StatusOr<Piece> {
    auto d = repo::Get(tx, document_id);
    if (!d) return DocumentNotFound();
    RETURN_IF_ERROR(
        CheckCanRead(tx, ctx, d->subject, d->organisation_id, "document_id"));
    if (offset > d->size_bytes)
      return Invalid("OFFSET_INVALID", "offset", "past the document's end");
    // The first piece proves the whole document unchanged since it was
    // kept; later pieces are read as they are.
    const bool whole = offset == 0;
    auto content = repo::ReadContent(tx, document_id, offset, max_bytes, whole);
    if (!content) return DocumentNotFound();
    std::string bytes = std::move(content->bytes);
    if (!content->stored_path.empty()) {
      ASSIGN_OR_RETURN(bytes, ReadStored(content->stored_path));
      if (!whole) bytes = bytes.substr(std::min<size_t>(offset, bytes.size()));
    }
    if (whole && ToHex(Sha256(bytes)) != d->sha256_hex)
      return MakeError(
          absl::StatusCode::kDataLoss, "DOCUMENT_CORRUPT",
          "the stored document no longer matches its checksum",
          {{"document_id", "DOCUMENT_CORRUPT", "changed since it was kept"}});
    if (bytes.size() > static_cast<size_t>(max_bytes)) bytes.resize(max_bytes);
    Piece p{.document = *d, .offset = offset, .data = std::move(bytes)};
    p.last = offset + static_cast<int64_t>(p.data.size()) >= d->size_bytes;
    audit_.Record(tx, ctx,
                  {"document", d->id,
                   nlohmann::json{{"read_offset", offset},
                                  {"read_bytes", p.data.size()},
                                  {"organisation_id", d->organisation_id}}
                       .dump()});
    return p;
  });
}

absl::StatusOr<Removal> DocumentService::Delete(
    const RequestContext& ctx, const std::string& document_id,
    const std::string& on_behalf_reason) {
  std::string reason;  // an officer's, 1-500 characters
  if (IsOfficer(ctx)) {
    ASSIGN_OR_RETURN(reason,
                     organisations::RegisteringFor(ctx, on_behalf_reason));
  }
  absl::StatusOr<Removal> removed =
      storage::RunInTransaction(pool_, [&](Tx& tx) {
        return storage::RunOnceOn<Removal>(
            tx, ctx, document_id,
            [&](const std::string& id) -> absl::StatusOr<Removal> {
              auto at = repo::RemovedAt(tx, id);
              if (!at) return DocumentNotFound();
              return Removal{id, *at};
            },
            [&]() -> absl::StatusOr<Removal> {
              auto d = repo::Get(tx, document_id, repo::Hold::kLocked);
              if (!d) return DocumentNotFound();
              // Whoever may attach to its application or award may remove it,
              // while that could still take a new one.
              ASSIGN_OR_RETURN(std::string organisation_id,
                               CheckCanAttach(tx, ctx, d->subject));
              if (organisation_id != d->organisation_id)
                return DocumentNotFound();
              if (!d->subject.award_id.empty()) {
                std::string use = repo::UseOf(tx, d->id, d->subject.award_id);
                if (!use.empty())
                  return Refused(
                      "DOCUMENT_IN_USE", "document_id",
                      "the " + use + " sent this document; it stays with it");
              }
              if (!repo::Remove(tx, d->id, "mistake", ctx.caller.subject,
                                reason, ctx.now))
                return DocumentNotFound();
              RETURN_IF_ERROR(RecordAct(tx, ctx, *d, reason));
              audit_.Record(
                  tx, ctx,
                  {"document", d->id,
                   nlohmann::json{{"removed", "mistake"},
                                  {"kind", KindName(d->kind)},
                                  {"organisation_id", d->organisation_id},
                                  {"application_id", d->subject.application_id},
                                  {"award_id", d->subject.award_id},
                                  {"sha256", d->sha256_hex},
                                  {"on_behalf", audit::Words(reason)}}
                       .dump()});
              return Removal{d->id, ctx.now};
            });
      });
  // The file goes now when it can; otherwise at the next file sweep.
  if (removed.ok() && !settings_.directory.empty()) (void)RemoveFiles(ctx.now);
  return removed;
}

absl::StatusOr<int64_t> DocumentService::RemoveFiles(absl::Time now) {
  if (settings_.directory.empty()) return 0;
  constexpr int kBatch = 200;
  return storage::RunInTransaction(
      pool_, [&](Tx& tx) -> absl::StatusOr<int64_t> {
        int64_t unlinked = 0;
        for (const auto& [id, path] : repo::PendingFiles(tx, kBatch)) {
          repo::LockPath(tx, path);
          if (!repo::PathInUse(tx, path)) {
            std::error_code ec;
            if (std::filesystem::remove(path, ec)) ++unlinked;
            if (ec) continue;  // left for the next sweep
          }
          repo::MarkFileRemoved(tx, id, now);
        }
        return unlinked;
      });
}

}  // namespace grants::documents
