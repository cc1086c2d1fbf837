#include "store/row_chunks.hpp"

#include <pthread.h>
#include <sqlite3.h>

#include <algorithm>

#include "core/files/json_record.hpp"

namespace amanat::store {

namespace {

// Rows per chunk, and chunks decoded ahead of the reader: enough for two
// workers busy, few enough to hold ~16 MB at most.
constexpr long long kChunkRows = 32768;
constexpr std::size_t kChunksAhead = 4;

std::string_view column_view(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    return text != nullptr
               ? std::string_view(reinterpret_cast<const char*>(text),
                                  static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
               : std::string_view();
}

// Adds `text` (made valid UTF-8) to the arena.
ArenaText keep(std::string& arena, std::string_view text) {
    const auto offset = static_cast<std::uint32_t>(arena.size());
    if (is_valid_utf8(text))
        arena.append(text);
    else
        append_valid_utf8(arena, text);
    return {offset, static_cast<std::uint32_t>(arena.size() - offset)};
}

}  // namespace

namespace {

// The columns every table is read with, in DecodedRow's order: the visit, up
// to three texts, two numbers, the time, and the origin (kiosk, venue,
// exhibition, version).
const char* select_of(FeedbackTable table) {
    switch (table) {
        case FeedbackTable::engagement:
            return "SELECT session_id, kind, subject, '', sequence, value, at, utc_offset_minutes,"
                   " kiosk_id, venue, bundle_id, bundle_version FROM engagement";
        case FeedbackTable::reactions:
            return "SELECT session_id, artifact_id, language, '', rating, 0, at, utc_offset_minutes,"
                   " kiosk_id, venue, bundle_id, bundle_version FROM reactions";
        case FeedbackTable::survey_answers:
            return "SELECT session_id, question_id, answer, language, 0, 0, at, utc_offset_minutes,"
                   " kiosk_id, venue, bundle_id, bundle_version FROM survey_answers";
    }
    return "";
}

const char* name_of(FeedbackTable table) {
    return table == FeedbackTable::engagement  ? "engagement"
           : table == FeedbackTable::reactions ? "reactions"
                                               : "survey_answers";
}

}  // namespace

RowChunks::RowChunks(const std::vector<schema::Source>& sources, FeedbackTable table, const Period& period,
                     unsigned workers)
    : m_sources(sources), m_table(table), m_slots(kChunksAhead) {
    m_whole = !period.since && !period.until;
    if (!period.inclusive(m_low, m_high)) return;  // an empty period: no task, no row
    plan();
    for (unsigned i = 0; i < std::max(1u, workers); ++i) m_workers.emplace_back([this] { work(); });
}

RowChunks::~RowChunks() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    for (std::thread& worker : m_workers) worker.join();
}

// Each file's rowids cut into ranges of kChunkRows. A file that cannot be
// planned (it became unreadable since it was checked) gets one task, which
// fails and reports it in order.
void RowChunks::plan() {
    for (std::uint32_t file = 0; file < m_sources.size(); ++file) {
        long long first = 0;
        long long last = -1;
        sqlite::Connection connection;
        std::string ignored;
        if (schema::open_source(m_sources[file], connection, ignored)) {
            // Two subqueries: SQLite answers a lone min() or max() from the
            // b-tree's ends, but both in one SELECT scan the whole table.
            const std::string table = name_of(m_table);
            const std::string sql =
                "SELECT (SELECT min(rowid) FROM " + table + "), (SELECT max(rowid) FROM " + table + ")";
            sqlite::Statement range = sqlite::prepare(connection.get(), sql.c_str(), ignored);
            if (range && sqlite3_step(range.get()) == SQLITE_ROW &&
                sqlite3_column_type(range.get(), 0) != SQLITE_NULL) {
                first = sqlite3_column_int64(range.get(), 0);
                last = sqlite3_column_int64(range.get(), 1);
            }
        }
        if (last < first) {
            m_tasks.push_back({file, 0, -1});  // read anyway: an empty table, or the error
            continue;
        }
        for (long long low = first; low <= last; low += kChunkRows)
            m_tasks.push_back({file, low, std::min(last, low + kChunkRows - 1)});
    }
}

void RowChunks::work() {
    pthread_setname_np(pthread_self(), "amanat-decode");  // named in top -H, perf, gdb
    sqlite::Connection connection;
    std::uint32_t open_file = UINT32_MAX;
    while (true) {
        std::size_t task = 0;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] {
                return m_stop || m_next_task >= m_tasks.size() || m_next_task < m_consumed + m_slots.size();
            });
            if (m_stop || m_next_task >= m_tasks.size()) return;
            task = m_next_task++;
        }
        // The slot is this worker's alone until it is marked ready.
        RowChunk& chunk = m_slots[task % m_slots.size()];
        decode(m_tasks[task], chunk, connection, open_file);
        {
            std::lock_guard lock(m_mutex);
            chunk.ready = true;
        }
        m_changed.notify_all();
    }
}

