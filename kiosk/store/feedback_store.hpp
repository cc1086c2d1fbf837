#pragma once

// The feedback database: anonymous visitor reactions and engagement events, kept
// for the museum's organisers in one SQLite file per kiosk.
//
// Schema (SQLite, WAL, synchronous=FULL; PRAGMA user_version is the number of
// the last migration applied; migration 1 creates both tables):
//
//   reactions(id INTEGER PRIMARY KEY,
//             kiosk_id TEXT, venue TEXT, bundle_id TEXT, bundle_version TEXT,   -- provenance
//             session_id TEXT,    -- the visitor session (an id the kiosk makes up per visit)
//             artifact_id TEXT,   -- the artifact rated, as in the bundle
//             rating INTEGER CHECK(rating BETWEEN 1 AND 5),
//             language TEXT,      -- BCP 47 tag of the language the visitor was using
//             at INTEGER)         -- Unix time, whole seconds (UTC)
//
//   engagement(id INTEGER PRIMARY KEY,
//              kiosk_id TEXT, venue TEXT, bundle_id TEXT, bundle_version TEXT,  -- provenance
//              session_id TEXT,
//              kind TEXT,     -- "session_start", "session_end", "language", "artifact_view",
//                             -- "narration", "film", ...
//              subject TEXT,  -- what the event is about: an artifact id, a language tag, ...
//              value INTEGER, -- a number whose meaning depends on kind: dwell in
//                             -- milliseconds, percentage of a narration or film heard, ...
//              at INTEGER)    -- Unix time, whole seconds (UTC)
//
// Every column is NOT NULL. Every row carries its provenance (which kiosk, where,
// showing which bundle at which version), so files from several kiosks can be
// merged by concatenating their rows (ids are per file and mean nothing across
// files). Times have a resolution of one second (callers truncate), enough to
// group feedback by hour or day and no finer, on purpose; within one file, rows
// of the same second are in `id` order, which is the order they were recorded.
//
// Anonymous by design: there is no free text and no device identifier other than
// the kiosk id the caller gives; a session id identifies a visit, not a person.
//
// Migrations are numbered from 1 and only ever appended; each runs in one
// transaction together with its `PRAGMA user_version = N`, so a file is always at
// exactly one version.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace amanat::store {

// Who wrote a row: stamped on every row this store writes.
struct Provenance {
    std::string kiosk_id;
    std::string venue;
    std::string bundle_id;
    std::string bundle_version;
};

// A visitor's rating of one artifact.
struct Reaction {
    std::string session_id;
    std::string artifact_id;
    int rating = 0;  // 1..5; anything else is refused by the database
    std::string language;
    long long at_unix_seconds = 0;
};

// Something a visitor did (see the schema above for kind, subject and value).
struct EngagementEvent {
    std::string session_id;
    std::string kind;
    std::string subject;
    long long value = 0;
    long long at_unix_seconds = 0;
};

// The version of the newest schema this program knows (PRAGMA user_version).
int latest_schema_version();

// Writes feedback to the database on its own thread, so that the render thread
// never waits for the disk.
//
// Thread contract:
// - open(), the destructor, flush() and last_error() are called on one thread
//   (the render thread in the kiosk); record() may be called from any thread.
// - record() only queues the row (under `m_mutex`, briefly) and returns at once.
// - The database thread runs `run()`: it writes the rows in the order they were
//   queued, each committed in its own transaction, and it alone touches the
//   connection and the statements once open() has returned.
// - A `done` callback runs on the database thread after its row's commit (true)
//   or failure (false, the reason logged and kept in last_error()). It must be
//   cheap and thread-safe, must not throw and must not call back into this
//   store. It is never called after the destructor returns.
class FeedbackStore {
  public:
    // Opens or creates the database at `file`, creating its folders. A file that
    // is corrupt, is not an SQLite database, or has a newer user_version than
    // latest_schema_version() is moved aside (renamed to
    // FILE.broken-YYYYMMDD-HHMMSS, UTC, with its -wal and -shm files; never
    // deleted), which is reported in `notes`, and a fresh database is started.
    // Returns null with `error` set if no database can be opened at all (e.g. the
    // folder is not writable).
    static std::unique_ptr<FeedbackStore> open(const std::filesystem::path& file, Provenance provenance,
                                               std::vector<std::string>& notes, std::string& error);
    // Writes everything still queued, then stops the thread and closes the file.
    ~FeedbackStore();
    FeedbackStore(const FeedbackStore&) = delete;
    FeedbackStore& operator=(const FeedbackStore&) = delete;

    // Queue one row; see the thread contract.
    void record(Reaction reaction, std::function<void(bool)> done = {});
    void record(EngagementEvent event, std::function<void(bool)> done = {});

    // Blocks until every row queued before this call is committed or has failed.
    void flush();

    // The last write failure, or empty if every write so far succeeded.
    std::string last_error() const;

  private:
    struct Job {
        std::variant<Reaction, EngagementEvent> row;
        std::function<void(bool)> done;
    };

    FeedbackStore(sqlite3* db, Provenance provenance);
    bool prepare(std::string& error);
    void queue(Job job);
    void run();
    bool write(const Job& job, std::string& error);

    // Set at construction, then used only by the database thread (and by the
    // destructor once that thread has been joined).
    sqlite3* const m_db;
    const Provenance m_provenance;
    sqlite3_stmt* m_insert_reaction = nullptr;
    sqlite3_stmt* m_insert_engagement = nullptr;

    // m_mutex protects every member below it except m_thread.
    mutable std::mutex m_mutex;
    std::condition_variable m_work_available;  // a job was queued, or stopping
    std::condition_variable m_job_finished;    // for flush()
    std::deque<Job> m_queue;
    std::uint64_t m_queued = 0;    // jobs ever queued
    std::uint64_t m_finished = 0;  // jobs ever finished (committed or failed)
    std::string m_last_error;
    bool m_stopping = false;

    // Started last, once everything above exists.
    std::thread m_thread;
};

}  // namespace amanat::store
