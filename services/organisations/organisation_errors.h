// The organisations area's error catalog.
#pragma once

#include "common/status.h"

namespace grants::organisations {

inline absl::Status OrganisationNotFound(std::string_view field = "id") {
  return MakeError(absl::StatusCode::kNotFound, "ORGANISATION_NOT_FOUND",
                   "organisation not found",
                   {{std::string(field), "ORGANISATION_NOT_FOUND",
                     "no such organisation"}});
}

// A grantee asked for, or acted on, another organisation's records.
inline absl::Status OtherOrganisation() {
  return MakeError(absl::StatusCode::kPermissionDenied, "ORGANISATION_SCOPE",
                   "grantees may only see and change their own organisation");
}

inline absl::Status OrganisationExists() {
  return MakeError(absl::StatusCode::kAlreadyExists, "ORGANISATION_EXISTS",
                   "this organisation is already registered; update it instead");
}

inline absl::Status BankDetailsNeedConfirmation(
    std::string_view field = "update_mask") {
  return MakeError(absl::StatusCode::kFailedPrecondition,
                   "BANK_DETAILS_NEED_CONFIRMATION",
                   "bank details change under four eyes: propose them "
                   "(ProposeBankDetails) for someone else to confirm",
                   {{std::string(field), "BANK_DETAILS_NEED_CONFIRMATION",
                     "propose bank details instead"}});
}

// Something keeps the organisation's data: `holds` names each.
inline absl::Status LegalHold(const std::string& holds) {
  return MakeError(absl::StatusCode::kFailedPrecondition, "LEGAL_HOLD",
                   "its records must be kept while " + holds,
                   {{"organisation_id", "LEGAL_HOLD", holds}});
}

inline absl::Status PersonNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "PERSON_NOT_FOUND",
                   "nothing is held about this address",
                   {{"email", "PERSON_NOT_FOUND",
                     "no identity, contact, link or message has it"}});
}

inline absl::Status RetentionClassNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "RETENTION_CLASS_NOT_FOUND",
                   "no such record class in the retention schedule",
                   {{"record_class", "RETENTION_CLASS_NOT_FOUND",
                     "see grantsctl retention list"}});
}

// A period under the legal minimum for its class.
inline absl::Status RetentionBelowMinimum(const std::string& why) {
  return MakeError(absl::StatusCode::kInvalidArgument,
                   "RETENTION_BELOW_MINIMUM", why,
                   {{"keep_days", "RETENTION_BELOW_MINIMUM", why}});
}

inline absl::Status KeepDaysInvalid(const std::string& why) {
  return MakeError(absl::StatusCode::kInvalidArgument, "KEEP_DAYS_INVALID",
                   why, {{"keep_days", "KEEP_DAYS_INVALID", why}});
}

inline absl::Status BankChangeNotFound() {
  return MakeError(absl::StatusCode::kNotFound, "BANK_CHANGE_NOT_FOUND",
                   "bank details change not found",
                   {{"id", "BANK_CHANGE_NOT_FOUND", "no such change"}});
}

inline absl::Status BankChangeRefused(std::string_view reason,
                                      std::string_view message) {
  return MakeError(absl::StatusCode::kFailedPrecondition, reason, message,
                   {{"id", std::string(reason), std::string(message)}});
}

inline absl::Status ConfirmerIsProposer() {
  return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                   "someone other than the proposer confirms new bank details",
                   {{"id", "FOUR_EYES_REQUIRED", "you proposed it"}});
}

// An officer or reviewer acted on a record of an organisation (or
// application) they declared an interest in.
inline absl::Status InterestDeclared(std::string_view field) {
  return MakeError(absl::StatusCode::kPermissionDenied, "CONFLICT_OF_INTEREST",
                   "you declared an interest in this organisation or "
                   "application, so you may not act on its records",
                   {{std::string(field), "CONFLICT_OF_INTEREST",
                     "you declared an interest"}});
}

// Acting on behalf (on_behalf.h).
inline absl::Status OnBehalfRequired() {
  return MakeError(
      absl::StatusCode::kPermissionDenied, "ON_BEHALF_REQUIRED",
      "an officer does this only on behalf of an organisation: "
      "name it and give the reason",
      {{"on_behalf", "ON_BEHALF_REQUIRED", "name the organisation acted for"}});
}

inline absl::Status OnBehalfNotAllowed(std::string_view field = "on_behalf") {
  return MakeError(
      absl::StatusCode::kPermissionDenied, "ON_BEHALF_NOT_ALLOWED",
      "only officers act on behalf of an organisation",
      {{std::string(field), "ON_BEHALF_NOT_ALLOWED", "only officers may set it"}});
}

inline absl::Status OnBehalfReasonRequired(
    std::string_view field = "on_behalf.reason") {
  return MakeError(
      absl::StatusCode::kInvalidArgument, "ON_BEHALF_REASON_REQUIRED",
      "say why you act on behalf of the organisation",
      {{std::string(field), "ON_BEHALF_REASON_REQUIRED", "must not be empty"}});
}

inline absl::Status OnBehalfReasonTooLong(
    std::string_view field = "on_behalf.reason") {
  return MakeError(absl::StatusCode::kInvalidArgument,
                   "ON_BEHALF_REASON_TOO_LONG",
                   "the reason is at most 500 characters",
                   {{std::string(field), "ON_BEHALF_REASON_TOO_LONG",
                     "at most 500 characters"}});
}

// Four eyes: the officer acted for the applicant on this application.
inline absl::Status ActedOnBehalf(std::string_view field) {
  return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                   "you acted on behalf of the applicant on this application, "
                   "so someone else must judge it",
                   {{std::string(field), "ACTED_ON_BEHALF",
                     "you acted on behalf of the applicant"}});
}

inline absl::Status JudgedItAlready(std::string_view field) {
  return MakeError(absl::StatusCode::kPermissionDenied, "FOUR_EYES_REQUIRED",
                   "you recommended or decided this application, so someone "
                   "else must act for the applicant on it",
                   {{std::string(field), "JUDGED_IT",
                     "you recommended or decided the application"}});
}

}  // namespace grants::organisations
