// perfeval serve RULES [--port N] [--listen ADDRESS]: the local page, until
// Ctrl+C.

#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include "commands.hpp"
#include "page_server.hpp"
#include "rules_workspace.hpp"
#include "serve_text.hpp"

namespace perfeval::cli {
namespace {

using serve::ServeSay;

template <typename... Args>
std::string said(ServeSay what, Lang lang, const Args&... args) {
  return fmt::format(fmt::runtime(serve::serve_say(what, lang)), args...);
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

// The port a finance officer sees each time, when it is free.
constexpr int kUsualPort = 8765;

}  // namespace

int serve_page(const ServeArgs& args, Lang lang) {
  serve::RulesWorkspace workspace(args.rules);
  const serve::CheckOutcome check = workspace.check(lang);
  for (const serve::RuleProblem& problem : check.problems) {
    std::cerr << problem.text << "\n";
  }
  if (workspace.names().empty()) {
    return kFileProblem;
  }

  // Ctrl+C and kill are taken by a thread of their own, which stops the
  // server; blocked here, before the server's threads start, so that they
  // inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  serve::ServerOptions options;
  options.host = args.listen;
  options.port = args.port.value_or(kUsualPort);
  std::optional<serve::PageServer> server(std::in_place, workspace, options);
  int port = server->bind();
  if (port < 0 && !args.port) {
    options.port = 0;  // the usual port is taken: any free one will do
    server.emplace(workspace, options);
    port = server->bind();
  }
  if (port < 0) {
    std::cerr << said(ServeSay::cannot_listen, lang, args.listen, options.port) << "\n";
    return kFileProblem;
  }
  const std::string host =
      args.listen.find(':') != std::string::npos ? "[" + args.listen + "]" : args.listen;
  const std::string address = fmt::format("http://{}:{}/", host, port);
  if (!is_loopback(args.listen)) {
    std::cerr << said(ServeSay::not_loopback, lang, address) << "\n";
  }
  std::cout << said(ServeSay::listening, lang, address) << "\n"
            << said(ServeSay::how_to_stop, lang) << std::endl;

  serve::PageServer& running = *server;
  std::jthread stopper([&running, &stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    running.stop();
  });
  running.run();
  // Stopped other than by a signal: the stopper thread is still waiting.
  pthread_kill(stopper.native_handle(), SIGTERM);
  return kOk;
}

}  // namespace perfeval::cli
