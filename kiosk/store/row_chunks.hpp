#pragma once

// One table of several feedback files decoded by worker threads, in chunks of
// consecutive rows, and handed to one reader in order: file by file, each file
// in the order its rows were recorded. Decoding (SQLite's stepping, its
// columns, checking UTF-8) is most of the cost of reading a tour's ten million
// events, and spreads over the machine's cores this way; what depends on
// earlier rows (which visit a row is, whether an earlier file gave it) stays
// with the one reader, so the result is the same as reading on one thread.
// Private to kiosk/store (FeedbackUnion).
//
// Thread contract: the reader calls next() from one thread. Each worker has its
// own connections; a chunk is written by one worker, then handed over under the
// mutex (its `ready` flag) and read only by the reader until the next call.

#include <array>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "store/feedback_archive.hpp"
#include "store/feedback_schema.hpp"
#include "store/feedback_union.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {

// A text in a chunk's arena.
struct ArenaText {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
};

enum class FeedbackTable { engagement, reactions, survey_answers };

// One row of any table, its columns by position. Texts are valid UTF-8.
//   engagement:     texts kind, subject;             numbers sequence, value
//   reactions:      texts artifact_id, language;     numbers rating
//   survey_answers: texts question_id, answer, language
struct DecodedRow {
    ArenaText session;
    std::array<ArenaText, 3> texts;
    std::array<long long, 2> numbers{};
    long long at = 0;
    int utc_offset_minutes = 0;
    EventKind kind = EventKind::other;  // engagement only
    // The first row of a chunk, or another visit than the row before: its
    // origin (kiosk, venue, exhibition, version) is in `origins`.
    bool new_visit = false;
    std::uint32_t origin = 0;  // index into RowChunk::origins when new_visit
};

struct RowChunk {
    std::uint32_t file = 0;
    std::vector<DecodedRow> rows;
    std::vector<std::array<ArenaText, 4>> origins;
    std::string arena;
    int result = 0;     // SQLite's result code at the end: SQLITE_DONE when read to the end
    std::string error;  // SQLite's message otherwise
    bool ready = false;

    std::string_view text(ArenaText t) const { return std::string_view(arena).substr(t.offset, t.size); }
};

class RowChunks {
  public:
    // Starts `workers` threads reading `table` of `sources` (opened read-only,
    // by each worker), the rows whose `at` is in `period`. Sources must outlive this.
    RowChunks(const std::vector<schema::Source>& sources, FeedbackTable table, const Period& period,
              unsigned workers);
    // Stops the workers (a chunk being decoded is finished first) and joins them.
    ~RowChunks();
    RowChunks(const RowChunks&) = delete;
    RowChunks& operator=(const RowChunks&) = delete;

    // The next chunk in order, or null after the last. Valid until the next call.
    // A chunk whose `result` is not SQLITE_DONE ends the reading: report it.
    const RowChunk* next();

  private:
    struct Task {
        std::uint32_t file = 0;
        long long first_rowid = 0;
        long long last_rowid = 0;
    };
    void plan();
    void work();
    void decode(const Task& task, RowChunk& chunk, sqlite::Connection& connection, std::uint32_t& open_file);

    const std::vector<schema::Source>& m_sources;
    const FeedbackTable m_table;
    std::vector<Task> m_tasks;
    long long m_low = 0;  // the period, inclusive, for SQL
    long long m_high = 0;
    bool m_whole = true;  // no period: no WHERE on `at`

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<RowChunk> m_slots;  // task t decodes into m_slots[t % size]
    std::size_t m_next_task = 0;    // guarded by m_mutex
    std::size_t m_consumed = 0;     // guarded by m_mutex: chunks the reader is done with
    bool m_stop = false;            // guarded by m_mutex
    bool m_holding = false;         // the reader holds chunk m_consumed (reader's thread only)
    std::vector<std::thread> m_workers;
};

}  // namespace amanat::store
