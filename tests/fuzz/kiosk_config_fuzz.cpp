// The venue's kiosk.toml (/etc/amanat/kiosk.toml, as staff edit it) through the
// kiosk's reader (core/settings/kiosk_config, which reads a file: the input is written to
// one), and on into what the kiosk derives from it at start: the screen's
// measures (core/visit/screen_metrics), what the screen does at opening hours
// (core/settings/screen_care), the limits a pack is checked against.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/settings/kiosk_config.hpp"
#include "core/settings/screen_care.hpp"
#include "core/visit/screen_metrics.hpp"
#include "fuzz_support.hpp"

using namespace amanat;

namespace {

void check_metrics(const KioskConfig& config) {
    for (const auto& [width, height] :
         {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{3840, 2160}}) {
        const ScreenMetrics metrics = ScreenMetrics::measure(width, height, 92.0f, config);
        fuzzing::expect(std::isfinite(metrics.px_per_mm) && metrics.px_per_mm > 0,
                        "the screen's pixels per millimetre are not a size");
        for (const TextSize size : {TextSize::Normal, TextSize::Large}) {
            fuzzing::expect(std::isfinite(metrics.body_text(size)) && metrics.body_text(size) > 0,
                            "the text size is not a size");
            fuzzing::expect(std::isfinite(metrics.reading_width(size)) && metrics.reading_width(size) > 0,
                            "the reading width is not a size");
        }
        fuzzing::expect(metrics.gallery_columns() >= 1, "the gallery has no column");
    }
}

// The kiosk asks, frame after frame, whether the screen is awake and when that
// changes: the answer must come, and within a week.
void check_opening_hours(const OpeningHours& hours) {
    for (const LocalMoment moment :
         {LocalMoment{1, 0}, LocalMoment{1, std::clamp(hours.open_minute, 0, 1439)},
          LocalMoment{6, std::clamp(hours.close_minute, 0, 1439)}}) {
        screen_awake(hours, moment);
        const int minutes = minutes_until_change(hours, moment);
        fuzzing::expect(minutes >= 1 && minutes <= 7 * 24 * 60, "the screen's next change is not this week");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = fuzzing::scratch_folder() / "kiosk.toml";
    fuzzing::write_bytes(file, fuzzing::text_of(data, size));
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(file, problems);
    fuzzing::expect_readable(problems);
    check_metrics(config);
    fuzzing::expect(config.volume_percent >= 0 && config.volume_percent <= 100, "the volume is out of range");
    fuzzing::expect(config.pack_max_megabytes >= 1 && config.pack_max_files >= 1,
                    "a pack limit is not a limit");
    if (config.opening_hours) check_opening_hours(*config.opening_hours);
    if (config.idle_timeout_seconds)
        fuzzing::expect(*config.idle_timeout_seconds >= 20, "the idle timeout is shorter than allowed");
    return 0;
}
