#include <doctest/doctest.h>

#include <string>

#include "core/json_record.hpp"

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
