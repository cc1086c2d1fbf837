#include "store/files_summary.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/row_keys.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {

namespace {

// A number for each distinct text, in the order first met.
class Numbers {
  public:
    std::uint32_t of(std::string_view text) {
        auto it = m_numbers.find(text);
        if (it == m_numbers.end()) {
            it = m_numbers.emplace(std::string(text), static_cast<std::uint32_t>(m_texts.size())).first;
            m_texts.push_back(&it->first);
        }
        return it->second;
    }
    const std::string& text(std::uint32_t number) const { return *m_texts[number]; }

  private:
    std::map<std::string, std::uint32_t, std::less<>> m_numbers;
    std::vector<const std::string*> m_texts;  // map nodes do not move
};

// A number for each visit (session id, as its bytes), 0, 1, 2... in the order
// first met. A visit's rows were recorded together, so most rows ask for the
// previous row's visit again.
class VisitNumbers {
  public:
    std::uint32_t of(std::string_view id) {
        if (m_count > 0 && id == m_last_id) return m_last;
        m_last_id.assign(id);
        HexVisitId hex;
        if (parse_hex_id(id, hex)) {
            m_last = m_hex.number(hex, m_count);
        } else {
            auto it = m_other.find(id);
            if (it == m_other.end()) it = m_other.emplace(std::string(id), m_count).first;
            m_last = it->second;
        }
        if (m_last == m_count) ++m_count;
        return m_last;
    }
    std::uint32_t count() const { return m_count; }

  private:
    HexVisitNumbers m_hex;
    std::map<std::string, std::uint32_t, std::less<>> m_other;
    std::uint32_t m_count = 0;
    std::string m_last_id;
    std::uint32_t m_last = 0;
};

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
    return (static_cast<std::uint64_t>(a) << 32) | b;
}

// Where a counted survey answer is in the merge's order (see the header).
struct MergePosition {
    long long at = LLONG_MAX;
    std::uint32_t origin = UINT32_MAX;  // none yet
    std::uint32_t file = 0;
    long long rowid = 0;
};

// Runs `sql` on one file and hands each row over; SQLite's result code at the end.
template <typename Row>
int each_row(sqlite3* db, const char* sql, Row&& row) {
    std::string ignored;
    sqlite::Statement statement = sqlite::prepare(db, sql, ignored);
    if (!statement) return sqlite3_extended_errcode(db);
    int rc = 0;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) row(statement.get());
    return rc;
}

// What the summary counts, gathered file by file.
class Gathering {
  public:
    explicit Gathering(const Period& period) : m_period(period) {}
    bool engagement(sqlite3* db);
    bool reactions(sqlite3* db);
    bool answers(sqlite3* db, std::uint32_t file);
    // Between reactions and answers: their keys are numbered apart.
    void forget_keys() { m_keys = {}; }
    void hand_over(SummaryTally& tally);

  private:
    std::uint32_t origin_of(sqlite3_stmt* statement, int venue_column);
    bool first_copy(std::uint32_t visit, long long sequence);
    void time(long long at) {
        m_first = std::min(m_first, at);
        m_last = std::max(m_last, at);
    }
    void hand_over_survey(SummaryTally& tally);
    bool earlier(const MergePosition& a, const MergePosition& b) const;

    const Period m_period;
    long long m_first = LLONG_MAX;
    long long m_last = LLONG_MIN;
    VisitNumbers m_visits;

    // Venue and kiosk, as one number (an origin); the last one asked for.
    std::vector<std::pair<std::string, std::string>> m_origins;
    std::map<std::pair<std::string, std::string>, std::uint32_t, std::less<>> m_origin_numbers;
    std::uint32_t m_last_origin = UINT32_MAX;

    // Engagement: the sequences given so far per visit, 1..64 as bits, others apart.
    std::vector<std::uint64_t> m_sequence_bits;
    std::set<std::pair<std::uint32_t, long long>> m_other_sequences;
    std::vector<bool> m_started;                                           // per visit: a start in the period
    std::map<std::pair<long long, std::uint32_t>, std::uint32_t> m_hours;  // (hour, origin) numbered
    std::unordered_set<std::uint64_t> m_hour_visits;                       // (hour number, visit)
    std::map<std::string, long long, std::less<>> m_languages;
    std::map<std::string, long long, std::less<>> m_ends;
    std::map<std::string, std::vector<long long>, std::less<>> m_dwell;

    // Reactions and answers: the keys given so far (visit, item), and the counts.
    std::unordered_set<std::uint64_t> m_keys;
    Numbers m_artifacts;
    Numbers m_items;  // an answer's question and answer
    std::map<std::tuple<std::uint32_t, std::uint32_t, long long>, long long>
        m_reactions;  // origin, artifact, rating
    Numbers m_questions;
    std::vector<std::uint32_t> m_question_of;                 // per answer item
    std::vector<std::string> m_answer_of;                     // per answer item, raw
    std::map<std::uint32_t, long long> m_chosen;              // per answer item
    std::map<std::uint32_t, MergePosition> m_first_answered;  // per question
    std::map<std::uint32_t, long long> m_answers_at;          // per origin
};

