#include "page_server.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "page_files.hpp"
#include "serve_text.hpp"
#include "upload_scoring.hpp"

namespace perfeval::serve {
namespace {

// The addresses the page asks for, and the one method each takes.
struct Route {
  std::string_view path;
  std::string_view method;
};
constexpr std::array kRoutes = std::to_array<Route>({
    {"/api/rules", "GET"},
    {"/api/check", "POST"},
    {"/api/save", "POST"},
    {"/api/score", "POST"},
    {"/api/report", "POST"},
});

const PageFile* page_file(std::string_view path) {
  if (path == "/") {
    path = "/index.html";
  }
  for (const PageFile& file : page_files()) {
    if (file.path == path) {
      return &file;
    }
  }
  return nullptr;
}

// The method `path` takes, or "" for an address there is not.
std::string_view method_of(std::string_view path) {
  for (const Route& route : kRoutes) {
    if (route.path == path) {
      return route.method;
    }
  }
  return page_file(path) ? "GET" : "";
}

Lang lang_of(const httplib::Request& req) {
  return req.get_param_value("lang") == "en" ? Lang::en : Lang::zh;
}

std::string dump(const nlohmann::json& json) {
  // Names and quoted text may hold bytes that are not UTF-8: shown as U+FFFD.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void answer(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json");
}

template <typename... Args>
void refuse(httplib::Response& res, int status, ServeSay what, Lang lang, const Args&... args) {
  answer(res, status, {{"error", fmt::format(fmt::runtime(serve_say(what, lang)), args...)}});
}

nlohmann::json problems_json(const CheckOutcome& outcome) {
  nlohmann::json problems = nlohmann::json::array();
  for (const RuleProblem& p : outcome.problems) {
    problems.push_back({{"name", p.name},
                        {"line", p.line},
                        {"column", p.column},
                        {"error", p.error},
                        {"text", p.text}});
  }
  return {{"problems", std::move(problems)},
          {"errors", outcome.errors},
          {"rule_files", outcome.rule_files}};
}

// A body of {"name": "...", "text": "..."}, both strings.
std::optional<std::pair<std::string, std::string>> name_and_text(const std::string& body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("name") || !json.contains("text") ||
      !json["name"].is_string() || !json["text"].is_string()) {
    return std::nullopt;
  }
  return std::pair{json["name"].get<std::string>(), json["text"].get<std::string>()};
}

// The files of a multipart request, named by their file names alone.
std::optional<std::vector<DataInMemory>> uploads(const httplib::Request& req,
                                                 httplib::Response& res, Lang lang) {
  std::vector<DataInMemory> files;
  for (const auto& entry : req.files) {
    const httplib::MultipartFormData& part = entry.second;
    if (part.filename.empty()) {
      continue;
    }
    std::string name = part.filename;
    name.erase(0, name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
    if (!is_data_name(name)) {
      refuse(res, 415, ServeSay::not_a_data_file, lang, name);
      return std::nullopt;
    }
    files.push_back({std::move(name), part.content});
  }
  if (files.empty()) {
    refuse(res, 400, ServeSay::no_files, lang);
    return std::nullopt;
  }
  return files;
}

}  // namespace

struct PageServer::Impl {
  RulesWorkspace& workspace;
  ServerOptions options;
  httplib::Server server;
  int port = -1;

