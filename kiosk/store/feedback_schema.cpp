#include "store/feedback_schema.hpp"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <system_error>
#include <utility>

#include "store/feedback_store.hpp"

namespace amanat::store {

namespace {

// Numbered migrations: MIGRATIONS[i] brings a file from user_version i to i + 1.
// Only ever append; never edit one that has shipped.
constexpr std::array<const char*, 2> MIGRATIONS = {
    // 1: the two tables.
    "CREATE TABLE reactions("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, artifact_id TEXT NOT NULL,"
    " rating INTEGER NOT NULL CHECK(rating BETWEEN 1 AND 5),"
    " language TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE TABLE engagement("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, value INTEGER NOT NULL,"
    " at INTEGER NOT NULL);",

    // 2: local time, the keys that make merging idempotent, and the survey.
    // Older rows get offset 0 (their local time is unknown) and sequence = id,
    // which is unique within their session because it is unique in the file. Of
    // an older visitor's repeated ratings of one artifact the newest is kept, as
    // the upsert does from now on.
    "ALTER TABLE reactions ADD COLUMN utc_offset_minutes INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE engagement ADD COLUMN utc_offset_minutes INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE engagement ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;"
    "UPDATE engagement SET sequence = id;"
    "DELETE FROM reactions WHERE id NOT IN (SELECT max(id) FROM reactions GROUP BY session_id, artifact_id);"
    "CREATE UNIQUE INDEX reactions_per_visit ON reactions(session_id, artifact_id);"
    "CREATE UNIQUE INDEX engagement_per_visit ON engagement(session_id, sequence);"
    "CREATE TABLE survey_answers("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, question_id TEXT NOT NULL, answer TEXT NOT NULL, language TEXT NOT NULL,"
    " at INTEGER NOT NULL, utc_offset_minutes INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE(session_id, question_id, answer));"
    // Export reads rows in (at, kiosk_id, id) order: these give that order
    // without sorting (an index ends with the rowid) and a period as a range.
    "CREATE INDEX reactions_by_time ON reactions(at, kiosk_id);"
    "CREATE INDEX engagement_by_time ON engagement(at, kiosk_id);"
    "CREATE INDEX survey_answers_by_time ON survey_answers(at, kiosk_id);"
    // The summary reads one kind of event at a time: artifact views sorted by
    // artifact and dwell (for the median), languages, ends of visits; and the
    // visits (their starts) by time, venue and kiosk. Both cover their queries, so
    // a summary never reads the table itself.
    "CREATE INDEX engagement_by_kind ON engagement(kind, subject, value, at);"
    "CREATE INDEX engagement_visits ON engagement(at, utc_offset_minutes, venue, kiosk_id, session_id, kind)"
    " WHERE kind = 'session_start';",
};

}  // namespace

int latest_schema_version() {
    return static_cast<int>(MIGRATIONS.size());
}

namespace schema {

namespace {

bool present(const std::filesystem::path& file) {
    std::error_code ec;
    return std::filesystem::exists(file, ec);
}

std::filesystem::path companion(const std::filesystem::path& file, const char* suffix) {
    return std::filesystem::path(file.string() + suffix);
}

}  // namespace

std::string uri_for(const std::filesystem::path& file, const char* parameters) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(file, ec);
    if (ec) absolute = file;
    std::string uri = "file://";
    for (unsigned char c : absolute.string()) {
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                     c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            uri += static_cast<char>(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    if (parameters != nullptr && *parameters != '\0') {
        uri += '?';
        uri += parameters;
    }
    return uri;
}

void Closer::operator()(sqlite3* db) const {
    sqlite3_close(db);
}

void Finaliser::operator()(sqlite3_stmt* statement) const {
    sqlite3_finalize(statement);
}

std::string describe(sqlite3* db) {
    return sqlite3_errmsg(db);
}

bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = message != nullptr ? message : describe(db);
    sqlite3_free(message);
    return false;
}

Statement prepare(sqlite3* db, const char* sql, std::string& error) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        error = describe(db);
        sqlite3_finalize(raw);
        return nullptr;
    }
    return Statement(raw);
}

int query_text(sqlite3* db, const char* sql, std::string& value) {
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(statement, 0);
            value = text != nullptr ? reinterpret_cast<const char*>(text) : "";
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            value.clear();
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(statement);
    return rc;
}

