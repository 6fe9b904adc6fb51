// The server's own request and response: plain values, so business code never sees Beast.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fupan::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query
  std::multimap<std::string, std::string> query;
  std::unordered_map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_ip;
  std::unordered_map<std::string, std::string> params;  // filled by the router from {name} segments

  // Returns the header `lower_name`, or "".
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  // Returns the first value of query parameter `name`, or nullptr.
  const std::string* query_param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? nullptr : &it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  void add_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace fupan::http
