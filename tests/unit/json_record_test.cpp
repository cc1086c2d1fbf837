#include <doctest/doctest.h>

#include <string>

#include "core/files/json_record.hpp"

using amanat::JsonRecord;

TEST_CASE("json record: members keep their order, numbers stay numbers") {
    JsonRecord record;
    CHECK(record.text("venue", "Музей, \"Алматы\"\nзал 2")
              .number("rating", 5LL)
              .number("offset", -300LL)
              .finish() == "{\"venue\":\"Музей, \\\"Алматы\\\"\\nзал 2\",\"rating\":5,\"offset\":-300}");
    CHECK(record.text("artifact", "가야금").number("mean", 4.5).finish() ==
          "{\"artifact\":\"가야금\",\"mean\":4.5}");
    CHECK(record.finish() == "{}");
    CHECK(record.raw("days", amanat::json_array({"1", "\"x\""})).finish() == "{\"days\":[1,\"x\"]}");
}

TEST_CASE("json record: bytes that are not UTF-8 do not break the document") {
    CHECK(amanat::json_quoted("a\xff"
                              "b") ==
          "\"a\xEF\xBF\xBD"
          "b\"");
    CHECK(amanat::json_quoted(std::string("nul\0", 4)) == "\"nul\\u0000\"");
}

TEST_CASE("json record: every ill-formed part of the text is one U+FFFD, as Unicode recommends") {
    const std::string r = "\xEF\xBF\xBD";  // U+FFFD
    struct Case {
        std::string bytes;
        std::string text;
    };
    for (const Case& c : {
             Case{"plain ascii", "plain ascii"},
             Case{"Қазақ 가야금 𝄞", "Қазақ 가야금 𝄞"},  // 2, 3 and 4 bytes, all well formed
             Case{"\xff", r},                           // never in UTF-8
             Case{"a\x80\xbf"
                  "b",
                  "a" + r + r + "b"},                  // lone continuation bytes
             Case{"caf\xc3(", "caf" + r + "("},        // cut short before an ASCII byte
             Case{"\xe2\x82", r},                      // cut short at the end
             Case{"\xe2\x82\xac", "\xe2\x82\xac"},     // the euro sign
             Case{"\xed\xa0\x80", r + r + r},          // a surrogate: ED takes 80..9F only
             Case{"\xc0\xaf", r + r},                  // an overlong '/'
             Case{"\xe0\x80\xaf", r + r + r},          // overlong in three bytes
             Case{"\xf0\x9f\x98!", r + "!"},           // an emoji cut short
             Case{"\xf4\x90\x80\x80", r + r + r + r},  // past U+10FFFF
             Case{"\xf5\x80", r + r},                  // F5..FF lead nothing
         }) {
        CAPTURE(c.bytes);
        CHECK(amanat::valid_utf8(c.bytes) == c.text);
        CHECK(amanat::is_valid_utf8(c.bytes) == (c.bytes == c.text));
        CHECK(amanat::is_valid_utf8(amanat::valid_utf8(c.bytes)));
    }
}

TEST_CASE("json record: records reuse their storage and escape control characters") {
    JsonRecord record;
    CHECK(record.text("k", "tab\there\x01\x1f\x7f").finish() == "{\"k\":\"tab\\there\\u0001\\u001f\x7f\"}");
    CHECK(record.text("k", "\\/\"").finish() == "{\"k\":\"\\\\/\\\"\"}");
    CHECK(record.finish() == "{}");
}
