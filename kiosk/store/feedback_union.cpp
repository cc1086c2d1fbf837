#include "store/feedback_union.hpp"

#include <sqlite3.h>

#include <climits>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/json_record.hpp"
#include "store/event_chunks.hpp"
#include "store/feedback_schema.hpp"
#include "store/row_keys.hpp"
#include "store/source_merge.hpp"

namespace amanat::store {

namespace {

using schema::Connection;
using schema::Source;
using schema::Statement;

// How far earlier files went in a visit (see the header): its events with a
// sequence up to `earlier` were given by a file read before `file`.
struct VisitProgress {
    long long earlier = LLONG_MIN;
    long long current = LLONG_MIN;  // the highest sequence `file` gave so far
    std::uint32_t file = UINT32_MAX;
};

// Text as valid UTF-8, without a copy when it is already (nearly always).
std::string_view valid_text(std::string_view raw, std::string& scratch) {
    if (is_valid_utf8(raw)) return raw;
    scratch = valid_utf8(raw);
    return scratch;
}

}  // namespace

// Once per row: the lengths tell all the known kinds apart but two pairs, so
// one length test and at most one comparison of a short string.
EventKind event_kind(std::string_view kind) {
    switch (kind.size()) {
        case 4:
            return kind == "film" ? EventKind::film : EventKind::other;
        case 6:
            return kind == "survey" ? EventKind::survey : EventKind::other;
        case 8:
            return kind == "language"   ? EventKind::language
                   : kind == "contrast" ? EventKind::contrast
                                        : EventKind::other;
        case 9:
            return kind == "narration"   ? EventKind::narration
                   : kind == "text_size" ? EventKind::text_size
                                         : EventKind::other;
        case 11:
            return kind == "session_end" ? EventKind::session_end : EventKind::other;
        case 13:
            return kind == "session_start"   ? EventKind::session_start
                   : kind == "artifact_view" ? EventKind::artifact_view
                                             : EventKind::other;
        default:
            return EventKind::other;
    }
}

struct FeedbackUnion::Files {
    std::vector<Source> sources;
    std::vector<RowOrigin> origins;
    std::map<std::vector<std::string>, std::uint32_t> origin_index;
    std::unordered_map<HexVisitId, std::uint32_t, HexVisitIdHash> hex_visits;
    std::unordered_map<std::string, std::uint32_t> other_visits;
    std::vector<VisitProgress> progress;
    bool read = false;

    // The row's visit, by its session id (column 0); rows of a visit are
    // recorded together, so most rows ask for the previous row's visit again.
    std::string last_visit_id;
    std::uint32_t last_visit = 0;
    bool visit_changed = true;
    std::uint32_t visit_of(sqlite3_stmt* statement);
    std::uint32_t visit_index(std::string_view id);

    // The row's origin, from columns first..first+3 (kiosk, venue, exhibition,
    // version). A visit happens at one kiosk, with one exhibition version (a
    // new pack is switched to between visitors), so the origin is read only
    // when the visit changes: a third of the columns of every other row unread.
    std::string last_origin_raw[4];
    std::uint32_t last_origin = UINT32_MAX;
    std::uint32_t origin_of(sqlite3_stmt* statement, int first);
    std::uint32_t origin_index_of(std::string_view kiosk_id, std::string_view venue,
                                  std::string_view bundle_id, std::string_view bundle_version);
    std::uint32_t visit_origin(sqlite3_stmt* statement, int first) {
        return visit_changed || last_origin == UINT32_MAX ? origin_of(statement, first) : last_origin;
    }

