#include "app/service_notifier.hpp"

#include <systemd/sd-daemon.h>

namespace amanat {

ServiceNotifier::ServiceNotifier() {
    std::uint64_t usec = 0;
    // 0 unsetenv: a restart in place (execv) keeps the variables for the new image.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) m_watchdog_ms = static_cast<Millis>(usec / 1000);
}

void ServiceNotifier::ready() {
    sd_notify(0, "READY=1");
}

void ServiceNotifier::status(const std::string& text) {
    sd_notify(0, ("STATUS=" + text).c_str());
}

void ServiceNotifier::alive(Millis now) {
    if (m_watchdog_ms <= 0) return;
    if (m_pinged_at >= 0 && now - m_pinged_at < m_watchdog_ms / 4) return;
    m_pinged_at = now;
    sd_notify(0, "WATCHDOG=1");
}

void ServiceNotifier::stopping() {
    sd_notify(0, "STOPPING=1");
}

Millis ServiceNotifier::longest_wait() const {
    return m_watchdog_ms > 0 ? m_watchdog_ms / 4 : -1;
}

}  // namespace amanat
