#include "core/visit/gesture.hpp"

#include <algorithm>
#include <cmath>

namespace amanat {

namespace {

// Release velocity is measured over the finger's last moments only: what it did
// earlier in a long drag says nothing about how it was flicked.
constexpr Millis kVelocityWindow = 100;

// A swipe is "mostly along one axis" when the other axis moved at most this
// fraction as far (within about 27 degrees of the axis).
constexpr float kSwipeMaxCrossRatio = 0.5f;

// Smallest pinch start distance used as a divisor: two touches reported at the
// same point must not make the scale infinite.
constexpr float kMinPinchDistance = 1;

float distance(float x0, float y0, float x1, float y1) {
    return std::hypot(x1 - x0, y1 - y0);
}

}  // namespace

GestureRecognizer::GestureRecognizer(GestureSettings settings) : m_settings(settings) {}

void GestureRecognizer::reset() {
    m_fingers.clear();
    m_samples.clear();
    m_mode = Mode::Idle;
    m_last_tap.reset();
}

void GestureRecognizer::feed(const PointerEvent& event, std::vector<Gesture>& out) {
    if (event.kind == PointerEvent::Kind::Cancel) {
        cancel(event.time, out);
        return;
    }
    if (!std::isfinite(event.x) || !std::isfinite(event.y)) return;
    switch (event.kind) {
        case PointerEvent::Kind::Down:
            down(event, out);
            break;
        case PointerEvent::Kind::Up:
            up(event, out);
            break;
        case PointerEvent::Kind::Move: {
            const auto finger = std::find_if(m_fingers.begin(), m_fingers.end(),
                                             [&](const Finger& f) { return f.id == event.finger; });
            if (finger != m_fingers.end()) move(*finger, event.x, event.y, event.time, out);
            break;
        }
        case PointerEvent::Kind::Cancel:
            break;
    }
}

void GestureRecognizer::down(const PointerEvent& event, std::vector<Gesture>& out) {
    const bool already_down = std::any_of(m_fingers.begin(), m_fingers.end(),
                                          [&](const Finger& f) { return f.id == event.finger; });
    if (already_down) cancel(event.time, out);

    m_fingers.push_back(Finger{event.finger, event.x, event.y, event.x, event.y, event.time});
    if (m_fingers.size() == 1) {
        m_mode = Mode::Pending;
        m_samples.clear();
        add_sample(event.x, event.y, event.time);
    } else if (m_fingers.size() == 2) {
        if (m_mode == Mode::Dragging) {
            // Zero velocity: the finger did not let go, so the dragged content
            // must not fling away while the visitor pinches.
            out.push_back(drag_end(m_fingers.front(), 0, 0, event.time));
        }
        begin_pinch(event.time, out);
    }
    // A third finger and more are tracked (so their Up is known) but not used.
}

void GestureRecognizer::move(Finger& finger, float x, float y, Millis time, std::vector<Gesture>& out) {
    const bool moved = x != finger.x || y != finger.y;
    finger.x = x;
    finger.y = y;
    switch (m_mode) {
        case Mode::Pending:
            add_sample(x, y, time);
            if (distance(finger.start_x, finger.start_y, x, y) > m_settings.tap_slop) {
                begin_drag(finger, time, out);
            }
            break;
        case Mode::Dragging: {
            // A sample even without movement: a finger that stopped before
            // lifting must not fling.
            add_sample(x, y, time);
            if (!moved) break;
            Gesture drag{.kind = Gesture::Kind::Drag,
                         .x = x,
                         .y = y,
                         .start_x = finger.start_x,
                         .start_y = finger.start_y,
                         .dx = x - m_drag_x,
                         .dy = y - m_drag_y,
                         .time = time};
            m_drag_x = x;
            m_drag_y = y;
            out.push_back(drag);
            break;
        }
        case Mode::Pinching: {
            const bool in_pinch = &finger == &m_fingers[0] || &finger == &m_fingers[1];
            if (in_pinch && moved) out.push_back(update_pinch(Gesture::Kind::Pinch, time));
            break;
        }
        case Mode::Idle:
        case Mode::Spent:
            break;
    }
}

void GestureRecognizer::up(const PointerEvent& event, std::vector<Gesture>& out) {
    const auto found = std::find_if(m_fingers.begin(), m_fingers.end(),
                                    [&](const Finger& f) { return f.id == event.finger; });
    if (found == m_fingers.end()) return;
    // The lift position may differ from the last Move: it counts as one more move
    // (it may start a drag or end a pinch with a last update).
    move(*found, event.x, event.y, event.time, out);
    const Finger finger = *found;
    const auto index = found - m_fingers.begin();
    m_fingers.erase(found);

    switch (m_mode) {
        case Mode::Pending: {
            const bool quick = event.time - finger.down_time <= m_settings.tap_max_duration;
            if (!quick) {
                m_last_tap.reset();  // a long press is no tap and breaks a double tap
                break;
            }
            Gesture tap{.kind = Gesture::Kind::Tap,
                        .x = finger.start_x,
                        .y = finger.start_y,
                        .start_x = finger.start_x,
                        .start_y = finger.start_y,
                        .time = event.time};
            const Millis since_last = m_last_tap ? finger.down_time - m_last_tap->time : 0;
            if (m_last_tap && since_last >= 0 && since_last <= m_settings.double_tap_interval &&
                distance(m_last_tap->x, m_last_tap->y, finger.start_x, finger.start_y) <=
                    m_settings.double_tap_slop) {
                tap.kind = Gesture::Kind::DoubleTap;
                tap.start_x = m_last_tap->x;
                tap.start_y = m_last_tap->y;
                m_last_tap.reset();  // a third tap starts a new pair
            } else {
                m_last_tap = Tap{event.time, finger.start_x, finger.start_y};
            }
            out.push_back(tap);
            break;
        }
        case Mode::Dragging: {
            float velocity_x = 0, velocity_y = 0;
            release_velocity(velocity_x, velocity_y);
            out.push_back(drag_end(finger, velocity_x, velocity_y, event.time));
            if (auto swiped = swipe(finger, velocity_x, velocity_y, event.time)) out.push_back(*swiped);
            break;
        }
        case Mode::Pinching:
            if (index >= 2) break;  // an extra finger, not part of the pinch
            if (m_fingers.size() >= 2) {
                rebase_pinch();
            } else {
                out.push_back(pinch_end(event.time));
                m_mode = Mode::Spent;
            }
            break;
        case Mode::Idle:
        case Mode::Spent:
            break;
    }
    if (m_fingers.empty()) m_mode = Mode::Idle;
}

void GestureRecognizer::cancel(Millis time, std::vector<Gesture>& out) {
    if (m_mode == Mode::Dragging && !m_fingers.empty()) {
        out.push_back(drag_end(m_fingers.front(), 0, 0, time));
    } else if (m_mode == Mode::Pinching) {
        out.push_back(pinch_end(time));
    }
    m_fingers.clear();
    m_samples.clear();
    m_mode = Mode::Idle;
    m_last_tap.reset();
}

void GestureRecognizer::begin_drag(const Finger& finger, Millis time, std::vector<Gesture>& out) {
    m_mode = Mode::Dragging;
    m_last_tap.reset();
    out.push_back(Gesture{.kind = Gesture::Kind::DragBegin,
                          .x = finger.x,
                          .y = finger.y,
                          .start_x = finger.start_x,
                          .start_y = finger.start_y,
                          .time = time});
    // The first Drag carries the movement within the slop too, so that content
    // dragged by the UI stays under the finger.
    out.push_back(Gesture{.kind = Gesture::Kind::Drag,
                          .x = finger.x,
                          .y = finger.y,
                          .start_x = finger.start_x,
                          .start_y = finger.start_y,
                          .dx = finger.x - finger.start_x,
                          .dy = finger.y - finger.start_y,
                          .time = time});
    m_drag_x = finger.x;
    m_drag_y = finger.y;
}

Gesture GestureRecognizer::drag_end(const Finger& finger, float velocity_x, float velocity_y,
                                    Millis time) const {
    return Gesture{.kind = Gesture::Kind::DragEnd,
                   .x = finger.x,
                   .y = finger.y,
                   .start_x = finger.start_x,
                   .start_y = finger.start_y,
                   .dx = finger.x - finger.start_x,
                   .dy = finger.y - finger.start_y,
                   .velocity_x = velocity_x,
                   .velocity_y = velocity_y,
                   .time = time};
}

std::optional<Gesture> GestureRecognizer::swipe(const Finger& finger, float velocity_x, float velocity_y,
                                                Millis time) const {
    const float dx = finger.x - finger.start_x;
    const float dy = finger.y - finger.start_y;
    const bool horizontal = std::abs(dx) >= std::abs(dy);
    const float along = horizontal ? dx : dy;
    const float across = horizontal ? dy : dx;
    // Velocity along the swipe's direction: a finger that went right and was
    // pulled back at the end is no swipe to the right.
    const float speed = (horizontal ? velocity_x : velocity_y) * (along < 0 ? -1.0f : 1.0f);
    if (std::abs(along) < m_settings.swipe_min_distance) return std::nullopt;
    if (std::abs(across) > std::abs(along) * kSwipeMaxCrossRatio) return std::nullopt;
    if (speed < m_settings.swipe_min_velocity) return std::nullopt;
    return Gesture{.kind = Gesture::Kind::Swipe,
                   .x = finger.x,
                   .y = finger.y,
                   .start_x = finger.start_x,
                   .start_y = finger.start_y,
                   .dx = horizontal ? dx : 0,
                   .dy = horizontal ? 0 : dy,
                   .velocity_x = velocity_x,
                   .velocity_y = velocity_y,
                   .time = time};
}

void GestureRecognizer::add_sample(float x, float y, Millis time) {
    m_samples.push_back(Sample{time, x, y});
    // Keep the samples in the window plus the one just before it, which measures
    // the velocity when the finger sent no event within the window.
    while (m_samples.size() > 2 && m_samples[1].time <= time - kVelocityWindow) {
        m_samples.erase(m_samples.begin());
    }
}

void GestureRecognizer::release_velocity(float& velocity_x, float& velocity_y) const {
    velocity_x = velocity_y = 0;
    if (m_samples.size() < 2) return;
    const Sample& last = m_samples.back();
    std::size_t from = 0;
    while (from + 1 < m_samples.size() - 1 && m_samples[from].time < last.time - kVelocityWindow) ++from;
    // Samples taken in one batch (the loop was busy drawing) share a time: measure
    // from the latest sample before them.
    while (from > 0 && m_samples[from].time >= last.time) --from;
    const Sample& first = m_samples[from];
    const Millis elapsed = last.time - first.time;
    if (elapsed <= 0) return;
    velocity_x = (last.x - first.x) / static_cast<float>(elapsed);
    velocity_y = (last.y - first.y) / static_cast<float>(elapsed);
}

void GestureRecognizer::begin_pinch(Millis time, std::vector<Gesture>& out) {
    m_mode = Mode::Pinching;
    m_last_tap.reset();
    m_samples.clear();
    m_pinch_start_distance = std::max(pinch_distance(), kMinPinchDistance);
    m_pinch_scale = 1;
    m_pinch_start_x = m_pinch_x = (m_fingers[0].x + m_fingers[1].x) / 2;
    m_pinch_start_y = m_pinch_y = (m_fingers[0].y + m_fingers[1].y) / 2;
    out.push_back(update_pinch(Gesture::Kind::PinchBegin, time));
}

void GestureRecognizer::rebase_pinch() {
    // A pinch finger lifted while others remain: the pinch carries on with the
    // next pair, its start distance chosen so that the scale does not jump.
    const float scale = std::max(m_pinch_scale, 1e-3f);
    m_pinch_start_distance = std::max(pinch_distance() / scale, kMinPinchDistance);
    m_pinch_x = (m_fingers[0].x + m_fingers[1].x) / 2;
    m_pinch_y = (m_fingers[0].y + m_fingers[1].y) / 2;
}

Gesture GestureRecognizer::update_pinch(Gesture::Kind kind, Millis time) {
    const float centre_x = (m_fingers[0].x + m_fingers[1].x) / 2;
    const float centre_y = (m_fingers[0].y + m_fingers[1].y) / 2;
    const Gesture pinch{.kind = kind,
                        .x = centre_x,
                        .y = centre_y,
                        .start_x = m_pinch_start_x,
                        .start_y = m_pinch_start_y,
                        .dx = centre_x - m_pinch_x,
                        .dy = centre_y - m_pinch_y,
                        .scale = pinch_distance() / m_pinch_start_distance,
                        .time = time};
    m_pinch_x = centre_x;
    m_pinch_y = centre_y;
    m_pinch_scale = pinch.scale;
    return pinch;
}

Gesture GestureRecognizer::pinch_end(Millis time) const {
    // From the last Pinch: the fingers that made it may be gone already.
    return Gesture{.kind = Gesture::Kind::PinchEnd,
                   .x = m_pinch_x,
                   .y = m_pinch_y,
                   .start_x = m_pinch_start_x,
                   .start_y = m_pinch_start_y,
                   .scale = m_pinch_scale,
                   .time = time};
}

float GestureRecognizer::pinch_distance() const {
    return distance(m_fingers[0].x, m_fingers[0].y, m_fingers[1].x, m_fingers[1].y);
}

}  // namespace amanat
