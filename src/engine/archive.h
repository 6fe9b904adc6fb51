// A binary archive for the analytics index file (engine/index_file.h): one function per type lists
// its fields once, `a(field)`, and the same function writes them (ArchiveWriter) or reads them
// back (ArchiveReader). Plain rows go as their bytes, so ten million activities are one write.
// Only for a file this program wrote on this machine: the layout is the compiler's.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace fupan::engine {

struct ArchiveError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A checksum of everything an archive wrote or read, so a file changed on disk is refused: four
// multiply-xor lanes over 8-byte words (about 10 GB/s), each write's length mixed in.
class ArchiveChecksum {
 public:
  void add(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    lanes_[0] = (lanes_[0] ^ n) * kPrime;
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
      for (int l = 0; l < 4; ++l) lanes_[l] = (lanes_[l] ^ word(b + i + 8 * l)) * kPrime;
    }
    for (; i + 8 <= n; i += 8) lanes_[1] = (lanes_[1] ^ word(b + i)) * kPrime;
    for (; i < n; ++i) lanes_[2] = (lanes_[2] ^ b[i]) * kPrime;
  }
  std::uint64_t value() const {
    std::uint64_t h = 0;
    for (std::uint64_t l : lanes_) h = (h ^ l ^ (l >> 31)) * kPrime;
    return h;
  }

 private:
  static constexpr std::uint64_t kPrime = 0x9E3779B97F4A7C15ULL;  // odd: every bit counts
  static std::uint64_t word(const unsigned char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }
  std::uint64_t lanes_[4] = {0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL,
                             0x27D4EB2F165667C5ULL};
};

class ArchiveWriter {
 public:
  static constexpr bool reading = false;
  explicit ArchiveWriter(std::FILE* f) : f_(f) {}

  template <class T>
  void operator()(const T& v) {
    if constexpr (requires(T & t) { t.io(*this); }) {
      const_cast<T&>(v).io(*this);  // io() only hands the fields to this writer, which reads them
    } else if constexpr (std::is_trivially_copyable_v<T>) {
      bytes(&v, sizeof v);
    } else {
      write_container(v);
    }
  }
  // The checksum of everything written so far.
  std::uint64_t checksum() const { return sum_.value(); }

 private:
  template <class T>
  void write_container(const std::vector<T>& v) {
    size(v.size());
    if constexpr (std::is_trivially_copyable_v<T>) {
      bytes(v.data(), v.size() * sizeof(T));
    } else {
      for (const T& e : v) (*this)(e);
    }
  }
  void write_container(const std::string& s) {
    size(s.size());
    bytes(s.data(), s.size());
  }
  template <class K, class V>
  void write_container(const std::unordered_map<K, V>& m) {
    size(m.size());
    for (const auto& [k, v] : m) {
      (*this)(k);
      (*this)(v);
    }
  }
  void size(std::size_t n) {
    const auto v = static_cast<std::uint64_t>(n);
    bytes(&v, sizeof v);
  }
  void bytes(const void* p, std::size_t n) {
    if (n && std::fwrite(p, 1, n, f_) != n) throw ArchiveError("cannot write the index file");
    sum_.add(p, n);
  }

  std::FILE* f_;
  ArchiveChecksum sum_;
};

class ArchiveReader {
 public:
  static constexpr bool reading = true;
  explicit ArchiveReader(std::FILE* f) : f_(f) {
    if (std::fseek(f, 0, SEEK_END) == 0) {
      file_size_ = static_cast<std::uint64_t>(std::max(0L, std::ftell(f)));
    }
    std::rewind(f);
  }

  template <class T>
  void operator()(T& v) {
    if constexpr (requires(T & t) { t.io(*this); }) {
      v.io(*this);
    } else if constexpr (std::is_trivially_copyable_v<T>) {
      bytes(&v, sizeof v);
    } else {
      read_container(v);
    }
  }
  // The checksum of everything read so far.
  std::uint64_t checksum() const { return sum_.value(); }

 private:
  template <class T>
  void read_container(std::vector<T>& v) {
    v.clear();
    v.resize(size(min_bytes<T>()));
    if constexpr (std::is_trivially_copyable_v<T>) {
      bytes(v.data(), v.size() * sizeof(T));
    } else {
      for (T& e : v) (*this)(e);
    }
  }
  void read_container(std::string& s) {
    s.resize(size(1));
    bytes(s.data(), s.size());
  }
  template <class K, class V>
  void read_container(std::unordered_map<K, V>& m) {
    m.clear();
    const std::size_t n = size(min_bytes<K>() + min_bytes<V>());
    m.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      K k{};
      (*this)(k);
      (*this)(m[k]);
    }
  }
  // The fewest bytes an element of type T takes in the file.
  template <class T>
  static constexpr std::size_t min_bytes() {
    if constexpr (requires(T & t, ArchiveReader & a) { t.io(a); }) {
      return 1;
    } else if constexpr (std::is_trivially_copyable_v<T>) {
      return sizeof(T);
    } else {
      return sizeof(std::uint64_t);  // a string, vector or map: its count
    }
  }
  // A count, refused when the file cannot hold that many elements of `element` bytes (a damaged
  // file must not make us allocate terabytes).
  std::size_t size(std::size_t element) {
    std::uint64_t n = 0;
    bytes(&n, sizeof n);
    if (n > file_size_ / std::max<std::size_t>(element, 1)) {
      throw ArchiveError("the index file is damaged");
    }
    return static_cast<std::size_t>(n);
  }
  void bytes(void* p, std::size_t n) {
    if (n && std::fread(p, 1, n, f_) != n) throw ArchiveError("the index file is cut short");
    sum_.add(p, n);
  }

  std::FILE* f_;
  std::uint64_t file_size_ = 0;
  ArchiveChecksum sum_;
};

}  // namespace fupan::engine
