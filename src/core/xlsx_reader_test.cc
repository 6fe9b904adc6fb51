#include "core/xlsx_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace fupan {
namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;
using Table = std::vector<std::vector<std::string>>;

// Returns a zip archive of `parts` (name, content), built in memory.
std::string make_zip(const Parts& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    const zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE);
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
  }
  zip_close(zip);
  std::string out;
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  out.resize(static_cast<std::size_t>(zip_source_tell(buffer)));
  zip_source_seek(buffer, 0, SEEK_SET);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string sheet_xml(std::string_view rows) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" +
         std::string(kMain) + "\"><sheetData>" + std::string(rows) + "</sheetData></worksheet>";
}

// Returns an .xlsx whose first sheet holds `rows`, with optional shared strings and styles.
std::string xlsx(std::string_view rows, std::string_view shared = {}, std::string_view styles = {},
                 std::string_view workbook_pr = {}) {
  const std::string r(kRel);
  Parts parts{
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           r + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml",
       "<workbook xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" + r + "\">" +
           std::string(workbook_pr) +
           "<sheets><sheet name=\"图表\" sheetId=\"2\" r:id=\"rId9\"/>"
           "<sheet name=\"客户\" sheetId=\"1\" r:id=\"rId1\"/>"
           "<sheet name=\"其他\" sheetId=\"3\" r:id=\"rId2\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId9\" Type=\"" +
           r + "/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>" +
           "<Relationship Id=\"rId1\" Type=\"" + r +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" + "<Relationship Id=\"rId2\" Type=\"" +
           r + "/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>" +
           "<Relationship Id=\"rId3\" Type=\"" + r +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/>" + "<Relationship Id=\"rId4\" Type=\"" +
           r + "/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet_xml(rows)},
      {"xl/worksheets/sheet2.xml", sheet_xml("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>")},
  };
  if (!shared.empty()) {
    parts.emplace_back("xl/sharedStrings.xml", "<sst xmlns=\"" + std::string(kMain) + "\">" +
                                                   std::string(shared) + "</sst>");
  }
  if (!styles.empty()) {
    parts.emplace_back("xl/styles.xml", "<styleSheet xmlns=\"" + std::string(kMain) + "\">" +
                                            std::string(styles) + "</styleSheet>");
  }
  return make_zip(parts);
}

Table fields(const Result<std::vector<CsvRow>>& rows) {
  EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : english(rows.error().detail));
  Table out;
  if (rows.ok()) {
    for (const auto& row : rows.value()) out.push_back(row.fields);
  }
  return out;
}

std::string error_of(const Result<std::vector<CsvRow>>& rows) {
  EXPECT_FALSE(rows.ok());
  if (rows.ok()) return {};
  EXPECT_EQ(rows.error().code, ErrorCode::invalid_field);
  EXPECT_EQ(rows.error().field, "file");
  return english(rows.error().detail);
}

TEST(XlsxReader, ReadsTheFirstWorksheetWithItsStrings) {
  const std::string shared =
      "<si><t>客户名称</t></si>"
      "<si><r><rPr><b/></rPr><t>上海</t></r><r><t xml:space=\"preserve\"> 复盘</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>fu</t></rPh></si>"
      "<si><t xml:space=\"preserve\">  </t></si>"
      "<si><t>a_x000D__x000A_b_x005F_x0041_</t></si>";
  const auto rows = read_xlsx(
      xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" "
           "t=\"inlineStr\"><is><t>行业</t></is>"
           "</c><c r=\"D1\" t=\"s\"/><c r=\"E1\"/></row>"
           "<row r=\"2\"/>"
           "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\"><v>1234.5</v></c>"
           "<c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\" t=\"b\"><v>0</v></c>"
           "<c r=\"E3\" t=\"str\"><f>A1</f><v>=x</v></c><c r=\"F3\" t=\"e\"><v>#N/A</v></c></row>"
           "<row r=\"5\"><c r=\"B5\" t=\"s\"><v>2</v></c><c r=\"C5\" t=\"s\"><v>3</v></c>"
           "<c r=\"AA5\"><v>-1E-3</v></c></row>"
           "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t></t></is></c><c r=\"B6\"><f>1+1</f></c>"
           "</row>",
           shared));
  const auto table = fields(rows);
  std::vector<std::string> wide(27);
  wide[1] = "  ";
  wide[2] = "a\r\nb_x0041_";
  wide[26] = "-1E-3";
  EXPECT_EQ(table, (Table{{"客户名称", "", "行业"},
                          {"上海 复盘", "1234.5", "TRUE", "FALSE", "=x", "#N/A"},
                          wide}));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ(rows.value()[0].line, 1u);
  EXPECT_EQ(rows.value()[1].line, 3u);
  EXPECT_EQ(rows.value()[2].line, 5u);
}

