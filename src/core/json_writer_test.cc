#include "core/json_writer.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(JsonWriter, WritesNestedValuesWithCommas) {
  JsonWriter w;
  w.begin_object();
  w.field("id", std::int64_t{7});
  w.field("name", "上海\"一部\"\n");
  w.key("roles").begin_array();
  w.value("rep");
  w.value("manager");
  w.end_array();
  w.key("region_id").null();
  w.field("active", true);
  w.key("teams").begin_array();
  w.begin_object();
  w.field("role", "leader");
  w.end_object();
  w.end_array();
  w.key("raw").raw("{\"a\":1}");
  w.field("ctl", std::string_view("\x01", 1));
  w.end_object();
  EXPECT_EQ(
      w.str(),
      "{\"id\":7,\"name\":\"上海\\\"一部\\\"\\n\",\"roles\":[\"rep\",\"manager\"],\"region_id\":"
      "null,"
      "\"active\":true,\"teams\":[{\"role\":\"leader\"}],\"raw\":{\"a\":1},\"ctl\":\"\\u0001\"}");
}

}  // namespace
}  // namespace fupan