void RowChunks::decode(const Task& task, RowChunk& chunk, sqlite::Connection& connection,
                       std::uint32_t& open_file) {
    chunk.file = task.file;
    chunk.rows.clear();
    chunk.origins.clear();
    chunk.arena.clear();
    chunk.error.clear();
    if (open_file != task.file) {
        connection.reset();
        open_file = task.file;
        if (!schema::open_source(m_sources[task.file], connection, chunk.error)) {
            chunk.result = SQLITE_CANTOPEN;
            open_file = UINT32_MAX;
            return;
        }
        std::string ignored;
        sqlite::exec(connection.get(), "PRAGMA cache_size = -512", ignored);  // each page is read once
    }
    sqlite3* db = connection.get();
    std::string sql = std::string(select_of(m_table)) + " WHERE rowid BETWEEN ?1 AND ?2";
    if (!m_whole) sql += " AND at BETWEEN ?3 AND ?4";
    sql += " ORDER BY rowid";
    sqlite::Statement statement = sqlite::prepare(db, sql.c_str(), chunk.error);
    if (!statement) {
        chunk.result = sqlite3_extended_errcode(db);
        return;
    }
    sqlite3_bind_int64(statement.get(), 1, task.first_rowid);
    sqlite3_bind_int64(statement.get(), 2, task.last_rowid);
    if (!m_whole) {
        sqlite3_bind_int64(statement.get(), 3, m_low);
        sqlite3_bind_int64(statement.get(), 4, m_high);
    }
    int rc = 0;
    sqlite3_stmt* row_statement = statement.get();
    while ((rc = sqlite3_step(row_statement)) == SQLITE_ROW) {
        DecodedRow row;
        const std::string_view session = column_view(row_statement, 0);
        row.new_visit = chunk.rows.empty() || session != chunk.text(chunk.rows.back().session);
        row.session = row.new_visit ? keep(chunk.arena, session) : chunk.rows.back().session;
        for (std::size_t i = 0; i < 3; ++i)
            row.texts[i] = keep(chunk.arena, column_view(row_statement, static_cast<int>(1 + i)));
        row.numbers[0] = sqlite3_column_int64(row_statement, 4);
        row.numbers[1] = sqlite3_column_int64(row_statement, 5);
        row.at = sqlite3_column_int64(row_statement, 6);
        row.utc_offset_minutes = sqlite3_column_int(row_statement, 7);
        if (m_table == FeedbackTable::engagement) row.kind = event_kind(chunk.text(row.texts[0]));
        if (row.new_visit) {
            row.origin = static_cast<std::uint32_t>(chunk.origins.size());
            std::array<ArenaText, 4> origin;
            for (std::size_t i = 0; i < 4; ++i)
                origin[i] = keep(chunk.arena, column_view(row_statement, static_cast<int>(8 + i)));
            chunk.origins.push_back(origin);
        }
        chunk.rows.push_back(row);
    }
    chunk.result = rc;
    if (rc != SQLITE_DONE) chunk.error = sqlite::describe(db);
}

const RowChunk* RowChunks::next() {
    std::unique_lock lock(m_mutex);
    if (m_holding) {
        m_slots[m_consumed % m_slots.size()].ready = false;
        ++m_consumed;
        m_holding = false;
        lock.unlock();
        m_changed.notify_all();
        lock.lock();
    }
    if (m_consumed >= m_tasks.size()) return nullptr;
    RowChunk& chunk = m_slots[m_consumed % m_slots.size()];
    m_changed.wait(lock, [&] { return chunk.ready; });
    m_holding = true;
    return &chunk;
}

}  // namespace amanat::store
