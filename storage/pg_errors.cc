// Constraint catalogue and exception mapping.
#include <pqxx/pqxx>
#include "storage/pg_errors.h"


#include <array>
#include <regex>
#include <string>

#include "common/status.h"

namespace grants::storage {
namespace {

struct ConstraintError {
  std::string_view constraint;
  absl::StatusCode code;
  std::string_view reason;
  std::string_view field;
  std::string_view message;
};

// Business rules are checked explicitly before writing; these are the
// backstops that turn a race or a missed check into a clear error.
constexpr std::array kConstraints = {
    ConstraintError{"funders_org_id_key", absl::StatusCode::kAlreadyExists,
                    "FUNDER_ORG_ID_TAKEN", "org_id",
                    "a funder with this org-id exists"},
    ConstraintError{"programmes_code_key", absl::StatusCode::kAlreadyExists,
                    "PROGRAMME_CODE_TAKEN", "code",
                    "a programme with this code exists"},
    ConstraintError{"funds_drawn_within_contributions",
                    absl::StatusCode::kFailedPrecondition,
                    "FUND_BALANCE_EXCEEDED", "budget",
                    "the fund does not hold enough money"},
    ConstraintError{"rounds_window_ordered",
                    absl::StatusCode::kInvalidArgument, "WINDOW_INVALID",
                    "closes_local", "the round must close after it opens"},
    ConstraintError{"rounds_grant_limits", absl::StatusCode::kInvalidArgument,
                    "GRANT_LIMITS_INVALID", "max_grant",
                    "grant limits must fit within the budget"},
    ConstraintError{"rounds_eligibility_limits_valid",
                    absl::StatusCode::kInvalidArgument,
                    "ELIGIBILITY_LIMIT_INVALID", "spec.eligibility",
                    "eligibility limits must be whole numbers, 0 or more"},
    ConstraintError{"organisations_pkey", absl::StatusCode::kAlreadyExists,
                    "ORGANISATION_EXISTS", "id",
                    "this organisation is already registered"},
    ConstraintError{"organisations_org_id_key",
                    absl::StatusCode::kAlreadyExists, "ORG_ID_TAKEN",
                    "profile.charity_number",
                    "an organisation with these registration numbers is "
                    "already registered"},
    ConstraintError{"applications_one_active_per_round",
                    absl::StatusCode::kAlreadyExists,
                    "ACTIVE_APPLICATION_EXISTS", "round_id",
                    "the organisation already has an application in this "
                    "round"},
    ConstraintError{"contributions_fund_fkey", absl::StatusCode::kNotFound,
                    "FUND_NOT_FOUND", "fund_id", "fund not found"},
    ConstraintError{"contributions_funder_fkey", absl::StatusCode::kNotFound,
                    "FUNDER_NOT_FOUND", "funder_id", "funder not found"},
    ConstraintError{"programmes_fund_fkey", absl::StatusCode::kNotFound,
                    "FUND_NOT_FOUND", "fund_id", "fund not found"},
    ConstraintError{"round_commitments_within_budget",
                    absl::StatusCode::kFailedPrecondition, "BUDGET_EXHAUSTED",
                    "amount",
                    "the round's budget does not have this much uncommitted"},
    ConstraintError{"awards_one_live_per_application",
                    absl::StatusCode::kFailedPrecondition, "AWARD_EXISTS",
                    "application_id",
                    "the application already has a live award"},
    ConstraintError{"decisions_pkey", absl::StatusCode::kFailedPrecondition,
                    "ALREADY_DECIDED", "application_id",
                    "the application has been decided"},
    ConstraintError{"decisions_four_eyes", absl::StatusCode::kPermissionDenied,
                    "FOUR_EYES_REQUIRED", "application_id",
                    "the decider must not be the recommender"},
    ConstraintError{"award_shares_sum_to_award",
                    absl::StatusCode::kInvalidArgument,
                    "ATTRIBUTION_SUM_MISMATCH", "shares",
                    "the shares must sum exactly to the award"},
};

std::string ConstraintName(const std::string& message) {
  static const std::regex kName("constraint \"([^\"]+)\"");
  std::smatch m;
  return std::regex_search(message, m, kName) ? m[1].str() : "";
}

// What an operator may read of a database error: its SQLSTATE and the
// constraint and relation it names, never the message's values (a DETAIL
// line or "invalid input syntax" quotes the data, which may be personal).
std::string Described(const pqxx::sql_error& e) {
  static const std::regex kRelation("relation \"([^\"]+)\"");
  std::string message = e.what();
  std::smatch relation;
  std::regex_search(message, relation, kRelation);
  std::string constraint = ConstraintName(message);
  return "SQLSTATE " + e.sqlstate() +
         (constraint.empty() ? "" : ", constraint " + constraint) +
         (relation.empty() ? "" : ", relation " + relation[1].str());
}

absl::Status FromConstraint(const pqxx::sql_error& e) {
  std::string name = ConstraintName(e.what());
  for (const auto& c : kConstraints) {
    if (c.constraint == name) {
      return MakeError(c.code, c.reason,
                       std::string(c.field) + ": " + std::string(c.message),
                       {{std::string(c.field), std::string(c.reason),
                         std::string(c.message)}});
    }
  }
  return Internal("unmapped constraint violation: " + Described(e));
}

}  // namespace

absl::Status MapPgException(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) ||
      dynamic_cast<const pqxx::in_doubt_error*>(&e))
    return MakeError(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                     "database connection lost; retry with the same "
                     "request_id");
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e))
    return MakeError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                     "the record changed concurrently; retry");
  if (auto* sql = dynamic_cast<const pqxx::integrity_constraint_violation*>(&e))
    return FromConstraint(*sql);
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    absl::Status moved = FromDatabaseMoving(sql->sqlstate());
    if (!moved.ok()) return moved;
    return Internal("database error: " + Described(*sql));
  }
  return Internal(std::string("database error: ") + e.what());
}

absl::Status FromDatabaseMoving(const std::string& sqlstate) {
  auto unavailable = [](const char* reason, const char* message) {
    return MakeError(absl::StatusCode::kUnavailable, reason, message);
  };
  // Class 08: the connection failed or was refused mid-way.
  if (sqlstate.rfind("08", 0) == 0)
    return unavailable("DATABASE_UNAVAILABLE",
                       "database connection lost; retry with the same "
                       "request_id");
  // A standby, or a primary being demoted: another server takes writes.
  if (sqlstate == "25006")
    return unavailable("DATABASE_READ_ONLY",
                       "the database is read-only (failing over); retry");
  // admin_shutdown, crash_shutdown, cannot_connect_now.
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03")
    return unavailable("DATABASE_SHUTTING_DOWN",
                       "the database is restarting or failing over; retry");
  // query_canceled (statement_timeout), lock_not_available (lock_timeout).
  if (sqlstate == "57014" || sqlstate == "55P03")
    return unavailable("DATABASE_TIMEOUT", "the database took too long; retry");
  if (sqlstate.rfind("53", 0) == 0)  // insufficient resources
    return unavailable("DATABASE_OVERLOADED",
                       "the database is overloaded; retry");
  return absl::OkStatus();
}

}  // namespace grants::storage
