#include "feedback_generator.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <random>
#include <string_view>
#include <vector>

#include "store/feedback_store.hpp"
#include "store/sqlite_connection.hpp"

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

// Writes rows with SQLite, through the store's own wrapper (the store's schema,
// the kiosk's column values). Text is bound without a copy: every value lives
// until its row has been stepped, and sqlite::run() drops the bindings then.
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
        store::sqlite::bind_integer(s, 6, sequence);
        store::sqlite::bind_text(s, 7, kind);
        store::sqlite::bind_text(s, 8, subject);
        store::sqlite::bind_integer(s, 9, value);
        store::sqlite::bind_integer(s, 10, at);
        store::sqlite::bind_integer(s, 11, row.utc_offset_minutes);
        return step(s);
    }
    bool reaction(const RowContext& row, const std::string& artifact, int rating, long long at) {
        sqlite3_stmt* s = m_reaction.get();
        bind_row(s, row);
        store::sqlite::bind_text(s, 6, artifact);
        store::sqlite::bind_integer(s, 7, rating);
        store::sqlite::bind_text(s, 8, row.language);
        store::sqlite::bind_integer(s, 9, at);
        store::sqlite::bind_integer(s, 10, row.utc_offset_minutes);
        return step(s);
    }
    bool answer(const RowContext& row, const char* question, const std::string& answer, long long at) {
        sqlite3_stmt* s = m_survey.get();
        bind_row(s, row);
        store::sqlite::bind_text(s, 6, question);
        store::sqlite::bind_text(s, 7, answer);
        store::sqlite::bind_text(s, 8, row.language);
        store::sqlite::bind_integer(s, 9, at);
        store::sqlite::bind_integer(s, 10, row.utc_offset_minutes);
        return step(s);
    }

  private:
    bool prepare_one(const char* sql, store::sqlite::Statement& statement, std::string& error) {
        statement = store::sqlite::prepare(m_db, sql, error);
        return statement != nullptr;
    }
    static void bind_row(sqlite3_stmt* s, const RowContext& row) {
        store::sqlite::bind_text(s, 1, row.kiosk_id);
        store::sqlite::bind_text(s, 2, row.venue);
        store::sqlite::bind_text(s, 3, "continuity-of-traditions");
        store::sqlite::bind_text(s, 4, row.bundle_version);
        store::sqlite::bind_text(s, 5, row.session_id);
    }
    // The connection's message is read again by write_in_one_transaction().
    static bool step(sqlite3_stmt* s) {
        std::string ignored;
        return store::sqlite::run(s, ignored);
    }

    sqlite3* m_db;
    store::sqlite::Statement m_engagement;
    store::sqlite::Statement m_reaction;
    store::sqlite::Statement m_survey;
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

using Database = store::sqlite::Connection;

// Creates `file` through FeedbackStore, so that the schema is the kiosk's own,
// then opens it with SQLite for the generator's rows. Null with `error` set on failure.
Database create_feedback_file(const std::filesystem::path& file, const store::Provenance& provenance,
                              std::string& error) {
    {
        std::vector<std::string> notes;
        auto store = store::FeedbackStore::open(file, provenance, notes, error);
        if (!store) return nullptr;
    }
    Database db;
    if (!store::sqlite::open(file, store::sqlite::Missing::fail, db, error)) return nullptr;
    return db;
}

// `rows(writer)` in one transaction, committed if it returns true.
template <typename Rows>
bool write_in_one_transaction(sqlite3* db, std::string& error, Rows&& rows) {
    Writer writer(db);
    if (!writer.prepare(error)) return false;
    std::string ignored;
    store::sqlite::exec(db, "PRAGMA cache_size = -262144", ignored);  // 256 MiB: random index keys
    if (!store::sqlite::exec(db, "BEGIN IMMEDIATE", error)) return false;
    if (!rows(writer) || !store::sqlite::exec(db, "COMMIT", error)) {
        error = store::sqlite::describe(db);
        store::sqlite::exec(db, "ROLLBACK", ignored);
        return false;
    }
    return true;
}

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

    Database db = create_feedback_file(file, {"generated", "generated", "generated", "0"}, error);
    return db && write_in_one_transaction(db.get(), error, [&](Writer& writer) {
               bool ok = true;
               for (std::size_t i = 0; ok && i < visits.size(); ++i)
                   ok = play(visits[i], spec, spec.engagement_events - counts.engagement, writer, counts);
               return ok;
           });
}