    bool events(const Period& period, const UnionReader& reader, std::string& error);
    bool reactions(sqlite3* db, std::unordered_set<std::uint64_t>& seen,
                   std::unordered_map<std::string, std::uint32_t>& artifacts, const Period& period,
                   const UnionReader& reader);
    bool answers(sqlite3* db, std::unordered_set<std::uint64_t>& seen,
                 std::unordered_map<std::string, std::uint32_t>& pairs, const Period& period,
                 const UnionReader& reader);
};

std::uint32_t FeedbackUnion::Files::visit_index(std::string_view id) {
    const auto next = static_cast<std::uint32_t>(progress.size());
    HexVisitId hex;
    const std::uint32_t index = parse_hex_id(id, hex)
                                    ? hex_visits.try_emplace(hex, next).first->second
                                    : other_visits.try_emplace(std::string(id), next).first->second;
    if (index == next) progress.emplace_back();
    return index;
}

std::uint32_t FeedbackUnion::Files::visit_of(sqlite3_stmt* statement) {
    const std::string_view id = raw_text(statement, 0);
    visit_changed = progress.empty() || id != last_visit_id;
    if (!visit_changed) return last_visit;
    last_visit_id.assign(id);
    last_visit = visit_index(id);
    return last_visit;
}

std::uint32_t FeedbackUnion::Files::origin_index_of(std::string_view kiosk_id, std::string_view venue,
                                                    std::string_view bundle_id,
                                                    std::string_view bundle_version) {
    std::vector<std::string> key = {valid_utf8(kiosk_id), valid_utf8(venue), valid_utf8(bundle_id),
                                    valid_utf8(bundle_version)};
    const auto [it, added] = origin_index.try_emplace(key, static_cast<std::uint32_t>(origins.size()));
    if (added) origins.push_back({key[0], key[1], key[2], key[3]});
    return it->second;
}

std::uint32_t FeedbackUnion::Files::origin_of(sqlite3_stmt* statement, int first) {
    bool same = last_origin != UINT32_MAX;
    for (int i = 0; i < 4 && same; ++i) same = raw_text(statement, first + i) == last_origin_raw[i];
    if (same) return last_origin;
    for (int i = 0; i < 4; ++i) last_origin_raw[i].assign(raw_text(statement, first + i));
    last_origin =
        origin_index_of(last_origin_raw[0], last_origin_raw[1], last_origin_raw[2], last_origin_raw[3]);
    return last_origin;
}

namespace {

// Runs `sql` with the period as ?1..?2 (when `period` is given) and hands each
// row over; SQLite's result code at the end.
int each_row(sqlite3* db, const char* sql, const Period* period,
             const std::function<void(sqlite3_stmt*)>& row) {
    std::string ignored;
    Statement statement = schema::prepare(db, sql, ignored);
    if (!statement) return sqlite3_extended_errcode(db);
    if (period != nullptr) {
        long long low = 0;
        long long high = 0;
        if (!period->inclusive(low, high)) return SQLITE_DONE;
        sqlite3_bind_int64(statement.get(), 1, low);
        sqlite3_bind_int64(statement.get(), 2, high);
    }
    int rc = 0;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) row(statement.get());
    return rc;
}

// Reactions and answers are read whole and their period applied after the
// union: a row a visitor changed later has another `at` in a later copy, and
// the union keeps the first file's version, in the period or not.
std::uint64_t row_key(std::uint32_t visit, std::uint32_t item) {
    return (static_cast<std::uint64_t>(visit) << 32) | item;
}

std::uint32_t intern(std::unordered_map<std::string, std::uint32_t>& names, std::string_view name) {
    return names.try_emplace(std::string(name), static_cast<std::uint32_t>(names.size())).first->second;
}

}  // namespace

// The table is read in the order rows were recorded (a scan in rowid order,
// cheaper than any index): a visit's events come together, in sequence order.
// The engagement rows of every file, decoded by EventChunks' workers, in
// order; visits and what earlier files gave are worked out here, on the
// reader's thread, one row after another. False with `error` set.
bool FeedbackUnion::Files::events(const Period& period, const UnionReader& reader, std::string& error) {
    // Two workers: this machine's and most organisers' laptops' cores are
    // busy enough with them and this thread.
    EventChunks chunks(sources, period, 2);
    UnionEvent event;
    std::uint32_t visit = 0;
    std::uint32_t origin = 0;
    while (const EventChunk* chunk = chunks.next()) {
        if (chunk->result != SQLITE_DONE) {
            const Source& source = sources[chunk->file];
            error = source.file.string() + ": cannot read it (" + chunk->error +
                    "); it may be damaged: take a fresh copy from the kiosk or its export";
            return false;
        }
        for (const DecodedEvent& row : chunk->rows) {
            if (row.new_visit) {
                visit = visit_index(chunk->text(row.session));
                const auto& texts = chunk->origins[row.origin];
                origin = origin_index_of(chunk->text(texts[0]), chunk->text(texts[1]), chunk->text(texts[2]),
                                         chunk->text(texts[3]));
            }
            VisitProgress& progress_of_visit = progress[visit];
            if (progress_of_visit.file != chunk->file) {
                progress_of_visit.earlier = std::max(progress_of_visit.earlier, progress_of_visit.current);
                progress_of_visit.current = LLONG_MIN;
                progress_of_visit.file = chunk->file;
            }
            if (row.sequence <= progress_of_visit.earlier) continue;  // an earlier file gave it
            progress_of_visit.current = std::max(progress_of_visit.current, row.sequence);
            event.visit = visit;
            event.origin = origin;
            event.sequence = row.sequence;
            event.kind = row.kind;
            event.kind_text = chunk->text(row.kind_text);
            event.subject = chunk->text(row.subject);
            event.value = row.value;
            event.at = row.at;
            event.utc_offset_minutes = row.utc_offset_minutes;
            reader.event(event);
        }
    }
    return true;
}

