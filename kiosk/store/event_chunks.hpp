#pragma once

// The engagement rows of several feedback files decoded by worker threads, in
// chunks of consecutive rows, and handed to one reader in order: file by file,
// each file in the order its rows were recorded. Decoding (SQLite's stepping,
// its columns, checking UTF-8) is most of the cost of reading a tour's ten
// million events, and spreads over the machine's cores this way; what depends
// on earlier rows (which visit a row is, whether an earlier file gave it)
// stays with the one reader, so the result is the same as reading on one
// thread. Private to kiosk/store (FeedbackUnion).
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

namespace amanat::store {

// A text in a chunk's arena.
struct ArenaText {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
};

struct DecodedEvent {
    ArenaText session;
    ArenaText kind_text;
    ArenaText subject;  // valid UTF-8
    long long sequence = 0;
    long long value = 0;
    long long at = 0;
    int utc_offset_minutes = 0;
    EventKind kind = EventKind::other;
    // The first row of a chunk, or another visit than the row before: its
    // origin (kiosk, venue, exhibition, version) is in `origins`.
    bool new_visit = false;
    std::uint32_t origin = 0;  // index into EventChunk::origins when new_visit
};

struct EventChunk {
    std::uint32_t file = 0;
    std::vector<DecodedEvent> rows;
    std::vector<std::array<ArenaText, 4>> origins;
    std::string arena;
    int result = 0;     // SQLite's result code at the end: SQLITE_DONE when read to the end
    std::string error;  // SQLite's message otherwise
    bool ready = false;

    std::string_view text(ArenaText t) const { return std::string_view(arena).substr(t.offset, t.size); }
};

class EventChunks {
  public:
    // Starts `workers` threads reading `sources` (opened read-only, each by each
    // worker) within `period`. Sources must outlive this.
    EventChunks(const std::vector<schema::Source>& sources, const Period& period, unsigned workers);
    // Stops the workers (a chunk being decoded is finished first) and joins them.
    ~EventChunks();
    EventChunks(const EventChunks&) = delete;
    EventChunks& operator=(const EventChunks&) = delete;

    // The next chunk in order, or null after the last. Valid until the next call.
    // A chunk whose `result` is not SQLITE_DONE ends the reading: report it.
    const EventChunk* next();

  private:
    struct Task {
        std::uint32_t file = 0;
        long long first_rowid = 0;
        long long last_rowid = 0;
    };
    void plan(const Period& period);
    void work();
    void decode(const Task& task, EventChunk& chunk, schema::Connection& connection,
                std::uint32_t& open_file);

    const std::vector<schema::Source>& m_sources;
    std::vector<Task> m_tasks;
    long long m_low = 0;  // the period, inclusive, for SQL
    long long m_high = 0;
    bool m_whole = true;  // no period: no WHERE on `at`

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<EventChunk> m_slots;  // task t decodes into m_slots[t % size]
    std::size_t m_next_task = 0;      // guarded by m_mutex
    std::size_t m_consumed = 0;       // guarded by m_mutex: chunks the reader is done with
    bool m_stop = false;              // guarded by m_mutex
    bool m_holding = false;           // the reader holds chunk m_consumed (reader's thread only)
    std::vector<std::thread> m_workers;
};

}  // namespace amanat::store
