// grants-portal: the grantees' web client (see portal.h).
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "clients/portal/door.h"
#include "clients/portal/portal.h"

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CLI::ValidationError("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Serves `portal` on host:port (port 0: any), announcing the port on
// stdout; the exit status.
int Serve(grants::portal::Portal& portal, const std::string& host, int port) {
  httplib::Server server;
  server.set_read_timeout(30, 0);
  portal.Mount(server);
  int bound = port;
  if (port == 0)
    bound = server.bind_to_any_port(host);
  else if (!server.bind_to_port(host, port))
    bound = -1;
  if (bound < 0) {
    std::fprintf(stderr, "grants-portal: cannot listen on %s:%d\n",
                 host.c_str(), port);
    return 1;
  }
  std::printf("{\"event\":\"listening\",\"port\":%d}\n", bound);
  std::fflush(stdout);
  return server.listen_after_bind() ? 0 : 1;
}

// The load balancer's maps (door.h), each written whole or not at all.
int WriteDoorMaps(const std::string& dir, int64_t max_document_bytes) {
  for (const auto& [name, text] :
       grants::portal::DoorMaps(max_document_bytes)) {
    std::string path = dir + "/" + name, part = path + ".part";
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out || std::rename(part.c_str(), path.c_str()) != 0) {
      std::fprintf(stderr, "grants-portal: cannot write %s\n", path.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"grants-portal: the grantees' web portal"};
  std::string listen = "127.0.0.1:8080", grantsd = "localhost:50051";
  std::string ca, cert, key, session_key_file;
  bool insecure_cookies = false;
  grants::portal::PortalOptions options;
  app.add_option("--listen", listen, "host:port to serve on (port 0: any)")
      ->envname("GRANTS_PORTAL_LISTEN");
  app.add_option("--grantsd", grantsd, "grantsd host:port")
      ->envname("GRANTS_SERVER");
  app.add_option("--ca", ca, "CA PEM of grantsd's certificate")
      ->envname("GRANTS_CA");
  app.add_option("--client-cert", cert,
                 "the portal's client certificate (CN portal/<name>)")
      ->envname("GRANTS_PORTAL_CERT");
  app.add_option("--client-key", key, "its key")->envname("GRANTS_PORTAL_KEY");
  app.add_option("--session-key-file", session_key_file,
                 "the keys sealing session cookies: 64 hex characters a line "
                 "(openssl rand -hex 32), the first seals, all open; the same "
                 "file on every portal behind one address")
      ->envname("GRANTS_PORTAL_SESSION_KEY_FILE");
  app.add_option("--post-burst", options.limits.burst,
                 "form posts (sign-in included) a client may send at once")
      ->check(CLI::PositiveNumber);
  app.add_option("--posts-per-minute", options.limits.per_minute,
                 "and then on average a minute")
      ->check(CLI::PositiveNumber);
  app.add_option("--max-document-bytes", options.max_document_bytes,
                 "the largest document grantsd takes (its own setting)")
      ->envname("GRANTS_MAX_DOCUMENT_BYTES")
      ->check(CLI::Range(int64_t{1024}, int64_t{100} * 1024 * 1024));
  app.add_flag("--trust-forwarded-for", options.trust_forwarded_for,
               "behind a load balancer: count the client by the last "
               "X-Forwarded-For address");
  app.add_flag(
      "--insecure-cookies", insecure_cookies,
      "send cookies over plain http to another machine (never in production)");
  std::string door_maps;
  app.add_option("--write-door-maps", door_maps,
                 "write the load balancer's maps (its limits and the "
                 "portal's refusal pages, door.h) into this directory, "
                 "then exit")
      ->check(CLI::ExistingDirectory);
  try {
    app.parse(argc, argv);
    // Serving needs grantsd's and the sessions' keys; writing maps does not.
    for (const char* name :
         {"--ca", "--client-cert", "--client-key", "--session-key-file"})
      if (door_maps.empty() && app.get_option(name)->empty())
        throw CLI::RequiredError(name);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!door_maps.empty())
    return WriteDoorMaps(door_maps, options.max_document_bytes);

  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::fprintf(stderr, "grants-portal: --listen must be host:port\n");
    return 2;
  }
  std::string host = listen.substr(0, colon);
  int port = std::atoi(listen.substr(colon + 1).c_str());
  grants::portal::Backend backend(
      {grantsd, Slurp(ca), Slurp(cert), Slurp(key)});
  auto keys =
      grants::portal::SessionSealer::ParseKeyFile(Slurp(session_key_file));
  if (!keys.ok()) {
    std::fprintf(stderr, "grants-portal: %s: %s\n", session_key_file.c_str(),
                 std::string(keys.status().message()).c_str());
    return 2;
  }
  options.session_keys = *keys;
  options.secure_cookies = !insecure_cookies;
  grants::portal::Portal portal(backend, std::move(options));
  return Serve(portal, host, port);
}
