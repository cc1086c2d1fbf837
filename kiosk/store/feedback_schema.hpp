#pragma once

// The feedback database's schema and the ways of opening a file for it, shared
// by the kiosk's writer (FeedbackStore), merge_feedback() and FeedbackArchive,
// so that there is exactly one list of migrations and one way of bringing a file
// to the latest version. Private to kiosk/store, on SQLite through
// sqlite_connection.hpp.
//
// Thread contract: free functions on the caller's connection; a connection is
// used by one thread at a time.

#include <filesystem>
#include <string>

#include "store/feedback_archive.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store::schema {

// PRAGMA user_version, or -1 with `error` set if it cannot be read (e.g. not a database).
int user_version(sqlite3* db, std::string& error);

// Brings a file at `from` to latest_schema_version(), one transaction per
// migration (each with its `PRAGMA user_version`).
bool migrate(sqlite3* db, int from, std::string& error);

// The same migrations inside the caller's transaction, so that a merge brings
// its destination up to date and adds its rows all or nothing.
bool apply_migrations(sqlite3* db, int from, std::string& error);

// What a file is to be used for: read (a source of `amanat feedback`), or
// written (the kiosk's own file, the destination of a merge).
enum class Use { read, write };

// What a file holds, as far as this program is concerned.
enum class Contents {
    empty,       // nothing (0 bytes, or an SQLite database without any table): may become one
    feedback,    // a feedback database at `version`, its tables as this program needs them
    foreign,     // something else: not SQLite, another program's database, other tables or columns
    newer,       // a feedback database of a newer schema than this program's
    damaged,     // SQLite says it is corrupt, or it is shorter than its header says
    unreadable,  // it could not be read (permissions, I/O): nothing is known about it
};

// Finds out what the database open on `db` holds, without writing anything.
// For reading, every feedback table of its version must be there, with every
// column this program reads, each of the type it relies on (integer or text).
// For writing, also the UNIQUE keys that make merging idempotent, no column a
// merge would leave empty although it must be filled, and nothing a later
// migration would create. `version` is set to the file's PRAGMA user_version;
// `problem` says what is wrong, for an organiser, without naming the file.
Contents contents_of(sqlite3* db, Use use, int& version, std::string& problem);

// How open_writable() went. `broken` means the file must be moved aside (not a
// database, corrupt, or from a newer program); `fatal` that no database can be
// had here at all (permissions, I/O).
enum class Verdict { ok, broken, fatal };

// How long the kiosk's writer waits for a lock a reader (e.g. a copy being
// taken) holds briefly.
inline constexpr int kWriterBusyMilliseconds = 5000;

// Opens (creating if missing) the kiosk's own database: WAL, synchronous=FULL,
// migrated to the latest schema. Nothing is written before the file is known to
// be empty or a sound feedback database (contents_of, for writing), so a file
// that turns out to be broken or someone else's keeps its bytes (the store then
// moves it aside).
Verdict open_writable(const std::filesystem::path& file, sqlite::Connection& connection, std::string& reason);

// A feedback file to be read without changing it in any way. Only a regular
// file is ever opened (a FIFO would block the reader, a device is no database),
// and its -wal and -shm companions, when there, must be regular files too.
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
    bool indexed = false;            // at the latest version with all its indexes: can be read in place
    std::filesystem::path snapshot;  // a temporary copy to delete, or empty

    Source() = default;
    ~Source();
    Source(Source&& other) noexcept;
    Source& operator=(Source&& other) noexcept;  // removes its own snapshot first
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
};

// Finds out whether `file` is a feedback database this program can read
// (contents_of, for reading), and how to read it. False otherwise, with `error`
// naming the file, saying what is wrong with it and what to do (missing, not a
// regular file, not SQLite, another program's database, a table without a
// column, damaged, a newer schema).
bool inspect_source(const std::filesystem::path& file, Source& source, std::string& error);

// The destination of a merge, as found before anything is written to it.
struct Destination {
    bool exists = false;   // false: the merge creates it
    bool started = false;  // missing or 0 bytes: the merge makes it a database (WAL, like a kiosk's)
    bool had_log = false;  // a -wal was beside it: a failed merge must leave that log as it was
    int version = 0;       // the feedback schema it has (0 when empty)
};

// Finds out, read-only and exactly as a Source is read (so that nothing about
// the file changes, not even its journal mode), whether `file` may be merged
// into: missing, empty, or a sound feedback database at this program's schema or
// an older one (contents_of, for writing; and PRAGMA quick_check). False
// otherwise, with `error` naming the file, what is wrong, that it was left as it
// was, and what to do.
bool inspect_destination(const std::filesystem::path& file, Destination& destination, std::string& error);

// Opens the destination found by inspect_destination() for writing, creating it
// if missing; a database the merge starts is put in WAL mode, an existing one
// keeps its journal mode. Nothing else is written: the caller migrates it inside
// the merge's transaction (apply_migrations). False with `error` naming the file.
bool open_destination(const std::filesystem::path& file, const Destination& destination,
                      sqlite::Connection& connection, std::string& error);

// After a merge that failed (its transaction rolled back): closes the
// connection and leaves the destination as it was found. A file the merge
// created is removed, one that had 0 bytes has 0 bytes again, and a -wal that
// was there is not check-pointed into the file.
void abandon_destination(const std::filesystem::path& file, const Destination& destination,
                         sqlite::Connection& connection);

// Opens `source` for reading only.
bool open_source(const Source& source, sqlite::Connection& connection, std::string& error);

// Adds the rows of the attached database `alias` (at schema `version`) to the
// main database, skipping rows whose UNIQUE key is already there, and adds what
// was added to `added`. Runs inside the caller's transaction. A version 1 source
// is read as migration 2 would leave it: offset 0, sequence = id, and of
// duplicate reactions only the newest.
bool copy_rows(sqlite3* db, const std::string& alias, int version, MergeCounts& added, std::string& error);

}  // namespace amanat::store::schema
