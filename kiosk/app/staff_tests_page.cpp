#include "app/staff_tests_page.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>

#include "app/staff_words.hpp"
#include "app/test_tone.hpp"

namespace amanat::staff {

StaffTaskOutcome play_test_sound(MediaDesk& media) {
    std::string error;
    const std::filesystem::path tone = std::filesystem::temp_directory_path() / "amanat-test-tone.wav";
    if (write_test_tone(tone, error) && media.play_test_sound(tone))
        return ended(true, "Playing a test sound (a rising tone, 3 seconds).");
    return ended(false, error.empty() ? "The sound cannot be played (see the kiosk's log)." : error);
}

void start_touch_test(ui::StaffView& view) {
    view.touch_test = true;
    view.touched_cells.assign(ui::kTouchGridColumns * ui::kTouchGridRows, false);
}

void mark_touched_cells(const std::vector<Gesture>& gestures, float width, float height,
                        ui::StaffView& view) {
    for (const Gesture& g : gestures) {
        for (const auto& [x, y] : {std::pair{g.x, g.y}, std::pair{g.start_x, g.start_y}}) {
            const int column =
                std::clamp(static_cast<int>(x * ui::kTouchGridColumns / width), 0, ui::kTouchGridColumns - 1);
            const int row =
                std::clamp(static_cast<int>(y * ui::kTouchGridRows / height), 0, ui::kTouchGridRows - 1);
            view.touched_cells[static_cast<std::size_t>(row * ui::kTouchGridColumns + column)] = true;
        }
    }
}

}  // namespace amanat::staff