  Impl(RulesWorkspace& w, ServerOptions o) : workspace(w), options(std::move(o)) {
    const std::size_t threads = options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(options.max_request_bytes);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"Cache-Control", "no-store"},
                                {"Referrer-Policy", "no-referrer"}});
    server.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return guard(req, res); });
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
          return explain_error(req, res);
        }));
    server.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr thrown) {
          std::string why = "?";
          try {
            std::rethrow_exception(thrown);
          } catch (const std::exception& e) {
            why = e.what();
          } catch (...) {
          }
          refuse(res, 500, ServeSay::failed, lang_of(req), why);
        });
    routes();
  }

  // Before any route: a request for another host name (a web page that
  // points a name of its own at this address), and a request that changes
  // or reads anything not made by the page (another web page posting to
  // this address), are refused.
  httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) {
    const Lang lang = lang_of(req);
    if (loopback() && !local_host(req.get_header_value("Host"))) {
      refuse(res, 403, ServeSay::wrong_host, lang);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.path.starts_with("/api/") && req.get_header_value("X-Perfeval") != "page") {
      refuse(res, 403, ServeSay::not_from_page, lang);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  bool loopback() const {
    return options.host == "127.0.0.1" || options.host == "::1" || options.host == "localhost";
  }

  bool local_host(const std::string& host) const {
    const std::string suffix = ":" + std::to_string(port);
    for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
      if (host == name || host == name + suffix) {
        return true;
      }
    }
    return false;
  }

  // A 4xx or 5xx without a body of its own (no route, a body too large)
  // gets one in the page's language.
  httplib::Server::HandlerResponse explain_error(const httplib::Request& req,
                                                 httplib::Response& res) {
    if (!res.body.empty()) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    const Lang lang = lang_of(req);
    if (res.status == 413) {
      refuse(res, 413, ServeSay::too_large, lang, options.max_request_bytes / (1024 * 1024));
    } else if (res.status == 404) {
      const std::string_view method = method_of(req.path);
      if (!method.empty() && method != req.method && !(method == "GET" && req.method == "HEAD")) {
        refuse(res, 405, ServeSay::wrong_method, lang);
        res.set_header("Allow", std::string(method));
      } else {
        refuse(res, 404, ServeSay::not_found, lang);
      }
    } else {
      refuse(res, res.status, ServeSay::failed, lang, res.status);
    }
    return httplib::Server::HandlerResponse::Handled;
  }

  void routes() {
    for (const PageFile& file : page_files()) {
      const auto serve_file = [&file](const httplib::Request&, httplib::Response& res) {
        res.set_content(file.bytes.data(), file.bytes.size(),
                        std::string(file.content_type).c_str());
        // The page loads nothing from elsewhere, and nothing may frame it.
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                       "img-src 'self' data:; frame-ancestors 'none'");
      };
      server.Get(std::string(file.path), serve_file);
      if (file.path == "/index.html") {
        server.Get("/", serve_file);
      }
    }
    server.Get("/api/rules", [this](const httplib::Request& req, httplib::Response& res) {
      workspace.reload();  // the page is opened or reloaded: show the files as they are now
      nlohmann::json files = nlohmann::json::array();
      for (const std::string& name : workspace.names()) {
        files.push_back({{"name", name}, {"text", workspace.text(name).value_or("")}});
      }
      nlohmann::json body = problems_json(workspace.check(lang_of(req)));
      body["files"] = std::move(files);
      answer(res, 200, body);
    });
    server.Post("/api/check", [this](const httplib::Request& req, httplib::Response& res) {
      const Lang lang = lang_of(req);
      const auto asked = name_and_text(req.body);
      if (!asked) {
        refuse(res, 400, ServeSay::not_json, lang);
        return;
      }
      const auto outcome = workspace.check(asked->first, asked->second, lang);
      if (!outcome) {
        refuse(res, 404, ServeSay::unknown_rule_file, lang, asked->first);
        return;
      }
      answer(res, 200, problems_json(*outcome));
    });
    server.Post("/api/save", [this](const httplib::Request& req, httplib::Response& res) {
      const Lang lang = lang_of(req);
      const auto asked = name_and_text(req.body);
      if (!asked) {
        refuse(res, 400, ServeSay::not_json, lang);
        return;
      }
      const SaveOutcome saved = workspace.save(asked->first, asked->second, lang);
      nlohmann::json body = problems_json(saved.check);
      switch (saved.status) {
        case SaveStatus::saved:
          body["saved"] = true;
          answer(res, 200, body);
          return;
        case SaveStatus::unknown_name:
          refuse(res, 404, ServeSay::unknown_rule_file, lang, asked->first);
          return;
        case SaveStatus::has_errors:
          body["error"] = serve_say(ServeSay::rule_has_errors, lang);
          answer(res, 422, body);
          return;
        case SaveStatus::changed_elsewhere:
          body["error"] = serve_say(ServeSay::changed_elsewhere, lang);
          answer(res, 409, body);
          return;
        case SaveStatus::write_failed:
          body["error"] =
              fmt::format(fmt::runtime(serve_say(ServeSay::cannot_save, lang)), saved.error);
          answer(res, 500, body);
          return;
      }
    });
    server.Post("/api/score", [this](const httplib::Request& req, httplib::Response& res) {
      const Lang lang = lang_of(req);
      const auto files = uploads(req, res, lang);
      if (!files) {
        return;
      }
      answer(res, 200, page_view(score_uploads(workspace.current(), *files, lang), lang));
    });
    server.Post("/api/report", [this](const httplib::Request& req, httplib::Response& res) {
      const Lang lang = lang_of(req);
      const std::string format = req.get_param_value("format");
      const auto files = uploads(req, res, lang);
      if (!files) {
        return;
      }
      const auto download =
          report_download(score_uploads(workspace.current(), *files, lang), format, lang);
      if (!download) {
        refuse(res, 400, ServeSay::unknown_format, lang, format);
        return;
      }
      res.status = 200;
      res.set_content(download->bytes, download->content_type.c_str());
      // RFC 6266: an ASCII name for old browsers, the real one in UTF-8.
      std::string encoded;
      for (const unsigned char c : download->file_name) {
        encoded += std::isalnum(c) || c == '.' || c == '-' ? std::string(1, static_cast<char>(c))
                                                           : fmt::format("%{:02X}", c);
      }
      res.set_header(
          "Content-Disposition",
          fmt::format("attachment; filename=\"perfeval.{}\"; filename*=UTF-8''{}",
                      download->file_name.substr(download->file_name.rfind('.') + 1), encoded));
    });
  }
};

PageServer::PageServer(RulesWorkspace& workspace, ServerOptions options)
    : impl_(std::make_unique<Impl>(workspace, std::move(options))) {}

PageServer::~PageServer() = default;

int PageServer::bind() {
  const ServerOptions& options = impl_->options;
  if (options.port == 0) {
    impl_->port = impl_->server.bind_to_any_port(options.host);
  } else {
    impl_->port = impl_->server.bind_to_port(options.host, options.port) ? options.port : -1;
  }
  return impl_->port;
}

void PageServer::run() {
  impl_->server.listen_after_bind();
}

void PageServer::stop() {
  impl_->server.stop();
}

}  // namespace perfeval::serve
