#include <doctest/doctest.h>

#include "core/settings/kiosk_options.hpp"

using amanat::KioskOptions;
using amanat::parse_kiosk_options;

namespace {
bool parse(std::vector<std::string> args, KioskOptions& options, std::string& error) {
    return amanat::parse_kiosk_options(args, options, error);
}
}  // namespace

TEST_CASE("kiosk options: no arguments run the default exhibition full screen") {
    KioskOptions options;
    std::string error;
    REQUIRE(parse({}, options, error));
    CHECK(options.action == KioskOptions::Action::Run);
    CHECK(options.fullscreen);
    CHECK(options.bundle.empty());
}

TEST_CASE("kiosk options: --windowed takes WIDTHxHEIGHT") {
    KioskOptions options;
    std::string error;
    REQUIRE(parse({"--windowed", "1280x720", "some/bundle"}, options, error));
    CHECK_FALSE(options.fullscreen);
    CHECK(options.width == 1280);
    CHECK(options.height == 720);
    CHECK(options.bundle == "some/bundle");
}

TEST_CASE("kiosk options: malformed sizes are usage errors that say what is expected") {
    for (const char* bad : {"1280", "x720", "1280x", "12x7", "1280x720x3", "axb", "99999x720"}) {
        KioskOptions options;
        std::string error;
        CHECK_FALSE(parse({"--windowed", bad}, options, error));
        CHECK(error.find("1280x720") != std::string::npos);
    }
    KioskOptions options;
    std::string error;
    CHECK_FALSE(parse({"--windowed"}, options, error));
}

TEST_CASE("kiosk options: unknown options and two bundles are rejected") {
    KioskOptions options;
    std::string error;
    CHECK_FALSE(parse({"--fullscreen-please"}, options, error));
    CHECK(error.find("--fullscreen-please") != std::string::npos);
    KioskOptions twice;
    CHECK_FALSE(parse({"a", "b"}, twice, error));
}

TEST_CASE("kiosk options: --help and --version") {
    KioskOptions options;
    std::string error;
    REQUIRE(parse({"--version"}, options, error));
    CHECK(options.action == KioskOptions::Action::ShowVersion);
    REQUIRE(parse({"-h"}, options, error));
    CHECK(options.action == KioskOptions::Action::ShowHelp);
}

TEST_CASE("kiosk options: --no-audio") {
    KioskOptions options;
    std::string error;
    REQUIRE(parse_kiosk_options({"--no-audio"}, options, error));
    CHECK_FALSE(options.audio);
    KioskOptions defaults;
    REQUIRE(parse_kiosk_options({}, defaults, error));
    CHECK(defaults.audio);
}