// ---------------------------------------------------------------- the tour

namespace {

struct LanguageShare {
    const char* tag;  // nullptr: no more languages
    double weight;
};

struct TourVenue {
    const char* name;
    const char* slug;
    int standard_offset_minutes;
    bool eu_summer_time;      // +60 minutes from the last Sunday of March to the last Sunday of October
    unsigned closed_weekday;  // as std::chrono::weekday::c_encoding(): 0 Sunday, 1 Monday...
    int opens_minute;         // local time, minutes after midnight
    int closes_minute;
    double visitors;                         // relative to the other venues
    std::array<LanguageShare, 8> languages;  // the visitors' first choice, with weights
};

constexpr unsigned MONDAY = 1;
constexpr unsigned TUESDAY = 2;
constexpr std::array<TourVenue, 9> TOUR = {{
    {"Museum Oost-West, Amsterdam",
     "amsterdam",
     60,
     true,
     MONDAY,
     10 * 60,
     17 * 60,
     1.2,
     {{{"nl", 44}, {"en", 30}, {"de", 6}, {"ru", 5}, {"fr", 4}, {"kk", 4}, {"tr", 4}, {"ko", 3}}}},
    {"National Folk Heritage Museum, Seoul",
     "seoul",
     540,
     false,
     MONDAY,
     9 * 60,
     18 * 60,
     1.5,
     {{{"ko", 62}, {"en", 20}, {"ru", 6}, {"kk", 5}, {"kk-Latn", 2}, {"fr", 2}, {"de", 2}, {nullptr, 0}}}},
    {"Musée des Arts Nomades, Paris",
     "paris",
     60,
     true,
     TUESDAY,
     10 * 60,
     18 * 60,
     1.4,
     {{{"fr", 52}, {"en", 24}, {"ru", 6}, {"de", 5}, {"kk", 5}, {"it", 4}, {"ko", 4}, {nullptr, 0}}}},
    {"Museum der Weltkulturen, Wien",
     "vienna",
     60,
     true,
     MONDAY,
     10 * 60,
     18 * 60,
     1.0,
     {{{"de", 54}, {"en", 24}, {"ru", 6}, {"kk", 5}, {"cs", 4}, {"hu", 4}, {"ko", 3}, {nullptr, 0}}}},
    {"Museo delle Culture del Mondo, Napoli",
     "naples",
     60,
     true,
     TUESDAY,
     9 * 60,
     19 * 60 + 30,
     0.9,
     {{{"it", 60}, {"en", 20}, {"ru", 5}, {"fr", 5}, {"de", 4}, {"kk", 4}, {"ko", 2}, {nullptr, 0}}}},
    {"Galerie světových kultur, Praha",
     "prague",
     60,
     true,
     MONDAY,
     10 * 60,
     18 * 60,
     0.9,
     {{{"cs", 50}, {"en", 24}, {"de", 8}, {"ru", 8}, {"kk", 5}, {"ko", 3}, {"kk-Latn", 2}, {nullptr, 0}}}},
    {"Етнографска галерија, Београд",
     "belgrade",
     60,
     true,
     MONDAY,
     10 * 60,
     20 * 60,
     0.7,
     {{{"sr", 36}, {"ru", 18}, {"sr-Latn", 16}, {"en", 16}, {"kk", 6}, {"de", 4}, {"tr", 4}, {nullptr, 0}}}},
    {"Győrffy István Nagykun Múzeum, Karcag",
     "karcag",
     60,
     true,
     MONDAY,
     9 * 60,
     17 * 60,
     0.35,
     {{{"hu", 70}, {"en", 8}, {"de", 6}, {"ru", 6}, {"kk", 6}, {"tr", 4}, {nullptr, 0}, {nullptr, 0}}}},
    {"Bozkır Kültürleri Müzesi, İstanbul",
     "istanbul",
     180,
     false,
     MONDAY,
     9 * 60,
     19 * 60,
     1.3,
     {{{"tr", 62},
       {"en", 16},
       {"ru", 10},
       {"kk", 8},
       {"kk-Latn", 2},
       {"de", 2},
       {nullptr, 0},
       {nullptr, 0}}}},
}};
constexpr std::size_t SEOUL = 1;  // where TOUR_SEOUL_FAVOURITE is loved by Korean-speaking visitors

struct TourArtifact {
    const char* id;
    double popularity;      // relative chance of being opened
    double appeal;          // tilt of its ratings: mean ~3.0 at 0, ~3.9 at 0.5, ~4.35 at 0.9
    double dwell_seconds;   // median time on its page
    int narration_seconds;  // 0: none in the bundle
    const char* film;       // "artifact/video" as in the bundle, or nullptr
    int film_seconds;
};

// The sample bundle's artifacts (with their narrations and films), and one it no
// longer has. Appeals are all different, so every artifact has a mean of its own.
constexpr std::array<TourArtifact, 13> TOUR_ARTIFACTS = {{
    {"kobyz", 1.0, 1.1, 35, 95, "kobyz/playing", 150},
    {"saukele", 0.9, 0.4, 30, 80, nullptr, 0},
    {"shanyrak", 0.85, 0.6, 28, 90, "shanyrak/raising", 120},
    {"dombra", 0.8, 0.7, 25, 85, nullptr, 0},
    {"tuskiiz", 0.6, 0.5, 18, 0, nullptr, 0},
    {"syrmak", 0.55, 0.3, 20, 70, nullptr, 0},
    {"tumar", 0.5, 0.2, 15, 60, nullptr, 0},
    {"shapan", 0.5, 0.1, 15, 0, nullptr, 0},
    {"tekemet", 0.4, 0.0, 12, 0, nullptr, 0},
    {"torsyk", 0.35, -0.1, 10, 0, nullptr, 0},
    {"saddle", 0.45, -0.2, 14, 0, nullptr, 0},
    {"bilezik", 0.15, 0.0, 12, 0, nullptr, 0},           // rated by the three planted visits only
    {"retired-artifact", 0.5, -0.4, 12, 0, nullptr, 0},  // at the first venue only
}};
constexpr double SEOUL_FAVOURITE_APPEAL = 2.5;  // mean ~4.9: mostly 5s

std::size_t artifact_index(std::string_view id) {
    for (std::size_t i = 0; i < TOUR_ARTIFACTS.size(); ++i)
        if (id == TOUR_ARTIFACTS[i].id) return i;
    return 0;
}

// A weighted pick that keeps no state between picks (unlike some standard
// distributions), so that a visit counted and then written draws the same.
class WeightedChoice {
  public:
    WeightedChoice() = default;
    explicit WeightedChoice(const std::vector<double>& weights) {
        double sum = 0;
        for (double weight : weights) m_cumulative.push_back(sum += weight);
    }
    std::size_t operator()(std::mt19937_64& random) const {
        const double point = std::generate_canonical<double, 53>(random) * m_cumulative.back();
        auto found = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), point);
        return std::min(static_cast<std::size_t>(found - m_cumulative.begin()), m_cumulative.size() - 1);
    }

  private:
    std::vector<double> m_cumulative;
};

