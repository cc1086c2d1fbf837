#include "store/feedback_streams.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/files/json_record.hpp"
#include "store/row_keys.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {

namespace {

// A value's place in SQLite's ORDER BY before its bytes or number: NULL, then
// numbers, then text, then blobs. A damaged or hand-made file can hold a blob or
// a fraction where a kiosk writes text or whole seconds, and the merge must
// order such rows exactly as SQLite orders each file's, or its groups break.
int storage_rank(int type) {
    switch (type) {
        case SQLITE_NULL:
            return 0;
        case SQLITE_INTEGER:
        case SQLITE_FLOAT:
            return 1;
        case SQLITE_TEXT:
            return 2;
        default:
            return 3;
    }
}

// One file's rows in (at, kiosk_id, rowid) order, and the row it is on. The
// kiosk's bytes are SQLite's, valid until the statement steps. `at` is a number
// (the query's BETWEEN leaves out any other), compared as SQLite compares an
// integer with a real: a long double holds every int64 and every double exactly.
struct Cursor {
    sqlite::Statement statement;
    std::uint32_t file = 0;
    int at_column = 0;
    long double at = 0;
    int kiosk_rank = 0;
    std::string_view kiosk;
    void load() {
        sqlite3_stmt* s = statement.get();
        at = sqlite3_column_type(s, at_column) == SQLITE_FLOAT
                 ? static_cast<long double>(sqlite3_column_double(s, at_column))
                 : static_cast<long double>(sqlite3_column_int64(s, at_column));
        kiosk_rank = storage_rank(sqlite3_column_type(s, 0));
        kiosk = raw_text(s, 0);
    }
    bool same_group(const Cursor& other) const {
        return at == other.at && kiosk_rank == other.kiosk_rank && kiosk == other.kiosk;
    }
};

// Whether `a` comes after `b` in the merge's order: at, then kiosk_id (SQLite's
// BINARY collation within a storage class: bytes, then length, as
// std::string_view compares), then file.
bool after(const Cursor* a, const Cursor* b) {
    if (a->at != b->at) return a->at > b->at;
    if (a->kiosk_rank != b->kiosk_rank) return a->kiosk_rank > b->kiosk_rank;
    const int kiosk = a->kiosk.compare(b->kiosk);
    return kiosk != 0 ? kiosk > 0 : a->file > b->file;
}

// A row of the merged order, on its file's statement. `group_start`: the first
// row of an (at, kiosk_id) group; `shared`: more than one file has rows in it.
struct TimeRow {
    sqlite3_stmt* statement = nullptr;
    std::uint32_t file = 0;
    bool group_start = false;
    bool shared = false;
};

// Runs `sql` (the period as ?1..?2; kiosk_id in column 0, at in `at_column`;
// ordered by at, kiosk_id, rowid) on every file and hands the rows over in the
// merge's order.
template <typename Visit>
bool merge_in_time_order(const SourceFiles& files, const char* sql, int at_column, const Period& period,
                         Visit&& visit, std::string& error) {
    long long low = 0;
    long long high = 0;
    if (!period.inclusive(low, high)) return true;
    std::vector<Cursor> cursors(files.size());
    std::vector<Cursor*> heap;
    heap.reserve(files.size());
    auto step = [&](Cursor& cursor) {
        const int rc = sqlite3_step(cursor.statement.get());
        if (rc == SQLITE_ROW) {
            cursor.load();
            heap.push_back(&cursor);
            std::push_heap(heap.begin(), heap.end(), after);
            return true;
        }
        if (rc == SQLITE_DONE) return true;
        error = files.read_error(cursor.file);
        return false;
    };
    for (std::uint32_t file = 0; file < files.size(); ++file) {
        Cursor& cursor = cursors[file];
        cursor.file = file;
        cursor.at_column = at_column;
        cursor.statement = sqlite::prepare(files.connection(file), sql, error);
        if (!cursor.statement) {
            error = files.read_error(file);
            return false;
        }
        sqlite3_bind_int64(cursor.statement.get(), 1, low);
        sqlite3_bind_int64(cursor.statement.get(), 2, high);
        if (!step(cursor)) return false;
    }
    TimeRow row;
    long double group_at = 0;
    int group_rank = 0;
    std::string group_kiosk;
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), after);
        Cursor* cursor = heap.back();
        heap.pop_back();
        row.group_start = row.statement == nullptr || cursor->at != group_at ||
                          cursor->kiosk_rank != group_rank || cursor->kiosk != group_kiosk;
        if (row.group_start) {
            group_at = cursor->at;
            group_rank = cursor->kiosk_rank;
            group_kiosk.assign(cursor->kiosk);
            // Every other file's rows are at or after its cursor's.
            const Cursor* next = heap.empty() ? nullptr : heap.front();
            row.shared = next != nullptr && next->same_group(*cursor);
        }
        row.statement = cursor->statement.get();
        row.file = cursor->file;
        visit(static_cast<const TimeRow&>(row));
        if (!step(*cursor)) return false;
    }
    return true;
}

