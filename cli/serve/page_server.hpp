#pragma once

// The HTTP side of perfeval serve: the page, and the few requests it makes
// (the rule files, check, save, score, download). The only file that
// includes httplib.h.

#include <cstddef>
#include <memory>
#include <string>

#include "rules_workspace.hpp"

namespace perfeval::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  // A request's body at most (uploads are kept in memory only).
  std::size_t max_request_bytes = 32 * 1024 * 1024;
  // Requests handled at once; more wait their turn.
  std::size_t threads = 8;
};

class PageServer {
 public:
  PageServer(RulesWorkspace& workspace, ServerOptions options);
  ~PageServer();
  PageServer(const PageServer&) = delete;
  PageServer& operator=(const PageServer&) = delete;

  // Binds the address; the port it got, or -1 when it cannot be bound.
  int bind();
  // Serves until stop() is called (from another thread or a signal's thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace perfeval::serve
