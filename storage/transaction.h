// RunInTransaction: one short transaction on a pooled connection, retried on
// serialization failure and deadlock, with exceptions mapped to statuses; a
// connection that failed is replaced, not returned to the pool.
#pragma once

#include <pqxx/pqxx>
#include <type_traits>


#include "absl/status/statusor.h"
#include "storage/pg_errors.h"
#include "storage/pool.h"

namespace grants::storage {

using Tx = pqxx::work;

inline constexpr int kMaxAttempts = 5;

namespace internal {
template <typename T>
struct IsStatusOr : std::false_type {};
template <typename T>
struct IsStatusOr<absl::StatusOr<T>> : std::true_type {};
}  // namespace internal

// Runs fn(Tx&) -> absl::Status or absl::StatusOr<T>. Commits when fn
// succeeds; rolls back when it returns an error. Returns ABORTED
// (CONCURRENT_MODIFICATION) when every attempt hit a serialization failure.
template <typename Fn>
auto RunInTransaction(ConnectionPool& pool, Fn&& fn)
    -> std::invoke_result_t<Fn, Tx&> {
  using Result = std::invoke_result_t<Fn, Tx&>;
  static_assert(std::is_same_v<Result, absl::Status> ||
                internal::IsStatusOr<Result>::value);
  absl::Status last;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    try {
      Tx tx(**lease);
      Result result = fn(tx);
      if (result.ok()) tx.commit();
      return result;  // an error result rolls back as tx goes out of scope
    } catch (const pqxx::transaction_rollback& e) {
      last = MapPgException(e);  // serialization failure or deadlock: retry
    } catch (const std::exception& e) {
      absl::Status mapped = MapPgException(e);
      // Lost, read-only or shutting down: a fresh connection (to whichever
      // host takes writes now) serves the retry.
      if (mapped.code() == absl::StatusCode::kUnavailable) lease->Discard();
      return mapped;
    }
  }
  return last;
}

}  // namespace grants::storage
