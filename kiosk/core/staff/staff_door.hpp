#pragma once

// The way into staff mode, and back out: the hidden corner gesture, the PIN pad,
// the lockout after wrong PINs, and the session that closes itself when staff
// walk away. UI-free: the staff screens read it and call it; time is passed in.
//
//   Closed ──five taps in the corner──► AskingPin ──submit()──► Checking ──pin_accepted()──► Open
//                                          ▲                         │
//                                          └──────pin_refused()──────┘
//   close() returns to Closed from any phase: staff's "Close", the pad's
//   "Cancel", or after expired() (no touch for a while).
//
// The PIN is checked against its Argon2id hash (core/staff/staff_pin.hpp), which takes
// a fraction of a second on purpose, so the door never checks it itself:
// submit() hands the caller a PinCheck, the caller runs verify_pin(check.hash,
// check.pin) on a worker thread and brings the answer back to the render thread
// with pin_accepted(ticket) or pin_refused(ticket). The pad shows "checking"
// meanwhile and the render loop keeps drawing.
//
// Lockout: 5 wrong PINs in a row lock the pad for 5 minutes (submit() then
// refuses without checking, and lockout_left() says how long to wait); a right
// PIN resets the count. The count and the end of the lockout are kept in a small
// file beside the PIN file (staff_lockout_file()), written atomically at every
// wrong PIN, so switching the kiosk off and on neither clears the count nor ends
// a lockout early. That file holds the lockout's end in wall-clock time (the
// monotonic clock starts again at boot); a lockout read back is never longer than
// one lockout period, so a wall clock set back cannot lock staff out for longer.
// A record that is present but unreadable starts a full lockout (it cannot be
// told from tampering) and is replaced by one of that lockout; a missing one
// means no wrong PINs.
//
// With no valid PIN file (none, empty, damaged; see load_pin_hash()) staff mode
// is off: the gesture does nothing, and take_notice() says why, once, for the
// log. The PIN file is read again each time the gesture completes, so
// `amanat staff set-pin` and `clear-pin` take effect without restarting the
// kiosk; a PIN that changed also clears the count and any lockout.
//
// Thread contract: render thread only, like the rest of the kiosk's state,
// except that a PinCheck may be moved to another thread (it owns copies of what
// it needs). The door reads the PIN file when it is made and when the gesture
// completes, and writes the lockout record in pin_refused() and pin_accepted()
// after wrong PINs: small files, a few milliseconds each, only then.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>

#include "core/visit/clock.hpp"

namespace amanat {

struct StaffDoorSettings {
    // Side of the top-left square the taps must land in, px (the app: ~20 mm).
    // At most a quarter of the screen's shorter side is used, so that a wrong
    // DPI cannot make half the screen a secret door.
    float corner_side = 72;
    int corner_taps = 5;
    Millis corner_taps_within = 3'000;  // from the first of the taps to the last
    int attempts_before_lockout = 5;    // wrong PINs in a row
    Millis lockout = 5 * 60'000;
    // The pad closes itself when nobody types, so a visitor who opened it by
    // chance is not left facing a PIN pad.
    Millis pin_pad_timeout = 30'000;
    Millis session_timeout = 2 * 60'000;  // open staff mode without a touch
};

// A PIN to verify off the render thread: verify_pin(hash, pin), then hand the
// answer back with `ticket`. Owns copies; may be moved to any thread.
struct PinCheck {
    std::uint64_t ticket = 0;
    std::string hash;
    std::string pin;
};

class StaffDoor {
  public:
    enum class Phase {
        Closed,     // the visitors' kiosk; the corner is watched
        AskingPin,  // the PIN pad is shown
        Checking,   // a PIN is being verified on a worker; the pad waits
        Open,       // staff mode
    };

    // Reads the PIN file and the lockout record beside it. `now` is the
    // monotonic clock, `wall_ms_now` the wall clock (Unix milliseconds) at the
    // same moment: the door keeps the difference, to write and read the lockout's
    // end across restarts.
    StaffDoor(StaffDoorSettings settings, std::filesystem::path pin_file, Millis now,
              std::int64_t wall_ms_now);

    Phase phase() const { return m_phase; }
    // Whether a valid PIN was found when the file was last read (at start, or
    // when the gesture last completed).
    bool enabled() const { return m_hash.has_value(); }

