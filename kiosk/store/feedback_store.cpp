#include "store/feedback_store.hpp"

#include <sqlite3.h>

#include <array>
#include <ctime>
#include <iostream>
#include <system_error>
#include <utility>

namespace amanat::store {

namespace {

// Numbered migrations: MIGRATIONS[i] brings a file from user_version i to i + 1.
// Only ever append; never edit one that has shipped.
constexpr std::array<const char*, 1> MIGRATIONS = {
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
};

void log(const std::string& line) {
    std::cerr << "feedback store: " << line << '\n';
}

std::string describe(sqlite3* db) {
    return sqlite3_errmsg(db);
}

// Runs SQL that returns no rows we need.
bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = message != nullptr ? message : describe(db);
    sqlite3_free(message);
    return false;
}

// The first column of the first row of `sql` as text, with SQLite's result code.
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

struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;

enum class Verdict { ok, broken, fatal };

// Opens `file` and brings it to the latest schema. `broken` means the file must
// be moved aside (not a database, corrupt, or from a newer program); `fatal`
// that no database can be had here at all (permissions, I/O).
Verdict open_database(const std::filesystem::path& file, Connection& connection, std::string& reason) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
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

    for (int next = version; next < latest_schema_version(); ++next) {
        std::string sql = std::string("BEGIN IMMEDIATE;") + MIGRATIONS[static_cast<std::size_t>(next)] +
                          "PRAGMA user_version=" + std::to_string(next + 1) + ";COMMIT;";
        if (!exec(db, sql.c_str(), reason)) {
            std::string ignored;
            exec(db, "ROLLBACK", ignored);
            reason = "migration " + std::to_string(next + 1) + " failed: " + reason;
            return Verdict::fatal;
        }
    }
    return Verdict::ok;
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
        candidate += "-" + std::to_string(n);
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

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

}  // namespace

int latest_schema_version() {
    return static_cast<int>(MIGRATIONS.size());
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
    Verdict verdict = open_database(file, connection, reason);
    if (verdict == Verdict::broken) {
        connection.reset();
        std::filesystem::path aside = broken_name(file);
        if (!move_aside(file, aside, error)) return nullptr;
        std::string note = "the feedback database " + file.string() + " could not be used (" + reason +
                           "); it was moved aside to " + aside.string() + " and a fresh one started";
        log(note);
        notes.push_back(std::move(note));
        verdict = open_database(file, connection, reason);
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
               " artifact_id, rating, language, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
               &m_insert_reaction) &&
           prepare_one(
               "INSERT INTO engagement(kiosk_id, venue, bundle_id, bundle_version, session_id,"
               " kind, subject, value, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
               &m_insert_engagement);
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
    sqlite3_finalize(m_insert_reaction);
    sqlite3_finalize(m_insert_engagement);
    sqlite3_close(m_db);
}

void FeedbackStore::record(Reaction reaction, std::function<void(bool)> done) {
    queue(Job{std::move(reaction), std::move(done)});
}

void FeedbackStore::record(EngagementEvent event, std::function<void(bool)> done) {
    queue(Job{std::move(event), std::move(done)});
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
    for (;;) {
        m_work_available.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty()) return;  // stopping, and everything queued is written
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();

        std::string error;
        bool ok = write(job, error);
        if (!ok) log(error);
        if (job.done) job.done(ok);

        lock.lock();
        if (!ok) m_last_error = std::move(error);
        ++m_finished;
        m_job_finished.notify_all();
    }
}

bool FeedbackStore::write(const Job& job, std::string& error) {
    sqlite3_stmt* statement = nullptr;
    if (const auto* reaction = std::get_if<Reaction>(&job.row)) {
        statement = m_insert_reaction;
        bind_text(statement, 5, reaction->session_id);
        bind_text(statement, 6, reaction->artifact_id);
        sqlite3_bind_int(statement, 7, reaction->rating);
        bind_text(statement, 8, reaction->language);
        sqlite3_bind_int64(statement, 9, reaction->at_unix_seconds);
    } else {
        const auto& event = std::get<EngagementEvent>(job.row);
        statement = m_insert_engagement;
        bind_text(statement, 5, event.session_id);
        bind_text(statement, 6, event.kind);
        bind_text(statement, 7, event.subject);
        sqlite3_bind_int64(statement, 8, event.value);
        sqlite3_bind_int64(statement, 9, event.at_unix_seconds);
    }
    bind_text(statement, 1, m_provenance.kiosk_id);
    bind_text(statement, 2, m_provenance.venue);
    bind_text(statement, 3, m_provenance.bundle_id);
    bind_text(statement, 4, m_provenance.bundle_version);

    // Autocommit: the INSERT is its own transaction, durable when step returns.
    int rc = sqlite3_step(statement);
    bool ok = rc == SQLITE_DONE;
    if (!ok)
        error = "a " + std::string(statement == m_insert_reaction ? "reaction" : "engagement event") +
                " was not saved: " + describe(m_db);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);  // the bound text belongs to `job`
    return ok;
}

}  // namespace amanat::store