TEST(XlsxReader, CellsAndRowsWithoutReferencesFollowTheirNeighbours) {
  const auto rows = read_xlsx(
      xlsx("<row r=\"4\"><c r=\"B4\"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>"));
  EXPECT_EQ(fields(rows), (Table{{"", "1", "2"}, {"3"}}));
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows.value()[1].line, 5u);
}

TEST(XlsxReader, PrefixedNamespacesAreRead) {
  const std::string r(kRel);
  const std::string bytes = make_zip({
      {"xl/workbook.xml", "<x:workbook xmlns:x=\"" + std::string(kMain) + "\" xmlns:r=\"" + r +
                              "\"><x:sheets><x:sheet name=\"S\" sheetId=\"1\" r:id=\"a\"/>"
                              "</x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"a\" Type=\"" +
           r + "/worksheet\" Target=\"./sheets/../worksheets/data.xml\"/></Relationships>"},
      {"xl/worksheets/data.xml",
       "<x:worksheet xmlns:x=\"" + std::string(kMain) +
           "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>甲</x:t>"
           "</x:is></x:c></x:row></x:sheetData></x:worksheet>"},
  });
  EXPECT_EQ(fields(read_xlsx(bytes)), (Table{{"甲"}}));
}

TEST(XlsxReader, DateStyledNumbersBecomeDates) {
  const std::string styles =
      "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月"
      "&quot;d&quot;日&quot;\"/><numFmt numFmtId=\"165\" "
      "formatCode=\"#,##0.00_);[Red]\\(#,##0.00\\)\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[$-804]yyyy/m/d\\ h:mm;@\"/></numFmts>"
      "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/>"
      "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"20\"/><xf numFmtId=\"166\"/>"
      "</cellXfs>";
  auto cell = [&](std::string_view value, int style) {
    const std::string row = "<row r=\"1\"><c r=\"A1\" s=\"" + std::to_string(style) + "\"><v>" +
                            std::string(value) + "</v></c></row>";
    const auto table = fields(read_xlsx(xlsx(row, {}, styles)));
    return table.empty() || table[0].empty() ? std::string("?") : table[0][0];
  };
  EXPECT_EQ(cell("45292", 0), "45292");
  EXPECT_EQ(cell("45292", 1), "2024-01-01");
  EXPECT_EQ(cell("45292.75", 1), "2024-01-01");
  EXPECT_EQ(cell("45292.5", 2), "2024-01-01 12:00:00");
  EXPECT_EQ(cell("45658", 3), "2025-01-01");
  EXPECT_EQ(cell("45658", 4), "45658");
  EXPECT_EQ(cell("0.75", 5), "18:00:00");
  EXPECT_EQ(cell("45292.0416666667", 6), "2024-01-01 01:00:00");
  EXPECT_EQ(cell("1", 1), "1900-01-01");
  EXPECT_EQ(cell("59", 1), "1900-02-28");
  EXPECT_EQ(cell("61", 1), "1900-03-01");
  EXPECT_EQ(cell("2958465", 1), "9999-12-31");
  EXPECT_EQ(cell("2958466", 1), "2958466");  // past Excel's last day: left as stored
  EXPECT_EQ(cell("-1", 1), "-1");
  EXPECT_EQ(cell("abc", 1), "abc");
  EXPECT_EQ(cell("45292", 99), "45292");  // no such style

  const auto in_1904 = read_xlsx(xlsx(
      "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43830</v></c></row>", {},
      styles, "<workbookPr date1904=\"1\"/>"));
  EXPECT_EQ(fields(in_1904), (Table{{"1904-01-01", "2024-01-01"}}));
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  EXPECT_EQ(error_of(read_xlsx("")), "not an .xlsx file");
  EXPECT_EQ(error_of(read_xlsx("客户名称,行业\n")), "not an .xlsx file");
  EXPECT_EQ(error_of(read_xlsx(make_zip({{"word/document.xml", "<w/>"}}))),
            "not an .xlsx file (no workbook)");
  EXPECT_EQ(error_of(read_xlsx(make_zip({{"xl/workbook.xml", "<document/>"}}))),
            "not an .xlsx file");
  EXPECT_EQ(error_of(read_xlsx(make_zip({{"xl/workbook.xml", "<workbook><sheets>"}}))),
            "the workbook is not valid XML");
  EXPECT_EQ(error_of(read_xlsx(make_zip({{"xl/workbook.xml", "<workbook/>"}}))),
            "the workbook has no worksheet");
  const std::string good = xlsx("<row><c><v>1</v></c></row>");
  EXPECT_EQ(error_of(read_xlsx(good.substr(0, good.size() / 2))), "not an .xlsx file");
}

