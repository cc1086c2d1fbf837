#include "store/source_merge.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <utility>

namespace amanat::store::schema {

namespace {

// Up to how many sources can be attached at once (SQLite's limit; 10 by default).
std::size_t attach_limit(sqlite3* db) {
    return static_cast<std::size_t>(std::max(1, sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, -1)));
}

// Attaches `sources` as source0, source1..., then in one transaction brings
// the main database from schema `version` to the latest and copies their rows,
// commits, then detaches them (DETACH is refused inside a transaction). On
// failure the transaction is rolled back: the main database is as it was.
bool merge_attached(sqlite3* db, int version, const std::vector<const Source*>& sources, MergeCounts& added,
                    std::string& error) {
    std::size_t attached = 0;
    auto detach_all = [&] {
        std::string ignored;
        for (std::size_t i = 0; i < attached; ++i)
            sqlite::exec(db, ("DETACH source" + std::to_string(i)).c_str(), ignored);
    };
    for (const Source* source : sources) {
        std::string alias = "source" + std::to_string(attached);
        sqlite::Statement attach = sqlite::prepare(db, ("ATTACH ?1 AS " + alias).c_str(), error);
        if (attach) {
            sqlite3_bind_text(attach.get(), 1, source->uri.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(attach.get()) != SQLITE_DONE) {
                error = sqlite::describe(db);
                attach.reset();
            }
        }
        if (!attach) {
            error = source->file.string() + ": cannot read it: " + error;
            detach_all();
            return false;
        }
        ++attached;
    }

    MergeCounts counts;
    bool ok = sqlite::exec(db, "BEGIN IMMEDIATE", error) && schema::apply_migrations(db, version, error);
    for (std::size_t i = 0; ok && i < sources.size(); ++i) {
        ok = schema::copy_rows(db, "source" + std::to_string(i), sources[i]->version, counts, error);
        // Its tables were checked when it was inspected: what fails now is a
        // damaged page in it, or the destination's disk.
        if (!ok && (sqlite3_extended_errcode(db) & 0xff) == SQLITE_CORRUPT)
            error = sources[i]->file.string() + ": damaged (" + error +
                    "); take a fresh copy from the kiosk or its export";
        else if (!ok)
            error = sources[i]->file.string() + ": cannot merge it: " + error;
    }
    if (ok) ok = sqlite::exec(db, "COMMIT", error);
    if (!ok && sqlite3_get_autocommit(db) == 0) {
        std::string ignored;
        sqlite::exec(db, "ROLLBACK", ignored);
    }
    detach_all();
    if (!ok) return false;
    added.reactions += counts.reactions;
    added.engagement += counts.engagement;
    added.survey_answers += counts.survey_answers;
    return true;
}

}  // namespace

// A merge inserts into indexes keyed by random session ids, all over the file:
// SQLite's default 2 MiB page cache makes that about twice as slow on a million
// rows (measured: 7 s against 4 s). Organisers' computers have the memory.
const char* const kMergeCache = "PRAGMA cache_size = -131072";  // KiB: 128 MiB

// Creates an empty database at the latest schema in `file` (a fresh temporary
// file), fast rather than durable: it is thrown away if anything goes wrong.
bool create_temporary(const std::filesystem::path& file, sqlite::Connection& connection, std::string& error) {
    // Without SQLite's mutex, as sources are read (schema::open_source).
    if (sqlite::open_uri(sqlite::uri_for(file, nullptr),
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                         connection, error) != SQLITE_OK) {
        error = "cannot create " + file.string() + ": " + error;
        return false;
    }
    sqlite3* raw = connection.get();
    sqlite3_extended_result_codes(raw, 1);
    if (!sqlite::exec(raw, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", error) ||
        !sqlite::exec(raw, kMergeCache, error) || !schema::migrate(raw, 0, error)) {
        error = "cannot create " + file.string() + ": " + error;
        return false;
    }
    return true;
}

// The same merge as merge_feedback(), into the open database `db` at schema
// `version` (brought to the latest in the merge's transaction). SQLite
// attaches only so many files at once, and a transaction cannot detach one, so
// all-or-nothing with more sources than that first merges them in batches into
// a temporary database and then merges that in one transaction.
bool merge_sources(sqlite3* db, int version, const std::vector<Source>& sources, Atomicity atomicity,
                   MergeCounts& added, std::string& error) {
    const std::size_t batch = attach_limit(db);
    if (atomicity == Atomicity::all_or_nothing && sources.size() > batch) {
        Source staged;
        staged.snapshot = sqlite::make_temporary_database(error);
        if (staged.snapshot.empty()) return false;
        staged.file = staged.snapshot;
        staged.version = latest_schema_version();
        {
            sqlite::Connection staging;
            MergeCounts ignored;
            if (!create_temporary(staged.snapshot, staging, error) ||
                !merge_sources(staging.get(), latest_schema_version(), sources, Atomicity::batches, ignored,
                               error))
                return false;
        }
        staged.uri = sqlite::uri_for(staged.snapshot, "mode=ro&immutable=1");
        return merge_attached(db, version, {&staged}, added, error);
    }
    for (std::size_t first = 0; first < sources.size(); first += batch) {
        std::vector<const Source*> some;
        for (std::size_t i = first; i < std::min(sources.size(), first + batch); ++i)
            some.push_back(&sources[i]);
        if (!merge_attached(db, version, some, added, error)) return false;
        version = latest_schema_version();
    }
    return true;
}

bool read_as_latest(Source& source, std::string& error) {
    if (source.indexed) return true;
    Source copy;
    copy.snapshot = sqlite::make_temporary_database(error);
    if (copy.snapshot.empty()) return false;
    copy.file = source.file;
    copy.version = latest_schema_version();
    copy.indexed = true;
    {
        sqlite::Connection connection;
        MergeCounts ignored;
        std::vector<Source> one;
        one.push_back(std::move(source));
        const bool ok =
            create_temporary(copy.snapshot, connection, error) &&
            merge_sources(connection.get(), latest_schema_version(), one, Atomicity::batches, ignored, error);
        source = Source();
        if (!ok) return false;
    }
    copy.uri = sqlite::uri_for(copy.snapshot, "mode=ro&immutable=1");
    source = std::move(copy);
    return true;
}

}  // namespace amanat::store::schema
