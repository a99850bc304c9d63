// Audit repository.
#include "storage/audit_repository.h"

#include "common/crypto.h"
#include "storage/rows.h"

namespace grants::storage::audit_repo {
namespace {

Event ToEvent(const pqxx::row& r) {
  Event e;
  e.id = r[0].as<int64_t>();
  e.occurred_at = TimeAt(r[1]);
  e.actor = r[2].as<std::string>();
  e.role = r[3].as<std::string>();
  e.action = r[4].as<std::string>();
  e.entity_type = r[5].as<std::string>();
  e.entity_id = r[6].as<std::string>();
  e.request_id = r[7].as<std::string>();
  e.peer = r[8].as<std::string>();
  e.summary_json = r[9].as<std::string>();
  e.mac = FromHex(r[10].as<std::string>());
  e.seq = r[11].as<int64_t>();
  e.chain_hash = FromHex(r[12].as<std::string>());
  return e;
}

const char* OptionalMicros(const std::optional<absl::Time>& t,
                           std::string* buffer) {
  if (!t) return nullptr;
  *buffer = std::to_string(Micros(*t));
  return buffer->c_str();
}

}  // namespace

void Append(Tx& tx, const Event& e) {
  tx.exec_prepared0("audit_insert", Micros(e.occurred_at), e.actor, e.role,
                    e.action, e.entity_type, e.entity_id, e.request_id,
                    e.peer, e.summary_json, ToHex(e.mac));
}

Head ReadHead(Tx& tx) {
  auto r = tx.exec_prepared1("audit_read_head");
  return {r[0].as<int64_t>(), FromHex(r[1].as<std::string>()),
          FromHex(r[2].as<std::string>())};
}

void LockSealer(Tx& tx) { tx.exec_prepared1("audit_lock_sealer"); }

std::vector<Event> Unsealed(Tx& tx, int limit) {
  return MapRows<Event>(tx.exec_prepared("audit_unsealed", limit), ToEvent);
}

void Seal(Tx& tx, const std::vector<Event>& events, int64_t prev_seq,
          const Head& head) {
  std::vector<int64_t> ids;
  std::vector<std::string> links;
  for (const auto& e : events) {
    ids.push_back(e.id);
    links.push_back(ToHex(e.chain_hash));
  }
  tx.exec_prepared1("audit_seal", ToPgArray(ids), ToPgArray(links), prev_seq,
                    ToHex(head.hash), ToHex(head.mac));
}

std::vector<Event> SealedAfter(Tx& tx, int64_t after, int limit) {
  return MapRows<Event>(tx.exec_prepared("audit_sealed_after", after, limit),
                        ToEvent);
}

std::vector<Event> List(Tx& tx, const Filter& f, int limit) {
  std::string since_buf, until_buf;
  return MapRows<Event>(
      tx.exec_prepared("audit_list", f.entity_type, f.entity_id, f.actor,
                       OptionalMicros(f.since, &since_buf),
                       OptionalMicros(f.until, &until_buf), f.before_id, limit),
      ToEvent);
}

}  // namespace grants::storage::audit_repo
