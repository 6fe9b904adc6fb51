#include "engine/index_file.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstring>

#include "engine/archive.h"

namespace fupan::engine {
namespace {

constexpr std::array<char, 8> kMagic = {'F', 'U', 'P', 'A', 'N', 'I', 'D', 'X'};
constexpr std::array<char, 8> kEnd = {'F', 'U', 'P', 'A', 'N', 'E', 'N', 'D'};
// Raise when the index's fields change meaning; a change of size is caught by kLayout.
constexpr std::uint32_t kFormat = 1;
// The sizes of the rows written as bytes: a build with other rows refuses the file.
constexpr std::array<std::uint32_t, 9> kLayout = {
    sizeof(CustomerFact), sizeof(OrderFact),       sizeof(LineFact),
    sizeof(PaymentFact),  sizeof(OpportunityFact), sizeof(HistoryStep),
    sizeof(ActivityFact), sizeof(CostFact),        sizeof(DayLists::Entry)};

// This program's executable, by size and time: a file another build wrote is not read, whatever
// changed in the index's rows or their meaning.
std::string this_program() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const auto size = std::filesystem::file_size(exe, ec);
  if (ec) return "";
  const auto time = std::filesystem::last_write_time(exe, ec);
  if (ec) return "";
  return exe.string() + " " + std::to_string(size) + " " +
         std::to_string(time.time_since_epoch().count());
}

// The file's first bytes: a file of another format may not even have the rest.
struct Version {
  std::array<char, 8> magic = kMagic;
  std::uint32_t format = kFormat;
  std::array<std::uint32_t, 9> layout = kLayout;
  friend bool operator==(const Version&, const Version&) = default;
};

// What a file must agree with before its index is read.
struct Header {
  std::string program = this_program();
  std::int64_t org = 0;
  std::string timezone;
  std::int32_t fiscal_start_month = 1;
  StoreMark mark;

  template <class A>
  void io(A& a) {
    a(program);
    a(org);
    a(timezone);
    a(fiscal_start_month);
    a(mark);
  }
};

struct File {
  explicit File(std::FILE* f) : f(f) {}
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() {
    if (f) std::fclose(f);
  }
  std::FILE* f;
};

}  // namespace

template <class A>
void OrgIndex::io(A& a) {
  a(dense_user_slots_);
  a(user_slots_);
  a(user_ids_);
  a(industries_);
  a(channels_);
  a(tiers_);
  for (SlotIndex* ids : {&customer_ids_, &order_ids_, &payment_ids_, &opportunity_ids_,
                         &activity_ids_, &cost_ids_}) {
    a(*ids);
  }
  a(customers_);
  a(orders_);
  a(lines_);
  a(payments_);
  a(opportunities_);
  a(steps_);
  a(activities_);
  a(costs_);
  for (DayLists* l : {&user_orders_, &user_payments_, &user_customers_, &user_opps_created_,
                      &user_opps_closed_}) {
    a(*l);
  }
  a(stages_);
  a(pipeline_stages_);
  a(default_pipeline_);
  a(rollup_);
}

std::filesystem::path index_file_path(const std::filesystem::path& dir, OrgId org) {
  return dir / ("org-" + std::to_string(org.value) + ".index");
}

void write_index_file(const std::filesystem::path& path, const OrgIndex& index,
                      const StoreMark& mark) {
  std::filesystem::create_directories(path.parent_path());
  const std::filesystem::path part = path.string() + ".part";
  {
    File file(std::fopen(part.c_str(), "wb"));
    if (!file.f) throw ArchiveError("cannot create " + part.string());
    std::setvbuf(file.f, nullptr, _IOFBF, 1 << 22);
    ArchiveWriter a(file.f);
    Header h;
    h.org = index.org().value;
    h.timezone = index.settings().timezone;
    h.fiscal_start_month = index.settings().fiscal_start_month;
    h.mark = mark;
    a(Version{});
    a(h);
    a(index);
    a(kEnd);
    const std::uint64_t sum = a.checksum();
    if (std::fwrite(&sum, sizeof sum, 1, file.f) != 1 || std::fflush(file.f) != 0 ||
        ::fsync(::fileno(file.f)) != 0) {
      throw ArchiveError("cannot write " + part.string());
    }
  }
  std::filesystem::rename(part, path);
}

IndexFile read_index_file(const std::filesystem::path& path, OrgId org,
                          const MetricSettings& settings, std::string& why) {
  IndexFile out;
  File file(std::fopen(path.c_str(), "rb"));
  if (!file.f) {
    why = "no index file";
    return out;
  }
  std::setvbuf(file.f, nullptr, _IOFBF, 1 << 22);
  ArchiveReader a(file.f);
  try {
    Version version{};
    a(version);
    if (version != Version{}) {
      why = "the index file is of another version";
      return out;
    }
    Header h;
    a(h);
    if (h.program != this_program()) {
      why = "the index file was written by another build of fupan";
      return out;
    }
    if (h.org != org.value) {
      why = "the index file is of another org";
      return out;
    }
    if (h.timezone != settings.timezone || h.fiscal_start_month != settings.fiscal_start_month) {
      why = "the org's time zone or fiscal year changed";
      return out;
    }
    auto index = std::make_unique<OrgIndex>(org, settings);
    a(*index);
    std::array<char, 8> end{};
    a(end);
    const std::uint64_t expected = a.checksum();
    std::uint64_t sum = 0;
    if (end != kEnd || std::fread(&sum, sizeof sum, 1, file.f) != 1 || sum != expected ||
        std::fgetc(file.f) != EOF) {
      why = "the index file is damaged";
      return out;
    }
    out.index = std::move(index);
    out.mark = h.mark;
  } catch (const std::exception& e) {  // a damaged file may ask for absurd sizes, too
    why = e.what();
  }
  return out;
}

template void OrgIndex::io(ArchiveWriter&);
template void OrgIndex::io(ArchiveReader&);

}  // namespace fupan::engine
