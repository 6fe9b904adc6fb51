// The only translation unit that includes Boost.Beast: accepts connections, parses HTTP/1.1
// with keep-alive, a body limit and timeouts, hands each request to App, and shuts down gracefully.
#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "http/json_io.h"
#include "http/server.h"

namespace fupan::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

class Session;

// Tracks live sessions so shutdown can close the idle ones.
struct Registry {
  std::mutex mu;
  std::set<std::shared_ptr<Session>> sessions;  // GUARDED_BY(mu)
  std::atomic<bool> stopping{false};
};

Request to_request(const bhttp::request<bhttp::string_body>& in, const std::string& ip) {
  Request req;
  req.method = std::string(in.method_string());
  req.remote_ip = ip;
  std::string_view target = in.target();
  auto parsed = boost::urls::parse_origin_form(target);
  if (parsed) {
    req.path = std::string(parsed->encoded_path().decode());
    for (auto param : parsed->params()) req.query.emplace(param.key, param.value);
  } else {
    req.path = std::string(target.substr(0, target.find('?')));
  }
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers[name] = std::string(field.value());
  }
  req.body = in.body();
  return req;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, App& app, const ServerOptions& options, Registry& registry)
      : stream_(std::move(socket)), app_(app), options_(options), registry_(registry) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    ip_ = ec ? "" : endpoint.address().to_string();
  }

  void start() {
    app_.metrics().connection_opened();
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::read, shared_from_this()));
  }

  // Closes the connection if it is waiting for a request; called on shutdown.
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

 private:
  void read() {
    idle_ = true;
    parser_.emplace();
    // The target decides the body limit (on_header); Beast checks a Content-Length against the
    // limit as it finishes the header, so until then the largest one applies.
    parser_->body_limit(std::max(options_.body_limit, options_.import_body_limit));
    parser_->header_limit(16 * 1024);
    stream_.expires_after(options_.timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read(ec, 0);
    idle_ = false;
    const std::string_view target = parser_->get().target();
    const std::string_view path = target.substr(0, target.find('?'));
    const bool upload = path == "/api/imports" || path.starts_with("/api/imports/");
    const std::uint64_t limit = upload ? options_.import_body_limit : options_.body_limit;
    if (auto length = parser_->content_length(); length && *length > limit)
      return on_read(bhttp::error::body_limit, 0);
    parser_->body_limit(limit);  // what a chunked body may still add up to
    if (upload) stream_.expires_after(options_.import_timeout);
    if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      // curl asks before it sends a large upload; answer rather than make it wait a second.
      auto go_on =
          std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      bhttp::async_write(stream_, *go_on,
                         [self = shared_from_this(), go_on](beast::error_code wec, std::size_t) {
                           if (wec) return self->finish();
                           self->read_body();
                         });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    idle_ = false;
    if (ec == bhttp::error::body_limit) {
      Request req;
      req.headers["accept-language"] = std::string(parser_->get()[bhttp::field::accept_language]);
      linger_ = true;  // the client is still sending the body we refused
      send(error_response(Error::of(ErrorCode::payload_too_large), req), false);
      return;
    }
    if (ec) return finish();
    auto& in = parser_->get();
    Request req = to_request(in, ip_);
    Response res = app_.handle(req);
    const bool keep_alive = in.keep_alive() && !registry_.stopping.load();
    send(std::move(res), keep_alive, req.method == "HEAD");
  }

  void send(Response res, bool keep_alive, bool head = false) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(res.status), 11);
    msg->set(bhttp::field::server, "fupan");
    if (!res.content_type.empty()) msg->set(bhttp::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers) msg->insert(name, value);
    msg->keep_alive(keep_alive);
    if (head) {
      msg->content_length(res.body.size());
    } else {
      msg->body() = std::move(res.body);
      msg->prepare_payload();
    }
    stream_.expires_after(options_.timeout);
    bhttp::async_write(
        stream_, *msg,
        [self = shared_from_this(), msg, keep_alive](beast::error_code ec, std::size_t) {
          if (!ec && self->linger_) return self->drain();
          if (ec || !keep_alive) return self->finish();
          self->read();
        });
  }

  // After answering a request whose body was not read, half-closes and reads what the client still
  // sends (up to kLingerBytes, for kLingerTime) before closing: closing with unread input resets
  // the connection, and the client would lose the answer.
  void drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTime);
    drain_more();
  }
  void drain_more() {
    stream_.async_read_some(asio::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kLingerBytes) return self->finish();
                              self->drain_more();
                            });
  }

  void finish() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    app_.metrics().connection_closed();
    std::lock_guard lock(registry_.mu);
    registry_.sessions.erase(shared_from_this());
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  App& app_;
  const ServerOptions& options_;
  Registry& registry_;
  std::string ip_;
  bool idle_ = true;
  bool linger_ = false;      // drain the input before closing
  std::size_t drained_ = 0;  // bytes discarded while lingering
  std::array<char, 16384> discard_{};
  static constexpr std::size_t kLingerBytes = 64u << 20;
  static constexpr std::chrono::seconds kLingerTime{5};
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::endpoint endpoint, App& app, const ServerOptions& options,
           Registry& registry)
      : ioc_(ioc),
        acceptor_(asio::make_strand(ioc)),
        app_(app),
        options_(options),
        registry_(registry) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }
  void stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      auto session = std::make_shared<Session>(std::move(socket), app_, options_, registry_);
      {
        std::lock_guard lock(registry_.mu);
        registry_.sessions.insert(session);
      }
      session->start();
    }
    accept();
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  App& app_;
  const ServerOptions& options_;
  Registry& registry_;
};

}  // namespace

int run_server(App& app, const ServerOptions& options,
               const std::function<void(unsigned short)>& on_listening) {
  const int threads = std::max(1, options.threads);
  asio::io_context ioc(threads);
  Registry registry;
  auto address = asio::ip::make_address(options.host);
  auto listener =
      std::make_shared<Listener>(ioc, tcp::endpoint{address, options.port}, app, options, registry);
  listener->accept();
  if (on_listening) on_listening(listener->port());

  asio::steady_timer drain_deadline(ioc);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("{{\"event\":\"shutdown\",\"signal\":{}}}", signal);
    registry.stopping = true;
    listener->stop();
    {
      std::lock_guard lock(registry.mu);
      for (const auto& s : registry.sessions) s->close_if_idle();
    }
    drain_deadline.expires_after(options.drain_limit);
    drain_deadline.async_wait([&](const beast::error_code& timer_ec) {
      if (!timer_ec) ioc.stop();
    });
  });

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  // When the last session ends after a signal, nothing but the deadline timer is left: cancel it.
  std::thread watcher([&] {
    while (!ioc.stopped()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (registry.stopping.load()) {
        std::lock_guard lock(registry.mu);
        if (registry.sessions.empty()) {
          asio::post(ioc, [&] { drain_deadline.cancel(); });
          break;
        }
      }
    }
  });
  ioc.run();
  for (auto& t : pool) t.join();
  watcher.join();
  spdlog::info(R"({"event":"stopped"})");  // no arguments: not a format string
  return 0;
}

}  // namespace fupan::http
