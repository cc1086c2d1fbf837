#include <doctest/doctest.h>

#include <cmath>

#include "core/visit/screen_metrics.hpp"

using namespace amanat;

TEST_CASE("screen metrics: sizes are physical, from the reported DPI") {
    KioskConfig config;
    const auto small = ScreenMetrics::measure(1920, 1080, 92.0f, config);  // 24"
    const auto large = ScreenMetrics::measure(1920, 1080, 40.0f, config);  // below plausible: ignored
    CHECK(small.px_per_mm == doctest::Approx(92.0f / 25.4f));
    // A touch target is at least 15 mm on the glass.
    CHECK(small.touch_target() / small.px_per_mm >= 15.0f);
    CHECK(large.px_per_mm == doctest::Approx(1920.0f / 531.0f));
}

TEST_CASE("screen metrics: the config's diagonal or DPI overrides the system") {
    KioskConfig config;
    config.screen_diagonal_inches = 55.0f;
    const auto tv = ScreenMetrics::measure(3840, 2160, 96.0f, config);
    CHECK(tv.px_per_mm == doctest::Approx(std::hypot(3840.0f, 2160.0f) / (55.0f * 25.4f)));
    config.screen_dpi = 160.0f;
    CHECK(ScreenMetrics::measure(3840, 2160, 96.0f, config).px_per_mm == doctest::Approx(160.0f / 25.4f));
}

TEST_CASE("screen metrics: large text is larger, lines stay readable, the grid adapts") {
    KioskConfig config;
    const auto landscape = ScreenMetrics::measure(1920, 1080, 92.0f, config);
    CHECK(landscape.body_text(TextSize::Large) > landscape.body_text(TextSize::Normal) * 1.2f);
    CHECK(landscape.reading_width(TextSize::Normal) < 1920);
    const auto portrait = ScreenMetrics::measure(1080, 1920, 92.0f, config);
    CHECK(portrait.portrait());
    CHECK(portrait.gallery_columns() < landscape.gallery_columns());
    CHECK(portrait.reading_width(TextSize::Large) <= 1080 - 2 * portrait.margin());
    const auto uhd = ScreenMetrics::measure(3840, 2160, 184.0f, config);  // 24" 4K
    CHECK(uhd.body_text(TextSize::Normal) ==
          doctest::Approx(2 * landscape.body_text(TextSize::Normal)).epsilon(0.05));
    CHECK(uhd.gallery_columns() == landscape.gallery_columns());
}
