// Quadrant analysis 象限分析 (SPEC §5): scopes placed by sales against growth, split at the
// medians (or at given lines, e.g. targets) into four quadrants, each with the suggested action.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fupan {

enum class Quadrant { high_high, high_low, low_high, low_low };  // (sales, growth)

struct QuadrantPoint {
  std::string key, label;
  double sales = 0;
  std::optional<double> growth;  // null when the previous period had no sales
  std::optional<Quadrant> quadrant;
  std::vector<std::string> includes;  // keys of other points whose figures this one holds too
};

struct QuadrantSplit {
  double sales = 0, growth = 0;  // the lines: a point on a line counts as high
};

// Returns the median of the values (the mean of the middle two for an even count); 0 for none.
double median(std::vector<double> values);

// Splits at the medians of the points that have a growth; points without one get no quadrant.
QuadrantSplit median_split(const std::vector<QuadrantPoint>& points);

// Sets each point's quadrant against `split`.
void classify(std::vector<QuadrantPoint>& points, const QuadrantSplit& split);

std::string_view quadrant_name(Quadrant q);  // "high_high", …
// The suggested action, in Chinese or English.
std::string_view quadrant_action(Quadrant q, bool english);

}  // namespace fupan
