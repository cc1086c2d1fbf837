#include <doctest/doctest.h>

#include "core/localisation/language_map.hpp"

using namespace amanat;

namespace {
FallbackChains tour_fallback() {
    FallbackChains chains;
    chains.set_default({"en"});
    chains.set("kk", {"ru", "en"});
    return chains;
}
}  // namespace

TEST_CASE("fallback: the visitor's language first, then its own chain") {
    const auto chains = tour_fallback();
    CHECK(chains.chain("kk") == std::vector<std::string>{"kk", "ru", "en"});
    CHECK(chains.chain("ko") == std::vector<std::string>{"ko", "en"});
    CHECK(chains.chain("en") == std::vector<std::string>{"en"});
}

TEST_CASE("fallback: lookup says which language it found") {
    const auto chains = tour_fallback();
    LanguageMap title;
    title.set("ru", "Домбра");
    title.set("en", "Dombra");

    const auto kk = localise(title, "kk", chains);
    REQUIRE(kk);
    CHECK(*kk.text == "Домбра");
    CHECK(kk.language == "ru");
    CHECK(kk.is_fallback);

    const auto en = localise(title, "en", chains);
    REQUIRE(en);
    CHECK(en.language == "en");
    CHECK_FALSE(en.is_fallback);

    const auto ko = localise(title, "ko", chains);
    REQUIRE(ko);
    CHECK(ko.language == "en");

    title.set("kk", "Домбыра");
    const auto kk_now = localise(title, "kk", chains);
    CHECK(*kk_now.text == "Домбыра");
    CHECK_FALSE(kk_now.is_fallback);
}

TEST_CASE("fallback: nothing found when no language of the chain has the text") {
    const auto chains = tour_fallback();
    LanguageMap title;
    title.set("tr", "Dombıra");
    CHECK_FALSE(localise(title, "kk", chains));
}
