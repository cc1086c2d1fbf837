#include "store/feedback_union.hpp"

#include <sqlite3.h>

#include <climits>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/files/json_record.hpp"
#include "store/feedback_schema.hpp"
#include "store/row_chunks.hpp"
#include "store/row_keys.hpp"
#include "store/source_merge.hpp"

namespace amanat::store {

namespace {

using schema::Source;

// How far earlier files went in a visit (see the header): its events with a
// sequence up to `earlier` were given by a file read before `file`.
struct VisitProgress {
    long long earlier = LLONG_MIN;
    long long current = LLONG_MIN;  // the highest sequence `file` gave so far
    std::uint32_t file = UINT32_MAX;
};

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
    HexVisitNumbers hex_visits;
    std::unordered_map<std::string, std::uint32_t> other_visits;
    std::vector<VisitProgress> progress;
    bool read = false;

    std::uint32_t visit_index(std::string_view id);
    std::uint32_t origin_index_of(std::string_view kiosk_id, std::string_view venue,
                                  std::string_view bundle_id, std::string_view bundle_version);

    // Each of these reads one table of every file, in order; false with `error`.
    bool events(const Period& period, const UnionReader& reader, std::string& error);
    bool reactions(const Period& period, const UnionReader& reader, std::string& error);
    bool answers(const Period& period, const UnionReader& reader, std::string& error);