int user_version(sqlite3* db, std::string& error) {
    std::string value;
    if (query_text(db, "PRAGMA user_version", value) != SQLITE_OK) {
        error = describe(db);
        return -1;
    }
    return value.empty() ? 0 : std::stoi(value);
}

bool migrate(sqlite3* db, int from, std::string& error) {
    for (int next = from; next < latest_schema_version(); ++next) {
        std::string sql = std::string("BEGIN IMMEDIATE;") + MIGRATIONS[static_cast<std::size_t>(next)] +
                          "PRAGMA user_version=" + std::to_string(next + 1) + ";COMMIT;";
        if (!exec(db, sql.c_str(), error)) {
            std::string ignored;
            if (sqlite3_get_autocommit(db) == 0) exec(db, "ROLLBACK", ignored);
            error = "migration " + std::to_string(next + 1) + " failed: " + error;
            return false;
        }
    }
    return true;
}

Verdict open_writable(const std::filesystem::path& file, Connection& connection, std::string& reason) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(uri_for(file, nullptr).c_str(), &raw,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr);
    connection.reset(raw);
    if (rc != SQLITE_OK) {
        reason = raw != nullptr ? describe(raw) : sqlite3_errstr(rc);
        return Verdict::fatal;
    }
    sqlite3* db = connection.get();
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);  // a reader (e.g. a copy being taken) holds the file briefly

    // Nothing is written before the file is known to be ours and sound, so a file
    // moved aside keeps its bytes.
    auto verdict_for = [&](int code) {
        reason = describe(db);
        int primary = code & 0xff;
        return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT ? Verdict::broken : Verdict::fatal;
    };
    std::string value;
    if ((rc = query_text(db, "PRAGMA user_version", value)) != SQLITE_OK) return verdict_for(rc);
    int version = std::stoi(value.empty() ? "0" : value);
    if (version > latest_schema_version()) {
        reason = "its schema version " + std::to_string(version) + " is newer than this program's (" +
                 std::to_string(latest_schema_version()) + ")";
        return Verdict::broken;
    }
    if ((rc = query_text(db, "PRAGMA quick_check", value)) != SQLITE_OK) return verdict_for(rc);
    if (value != "ok") {
        for (char& c : value)
            if (c == '\n') c = ' ';  // one line in the log
        reason = "it is corrupt: " + value;
        return Verdict::broken;
    }

    if ((rc = query_text(db, "PRAGMA journal_mode=WAL", value)) != SQLITE_OK) return verdict_for(rc);
    if (value != "wal") {
        reason = "cannot use write-ahead logging (journal mode " + value + ")";
        return Verdict::fatal;
    }
    if (!exec(db, "PRAGMA synchronous=FULL", reason)) return Verdict::fatal;
    if (!migrate(db, version, reason)) return Verdict::fatal;
    return Verdict::ok;
}

Source::~Source() {
    if (!snapshot.empty()) remove_database(snapshot);
}

Source::Source(Source&& other) noexcept
    : file(std::move(other.file)),
      uri(std::move(other.uri)),
      version(other.version),
      snapshot(std::move(other.snapshot)) {
    other.snapshot.clear();
}

bool open_source(const Source& source, Connection& connection, std::string& error) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(source.uri.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    connection.reset(raw);
    if (rc != SQLITE_OK) {
        error = raw != nullptr ? describe(raw) : sqlite3_errstr(rc);
        return false;
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);  // a kiosk writing the file holds it briefly
    // A read-only connection cannot check-point anyway; say so, in case it could.
    sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return true;
}

