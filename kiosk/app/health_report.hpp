#pragma once

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/visit/clock.hpp"

namespace amanat {

// The kiosk's health for staff and monitoring: a small JSON file in the state
// folder (/var/lib/amanat/status.json when installed), replaced atomically once a
// minute, that `amanat status` prints. Its fields are documented in
// packaging/README.md ("Health").

// How often the kiosk has started: each start is appended to a small file next
// to the status file (the last 100 kept), so restarts by systemd show.
struct KioskStarts {
    long long total = 0;       // since the state folder was made
    int in_last_day = 0;       // including this one
    long long this_start = 0;  // Unix seconds
};
KioskStarts record_start(const std::filesystem::path& state_folder);

// What the render loop knows, once a minute.
struct HealthFacts {
    std::string version;
    std::string kiosk_id;      // "" until the feedback database gave it one
    std::string venue;         // [venue] name in the config
    long long started_at = 0;  // Unix seconds
    Millis uptime_ms = 0;
    KioskStarts starts;
    std::string exhibition_id, exhibition_version, exhibition_folder;
    std::string active_pack;  // the installed pack's name, "" for the built-in or --bundle exhibition
    // Set while the kiosk shows the pack it went back to because the one
    // installed after it kept stopping the kiosk (pack/crash_loop_guard.hpp).
    std::string crash_fallback;
    long long crash_fallback_at = 0;  // Unix seconds
    std::string showing;              // what is on screen ("screen=gallery language=en ...")
    bool screen_asleep = false;
    std::string drawing;            // "software on wayland" (KioskWindow::drawing())
    std::string display_fallbacks;  // the ways tried first, and why they failed
    std::string display_problem;    // why nothing can be drawn: the kiosk stops
    std::string speech;             // speech mode's output, or why it has none (VisitorsVoice::state())

    std::string feedback_state;     // VisitorsBook::state(): "off", "opening", "recording", "not recording"
    std::string feedback_database;  // "" when feedback is off
    long long feedback_rows_saved = 0;
    std::string feedback_problem;
    std::vector<std::string> recent_problems;

    // The fleet (app/fleet_courier.hpp), when the config has [fleet] folders.
    bool fleet = false;
    std::string fleet_pack_file;  // the last pack the inbox tried, "" if none yet
    bool fleet_pack_installed = false;
    std::string fleet_pack_message;
    long long fleet_pack_at = 0;  // Unix seconds
    std::string fleet_outbox_problem;
};

// The status file's text for `facts`, with memory and free disk read now.
std::string health_json(const HealthFacts& facts, const std::filesystem::path& state_folder);

// Writes the status file on a thread of its own (an fsync can take a while on an
// SD card; the render loop only hands over the text).
//
// Thread contract: publish() and due() are for the render thread; the writer
// thread only writes files. The destructor waits for the last write.
class HealthReport {
  public:
    static constexpr Millis kEvery = 60'000;

    explicit HealthReport(std::filesystem::path file);
    ~HealthReport();
    HealthReport(const HealthReport&) = delete;
    HealthReport& operator=(const HealthReport&) = delete;

    // Whether a minute has passed since the last publish (true at first).
    bool due(Millis now) const { return m_published_at < 0 || now - m_published_at >= kEvery; }
    // When the loop must wake to publish again.
    Millis next_due() const { return m_published_at < 0 ? 0 : m_published_at + kEvery; }
    // The next frame publishes, not the next minute: news for staff and organisers.
    void publish_soon() { m_published_at = -1; }
    void publish(std::string json, Millis now);

    const std::filesystem::path& file() const { return m_file; }

  private:
    void write_loop();

    std::filesystem::path m_file;
    Millis m_published_at = -1;  // render thread only
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<std::string> m_pending;  // guarded by m_mutex
    bool m_stopping = false;               // guarded by m_mutex
    std::thread m_writer;
};

}  // namespace amanat
