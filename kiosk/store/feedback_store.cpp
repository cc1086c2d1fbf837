#include "store/feedback_store.hpp"

#include <sqlite3.h>

#include <chrono>

#include <ctime>
#include <iostream>
#include <system_error>
#include <utility>

#include "store/feedback_schema.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {

namespace {

using schema::Verdict;
using sqlite::Connection;
using sqlite::describe;

void log(const std::string& line) {
    std::cerr << "feedback store: " << line << '\n';
}

// FILE.broken-YYYYMMDD-HHMMSS (UTC), with -2, -3... if that name is taken.
std::filesystem::path broken_name(const std::filesystem::path& file) {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
    std::filesystem::path base = file;
    base += std::string(".broken-") + stamp;
    std::filesystem::path candidate = base;
    std::error_code ec;
    for (int n = 2;
         std::filesystem::exists(candidate, ec) || std::filesystem::exists(candidate.string() + "-wal", ec);
         ++n) {
        candidate = base;
        // '-' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on "-" + std::string
        candidate += '-' + std::to_string(n);
    }
    return candidate;
}

// Renames the file and its -wal and -shm companions (which belong to it: a
// fresh database must not replay an old write-ahead log).
bool move_aside(const std::filesystem::path& file, const std::filesystem::path& to, std::string& error) {
    std::error_code ec;
    std::filesystem::rename(file, to, ec);
    if (ec) {
        error = "cannot rename " + file.string() + " to " + to.string() + ": " + ec.message();
        return false;
    }
    for (const char* suffix : {"-wal", "-shm"}) {
        std::filesystem::path companion = file.string() + suffix;
        if (!std::filesystem::exists(companion, ec)) continue;
        std::filesystem::rename(companion, to.string() + suffix, ec);
        if (ec) {
            error = "cannot rename " + companion.string() + ": " + ec.message();
            return false;
        }
    }
    return true;
}

// ?1..?4: the provenance columns every insert starts with. Text is bound without
// a copy (sqlite::bind_text): it belongs to the store or the job, which outlive
// the step, and sqlite::run() drops the bindings after it.
void bind_provenance(sqlite3_stmt* statement, const Provenance& provenance) {
    sqlite::bind_text(statement, 1, provenance.kiosk_id);
    sqlite::bind_text(statement, 2, provenance.venue);
    sqlite::bind_text(statement, 3, provenance.bundle_id);
    sqlite::bind_text(statement, 4, provenance.bundle_version);
}

// The kiosk's offset from UTC at `at`, in minutes (daylight saving included),
// so that organisers can group rows by the venue's local day and hour.
int utc_offset_minutes(long long at) {
    std::time_t time = static_cast<std::time_t>(at);
    std::tm local{};
    if (localtime_r(&time, &local) == nullptr) return 0;
    return static_cast<int>(local.tm_gmtoff / 60);
}

}  // namespace

std::uintmax_t database_bytes(const std::filesystem::path& file) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) return 0;
    const std::uintmax_t log = std::filesystem::file_size(file.string() + "-wal", ec);
    return ec ? size : size + log;
}

std::unique_ptr<FeedbackStore> FeedbackStore::open(const std::filesystem::path& file, Provenance provenance,
                                                   std::vector<std::string>& notes, std::string& error) {
    std::error_code ec;
    if (file.has_parent_path()) {
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) {
            error = "cannot create the folder " + file.parent_path().string() + ": " + ec.message();
            return nullptr;
        }
    }

    Connection connection;
    std::string reason;
    Verdict verdict = schema::open_writable(file, connection, reason);
    if (verdict == Verdict::broken) {
        connection.reset();
        std::filesystem::path aside = broken_name(file);
        if (!move_aside(file, aside, error)) return nullptr;
        std::string note = "the feedback database " + file.string() + " could not be used (" + reason +
                           "); it was moved aside to " + aside.string() + " and a fresh one started";
        log(note);
        notes.push_back(std::move(note));
        verdict = schema::open_writable(file, connection, reason);
    }
    if (verdict != Verdict::ok) {
        error = "cannot open the feedback database " + file.string() + ": " + reason;
        return nullptr;
    }

    std::unique_ptr<FeedbackStore> store(new FeedbackStore(connection.release(), std::move(provenance)));
    if (!store->prepare(error)) {
        error = "cannot prepare the feedback database " + file.string() + ": " + error;
        return nullptr;
    }
    store->m_thread = std::thread([raw = store.get()] { raw->run(); });
    return store;
}

FeedbackStore::FeedbackStore(sqlite3* db, Provenance provenance)
    : m_db(db), m_provenance(std::move(provenance)) {}

