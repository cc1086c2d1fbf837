#include "feedback_generator.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include "store/feedback_store.hpp"

namespace amanat::testing {

namespace {

struct Venue {
    const char* name;
    int utc_offset_minutes;
};
constexpr std::array<Venue, 3> VENUES = {{
    {"Central State Museum, Almaty", 300},
    {"Textile Hall, Istanbul", 180},
    {"Steppe Gallery, Amsterdam", 60},
}};

// Languages chosen first, most common first, with their weights.
constexpr std::array<const char*, 6> LANGUAGES = {"kk", "ru", "en", "tr", "nl", "ko"};
constexpr std::array<double, 6> LANGUAGE_WEIGHTS = {40, 30, 15, 8, 5, 2};

struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct Finaliser {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finaliser>;

// What every row of a visit repeats, and the screen's language at the moment
// (for reactions and survey answers).
struct RowContext {
    std::string kiosk_id;
    const char* venue = "";
    const char* bundle_version = "";
    std::string session_id;
    int utc_offset_minutes = 0;
    std::string language;
};

// One visit: who, where and when; its events come from its own random seed, so
// that a visit can be counted first and written later identically.
struct Visit {
    int kiosk = 0;
    long long start = 0;  // Unix seconds
    std::uint64_t seed = 0;
    RowContext row;  // filled in by play()
};

// Writes rows with SQLite (the store's schema, the kiosk's column values).
class Writer {
  public:
    explicit Writer(sqlite3* db) : m_db(db) {}

    bool prepare(std::string& error) {
        return prepare_one(
                   "INSERT INTO engagement(kiosk_id, venue, bundle_id, bundle_version, session_id, sequence, "
                   "kind,"
                   " subject, value, at, utc_offset_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                   "?10, ?11)",
                   m_engagement, error) &&
               prepare_one(
                   "INSERT INTO reactions(kiosk_id, venue, bundle_id, bundle_version, session_id, "
                   "artifact_id,"
                   " rating, language, at, utc_offset_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                   "?10)",
                   m_reaction, error) &&
               prepare_one(
                   "INSERT INTO survey_answers(kiosk_id, venue, bundle_id, bundle_version, session_id,"
                   " question_id, answer, language, at, utc_offset_minutes)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                   m_survey, error);
    }

    bool event(const RowContext& row, long long sequence, const char* kind, const std::string& subject,
               long long value, long long at) {
        sqlite3_stmt* s = m_engagement.get();
        bind_row(s, row);
        sqlite3_bind_int64(s, 6, sequence);
        sqlite3_bind_text(s, 7, kind, -1, SQLITE_STATIC);
        text(s, 8, subject);
        sqlite3_bind_int64(s, 9, value);
        sqlite3_bind_int64(s, 10, at);
        sqlite3_bind_int(s, 11, row.utc_offset_minutes);
        return step(s);
    }
    bool reaction(const RowContext& row, const std::string& artifact, int rating, long long at) {
        sqlite3_stmt* s = m_reaction.get();
        bind_row(s, row);
        text(s, 6, artifact);
        sqlite3_bind_int(s, 7, rating);
        text(s, 8, row.language);
        sqlite3_bind_int64(s, 9, at);
        sqlite3_bind_int(s, 10, row.utc_offset_minutes);
        return step(s);
    }
    bool answer(const RowContext& row, const char* question, const std::string& answer, long long at) {
        sqlite3_stmt* s = m_survey.get();
        bind_row(s, row);
        sqlite3_bind_text(s, 6, question, -1, SQLITE_STATIC);
        text(s, 7, answer);
        text(s, 8, row.language);
        sqlite3_bind_int64(s, 9, at);
        sqlite3_bind_int(s, 10, row.utc_offset_minutes);
        return step(s);
    }

  private:
    bool prepare_one(const char* sql, Statement& statement, std::string& error) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &raw, nullptr) != SQLITE_OK) {
            error = sqlite3_errmsg(m_db);
            return false;
        }
        statement.reset(raw);
        return true;
    }
    static void text(sqlite3_stmt* s, int index, const std::string& value) {
        sqlite3_bind_text(s, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    }
    static void bind_row(sqlite3_stmt* s, const RowContext& row) {
        text(s, 1, row.kiosk_id);
        sqlite3_bind_text(s, 2, row.venue, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, "continuity-of-traditions", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, row.bundle_version, -1, SQLITE_STATIC);
        text(s, 5, row.session_id);
    }
    bool step(sqlite3_stmt* s) {
        bool ok = sqlite3_step(s) == SQLITE_DONE;
        sqlite3_reset(s);
        return ok;
    }

    sqlite3* m_db;
    Statement m_engagement;
    Statement m_reaction;
    Statement m_survey;
};

