// Text a kiosk can show (issue 19): the validator's finder and the kiosk's cleaner
// agree on every class of character a file can hold but a screen cannot draw.
#include <doctest/doctest.h>

#include <string>

#include "core/files/showable_text.hpp"

using namespace amanat;
using namespace std::string_literals;

TEST_CASE("showable text: exhibition text in any script passes unchanged") {
    for (const std::string& text : {"Қобыз — бақсы аспабы"s, "Kopuz ığ, Şanyrak"s, "코비즈"s,
                                    "tab\tline\nCR\r\n"s, "emoji 🪕 and U+FFFD \xEF\xBF\xBD"s, ""s}) {
        CHECK_FALSE(find_unshowable(text));
        CHECK(showable_text(text) == text);
    }
}

TEST_CASE("showable text: control characters, DEL, C1 controls, noncharacters and surrogates are found") {
    struct Case {
        std::string text;
        char32_t code_point;
    };
    const Case cases[] = {
        {"Title\0 of"s, 0x0},         {"bell\x07", 0x07},
        {"escape\x1B[31m", 0x1B},     {"delete\x7F", 0x7F},
        {"C1 \xC2\x85 NEL", 0x85},    {"C1 \xC2\x9F", 0x9F},
        {"non \xEF\xB7\x90", 0xFDD0}, {"non \xEF\xBF\xBE", 0xFFFE},
        {"non \xEF\xBF\xBF", 0xFFFF}, {"non \xF0\x9F\xBF\xBF", 0x1FFFF},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const auto found = find_unshowable(c.text);
        REQUIRE(found);
        CHECK_FALSE(found->invalid_utf8);
        CHECK(found->code_point == c.code_point);
        CHECK(found->describe().starts_with("U+"));
        CHECK_FALSE(find_unshowable(showable_text(c.text)));
    }
    CHECK(find_unshowable("\0"s)->describe() == "U+0000 (the NUL control character)");
}

TEST_CASE("showable text: bytes that are not UTF-8, and encoded surrogates, are found as such") {
    for (const std::string& text :
         {"caf\xE9"s, "cut \xE2\x82"s, "over \xC0\xAF"s, "surrogate \xED\xA0\x80"s}) {
        CAPTURE(text);
        const auto found = find_unshowable(text);
        REQUIRE(found);
        CHECK(found->invalid_utf8);
        CHECK(found->describe() == "bytes that are not UTF-8 text");
    }
}

TEST_CASE("showable text: the place is given as line and column in characters") {
    const auto found = find_unshowable("first line\nsecond Қ\x01 line"s);
    REQUIRE(found);
    CHECK(found->line == 2);
    CHECK(found->column == 9);
    CHECK(found->offset == std::string("first line\nsecond Қ").size());
}

TEST_CASE("showable text: unshowable characters are removed, broken bytes become U+FFFD") {
    CHECK(showable_text("Continuity\0 of Traditions"s) == "Continuity of Traditions");
    CHECK(showable_text("a\x01\x02\x7F"
                        "b\xC2\x85"
                        "c\xEF\xB7\x90") == "abc");
    CHECK(showable_text("caf\xE9!") == "caf\xEF\xBF\xBD!");
    CHECK(showable_text("keep\ttabs\nand\r\nlines") == "keep\ttabs\nand\r\nlines");
    CHECK(showable_text("\0\0\0"s).empty());
}
