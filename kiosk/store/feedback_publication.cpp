#include "store/feedback_publication.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <limits>
#include <system_error>

#include "durable/durable_file.hpp"
#include "store/feedback_schema.hpp"
#include "store/source_merge.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {

// The same prefix as every other temporary (durable/durable_file).
const char* const kUnfinishedPrefix = kTemporaryPrefix.data();

namespace {

constexpr long long kDay = 86400;

std::string utc_day(long long day_start) {
    const std::time_t t = static_cast<std::time_t>(day_start);
    std::tm parts{};
    gmtime_r(&t, &parts);
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday);
    return text;
}

// The live database, read-only, at the latest schema (the kiosk migrated it
// when it opened it).
bool open_live(const std::filesystem::path& live, sqlite::Connection& db, std::string& error) {
    if (sqlite::open_uri(sqlite::uri_for(live, "mode=ro"),
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, db,
                         error) != SQLITE_OK) {
        error = live.string() + ": " + error;
        return false;
    }
    sqlite3* raw = db.get();
    sqlite3_busy_timeout(raw, 5000);  // the kiosk's writer check-points now and then
    const int version = schema::user_version(raw, error);
    if (version != latest_schema_version()) {
        error = live.string() + ": " +
                (version < 0 ? error
                             : std::string("not at this program's feedback schema (is the kiosk running?)"));
        return false;
    }
    return true;
}

// The UTC days of visits with a row recorded at or after `since`, and (for
// `all_days`) every day with a visit: those whose file is gone are written again.
bool days_of_visits(sqlite3* db, long long since, bool all_days, std::vector<long long>& days,
                    std::string& error) {
    sqlite::Statement statement = sqlite::prepare(
        db,
        all_days
            ? "SELECT DISTINCT at / 86400 FROM engagement WHERE kind = 'session_start' AND at >= ?1 ORDER BY "
              "1"
            : "SELECT DISTINCT at / 86400 FROM engagement WHERE kind = 'session_start' AND session_id IN ("
              " SELECT session_id FROM engagement WHERE at >= ?1"
              " UNION SELECT session_id FROM reactions WHERE at >= ?1"
              " UNION SELECT session_id FROM survey_answers WHERE at >= ?1) ORDER BY 1",
        error);
    if (!statement) return false;
    sqlite3_bind_int64(statement.get(), 1, since);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
        days.push_back(sqlite3_column_int64(statement.get(), 0) * kDay);
    if (rc != SQLITE_DONE) error = sqlite::describe(db);
    return rc == SQLITE_DONE;
}

// Adds to the open copy what the attached `live` has of the day's visits. The
// copy's ids are its own; the UNIQUE keys make adding twice add nothing, and a
// rating a visitor changed replaces the one the copy had.
bool add_day(sqlite3* copy, long long day_start, long long& changed, std::string& error) {
    std::string visits = "session_id IN (SELECT session_id FROM live.engagement WHERE kind = 'session_start'";
    visits += " AND at >= ";
    visits += std::to_string(day_start);
    visits += " AND at < ";
    visits += std::to_string(day_start + kDay);
    visits += ')';
    const std::string provenance = "kiosk_id, venue, bundle_id, bundle_version, session_id, ";
    const std::string sql =
        "INSERT INTO main.engagement(" + provenance +
        "sequence, kind, subject, value, at, utc_offset_minutes)"
        " SELECT " +
        provenance +
        "sequence, kind, subject, value, at, utc_offset_minutes FROM live.engagement"
        " WHERE " +
        visits +
        " ORDER BY id ON CONFLICT(session_id, sequence) DO NOTHING;"
        "INSERT INTO main.reactions(" +
        provenance +
        "artifact_id, rating, language, at, utc_offset_minutes)"
        " SELECT " +
        provenance +
        "artifact_id, rating, language, at, utc_offset_minutes FROM live.reactions"
        " WHERE " +
        visits +
        " ORDER BY id ON CONFLICT(session_id, artifact_id) DO UPDATE SET"
        " rating = excluded.rating, language = excluded.language, at = excluded.at"
        " WHERE rating IS NOT excluded.rating OR language IS NOT excluded.language OR at IS NOT excluded.at;"
        "INSERT INTO main.survey_answers(" +
        provenance +
        "question_id, answer, language, at, utc_offset_minutes)"
        " SELECT " +
        provenance +
        "question_id, answer, language, at, utc_offset_minutes FROM live.survey_answers"
        " WHERE " +
        visits + " ORDER BY id ON CONFLICT(session_id, question_id, answer) DO NOTHING;";
    const long long before = sqlite3_total_changes64(copy);
    if (!sqlite::exec(copy, "BEGIN", error) || !sqlite::exec(copy, sql.c_str(), error) ||
        !sqlite::exec(copy, "COMMIT", error))
        return false;
    changed = sqlite3_total_changes64(copy) - before;
    return true;
}

