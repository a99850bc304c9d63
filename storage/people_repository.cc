// People repository: one function per statement in queries/.
#include "storage/people_repository.h"

#include "storage/rows.h"

namespace grants::storage::people_repo {

void Record(Tx& tx, const std::string& subject, const std::string& role,
            absl::Time now) {
  tx.exec_prepared0("person_record", subject, role, Micros(now));
}

bool Exists(Tx& tx, const std::string& subject, const std::string& role) {
  return tx.exec_prepared1("person_exists", subject, role)[0].as<bool>();
}

}  // namespace grants::storage::people_repo