// Ratings 1 to 5 tilted by `appeal`: weight e^(appeal * (rating - 3)), shifted
// towards the good end as museum ratings are.
WeightedChoice rating_choice(double appeal) {
    std::vector<double> weights;
    for (int rating = 1; rating <= 5; ++rating) weights.push_back(std::exp(appeal * (rating - 3)));
    return WeightedChoice(weights);
}

// The tour's choices, made once.
struct TourModel {
    std::vector<WeightedChoice> ratings;  // per artifact; picks 0 to 4
    WeightedChoice seoul_favourite_rating;
    WeightedChoice overall_rating;          // the survey's `overall` question
    std::array<WeightedChoice, 3> views;    // at most venues, at the first, by Seoul's Korean visitors
    std::vector<WeightedChoice> languages;  // per venue

    TourModel() {
        for (const auto& artifact : TOUR_ARTIFACTS) ratings.push_back(rating_choice(artifact.appeal));
        seoul_favourite_rating = rating_choice(SEOUL_FAVOURITE_APPEAL);
        overall_rating = rating_choice(0.8);
        for (int kind = 0; kind < 3; ++kind) {
            std::vector<double> weights;
            for (const auto& artifact : TOUR_ARTIFACTS) {
                double weight = artifact.popularity;
                if (std::string_view(artifact.id) == TOUR_RETIRED && kind != 1) weight = 0;
                if (std::string_view(artifact.id) == TOUR_SEOUL_FAVOURITE && kind == 2) weight *= 2.5;
                weights.push_back(weight);
            }
            views[static_cast<std::size_t>(kind)] = WeightedChoice(weights);
        }
        for (const auto& venue : TOUR) {
            std::vector<double> weights;
            for (const auto& language : venue.languages)
                weights.push_back(language.tag ? language.weight : 0);
            languages.emplace_back(weights);
        }
    }
};