// Only counts what a visit would write.
struct Counter {
    long long events = 0;
    bool event(const RowContext&, long long, const char*, const std::string&, long long, long long) {
        ++events;
        return true;
    }
    bool reaction(const RowContext&, const std::string&, int, long long) { return true; }
    bool answer(const RowContext&, const char*, const std::string&, long long) { return true; }
};

// The visit's rows, at most `budget` engagement events of them, into `sink`
// (a Writer or a Counter). Returns false if the sink failed.
template <typename Sink>
bool play(Visit& visit, const FeedbackSampleSpec& spec, long long budget, Sink& sink,
          FeedbackSampleCounts& counts) {
    std::mt19937_64 random(visit.seed);
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
    auto uniform = [&](long long low, long long high) {
        return std::uniform_int_distribution<long long>(low, high)(random);
    };
    std::discrete_distribution<int> pick_language(LANGUAGE_WEIGHTS.begin(), LANGUAGE_WEIGHTS.end());
    // Ratings 1..5, skewed towards the good end as museum ratings are.
    std::discrete_distribution<int> pick_rating({5, 8, 17, 30, 40});
    // Dwell: most views are short, some long (log-normal, median ~20 s).
    std::lognormal_distribution<double> dwell_seconds(std::log(20.0), 0.8);
    // Some artifacts are visited more than others.
    std::vector<double> popularity;
    for (int i = 0; i < spec.artifacts; ++i) popularity.push_back(1.0 / (1.0 + 0.25 * i));
    std::discrete_distribution<int> pick_artifact(popularity.begin(), popularity.end());

    char text[40];
    std::snprintf(text, sizeof text, "kiosk-%02d", visit.kiosk + 1);
    RowContext& row = visit.row;
    row.kiosk_id = text;
    const Venue& venue = VENUES[static_cast<std::size_t>(visit.kiosk) % VENUES.size()];
    row.venue = venue.name;
    row.bundle_version = "2.1.0";
    row.utc_offset_minutes = venue.utc_offset_minutes;
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    row.session_id = text;
    row.language = LANGUAGES[static_cast<std::size_t>(pick_language(random))];
    ++counts.sessions;

    long long sequence = 0;
    auto event = [&](const char* kind, const std::string& subject, long long value, long long at) {
        if (sequence >= budget) return true;
        ++counts.engagement;
        return sink.event(row, ++sequence, kind, subject, value, at);
    };
    auto artifact = [](int index) { return "artifact-" + std::to_string(index + 1); };

    long long at = visit.start;
    bool ok = event("session_start", "", 0, at) && event("language", row.language, 0, at += uniform(2, 10));
    if (ok && chance(0.1))
        ok = event("language", LANGUAGES[static_cast<std::size_t>(pick_language(random))], 1,
                   at += uniform(5, 60));
    if (ok && chance(0.15)) ok = event("text_size", "large", 0, at += uniform(1, 20));
    if (ok && chance(0.05)) ok = event("contrast", "high", 0, at += uniform(1, 20));

    const long long views = uniform(3, 10);
    std::vector<bool> rated(static_cast<std::size_t>(spec.artifacts), false);
    for (long long v = 0; ok && v < views; ++v) {
        const int a = pick_artifact(random);
        const long long dwell_ms =
            std::clamp(static_cast<long long>(dwell_seconds(random) * 1000), 1500LL, 900'000LL);
        if (chance(0.35)) ok = ok && event("narration", artifact(a), uniform(10, 100), at + dwell_ms / 2000);
        if (chance(0.12))
            ok = ok && event("film", artifact(a) + "/film", uniform(5, 100), at + dwell_ms / 1500);
        at += dwell_ms / 1000;
        ok = ok && event("artifact_view", artifact(a), dwell_ms, at);
        if (ok && !rated[static_cast<std::size_t>(a)] && chance(0.3)) {
            rated[static_cast<std::size_t>(a)] = true;
            ++counts.reactions;
            ok = sink.reaction(row, artifact(a), pick_rating(random) + 1, at);
        }
    }

    bool finished = chance(0.6);
    if (ok && chance(0.5)) {
        ok = event("survey", "offered", 0, at += uniform(1, 5));
        if (ok && chance(0.6)) {
            ok = event("survey", "opened", 0, at += uniform(1, 5));
            long long answered = 0;
            if (ok) {
                ++answered;
                ++counts.survey_answers;
                ok = sink.answer(row, "enjoyed", std::to_string(pick_rating(random) + 1),
                                 at += uniform(3, 15));
            }
            if (ok && chance(0.8)) {
                ++answered;
                ++counts.survey_answers;
                static const std::array<const char*, 4> origin = {"local", "kazakhstan", "abroad", "school"};
                ok = sink.answer(row, "visitor", origin[static_cast<std::size_t>(uniform(0, 3))],
                                 at += uniform(3, 15));
            }
            if (ok && chance(0.7)) {
                ++answered;
                static const std::array<const char*, 5> liked = {"music", "costume", "crafts", "films",
                                                                 "stories"};
                std::array<bool, 5> chosen{};
                const long long picks = uniform(1, 3);
                at += uniform(3, 15);
                for (long long p = 0; ok && p < picks; ++p) {
                    auto option = static_cast<std::size_t>(uniform(0, 4));
                    if (chosen[option]) continue;
                    chosen[option] = true;
                    ++counts.survey_answers;
                    ok = sink.answer(row, "liked", liked[option], at);
                }
            }
            if (ok) ok = event("survey", "finished", answered, at += uniform(1, 5));
            finished = true;
        } else if (ok) {
            ok = event("survey", "declined", 0, at += uniform(1, 5));
        }
    }
    if (ok) {
        at += finished ? uniform(1, 10) : 90;  // idle: the timeout ran out
        ok = event("session_end", finished ? "finished" : "idle", (at - visit.start) * 1000, at);
    }
    return ok;
}

}  // namespace

