#pragma once

#include <vector>

#include "core/visit/clock.hpp"

namespace amanat {

// One-dimensional kinetic scrolling, like a phone's list: the content follows the
// finger, flies on with the release velocity and slows down, resists being pulled
// beyond its ends and springs back. UI-free; time is passed in (an injected
// clock) and the motion is computed in closed form, so it is the same whatever
// the frame rate. Render thread only.
//
// The offset is how far the content is scrolled: 0 shows its start, max_offset()
// its end. It grows when the finger moves up (or left), so the UI passes
// drag_by(-finger_dy).
class KineticScroll {
  public:
    // The scroll range becomes [0, max(0, content_length - viewport_length)]. Cheap
    // when nothing changed, so the UI may call it every frame. If the range shrinks
    // under a still offset, the offset is clamped into it at once.
    void set_extent(float content_length, float viewport_length);

    // Finger down: catches (stops) any fling or spring-back where it is now.
    void press(Millis now);
    // Finger moved: the offset changes by `delta` px (positive scrolls towards the
    // end), with rubber-band resistance beyond the ends. Presses first if needed.
    void drag_by(float delta, Millis now);
    // Finger lifted: flings with the velocity of the last ~100 ms of dragging, or
    // springs back to the nearest end if pulled beyond it. Ignored when not pressed.
    void release(Millis now);
    // Advances a fling or spring-back to `now`. Earlier times are ignored.
    void step(Millis now);
    // Jumps (e.g. back to the start), clamped into range; stops any motion.
    void scroll_to(float offset);

    // The current offset; below 0 or above max_offset() only while rubber-banding.
    float offset() const { return m_offset; }
    float max_offset() const { return m_max_offset; }
    // True during a fling or spring-back: the render loop must keep drawing.
    bool animating() const { return m_phase == Phase::Fling || m_phase == Phase::Spring; }
    bool pressed() const { return m_phase == Phase::Dragging; }

  private:
    enum class Phase { Idle, Dragging, Fling, Spring };
    struct Sample {
        Millis time;
        float offset;
    };

    // Chooses the motion that follows `offset` moving at `velocity` (px per ms) at
    // `time`: a spring-back when out of range, a fling when fast enough, else rest.
    void start_motion(double offset, double velocity, double time);
    void start_spring(double offset, double velocity, double time);
    void advance_to(double time);
    // Position and velocity of the current motion `elapsed` ms after it started.
    double motion_offset(double elapsed) const;
    double motion_velocity(double elapsed) const;

    float rubber_band(double unconstrained) const;
    double unconstrained_from(float offset) const;
    float release_velocity() const;

    float m_max_offset = 0;
    float m_viewport_length = 0;
    float m_offset = 0;
    Phase m_phase = Phase::Idle;
    Millis m_now = 0;  // the latest time seen

    // Dragging: where the finger alone would have put the content; the offset is
    // this with rubber-band resistance applied beyond the ends.
    double m_unconstrained = 0;
    std::vector<Sample> m_samples;  // recent offsets while dragging, for the release velocity

    // Fling and Spring: the state they started from. Starts may fall between
    // milliseconds (an end reached mid-frame), hence double.
    double m_motion_start_time = 0;
    double m_motion_start_offset = 0;
    double m_motion_start_velocity = 0;
    float m_spring_end = 0;  // Spring: the end it returns to
};

}  // namespace amanat
