#include "fleet/outbox.hpp"

#include <ctime>
#include <fstream>
#include <system_error>
#include <vector>

#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"
#include "durable/durable_file.hpp"
#include "store/feedback_publication.hpp"

namespace amanat::fleet {

namespace fs = std::filesystem;

namespace {

// Rows recorded up to this long before the last publication are looked at
// again: a visit still going on then, a clock set back a little.
constexpr long long kOverlapSeconds = 3600;

// Syncthing's ignore file: what is written under a temporary name stays here.
// Every temporary here starts with "~amanat-" (durable/durable_file and the day
// files alike); "*.new" covers temporaries earlier versions may have left behind.
bool ignore_unfinished(const fs::path& folder, std::string& error) {
    const fs::path file = folder / ".stignore";
    std::string lines = "// Written by amanat-kiosk: files being written, never to be sent.\n";
    lines += store::kUnfinishedPrefix;
    lines += "*\n*.new\n";
    std::ifstream in(file);
    const std::string current((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return current == lines || write_file_durably(file, lines, error);
}

long long read_last_publication(const fs::path& file) {
    std::ifstream in(file);
    long long at = 0;
    return in >> at ? at : 0;
}

}  // namespace

void local_day_and_week(long long now, long long& today_start, long long& week_start) {
    const std::time_t t = static_cast<std::time_t>(now);
    std::tm day{};
    localtime_r(&t, &day);
    day.tm_hour = day.tm_min = day.tm_sec = 0;
    day.tm_isdst = -1;
    std::tm monday = day;
    monday.tm_mday -= (monday.tm_wday + 6) % 7;
    today_start = static_cast<long long>(std::mktime(&day));
    week_start = static_cast<long long>(std::mktime(&monday));
}

Outbox::Outbox(fs::path folder, fs::path live_feedback, fs::path state_file)
    : m_folder(std::move(folder)),
      m_live_feedback(std::move(live_feedback)),
      m_state_file(std::move(state_file)) {}

bool Outbox::publish_feedback(const PublicationInput& input, long long& visits_today,
                              long long& visits_this_week, long long& last_visit_at, long long& days_changed,
                              std::string& error) {
    std::error_code ec;
    if (m_live_feedback.empty() || input.kiosk_id.empty() || !fs::exists(m_live_feedback, ec)) return true;
    const long long since = std::max(0LL, read_last_publication(m_state_file) - kOverlapSeconds);
    std::vector<store::PublishedDay> days;
    if (!store::publish_feedback_days(m_live_feedback, input.kiosk_id, m_folder, since, days, error))
        return false;
    for (const store::PublishedDay& day : days) days_changed += day.rows_added > 0 ? 1 : 0;
    store::VisitCount today;
    store::VisitCount week;
    if (!store::count_visits_since(m_live_feedback, input.today_start, today, error) ||
        !store::count_visits_since(m_live_feedback, input.week_start, week, error))
        return false;
    visits_today = today.visits;
    visits_this_week = week.visits;
    last_visit_at = today.last_visit_at;
    fs::create_directories(m_state_file.parent_path(), ec);
    return write_file_durably(m_state_file, std::to_string(input.now) + "\n", error);
}

bool Outbox::publish(const PublicationInput& input, std::string& error) {
    std::error_code ec;
    fs::create_directories(m_folder, ec);
    if (ec) {
        error = "cannot make the outbox " + m_folder.string() + ": " + ec.message();
        return false;
    }
    if (!ignore_unfinished(m_folder, error)) return false;
    if (!input.status_json.empty() && !write_file_durably(m_folder / "status.json", input.status_json, error))
        return false;
    long long visits_today = 0;
    long long visits_this_week = 0;
    long long last_visit_at = 0;
    long long days_changed = 0;
    std::string problem;
    const bool feedback_ok =
        publish_feedback(input, visits_today, visits_this_week, last_visit_at, days_changed, problem);
    JsonRecord publication;
    publication.text("kiosk_id", input.kiosk_id)
        .text("published_at", format_utc_time(input.now))
        .number("visits_today", visits_today)
        .number("visits_this_week", visits_this_week)
        .text("last_visit_at", last_visit_at > 0 ? format_utc_time(last_visit_at) : "")
        .number("feedback_days_changed", days_changed)
        .text("problem", problem);
    std::string text(publication.finish());
    text += '\n';
    if (!write_file_durably(m_folder / "publication.json", text, error)) return false;
    if (!feedback_ok) error = problem;
    return feedback_ok;
}

}  // namespace amanat::fleet