bool write_sample_feedback(const std::filesystem::path& file, const FeedbackSampleSpec& spec,
                           FeedbackSampleCounts& counts, std::string& error) {
    counts = {};
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        error = file.string() + " already exists";
        return false;
    }

    // Visits at opening hours (10:00-18:00 local, busier later in the day) on
    // random days, in time order, as many as it takes to make the events.
    std::mt19937_64 random(spec.seed);
    auto uniform = [&](long long low, long long high) {
        return std::uniform_int_distribution<long long>(low, high)(random);
    };
    std::vector<Visit> visits;
    for (long long events = 0; events < spec.engagement_events;) {
        const std::size_t batch = visits.size();
        for (int i = 0; i < 1000; ++i) {
            Visit visit;
            visit.kiosk = static_cast<int>(uniform(0, std::max(1, spec.kiosks) - 1));
            const auto& venue = VENUES[static_cast<std::size_t>(visit.kiosk) % VENUES.size()];
            const long long local = 10 * 3600 + std::max(uniform(0, 8 * 3600 - 1), uniform(0, 8 * 3600 - 1));
            visit.start = spec.first_day_unix + uniform(0, spec.days - 1) * 86'400 + local -
                          60LL * venue.utc_offset_minutes;
            visit.seed = random();
            visits.push_back(visit);
        }
        std::sort(visits.begin() + static_cast<std::ptrdiff_t>(batch), visits.end(),
                  [](const Visit& a, const Visit& b) { return a.start < b.start; });
        // Count these (not write): the number of visits needed is known exactly.
        FeedbackSampleCounts ignored;
        for (std::size_t i = batch; i < visits.size() && events < spec.engagement_events; ++i) {
            Counter counter;
            play(visits[i], spec, spec.engagement_events - events, counter, ignored);
            events += counter.events;
            if (events >= spec.engagement_events) visits.resize(i + 1);
        }
    }
    // Each kiosk's visits in time order, one kiosk after another: the row order of
    // a file merged from the kiosks' own files.
    std::stable_sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
        return a.kiosk != b.kiosk ? a.kiosk < b.kiosk : a.start < b.start;
    });

    {
        std::vector<std::string> notes;
        auto store =
            store::FeedbackStore::open(file, {"generated", "generated", "generated", "0"}, notes, error);
        if (!store) return false;
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    std::unique_ptr<sqlite3, Closer> db(raw);
    if (rc != SQLITE_OK) {
        error = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        return false;
    }
    Writer writer(db.get());
    if (!writer.prepare(error)) return false;
    sqlite3_exec(db.get(), "PRAGMA cache_size = -262144", nullptr, nullptr,
                 nullptr);  // 256 MiB: random index keys
    if (sqlite3_exec(db.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db.get());
        return false;
    }
    bool ok = true;
    for (std::size_t i = 0; ok && i < visits.size(); ++i)
        ok = play(visits[i], spec, spec.engagement_events - counts.engagement, writer, counts);
    if (!ok || sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db.get());
        sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    return true;
}

}  // namespace amanat::testing
