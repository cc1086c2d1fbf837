#include "core/visit/idle_timer.hpp"

namespace amanat {

IdleTimer::Phase IdleTimer::phase(Millis now) const {
    const Millis idle = now - m_last_activity;
    if (idle < m_idle_after) return Phase::Active;
    if (idle < m_idle_after + m_countdown) return Phase::CountingDown;
    return Phase::Expired;
}

int IdleTimer::seconds_left(Millis now) const {
    if (phase(now) != Phase::CountingDown) return 0;
    const Millis left = m_last_activity + m_idle_after + m_countdown - now;
    return static_cast<int>((left + 999) / 1000);
}

Millis IdleTimer::next_deadline(Millis now) const {
    const Millis countdown_start = m_last_activity + m_idle_after;
    const Millis expiry = countdown_start + m_countdown;
    switch (phase(now)) {
        case Phase::Active:
            return countdown_start;
        case Phase::CountingDown: {
            // The next whole-second boundary of the countdown, so the number changes on time.
            const Millis left = expiry - now;
            const Millis into_second = left % 1000;
            return now + (into_second == 0 ? 1000 : into_second);
        }
        case Phase::Expired:
            return -1;
    }
    return -1;
}

}  // namespace amanat
