// Server-side paging, sorting and search for lists.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace fupan::service {

struct PageRequest {
  std::int64_t page = 1;        // from 1
  std::int64_t page_size = 50;  // 1..500
  std::string q;                // search text, empty for all
  std::string sort;             // "field" or "-field", empty for the default order
};

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
  std::int64_t page = 1;
  std::int64_t page_size = 50;
};

// Returns the slice of `all` that `req` asks for.
template <class T>
Page<T> slice(std::vector<T> all, const PageRequest& req) {
  Page<T> out;
  out.total = static_cast<std::int64_t>(all.size());
  out.page = req.page;
  out.page_size = req.page_size;
  const std::int64_t begin = std::min<std::int64_t>((req.page - 1) * req.page_size, out.total);
  const std::int64_t end = std::min<std::int64_t>(begin + req.page_size, out.total);
  out.items.assign(std::make_move_iterator(all.begin() + begin),
                   std::make_move_iterator(all.begin() + end));
  return out;
}

// Returns true iff `haystack` contains `needle`, ignoring ASCII case (Chinese matches byte-wise).
bool contains_text(const std::string& haystack, const std::string& needle);

}  // namespace fupan::service
