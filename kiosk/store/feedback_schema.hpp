#pragma once

// The feedback database's schema and the ways of opening a file, shared by the
// kiosk's writer (FeedbackStore), merge_feedback() and FeedbackArchive, so that
// there is exactly one list of migrations and one way of bringing a file to the
// latest version. Private to kiosk/store: only this module includes SQLite.
//
// Thread contract: free functions on the caller's connection; a connection is
// used by one thread at a time.

#include <filesystem>
#include <memory>
#include <string>

#include "store/feedback_archive.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace amanat::store::schema {

struct Closer {
    void operator()(sqlite3* db) const;
};
using Connection = std::unique_ptr<sqlite3, Closer>;

struct Finaliser {
    void operator()(sqlite3_stmt* statement) const;
};
using Statement = std::unique_ptr<sqlite3_stmt, Finaliser>;

// A file: URI for `file` (absolute, percent-encoded), so that any path can be
// opened and ATTACHed with parameters such as mode=ro. Every connection here is
// opened with SQLITE_OPEN_URI, so a file whose name starts with "file:" is safe.
std::string uri_for(const std::filesystem::path& file, const char* parameters);

// The connection's last error message.
std::string describe(sqlite3* db);

// Runs SQL that returns no rows we need (schema, pragmas; never values).
bool exec(sqlite3* db, const char* sql, std::string& error);

// Prepares one statement; null with `error` set on failure.
Statement prepare(sqlite3* db, const char* sql, std::string& error);

// The first column of the first row of `sql` as text, with SQLite's result code.
int query_text(sqlite3* db, const char* sql, std::string& value);

// PRAGMA user_version, or -1 with `error` set if it cannot be read (e.g. not a database).
int user_version(sqlite3* db, std::string& error);

// Brings a file at `from` to latest_schema_version(), one transaction per
// migration (each with its `PRAGMA user_version`).
bool migrate(sqlite3* db, int from, std::string& error);

// How open_writable() went. `broken` means the file must be moved aside (not a
// database, corrupt, or from a newer program); `fatal` that no database can be
// had here at all (permissions, I/O).
enum class Verdict { ok, broken, fatal };

// Opens (creating if missing) a database that this program writes: the kiosk's
// own file, or the destination of a merge. WAL, synchronous=FULL, migrated to the
// latest schema. Nothing is written before the file is known to be ours and
// sound, so a file that turns out to be broken keeps its bytes.
Verdict open_writable(const std::filesystem::path& file, Connection& connection, std::string& reason);

// A feedback file to be read without changing it in any way.
//
// A file with no -wal beside it is read as immutable (no locks, no -wal or -shm
// created: a read-only connection would otherwise create both and, unable to
// check-point, leave them behind). A writer keeps its -wal for as long as it has
// the file open, so no -wal also means no kiosk is writing it. A file with a -wal
// and its -shm is read in the ordinary read-only way (a kiosk may be writing it;
// SQLite's locking keeps the reading consistent). A -wal without its -shm (a copy
// of only some of the files) cannot be read read-only without creating the -shm,
// so the two files are copied to a temporary snapshot and that is read instead.
struct Source {
    std::filesystem::path file;      // as given, for messages
    std::string uri;                 // what to open or ATTACH (SQLITE_OPEN_URI)
    int version = 0;                 // its PRAGMA user_version, 1..latest
    std::filesystem::path snapshot;  // a temporary copy to delete, or empty

    Source() = default;
    ~Source();
    Source(Source&& other) noexcept;
    Source& operator=(Source&&) = delete;
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
};

// Finds out whether `file` is a feedback database this program can read, and
// how to read it. False with `error` naming the file otherwise (missing, not a
// database, not a feedback database, a newer schema).
bool inspect_source(const std::filesystem::path& file, Source& source, std::string& error);

// Opens `source` for reading only.
bool open_source(const Source& source, Connection& connection, std::string& error);

// Removes a temporary database and its companions (-wal, -shm, -journal).
void remove_database(const std::filesystem::path& file);

// A file name in the temporary folder, created empty and only ours (mkstemp), for
// a temporary database. Empty with `error` set on failure.
std::filesystem::path make_temporary_database(std::string& error);

// Adds the rows of the attached database `alias` (at schema `version`) to the
// main database, skipping rows whose UNIQUE key is already there, and adds what
// was added to `added`. Runs inside the caller's transaction. A version 1 source
// is read as migration 2 would leave it: offset 0, sequence = id, and of
// duplicate reactions only the newest.
bool copy_rows(sqlite3* db, const std::string& alias, int version, MergeCounts& added, std::string& error);

}  // namespace amanat::store::schema