bool inspect_source(const std::filesystem::path& file, Source& source, std::string& error) {
    source.file = file;
    std::error_code ec;
    auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) {
        error = file.string() + ": no such file";
        return false;
    }
    if (!std::filesystem::is_regular_file(status)) {
        error = file.string() + ": not a file";
        return false;
    }
    const auto wal = companion(file, "-wal");
    if (!present(wal)) {
        source.uri = uri_for(file, "mode=ro&immutable=1");
    } else if (present(companion(file, "-shm"))) {
        source.uri = uri_for(file, "mode=ro");
    } else {
        // Replay the log into a copy of our own (opened read-write, the copy
        // check-points and drops its -wal when closed), then read the copy.
        source.snapshot = make_temporary_database(error);
        if (source.snapshot.empty()) {
            error = file.string() + ": " + error;
            return false;
        }
        std::filesystem::copy_file(file, source.snapshot, std::filesystem::copy_options::overwrite_existing,
                                   ec);
        if (!ec) std::filesystem::copy_file(wal, companion(source.snapshot, "-wal"), ec);
        if (ec) {
            error = file.string() + ": cannot copy it with its -wal to " + source.snapshot.string() + ": " +
                    ec.message();
            return false;
        }
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(uri_for(source.snapshot, nullptr).c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, nullptr);
        Connection copy(raw);
        std::string ignored;
        if (rc != SQLITE_OK || query_text(raw, "PRAGMA user_version", ignored) != SQLITE_OK) {
            error = file.string() + " is not a feedback database (" +
                    (raw != nullptr ? describe(raw) : sqlite3_errstr(rc)) + ")";
            return false;
        }
        copy.reset();
        source.uri = uri_for(source.snapshot, "mode=ro&immutable=1");
    }

    Connection connection;
    if (!open_source(source, connection, error)) {
        error = file.string() + ": cannot open it: " + error;
        return false;
    }
    sqlite3* db = connection.get();
    std::string reason;
    source.version = user_version(db, reason);
    if (source.version < 0) {
        error = file.string() + " is not a feedback database (" + reason + ")";
        return false;
    }
    if (source.version > latest_schema_version()) {
        error = file.string() + " has schema version " + std::to_string(source.version) +
                ", newer than this program's (" + std::to_string(latest_schema_version()) +
                "); use a newer amanat to read it";
        return false;
    }
    // Every version has these tables; anything else that is an SQLite file is
    // someone else's database.
    std::string tables;
    int expected = source.version >= 2 ? 3 : 2;
    if (source.version < 1 ||
        query_text(db,
                   "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                   " AND name IN ('reactions', 'engagement', 'survey_answers')",
                   tables) != SQLITE_OK ||
        tables != std::to_string(expected)) {
        error = file.string() + " is not a feedback database (it has no feedback tables)";
        return false;
    }
    return true;
}

void remove_database(const std::filesystem::path& file) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        std::filesystem::remove(companion(file, suffix), ec);
}

std::filesystem::path make_temporary_database(std::string& error) {
    std::error_code ec;
    std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
    if (ec) {
        error = "no temporary folder: " + ec.message();
        return {};
    }
    std::string pattern = (folder / "amanat-feedback-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) {
        error = "cannot create a temporary file in " + folder.string() + ": " +
                std::error_code(errno, std::generic_category()).message();
        return {};
    }
    close(fd);
    return pattern;
}

bool copy_rows(sqlite3* db, const std::string& alias, int version, MergeCounts& added, std::string& error) {
    const std::string from = alias + ".";
    // Sources are read in id order, so rows of one second keep their recorded order.
    const std::string reactions =
        "INSERT OR IGNORE INTO main.reactions(kiosk_id, venue, bundle_id, bundle_version, session_id,"
        " artifact_id, rating, language, at, utc_offset_minutes)"
        " SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id, rating, language, "
        "at, " +
        std::string(version >= 2 ? "utc_offset_minutes FROM " + from + "reactions"
                                 : "0 FROM " + from + "reactions WHERE id IN (SELECT max(id) FROM " + from +
                                       "reactions GROUP BY session_id, artifact_id)") +
        " ORDER BY id";
    const std::string engagement =
        "INSERT OR IGNORE INTO main.engagement(kiosk_id, venue, bundle_id, bundle_version, session_id,"
        " sequence, kind, subject, value, at, utc_offset_minutes)"
        " SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, " +
        std::string(version >= 2 ? "sequence" : "id") + ", kind, subject, value, at, " +
        std::string(version >= 2 ? "utc_offset_minutes" : "0") + " FROM " + from + "engagement ORDER BY id";
    const std::string survey_answers =
        "INSERT OR IGNORE INTO main.survey_answers(kiosk_id, venue, bundle_id, bundle_version, session_id,"
        " question_id, answer, language, at, utc_offset_minutes)"
        " SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, question_id, answer, language, at,"
        " utc_offset_minutes FROM " +
        from + "survey_answers ORDER BY id";

    auto run = [&](const std::string& sql, long long& count) {
        Statement statement = prepare(db, sql.c_str(), error);
        if (!statement) return false;
        if (sqlite3_step(statement.get()) != SQLITE_DONE) {
            error = describe(db);
            return false;
        }
        count += sqlite3_changes64(db);
        return true;
    };
    return run(reactions, added.reactions) && run(engagement, added.engagement) &&
           (version < 2 || run(survey_answers, added.survey_answers));
}

}  // namespace schema

}  // namespace amanat::store