bool FeedbackStore::prepare(std::string& error) {
    auto prepare_one = [&](const char* sql, sqlite3_stmt** statement) {
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr) == SQLITE_OK)
            return true;
        error = describe(m_db);
        return false;
    };
    return prepare_one(
               "INSERT INTO reactions(kiosk_id, venue, bundle_id, bundle_version, session_id,"
               " artifact_id, rating, language, at, utc_offset_minutes)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
               " ON CONFLICT(session_id, artifact_id) DO UPDATE SET rating = excluded.rating,"
               " language = excluded.language, at = excluded.at,"
               " utc_offset_minutes = excluded.utc_offset_minutes",
               &m_upsert_reaction) &&
           // A duplicate (session_id, sequence) is the same event queued twice:
           // already saved, so skipping it is success.
           prepare_one(
               "INSERT INTO engagement(kiosk_id, venue, bundle_id, bundle_version, session_id,"
               " sequence, kind, subject, value, at, utc_offset_minutes)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
               " ON CONFLICT(session_id, sequence) DO NOTHING",
               &m_insert_engagement) &&
           prepare_one("BEGIN IMMEDIATE", &m_begin) && prepare_one("COMMIT", &m_commit) &&
           prepare_one("ROLLBACK", &m_rollback) &&
           prepare_one("DELETE FROM survey_answers WHERE session_id = ?1 AND question_id = ?2",
                       &m_delete_survey_answers) &&
           // Listing an option twice is choosing it once.
           prepare_one(
               "INSERT INTO survey_answers(kiosk_id, venue, bundle_id, bundle_version, session_id,"
               " question_id, answer, language, at, utc_offset_minutes)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
               " ON CONFLICT(session_id, question_id, answer) DO NOTHING",
               &m_insert_survey_answer);
}

FeedbackStore::~FeedbackStore() {
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_work_available.notify_all();
        m_thread.join();
    }
    for (sqlite3_stmt* statement : {m_upsert_reaction, m_insert_engagement, m_begin, m_commit, m_rollback,
                                    m_delete_survey_answers, m_insert_survey_answer})
        sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

void FeedbackStore::record(Reaction reaction, std::function<void(bool)> done) {
    queue(Job{std::move(reaction), std::move(done)});
}

void FeedbackStore::record(EngagementEvent event, std::function<void(bool)> done) {
    queue(Job{std::move(event), std::move(done)});
}

void FeedbackStore::record(SurveyAnswer answer, std::function<void(bool)> done) {
    queue(Job{std::move(answer), std::move(done)});
}

void FeedbackStore::checkpoint_soon() {
    queue(Job{Checkpoint{}, {}});
}

void FeedbackStore::queue(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
        ++m_queued;
    }
    m_work_available.notify_one();
}

void FeedbackStore::flush() {
    std::unique_lock lock(m_mutex);
    std::uint64_t target = m_queued;
    m_job_finished.wait(lock, [&] { return m_finished >= target; });
}

std::string FeedbackStore::last_error() const {
    std::lock_guard lock(m_mutex);
    return m_last_error;
}

void FeedbackStore::run() {
    std::unique_lock lock(m_mutex);
    const auto work = [&] { return m_stopping || !m_queue.empty(); };
    for (;;) {
        if (!m_unchecked_rows) {
            m_work_available.wait(lock, work);
        } else if (!m_work_available.wait_for(lock, kQuietTime, work)) {
            // Quiet for a while after writing: a good moment to checkpoint.
            lock.unlock();
            checkpoint();
            lock.lock();
            continue;
        }
        if (m_queue.empty()) return;  // stopping, and everything queued is written
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();

        if (std::holds_alternative<Checkpoint>(job.row)) {
            checkpoint();
            lock.lock();
            ++m_finished;
            m_job_finished.notify_all();
            continue;
        }
        std::string error;
        bool ok = write(job, error);
        if (ok) m_unchecked_rows = true;
        if (!ok) {
            // A full disk fails every write until someone frees space: say so once
            // a minute (with how many failed meanwhile), not once a row, so the
            // log that staff read is not itself filled with it.
            const auto now = std::chrono::steady_clock::now();
            if (error != m_logged_error || now - m_logged_at >= std::chrono::minutes(1)) {
                log(m_unlogged_failures == 0 ? error
                                             : error + " (" + std::to_string(m_unlogged_failures) +
                                                   " more writes failed since the last such message)");
                m_logged_error = error;
                m_logged_at = now;
                m_unlogged_failures = 0;
            } else {
                ++m_unlogged_failures;
            }
            // Before `done`: a caller told of the failure finds its reason here.
            std::lock_guard reason(m_mutex);
            m_last_error = std::move(error);
        } else if (!m_logged_error.empty()) {
            log("writing again, after failed writes");
            m_logged_error.clear();
            m_unlogged_failures = 0;
        }
        if (job.done) job.done(ok);

        lock.lock();
        ++m_finished;
        m_job_finished.notify_all();
    }
}

