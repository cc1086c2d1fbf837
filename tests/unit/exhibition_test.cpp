#include <doctest/doctest.h>

#include "core/exhibition.hpp"

TEST_CASE("the sample exhibition loads with its title in English, Kazakh and Russian") {
    std::string error;
    const auto exhibition = amanat::load_exhibition(AMANAT_SAMPLE_BUNDLE, error);
    REQUIRE_MESSAGE(exhibition.has_value(), error);
    CHECK(exhibition->id == "continuity-of-traditions");
    REQUIRE(exhibition->title.find("en") != nullptr);
    CHECK(*exhibition->title.find("en") == "Continuity of Traditions");
    CHECK(exhibition->title.find("kk") != nullptr);
    CHECK(exhibition->title.find("ru") != nullptr);
}

TEST_CASE("a missing manifest is reported with its path") {
    std::string error;
    const auto exhibition = amanat::load_exhibition("/nonexistent/bundle", error);
    CHECK_FALSE(exhibition.has_value());
    CHECK(error.find("/nonexistent/bundle/exhibition.toml") != std::string::npos);
}
