#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

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

// Issue 22: the staff worker validates packs while the render thread reads
// bundles and catalogs. ctest runs each case in a process of its own, so this
// one is the first use of ICU's code tables, from every thread at once (and
// tests/CMakeLists.txt also runs it under ThreadSanitizer).
TEST_CASE("language tags: checked from several threads at once, the first use included") {
    constexpr int kThreads = 8;
    std::latch go(kThreads);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&go, &wrong] {
            go.arrive_and_wait();
            for (int round = 0; round < 20; ++round) {
                // Late in ICU's alphabetical lists, so a half-filled table misses them.
                for (const char* tag : {"zu", "zu-ZW", "yo-NG", "sr-Cyrl-RS", "kk-Latn"})
                    if (language_tag_problem(tag)) ++wrong;
                for (const char* tag : {"qq", "en-QQ", "zz-ZW"})
                    if (!language_tag_problem(tag)) ++wrong;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(wrong.load() == 0);
}
