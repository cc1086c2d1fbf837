#pragma once

#include <optional>
#include <vector>

#include "core/visit/clock.hpp"

namespace amanat {

// One touch or mouse event, in window pixels. The platform layer numbers fingers
// (the mouse is finger 0) and stamps each event with the injected clock.
struct PointerEvent {
    enum class Kind { Down, Move, Up, Cancel } kind = Kind::Down;
    int finger = 0;
    float x = 0, y = 0;
    Millis time = 0;
};

struct GestureSettings {
    float tap_slop = 24;  // px a finger may move and still tap (the app computes it from mm and DPI)
    Millis tap_max_duration = 500;     // held longer than this, it is a long press, not a tap
    Millis double_tap_interval = 350;  // from the first tap's lift to the second tap's touch
    float double_tap_slop = 48;        // px between the two taps' touch points
    float swipe_min_distance = 80;     // px along the swipe's axis
    float swipe_min_velocity = 0.3f;   // px per ms along the swipe's axis, at release
};

struct Gesture {
    enum class Kind {
        Tap,
        DoubleTap,
        DragBegin,
        Drag,
        DragEnd,
        Swipe,
        PinchBegin,
        Pinch,
        PinchEnd
    } kind = Kind::Tap;
    float x = 0, y = 0;              // where: tap point, current drag point, pinch centre
    float start_x = 0, start_y = 0;  // where the gesture began (DoubleTap: the first tap)
    // Drag: movement since the previous Drag (the first Drag carries the movement
    // since the touch, so the Drags add up to the finger's whole path);
    // DragEnd: total movement; Swipe: total movement along the swipe's axis, the
    // other axis 0, so the sign of dx or dy is the direction;
    // Pinch: movement of the centre since the previous Pinch (panning while zooming).
    float dx = 0, dy = 0;
    float velocity_x = 0, velocity_y = 0;  // DragEnd/Swipe: release velocity, px per ms, last ~100 ms
    float scale = 1;                       // Pinch/PinchEnd: finger distance relative to PinchBegin's
    Millis time = 0;
};

// Turns pointer events into taps, drags, swipes and pinches, for a UI toolkit
// without touch support. UI-free and clock-free: events carry their time.
//
// One interaction lasts from the first finger down to the last finger up:
// - one finger that stays within tap_slop and lifts within tap_max_duration taps
//   (at the touch point); a tap soon after and near a tap is a DoubleTap instead;
// - one finger moving beyond tap_slop drags: DragBegin, Drag..., DragEnd on lift,
//   followed by a Swipe if the drag was long, fast and mostly along one axis;
// - a second finger pinches: (DragEnd,) PinchBegin, Pinch..., PinchEnd when fewer
//   than two fingers remain. The rest of that interaction reports nothing.
// Render thread only.
class GestureRecognizer {
  public:
    explicit GestureRecognizer(GestureSettings settings = {});

    // Feeds one event; appends the gestures it completes or updates to `out`.
    // Move and Up of fingers that are not down are ignored, as are events with
    // non-finite coordinates. Cancel (any finger) ends the interaction: a drag
    // gets DragEnd with zero velocity (no fling, no swipe), a pinch PinchEnd, and
    // nothing taps. A Down of a finger already down means its Up was lost: the
    // interaction is cancelled and a new one starts.
    void feed(const PointerEvent& event, std::vector<Gesture>& out);

    // Forgets fingers in progress and the last tap without reporting anything
    // (e.g. when the kiosk resets for the next visitor).
    void reset();

    bool finger_down() const { return !m_fingers.empty(); }

  private:
    enum class Mode {
        Idle,      // no finger down
        Pending,   // one finger down, still within tap_slop: may become a tap
        Dragging,  // one finger down that has moved beyond tap_slop
        Pinching,  // two or more fingers down
        Spent,     // a pinch ended with a finger still down: it reports nothing
    };
    struct Finger {
        int id;
        float start_x, start_y;
        float x, y;
        Millis down_time;
    };
    struct Sample {
        Millis time;
        float x, y;
    };
    struct Tap {
        Millis time;
        float x, y;
    };

    void down(const PointerEvent& event, std::vector<Gesture>& out);
    void move(Finger& finger, float x, float y, Millis time, std::vector<Gesture>& out);
    void up(const PointerEvent& event, std::vector<Gesture>& out);
    void cancel(Millis time, std::vector<Gesture>& out);

    void begin_drag(const Finger& finger, Millis time, std::vector<Gesture>& out);
    Gesture drag_end(const Finger& finger, float velocity_x, float velocity_y, Millis time) const;
    std::optional<Gesture> swipe(const Finger& finger, float velocity_x, float velocity_y, Millis time) const;
    void add_sample(float x, float y, Millis time);
    void release_velocity(float& velocity_x, float& velocity_y) const;

    void begin_pinch(Millis time, std::vector<Gesture>& out);
    void rebase_pinch();
    Gesture update_pinch(Gesture::Kind kind, Millis time);
    Gesture pinch_end(Millis time) const;
    float pinch_distance() const;

    GestureSettings m_settings;
    std::vector<Finger> m_fingers;  // in the order they touched; a pinch uses the first two
    Mode m_mode = Mode::Idle;

    float m_drag_x = 0, m_drag_y = 0;  // the position the last Drag reported
    std::vector<Sample> m_samples;     // the dragging finger's recent path, for its velocity

    float m_pinch_start_distance = 1;
    float m_pinch_start_x = 0, m_pinch_start_y = 0;
    float m_pinch_x = 0, m_pinch_y = 0;  // the centre and scale the last Pinch reported
    float m_pinch_scale = 1;

    std::optional<Tap> m_last_tap;  // a tap that a second one may turn into a double tap
};

}  // namespace amanat