// The rowids, per file, of the rows whose key an earlier file has (the merge
// skips them), each list sorted.
using Losers = std::vector<std::vector<long long>>;

bool lost(const Losers& losers, std::uint32_t file, long long rowid) {
    const auto& list = losers[file];
    return !list.empty() && std::binary_search(list.begin(), list.end(), rowid);
}

// A row's key, compactly: the visit (hex, or a number given to another id) and
// the rest of the key as a number given to its bytes.
struct KeyCopy {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    long long rowid = 0;
    std::uint32_t item = 0;
    std::uint32_t file = 0;
    bool hex = false;
    bool same_key(const KeyCopy& other) const {
        return hex == other.hex && high == other.high && low == other.low && item == other.item;
    }
    bool operator<(const KeyCopy& other) const {
        return std::tie(hex, high, low, item, file, rowid) <
               std::tie(other.hex, other.high, other.low, other.item, other.file, other.rowid);
    }
};

std::uint32_t number_for(std::map<std::string, std::uint32_t, std::less<>>& numbers, std::string_view text) {
    auto it = numbers.find(text);
    if (it == numbers.end())
        it = numbers.emplace(std::string(text), static_cast<std::uint32_t>(numbers.size())).first;
    return it->second;
}

// Runs `sql` (session_id, then `item_columns` columns of the key, then rowid)
// on every file in order and finds the copies that are not the first.
bool find_losers(const SourceFiles& files, const char* sql, int item_columns, Losers& losers,
                 std::string& error) {
    std::vector<KeyCopy> keys;
    std::map<std::string, std::uint32_t, std::less<>> items;
    std::map<std::string, std::uint32_t, std::less<>> other_visits;
    std::string item;
    for (std::uint32_t file = 0; file < files.size(); ++file) {
        sqlite::Statement statement = sqlite::prepare(files.connection(file), sql, error);
        if (!statement) {
            error = files.read_error(file);
            return false;
        }
        sqlite3_stmt* s = statement.get();
        int rc = 0;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            KeyCopy key;
            key.file = file;
            HexVisitId visit;
            key.hex = parse_hex_id(raw_text(s, 0), visit);
            key.high = key.hex ? visit.high : number_for(other_visits, raw_text(s, 0));
            key.low = visit.low;
            // Several columns as one text: each but the last preceded by its length.
            item.clear();
            for (int column = 1; column < item_columns; ++column) {
                const std::string_view text = raw_text(s, column);
                const auto length = static_cast<std::uint32_t>(text.size());
                item.append(reinterpret_cast<const char*>(&length), sizeof length).append(text);
            }
            item.append(raw_text(s, item_columns));
            key.item = number_for(items, item);
            key.rowid = sqlite3_column_int64(s, item_columns + 1);
            keys.push_back(key);
        }
        if (rc != SQLITE_DONE) {
            error = files.read_error(file);
            return false;
        }
    }
    std::sort(keys.begin(), keys.end());
    losers.assign(files.size(), {});
    for (std::size_t i = 1; i < keys.size(); ++i)
        if (keys[i].same_key(keys[i - 1])) losers[keys[i].file].push_back(keys[i].rowid);
    for (auto& list : losers) std::sort(list.begin(), list.end());
    return true;
}

// The keys (session_id, sequence) of the engagement rows given in the current
// (at, kiosk_id) group. A group is a second at one kiosk, a few rows: a list
// to look through, with an index by hash once it is long (a hand-made file
// with every row at the same second).
class GroupKeys {
  public:
    void clear() {
        m_bytes.clear();
        m_keys.clear();
        if (!m_index.empty()) m_index.clear();
    }
    // False if the key was given already; remembers it otherwise.
    bool add(std::string_view session, long long sequence) {
        m_key.assign(reinterpret_cast<const char*>(&sequence), sizeof sequence).append(session);
        const std::size_t hash = std::hash<std::string_view>()(m_key);
        if (m_index.empty()) {
            for (std::size_t i = 0; i < m_keys.size(); ++i)
                if (key(i) == m_key) return false;
        } else {
            const auto [first, last] = m_index.equal_range(hash);
            for (auto it = first; it != last; ++it)
                if (key(it->second) == m_key) return false;
        }
        m_keys.emplace_back(m_bytes.size(), m_key.size());
        m_bytes.append(m_key);
        if (!m_index.empty()) {
            m_index.emplace(hash, m_keys.size() - 1);
        } else if (m_keys.size() > kLongGroup) {
            for (std::size_t i = 0; i < m_keys.size(); ++i)
                m_index.emplace(std::hash<std::string_view>()(key(i)), i);
        }
        return true;
    }

