#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <utility>
#include <vector>

#include "core/localisation/language_tag.hpp"

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

// Issue 23: tags compare without regard to case, and wrong ones get a "did you mean".
TEST_CASE("language tags: canonical case (language lower, script title, region upper)") {
    using amanat::canonical_language_tag;
    CHECK(canonical_language_tag("kk-latn") == "kk-Latn");
    CHECK(canonical_language_tag("KK-LATN-kz") == "kk-Latn-KZ");
    CHECK(canonical_language_tag("nl-nl") == "nl-NL");
    CHECK(canonical_language_tag("EN") == "en");
    CHECK(canonical_language_tag("es-419") == "es-419");
    CHECK(canonical_language_tag("de-CH-1996") == "de-CH-1996");
    CHECK(canonical_language_tag("en-x-Kiosk-AB") == "en-x-kiosk-ab");
    CHECK(canonical_language_tag("sr-Latn") == "sr-Latn");
}

TEST_CASE("language tags: close tags are one language written differently, or a common confusion") {
    using amanat::close_language_tags;
    CHECK(close_language_tags("nl-NL", "nl"));
    CHECK(close_language_tags("nl-BE", "nl-NL"));
    CHECK(close_language_tags("se", "sv"));
    CHECK(close_language_tags("kr", "ko"));
    CHECK_FALSE(close_language_tags("en", "el"));
    CHECK_FALSE(close_language_tags("kk", "kk"));
    CHECK_FALSE(close_language_tags("kk", "KK"));  // the same tag, not a close one
}

TEST_CASE("language tags: did you mean, from the common confusions and the exhibition's own tags") {
    using amanat::suggested_language_tag;
    const std::vector<std::string> none;
    for (const auto& [written, meant] :
         std::vector<std::pair<std::string, std::string>>{{"kz", "kk"},
                                                          {"du", "nl"},
                                                          {"gr", "el"},
                                                          {"jp", "ja"},
                                                          {"cz", "cs"},
                                                          {"dk", "da"},
                                                          {"se", "sv"},
                                                          {"ua", "uk"},
                                                          {"cn", "zh"},
                                                          {"kr", "ko"},
                                                          {"ge", "ka"},
                                                          {"kz-Latn", "kk-Latn"}}) {
        CAPTURE(written);
        CHECK(suggested_language_tag(written, none) == meant);
    }
    // The exhibition's own tags: kz while it offers kk-Latn only; a typo of an offered tag.
    CHECK(suggested_language_tag("kz", {"en", "kk-Latn"}) == "kk-Latn");
    CHECK(suggested_language_tag("kk-Latx", {"en", "kk", "kk-Latn"}) == "kk-Latn");
    CHECK(suggested_language_tag("qq", {"en", "kk"}) == "");
    const std::string kz = amanat::did_you_mean_language("kz");
    CHECK(kz.find("did you mean kk (Kazakh)?") != std::string::npos);
    CHECK(kz.find("country code of Kazakhstan") != std::string::npos);
    CHECK(amanat::did_you_mean_language("du").find("did you mean nl (Dutch)?") != std::string::npos);
    CHECK(amanat::did_you_mean_language("qq") == "");
}
