#pragma once

// Several kiosks' feedback files read as their union, visit by visit, without
// first merging them into a copy (which costs ~6 s per million rows): each file
// is read once, in the order its rows were recorded, and a row another file
// gave already is skipped. What the organisers' report is computed from.
//
// The union is exactly merge_feedback()'s (the same keys, the first file's
// version of a row wins), so a merged file read together with its sources
// counts nothing twice. For engagement that rests on how kiosks write: a visit's
// events are numbered 1, 2, 3... and recorded in that order, so every copy of a
// kiosk's file, and every merge of copies, holds a beginning of each visit's
// events. An event of a visit is therefore new when its sequence is above the
// highest that earlier files gave for that visit; events come out in each
// visit's sequence order.
//
// Files are checked as FeedbackArchive checks them (not a feedback database,
// newer schema, damaged...: refused, naming the file); an older file is read
// through a migrated temporary copy. Text is handed over as valid UTF-8.
//
// Thread contract: one FeedbackUnion is used from one thread at a time, and
// the reader's callbacks run on that thread. While read() runs, two worker
// threads of its own decode rows (store/row_chunks); they never call back and
// are joined before read() returns.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/feedback_archive.hpp"

namespace amanat::store {

// Where and with what a row was recorded. Shared by all the rows of one kiosk,
// venue and exhibition version: rows refer to it by index.
struct RowOrigin {
    std::string kiosk_id;
    std::string venue;
    std::string bundle_id;
    std::string bundle_version;
};

enum class EventKind : std::uint8_t {
    session_start,
    session_end,
    language,
    text_size,
    contrast,
    artifact_view,
    narration,
    film,
    survey,
    other,  // a kind this program does not know (a newer kiosk's)
};

// The kind of an engagement row, from its `kind` text.
EventKind event_kind(std::string_view kind);

// The string views are valid only during the callback that is given them.
struct UnionEvent {
    std::uint32_t visit = 0;   // 0, 1, 2... in the order visits are first met, in any table
    std::uint32_t origin = 0;  // index into FeedbackUnion::origins()
    long long sequence = 0;
    EventKind kind = EventKind::other;
    std::string_view kind_text;
    std::string_view subject;
    long long value = 0;
    long long at = 0;  // Unix seconds, UTC
    int utc_offset_minutes = 0;
};

struct UnionReaction {
    std::uint32_t visit = 0;
    std::uint32_t origin = 0;
    std::string_view artifact_id;
    int rating = 0;
    std::string_view language;
    long long at = 0;
    int utc_offset_minutes = 0;
};

struct UnionAnswer {
    std::uint32_t visit = 0;
    std::uint32_t origin = 0;
    std::string_view question_id;
    std::string_view answer;
    std::string_view language;
    long long at = 0;
    int utc_offset_minutes = 0;
};

// What reading the union calls, table by table: every event of every file
// first, then the reactions, then the survey answers.
struct UnionReader {
    std::function<void(const UnionEvent&)> event;
    std::function<void(const UnionReaction&)> reaction;
    std::function<void(const UnionAnswer&)> answer;
};

class FeedbackUnion {
  public:
    // Checks every file (see above). Null with `error` naming the file.
    static std::unique_ptr<FeedbackUnion> open(const std::vector<std::filesystem::path>& files,
                                               std::string& error);
    ~FeedbackUnion();
    FeedbackUnion(const FeedbackUnion&) = delete;
    FeedbackUnion& operator=(const FeedbackUnion&) = delete;

    // Hands over each distinct row whose `at` is in `period`. Can be called once.
    // False with `error` naming the file if one cannot be read to its end.
    bool read(const Period& period, const UnionReader& reader, std::string& error);

    // Every origin met so far (grows while reading).
    const std::vector<RowOrigin>& origins() const;
    // Visits met so far.
    std::size_t visits() const;

  private:
    struct Files;
    explicit FeedbackUnion(std::unique_ptr<Files> files);
    std::unique_ptr<Files> m_files;
};

}  // namespace amanat::store
