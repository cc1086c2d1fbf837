#include <doctest/doctest.h>

#include <string>

#include "core/files/csv_writer.hpp"

using amanat::CsvRecord;

namespace {

std::string field(std::string_view text) {
    std::string out;
    amanat::append_csv_field(out, text);
    return out;
}

}  // namespace

TEST_CASE("csv: plain fields are written as they are") {
    CHECK(field("dombra") == "dombra");
    CHECK(field("") == "");
    CHECK(field("two words") == "two words");
    CHECK(field("'quoted'") == "'quoted'");  // apostrophes are not CSV quotes
}

TEST_CASE("csv: commas, quotes, CR and LF are quoted, inner quotes doubled") {
    CHECK(field("a,b") == "\"a,b\"");
    CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(field("\"") == "\"\"\"\"");
    CHECK(field("line one\nline two") == "\"line one\nline two\"");
    CHECK(field("cr\r") == "\"cr\r\"");
    CHECK(field("crlf\r\nend") == "\"crlf\r\nend\"");
}

TEST_CASE("csv: Kazakh and Korean text passes byte for byte, quoted only when needed") {
    CHECK(field("Қазақ") == "Қазақ");
    CHECK(field("가야금") == "가야금");
    CHECK(field("Домбыра, ою") == "\"Домбыра, ою\"");
    CHECK(field("Музей, \"Алматы\"\nзал 2") == "\"Музей, \"\"Алматы\"\"\nзал 2\"");
}

TEST_CASE("csv: a record is its fields separated by commas and ended by CRLF") {
    CsvRecord record;
    CHECK(record.text("kk").number(5).text("Домбыра, ою").text("").number(-300).finish() ==
          "kk,5,\"Домбыра, ою\",,-300\r\n");
    // The next field starts a new record.
    CHECK(record.text("가야금").finish() == "가야금\r\n");
    CHECK(record.text("").text("").finish() == ",\r\n");
    CHECK(record.finish() == "\r\n");
}

TEST_CASE("csv: text a spreadsheet would run as a formula is marked as text") {
    CHECK(amanat::looks_like_formula("=1+1"));
    CHECK(amanat::looks_like_formula("+7 701"));
    CHECK(amanat::looks_like_formula("-x"));
    CHECK(amanat::looks_like_formula("@SUM(A1)"));
    CHECK(amanat::looks_like_formula("\t=1"));
    CHECK_FALSE(amanat::looks_like_formula(""));
    CHECK_FALSE(amanat::looks_like_formula("a=b"));
    CHECK_FALSE(amanat::looks_like_formula("dombra-1"));

    CsvRecord record;
    CHECK(record.text("=HYPERLINK(\"http://x\",\"y\")").finish() ==
          "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
    CHECK(record.text("@cmd").text("-1").finish() == "'@cmd,'-1\r\n");
    // Numbers are numbers: a negative offset is not guarded.
    CHECK(record.number(-300).finish() == "-300\r\n");
}

TEST_CASE("csv: the byte order mark is UTF-8's") {
    CHECK(amanat::kUtf8ByteOrderMark == "\xEF\xBB\xBF");
}

TEST_CASE("csv: bytes that are not UTF-8 become U+FFFD, as in JSON") {
    CsvRecord record;
    CHECK(record.text("Hall \xff").text("=\xc0\xaf").text("ok").finish() ==
          "Hall \xEF\xBF\xBD,'=\xEF\xBF\xBD\xEF\xBF\xBD,ok\r\n");
}
