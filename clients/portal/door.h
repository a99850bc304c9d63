// What HAProxy (ops/production/haproxy.cfg) needs to refuse a request at
// the door as a portal would: which forms carry a file, how large each
// body may be, and the portal's own refusal pages in every language it
// offers. grants-portal --write-door-maps writes them for the load
// balancer; HAProxy reads them when it starts.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace grants::portal {

// HAProxy seconds in its request-rate window (sc_http_req_rate over 10 s):
// a client refused there is told to wait this long.
inline constexpr int64_t kDoorWindowSeconds = 10;

// Map files, by file name, each "key value" a line:
//   bodies.map     a path's regular expression -> "document"
//   limits.map     "document" | "form" -> its largest body in bytes
//   languages.map  each offered language -> itself
//   413.map        "<language>-document" | "<language>-form" -> the page
//   429.map        "<language>" -> the page
// A page is the portal's refusal, on one line.
std::map<std::string, std::string> DoorMaps(int64_t max_document_bytes);

}  // namespace grants::portal