  private:
    static constexpr std::size_t kLongGroup = 32;
    std::string_view key(std::size_t i) const {
        return std::string_view(m_bytes).substr(m_keys[i].first, m_keys[i].second);
    }
    std::string m_bytes;                                      // the keys one after the other
    std::vector<std::pair<std::size_t, std::size_t>> m_keys;  // where each is in m_bytes
    std::unordered_multimap<std::size_t, std::size_t> m_index;
    std::string m_key;
};

// Reads with one read transaction on every file (SourceFiles::begin).
template <typename Read>
bool in_one_snapshot(const SourceFiles& files, std::string& error, Read&& read) {
    if (!files.begin(error)) return false;
    const bool ok = read();
    files.end();
    return ok;
}

}  // namespace

bool each_reaction_of(const SourceFiles& files, const Period& period,
                      const std::function<void(const ReactionRow&)>& row, std::string& error) {
    return in_one_snapshot(files, error, [&] {
        Losers losers;
        ReactionRow r;
        return find_losers(files, "SELECT session_id, artifact_id, rowid FROM reactions", 1, losers, error) &&
               merge_in_time_order(
                   files,
                   "SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id, rating,"
                   " language, at, utc_offset_minutes, rowid FROM reactions WHERE at BETWEEN ?1 AND ?2"
                   " ORDER BY at, kiosk_id, rowid",
                   8, period,
                   [&](const TimeRow& t) {
                       sqlite3_stmt* s = t.statement;
                       if (lost(losers, t.file, sqlite3_column_int64(s, 10))) return;
                       read_provenance(s, r.from);
                       read_text(s, 4, r.reaction.session_id);
                       read_text(s, 5, r.reaction.artifact_id);
                       r.reaction.rating = sqlite3_column_int(s, 6);
                       read_text(s, 7, r.reaction.language);
                       r.reaction.at_unix_seconds = sqlite3_column_int64(s, 8);
                       r.utc_offset_minutes = sqlite3_column_int(s, 9);
                       row(r);
                   },
                   error);
    });
}

bool each_engagement_of(const SourceFiles& files, const Period& period,
                        const std::function<void(const EngagementRow&)>& row, std::string& error) {
    return in_one_snapshot(files, error, [&] {
        GroupKeys keys;
        EngagementRow r;
        return merge_in_time_order(
            files,
            "SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, sequence, kind, subject, value,"
            " at, utc_offset_minutes FROM engagement WHERE at BETWEEN ?1 AND ?2 ORDER BY at, kiosk_id, rowid",
            9, period,
            [&](const TimeRow& t) {
                sqlite3_stmt* s = t.statement;
                if (t.group_start) keys.clear();
                if (t.shared && !keys.add(raw_text(s, 4), sqlite3_column_int64(s, 5))) return;
                read_provenance(s, r.from);
                read_text(s, 4, r.event.session_id);
                r.event.sequence = sqlite3_column_int64(s, 5);
                read_text(s, 6, r.event.kind);
                read_text(s, 7, r.event.subject);
                r.event.value = sqlite3_column_int64(s, 8);
                r.event.at_unix_seconds = sqlite3_column_int64(s, 9);
                r.utc_offset_minutes = sqlite3_column_int(s, 10);
                row(r);
            },
            error);
    });
}

bool each_survey_answer_of(const SourceFiles& files, const Period& period,
                           const std::function<void(const SurveyAnswerRow&)>& row, std::string& error) {
    return in_one_snapshot(files, error, [&] {
        Losers losers;
        SurveyAnswerRow r;
        return find_losers(files, "SELECT session_id, question_id, answer, rowid FROM survey_answers", 2,
                           losers, error) &&
               merge_in_time_order(
                   files,
                   "SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, question_id, answer,"
                   " language, at, utc_offset_minutes, rowid FROM survey_answers WHERE at BETWEEN ?1 AND ?2"
                   " ORDER BY at, kiosk_id, rowid",
                   8, period,
                   [&](const TimeRow& t) {
                       sqlite3_stmt* s = t.statement;
                       if (lost(losers, t.file, sqlite3_column_int64(s, 10))) return;
                       read_provenance(s, r.from);
                       read_text(s, 4, r.session_id);
                       read_text(s, 5, r.question_id);
                       read_text(s, 6, r.answer);
                       read_text(s, 7, r.language);
                       r.at_unix_seconds = sqlite3_column_int64(s, 8);
                       r.utc_offset_minutes = sqlite3_column_int(s, 9);
                       row(r);
                   },
                   error);
    });
}

}  // namespace amanat::store
