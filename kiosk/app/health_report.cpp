#include "app/health_report.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"
#include "durable/durable_file.hpp"
#include "store/feedback_store.hpp"

namespace amanat {
namespace {

constexpr std::size_t kStartsKept = 100;

// Writes `text` to `file` so that a reader sees the old file or the new one,
// never a part (core/durable_file).
bool replace_file(const std::filesystem::path& file, const std::string& text) {
    std::string ignored;  // the status file is a report: the kiosk carries on without it
    return write_file_durably(file, text, ignored);
}

long long resident_megabytes() {
    std::ifstream statm("/proc/self/statm");
    long long pages = 0;
    long long resident = 0;
    statm >> pages >> resident;
    return resident * ::sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

}  // namespace

KioskStarts record_start(const std::filesystem::path& state_folder) {
    KioskStarts starts;
    starts.this_start = static_cast<long long>(std::time(nullptr));
    const std::filesystem::path file = state_folder / "starts";
    // Line 1: the total; then the last starts, one Unix time per line.
    std::vector<long long> recent;
    {
        std::ifstream in(file);
        in >> starts.total;
        for (long long at = 0; in >> at;) recent.push_back(at);
    }
    ++starts.total;
    recent.push_back(starts.this_start);
    if (recent.size() > kStartsKept) recent.erase(recent.begin(), recent.end() - kStartsKept);
    starts.in_last_day = static_cast<int>(std::count_if(
        recent.begin(), recent.end(), [&](long long at) { return starts.this_start - at < 24 * 3600; }));
    std::ostringstream text;
    text << starts.total << "\n";
    for (const long long at : recent) text << at << "\n";
    std::error_code ignored;
    std::filesystem::create_directories(state_folder, ignored);
    replace_file(file, text.str());  // a read-only folder: the counts are just not kept
    return starts;
}

std::string health_json(const HealthFacts& facts, const std::filesystem::path& state_folder) {
    const long long now = static_cast<long long>(std::time(nullptr));
    JsonRecord exhibition;
    exhibition.text("id", facts.exhibition_id)
        .text("version", facts.exhibition_version)
        .text("folder", facts.exhibition_folder)
        .text("active_pack", facts.active_pack)
        .text("crash_fallback", facts.crash_fallback)
        .text("crash_fallback_at",
              facts.crash_fallback.empty() ? "" : format_utc_time(facts.crash_fallback_at));
    JsonRecord starts;
    starts.number("total", facts.starts.total)
        .number("in_last_day", static_cast<long long>(facts.starts.in_last_day))
        .text("this_start", format_utc_time(facts.starts.this_start));
    JsonRecord feedback;
    feedback.text("state", facts.feedback_state)
        .text("database", facts.feedback_database)
        .number("rows_saved_since_start", facts.feedback_rows_saved)
        .text("problem", facts.feedback_problem);
    if (!facts.feedback_database.empty()) {
        // With its -wal: between checkpoints the newest rows are there, not in the file.
        const auto size = store::database_bytes(facts.feedback_database);
        feedback.number("database_megabytes", static_cast<double>(size) / (1024.0 * 1024.0));
    }
    JsonRecord display;
    display.text("drawing", facts.drawing)
        .text("fallbacks", facts.display_fallbacks)
        .text("problem", facts.display_problem);
    std::vector<std::string> problems;
    for (const std::string& line : facts.recent_problems) problems.push_back(json_quoted(line));
    JsonRecord fleet;
    fleet.text("pack_file", facts.fleet_pack_file)
        .raw("pack_installed", facts.fleet_pack_installed ? "true" : "false")
        .text("pack_message", facts.fleet_pack_message)
        .text("pack_at", facts.fleet_pack_file.empty() ? "" : format_utc_time(facts.fleet_pack_at))
        .text("outbox_problem", facts.fleet_outbox_problem);
    JsonRecord root;
    root.text("version", facts.version)
        .text("kiosk_id", facts.kiosk_id)
        .text("venue", facts.venue)
        .text("written_at", format_utc_time(now))
        .number("pid", static_cast<long long>(::getpid()))
        .text("started_at", format_utc_time(facts.started_at))
        .number("uptime_seconds", static_cast<long long>(facts.uptime_ms / 1000))
        .raw("starts", starts.finish())
        .raw("exhibition", exhibition.finish())
        .text("showing", facts.showing)
        .raw("screen_asleep", facts.screen_asleep ? "true" : "false")
        .raw("display", display.finish())
        .text("speech", facts.speech)
        .number("memory_megabytes", resident_megabytes());
    struct statvfs disk {};
    if (::statvfs(state_folder.c_str(), &disk) == 0) {
        root.number("disk_free_megabytes",
                    static_cast<long long>(static_cast<unsigned long long>(disk.f_bavail) * disk.f_frsize /
                                           (1024 * 1024)));
    }
    root.raw("feedback", feedback.finish()).raw("recent_problems", json_array(problems));
    if (facts.fleet) root.raw("fleet", fleet.finish());
    return std::string(root.finish()) + "\n";
}

HealthReport::HealthReport(std::filesystem::path file) : m_file(std::move(file)) {
    m_writer = std::thread([this] { write_loop(); });
}

HealthReport::~HealthReport() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_writer.join();
}

void HealthReport::publish(std::string json, Millis now) {
    m_published_at = now;
    {
        const std::lock_guard lock(m_mutex);
        m_pending = std::move(json);
    }
    m_wake.notify_one();
}

void HealthReport::write_loop() {
    bool complained = false;
    for (;;) {
        std::string text;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_pending.has_value() || m_stopping; });
            if (!m_pending) return;  // stopping, nothing left to write
            text = std::move(*m_pending);
            m_pending.reset();
        }
        std::error_code ignored;
        std::filesystem::create_directories(m_file.parent_path(), ignored);
        const bool ok = replace_file(m_file, text);
        if (!ok && !complained) {
            std::fprintf(stderr,
                         "amanat-kiosk: health: cannot write %s; `amanat status` will not see this kiosk\n",
                         m_file.c_str());
        }
        complained = !ok;
    }
}

}  // namespace amanat
