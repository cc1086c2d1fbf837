#include "core/visit/kinetic_scroll.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace amanat {

namespace {

// Fling: velocity decays as exp(-t / tau); tau = 325 ms is the time constant of
// the iOS and Android scrollers, which visitors' hands already know.
constexpr double kFlingTimeConstant = 325;
// Below this speed (px per ms) a fling has stopped: the distance left, speed * tau,
// is under 7 px and would crawl on for a second.
constexpr double kStopSpeed = 0.02;
// A release slower than this (px per ms) is a finger that stopped, not a flick.
constexpr double kMinFlingSpeed = 0.05;
// Jittery touch screens can report absurd speeds; phones cap flings about here.
constexpr double kMaxFlingSpeed = 8;

// Velocity is measured over the finger's last moments only.
constexpr Millis kVelocityWindow = 100;

// Rubber band (the iOS formula): pulled x px beyond an end, the content moves
// (1 - 1 / (x * c / d + 1)) * d px, d being the viewport length: nearly 1:1 at
// first, never reaching d.
constexpr double kRubberBandStiffness = 0.55;

// Spring-back: critically damped (no oscillation), angular frequency omega per ms.
// From 100 px out it is within half a pixel after ~500 ms.
constexpr double kSpringOmega = 0.015;
// A spring has settled, and snaps exactly onto the end, within these.
constexpr double kSettledDistance = 0.5;
constexpr double kSettledSpeed = 0.05;
// A fling hitting an end bounces out by at most this fraction of the viewport.
constexpr double kMaxBounceFraction = 0.125;

// Phase changes within one step (fling -> end -> spring -> ...) are few; the cap
// only guards against a loop that floating point might make endless.
constexpr int kMaxPhaseChangesPerStep = 8;

bool finite(double value) {
    return std::isfinite(value);
}

}  // namespace

void KineticScroll::set_extent(float content_length, float viewport_length) {
    if (!finite(content_length)) content_length = 0;
    if (!finite(viewport_length)) viewport_length = 0;
    const float max_offset = std::max(0.0f, content_length - viewport_length);
    viewport_length = std::max(0.0f, viewport_length);
    if (max_offset == m_max_offset && viewport_length == m_viewport_length) return;

    // Moving motion, seen against the old range, re-planned against the new one.
    const double elapsed = m_now - m_motion_start_time;
    const double velocity = animating() ? motion_velocity(elapsed) : 0;
    m_max_offset = max_offset;
    m_viewport_length = viewport_length;
    switch (m_phase) {
        case Phase::Idle:
            m_offset = std::clamp(m_offset, 0.0f, m_max_offset);
            break;
        case Phase::Dragging:
            m_offset = rubber_band(m_unconstrained);
            break;
        case Phase::Fling:
        case Phase::Spring:
            start_motion(m_offset, velocity, static_cast<double>(m_now));
            break;
    }
}

void KineticScroll::press(Millis now) {
    step(now);
    m_now = std::max(m_now, now);
    m_phase = Phase::Dragging;
    m_unconstrained = unconstrained_from(m_offset);
    m_samples.clear();
    m_samples.push_back(Sample{m_now, m_offset});
}

void KineticScroll::drag_by(float delta, Millis now) {
    if (m_phase != Phase::Dragging) press(now);
    m_now = std::max(m_now, now);
    if (finite(delta)) m_unconstrained += delta;
    m_offset = rubber_band(m_unconstrained);
    m_samples.push_back(Sample{m_now, m_offset});
    // Keep the samples in the window plus the one just before it, which measures
    // the velocity when no drag came within the window.
    while (m_samples.size() > 2 && m_samples[1].time <= m_now - kVelocityWindow) {
        m_samples.erase(m_samples.begin());
    }
}

void KineticScroll::release(Millis now) {
    if (m_phase != Phase::Dragging) return;
    m_now = std::max(m_now, now);
    m_samples.push_back(Sample{m_now, m_offset});
    double velocity = std::clamp<double>(release_velocity(), -kMaxFlingSpeed, kMaxFlingSpeed);
    const bool in_range = m_offset >= 0 && m_offset <= m_max_offset;
    if (in_range && std::abs(velocity) < kMinFlingSpeed) velocity = 0;
    m_samples.clear();
    start_motion(m_offset, velocity, static_cast<double>(m_now));
}

void KineticScroll::step(Millis now) {
    if (now <= m_now) return;
    m_now = now;
    if (animating()) advance_to(static_cast<double>(now));
}

void KineticScroll::scroll_to(float offset) {
    m_offset = finite(offset) ? std::clamp(offset, 0.0f, m_max_offset) : 0.0f;
    m_phase = Phase::Idle;
    m_samples.clear();
}

void KineticScroll::start_motion(double offset, double velocity, double time) {
    if (!finite(offset)) offset = 0;
    if (!finite(velocity)) velocity = 0;
    const double max_offset = m_max_offset;
    if (offset < 0 || offset > max_offset) {
        start_spring(offset, velocity, time);
    } else if (std::abs(velocity) >= kStopSpeed) {
        m_phase = Phase::Fling;
        m_motion_start_time = time;
        m_motion_start_offset = offset;
        m_motion_start_velocity = velocity;
        m_offset = static_cast<float>(offset);
    } else {
        m_phase = Phase::Idle;
        m_offset = static_cast<float>(offset);
    }
}