std::uint32_t Gathering::origin_of(sqlite3_stmt* statement, int venue_column) {
    const std::string_view venue = raw_text(statement, venue_column);
    const std::string_view kiosk = raw_text(statement, venue_column + 1);
    if (m_last_origin != UINT32_MAX && m_origins[m_last_origin].first == venue &&
        m_origins[m_last_origin].second == kiosk)
        return m_last_origin;
    std::pair<std::string, std::string> key{std::string(venue), std::string(kiosk)};
    const auto [it, added] = m_origin_numbers.try_emplace(key, static_cast<std::uint32_t>(m_origins.size()));
    if (added) m_origins.push_back(std::move(key));
    m_last_origin = it->second;
    return m_last_origin;
}

bool Gathering::first_copy(std::uint32_t visit, long long sequence) {
    if (sequence >= 1 && sequence <= 64) {
        if (visit >= m_sequence_bits.size()) m_sequence_bits.resize(visit + 1);
        std::uint64_t& bits = m_sequence_bits[visit];
        const std::uint64_t bit = std::uint64_t{1} << (sequence - 1);
        if ((bits & bit) != 0) return false;
        bits |= bit;
        return true;
    }
    return m_other_sequences.emplace(visit, sequence).second;
}

// What SQL's `local / 3600 - (local % 3600 < 0)` gives: the local hour, rounded down.
long long local_hour(long long at, long long utc_offset_minutes) {
    const long long local = at + 60 * utc_offset_minutes;
    return local / 3600 - (local % 3600 < 0 ? 1 : 0);
}

bool Gathering::engagement(sqlite3* db) {
    m_last_origin = UINT32_MAX;
    return each_row(db,
                    "SELECT session_id, sequence, kind, subject, value, at, utc_offset_minutes, venue,"
                    " kiosk_id FROM engagement NOT INDEXED ORDER BY rowid",
                    [&](sqlite3_stmt* s) {
                        const std::uint32_t visit = m_visits.of(raw_text(s, 0));
                        if (!first_copy(visit, sqlite3_column_int64(s, 1))) return;
                        const long long at = sqlite3_column_int64(s, 5);
                        if (!m_period.contains(at)) return;
                        time(at);
                        const std::string_view kind = raw_text(s, 2);
                        if (kind == "artifact_view") {
                            const std::string_view subject = raw_text(s, 3);
                            auto it = m_dwell.find(subject);
                            if (it == m_dwell.end()) it = m_dwell.emplace(std::string(subject), 0).first;
                            it->second.push_back(sqlite3_column_int64(s, 4));
                        } else if (kind == "session_start") {
                            if (visit >= m_started.size()) m_started.resize(visit + 1);
                            m_started[visit] = true;
                            const long long hour = local_hour(at, sqlite3_column_int64(s, 6));
                            const auto group = m_hours.try_emplace(
                                {hour, origin_of(s, 7)}, static_cast<std::uint32_t>(m_hours.size()));
                            m_hour_visits.insert(pair_key(group.first->second, visit));
                        } else if ((kind == "language" && sqlite3_column_int64(s, 4) == 0) ||
                                   kind == "session_end") {
                            auto& counts = kind == "language" ? m_languages : m_ends;
                            const std::string_view subject = raw_text(s, 3);
                            auto it = counts.find(subject);
                            if (it == counts.end()) it = counts.emplace(std::string(subject), 0).first;
                            ++it->second;
                        }
                    }) == SQLITE_DONE;
}

bool Gathering::reactions(sqlite3* db) {
    m_last_origin = UINT32_MAX;
    return each_row(db,
                    "SELECT session_id, artifact_id, rating, at, venue, kiosk_id FROM reactions NOT INDEXED"
                    " ORDER BY rowid",
                    [&](sqlite3_stmt* s) {
                        const std::uint32_t visit = m_visits.of(raw_text(s, 0));
                        const std::uint32_t artifact = m_artifacts.of(raw_text(s, 1));
                        if (!m_keys.insert(pair_key(visit, artifact)).second) return;
                        const long long at = sqlite3_column_int64(s, 3);
                        if (!m_period.contains(at)) return;
                        time(at);
                        ++m_reactions[{origin_of(s, 4), artifact, sqlite3_column_int64(s, 2)}];
                    }) == SQLITE_DONE;
}