bool FeedbackUnion::Files::reactions(sqlite3* db, std::unordered_set<std::uint64_t>& seen,
                                     std::unordered_map<std::string, std::uint32_t>& artifacts,
                                     const Period& period, const UnionReader& reader) {
    UnionReaction reaction;
    std::string scratch;
    std::string language_scratch;
    last_origin = UINT32_MAX;
    const bool several = sources.size() > 1;
    const int rc = each_row(
        db,
        "SELECT session_id, artifact_id, rating, language, at, utc_offset_minutes,"
        " kiosk_id, venue, bundle_id, bundle_version FROM reactions ORDER BY rowid",
        nullptr, [&](sqlite3_stmt* statement) {
            reaction.visit = visit_of(statement);
            reaction.artifact_id = valid_text(raw_text(statement, 1), scratch);
            if (several &&
                !seen.insert(row_key(reaction.visit, intern(artifacts, reaction.artifact_id))).second)
                return;
            reaction.at = sqlite3_column_int64(statement, 4);
            if (!period.contains(reaction.at)) return;
            reaction.rating = sqlite3_column_int(statement, 2);
            reaction.language = valid_text(raw_text(statement, 3), language_scratch);
            reaction.utc_offset_minutes = sqlite3_column_int(statement, 5);
            reaction.origin = visit_origin(statement, 6);
            reader.reaction(reaction);
        });
    return rc == SQLITE_DONE;
}

bool FeedbackUnion::Files::answers(sqlite3* db, std::unordered_set<std::uint64_t>& seen,
                                   std::unordered_map<std::string, std::uint32_t>& pairs,
                                   const Period& period, const UnionReader& reader) {
    UnionAnswer answer;
    std::string question_scratch;
    std::string answer_scratch;
    std::string language_scratch;
    std::string pair;
    last_origin = UINT32_MAX;
    const bool several = sources.size() > 1;
    const int rc = each_row(db,
                            "SELECT session_id, question_id, answer, language, at, utc_offset_minutes,"
                            " kiosk_id, venue, bundle_id, bundle_version FROM survey_answers ORDER BY rowid",
                            nullptr, [&](sqlite3_stmt* statement) {
                                answer.visit = visit_of(statement);
                                answer.question_id = valid_text(raw_text(statement, 1), question_scratch);
                                answer.answer = valid_text(raw_text(statement, 2), answer_scratch);
                                if (several) {
                                    pair.assign(answer.question_id).push_back('\0');
                                    pair.append(answer.answer);
                                    if (!seen.insert(row_key(answer.visit, intern(pairs, pair))).second)
                                        return;
                                }
                                answer.at = sqlite3_column_int64(statement, 4);
                                if (!period.contains(answer.at)) return;
                                answer.language = valid_text(raw_text(statement, 3), language_scratch);
                                answer.utc_offset_minutes = sqlite3_column_int(statement, 5);
                                answer.origin = visit_origin(statement, 6);
                                reader.answer(answer);
                            });
    return rc == SQLITE_DONE;
}

std::unique_ptr<FeedbackUnion> FeedbackUnion::open(const std::vector<std::filesystem::path>& files,
                                                   std::string& error) {
    if (files.empty()) {
        error = "no feedback files to read";
        return nullptr;
    }
    auto union_files = std::make_unique<Files>();
    for (const auto& file : files) {
        Source source;
        if (!schema::inspect_source(file, source, error) || !schema::read_as_latest(source, error))
            return nullptr;
        union_files->sources.push_back(std::move(source));
    }
    return std::unique_ptr<FeedbackUnion>(new FeedbackUnion(std::move(union_files)));
}

FeedbackUnion::FeedbackUnion(std::unique_ptr<Files> files) : m_files(std::move(files)) {}
FeedbackUnion::~FeedbackUnion() = default;

const std::vector<RowOrigin>& FeedbackUnion::origins() const {
    return m_files->origins;
}
std::size_t FeedbackUnion::visits() const {
    return m_files->progress.size();
}

bool FeedbackUnion::read(const Period& period, const UnionReader& reader, std::string& error) {
    if (m_files->read) {
        error = "the feedback files were read already";
        return false;
    }
    m_files->read = true;
    // Each table of every file before the next table, so that a visit's rows
    // of one table come out together whatever files hold them. The events
    // (nine rows in ten) are decoded on worker threads; the reactions and the
    // answers here, one file open at a time, with a small page cache: a scan
    // reads each page once, and 27 connections' default caches would hold 50 MB
    // for nothing.
    if (!m_files->events(period, reader, error)) return false;
    std::unordered_set<std::uint64_t> seen;
    std::unordered_map<std::string, std::uint32_t> names;
    for (int table = 1; table < 3; ++table) {
        seen.clear();
        names.clear();
        for (std::uint32_t file = 0; file < m_files->sources.size(); ++file) {
            const Source& source = m_files->sources[file];
            Connection connection;
            if (!schema::open_source(source, connection, error) ||
                !schema::exec(connection.get(), "PRAGMA cache_size = -512", error)) {
                error = source.file.string() + ": cannot open it: " + error;
                return false;
            }
            sqlite3* db = connection.get();
            const bool ok = table == 1 ? m_files->reactions(db, seen, names, period, reader)
                                       : m_files->answers(db, seen, names, period, reader);
            if (!ok) {
                error = source.snapshot.empty()
                            ? source.file.string() + ": cannot read it (" + schema::describe(db) +
                                  "); it may be damaged: take a fresh copy from the kiosk or its export"
                            : "cannot read " + source.snapshot.string() + ", the copy made to read " +
                                  source.file.string() + " (" + schema::describe(db) + ")";
                return false;
            }
        }
    }
    return true;
}

}  // namespace amanat::store
