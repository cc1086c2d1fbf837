#pragma once
// What a kiosk publishes of its feedback for the organisers (issue 21's fleet):
// snapshots of its live database, one file per day of visits, that a file
// synchroniser (Syncthing) can carry.
//
// Why one file per day: Syncthing sends the 128 KiB blocks of a file that
// changed, so a single snapshot of the whole database would be read and compared
// in full at every publication, and any shift of its pages would be sent again.
// A day's file only changes while that day's visits do; a day over is never
// touched again, so what travels each day stays proportional to the day's new
// rows. A visit belongs to the day (UTC) its session_start was recorded on, with
// every one of its rows, so each file holds whole visits: the organisers' readers
// count a visit once however many copies of its file they are given
// (store/feedback_union.hpp), and a file re-sent changes no count.
//
// A day's file is updated by copying it, adding to the copy what the live
// database has that it lacks (ratings changed in place included), and renaming
// the copy over it: a reader, or Syncthing, sees the old file or the new one,
// whole. A copy that adds nothing is thrown away, leaving the file as it was.
//
// Thread contract: free functions, blocking (disk); run on a worker thread, never
// the render thread. The live database is only read, through a connection of
// its own (WAL: the kiosk's writer carries on meanwhile).
#include <filesystem>
#include <string>
#include <vector>

namespace amanat::store {

// One day's file as publish_feedback_days() left it.
struct PublishedDay {
    std::string day;  // "2026-12-07" (UTC)
    std::filesystem::path file;
    long long rows_added = 0;  // rows new or changed in this publication
};

// The names the snapshots of `kiosk_id` get: PREFIX-YYYY-MM-DD.sqlite, where
// PREFIX is "feedback-KIOSKID".
std::string day_file_name(const std::string& kiosk_id, long long day_start_unix);

// Temporary files in `folder` start with this: a synchroniser must ignore them
// (for Syncthing, a line "~amanat-*" in the folder's .stignore).
extern const char* const kUnfinishedPrefix;

// Brings `folder`'s day files up to date with `live` (the kiosk's own feedback
// database) for every day with a visit that has a row recorded at or after
// `changed_since` (Unix seconds; 0: every day), and writes again every day
// whose file is missing from `folder` (emptied meanwhile). Adds each day touched to
// `published` (rows_added 0 when the file already had everything). False with
// `error` naming the file when a day cannot be written; days already done stay.
bool publish_feedback_days(const std::filesystem::path& live, const std::string& kiosk_id,
                           const std::filesystem::path& folder, long long changed_since,
                           std::vector<PublishedDay>& published, std::string& error);

// The visits (session starts) `live` recorded at or after `since` (Unix
// seconds), and when the last of all started (0: none). False with `error`.
struct VisitCount {
    long long visits = 0;
    long long last_visit_at = 0;
};
bool count_visits_since(const std::filesystem::path& live, long long since, VisitCount& count,
                        std::string& error);

}  // namespace amanat::store