bool FeedbackStore::write(const Job& job, std::string& error) {
    if (const auto* reaction = std::get_if<Reaction>(&job.row)) return write_reaction(*reaction, error);
    if (const auto* event = std::get_if<EngagementEvent>(&job.row)) return write_engagement(*event, error);
    return write_survey_answer(std::get<SurveyAnswer>(job.row), error);
}

// Copies the -wal's rows into the file and empties the -wal, so that a copy of
// the file alone (an organiser's, or what is left after a power cut and a lost
// -wal) holds them. Never waits for a reader (the busy timeout is 0 meanwhile):
// with one reading, SQLite still copies every frame it can, as a PASSIVE
// checkpoint does, and only the emptying of the -wal waits for the next time.
void FeedbackStore::checkpoint() {
    if (!m_unchecked_rows) return;
    int frames = -1;
    int copied = -1;
    sqlite3_busy_timeout(m_db, 0);
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied);
    sqlite3_busy_timeout(m_db, schema::kWriterBusyMilliseconds);
    const bool busy = (rc & 0xff) == SQLITE_BUSY;
    if (rc == SQLITE_OK || (busy && frames >= 0 && copied >= frames)) {
        m_unchecked_rows = false;  // every row is in the file itself
    } else if (!busy) {
        // The rows are safe in the -wal; the next row brings the next try.
        log("a checkpoint failed (the rows stay in the -wal): " + describe(m_db));
        m_unchecked_rows = false;
    }
    // SQLITE_BUSY with frames left: a reader held them; tried again when quiet.
}

// Autocommit: the statement is its own transaction, durable when it has run. A
// failure, the disk full for instance, leaves the statement ready for the next
// write (sqlite::run).
bool FeedbackStore::write_reaction(const Reaction& reaction, std::string& error) {
    sqlite3_stmt* statement = m_upsert_reaction;
    bind_provenance(statement, m_provenance);
    sqlite::bind_text(statement, 5, reaction.session_id);
    sqlite::bind_text(statement, 6, reaction.artifact_id);
    sqlite3_bind_int(statement, 7, reaction.rating);
    sqlite::bind_text(statement, 8, reaction.language);
    sqlite3_bind_int64(statement, 9, reaction.at_unix_seconds);
    sqlite3_bind_int(statement, 10, utc_offset_minutes(reaction.at_unix_seconds));
    if (sqlite::run(statement, error)) return true;
    error = "a reaction was not saved: " + error;
    return false;
}

bool FeedbackStore::write_engagement(const EngagementEvent& event, std::string& error) {
    sqlite3_stmt* statement = m_insert_engagement;
    bind_provenance(statement, m_provenance);
    sqlite::bind_text(statement, 5, event.session_id);
    sqlite3_bind_int64(statement, 6, event.sequence);
    sqlite::bind_text(statement, 7, event.kind);
    sqlite::bind_text(statement, 8, event.subject);
    sqlite3_bind_int64(statement, 9, event.value);
    sqlite3_bind_int64(statement, 10, event.at_unix_seconds);
    sqlite3_bind_int(statement, 11, utc_offset_minutes(event.at_unix_seconds));
    if (sqlite::run(statement, error)) return true;
    error = "an engagement event was not saved: " + error;
    return false;
}

// One transaction: the question's earlier answers go and the new ones come
// together, so a reader never sees a question half answered.
bool FeedbackStore::write_survey_answer(const SurveyAnswer& answer, std::string& error) {
    const int offset = utc_offset_minutes(answer.at_unix_seconds);
    bool ok = sqlite::run(m_begin, error);
    if (ok) {
        sqlite::bind_text(m_delete_survey_answers, 1, answer.session_id);
        sqlite::bind_text(m_delete_survey_answers, 2, answer.question_id);
        ok = sqlite::run(m_delete_survey_answers, error);
    }
    for (std::size_t i = 0; ok && i < answer.answers.size(); ++i) {
        sqlite3_stmt* statement = m_insert_survey_answer;
        bind_provenance(statement, m_provenance);
        sqlite::bind_text(statement, 5, answer.session_id);
        sqlite::bind_text(statement, 6, answer.question_id);
        sqlite::bind_text(statement, 7, answer.answers[i]);
        sqlite::bind_text(statement, 8, answer.language);
        sqlite3_bind_int64(statement, 9, answer.at_unix_seconds);
        sqlite3_bind_int(statement, 10, offset);
        ok = sqlite::run(statement, error);
    }
    if (ok) ok = sqlite::run(m_commit, error);
    if (ok) return true;
    // A failed COMMIT (an I/O error) may leave the transaction open; end it so
    // that the next write starts afresh.
    if (sqlite3_get_autocommit(m_db) == 0) {
        std::string ignored;
        sqlite::run(m_rollback, ignored);
    }
    error = "a survey answer was not saved: " + error;
    return false;
}

}  // namespace amanat::store
