#include "domain/pipeline.h"

#include <algorithm>
#include <set>

#include "domain/org_validation.h"

namespace fupan {

namespace {

constexpr std::size_t kMaxNameChars = 32;

Error stages_error(Detail detail) {
  return Error::invalid("stages", std::move(detail));
}

}  // namespace

std::optional<StageKind> parse_stage_kind(std::string_view text) {
  if (text == "open") return StageKind::open;
  if (text == "won") return StageKind::won;
  if (text == "lost") return StageKind::lost;
  return std::nullopt;
}

std::string_view stage_kind_name(StageKind kind) {
  switch (kind) {
    case StageKind::open:
      return "open";
    case StageKind::won:
      return "won";
    case StageKind::lost:
      return "lost";
  }
  return "open";
}

std::vector<StageDef> default_stages() {
  return {
      {0, "初步接触", 1, 10, StageKind::open}, {0, "需求确认", 2, 30, StageKind::open},
      {0, "方案报价", 3, 60, StageKind::open}, {0, "谈判", 4, 80, StageKind::open},
      {0, "赢单", 5, 100, StageKind::won},     {0, "输单", 6, 0, StageKind::lost},
  };
}

Status validate_stages(std::span<const StageDef> stages) {
  std::set<std::string_view> names;
  std::set<int> positions;
  int open = 0, won = 0, lost = 0;
  for (const StageDef& s : stages) {
    const std::size_t chars = utf8_length(s.name);
    if (chars == std::string_view::npos) return stages_error(detail::stage_name_utf8);
    if (s.name.find_first_not_of(" \t") == std::string::npos)
      return stages_error(detail::stage_name_blank);
    if (chars > kMaxNameChars) return stages_error(detail::stage_name_too_long(s.name));
    if (!names.insert(s.name).second) return stages_error(detail::stage_name_twice(s.name));
    if (!positions.insert(s.position).second)
      return stages_error(detail::stage_position_twice(static_cast<std::int64_t>(s.position)));
    if (s.probability < 0 || s.probability > 100)
      return stages_error(detail::stage_probability(s.name));
    switch (s.kind) {
      case StageKind::open:
        ++open;
        break;
      case StageKind::won:
        ++won;
        if (s.probability != 100) return stages_error(detail::won_probability(s.name));
        break;
      case StageKind::lost:
        ++lost;
        if (s.probability != 0) return stages_error(detail::lost_probability(s.name));
        break;
    }
  }
  if (open == 0) return stages_error(detail::open_stage_required);
  if (won != 1) return stages_error(detail::one_won_stage);
  if (lost == 0) return stages_error(detail::lost_stage_required);

  std::vector<const StageDef*> open_stages;
  for (const StageDef& s : stages)
    if (s.kind == StageKind::open) open_stages.push_back(&s);
  std::sort(open_stages.begin(), open_stages.end(),
            [](const StageDef* a, const StageDef* b) { return a->position < b->position; });
  for (std::size_t i = 1; i < open_stages.size(); ++i) {
    if (open_stages[i]->probability < open_stages[i - 1]->probability) {
      return stages_error(
          detail::probability_order(open_stages[i]->name, open_stages[i - 1]->name));
    }
  }
  return {};
}

}  // namespace fupan
