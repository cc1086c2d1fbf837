#pragma once

// The Tests page's two tests: a test sound through the kiosk's own player (is
// there sound, at what volume?) and the touch test's grid (does every part of
// the screen answer a finger?).
//
// Thread contract: render thread. The test sound writes a 3-second WAV (about
// 260 KB) to the temporary folder and hands it to the MediaDesk, which plays it
// on libvlc's threads; nothing here waits for them.

#include <vector>

#include "app/media_desk.hpp"
#include "core/staff/staff_tasks.hpp"
#include "core/visit/gesture.hpp"
#include "ui/staff_view.hpp"

namespace amanat::staff {

// Plays the test sound (test_tone.hpp): whether it plays, and what staff read
// about it (logged, as staff::ended() does).
StaffTaskOutcome play_test_sound(MediaDesk& media);

// Shows the touch test's grid, every cell untouched.
void start_touch_test(ui::StaffView& view);

// Marks the grid's cells under every gesture's start and end (a finger down,
// moved or lifted), on a screen of `width` x `height` pixels.
void mark_touched_cells(const std::vector<Gesture>& gestures, float width, float height, ui::StaffView& view);

}  // namespace amanat::staff
