#include "app/staff_entrance.hpp"

#include <chrono>
#include <cstdint>
#include <utility>

#include "app/staff_words.hpp"
#include "core/staff/staff_pin.hpp"

namespace amanat {
namespace {

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

StaffDoorSettings door_settings(float corner_side) {
    StaffDoorSettings settings;
    settings.corner_side = corner_side;
    return settings;
}

}  // namespace

StaffEntrance::StaffEntrance(const KioskConfig& config, platform::KioskWindow& window, float corner_side,
                             Millis now)
    : m_window(window), m_door(door_settings(corner_side), staff_pin_file(config), now, wall_ms()) {
    log_notices();
}

StaffEntrance::~StaffEntrance() {
    if (m_pin_answer.valid()) m_pin_answer.wait();
}

// One notice at a time, as the door gives them.
void StaffEntrance::log_notices() {
    if (auto notice = m_door.take_notice()) staff::log(*notice);
}

bool StaffEntrance::watch_corner(const std::vector<Gesture>& gestures, float width, float height,
                                 Millis now) {
    bool opened = false;
    for (const Gesture& g : gestures) {
        if (g.kind != Gesture::Kind::Tap && g.kind != Gesture::Kind::DoubleTap) continue;
        opened = m_door.tap(g.x, g.y, width, height, now) || opened;
    }
    log_notices();
    if (opened) staff::log("PIN pad opened");
    return opened;
}

void StaffEntrance::submit(Millis now) {
    auto check = m_door.submit(now);
    if (!check) return;
    // Argon2id takes a fraction of a second on purpose: off the render thread.
    m_pin_check = std::move(check);
    m_pin_answer = std::async(std::launch::async,
                              [hash = m_pin_check->hash, pin = m_pin_check->pin, &window = m_window] {
                                  const bool right = verify_pin(hash, pin);
                                  window.wake();
                                  return right;
                              });
    m_pin_check->pin.clear();
}

StaffEntrance::Answer StaffEntrance::take_pin_answer(Millis now) {
    if (!m_pin_answer.valid() || m_pin_answer.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return Answer::None;
    const bool right = m_pin_answer.get();
    Answer answer = Answer::None;
    if (m_pin_check) {
        if (right) {
            m_door.pin_accepted(m_pin_check->ticket, now);
            staff::log("staff mode opened");
            answer = Answer::Accepted;
        } else {
            m_door.pin_refused(m_pin_check->ticket, now);
            staff::log("a wrong PIN was entered");
            answer = Answer::Refused;
        }
    }
    m_pin_check.reset();
    log_notices();
    return answer;
}

void StaffEntrance::close(const char* why) {
    m_door.close();
    staff::log(why);
}

void StaffEntrance::describe(ui::StaffView& view, Millis now) const {
    using Phase = ui::StaffView::Phase;
    switch (m_door.phase()) {
        case StaffDoor::Phase::Closed:
            view.phase = Phase::Closed;
            break;
        case StaffDoor::Phase::AskingPin:
            view.phase = Phase::Pin;
            break;
        case StaffDoor::Phase::Checking:
            view.phase = Phase::Checking;
            break;
        case StaffDoor::Phase::Open:
            view.phase = Phase::Open;
            break;
    }
    view.digits = m_door.digits_typed();
    view.can_submit = m_door.can_submit(now);
    view.attempts_left = m_door.attempts_left(now);
    view.lockout_left = m_door.lockout_left(now);
}

}  // namespace amanat
