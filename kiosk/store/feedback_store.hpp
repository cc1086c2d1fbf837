#pragma once

// The feedback database: anonymous visitor reactions and engagement events, kept
// for the museum's organisers in one SQLite file per kiosk.
//
// Schema (SQLite, WAL, synchronous=FULL; PRAGMA user_version is the number of
// the last migration applied). docs/FEEDBACK-SCHEMA.md is the organisers' copy of
// this, with example queries for the sqlite3 shell; keep the two together.
//
// Every table starts with the same columns:
//   id INTEGER PRIMARY KEY   -- per file; means nothing across files
//   kiosk_id TEXT            -- made up at the kiosk's first start (random)
//   venue TEXT               -- from the kiosk's config
//   bundle_id TEXT, bundle_version TEXT  -- the exhibition shown
//   session_id TEXT          -- the visitor session: 128 random bits, hex; identifies a visit, not a person
//   at INTEGER               -- Unix time, whole seconds (UTC)
//   utc_offset_minutes INTEGER  -- the kiosk's offset from UTC at `at` (schema 2), for venue-local days and
//   hours
//
//   reactions:      artifact_id TEXT, rating INTEGER 1..5, language TEXT (BCP 47)
//                   UNIQUE(session_id, artifact_id): a visitor who changes their mind replaces their rating
//   engagement:     sequence INTEGER (schema 2: number of the event within its session, from 1),
//                   kind TEXT, subject TEXT, value INTEGER -- see EngagementEvent
//                   UNIQUE(session_id, sequence)
//   survey_answers: question_id TEXT, answer TEXT, language TEXT (schema 2)
//                   one row per answer chosen: an option id, or "1".."5" for a rating question;
//                   UNIQUE(session_id, question_id, answer)
//
// Migrations: 1 creates reactions and engagement; 2 adds utc_offset_minutes (0
// for older rows), engagement.sequence (= id for older rows), the unique indexes
// (keeping the newest of duplicate older reactions) and survey_answers.
//
// Every column is NOT NULL. Every row carries its provenance (which kiosk, where,
// showing which bundle at which version), so files from several kiosks can be
// merged; the UNIQUE keys above are what makes a merge idempotent (session ids are
// random, so they do not collide across kiosks). Times have a resolution of one
// second (callers truncate), enough to group feedback by hour or day and no
// finer, on purpose; within one file, rows of the same second are in `id` order,
// which is the order they were recorded.
//
// Anonymous by design: there is no free text and no device identifier other than
// the kiosk id the caller gives; a session id identifies a visit, not a person.
//
// Migrations are numbered from 1 and only ever appended; each runs in one
// transaction together with its `PRAGMA user_version = N`, so a file is always at
// exactly one version. They are in feedback_schema.cpp, shared with the archive
// (feedback_archive.hpp), which reads and merges files; migration 2 also adds the
// indexes reading needs (by time, by kind of event, visit starts).

#include <chrono>
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

#include "core/visit/feedback_rows.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace amanat::store {

// The rows (Provenance, Reaction, EngagementEvent, SurveyAnswer) are defined
// in the UI-free core, which makes them; this module only stores them.
using amanat::EngagementEvent;
using amanat::Provenance;
using amanat::Reaction;
using amanat::SurveyAnswer;

// The version of the newest schema this program knows (PRAGMA user_version).
int latest_schema_version();

// What the database at `file` takes on disk: the file and its -wal (where rows
// committed since the last checkpoint are), or 0 if the file cannot be read.
// The -shm is only an index of the -wal, rebuilt from it; it is not counted.
std::uintmax_t database_bytes(const std::filesystem::path& file);

// Writes feedback to the database on its own thread, so that the render thread
// never waits for the disk.
//
// Thread contract:
// - open(), the destructor, flush() and last_error() are called on one thread
//   (the render thread in the kiosk); record() and checkpoint_soon() may be
//   called from any thread.
// - record() and checkpoint_soon() only queue (under `m_mutex`, briefly) and
//   return at once.
// - The database thread runs `run()`: it writes the rows in the order they were
//   queued, each committed in its own transaction, and it alone touches the
//   connection and the statements once open() has returned.
// - A `done` callback runs on the database thread after its row's commit (true)
//   or failure (false, the reason logged and already in last_error()). It must be
//   cheap and thread-safe, must not throw and must not call back into this
//   store. It is never called after the destructor returns.
class FeedbackStore {
  public:
    // Opens or creates the database at `file`, creating its folders. A file that
    // is corrupt, is not an SQLite database, is another program's database (or
    // has the feedback tables' names with other columns), or has a newer
    // user_version than latest_schema_version() is moved aside, unchanged (renamed to
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
    void record(SurveyAnswer answer, std::function<void(bool)> done = {});

    // Queues a checkpoint after the rows queued so far: the database thread
    // copies the rows from the -wal into the file itself and empties the -wal
    // (PRAGMA wal_checkpoint(TRUNCATE)), so that the file alone, copied without
    // its -wal, holds them. The kiosk asks for one when a visit ends; the store
    // also runs one by itself once it has written nothing for kQuietTime. A
    // checkpoint a reader holds up is done as far as it can be, and the rest is
    // left to the next one (nothing is lost: the rows stay in the -wal).
    void checkpoint_soon();
    static constexpr std::chrono::seconds kQuietTime{30};

    // Blocks until every row (and checkpoint) queued before this call is
    // committed or has failed.
    void flush();

    // The last write failure, or empty if every write so far succeeded.
    std::string last_error() const;

  private:
    struct Checkpoint {};
    struct Job {
        std::variant<Reaction, EngagementEvent, SurveyAnswer, Checkpoint> row;
        std::function<void(bool)> done;
    };

    FeedbackStore(sqlite3* db, Provenance provenance);
    bool prepare(std::string& error);
    void queue(Job job);
    void run();
    bool write(const Job& job, std::string& error);
    bool write_reaction(const Reaction& reaction, std::string& error);
    bool write_engagement(const EngagementEvent& event, std::string& error);
    bool write_survey_answer(const SurveyAnswer& answer, std::string& error);
    void checkpoint();

    // The database thread's own: what it last logged about failed writes.
    std::string m_logged_error;
    std::chrono::steady_clock::time_point m_logged_at;
    long long m_unlogged_failures = 0;
    // The database thread's own: rows may be in the -wal only (committed since
    // the last checkpoint; at first, the tables a fresh file was given and any
    // rows an unclean stop left in the -wal).
    bool m_unchecked_rows = true;

    // Set at construction, then used only by the database thread (and by the
    // destructor once that thread has been joined).
    sqlite3* const m_db;
    const Provenance m_provenance;
    sqlite3_stmt* m_upsert_reaction = nullptr;
    sqlite3_stmt* m_insert_engagement = nullptr;
    sqlite3_stmt* m_begin = nullptr;
    sqlite3_stmt* m_commit = nullptr;
    sqlite3_stmt* m_rollback = nullptr;
    sqlite3_stmt* m_delete_survey_answers = nullptr;
    sqlite3_stmt* m_insert_survey_answer = nullptr;

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
