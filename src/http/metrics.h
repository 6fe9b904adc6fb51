// Prometheus counters for /metrics: requests by route and status class, and a latency histogram.
// Routes are registered up front so counting a request takes no lock.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

namespace fupan::http {

class Metrics {
 public:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   2.5};

  // Adds a route label; call before serving.
  void register_route(const std::string& label);
  // Counts one request on `label` (unknown labels count as "other").
  void observe(const std::string& label, int status, std::chrono::nanoseconds elapsed);
  void connection_opened() {
    ++connections_total_;
    ++connections_open_;
  }
  void connection_closed() { --connections_open_; }

  // Returns the exposition text; `extra` appends gauges owned by others.
  std::string render(const std::function<void(std::string&)>& extra) const;

 private:
  struct RouteStats {
    std::array<std::atomic<std::uint64_t>, 6> by_class{};  // 1xx..5xx at [1..5]
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> sum_us{0};
  };
  std::unordered_map<std::string, std::unique_ptr<RouteStats>> routes_;  // fixed after start-up
  std::atomic<std::uint64_t> connections_total_{0};
  std::atomic<std::int64_t> connections_open_{0};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace fupan::http
