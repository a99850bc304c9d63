// Backend statuses as page errors.
#include "clients/portal/errors.h"

#include <map>
#include <regex>

#include "common/i18n/catalog.h"
#include "common/status.h"

namespace grants::portal {
namespace {

// The portal's words for grantsd's reasons (English; translated through
// the catalogues' "error" context).
const std::map<std::string, std::string, std::less<>>& Messages() {
  static const auto* m = new std::map<std::string, std::string, std::less<>>{
      {"EMAIL_INVALID",
       "Enter an email address in the right format, like name@example.org"},
      {"REQUIRED", "This cannot be empty"},
      {"TOO_LONG", "This is too long"},
      {"CHARITY_NUMBER_INVALID",
       "Enter the charity number in the right format, like 1085314 or "
       "SC012345"},
      {"CHARITY_NUMBER_REQUIRED", "Enter your charity number"},
      {"COMPANY_NUMBER_INVALID",
       "Enter the company number in the right format: 8 characters, like "
       "01234567"},
      {"COMPANY_NUMBER_REQUIRED", "Enter your company number"},
      {"NUMBER_NOT_APPLICABLE",
       "Leave this empty: it does not apply to this kind of organisation"},
      {"BOROUGH_INVALID", "Choose a London borough"},
      {"PHONE_INVALID",
       "Enter a phone number using digits, spaces and + - ( ) only"},
      {"MUST_NOT_BE_NEGATIVE", "Enter a number that is 0 or more"},
      {"MUST_BE_POSITIVE", "Enter a number greater than 0"},
      {"AMOUNT_OUT_OF_RANGE",
       "Ask for an amount between the round's smallest and largest grant"},
      {"BUDGET_LINES_MISMATCH",
       "The budget lines must add up to the amount you ask for"},
      {"SUMMARY_REQUIRED", "Enter a short summary of the project"},
      {"ANSWER_REQUIRED", "Answer this question"},
      {"ANSWER_TOO_LONG", "This answer is too long"},
      {"LANGUAGE_INVALID",
       "Enter languages as short codes separated by commas, like pl, ro, rom"},
      {"DEADLINE_PASSED", "The deadline for this round has passed"},
      {"ROUND_NOT_OPEN", "This round is not open for applications"},
      {"ORGANISATION_NOT_REGISTERED", "Register your organisation first"},
      {"APPLICATION_NOT_EDITABLE", "This application can no longer be changed"},
      {"BREAKDOWN_EXCEEDS_TOTAL",
       "These parts add up to more than the total people you gave"},
      {"DATE_INVALID", "Enter a date like 2025-01-15"},
      {"REPORT_UNDER_REVIEW", "Your last report is still being reviewed"},
      {"REPORT_ACCEPTED", "This report has already been accepted"},
      {"SIGN_IN_RATE_LIMITED",
       "Too many sign-in links were sent to this address. Wait an hour and try "
       "again."},
      {"SIGN_IN_LINK_INVALID",
       "This sign-in link has been used or has expired. Ask for a new one."},
      {"REQUEST_ID_REUSED",
       "This form was sent already, with other answers. Open the page again "
       "to see what was saved, then make your change."},
      {"UNAVAILABLE",
       "The service is not available at the moment. Try again in a few "
       "minutes."},
      {"SERVER_BUSY",
       "The service is not available at the moment. Try again in a few "
       "minutes."},
      {"ROUND_NOT_YET_OPEN", "This round is not open for applications yet"},
      {"QUESTION_UNKNOWN",
       "This question is no longer asked. Open the application again."},
      {"TOO_MANY", "There are too many of these. Remove some."},
      {"CONTROL_CHARACTERS",
       "This contains characters that cannot be used. Type it again."},
      {"COMMUNITY_UNKNOWN", "Choose a community from the list"},
      {"AGE_BAND_INVALID", "Choose an age band from the list"},
      {"DUPLICATE_BREAKDOWN", "Give each choice only once"},
      {"BUDGET_LINE_SPEND_REQUIRED",
       "A final report gives the money spent on every budget line"},
      {"SPEND_SUM_MISMATCH",
       "Money spent so far must equal the spending on your budget lines added "
       "up"},
      {"BUDGET_LINE_UNKNOWN", "This budget line is not in your application"},
      {"BUDGET_LINE_REPEATED", "Give each budget line only once"},
      {"PERIOD_INVALID", "The end date must not be before the start date"},
      {"SORT_CODE_INVALID", "Enter the sort code as 6 digits, like 12-34-56"},
      {"ACCOUNT_NUMBER_INVALID",
       "Enter the account number as 8 digits, like 12345678"},
      {"BANK_DETAILS_INCOMPLETE",
       "Enter the account name, the sort code and the account number"},
      {"ORGANISATION_EXISTS", "Your organisation is registered already"},
      {"ORG_ID_TAKEN",
       "An organisation with this number is registered already. Ask your "
       "grant officer for help."},
      {"ACTIVE_APPLICATION_EXISTS",
       "Your organisation has an application in this round already. Go to "
       "your applications to carry on with it."},
      {"OFFER_EXPIRED", "This offer has expired. Contact your grant officer."},
      {"AWARD_NOT_OFFERED", "This offer has been answered already"},
      {"AWARD_NOT_RUNNING", "This grant has ended"},
      {"ORGANISATION_SCOPE", "This belongs to another organisation"},
      {"APPLICATION_NOT_FOUND",
       "We could not find this. The link may be wrong or out of date."},
      {"AWARD_NOT_FOUND",
       "We could not find this. The link may be wrong or out of date."},
      {"REQUIREMENT_NOT_FOUND",
       "We could not find this. The link may be wrong or out of date."},
      {"ROUND_NOT_FOUND",
       "We could not find this. The link may be wrong or out of date."},
      {"REQUEST_TOO_LARGE",
       "This is more than the form can take. Make your answers shorter."},
      {"DOCUMENT_TOO_LARGE", "This file is too large. Send a smaller one."},
      {"UPLOAD_NOT_FOUND",
       "This upload has ended or was refused. Choose the file again."},
      {"CHUNK_CONFLICT",
       "The file changed while it was being sent. Choose the file again."},
      {"CHUNK_OUT_OF_ORDER",
       "Part of the file went missing on the way. Choose the file again."},
      {"DOCUMENT_CORRUPT",
       "This file has been damaged since it was sent. Ask your grant officer "
       "for help."},
      {"DOCUMENT_EMPTY", "This file is empty"},
      {"DOCUMENT_TYPE_NOT_ALLOWED",
       "This kind of file is not taken. Send a PDF, a photo or an office "
       "document."},
      {"DOCUMENT_INFECTED",
       "The virus check found a problem in this file, so it was not kept. "
       "Send another copy."},
      {"DOCUMENT_TRUNCATED", "The file did not arrive whole. Attach it again."},
      {"DOCUMENTS_MISSING",
       "Attach the documents this round asks for before you submit"},
      {"FILE_NAME_INVALID",
       "Rename the file: its name is too long or has characters that cannot "
       "be used"},
      {"KIND_REQUIRED", "Choose what the document is"},
      {"SCANNER_UNAVAILABLE",
       "The virus check is not available at the moment. Try again in a few "
       "minutes."},
      {"AWARD_NOT_OPEN", "This grant takes no more documents"},
      {"DOCUMENT_IN_USE",
       "This document was sent with a report or a condition, so it stays"},
      {"CONDITION_EVIDENCE_REQUIRED",
       "Say how you meet the condition, or attach a document"},
      {"CONDITION_NOT_OPEN", "This condition has been answered already"},
      {"CONDITION_NOT_FOUND",
       "We could not find this. The link may be wrong or out of date."},
      {"DOCUMENT_NOT_FOUND",
       "We could not find this. The link may be wrong or out of date."},
  };
  return *m;
}

std::string MessageFor(std::string_view reason, const std::string& fallback,
                       const std::string& language) {
  auto it = Messages().find(reason);
  if (it == Messages().end()) return fallback;
  return i18n::Translate(language, "error", it->second);
}

}  // namespace

const std::vector<std::string>& GranteeReasons() {
  // Read from the portal's calls as a grantee: registering and updating
  // the organisation (common/validation, organisations), proposing bank
  // details, creating, saving and submitting applications (applications,
  // programmes), answering offers (awards), submitting reports
  // (monitoring), signing in (sign_in), and the pipeline's own (rpc,
  // idempotency, the database going away).
  static const auto* reasons = new std::vector<std::string>{
      // Fields anywhere.
      "REQUIRED",
      "TOO_LONG",
      "TOO_MANY",
      "CONTROL_CHARACTERS",
      "MUST_NOT_BE_NEGATIVE",
      "MUST_BE_POSITIVE",
      "DATE_INVALID",
      "LANGUAGE_INVALID",
      "BOROUGH_INVALID",
      // The organisation and its bank details.
      "EMAIL_INVALID",
      "PHONE_INVALID",
      "CHARITY_NUMBER_INVALID",
      "CHARITY_NUMBER_REQUIRED",
      "COMPANY_NUMBER_INVALID",
      "COMPANY_NUMBER_REQUIRED",
      "NUMBER_NOT_APPLICABLE",
      "ORGANISATION_EXISTS",
      "ORG_ID_TAKEN",
      "ORGANISATION_NOT_REGISTERED",
      "ORGANISATION_SCOPE",
      "SORT_CODE_INVALID",
      "ACCOUNT_NUMBER_INVALID",
      "BANK_DETAILS_INCOMPLETE",
      // Applications.
      "AMOUNT_OUT_OF_RANGE",
      "BUDGET_LINES_MISMATCH",
      "SUMMARY_REQUIRED",
      "ANSWER_REQUIRED",
      "ANSWER_TOO_LONG",
      "QUESTION_UNKNOWN",
      "COMMUNITY_UNKNOWN",
      "DEADLINE_PASSED",
      "ROUND_NOT_OPEN",
      "ROUND_NOT_YET_OPEN",
      "ROUND_NOT_FOUND",
      "APPLICATION_NOT_EDITABLE",
      "APPLICATION_NOT_FOUND",
      "ACTIVE_APPLICATION_EXISTS",
      // Documents.
      "DOCUMENT_TOO_LARGE",
      "DOCUMENT_EMPTY",
      "DOCUMENT_TYPE_NOT_ALLOWED",
      "DOCUMENT_INFECTED",
      "DOCUMENT_TRUNCATED",
      "DOCUMENTS_MISSING",
      "FILE_NAME_INVALID",
      "KIND_REQUIRED",
      "SCANNER_UNAVAILABLE",
      "AWARD_NOT_OPEN",
      "DOCUMENT_NOT_FOUND",
      "DOCUMENT_IN_USE",
      "UPLOAD_NOT_FOUND",
      "CHUNK_CONFLICT",
      "CHUNK_OUT_OF_ORDER",
      "DOCUMENT_CORRUPT",
      // Conditions of an offer.
      "CONDITION_EVIDENCE_REQUIRED",
      "CONDITION_NOT_OPEN",
      "CONDITION_NOT_FOUND",
      // Offers.
      "OFFER_EXPIRED",
      "AWARD_NOT_OFFERED",
      "AWARD_NOT_FOUND",
      // Reports.
      "BREAKDOWN_EXCEEDS_TOTAL",
      "DUPLICATE_BREAKDOWN",
      "BUDGET_LINE_SPEND_REQUIRED",
      "SPEND_SUM_MISMATCH",
      "BUDGET_LINE_UNKNOWN",
      "BUDGET_LINE_REPEATED",
      "AGE_BAND_INVALID",
      "PERIOD_INVALID",
      "REPORT_UNDER_REVIEW",
      "REPORT_ACCEPTED",
      "REQUIREMENT_NOT_FOUND",
      "AWARD_NOT_RUNNING",
      // Signing in.
      "SIGN_IN_RATE_LIMITED",
      "SIGN_IN_LINK_INVALID",
      // The pipeline.
      "REQUEST_ID_REUSED",
      "REQUEST_TOO_LARGE",
      "SERVER_BUSY",
      "UNAVAILABLE",
  };
  return *reasons;
}

std::optional<std::string> WordsFor(std::string_view reason) {
  auto it = Messages().find(reason);
  if (it == Messages().end()) return std::nullopt;
  return it->second;
}

std::string FormFieldOf(std::string_view path) {
  static const std::regex kBudget(
      R"(content\.budget_lines\[(\d+)\](\.amount)?.*)");
  static const std::regex kAnswer(R"(content\.answers\.([A-Za-z0-9_-]+))");
  std::string p(path);
  std::smatch m;
  if (std::regex_match(p, m, kBudget))
    return (m[2].matched ? "budget_amount_" : "budget_description_") +
           std::to_string(std::stoi(m[1]) + 1);
  if (std::regex_match(p, m, kAnswer)) return "answer_" + m[1].str();
  static const std::pair<const char*, const char*> kPrefixes[] = {
      {"content.amount_requested", "amount"},
      {"content.project_summary", "project_summary"},
      {"content.planned_activities", "planned_activities"},
      {"content.target_communities", "community"},
      {"content.boroughs_served", "borough"},
      {"content.languages", "project_languages"},
      {"content.planned_reach.people_reached", "reached"},
      {"content.planned_reach", "supported"},
      {"content.budget_lines", "budget_description_1"},
      {"profile.name", "name"},
      {"profile.legal_form", "legal_form"},
      {"profile.charity_number", "charity_number"},
      {"profile.company_number", "company_number"},
      {"profile.borough_code", "borough_code"},
      {"profile.annual_income", "annual_income"},
      {"profile.contacts[0].phone", "contact_phone"},
      {"profile.contacts", "contact_name"},
      {"email", "email"},
      {"bank_details.sort_code", "sort_code"},
      {"bank_details.account_number", "account_number"},
      {"bank_details", "account_name"},
      {"size_bytes", "file"},
      {"upload_id", "file"},
      {"file_name", "file"},
      {"data", "file"},
      {"kind", "kind"},
      {"documents", "file"},
      {"statement", "statement"},
      {"document_ids", "file"},
  };
  for (const auto& [prefix, field] : kPrefixes)
    if (p.rfind(prefix, 0) == 0) return field;
  return "";
}

FieldErrors ErrorsOf(const absl::Status& status, const std::string& language) {
  FieldErrors out;
  if (status.ok()) return out;
  for (const auto& v : FieldViolationsOf(status))
    out.emplace_back(FormFieldOf(v.field),
                     MessageFor(v.reason, v.description, language));
  if (out.empty())
    out.emplace_back("",
                     MessageFor(status.code() == absl::StatusCode::kUnavailable
                                    ? "UNAVAILABLE"
                                    : ReasonOf(status),
                                std::string(status.message()), language));
  return out;
}

}  // namespace grants::portal