// One kiosk at one venue, and the file it hands in.
struct TourKiosk {
    std::size_t venue = 0;  // in TOUR
    int number = 1;         // at its venue, from 1
    std::string file_name;
    std::string kiosk_id;
    long long first_day = 0;  // the venue's season, in days since 1970-01-01 (local dates)
    long long last_day = 0;
    std::vector<long long> open_days;  // the days it was on and the venue open
    std::vector<int> utc_offsets;      // on each of those days, in minutes
    long long budget = 0;              // its engagement events
    std::size_t three_fives = 0;       // how many of its first visits rate TOUR_THREE_FIVES 5
};

struct TourVisit {
    long long start = 0;  // Unix seconds
    int utc_offset_minutes = 0;
    std::uint64_t seed = 0;
    long long budget = 0;  // engagement events it may write: the last visit of a file is cut short
    bool rates_three_fives = false;
};

// Plays one visit of the tour into `sink` (a Writer or a Counter), as the
// kiosk's VisitRecorder would record it, within the visit's event budget: every
// event but the end leaves room for the end, so a visit cut short still ends.
template <typename Sink>
class TourVisitPlayer {
  public:
    TourVisitPlayer(const TourVisit& visit, const TourKiosk& kiosk, const TourModel& model, Sink& sink,
                    FeedbackSampleCounts& counts)
        : m_visit(visit),
          m_kiosk(kiosk),
          m_model(model),
          m_sink(sink),
          m_counts(counts),
          m_random(visit.seed) {}

    bool play() {
        begin();
        look_around();
        const bool survey_finished = survey();
        end(survey_finished);
        return m_ok;
    }

  private:
    bool chance(double p) { return std::generate_canonical<double, 53>(m_random) < p; }
    long long uniform(long long low, long long high) {
        return std::uniform_int_distribution<long long>(low, high)(m_random);
    }
    // Room for `events` more events and still the end.
    bool room(long long events) const { return m_sequence + events < m_visit.budget; }
    void event(const char* kind, const std::string& subject, long long value, long long at) {
        ++m_counts.engagement;
        m_ok = m_ok && m_sink.event(m_row, ++m_sequence, kind, subject, value, at);
    }
    std::string pick_language() {
        return TOUR[m_kiosk.venue].languages[m_model.languages[m_kiosk.venue](m_random)].tag;
    }

    void begin() {
        char id[33];
        std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(m_random()),
                      static_cast<unsigned long long>(m_random()));
        m_row.kiosk_id = m_kiosk.kiosk_id;
        m_row.venue = TOUR[m_kiosk.venue].name;
        m_row.bundle_version = TOUR_BUNDLE_VERSION;
        m_row.session_id = id;
        m_row.utc_offset_minutes = m_visit.utc_offset_minutes;
        m_row.language = pick_language();
        // The visitor's own taste: what they came with, whatever the screen shows later.
        m_loves_favourite = m_kiosk.venue == SEOUL && m_row.language == TOUR_SEOUL_FAVOURITE_LANGUAGE;
        ++m_counts.sessions;

