// The network server: Boost.Beast lives only in beast_server.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "http/app.h"

namespace fupan::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 4;                   // handlers may wait on the store, so more than the cores
  std::size_t body_limit = 1 << 20;  // bytes; larger bodies get 413
  std::size_t import_body_limit = 64 << 20;  // for /api/imports (uploaded files)
  std::chrono::seconds import_timeout{300};  // reading an upload to /api/imports
  std::chrono::seconds timeout{30};          // per read and per write
  std::chrono::seconds drain_limit{10};      // how long shutdown waits for requests in flight
};

// Serves `app` until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish
// (up to drain_limit) and returns 0. `on_listening` is called once the port is bound.
int run_server(App& app, const ServerOptions& options,
               const std::function<void(unsigned short)>& on_listening);

}  // namespace fupan::http
