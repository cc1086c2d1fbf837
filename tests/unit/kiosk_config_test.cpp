#include <doctest/doctest.h>

#include "core/settings/kiosk_config.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;

TEST_CASE("kiosk config: a venue's settings") {
    testing::TemporaryFolder folder;
    testing::write_file(
        folder.path() / "kiosk.toml",
        "[visitors]\nidle_timeout_seconds = 120\nlanguages = [\"nl\", \"en\"]\ntext_size = \"large\"\n"
        "\n[display]\ndiagonal_inches = 43\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    CHECK(problems.items().empty());
    CHECK(config.idle_timeout_seconds == 120);
    CHECK(config.languages == std::vector<std::string>{"nl", "en"});
    CHECK(config.text_size == TextSize::Large);
    CHECK(config.screen_diagonal_inches == 43.0f);
}

TEST_CASE("kiosk config: mistakes are reported with their line and keep the defaults") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml",
                        "[visitors]\nidle_timeout = 120\ntext_size = \"huge\"\n[display]\ndpi = -3\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 3);
    CHECK(problems.items()[0].line == 2);
    CHECK(problems.items()[0].fix.find("idle_timeout_seconds") != std::string::npos);
    CHECK(problems.items()[1].line == 3);
    CHECK(problems.items()[2].line == 5);
    CHECK_FALSE(config.idle_timeout_seconds);
    CHECK(config.text_size == TextSize::Normal);
    CHECK_FALSE(config.screen_dpi);
}

TEST_CASE("kiosk config: a screen size of nan is refused with its line (found by tests/fuzz)") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml", "[display]\ndpi = nan\ndiagonal_inches = -nan\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 2);
    CHECK(problems.items()[0].line == 2);
    CHECK(problems.items()[1].line == 3);
    CHECK_FALSE(config.screen_dpi);
    CHECK_FALSE(config.screen_diagonal_inches);
}

TEST_CASE("kiosk config: the documented example in packaging/ loads without problems") {
    Diagnostics out;
    const KioskConfig config =
        load_kiosk_config(std::filesystem::path(AMANAT_SOURCE_DIR) / "packaging" / "kiosk.toml", out);
    CHECK(out.items().empty());
    CHECK_FALSE(config.idle_timeout_seconds.has_value());  // every setting is commented out
}

TEST_CASE("kiosk config: media volume, and an out-of-range one keeps the default with its line") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "a.toml", "[media]\nvolume_percent = 70\n");
    Diagnostics fine;
    CHECK(load_kiosk_config(folder.path() / "a.toml", fine).volume_percent == 70);
    CHECK(fine.items().empty());
    testing::write_file(folder.path() / "b.toml", "[media]\n\nvolume_percent = 170\n");
    Diagnostics out;
    CHECK(load_kiosk_config(folder.path() / "b.toml", out).volume_percent == 100);
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].line == 3);
}

TEST_CASE("kiosk config: the renderer, and a misspelt one keeps the automatic choice with its line") {
    testing::TemporaryFolder folder;
    Diagnostics none;
    testing::write_file(folder.path() / "none.toml", "[display]\npixel_shift = true\n");
    CHECK(load_kiosk_config(folder.path() / "none.toml", none).renderer == Renderer::Automatic);
    for (const auto& [text, renderer] :
         {std::pair{"auto", Renderer::Automatic}, std::pair{"gpu", Renderer::Gpu},
          std::pair{"software", Renderer::Software}}) {
        testing::write_file(folder.path() / "a.toml",
                            std::string("[display]\nrenderer = \"") + text + "\"\n");
        Diagnostics fine;
        CHECK(load_kiosk_config(folder.path() / "a.toml", fine).renderer == renderer);
        CHECK(fine.items().empty());
    }
    testing::write_file(folder.path() / "b.toml", "[display]\n\nrenderer = \"opengl\"\n");
    Diagnostics out;
    CHECK(load_kiosk_config(folder.path() / "b.toml", out).renderer == Renderer::Automatic);
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].line == 3);
    CHECK(out.items()[0].fix.find("renderer = \"auto\"") != std::string::npos);
}

TEST_CASE("kiosk config: a venue name with a character the kiosk cannot show is reported and cleaned") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml", "[venue]\nname = \"Rijks\\u0000museum\"\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 1);
    CHECK(problems.items()[0].code == "unshowable-character");
    CHECK(problems.items()[0].line == 2);
    CHECK(config.venue == "Rijksmuseum");
}

TEST_CASE("kiosk config: the fleet's inbox, outbox and publishing interval") {
    testing::TemporaryFolder folder;
    testing::write_file(
        folder.path() / "kiosk.toml",
        "[fleet]\ninbox = \"/var/lib/amanat/fleet/inbox\"\noutbox = \"/var/lib/amanat/fleet/outbox\"\n"
        "publish_every_minutes = 30\n");
    Diagnostics problems;
    KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    CHECK(problems.items().empty());
    CHECK(config.fleet_inbox == std::filesystem::path("/var/lib/amanat/fleet/inbox"));
    CHECK(config.fleet_outbox == std::filesystem::path("/var/lib/amanat/fleet/outbox"));
    CHECK(config.fleet_publish_every_minutes == 30);

    // One folder for both, a relative path and a zero interval: each named by its line, defaults kept.
    testing::write_file(
        folder.path() / "kiosk.toml",
        "[fleet]\ninbox = \"/srv/fleet\"\noutbox = \"/srv/fleet\"\npublish_every_minutes = 0\n"
        "[fleet.x]\n");
    problems = Diagnostics{};
    config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 3);
    CHECK(problems.items()[0].line == 5);  // [fleet.x]: no such setting
    CHECK(problems.items()[1].line == 4);
    CHECK(problems.items()[2].line == 3);
    CHECK(problems.items()[2].message.find("two different folders") != std::string::npos);
    CHECK(config.fleet_publish_every_minutes == 15);
}

// Issue 23: the venue's languages are the bundle's tags, whatever their case, and a
// country code written for a language gets a "did you mean".
TEST_CASE("kiosk config: venue languages in canonical case, and kz with a did-you-mean") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml",
                        "[visitors]\nlanguages = [\"KK\", \"kk-latn\", \"nl-nl\"]\n");
    Diagnostics fine;
    CHECK(load_kiosk_config(folder.path() / "kiosk.toml", fine).languages ==
          std::vector<std::string>{"kk", "kk-Latn", "nl-NL"});
    CHECK(fine.items().empty());

    testing::write_file(folder.path() / "bad.toml", "[visitors]\nlanguages = [\"kz\", \"en\"]\n");
    Diagnostics out;
    CHECK(load_kiosk_config(folder.path() / "bad.toml", out).languages == std::vector<std::string>{"en"});
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].code == "bad-language-tag");
    CHECK(out.items()[0].fix.find("did you mean kk (Kazakh)?") != std::string::npos);
}
