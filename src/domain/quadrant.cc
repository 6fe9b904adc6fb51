#include "domain/quadrant.h"

#include <algorithm>

namespace fupan {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

QuadrantSplit median_split(const std::vector<QuadrantPoint>& points) {
  std::vector<double> sales, growth;
  for (const QuadrantPoint& p : points) {
    if (!p.growth) continue;
    sales.push_back(p.sales);
    growth.push_back(*p.growth);
  }
  return {median(sales), median(growth)};
}

void classify(std::vector<QuadrantPoint>& points, const QuadrantSplit& split) {
  for (QuadrantPoint& p : points) {
    if (!p.growth) {
      p.quadrant.reset();
      continue;
    }
    const bool high_sales = p.sales >= split.sales;
    const bool high_growth = *p.growth >= split.growth;
    p.quadrant = high_sales ? (high_growth ? Quadrant::high_high : Quadrant::high_low)
                            : (high_growth ? Quadrant::low_high : Quadrant::low_low);
  }
}

std::string_view quadrant_name(Quadrant q) {
  switch (q) {
    case Quadrant::high_high:
      return "high_high";
    case Quadrant::high_low:
      return "high_low";
    case Quadrant::low_high:
      return "low_high";
    case Quadrant::low_low:
      return "low_low";
  }
  return "";
}

std::string_view quadrant_action(Quadrant q, bool english) {
  switch (q) {
    case Quadrant::high_high:
      return english ? "Stars: keep investing, share what works" : "明星：保持投入，复制成功经验";
    case Quadrant::high_low:
      return english ? "Cash cows: find new growth (new customers, upsell)"
                     : "现金牛：挖掘增长点（新客户、交叉销售）";
    case Quadrant::low_high:
      return english ? "Rising: back them with leads and resources" : "潜力股：加大线索与资源支持";
    case Quadrant::low_low:
      return english ? "Needs attention: coach closely, review the pipeline"
                     : "待改进：重点辅导，复盘商机与行动量";
  }
  return "";
}

}  // namespace fupan
