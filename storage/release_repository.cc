// Reach releases in PostgreSQL.
#include "storage/release_repository.h"

#include <string_view>

#include "storage/rows.h"

namespace grants::storage::release_repo {
namespace {

using reach::Suppression;

constexpr std::string_view SuppressionName(Suppression s) {
  switch (s) {
    case Suppression::kPrimary:
      return "primary";
    case Suppression::kComplementary:
      return "complementary";
    case Suppression::kNone:
      break;
  }
  return "none";
}

Suppression SuppressionOf(const std::string& name) {
  if (name == "primary") return Suppression::kPrimary;
  if (name == "complementary") return Suppression::kComplementary;
  return Suppression::kNone;
}

ReachRelease ToRelease(const pqxx::row& r) {
  return ReachRelease{.id = r[0].as<std::string>(),
                      .programme_id = r[1].as<std::string>(),
                      .quarter = r[2].as<std::string>(),
                      .reports = r[3].as<int64_t>(),
                      .withheld = FromPgArray(r[4]),
                      .released_by = r[5].as<std::string>(),
                      .released_at = TimeAt(r[6])};
}

}  // namespace

std::vector<ReachCount> AcceptedCounts(Tx& tx, const std::string& programme_id,
                                       absl::Time from, absl::Time to) {
  std::vector<ReachCount> rows;
  for (const auto& r : tx.exec_prepared("reach_release_counts", programme_id,
                                        Micros(from), Micros(to)))
    rows.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                    r[2].as<int64_t>(), r[3].as<int64_t>(),
                    r[4].as<int64_t>()});
  return rows;
}

std::optional<std::string> Insert(Tx& tx, const ReachRelease& release,
                                  const std::vector<ReleasedFigure>& figures) {
  auto made = tx.exec_prepared("reach_release_insert", release.programme_id,
                               release.quarter, release.reports,
                               ToPgArray(release.withheld), release.released_by,
                               Micros(release.released_at));
  if (made.empty()) return std::nullopt;
  const std::string id = made[0][0].as<std::string>();
  std::vector<std::string> measures, dimensions, codes, suppressions;
  std::vector<int64_t> values;
  for (const ReleasedFigure& f : figures) {
    measures.push_back(f.measure);
    dimensions.push_back(f.dimension);
    codes.push_back(f.code);
    values.push_back(f.value);
    suppressions.emplace_back(SuppressionName(f.suppression));
  }
  tx.exec_prepared0("reach_release_figures_insert", id, ToPgArray(measures),
                    ToPgArray(dimensions), ToPgArray(codes), ToPgArray(values),
                    ToPgArray(suppressions));
  return id;
}

std::optional<ReachRelease> Get(Tx& tx, const std::string& id) {
  auto rows = tx.exec_prepared("reach_release_get", id);
  if (rows.empty()) return std::nullopt;
  return ToRelease(rows[0]);
}

std::vector<ReachRelease> List(Tx& tx, const std::string& programme_id,
                               const std::string& quarter) {
  std::vector<ReachRelease> out;
  for (const auto& r :
       tx.exec_prepared("reach_release_list", programme_id, quarter))
    out.push_back(ToRelease(r));
  return out;
}

std::vector<ReleasedFigure> Figures(Tx& tx, const std::string& programme_id,
                                    const std::string& quarter,
                                    const std::string& dimension) {
  std::vector<ReleasedFigure> out;
  for (const auto& r : tx.exec_prepared("reach_release_figures", programme_id,
                                        quarter, dimension))
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                   r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<int64_t>(), SuppressionOf(r[5].as<std::string>())});
  return out;
}

bool FundedBy(Tx& tx, const std::string& programme_id,
              const std::string& funder_id) {
  return tx.exec_prepared1("programme_funded_by", programme_id, funder_id)[0]
      .as<bool>();
}

}  // namespace grants::storage::release_repo
