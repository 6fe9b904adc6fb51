#include "domain/reviews/library_search.h"

#include <cctype>
#include <string>

namespace fupan::reviews {
namespace {

constexpr std::string_view kFullWidthSpace = "\xE3\x80\x80";  // U+3000

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `query` lowered, its full-width spaces made plain ones.
std::string normalised(std::string_view query) {
  std::string q = lower(query);
  for (std::size_t at = q.find(kFullWidthSpace); at != std::string::npos;
       at = q.find(kFullWidthSpace, at)) {
    q.replace(at, kFullWidthSpace.size(), " ");
  }
  return q;
}

}  // namespace

bool matches_words(std::string_view text, std::string_view query) {
  const std::string hay = lower(text);
  const std::string q = normalised(query);
  std::size_t at = 0;
  while (at < q.size()) {
    const std::size_t end = std::min(q.find(' ', at), q.size());
    if (end > at && hay.find(q.substr(at, end - at)) == std::string::npos) return false;
    at = end + 1;
  }
  return true;
}

bool lesson_matches(const Card& card, std::string_view review_title, std::string_view query) {
  return matches_words(card.text + "\n" + card.why + "\n" + std::string(review_title), query);
}

}  // namespace fupan::reviews