TEST(XlsxReader, RefusesDamagedSheets) {
  EXPECT_EQ(error_of(read_xlsx(xlsx("<row><c><v>1</v></row>"))), "the worksheet is not valid XML");
  EXPECT_EQ(error_of(read_xlsx(xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))),
            "row 1: a cell refers to a shared string that does not exist");
  EXPECT_EQ(error_of(read_xlsx(
                xlsx("<row r=\"2\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>", "<si><t>x</t></si>"))),
            "row 2: a cell refers to a shared string that does not exist");
  EXPECT_EQ(error_of(read_xlsx(xlsx("<row r=\"3\"><c r=\"1A\"><v>1</v></c></row>"))),
            "row 3: a cell has a bad reference");
  EXPECT_EQ(error_of(read_xlsx(xlsx("<row r=\"3\"><c r=\"XFE3\"><v>1</v></c></row>"))),
            "row 3: a cell has a bad reference");
  EXPECT_EQ(error_of(read_xlsx(xlsx("<row r=\"0\"/>"))), "row number 0 is out of range");
  EXPECT_EQ(error_of(read_xlsx(xlsx("<row r=\"-5\"/>"))), "row number -5 is out of range");
  // Column XFD is the last one; a cell after it has nowhere to go.
  EXPECT_EQ(error_of(read_xlsx(xlsx("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c>"
                                    "</row>"))),
            "row 1: more than 16384 columns");
}

TEST(XlsxReader, RefusesSheetsTooLargeToImport) {
  std::string rows;
  for (int i = 0; i < 2'000'001; ++i) rows += "<row/>";
  EXPECT_EQ(error_of(read_xlsx(xlsx(rows))), "the sheet has more than 2000000 rows");

  // One cell in the last column of each row would be 16,384 fields a row from a few bytes.
  std::string sparse;
  for (int i = 1; i <= 200; ++i) sparse += "<row><c r=\"XFD1\"><v>1</v></c></row>";
  EXPECT_EQ(error_of(read_xlsx(xlsx(sparse))),
            "the sheet has too many empty cells between its values");
}

TEST(XlsxReader, RefusesAZipBomb) {
  // 513 MiB of spaces pack into about half a megabyte.
  std::string padding(std::size_t{513} << 20, ' ');
  const std::string bytes = make_zip({
      {"xl/workbook.xml",
       "<workbook xmlns:r=\"r\"><sheets><sheet r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
       "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", padding},
  });
  padding = {};
  EXPECT_LT(bytes.size(), std::size_t{4} << 20);
  EXPECT_EQ(error_of(read_xlsx(bytes)), "the worksheet unpacks to more than 512 MiB");
}

}  // namespace
}  // namespace fupan