    // A tap (a Tap gesture, or a DoubleTap: the second tap of a pair, the first
    // having come as a Tap) at window pixels (x, y). While Closed it counts
    // towards the corner gesture, and returns true when the gesture completes and
    // the PIN pad opens (phase() is then AskingPin). A tap outside the corner
    // starts the count again. In the other phases it is a touch (see touch()).
    bool tap(float x, float y, float screen_width, float screen_height, Millis now);

    // The PIN pad (AskingPin only; otherwise ignored). Each is a touch.
    void type_digit(int digit, Millis now);  // 0..9; ignored beyond 8 digits
    void erase_digit(Millis now);            // backspace
    void clear_digits(Millis now);
    int digits_typed() const { return static_cast<int>(m_digits.size()); }
    // 4 to 8 digits typed and not locked.
    bool can_submit(Millis now) const;

    // Ends the typing: with a PIN of 4 to 8 digits and no lockout, the phase
    // becomes Checking, the digits are cleared and the caller gets what to verify
    // (see the thread contract). While locked: nothing, and the digits are
    // cleared. With too few digits: nothing, and they stay for typing on.
    std::optional<PinCheck> submit(Millis now);
    // The worker's answer for `ticket`. An answer for a check that is no longer
    // awaited (the pad was closed meanwhile) is ignored.
    // Accepted: staff mode opens (phase Open) and the wrong-PIN count is reset.
    void pin_accepted(std::uint64_t ticket, Millis now);
    // Refused: back to the pad, one more wrong PIN counted (and recorded); the
    // fifth in a row starts the lockout.
    void pin_refused(std::uint64_t ticket, Millis now);

    // Wrong PINs in a row so far: 0 after a right one, and again once a lockout
    // starts (after it, there are as many tries as at first).
    int wrong_pins() const { return m_wrong_pins; }
    // How many more wrong PINs start the lockout (5, 4, ... 1); 0 while locked.
    int attempts_left(Millis now) const;
    // How long until the pad takes PINs again, ms; 0 when not locked.
    Millis lockout_left(Millis now) const;

    // Staff (or the pad's user) touched the screen: keeps the pad or the open
    // session alive. Ignored while Closed.
    void touch(Millis now);
    // True when the pad or open staff mode has gone untouched for its timeout
    // (never while Checking): the caller then calls close() and shows the
    // visitors' screens again.
    bool expired(Millis now) const;
    // Back to the visitors' kiosk from any phase (staff's "Close", an expiry, a
    // cancelled pad). A check still running is forgotten: its answer is ignored.
    void close();

    // The next moment something shown changes by itself (the pad's or session's
    // expiry, the lockout's next whole second or end), for the render loop's
    // wait; -1 when nothing will.
    Millis next_deadline(Millis now) const;

    // Something the kiosk should log, once: why staff mode is off (or that it is
    // on again), that a lockout started, or that the lockout record cannot be
    // read or written. Oldest
    // first; empty when there is nothing new: `while (auto n = take_notice()) log(*n)`.
    std::optional<std::string> take_notice();

    const std::filesystem::path& pin_file() const { return m_pin_file; }

  private:
    void read_pin_file();
    void read_lockout(Millis now);
    void write_lockout(Millis now);
    void notice(std::string text);
    bool locked(Millis now) const { return m_locked_until && now < *m_locked_until; }
    void forget_digits();

    StaffDoorSettings m_settings;
    std::filesystem::path m_pin_file;
    std::int64_t m_wall_minus_monotonic;  // wall ms = monotonic ms + this

    std::optional<std::string> m_hash;  // the valid hash last read, if any
    std::string m_off_reason;           // why there is none, as last noticed

    Phase m_phase = Phase::Closed;
    std::deque<Millis> m_corner_taps;  // recent taps in the corner, oldest first
    std::string m_digits;
    std::uint64_t m_ticket = 0;  // the check awaited (Checking), or the last one
    Millis m_last_touch = 0;

    int m_wrong_pins = 0;
    std::optional<Millis> m_locked_until;  // monotonic

    std::string m_lockout_error;        // the last failure to write the record, as noticed
    std::deque<std::string> m_notices;  // for take_notice(), oldest first
};

}  // namespace amanat
