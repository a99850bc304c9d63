// Contended-award workload.
#include "tools/bench/offers.h"

#include <grpcpp/grpcpp.h>

#include <memory>

#include "grants/v1/awards.grpc.pb.h"
#include "services/audit/audit_recorder.h"
#include "services/awards/award_service.h"
#include "common/crypto.h"
#include "clients/client/client_status.h"
#include "common/status.h"
#include "tools/bench/seed.h"
#include "storage/pool.h"
#include "tools/bench/driver.h"

namespace grants::bench {
namespace {

// Counts a BUDGET_EXHAUSTED refusal in `batch`; returns `s` unchanged.
absl::Status Counted(OfferBatch& batch, absl::Status s) {
  if (ReasonOf(s) == "BUDGET_EXHAUSTED") ++batch.budget_exhausted;
  return s;
}

}  // namespace

std::string OfferBatch::Take() {
  size_t n = next.fetch_add(1);
  return n < application_ids.size() ? application_ids[n] : "";
}

absl::Status SetUpOffers(const Target& t, int count, int64_t amount_minor,
                         OfferBatch& batch) {
  std::string run = RunTag();
  std::string officer = Token(t, Role::kOfficer, "");
  const int64_t budget = amount_minor * count;
  RoundPlan plan{.title = "Contended award",
                 .contributed_minor = budget,
                 .budget_minor = budget,
                 .min_grant_minor = amount_minor / 2,
                 .max_grant_minor = amount_minor * 5,
                 .closes_in = absl::Minutes(5)};
  ASSIGN_OR_RETURN(v1::Round round, CreateOpenRound(t, officer, run, plan));
  RETURN_IF_ERROR(CloseRound(t, officer, round.id()));
  batch.round_id = round.id();
  batch.amount_minor = amount_minor;
  const std::string prefix = "OFFER-" + run + "-";
  return SeedDatabase(t, [&](storage::Tx& tx) {
    seed::SeedOrganisations(tx, prefix, count);
    batch.application_ids = seed::SeedApprovedApplications(
        tx, batch.round_id, prefix, count, amount_minor);
  });
}

Summary RunOffersGrpc(const Target& t, OfferBatch& batch, int clients,
                      absl::Duration duration) {
  // One officer signed in before the run; every client uses the token.
  const std::string officer = Token(t, Role::kOfficer, "");
  return Drive(clients, duration, "grpc", [&](int) -> Op {
    std::shared_ptr stub = v1::AwardService::NewStub(Channel(t));
    return [&, stub]() -> std::optional<absl::Status> {
      std::string id = batch.Take();
      if (id.empty()) return std::nullopt;
      v1::OfferAwardRequest offer;
      offer.set_request_id(RandomUuid());
      offer.set_application_id(id);
      *offer.mutable_amount() = Gbp(batch.amount_minor);
      v1::Award award;
      return Counted(batch, FromGrpcStatus(stub->OfferAward(As(officer).get(),
                                                            offer, &award)));
    };
  });
}

Summary RunOffersRaw(const Target& t, OfferBatch& batch, int connections,
                     absl::Duration duration) {
  auto pool = storage::ConnectionPool::Open(t.database, connections);
  if (!pool.ok()) return {};
  audit::Recorder recorder(t.audit_key);
  awards::AwardService service(**pool, recorder);
  return Drive(connections, duration, "raw", [&](int) -> Op {
    return [&]() -> std::optional<absl::Status> {
      std::string id = batch.Take();
      if (id.empty()) return std::nullopt;
      awards::OfferCommand cmd{.application_id = id,
                               .currency = "GBP",
                               .amount_minor = batch.amount_minor};
      RequestContext ctx{{"bench-officer", Role::kOfficer, "", ""},
                         "OfferAward",
                         RandomUuid(),
                         Sha256(id + std::to_string(batch.amount_minor)),
                         "raw",
                         absl::Now()};
      return Counted(batch, service.Offer(ctx, cmd).status());
    };
  });
}

absl::StatusOr<v1::RoundAwardSettings> RoundCommitment(
    const Target& t, const OfferBatch& batch) {
  auto awards = v1::AwardService::NewStub(Channel(t));
  v1::GetRoundAwardSettingsRequest req;
  req.set_round_id(batch.round_id);
  v1::RoundAwardSettings settings;
  RETURN_IF_ERROR(
      Check(awards->GetRoundAwardSettings(
                As(Token(t, Role::kOfficer, "")).get(), req, &settings),
            "award settings"));
  return settings;
}

}  // namespace grants::bench
