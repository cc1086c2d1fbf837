#pragma once

#include <optional>

#include "core/settings/kiosk_config.hpp"

namespace amanat {

// Physical sizes on the actual screen. Kiosk screens range from 22" to 55", so
// touch targets and text are sized in millimetres, converted with the screen's
// density (from SDL's reported DPI, or the config when that is wrong).
struct ScreenMetrics {
    int width = 1920;
    int height = 1080;
    float px_per_mm = 3.6f;  // a 24" 1080p screen

    // `reported_dpi`: what the display system says, if anything.
    static ScreenMetrics measure(int width, int height, std::optional<float> reported_dpi,
                                 const KioskConfig& config);

    float mm(float millimetres) const { return millimetres * px_per_mm; }
    bool portrait() const { return height > width; }

    // Smallest side of anything a visitor touches (15 mm is the usual minimum for
    // public touch screens; we keep a margin above it).
    float touch_target() const;
    // Font sizes in pixels, readable at arm's length (~60 cm).
    float body_text(TextSize size) const;
    float heading_text(TextSize size) const { return body_text(size) * 1.45f; }
    float title_text(TextSize size) const { return body_text(size) * 2.2f; }
    float small_text(TextSize size) const { return body_text(size) * 0.72f; }
    // Margin around screen content.
    float margin() const { return mm(12); }
    // Width of a column of body text: about 60 characters per line, the range in
    // which long text reads comfortably, but never wider than the screen allows.
    float reading_width(TextSize size) const;
    // Gallery columns: as many cards of at least `min_card_mm` as fit.
    int gallery_columns(float min_card_mm = 95) const;
};

}  // namespace amanat