// Opens the copy of a day's file at `unfinished` (a fresh database when the day
// has none yet), with the live database attached as "live".
bool open_copy(const std::filesystem::path& live, const std::filesystem::path& file,
               const std::filesystem::path& unfinished, sqlite::Connection& copy, std::string& error) {
    std::error_code ec;
    std::filesystem::remove(unfinished, ec);
    if (std::filesystem::exists(file, ec)) {
        std::filesystem::copy_file(file, unfinished, ec);
        if (ec) {
            error = "cannot copy " + file.string() + ": " + ec.message();
            return false;
        }
        std::string reason;
        const int rc =
            sqlite::open_uri(sqlite::uri_for(unfinished, nullptr),
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, copy, reason);
        if (rc != SQLITE_OK || !sqlite::exec(copy.get(), "PRAGMA journal_mode=OFF", error)) {
            error = unfinished.string() + ": " + (rc != SQLITE_OK ? reason : sqlite::describe(copy.get()));
            return false;
        }
    } else if (!schema::create_temporary(unfinished, copy, error)) {
        return false;
    }
    // Committed to the disk before the rename makes it the day's file.
    if (!sqlite::exec(copy.get(), "PRAGMA synchronous=FULL", error)) return false;
    std::string attach = "ATTACH '";
    attach += sqlite::uri_for(live, "mode=ro");
    attach += "' AS live";
    return sqlite::exec(copy.get(), attach.c_str(), error);
}

// Brings one day's file up to date; `rows_added` 0 leaves it untouched.
bool publish_day(const std::filesystem::path& live, const std::filesystem::path& folder,
                 const std::string& kiosk_id, long long day_start, PublishedDay& day, std::string& error) {
    day.day = utc_day(day_start);
    day.file = folder / day_file_name(kiosk_id, day_start);
    std::string unfinished_name = kUnfinishedPrefix;
    unfinished_name += day.file.filename().string();
    const std::filesystem::path unfinished = folder / unfinished_name;
    sqlite::Connection copy;
    bool ok = open_copy(live, day.file, unfinished, copy, error) &&
              add_day(copy.get(), day_start, day.rows_added, error);
    copy.reset();
    std::error_code ec;
    if (ok && day.rows_added > 0) {
        std::filesystem::rename(unfinished, day.file, ec);
        if (ec) error = "cannot replace " + day.file.string() + ": " + ec.message();
        ok = !ec && fsync_folder(folder, error);  // the rename made durable
    }
    std::filesystem::remove(unfinished, ec);
    if (!ok && error.find(day.file.filename().string()) == std::string::npos)
        error = day.file.string() + ": " + error;
    return ok;
}

}  // namespace

std::string day_file_name(const std::string& kiosk_id, long long day_start_unix) {
    std::string name = "feedback-";
    name += kiosk_id;
    name += '-';
    name += utc_day(day_start_unix);
    name += ".sqlite";
    return name;
}

bool publish_feedback_days(const std::filesystem::path& live, const std::string& kiosk_id,
                           const std::filesystem::path& folder, long long changed_since,
                           std::vector<PublishedDay>& published, std::string& error) {
    std::vector<long long> days;
    {
        sqlite::Connection db;
        std::vector<long long> every_day;
        if (!open_live(live, db, error) || !days_of_visits(db.get(), changed_since, false, days, error) ||
            !days_of_visits(db.get(), std::numeric_limits<long long>::min(), true, every_day, error))
            return false;
        // A day whose file is not there (the folder emptied, by hand or by a
        // synchroniser) is written again from the live database.
        std::error_code ec;
        for (const long long day : every_day)
            if (!std::filesystem::exists(folder / day_file_name(kiosk_id, day), ec)) days.push_back(day);
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
    }
    for (const long long day_start : days) {
        PublishedDay day;
        if (!publish_day(live, folder, kiosk_id, day_start, day, error)) return false;
        published.push_back(day);
    }
    return true;
}

bool count_visits_since(const std::filesystem::path& live, long long since, VisitCount& count,
                        std::string& error) {
    sqlite::Connection db;
    if (!open_live(live, db, error)) return false;
    sqlite::Statement statement =
        sqlite::prepare(db.get(),
                        "SELECT (SELECT count(*) FROM engagement WHERE kind = 'session_start' AND at >= ?1),"
                        " (SELECT coalesce(max(at), 0) FROM engagement WHERE kind = 'session_start')",
                        error);
    if (!statement) return false;
    sqlite3_bind_int64(statement.get(), 1, since);
    if (sqlite3_step(statement.get()) != SQLITE_ROW) {
        error = live.string() + ": " + sqlite::describe(db.get());
        return false;
    }
    count.visits = sqlite3_column_int64(statement.get(), 0);
    count.last_visit_at = sqlite3_column_int64(statement.get(), 1);
    return true;
}

}  // namespace amanat::store
