#pragma once

#include <cstdint>
#include <string>

#include "core/visit/clock.hpp"

namespace amanat {

// Tells systemd how the kiosk is (sd_notify): ready once the first frame is on
// screen, what it shows (`systemctl status`), and that the render loop is alive.
// The unit (packaging/systemd/amanat-kiosk.service) sets WatchdogSec: if the loop
// hangs — a deadlock, a driver stuck in a call — the pings stop and systemd
// restarts the kiosk. Without systemd (a developer's run) every call does nothing.
//
// Thread contract: render thread only. The pings must come from the render loop
// itself, never from a helper thread, or a hung loop would still look alive.
class ServiceNotifier {
  public:
    ServiceNotifier();

    void ready();
    void status(const std::string& text);
    // Pings the watchdog, at most every quarter of its interval.
    void alive(Millis now);
    void stopping();

    // How long the loop may wait for input before it must ping again (-1: no
    // watchdog, wait as long as it likes).
    Millis longest_wait() const;
    bool watched() const { return m_watchdog_ms > 0; }

  private:
    Millis m_watchdog_ms = 0;  // 0: no watchdog asked for
    Millis m_pinged_at = -1;
};

}  // namespace amanat