bool Gathering::answers(sqlite3* db, std::uint32_t file) {
    m_last_origin = UINT32_MAX;
    std::string item;
    return each_row(db,
                    "SELECT session_id, question_id, answer, at, venue, kiosk_id, rowid FROM survey_answers"
                    " NOT INDEXED ORDER BY rowid",
                    [&](sqlite3_stmt* s) {
                        const std::uint32_t visit = m_visits.of(raw_text(s, 0));
                        // Question and answer as one text: the question preceded by its length.
                        const std::string_view question = raw_text(s, 1);
                        const std::string_view answer = raw_text(s, 2);
                        const auto length = static_cast<std::uint32_t>(question.size());
                        item.assign(reinterpret_cast<const char*>(&length), sizeof length)
                            .append(question)
                            .append(answer);
                        const std::uint32_t number = m_items.of(item);
                        if (!m_keys.insert(pair_key(visit, number)).second) return;
                        const long long at = sqlite3_column_int64(s, 3);
                        if (!m_period.contains(at)) return;
                        time(at);
                        if (number >= m_question_of.size()) {
                            m_question_of.resize(number + 1);
                            m_answer_of.resize(number + 1);
                        }
                        m_question_of[number] = m_questions.of(question);
                        m_answer_of[number].assign(answer);
                        ++m_chosen[number];
                        const std::uint32_t origin = origin_of(s, 4);
                        ++m_answers_at[origin];
                        const MergePosition position{at, origin, file, sqlite3_column_int64(s, 6)};
                        MergePosition& first = m_first_answered[m_question_of[number]];
                        if (first.origin == UINT32_MAX || earlier(position, first)) first = position;
                    }) == SQLITE_DONE;
}

bool Gathering::earlier(const MergePosition& a, const MergePosition& b) const {
    if (a.at != b.at) return a.at < b.at;
    const int kiosk = std::string_view(m_origins[a.origin].second).compare(m_origins[b.origin].second);
    if (kiosk != 0) return kiosk < 0;
    return a.file != b.file ? a.file < b.file : a.rowid < b.rowid;
}

// In the order SQL gives them: most first, then by the text's bytes.
void hand_over_counts(const std::map<std::string, long long, std::less<>>& counts,
                      void (SummaryTally::*add)(std::string_view, long long), SummaryTally& tally) {
    std::vector<std::pair<const std::string*, long long>> list;
    for (const auto& [text, count] : counts) list.emplace_back(&text, count);
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [text, count] : list) (tally.*add)(*text, count);
}

void Gathering::hand_over(SummaryTally& tally) {
    if (m_first <= m_last) {
        tally.time(m_first);
        tally.time(m_last);
    }
    tally.visitors(std::count(m_started.begin(), m_started.end(), true));
    std::vector<long long> visits_per_group(m_hours.size());
    for (const std::uint64_t group_visit : m_hour_visits) ++visits_per_group[group_visit >> 32];
    for (const auto& [hour_origin, group] : m_hours) {
        const auto& [venue, kiosk] = m_origins[hour_origin.second];
        tally.visits_in_hour(hour_origin.first, venue, kiosk, visits_per_group[group]);
    }
    hand_over_counts(m_languages, &SummaryTally::language, tally);
    hand_over_counts(m_ends, &SummaryTally::session_end, tally);
    for (const auto& [key, count] : m_reactions) {
        const auto& [origin, artifact, rating] = key;
        tally.reactions(m_origins[origin].first, m_origins[origin].second, m_artifacts.text(artifact), rating,
                        count);
    }
    for (auto& [artifact, dwell] : m_dwell) {
        std::sort(dwell.begin(), dwell.end());
        for (const long long value : dwell) tally.view(artifact, value);
    }
    hand_over_survey(tally);
    for (const auto& [origin, count] : m_answers_at)
        tally.answers_at(m_origins[origin].first, m_origins[origin].second, count);
}

// Questions in the order first answered; each question's answers most chosen
// first, then by the answer's bytes.
void Gathering::hand_over_survey(SummaryTally& tally) {
    std::vector<std::uint32_t> questions;
    for (const auto& [question, first] : m_first_answered) questions.push_back(question);
    std::sort(questions.begin(), questions.end(), [&](std::uint32_t a, std::uint32_t b) {
        return earlier(m_first_answered[a], m_first_answered[b]);
    });
    std::map<std::uint32_t, std::vector<std::uint32_t>> answers;  // per question
    for (const auto& [item, chosen] : m_chosen) answers[m_question_of[item]].push_back(item);
    for (const std::uint32_t question : questions) {
        auto& items = answers[question];
        std::sort(items.begin(), items.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (m_chosen[a] != m_chosen[b]) return m_chosen[a] > m_chosen[b];
            return m_answer_of[a] < m_answer_of[b];
        });
        for (const std::uint32_t item : items)
            tally.survey(m_questions.text(question), m_answer_of[item], m_chosen[item]);
    }
}

}  // namespace

// Each table of every file before the next table (the keys of one table only
// are held at a time).
bool summarise_files(const SourceFiles& files, const Period& period, SummaryTally& tally,
                     std::string& error) {
    Gathering gathering(period);
    if (!files.begin(error)) return false;
    bool ok = true;
    for (int table = 0; ok && table < 3; ++table) {
        if (table == 2) gathering.forget_keys();
        for (std::uint32_t file = 0; ok && file < files.size(); ++file) {
            sqlite3* db = files.connection(file);
            ok = table == 0   ? gathering.engagement(db)
                 : table == 1 ? gathering.reactions(db)
                              : gathering.answers(db, file);
            if (!ok) error = files.read_error(file);
        }
    }
    files.end();
    if (ok) gathering.hand_over(tally);
    return ok;
}

}  // namespace amanat::store
