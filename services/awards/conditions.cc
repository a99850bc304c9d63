// AwardService's conditions: the group meets an offer's condition (a
// statement, documents of the award), an officer who did not meet it signs
// it off or returns it; the last sign-off makes the award's payments due
// on conditions due.
#include <nlohmann/json.hpp>

#include "common/london_time.h"
#include "services/audit/audit_recorder.h"
#include "services/awards/award_errors.h"
#include "services/awards/award_service.h"
#include "services/organisations/interest_guard.h"
#include "services/organisations/on_behalf.h"
#include "services/organisations/organisation_service.h"
#include "storage/condition_repository.h"
#include "storage/document_repository.h"
#include "storage/idempotency.h"

namespace grants::awards {
namespace repo = storage::condition_repo;
using storage::Tx;

namespace {

absl::Status ConditionNotFound() {
  return MakeError(
      absl::StatusCode::kNotFound, "CONDITION_NOT_FOUND", "condition not found",
      {{"condition_id", "CONDITION_NOT_FOUND", "no such condition"}});
}

bool TakesConditions(AwardState s) {
  return s == AwardState::kOffered || s == AwardState::kAccepted ||
         s == AwardState::kActive;
}

nlohmann::json Describe(const Condition& c) {
  return {{"number", c.number},
          {"state", std::string(NameOf(kConditionStateNames, c.state))},
          {"statement", audit::Words(c.statement)},
          {"documents", c.document_ids.size()},
          {"on_behalf", audit::Words(c.on_behalf_reason)},
          {"met_by", c.met_by},
          {"signed_off_by", c.signed_off_by}};
}

}  // namespace

absl::StatusOr<Condition> AwardService::ChangeCondition(
    const RequestContext& ctx, const std::string& condition_id,
    const ConditionChange& change) {
  return storage::RunInTransaction(pool_, [&](Tx& tx) {
    return storage::RunOnceOn<Condition>(
        tx, ctx, condition_id,
        [&](const std::string&) -> absl::StatusOr<Condition> {
          auto c = repo::GetForUpdate(tx, condition_id);
          if (!c) return ConditionNotFound();
          return *c;
        },
        [&]() -> absl::StatusOr<Condition> {
          auto before = repo::GetForUpdate(tx, condition_id);
          if (!before) return ConditionNotFound();
          // The award's lock first: a sign-off and a schedule queue here.
          ASSIGN_OR_RETURN(Award award,
                           LoadAwardInScope(tx, ctx, before->award_id, true,
                                            "condition_id"));
          if (ctx.caller.role == Role::kOfficer)
            RETURN_IF_ERROR(organisations::CheckNoInterestInAward(
                tx, ctx, award.id, "condition_id"));
          if (!TakesConditions(award.state))
            return Refused("AWARD_NOT_OPEN", "condition_id",
                           "the award has ended");
          ASSIGN_OR_RETURN(Condition after, change(tx, award, *before));
          repo::Update(tx, after);
          audit_.Record(tx, ctx,
                        {"award_condition", after.id,
                         nlohmann::json{{"award_id", award.id},
                                        {"before", Describe(*before)},
                                        {"after", Describe(after)}}
                             .dump()});
          if (after.state == ConditionState::kSignedOff &&
              repo::OpenCount(tx, award.id) == 0)
            repo::ReleasePayments(tx, award.id, LondonDate(ctx.now), ctx.now);
          return after;
        });
  });
}

absl::StatusOr<Condition> AwardService::MeetCondition(const RequestContext& ctx,
                                                      const MeetCommand& cmd) {
  std::string reason;  // an officer's, 1-500 characters
  if (ctx.caller.role == Role::kOfficer) {
    ASSIGN_OR_RETURN(reason,
                     organisations::RegisteringFor(ctx, cmd.on_behalf_reason));
  }
  return ChangeCondition(
      ctx, cmd.condition_id,
      [&](Tx& tx, const Award& award,
          const Condition& before) -> absl::StatusOr<Condition> {
        if (before.state != ConditionState::kOpen)
          return Refused("CONDITION_NOT_OPEN", "condition_id",
                         "the condition is met already or signed off");
        for (size_t i = 0; i < cmd.document_ids.size(); ++i) {
          auto d = storage::document_repo::Get(
              tx, cmd.document_ids[i], storage::document_repo::Hold::kShared);
          if (!d || d->subject.award_id != award.id)
            return MakeError(
                absl::StatusCode::kNotFound, "DOCUMENT_NOT_FOUND",
                "not a document of this award",
                {{"document_ids[" + std::to_string(i) + "]",
                  "DOCUMENT_NOT_FOUND", "attach it to the award first"}});
        }
        Condition after = before;
        after.state = ConditionState::kMet;
        after.statement = cmd.statement;
        after.document_ids = cmd.document_ids;
        after.met_by = ctx.caller.subject;
        after.met_at = ctx.now;
        after.on_behalf_reason = reason;
        after.return_comment.clear();
        // An officer meeting it for the group counts as involved in the
        // award (its sign-off and payments need someone else).
        RETURN_IF_ERROR(organisations::RecordOfficerActFor(
            tx, ctx, award.organisation_id, reason, "award", award.id));
        return after;
      });
}

absl::StatusOr<Condition> AwardService::SignOffCondition(
    const RequestContext& ctx, const std::string& condition_id) {
  return ChangeCondition(
      ctx, condition_id,
      [&](Tx& tx, const Award&,
          const Condition& before) -> absl::StatusOr<Condition> {
        if (before.state == ConditionState::kSignedOff)
          return Refused("CONDITION_SIGNED_OFF", "condition_id",
                         "the condition is signed off already");
        if (before.state != ConditionState::kMet)
          return Refused("CONDITION_NOT_MET", "condition_id",
                         "the group has sent nothing for this condition yet");
        RETURN_IF_ERROR(organisations::CheckNotActedOnBehalfForAward(
            tx, ctx, before.award_id, "condition_id"));
        if (before.met_by == ctx.caller.subject)
          return MakeError(
              absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
              "you met this condition for the group; another "
              "officer signs it off",
              {{"condition_id", "FOUR_EYES_REQUIRED", "met by you"}});
        Condition after = before;
        after.state = ConditionState::kSignedOff;
        after.signed_off_by = ctx.caller.subject;
        after.signed_off_at = ctx.now;
        return after;
      });
}

absl::StatusOr<Condition> AwardService::ReturnCondition(
    const RequestContext& ctx, const std::string& condition_id,
    const std::string& comment) {
  return ChangeCondition(
      ctx, condition_id,
      [&](Tx&, const Award&,
          const Condition& before) -> absl::StatusOr<Condition> {
        if (before.state != ConditionState::kMet)
          return Refused("CONDITION_NOT_MET", "condition_id",
                         "only a condition the group met can be returned");
        Condition after = before;
        after.state = ConditionState::kOpen;
        after.return_comment = comment;
        return after;
      });
}

absl::StatusOr<Award> AwardService::SetConditionTranslation(
    const RequestContext& ctx, const std::string& award_id,
    const ConditionsTranslation& translation) {
  return ChangeAward(
      ctx, award_id, [&](Tx& tx, const Award& before) -> absl::StatusOr<Award> {
        if (!TakesConditions(before.state))
          return Refused("AWARD_NOT_OPEN", "award_id", "the award has ended");
        if (translation.conditions.size() > before.conditions.size())
          return MakeError(
              absl::StatusCode::kInvalidArgument, "CONDITION_COUNT_MISMATCH",
              "more translated conditions than the award has",
              {{"translation.conditions", "CONDITION_COUNT_MISMATCH",
                "the award has " + std::to_string(before.conditions.size()) +
                    " conditions"}});
        repo::SetTranslation(tx, before.id, translation, ctx.caller.subject,
                             ctx.now);
        Award after = before;
        after.condition_translations = repo::ListTranslations(tx, before.id);
        return after;
      });
}

}  // namespace grants::awards
