#include "core/visit/screen_metrics.hpp"

#include <algorithm>
#include <cmath>

namespace amanat {

ScreenMetrics ScreenMetrics::measure(int width, int height, std::optional<float> reported_dpi,
                                     const KioskConfig& config) {
    ScreenMetrics metrics;
    metrics.width = std::max(width, 1);
    metrics.height = std::max(height, 1);
    constexpr float kMmPerInch = 25.4f;
    if (config.screen_dpi) {
        metrics.px_per_mm = *config.screen_dpi / kMmPerInch;
    } else if (config.screen_diagonal_inches) {
        const float diagonal_px = std::hypot(static_cast<float>(width), static_cast<float>(height));
        metrics.px_per_mm = diagonal_px / (*config.screen_diagonal_inches * kMmPerInch);
    } else if (reported_dpi && *reported_dpi >= 50 && *reported_dpi <= 600) {
        metrics.px_per_mm = *reported_dpi / kMmPerInch;
    } else {
        // Nothing trustworthy: assume the screen is as wide as a 24" one in its
        // orientation (about 531 mm on the long side).
        metrics.px_per_mm = static_cast<float>(std::max(width, height)) / 531.0f;
    }
    // Guard against absurd values: text stays at least legible in pixels.
    metrics.px_per_mm = std::clamp(metrics.px_per_mm, 1.2f, 24.0f);
    return metrics;
}

float ScreenMetrics::touch_target() const {
    return std::max(mm(18), 40.0f);
}

float ScreenMetrics::body_text(TextSize size) const {
    const float millimetres = size == TextSize::Large ? 9.5f : 7.0f;
    return std::round(std::max(mm(millimetres), size == TextSize::Large ? 22.0f : 16.0f));
}

float ScreenMetrics::reading_width(TextSize size) const {
    // An average character is about half the font size wide.
    const float sixty_characters = body_text(size) * 0.5f * 60.0f;
    return std::min(sixty_characters, static_cast<float>(width) - 2 * margin());
}

int ScreenMetrics::gallery_columns(float min_card_mm) const {
    const float usable = static_cast<float>(width) - 2 * margin();
    const float card = mm(min_card_mm) + mm(6);
    return std::clamp(static_cast<int>(usable / card), 1, 8);
}

}  // namespace amanat
