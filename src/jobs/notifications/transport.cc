#include "jobs/notifications/transport.h"

#include <curl/curl.h>

#include <boost/json/parse.hpp>
#include <cstring>
#include <mutex>

namespace fupan::jobs {
namespace {

constexpr long kTimeoutSeconds = 10;

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() < 4096) body->append(data, size * n);
  return size * n;
}

struct Upload {
  const std::string& text;
  std::size_t at = 0;
};

std::size_t feed(char* buffer, std::size_t size, std::size_t n, void* in) {
  auto* up = static_cast<Upload*>(in);
  const std::size_t len = std::min(size * n, up->text.size() - up->at);
  std::memcpy(buffer, up->text.data() + up->at, len);
  up->at += len;
  return len;
}

// A robot's refusal inside a 200 answer: {"errcode": 310000, "errmsg": "…"} or {"code": 19021}.
std::string refusal(const std::string& body) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return "";
  for (const char* key : {"errcode", "code", "StatusCode"}) {
    const auto* c = v.as_object().if_contains(key);
    if (c && c->is_int64() && c->as_int64() != 0) return "refused: " + body.substr(0, 300);
  }
  return "";
}

}  // namespace

std::string post_http(const notifications::HttpPost& p, bool robot) {
  init_once();
  CURL* curl = curl_easy_init();
  if (!curl) return "curl could not start";
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : p.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  std::string answer;
  curl_easy_setopt(curl, CURLOPT_URL, p.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, p.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(p.body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return curl_easy_strerror(rc);
  if (status < 200 || status >= 300) {
    return "HTTP " + std::to_string(status) + ": " + answer.substr(0, 300);
  }
  return robot ? refusal(answer) : "";
}

std::string send_smtp(const std::string& url, const std::string& from, const std::string& to,
                      const std::string& message, const std::string& password) {
  init_once();
  CURL* curl = curl_easy_init();
  if (!curl) return "curl could not start";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  Upload up{message};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + from + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, feed);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!password.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, from.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password.c_str());
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK ? "" : curl_easy_strerror(rc);
}

}  // namespace fupan::jobs