        m_at = m_visit.start;
        event("session_start", "", 0, m_at);
        if (room(1)) event("language", m_row.language, 0, m_at += uniform(3, 15));
        if (room(1) && chance(0.04)) change_language(m_at += uniform(2, 10));
        if (room(1) && chance(0.12)) event("text_size", "large", 0, m_at += uniform(1, 20));
        if (room(1) && chance(0.04)) event("contrast", "high", 0, m_at += uniform(1, 20));
        m_last_touch = m_at;
    }

    void change_language(long long at) {
        std::string language = pick_language();
        for (int tries = 0; language == m_row.language && tries < 5; ++tries) language = pick_language();
        if (language == m_row.language) language = m_row.language == "en" ? "kk" : "en";
        m_row.language = language;
        event("language", language, 1, at);
    }

    // Artifact pages, one after another, with sometimes a change of language
    // between two of them (from the gallery's language button).
    void look_around() {
        const long long views = uniform(3, 10);
        const long long switch_before = chance(0.08) ? uniform(1, views - 1) : -1;
        const long long three_fives_at = m_visit.rates_three_fives ? uniform(0, views - 1) : -1;
        const std::size_t kind = m_loves_favourite ? 2 : m_kiosk.venue == 0 ? 1 : 0;
        std::vector<bool> rated(TOUR_ARTIFACTS.size(), false);
        for (long long v = 0; v < views && room(1); ++v) {
            if (v == switch_before) {
                change_language(m_at += uniform(2, 10));
                if (!room(1)) break;
            }
            const bool planted = v == three_fives_at;
            const std::size_t artifact =
                planted ? artifact_index(TOUR_THREE_FIVES) : m_model.views[kind](m_random);
            view(artifact, planted, rated);
            m_last_touch = m_at;
            m_at += uniform(2, 20);  // back in the gallery, choosing the next
        }
        m_at = m_last_touch;
    }

    // One artifact's page: what played on it (closed before the view, as the
    // recorder closes playback first), the view with its dwell, and a rating
    // tapped while it was open.
    void view(std::size_t index, bool planted_five, std::vector<bool>& rated) {
        const TourArtifact& artifact = TOUR_ARTIFACTS[index];
        const long long opened = m_at;
        long long dwell_ms = std::clamp(
            static_cast<long long>(
                std::lognormal_distribution<double>(std::log(artifact.dwell_seconds), 0.7)(m_random) * 1000),
            1500LL, 900'000LL);
        if (artifact.narration_seconds > 0 && room(2) && chance(0.4)) {
            const long long heard = listened(artifact.narration_seconds);
            dwell_ms = std::max(dwell_ms, heard * 1000 + uniform(2000, 15'000));
            event("narration", artifact.id, heard * 100 / artifact.narration_seconds, opened + heard);
        }
        if (artifact.film != nullptr && room(2) && chance(0.3)) {
            const long long watched = listened(artifact.film_seconds);
            dwell_ms = std::max(dwell_ms, watched * 1000 + uniform(2000, 15'000));
            event("film", artifact.film, watched * 100 / artifact.film_seconds, opened + dwell_ms / 1000);
        }
        m_at = opened + dwell_ms / 1000;
        event("artifact_view", artifact.id, dwell_ms, m_at);
        if (rated[index]) return;
        const bool favourite = m_loves_favourite && std::string_view(artifact.id) == TOUR_SEOUL_FAVOURITE;
        const bool rates = planted_five || (std::string_view(artifact.id) != TOUR_THREE_FIVES &&
                                            chance(favourite ? 0.5 : 0.3));
        if (!rates) return;
        rated[index] = true;
        const std::size_t rating = planted_five ? 4
                                   : favourite  ? m_model.seoul_favourite_rating(m_random)
                                                : m_model.ratings[index](m_random);
        ++m_counts.reactions;
        m_ok = m_ok && m_sink.reaction(m_row, artifact.id, static_cast<int>(rating) + 1,
                                       opened + uniform(1, std::max(1LL, dwell_ms / 1000)));
    }

    // Seconds of a narration or film of `length` seconds heard: a third to the end.
    long long listened(int length) {
        return chance(0.35) ? length : uniform(std::max(1, length / 20), length * 19 / 20);
    }

    // The survey, opened from the gallery's button or from the invitation of the
    // idle countdown (30 s before the 90 s timeout). True if it was finished.
    bool survey() {
        m_walked_away = chance(0.45);
        bool from_invitation = false;
        if (m_walked_away) {
            if (!room(1)) return false;
            event("survey", "offered", 0, m_last_touch + 60);
            if (!chance(0.5)) return false;  // gone
            from_invitation = true;
            m_walked_away = false;
            m_at = m_last_touch + 60 + uniform(2, 25);
        } else if (chance(0.08)) {
            m_at = m_last_touch + uniform(2, 10);
        } else {
            return false;
        }
        if (!room(1)) return false;
        event("survey", "opened", from_invitation ? 1 : 0, m_at);
        m_last_touch = m_at;
        const long long answered = answer_questions();
        if (m_walked_away || !room(1)) return false;
        event("survey", "finished", answered, m_last_touch = m_at += uniform(1, 3));
        return true;
    }

    // The bundle's four questions, each answered, skipped, or the visitor gone
    // half way (m_walked_away). How many were answered.
    long long answer_questions() {
        static const std::array<const char*, 5> heard = {"friends", "poster", "internet", "passing",
                                                         "website"};
        static const WeightedChoice heard_choice({30, 20, 25, 15, 10});
        static const std::array<const char*, 5> from = {"city", "country", "europe", "central-asia",
                                                        "elsewhere"};
        static const WeightedChoice from_choice({45, 20, 12, 8, 15});
        static const std::array<const char*, 5> interests = {"music", "costume", "crafts", "everyday-life",
                                                             "films"};
        long long answered = 0;
        for (int question = 0; question < 4; ++question) {
            if (question > 0 && chance(0.06)) {
                m_walked_away = true;
                return answered;
            }
            m_last_touch = m_at += uniform(4, 20);
            if (chance(0.12)) continue;  // skipped
            ++answered;
            if (question == 0)
                answer("overall", std::to_string(m_model.overall_rating(m_random) + 1));
            else if (question == 1)
                answer("heard", heard[heard_choice(m_random)]);
            else if (question == 2)
                answer("from", from[from_choice(m_random)]);
            else
                for (std::size_t option = 0; option < interests.size(); ++option)
                    if (chance(0.35)) answer("interests", interests[option]);
        }
        return answered;
    }
    void answer(const char* question, const std::string& option) {
        ++m_counts.survey_answers;
        m_ok = m_ok && m_sink.answer(m_row, question, option, m_at);
    }

    // "Finish my visit" (mostly after the survey's thanks), or the timeout: then
    // the row comes 90 s after the last touch, the length is to the last touch.
    void end(bool survey_finished) {
        if (m_sequence >= m_visit.budget) return;  // a visit of one event: its start
        const bool by_hand = !m_walked_away && chance(survey_finished ? 0.9 : 0.75);
        if (by_hand) m_last_touch += uniform(1, 10);
        const long long length_ms = (m_last_touch - m_visit.start) * 1000 + uniform(0, 999);
        event("session_end", by_hand ? "finished" : "idle", length_ms, m_last_touch + (by_hand ? 0 : 90));
    }

    const TourVisit& m_visit;
    const TourKiosk& m_kiosk;
    const TourModel& m_model;
    Sink& m_sink;
    FeedbackSampleCounts& m_counts;
    std::mt19937_64 m_random;
    RowContext m_row;
    bool m_ok = true;
    bool m_loves_favourite = false;
    bool m_walked_away = false;
    long long m_sequence = 0;
    long long m_at = 0;
    long long m_last_touch = 0;
};

template <typename Sink>
bool play_tour_visit(const TourVisit& visit, const TourKiosk& kiosk, const TourModel& model, Sink& sink,
                     FeedbackSampleCounts& counts) {
    return TourVisitPlayer<Sink>(visit, kiosk, model, sink, counts).play();
}

std::chrono::sys_days as_date(long long day) {
    return std::chrono::sys_days{std::chrono::days{day}};
}

std::string date_text(long long day) {
    const std::chrono::year_month_day date{as_date(day)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

// The venue's offset from UTC in its opening hours that day: EU summer time
// changes at 01:00 UTC on a Sunday, before any museum opens.
int utc_offset_minutes(const TourVenue& venue, long long day) {
    using namespace std::chrono;
    const sys_days date = as_date(day);
    const year year = year_month_day{date}.year();
    const bool summer = venue.eu_summer_time && date >= sys_days{year / March / Sunday[last]} &&
                        date < sys_days{year / October / Sunday[last]};
    return venue.standard_offset_minutes + (summer ? 60 : 0);
}

// Every kiosk of the tour, venue by venue, with its days and its share of the events.
std::vector<TourKiosk> tour_kiosks(const FeedbackTourSpec& spec, FeedbackTourCounts& counts) {
    std::mt19937_64 ids(spec.seed);
    std::vector<TourKiosk> kiosks;
    std::vector<double> weights;
    const long long tour_first_day = spec.first_day_unix / 86'400;
    for (int v = 0; v < std::clamp(spec.venues, 1, static_cast<int>(TOUR.size())); ++v) {
        const TourVenue& venue = TOUR[static_cast<std::size_t>(v)];
        for (int number = 1; number <= std::max(1, spec.kiosks_per_venue); ++number) {
            TourKiosk kiosk;
            kiosk.venue = static_cast<std::size_t>(v);
            kiosk.number = number;
            kiosk.file_name = std::string(venue.slug) + "-kiosk-" + std::to_string(number) + ".sqlite";
            char id[33];
            std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(ids()),
                          static_cast<unsigned long long>(ids()));
            kiosk.kiosk_id = id;
            kiosk.first_day = tour_first_day + static_cast<long long>(v) * spec.season_days;
            kiosk.last_day = kiosk.first_day + spec.season_days - 1;
            const bool quiet = spec.quiet_spell && kiosk.venue == SEOUL && number == 2;
            int opening_day = 0;
            for (long long day = kiosk.first_day; day <= kiosk.last_day; ++day) {
                if (std::chrono::weekday{as_date(day)}.c_encoding() == venue.closed_weekday) continue;
                // The quiet spell: from the 20th opening day, for TOUR_QUIET_SPELL_OPENING_DAYS.
                if (quiet && opening_day >= 19 && opening_day < 19 + TOUR_QUIET_SPELL_OPENING_DAYS) {
                    if (opening_day == 19) counts.quiet_first_day = date_text(day);
                    counts.quiet_last_day = date_text(day);
                    counts.quiet_file = kiosk.file_name;
                } else {
                    kiosk.open_days.push_back(day);
                    kiosk.utc_offsets.push_back(utc_offset_minutes(venue, day));
                }
                ++opening_day;
            }
            // The first kiosk is by the entrance; a kiosk that was off saw fewer visitors.
            const double position = number == 1 ? 1.0 : number == 2 ? 0.8 : number == 3 ? 0.65 : 0.5;
            weights.push_back(venue.visitors * position * static_cast<double>(kiosk.open_days.size()) /
                              std::max(1, opening_day));
            kiosks.push_back(std::move(kiosk));
        }
    }
    // Exactly spec.engagement_events in all: each kiosk's share rounded on the running sum.
    const long double total = std::accumulate(weights.begin(), weights.end(), 0.0L);
    long double running = 0;
    long long given = 0;
    for (std::size_t k = 0; k < kiosks.size(); ++k) {
        running += weights[k];
        const auto upto = static_cast<long long>(spec.engagement_events * running / total + 0.5L);
        kiosks[k].budget = (k + 1 == kiosks.size() ? spec.engagement_events : upto) - given;
        given += kiosks[k].budget;
    }
    // TOUR_THREE_FIVES: one rating at the first kiosk of each of the first three venues.
    for (std::size_t p = 0; p < 3 && !kiosks.empty(); ++p)
        ++kiosks[(p * static_cast<std::size_t>(std::max(1, spec.kiosks_per_venue))) % kiosks.size()]
              .three_fives;
    return kiosks;
}

// The kiosk's visits, in time order, as many as it takes to make its events:
// within opening hours, busier at weekends and in the afternoon.
std::vector<TourVisit> plan_visits(const TourKiosk& kiosk, const TourModel& model, std::uint64_t seed) {
    std::vector<TourVisit> visits;
    if (kiosk.open_days.empty()) return visits;
    std::mt19937_64 random(seed);
    auto uniform = [&](long long low, long long high) {
        return std::uniform_int_distribution<long long>(low, high)(random);
    };
    std::vector<double> day_weights;
    for (long long day : kiosk.open_days) {
        const unsigned weekday = std::chrono::weekday{as_date(day)}.c_encoding();
        day_weights.push_back(weekday == 0 || weekday == 6 ? 1.6 : weekday == 5 ? 1.2 : 1.0);
    }
    const WeightedChoice pick_day(day_weights);
    const TourVenue& venue = TOUR[kiosk.venue];
    const long long open_seconds = 60LL * (venue.closes_minute - venue.opens_minute - 15);
    for (long long events = 0; events < kiosk.budget;) {
        TourVisit visit;
        const std::size_t day = pick_day(random);
        const long long local =
            60LL * venue.opens_minute + std::max(uniform(0, open_seconds - 1), uniform(0, open_seconds - 1));
        visit.utc_offset_minutes = kiosk.utc_offsets[day];
        visit.start = kiosk.open_days[day] * 86'400 + local - 60LL * visit.utc_offset_minutes;
        visit.seed = random();
        visit.budget = kiosk.budget - events;
        visit.rates_three_fives = visits.size() < kiosk.three_fives;
        // Counted, not written: the visits needed are known exactly before writing.
        Counter counter;
        FeedbackSampleCounts ignored;
        play_tour_visit(visit, kiosk, model, counter, ignored);
        events += counter.events;
        visits.push_back(visit);
    }
    std::stable_sort(visits.begin(), visits.end(),
                     [](const TourVisit& a, const TourVisit& b) { return a.start < b.start; });
    return visits;
}

bool write_tour_kiosk(const std::filesystem::path& folder, const TourKiosk& kiosk, const TourModel& model,
                      std::uint64_t seed, FeedbackTourFile& file, std::string& error) {
    const TourVenue& venue = TOUR[kiosk.venue];
    file.file = folder / kiosk.file_name;
    file.venue = venue.name;
    file.kiosk_id = kiosk.kiosk_id;
    file.first_day = date_text(kiosk.first_day);
    file.last_day = date_text(kiosk.last_day);
    const std::vector<TourVisit> visits = plan_visits(kiosk, model, seed);
    Database db = create_feedback_file(
        file.file, {kiosk.kiosk_id, venue.name, TOUR_BUNDLE_ID, TOUR_BUNDLE_VERSION}, error);
    const bool ok = db && write_in_one_transaction(db.get(), error, [&](Writer& writer) {
                        for (const TourVisit& visit : visits)
                            if (!play_tour_visit(visit, kiosk, model, writer, file.counts)) return false;
                        return true;
                    });
    if (!ok) error = file.file.string() + ": " + error;
    return ok;
}

}  // namespace

bool write_sample_tour(const std::filesystem::path& folder, const FeedbackTourSpec& spec,
                       FeedbackTourCounts& counts, std::string& error) {
    counts = {};
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec || !std::filesystem::is_directory(folder, ec)) {
        error = folder.string() + " is not a folder that can be made: " + ec.message();
        return false;
    }
    if (!std::filesystem::is_empty(folder, ec) || ec) {
        error = folder.string() + " is not empty: the tour is written into an empty folder only";
        return false;
    }
    const TourModel model;
    const std::vector<TourKiosk> kiosks = tour_kiosks(spec, counts);
    std::mt19937_64 seeds(spec.seed ^ 0x70757254ULL);
    for (const TourKiosk& kiosk : kiosks) {
        FeedbackTourFile file;
        if (!write_tour_kiosk(folder, kiosk, model, seeds(), file, error)) return false;
        counts.total.sessions += file.counts.sessions;
        counts.total.engagement += file.counts.engagement;
        counts.total.reactions += file.counts.reactions;
        counts.total.survey_answers += file.counts.survey_answers;
        counts.files.push_back(std::move(file));
    }
    return true;
}

}  // namespace amanat::testing
