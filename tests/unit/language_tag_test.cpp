#include <doctest/doctest.h>

#include "core/language_tag.hpp"

using amanat::language_tag_problem;

TEST_CASE("language tags: the tour's languages are accepted") {
    for (const char* tag : {"en", "kk", "kk-Latn", "kk-Cyrl", "ru", "nl", "tr", "ko", "fr", "de", "it", "cs",
                            "sr-Cyrl", "sr-Latn", "hu", "en-GB", "es-419", "kk-Cyrl-KZ"}) {
        CAPTURE(tag);
        CHECK_FALSE(language_tag_problem(tag).has_value());
    }
}

TEST_CASE("language tags: malformed and unknown ones say why") {
    CHECK(language_tag_problem("")->find("empty") != std::string::npos);
    CHECK(language_tag_problem("english")->find("two- or three-letter") != std::string::npos);
    CHECK(language_tag_problem("qq")->find("not a known language") != std::string::npos);
    CHECK(language_tag_problem("kk-Latx")->find("not a known script") != std::string::npos);
    CHECK(language_tag_problem("en-QQ")->find("not a known country") != std::string::npos);
    CHECK(language_tag_problem("en--GB")->find("malformed") != std::string::npos);
    CHECK(language_tag_problem("en_GB").has_value());
}

TEST_CASE("language tags: primary language and English names") {
    CHECK(amanat::primary_language("kk-Latn") == "kk");
    CHECK(amanat::language_english_name("kk") == "Kazakh");
    CHECK(amanat::language_english_name("ko") == "Korean");
}