    // Hands each chunk of `table` over with the visit and origin of each of its
    // rows worked out: `row(chunk, decoded, visit, origin)`. The visit's origin
    // is read once per visit: a visit happens at one kiosk, with one exhibition
    // version (a new pack is switched to between visitors).
    template <typename Row>
    bool each_row_of(FeedbackTable table, const Period& period, std::string& error, Row row);
};

std::uint32_t FeedbackUnion::Files::visit_index(std::string_view id) {
    const auto next = static_cast<std::uint32_t>(progress.size());
    HexVisitId hex;
    const std::uint32_t index = parse_hex_id(id, hex)
                                    ? hex_visits.number(hex, next)
                                    : other_visits.try_emplace(std::string(id), next).first->second;
    if (index == next) progress.emplace_back();
    return index;
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

namespace {

// A reaction's or an answer's key: its visit and the number of its artifact
// (or question and answer).
std::uint64_t row_key(std::uint32_t visit, std::uint32_t item) {
    return (static_cast<std::uint64_t>(visit) << 32) | item;
}

// Looked up by the row's own bytes: a name is copied only the first time it is met.
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
};
using Names = std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>>;

std::uint32_t intern(Names& names, std::string_view name) {
    const auto it = names.find(name);
    if (it != names.end()) return it->second;
    return names.emplace(std::string(name), static_cast<std::uint32_t>(names.size())).first->second;
}

}  // namespace

// The table is read in the order rows were recorded (a scan in rowid order,
// cheaper than any index): a visit's events come together, in sequence order.
template <typename Row>
bool FeedbackUnion::Files::each_row_of(FeedbackTable table, const Period& period, std::string& error,
                                       Row row) {
    // Two workers: with this thread, enough to keep two cores busy; an
    // organiser's laptop has at least that.
    RowChunks chunks(sources, table, period, 2);
    std::uint32_t visit = 0;
    std::uint32_t origin = 0;
    while (const RowChunk* chunk = chunks.next()) {
        if (chunk->result != SQLITE_DONE) {
            const Source& source = sources[chunk->file];
            error = source.snapshot.empty()
                        ? source.file.string() + ": cannot read it (" + chunk->error +
                              "); it may be damaged: take a fresh copy from the kiosk or its export"
                        : "cannot read " + source.snapshot.string() + ", the copy made to read " +
                              source.file.string() + " (" + chunk->error + ")";
            return false;
        }
        for (const DecodedRow& decoded : chunk->rows) {
            if (decoded.new_visit) {
                visit = visit_index(chunk->text(decoded.session));
                const auto& texts = chunk->origins[decoded.origin];
                origin = origin_index_of(chunk->text(texts[0]), chunk->text(texts[1]), chunk->text(texts[2]),
                                         chunk->text(texts[3]));
            }
            row(*chunk, decoded, visit, origin);
        }
    }
    return true;
}

// An event is new when its sequence is above what earlier files gave of its visit.
bool FeedbackUnion::Files::events(const Period& period, const UnionReader& reader, std::string& error) {
    UnionEvent event;
    return each_row_of(
        FeedbackTable::engagement, period, error,
        [&](const RowChunk& chunk, const DecodedRow& row, std::uint32_t visit, std::uint32_t origin) {
            VisitProgress& progress_of_visit = progress[visit];
            if (progress_of_visit.file != chunk.file) {
                progress_of_visit.earlier = std::max(progress_of_visit.earlier, progress_of_visit.current);
                progress_of_visit.current = LLONG_MIN;
                progress_of_visit.file = chunk.file;
            }
            const long long sequence = row.numbers[0];
            if (sequence <= progress_of_visit.earlier) return;  // an earlier file gave it
            progress_of_visit.current = std::max(progress_of_visit.current, sequence);
            event.visit = visit;
            event.origin = origin;
            event.sequence = sequence;
            event.kind = row.kind;
            event.kind_text = chunk.text(row.texts[0]);
            event.subject = chunk.text(row.texts[1]);
            event.value = row.numbers[1];
            event.at = row.at;
            event.utc_offset_minutes = row.utc_offset_minutes;
            reader.event(event);
        });
}

// Reactions and answers are read whole and their period applied after the
// union: a row a visitor changed later has another `at` in a later copy, and
// the union keeps the first file's version, in the period or not.
bool FeedbackUnion::Files::reactions(const Period& period, const UnionReader& reader, std::string& error) {
    std::unordered_set<std::uint64_t> seen;
    Names artifacts;
    const bool several = sources.size() > 1;
    UnionReaction reaction;
    return each_row_of(
        FeedbackTable::reactions, Period{}, error,
        [&](const RowChunk& chunk, const DecodedRow& row, std::uint32_t visit, std::uint32_t origin) {
            reaction.artifact_id = chunk.text(row.texts[0]);
            if (several && !seen.insert(row_key(visit, intern(artifacts, reaction.artifact_id))).second)
                return;
            if (!period.contains(row.at)) return;
            reaction.visit = visit;
            reaction.origin = origin;
            reaction.language = chunk.text(row.texts[1]);
            reaction.rating = static_cast<int>(row.numbers[0]);
            reaction.at = row.at;
            reaction.utc_offset_minutes = row.utc_offset_minutes;
            reader.reaction(reaction);
        });
}

bool FeedbackUnion::Files::answers(const Period& period, const UnionReader& reader, std::string& error) {
    std::unordered_set<std::uint64_t> seen;
    Names pairs;
    const bool several = sources.size() > 1;
    std::string pair;
    UnionAnswer answer;
    return each_row_of(
        FeedbackTable::survey_answers, Period{}, error,
        [&](const RowChunk& chunk, const DecodedRow& row, std::uint32_t visit, std::uint32_t origin) {
            answer.question_id = chunk.text(row.texts[0]);
            answer.answer = chunk.text(row.texts[1]);
            if (several) {
                pair.assign(answer.question_id).push_back('\0');
                pair.append(answer.answer);
                if (!seen.insert(row_key(visit, intern(pairs, pair))).second) return;
            }
            if (!period.contains(row.at)) return;
            answer.visit = visit;
            answer.origin = origin;
            answer.language = chunk.text(row.texts[2]);
            answer.at = row.at;
            answer.utc_offset_minutes = row.utc_offset_minutes;
            reader.answer(answer);
        });
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
    // of one table come out together whatever files hold them.
    return m_files->events(period, reader, error) && m_files->reactions(period, reader, error) &&
           m_files->answers(period, reader, error);
}

}  // namespace amanat::store
