#pragma once
// The kiosk's fleet outbox: the folder a synchroniser (Syncthing) sends to the
// organisers. Everything in it is written whole under a temporary name and
// renamed into place, so the synchroniser (and the organiser's tools) never see
// half a file; a ".stignore" keeps those temporary names from being sent at all.
// The kiosk never reads back what it put there: the folder may be emptied at any
// time without losing anything (the live feedback database is elsewhere).
//
// What the outbox holds (docs/FLEET.md):
//   status.json                     the kiosk's status file, as `amanat status` reads it
//   publication.json                when this was published, visits today and this week
//   feedback-KIOSK-YYYY-MM-DD.sqlite  one per day of visits (store/feedback_publication.hpp)
//
// Thread contract: one thread uses an Outbox (the kiosk's fleet courier); publish()
// blocks on the disk.
#include <filesystem>
#include <string>

namespace amanat::fleet {

// What one publication is made of.
struct PublicationInput {
    std::string status_json;  // the kiosk's latest status (app/health_report), "" if none yet
    std::string kiosk_id;     // "" until the kiosk has one: no feedback is published then
    long long now = 0;        // Unix seconds
    long long today_start =
        0;  // the venue's local midnight, and the start of its week (Monday), Unix seconds
    long long week_start = 0;
};

// The venue's local midnight today (`today_start`) and that of this week's
// Monday (`week_start`), as Unix seconds, for the kiosk's time zone.
void local_day_and_week(long long now, long long& today_start, long long& week_start);

class Outbox {
  public:
    // `live_feedback`: the kiosk's database ("" when feedback is off);
    // `state_file`: where the time of the last complete publication is kept.
    Outbox(std::filesystem::path folder, std::filesystem::path live_feedback,
           std::filesystem::path state_file);

    // Writes the status, the day files that changed since the last publication
    // and publication.json. False with `error` (naming the file) if something
    // could not be written; what was written stays, and the next publication
    // tries the rest again.
    bool publish(const PublicationInput& input, std::string& error);

    const std::filesystem::path& folder() const { return m_folder; }

  private:
    bool publish_feedback(const PublicationInput& input, long long& visits_today, long long& visits_this_week,
                          long long& last_visit_at, long long& days_changed, std::string& error);

    std::filesystem::path m_folder;
    std::filesystem::path m_live_feedback;
    std::filesystem::path m_state_file;
};

}  // namespace amanat::fleet
