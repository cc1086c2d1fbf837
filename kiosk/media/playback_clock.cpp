#include "media/playback_clock.hpp"

#include <algorithm>
#include <cstdlib>

namespace amanat::media {

void PlaybackClock::reset() {
    *this = PlaybackClock{};
}

void PlaybackClock::rewind() {
    const Millis length = m_length;
    reset();
    m_length = length;
}

void PlaybackClock::set_length(Millis length) {
    m_length = std::max<Millis>(length, 0);
}

void PlaybackClock::report(Millis media_time, Millis at) {
    if (m_seek_pending) {
        const bool near_target = std::abs(media_time - m_seek_target) <= kSeekTolerance;
        if (!near_target && at - m_seek_at < kSeekPatience) return;  // from before the seek
        m_seek_pending = false;
    }
    m_base = clamp(media_time);
    m_base_at = at;
}

void PlaybackClock::set_running(bool running, Millis at) {
    if (running == m_running) return;
    m_base = position(at);  // freezes the estimate on pause; a no-op when starting
    m_base_at = at;
    m_running = running;
}

void PlaybackClock::seek(Millis target, Millis at) {
    m_base = clamp(target);
    m_base_at = at;
    m_seek_pending = true;
    m_seek_target = m_base;
    m_seek_at = at;
}

void PlaybackClock::finish() {
    if (m_length > 0) m_base = m_length;
    m_running = false;
    m_seek_pending = false;
}

Millis PlaybackClock::position(Millis at) const {
    if (!m_running) return m_base;
    const Millis elapsed = std::clamp<Millis>(at - m_base_at, 0, kMaxExtrapolation);
    return clamp(m_base + elapsed);
}

Millis PlaybackClock::clamp(Millis media_time) const {
    if (media_time < 0) return 0;
    if (m_length > 0 && media_time > m_length) return m_length;
    return media_time;
}

}  // namespace amanat::media
