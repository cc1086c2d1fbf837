#include "store/feedback_union.hpp"

#include <sqlite3.h>

#include <climits>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/json_record.hpp"
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

EventKind kind_of(std::string_view kind) {
    static const std::unordered_map<std::string_view, EventKind> kinds = {
        {"session_start", EventKind::session_start},
        {"session_end", EventKind::session_end},
        {"language", EventKind::language},
        {"text_size", EventKind::text_size},
        {"contrast", EventKind::contrast},
        {"artifact_view", EventKind::artifact_view},
        {"narration", EventKind::narration},
        {"film", EventKind::film},
        {"survey", EventKind::survey},
    };
    const auto it = kinds.find(kind);
    return it != kinds.end() ? it->second : EventKind::other;
}

// Text as valid UTF-8, without a copy when it is already (nearly always).
std::string_view valid_text(std::string_view raw, std::string& scratch) {
    if (is_valid_utf8(raw)) return raw;
    scratch = valid_utf8(raw);
    return scratch;
}

}  // namespace

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
    std::uint32_t visit_of(sqlite3_stmt* statement);

    // The row's origin, from columns first..first+3 (kiosk, venue, exhibition, version).
    std::string last_origin_raw[4];
    std::uint32_t last_origin = UINT32_MAX;
    std::uint32_t origin_of(sqlite3_stmt* statement, int first);

    bool events(std::uint32_t file, sqlite3* db, const Period& period, const UnionReader& reader);
    bool reactions(sqlite3* db, std::unordered_set<std::uint64_t>& seen,
                   std::unordered_map<std::string, std::uint32_t>& artifacts, const Period& period,
                   const UnionReader& reader);
    bool answers(sqlite3* db, std::unordered_set<std::uint64_t>& seen,
                 std::unordered_map<std::string, std::uint32_t>& pairs, const Period& period,
                 const UnionReader& reader);
};

std::uint32_t FeedbackUnion::Files::visit_of(sqlite3_stmt* statement) {
    const std::string_view id = raw_text(statement, 0);
    if (!progress.empty() && id == last_visit_id) return last_visit;
    last_visit_id.assign(id);
    const auto next = static_cast<std::uint32_t>(progress.size());
    HexVisitId hex;
    last_visit = parse_hex_id(id, hex) ? hex_visits.try_emplace(hex, next).first->second
                                       : other_visits.try_emplace(std::string(id), next).first->second;
    if (last_visit == next) progress.emplace_back();
    return last_visit;
}

std::uint32_t FeedbackUnion::Files::origin_of(sqlite3_stmt* statement, int first) {
    bool same = last_origin != UINT32_MAX;
    for (int i = 0; i < 4 && same; ++i) same = raw_text(statement, first + i) == last_origin_raw[i];
    if (same) return last_origin;
    std::vector<std::string> key;
    for (int i = 0; i < 4; ++i) {
        last_origin_raw[i].assign(raw_text(statement, first + i));
        key.push_back(valid_utf8(last_origin_raw[i]));
    }
    const auto [it, added] = origin_index.try_emplace(key, static_cast<std::uint32_t>(origins.size()));
    if (added) origins.push_back({key[0], key[1], key[2], key[3]});
    last_origin = it->second;
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
bool FeedbackUnion::Files::events(std::uint32_t file, sqlite3* db, const Period& period,
                                  const UnionReader& reader) {
    UnionEvent event;
    std::string scratch;
    last_origin = UINT32_MAX;
    const int rc = each_row(db,
                            "SELECT session_id, sequence, kind, subject, value, at, utc_offset_minutes,"
                            " kiosk_id, venue, bundle_id, bundle_version FROM engagement NOT INDEXED"
                            " WHERE at BETWEEN ?1 AND ?2 ORDER BY rowid",
                            &period, [&](sqlite3_stmt* statement) {
                                event.visit = visit_of(statement);
                                VisitProgress& visit = progress[event.visit];
                                if (visit.file != file) {
                                    visit.earlier = std::max(visit.earlier, visit.current);
                                    visit.current = LLONG_MIN;
                                    visit.file = file;
                                }
                                event.sequence = sqlite3_column_int64(statement, 1);
                                if (event.sequence <= visit.earlier) return;  // an earlier file gave it
                                visit.current = std::max(visit.current, event.sequence);
                                event.kind_text = raw_text(statement, 2);
                                event.kind = kind_of(event.kind_text);
                                if (event.kind == EventKind::other)
                                    event.kind_text = valid_text(event.kind_text, scratch);
                                event.subject = valid_text(raw_text(statement, 3), scratch);
                                event.value = sqlite3_column_int64(statement, 4);
                                event.at = sqlite3_column_int64(statement, 5);
                                event.utc_offset_minutes = sqlite3_column_int(statement, 6);
                                event.origin = origin_of(statement, 7);
                                reader.event(event);
                            });
    return rc == SQLITE_DONE;
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
            reaction.origin = origin_of(statement, 6);
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
                                answer.origin = origin_of(statement, 6);
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
    std::vector<Connection> connections(m_files->sources.size());
    for (std::size_t i = 0; i < m_files->sources.size(); ++i) {
        if (!schema::open_source(m_files->sources[i], connections[i], error)) {
            error = m_files->sources[i].file.string() + ": cannot open it: " + error;
            return false;
        }
    }
    std::unordered_set<std::uint64_t> seen;
    std::unordered_map<std::string, std::uint32_t> names;
    // Each table of every file before the next table, so that a visit's rows
    // of one table come out together whatever files hold them.
    for (int table = 0; table < 3; ++table) {
        seen.clear();
        names.clear();
        for (std::uint32_t file = 0; file < connections.size(); ++file) {
            sqlite3* db = connections[file].get();
            const bool ok = table == 0   ? m_files->events(file, db, period, reader)
                            : table == 1 ? m_files->reactions(db, seen, names, period, reader)
                                         : m_files->answers(db, seen, names, period, reader);
            if (!ok) {
                const Source& source = m_files->sources[file];
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