void KineticScroll::start_spring(double offset, double velocity, double time) {
    // The end `offset` is beyond, or the one a fling has just reached (exactly 0
    // or max: a fling reaching the top must not spring to the bottom).
    const bool top = 2 * offset < m_max_offset || (2 * offset == m_max_offset && velocity < 0);
    m_spring_end = top ? 0.0f : m_max_offset;
    const bool outwards = top ? velocity < 0 : velocity > 0;
    if (outwards) {
        // A critically damped spring moving out at v goes at most v / (omega * e)
        // further: limit that, or a hard fling would fly far off the end.
        const double max_speed =
            kSpringOmega * std::exp(1.0) * kMaxBounceFraction * std::max<double>(m_viewport_length, 1.0);
        velocity = std::clamp(velocity, -max_speed, max_speed);
    }
    m_phase = Phase::Spring;
    m_motion_start_time = time;
    m_motion_start_offset = offset;
    m_motion_start_velocity = velocity;
    m_offset = static_cast<float>(offset);
}

void KineticScroll::advance_to(double time) {
    for (int change = 0; change < kMaxPhaseChangesPerStep && animating(); ++change) {
        const double elapsed = time - m_motion_start_time;
        const double x0 = m_motion_start_offset;
        const double v0 = m_motion_start_velocity;
        if (m_phase == Phase::Fling) {
            const double tau = kFlingTimeConstant;
            const double stop_after =
                std::abs(v0) > kStopSpeed ? tau * std::log(std::abs(v0) / kStopSpeed) : 0;
            // When the fling would reach the end it is heading for: the distance
            // to it against the whole distance it could still travel, v0 * tau.
            const double end = v0 > 0 ? m_max_offset : 0;
            const double to_end = std::max(0.0, (end - x0) * (v0 > 0 ? 1 : -1));
            const double fraction = to_end / (std::abs(v0) * tau);
            const double end_after =
                fraction < 1 ? -tau * std::log1p(-fraction) : std::numeric_limits<double>::infinity();
            if (end_after < stop_after && end_after <= elapsed) {
                start_spring(end, motion_velocity(end_after), m_motion_start_time + end_after);
                continue;
            }
            if (stop_after <= elapsed) {
                m_offset = std::clamp(static_cast<float>(motion_offset(stop_after)), 0.0f, m_max_offset);
                m_phase = Phase::Idle;
                return;
            }
            m_offset = static_cast<float>(motion_offset(elapsed));
            return;
        }
        // Spring: y(t) = (y0 + (v0 + omega * y0) * t) * exp(-omega * t) around the
        // end. It crosses the end at most once, when thrown back hard enough; then
        // the content flies on into the range as a fling.
        const double y0 = x0 - m_spring_end;
        const double b = v0 + kSpringOmega * y0;
        if (y0 * b < 0) {
            const double cross_after = -y0 / b;
            if (cross_after <= elapsed) {
                const double velocity = motion_velocity(cross_after);
                const double at = m_motion_start_time + cross_after;
                start_motion(m_spring_end, velocity, at);
                continue;
            }
        }
        const double y = motion_offset(elapsed) - m_spring_end;
        if (std::abs(y) < kSettledDistance && std::abs(motion_velocity(elapsed)) < kSettledSpeed) {
            m_offset = m_spring_end;
            m_phase = Phase::Idle;
            return;
        }
        m_offset = static_cast<float>(m_spring_end + y);
        return;
    }
}

double KineticScroll::motion_offset(double elapsed) const {
    const double x0 = m_motion_start_offset;
    const double v0 = m_motion_start_velocity;
    if (m_phase == Phase::Fling) {
        return x0 + v0 * kFlingTimeConstant * (1 - std::exp(-elapsed / kFlingTimeConstant));
    }
    const double y0 = x0 - m_spring_end;
    return m_spring_end + (y0 + (v0 + kSpringOmega * y0) * elapsed) * std::exp(-kSpringOmega * elapsed);
}

double KineticScroll::motion_velocity(double elapsed) const {
    const double v0 = m_motion_start_velocity;
    if (m_phase == Phase::Fling) return v0 * std::exp(-elapsed / kFlingTimeConstant);
    if (m_phase != Phase::Spring) return 0;
    const double y0 = m_motion_start_offset - m_spring_end;
    const double b = v0 + kSpringOmega * y0;
    return (v0 - kSpringOmega * b * elapsed) * std::exp(-kSpringOmega * elapsed);
}

float KineticScroll::rubber_band(double unconstrained) const {
    const double d = std::max<double>(m_viewport_length, 1.0);
    const auto resist = [d](double beyond) { return (1 - 1 / (beyond * kRubberBandStiffness / d + 1)) * d; };
    if (unconstrained < 0) return static_cast<float>(-resist(-unconstrained));
    if (unconstrained > m_max_offset)
        return static_cast<float>(m_max_offset + resist(unconstrained - m_max_offset));
    return static_cast<float>(unconstrained);
}

double KineticScroll::unconstrained_from(float offset) const {
    // The inverse of rubber_band, so that catching content that is springing back
    // does not make it jump: y = (1 - 1 / (x c / d + 1)) d  <=>  x = y d / (c (d - y)).
    const double d = std::max<double>(m_viewport_length, 1.0);
    const auto pull = [d](double beyond) {
        beyond = std::min(beyond, d * 0.999);  // the band never stretches to d
        return beyond * d / (kRubberBandStiffness * (d - beyond));
    };
    if (offset < 0) return -pull(-offset);
    if (offset > m_max_offset) return m_max_offset + pull(offset - m_max_offset);
    return offset;
}

float KineticScroll::release_velocity() const {
    if (m_samples.size() < 2) return 0;
    const Sample& last = m_samples.back();
    std::size_t from = 0;
    while (from + 1 < m_samples.size() - 1 && m_samples[from].time < last.time - kVelocityWindow) ++from;
    const Sample& first = m_samples[from];
    const Millis elapsed = last.time - first.time;
    if (elapsed <= 0) return 0;
    return (last.offset - first.offset) / static_cast<float>(elapsed);
}

}  // namespace amanat
