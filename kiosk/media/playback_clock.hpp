#pragma once

#include "core/visit/clock.hpp"

namespace amanat::media {

// Turns libvlc's coarse time reports into a smooth position for a seek bar.
//
// libvlc 3.0 reports the playing time only every 250-1000 ms. Between two
// reports the position is extrapolated from the last one at normal speed, for
// at most kMaxExtrapolation (if the reports stop, e.g. while the input
// buffers, the bar stops too instead of running away). While paused the
// position is frozen where the estimate was when the pause took effect. After
// a seek the target is shown at once, and reports still describing the old
// position (libvlc seeks asynchronously) are ignored until one arrives near
// the target or kSeekPatience has passed.
//
// Every time argument is on one monotonic millisecond clock of the caller's
// choosing. Pure arithmetic, no libvlc and no thread: MediaPlayer calls it
// under its mutex, and tests drive it with made-up times.
class PlaybackClock {
  public:
    static constexpr Millis kMaxExtrapolation = 2000;
    static constexpr Millis kSeekTolerance = 1000;
    static constexpr Millis kSeekPatience = 3000;

    // Nothing playing: position 0, not running, length unknown (0).
    void reset();
    // Back to the start without forgetting the length (the same file restarts).
    void rewind();

    // 0 means unknown; the position is clamped to [0, length] once it is known.
    void set_length(Millis length);
    Millis length() const { return m_length; }

    // libvlc reported `media_time` at `at`.
    void report(Millis media_time, Millis at);
    // Playing (true) or paused, opening, stopped (false) from `at`. Repeating the
    // current state changes nothing.
    void set_running(bool running, Millis at);
    // The user asked for `target` at `at`.
    void seek(Millis target, Millis at);
    // The end was reached: the position is the length from now on.
    void finish();

    // The estimated position at `at` (normally now), within [0, length].
    Millis position(Millis at) const;

  private:
    Millis clamp(Millis media_time) const;

    Millis m_length = 0;
    Millis m_base = 0;     // media time at m_base_at
    Millis m_base_at = 0;  // when m_base was true
    bool m_running = false;
    bool m_seek_pending = false;
    Millis m_seek_target = 0;
    Millis m_seek_at = 0;
};

}  // namespace amanat::media
