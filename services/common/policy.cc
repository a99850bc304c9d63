// The policy table. Organisation and funder scoping (a grantee sees only its
// own organisation, a funder only its own funder) is enforced by the use
// cases, which know the records; this table is the first gate.
#include "services/common/policy.h"

#include <fmt/format.h>

#include <array>

#include "common/status.h"

namespace grants {
namespace {

constexpr unsigned Bit(Role r) { return 1U << static_cast<unsigned>(r); }
constexpr unsigned kOfficer = Bit(Role::kOfficer);
// Powers others act within: no officer grants them, least of all to
// themselves.
constexpr unsigned kAdministrator = Bit(Role::kAdministrator);
constexpr unsigned kReaders =
    Bit(Role::kOfficer) | Bit(Role::kAuditor) | Bit(Role::kFunder);
constexpr unsigned kEveryPerson =
    Bit(Role::kOfficer) | Bit(Role::kReviewer) | Bit(Role::kGrantee) |
    Bit(Role::kFunder) | Bit(Role::kAuditor) | Bit(Role::kAdministrator);
constexpr unsigned kAudit = Bit(Role::kOfficer) | Bit(Role::kAuditor);
constexpr unsigned kGrantee = Bit(Role::kGrantee);
constexpr unsigned kOfficerOrGrantee =
    Bit(Role::kOfficer) | Bit(Role::kGrantee);
// A grantee's act that an officer may also do on behalf of the group
// (services/organisations/on_behalf.h holds the officer to its rules).
constexpr unsigned kGranteeOrOnBehalf = kOfficerOrGrantee;
constexpr unsigned kApplicationReaders =
    Bit(Role::kOfficer) | Bit(Role::kGrantee) | Bit(Role::kAuditor);
constexpr unsigned kOrganisationReaders =
    kApplicationReaders | Bit(Role::kFinance);
constexpr unsigned kBackOffice =
    Bit(Role::kOfficer) | Bit(Role::kAuditor) | Bit(Role::kFinance);
constexpr unsigned kReviewer = Bit(Role::kReviewer);
constexpr unsigned kFinance = Bit(Role::kFinance);
constexpr unsigned kPortal = Bit(Role::kPortal);
constexpr unsigned kDocumentReaders =
    Bit(Role::kOfficer) | Bit(Role::kGrantee) | Bit(Role::kReviewer);
constexpr unsigned kRubricReaders =
    Bit(Role::kOfficer) | Bit(Role::kReviewer) | Bit(Role::kAuditor);

constexpr std::array kPolicies = {
    // FundingService: officers manage; funders read their own; auditors read.
    MethodPolicy{"/grants.v1.FundingService/CreateFunder", true, kOfficer},
    MethodPolicy{"/grants.v1.FundingService/GetFunder", false, kReaders},
    MethodPolicy{"/grants.v1.FundingService/ListFunders", false, kReaders},
    MethodPolicy{"/grants.v1.FundingService/CreateFund", true, kOfficer},
    MethodPolicy{"/grants.v1.FundingService/GetFund", false, kReaders},
    MethodPolicy{"/grants.v1.FundingService/ListFunds", false, kReaders},
    MethodPolicy{"/grants.v1.FundingService/AddContribution", true, kOfficer},
    MethodPolicy{"/grants.v1.FundingService/ListContributions", false,
                 kReaders},
    MethodPolicy{"/grants.v1.FundingService/GetFundMoney", false, kReaders},
    // ProgrammeService: officers manage; everyone signed in may read
    // programmes and rounds (grantees need to find open rounds).
    MethodPolicy{"/grants.v1.ProgrammeService/CreateProgramme", true, kOfficer},
    MethodPolicy{"/grants.v1.ProgrammeService/GetProgramme", false,
                 kEveryPerson},
    MethodPolicy{"/grants.v1.ProgrammeService/ListProgrammes", false,
                 kEveryPerson},
    MethodPolicy{"/grants.v1.ProgrammeService/CreateRound", true, kOfficer},
    MethodPolicy{"/grants.v1.ProgrammeService/UpdateRound", true, kOfficer},
    MethodPolicy{"/grants.v1.ProgrammeService/OpenRound", true, kOfficer},
    MethodPolicy{"/grants.v1.ProgrammeService/CloseRound", true, kOfficer},
    MethodPolicy{"/grants.v1.ProgrammeService/CancelRound", true, kOfficer},
    MethodPolicy{"/grants.v1.ProgrammeService/GetRound", false, kEveryPerson},
    MethodPolicy{"/grants.v1.ProgrammeService/ListRounds", false, kEveryPerson},
    MethodPolicy{"/grants.v1.ProgrammeService/SetRoundTranslation", true,
                 kOfficer},
    // OrganisationService: grantees register and keep their own up to date
    // (the use cases hold them to it); finance reads bank details.
    MethodPolicy{"/grants.v1.OrganisationService/RegisterOrganisation", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.OrganisationService/UpdateOrganisation", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.OrganisationService/GetOrganisation", false,
                 kOrganisationReaders},
    MethodPolicy{"/grants.v1.OrganisationService/ListOrganisations", false,
                 kBackOffice},
    // The payee under four eyes: officers and grantees propose; another
    // officer or finance confirms; a grantee never does.
    MethodPolicy{"/grants.v1.OrganisationService/ProposeBankDetails", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.OrganisationService/ConfirmBankDetails", true,
                 kOfficer | kFinance},
    MethodPolicy{"/grants.v1.OrganisationService/ListBankDetailsChanges", false,
                 kOrganisationReaders},
    // Erasure keeps the books but loses data for good: administrators.
    MethodPolicy{"/grants.v1.OrganisationService/ErasePersonalData", true,
                 kAdministrator},
    MethodPolicy{"/grants.v1.OrganisationService/ExportPersonalData", false,
                 kAdministrator},
    // The retention schedule: administrators change and apply it; officers
    // and auditors read it.
    MethodPolicy{"/grants.v1.OrganisationService/ListRetentionRules", false,
                 kAudit | kAdministrator},
    MethodPolicy{"/grants.v1.OrganisationService/SetRetentionPeriod", true,
                 kAdministrator},
    MethodPolicy{"/grants.v1.OrganisationService/SweepRetention", true,
                 kAdministrator},
    // ApplicationService: grantees write their own; officers return and
    // extend; auditors read.
    MethodPolicy{"/grants.v1.ApplicationService/CreateApplication", true,
                 kGranteeOrOnBehalf},
    MethodPolicy{"/grants.v1.ApplicationService/UpdateApplication", true,
                 kGranteeOrOnBehalf},
    MethodPolicy{"/grants.v1.ApplicationService/SubmitApplication", true,
                 kGranteeOrOnBehalf},
    MethodPolicy{"/grants.v1.ApplicationService/WithdrawApplication", true,
                 kGrantee},
    MethodPolicy{"/grants.v1.ApplicationService/ReturnApplication", true,
                 kOfficer},
    MethodPolicy{"/grants.v1.ApplicationService/GetApplication", false,
                 kApplicationReaders},
    MethodPolicy{"/grants.v1.ApplicationService/ListApplications", false,
                 kApplicationReaders},
    MethodPolicy{"/grants.v1.ApplicationService/GrantExtension", true,
                 kOfficer},
    MethodPolicy{"/grants.v1.ApplicationService/ListExtensions", false, kAudit},
    // AssessmentService: officers manage rubrics, assignments and
    // moderation; reviewers declare conflicts and score what they are
    // assigned (the use cases enforce assignment and conflicts); officers
    // and auditors read scores and the ranking.
    MethodPolicy{"/grants.v1.AssessmentService/SetRubric", true, kOfficer},
    MethodPolicy{"/grants.v1.AssessmentService/GetRubric", false,
                 kRubricReaders},
    MethodPolicy{"/grants.v1.AssessmentService/AssignReviewers", true,
                 kOfficer},
    MethodPolicy{"/grants.v1.AssessmentService/ListMyAssignments", false,
                 kReviewer},
    // Officers and reviewers declare interests; a declaration then refuses
    // them every act on that organisation's records (the use cases check).
    MethodPolicy{"/grants.v1.AssessmentService/DeclareConflict", true,
                 kOfficer | kReviewer},
    MethodPolicy{"/grants.v1.AssessmentService/ListConflicts", false,
                 kOfficer | kReviewer | Bit(Role::kAuditor)},
    MethodPolicy{"/grants.v1.AssessmentService/GetApplicationForReview", false,
                 kReviewer},
    MethodPolicy{"/grants.v1.AssessmentService/ScoreApplication", true,
                 kReviewer},
    MethodPolicy{"/grants.v1.AssessmentService/ListScores", false, kAudit},
    MethodPolicy{"/grants.v1.AssessmentService/ModerateScore", true, kOfficer},
    MethodPolicy{"/grants.v1.AssessmentService/ListRanking", false, kAudit},
    // AuditService: officers and auditors.
    MethodPolicy{"/grants.v1.AuditService/ListAuditEvents", false, kAudit},
    MethodPolicy{"/grants.v1.AuditService/VerifyAuditTrail", false, kAudit},
    MethodPolicy{"/grants.v1.AuditService/CreateCheckpoint", false, kAudit},
    // AwardService: officers decide and offer; reviewers may recommend
    // (microgrants only, the use case holds them to it); grantees answer
    // and read their own organisation's awards.
    // The microgrant threshold decides when one officer may decide alone.
    MethodPolicy{"/grants.v1.AwardService/SetRoundAwardSettings", true,
                 kAdministrator},
    MethodPolicy{
        "/grants.v1.AwardService/GetRoundAwardSettings", false,
        kOfficer | Bit(Role::kReviewer) | Bit(Role::kAuditor) | kAdministrator},
    MethodPolicy{"/grants.v1.AwardService/RecommendApplication", true,
                 kOfficer | Bit(Role::kReviewer)},
    MethodPolicy{"/grants.v1.AwardService/DecideApplication", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/DecideApplications", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/GetDecision", false,
                 kOfficer | Bit(Role::kReviewer) | Bit(Role::kAuditor)},
    MethodPolicy{"/grants.v1.AwardService/OfferAward", true, kOfficer},
    // The fast path: one officer, within what the round's settings allow.
    MethodPolicy{"/grants.v1.AwardService/ApproveFastPath", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/AcceptOffer", true,
                 kGranteeOrOnBehalf},
    MethodPolicy{"/grants.v1.AwardService/DeclineOffer", true, kGrantee},
    MethodPolicy{"/grants.v1.AwardService/ExpireOffers", true, kOfficer},
    // Funders read the awards they have a share of (the use case scopes
    // them).
    MethodPolicy{"/grants.v1.AwardService/GetAward", false,
                 kApplicationReaders | Bit(Role::kFunder)},
    MethodPolicy{"/grants.v1.AwardService/ListAwards", false,
                 kApplicationReaders | Bit(Role::kFunder)},
    MethodPolicy{"/grants.v1.AwardService/SetAttribution", true, kOfficer},
    // Variations: officers or the award's grantee propose, an officer who
    // did not propose decides; officers terminate.
    MethodPolicy{"/grants.v1.AwardService/ProposeVariation", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.AwardService/DecideVariation", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/ListVariations", false,
                 kApplicationReaders},
    MethodPolicy{"/grants.v1.AwardService/TerminateAward", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/CompleteAward", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/RaiseRecovery", true, kOfficer},
    // Conditions: the group (or an officer for it) meets; officers sign
    // off or return.
    MethodPolicy{"/grants.v1.AwardService/MeetCondition", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.AwardService/SignOffCondition", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/ReturnCondition", true, kOfficer},
    MethodPolicy{"/grants.v1.AwardService/SetConditionTranslation", true,
                 kOfficer},
    MethodPolicy{"/grants.v1.AwardService/CloseOutRound", true, kOfficer},
    // PaymentService: officers schedule, request, authorise (four eyes and
    // limits in the use cases) and reconcile; auditors read.
    MethodPolicy{"/grants.v1.PaymentService/SetPaymentSchedule", true,
                 kOfficer},
    MethodPolicy{"/grants.v1.PaymentService/GetPaymentSchedule", false, kAudit},
    MethodPolicy{"/grants.v1.PaymentService/GetPayment", false, kAudit},
    // A grantee lists its own organisation's payments (the use case scopes).
    MethodPolicy{"/grants.v1.PaymentService/ListPayments", false,
                 kAudit | Bit(Role::kGrantee)},
    MethodPolicy{"/grants.v1.PaymentService/RequestPayment", true, kOfficer},
    MethodPolicy{"/grants.v1.PaymentService/AuthorisePayment", true, kOfficer},
    MethodPolicy{"/grants.v1.PaymentService/CancelPayment", true, kOfficer},
    MethodPolicy{"/grants.v1.PaymentService/SetAuthorisationLimit", true,
                 kAdministrator},
    MethodPolicy{"/grants.v1.PaymentService/ListReconciliationItems", false,
                 kAudit},
    MethodPolicy{"/grants.v1.PaymentService/ResolveReconciliationItem", true,
                 kOfficer},
    MethodPolicy{"/grants.v1.PaymentService/ReplacePayment", true, kOfficer},
    MethodPolicy{"/grants.v1.PaymentService/ListRecoveries", false,
                 kBackOffice},
    MethodPolicy{"/grants.v1.PaymentService/WriteOffRecovery", true, kOfficer},
    // MonitoringService: officers set requirements and review; grantees
    // report on their own awards (the use cases scope them); officers
    // release reach; funders read the releases of programmes they fund.
    MethodPolicy{"/grants.v1.MonitoringService/SetReportRequirements", true,
                 kOfficer},
    MethodPolicy{"/grants.v1.MonitoringService/ListReportRequirements", false,
                 kApplicationReaders},
    MethodPolicy{"/grants.v1.MonitoringService/SubmitReport", true,
                 kGranteeOrOnBehalf},
    MethodPolicy{"/grants.v1.MonitoringService/ReviewReport", true, kOfficer},
    MethodPolicy{"/grants.v1.MonitoringService/GetReport", false,
                 kApplicationReaders},
    MethodPolicy{"/grants.v1.MonitoringService/ListReports", false,
                 kApplicationReaders},
    MethodPolicy{"/grants.v1.MonitoringService/GetReachSummary", false,
                 kReaders},
    MethodPolicy{"/grants.v1.MonitoringService/ReleaseReach", true, kOfficer},
    MethodPolicy{"/grants.v1.MonitoringService/ListReachReleases", false,
                 kReaders},
    MethodPolicy{"/grants.v1.MonitoringService/VerifyReach", false, kAudit},
    MethodPolicy{"/grants.v1.MonitoringService/SetIndicator", true, kOfficer},
    MethodPolicy{"/grants.v1.MonitoringService/ListIndicators", false,
                 kReaders},
    MethodPolicy{"/grants.v1.MonitoringService/ExportGrants", false, kAudit},
    // DocumentService: a group attaches its own, an officer for a group;
    // the group, officers and assigned reviewers read (the use cases hold
    // each to its records and interests).
    MethodPolicy{"/grants.v1.DocumentService/StartUpload", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.DocumentService/UploadChunk", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.DocumentService/FinishUpload", true,
                 kOfficerOrGrantee},
    MethodPolicy{"/grants.v1.DocumentService/ListDocuments", false,
                 kDocumentReaders},
    MethodPolicy{"/grants.v1.DocumentService/ReadDocument", false,
                 kDocumentReaders},
    MethodPolicy{"/grants.v1.DocumentService/DeleteDocument", true,
                 kOfficerOrGrantee},
    // FinanceService: finance machines only (client certificate).
    MethodPolicy{"/grants.v1.FinanceService/ListPaymentInstructions", false,
                 kFinance},
    MethodPolicy{"/grants.v1.FinanceService/AcknowledgeInstruction", true,
                 kFinance},
    MethodPolicy{"/grants.v1.FinanceService/RecordRemittance", true, kFinance},
    MethodPolicy{"/grants.v1.FinanceService/RecordPaymentFailure", true,
                 kFinance},
    MethodPolicy{"/grants.v1.FinanceService/RecordRecoveryReceipt", true,
                 kFinance},
    // SignInService: the portal machine only, and nothing else for it.
    MethodPolicy{"/grants.v1.SignInService/RequestSignInLink", true, kPortal},
    MethodPolicy{"/grants.v1.SignInService/RedeemSignInLink", true, kPortal},
    // With the grantee's own token: it ends that session.
    MethodPolicy{"/grants.v1.SignInService/SignOut", true, kGrantee},
};

}  // namespace

std::span<const MethodPolicy> AllPolicies() { return kPolicies; }

const MethodPolicy* FindPolicy(std::string_view full_method) {
  for (const auto& p : kPolicies)
    if (p.method == full_method) return &p;
  return nullptr;
}

absl::Status Authorize(const MethodPolicy* policy, const Caller& caller) {
  if (policy == nullptr)
    return MakeError(absl::StatusCode::kPermissionDenied,
                     "METHOD_NOT_IN_POLICY", "method not allowed");
  if (!Allows(*policy, caller.role))
    return MakeError(
        absl::StatusCode::kPermissionDenied, "ROLE_NOT_ALLOWED",
        fmt::format("role {} may not call this method", RoleName(caller.role)));
  return absl::OkStatus();
}

}  // namespace grants
