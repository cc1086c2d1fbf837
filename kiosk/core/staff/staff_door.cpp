#include "core/staff/staff_door.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/staff/staff_pin.hpp"

namespace amanat {
namespace {

// The lockout record's two lines after the comment; see write_lockout().
constexpr const char* kWrongPinsKey = "wrong_pins";
constexpr const char* kLockedUntilKey = "locked_until_unix_ms";

}  // namespace

StaffDoor::StaffDoor(StaffDoorSettings settings, std::filesystem::path pin_file, Millis now,
                     std::int64_t wall_ms_now)
    : m_settings(settings),
      m_pin_file(std::move(pin_file)),
      m_wall_minus_monotonic(wall_ms_now - now),
      m_last_touch(now) {
    read_pin_file();
    read_lockout(now);
}

bool StaffDoor::tap(float x, float y, float screen_width, float screen_height, Millis now) {
    if (m_phase != Phase::Closed) {
        touch(now);
        return false;
    }
    float side = m_settings.corner_side;
    if (screen_width > 0 && screen_height > 0)
        side = std::min(side, std::min(screen_width, screen_height) / 4);
    const bool in_corner = std::isfinite(x) && std::isfinite(y) && x >= 0 && y >= 0 && x < side && y < side;
    if (!in_corner) {
        m_corner_taps.clear();
        return false;
    }
    m_corner_taps.push_back(now);
    while (!m_corner_taps.empty() && now - m_corner_taps.front() > m_settings.corner_taps_within)
        m_corner_taps.pop_front();
    if (static_cast<int>(m_corner_taps.size()) < m_settings.corner_taps) return false;
    m_corner_taps.clear();

    // Read again now rather than trusting the start's: staff may have set or
    // cleared the PIN since, and this happens a few times a day at most.
    read_pin_file();
    if (!m_hash) return false;
    forget_digits();
    m_phase = Phase::AskingPin;
    m_last_touch = now;
    return true;
}

void StaffDoor::type_digit(int digit, Millis now) {
    if (m_phase != Phase::AskingPin) return;
    touch(now);
    if (digit < 0 || digit > 9 || locked(now)) return;
    if (digits_typed() < kStaffPinMaxDigits) m_digits.push_back(static_cast<char>('0' + digit));
}

void StaffDoor::erase_digit(Millis now) {
    if (m_phase != Phase::AskingPin) return;
    touch(now);
    if (m_digits.empty()) return;
    m_digits.back() = '\0';
    m_digits.pop_back();
}

void StaffDoor::clear_digits(Millis now) {
    if (m_phase != Phase::AskingPin) return;
    touch(now);
    forget_digits();
}

bool StaffDoor::can_submit(Millis now) const {
    return m_phase == Phase::AskingPin && m_hash && !locked(now) && digits_typed() >= kStaffPinMinDigits &&
           digits_typed() <= kStaffPinMaxDigits;
}

std::optional<PinCheck> StaffDoor::submit(Millis now) {
    if (m_phase != Phase::AskingPin) return std::nullopt;
    touch(now);
    if (locked(now)) {
        // Refused without checking: a lockout must not be a way to keep guessing.
        forget_digits();
        return std::nullopt;
    }
    if (!can_submit(now)) return std::nullopt;  // too few digits: keep them, let them type on
    PinCheck check{++m_ticket, *m_hash, m_digits};
    forget_digits();
    m_phase = Phase::Checking;
    return check;
}

void StaffDoor::pin_accepted(std::uint64_t ticket, Millis now) {
    if (m_phase != Phase::Checking || ticket != m_ticket) return;
    m_phase = Phase::Open;
    m_last_touch = now;
    m_locked_until.reset();
    if (m_wrong_pins > 0) {
        m_wrong_pins = 0;
        write_lockout(now);
    }
}

void StaffDoor::pin_refused(std::uint64_t ticket, Millis now) {
    if (m_phase != Phase::Checking || ticket != m_ticket) return;
    m_phase = Phase::AskingPin;
    m_last_touch = now;
    if (++m_wrong_pins >= m_settings.attempts_before_lockout) {
        m_locked_until = now + m_settings.lockout;
        m_wrong_pins = 0;  // after the lockout, as many tries as at first
        // For whoever reads the log: someone may be guessing.
        notice(std::to_string(m_settings.attempts_before_lockout) +
               " wrong staff PINs in a row: the PIN pad is locked for " +
               std::to_string(m_settings.lockout / 1000) + " seconds");
    }
    write_lockout(now);
}

int StaffDoor::attempts_left(Millis now) const {
    if (locked(now)) return 0;
    return std::max(0, m_settings.attempts_before_lockout - m_wrong_pins);
}

Millis StaffDoor::lockout_left(Millis now) const {
    return locked(now) ? *m_locked_until - now : 0;
}

void StaffDoor::touch(Millis now) {
    if (m_phase != Phase::Closed) m_last_touch = std::max(m_last_touch, now);
}

bool StaffDoor::expired(Millis now) const {
    switch (m_phase) {
        case Phase::AskingPin:
            return now - m_last_touch >= m_settings.pin_pad_timeout;
        case Phase::Open:
            return now - m_last_touch >= m_settings.session_timeout;
        case Phase::Closed:
        case Phase::Checking:  // the answer comes within a second; then the pad's timeout runs
            return false;
    }
    return false;
}

void StaffDoor::close() {
    m_phase = Phase::Closed;
    m_corner_taps.clear();
    forget_digits();
}

Millis StaffDoor::next_deadline(Millis now) const {
    switch (m_phase) {
        case Phase::AskingPin: {
            Millis deadline = m_last_touch + m_settings.pin_pad_timeout;
            if (locked(now)) {
                // The pad counts the lockout down in whole seconds.
                const Millis left = *m_locked_until - now;
                const Millis into_second = left % 1000;
                deadline = std::min(deadline, now + (into_second == 0 ? 1000 : into_second));
            }
            return deadline;
        }
        case Phase::Open:
            return m_last_touch + m_settings.session_timeout;
        case Phase::Closed:
        case Phase::Checking:  // the worker wakes the loop with its answer
            return -1;
    }
    return -1;
}

std::optional<std::string> StaffDoor::take_notice() {
    if (m_notices.empty()) return std::nullopt;
    std::string text = std::move(m_notices.front());
    m_notices.pop_front();
    return text;
}

void StaffDoor::read_pin_file() {
    std::string why_not;
    std::optional<std::string> hash = load_pin_hash(m_pin_file, why_not);
    if (!hash) {
        if (why_not != m_off_reason) notice(why_not);  // once per reason, not at every gesture
        m_off_reason = why_not;
        m_hash.reset();
        return;
    }
    if (m_hash != hash) {
        if (!m_off_reason.empty())
            notice("a staff PIN is set in " + m_pin_file.string() + "; staff mode is on");
        // A new PIN (set-pin also removes the record): the wrong PINs were tries at the old one.
        if (m_hash || !m_off_reason.empty()) {
            m_wrong_pins = 0;
            m_locked_until.reset();
        }
    }
    m_off_reason.clear();
    m_hash = std::move(hash);
}

// The record is three lines of text, for whoever looks at the folder:
//   # amanat staff mode: wrong PINs in a row, and when the lockout ends (Unix ms, 0: none)
//   wrong_pins 3
//   locked_until_unix_ms 0
void StaffDoor::read_lockout(Millis now) {
    const std::filesystem::path file = staff_lockout_file(m_pin_file);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec) && !ec) return;  // no wrong PINs since the PIN was set
    std::ifstream in(file);
    if (!in) {
        notice("cannot read the staff lockout record " + file.string() +
               "; staff mode is locked for one lockout period");
        m_locked_until = now + m_settings.lockout;
        write_lockout(now);  // replaced, so that the next start does not lock again
        return;
    }
    std::optional<long long> wrong_pins;
    std::optional<long long> locked_until_wall;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string key;
        long long value = 0;
        if (!(fields >> key >> value)) break;
        if (key == kWrongPinsKey) wrong_pins = value;
        if (key == kLockedUntilKey) locked_until_wall = value;
    }
    if (!wrong_pins || !locked_until_wall || *wrong_pins < 0) {
        notice("the staff lockout record " + file.string() +
               " is damaged; staff mode is locked for one lockout period");
        m_locked_until = now + m_settings.lockout;
        write_lockout(now);  // replaced, so that the next start does not lock again
        return;
    }
    m_wrong_pins = static_cast<int>(std::min<long long>(*wrong_pins, m_settings.attempts_before_lockout - 1));
    const std::int64_t wall_now = now + m_wall_minus_monotonic;
    if (*locked_until_wall > wall_now) {
        // Never longer than one period: a wall clock set back must not lock staff out for hours.
        m_locked_until = now + std::min<std::int64_t>(*locked_until_wall - wall_now, m_settings.lockout);
    }
}

void StaffDoor::write_lockout(Millis now) {
    const std::int64_t locked_until_wall = locked(now) ? *m_locked_until + m_wall_minus_monotonic : 0;
    std::string text =
        "# amanat staff mode: wrong PINs in a row, and when the lockout ends (Unix ms, 0: none)\n";
    text += std::string(kWrongPinsKey) + " " + std::to_string(m_wrong_pins) + "\n";
    text += std::string(kLockedUntilKey) + " " + std::to_string(locked_until_wall) + "\n";
    std::string error;
    if (write_staff_file(staff_lockout_file(m_pin_file), text, error)) {
        m_lockout_error.clear();
        return;
    }
    if (error != m_lockout_error)
        notice(error + "; wrong staff PINs are counted, but a restart of the kiosk would forget them");
    m_lockout_error = error;
}

void StaffDoor::notice(std::string text) {
    m_notices.push_back(std::move(text));
}

void StaffDoor::forget_digits() {
    // The PIN should not linger in memory longer than it takes to check it.
    sodium_memzero(m_digits.data(), m_digits.size());
    m_digits.clear();
}

}  // namespace amanat
