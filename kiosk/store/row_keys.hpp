#pragma once

// How the readers of several files tell rows apart without copying text: a
// column's bytes as SQLite holds them, and a visit's id as two numbers. Private
// to kiosk/store.
//
// Thread contract: free functions and values; no shared state.

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/files/json_record.hpp"
#include "core/visit/feedback_rows.hpp"

namespace amanat::store {

// A column's bytes as they are in the file, valid until the statement steps.
inline std::string_view raw_text(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    return text != nullptr
               ? std::string_view(reinterpret_cast<const char*>(text),
                                  static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
               : std::string_view();
}

// Every text the archive hands over is valid UTF-8 (core's append_valid_utf8),
// whatever bytes a damaged or hostile file holds, so that no output made from
// it (CSV, JSON, the terminal) is not. Into an existing string, reusing its
// storage: export hands over one row object per table, refilled for every row,
// so a million rows are not a million sets of allocations.
inline void read_text(sqlite3_stmt* statement, int column, std::string& into) {
    into.clear();
    append_valid_utf8(into, raw_text(statement, column));
}

// Columns 0..3 of every export query: kiosk, venue, exhibition, version.
inline void read_provenance(sqlite3_stmt* statement, Provenance& into) {
    read_text(statement, 0, into.kiosk_id);
    read_text(statement, 1, into.venue);
    read_text(statement, 2, into.bundle_id);
    read_text(statement, 3, into.bundle_version);
}

// A visit's id as the kiosk makes it, 32 hex digits, as two numbers: hashing
// and comparing those is several times cheaper than a 32-byte string, and a
// million visits' ids take 16 MB, not 70. Any other id (a hand-made file) goes
// into a map of strings instead.
struct HexVisitId {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    bool operator==(const HexVisitId&) const = default;
};

// Visits' ids to their numbers, in one flat table (open addressing, linear
// probing, at most half full): a lookup is one cache line or two, where
// std::unordered_map follows a pointer to a node of its own for each of a tour's
// 800,000 visits (measured: 6-8 % of the report's reading thread).
class HexVisitNumbers {
  public:
    // The number of `id`, or `next` when it is new (then kept as its number).
    std::uint32_t number(const HexVisitId& id, std::uint32_t next) {
        if (2 * (m_size + 1) > m_slots.size()) grow();
        std::size_t at = slot_of(id);
        while (m_slots[at].number != kEmpty) {
            if (m_slots[at].id == id) return m_slots[at].number;
            at = (at + 1) & (m_slots.size() - 1);
        }
        m_slots[at] = {id, next};
        ++m_size;
        return next;
    }

  private:
    static constexpr std::uint32_t kEmpty = UINT32_MAX;
    struct Slot {
        HexVisitId id;
        std::uint32_t number = kEmpty;
    };
    std::size_t slot_of(const HexVisitId& id) const {
        // The ids are random: their high bits, mixed with the low ones, are the hash.
        return static_cast<std::size_t>((id.high ^ (id.low * 0x9E3779B97F4A7C15ULL)) >> 20) &
               (m_slots.size() - 1);
    }
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        m_size = 0;
        for (const Slot& slot : old)
            if (slot.number != kEmpty) number(slot.id, slot.number);
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

// Lower-case hex only: "AB..." and "ab..." are different ids.
inline bool parse_hex_id(std::string_view text, HexVisitId& id) {
    if (text.size() != 32) return false;
    std::uint64_t halves[2] = {0, 0};
    for (std::size_t i = 0; i < 32; ++i) {
        const char c = text[i];
        unsigned digit = 0;
        if (c >= '0' && c <= '9')
            digit = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = static_cast<unsigned>(c - 'a' + 10);
        else
            return false;
        halves[i / 16] = (halves[i / 16] << 4) | digit;
    }
    id = {halves[0], halves[1]};
    return true;
}

}  // namespace amanat::store
