// The touring exhibition's generated feedback (tests/benchmarks/feedback_generator),
// which `amanat feedback report` is tested and benchmarked on: a small tour, read
// back with plain SQLite, must hold the truths planted in it, so that a report
// that misses one is wrong rather than the data.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "feedback_generator.hpp"
#include "sqlite_file.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat::testing;

namespace {

// 3 venues (Amsterdam, Seoul, Paris) x 2 kiosks, 20,000 events: what the
// report's tests use.
FeedbackTourSpec small_spec() {
    FeedbackTourSpec spec;
    spec.engagement_events = 20'000;
    spec.venues = 3;
    spec.kiosks_per_venue = 2;
    return spec;
}

struct SmallTour {
    TemporaryFolder folder;
    FeedbackTourCounts counts;
    SmallTour() {
        std::string error;
        REQUIRE_MESSAGE(write_sample_tour(folder.path(), small_spec(), counts, error), error);
    }
};

const SmallTour& small_tour() {
    static const SmallTour tour;
    return tour;
}

long long number(Direct& db, const std::string& sql) {
    return std::stoll(db.one(sql));
}

// `sql` (one whole number) added up over the tour's files whose name starts with `prefix`.
long long sum_over_files(const std::string& sql, const std::string& prefix = "") {
    long long sum = 0;
    for (const auto& file : small_tour().counts.files) {
        if (file.file.filename().string().rfind(prefix, 0) != 0) continue;
        Direct db(file.file);
        sum += number(db, sql);
    }
    return sum;
}

struct Ratings {
    long long count = 0;
    long long sum = 0;
    double mean() const { return count > 0 ? static_cast<double>(sum) / static_cast<double>(count) : 0; }
};

// Per artifact, the ratings of files starting with `prefix` matching `where`.
std::map<std::string, Ratings> ratings(const std::string& prefix, const std::string& where) {
    std::map<std::string, Ratings> result;
    for (const auto& file : small_tour().counts.files) {
        if (file.file.filename().string().rfind(prefix, 0) != 0) continue;
        Direct db(file.file);
        for (const std::string& row :
             db.rows("SELECT artifact_id || '|' || count(*) || '|' || sum(rating) FROM reactions WHERE " +
                     where + " GROUP BY artifact_id")) {
            const auto first = row.find('|');
            const auto second = row.find('|', first + 1);
            Ratings& r = result[row.substr(0, first)];
            r.count += std::stoll(row.substr(first + 1, second - first - 1));
            r.sum += std::stoll(row.substr(second + 1));
        }
    }
    return result;
}

}  // namespace

TEST_CASE("tour: one file per kiosk, named by venue, with exactly the events asked for") {
    const SmallTour& tour = small_tour();
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(tour.folder.path()))
        names.insert(entry.path().filename());
    CHECK(names == std::set<std::string>{"amsterdam-kiosk-1.sqlite", "amsterdam-kiosk-2.sqlite",
                                         "seoul-kiosk-1.sqlite", "seoul-kiosk-2.sqlite",
                                         "paris-kiosk-1.sqlite", "paris-kiosk-2.sqlite"});
    REQUIRE(tour.counts.files.size() == 6);

    std::set<std::string> kiosk_ids;
    for (const auto& file : tour.counts.files) {
        Direct db(file.file);
        // One kiosk, one venue, the sample bundle, in every table.
        for (const char* table : {"engagement", "reactions", "survey_answers"}) {
            CHECK(db.one(std::string("SELECT count(DISTINCT kiosk_id) || count(DISTINCT venue) || "
                                     "count(DISTINCT bundle_id || bundle_version) FROM ") +
                         table) == "111");
            CHECK(db.one(std::string("SELECT DISTINCT kiosk_id FROM ") + table) == file.kiosk_id);
        }
        CHECK(db.one("SELECT DISTINCT venue FROM engagement") == file.venue);
        CHECK(db.one("SELECT DISTINCT bundle_id || ' ' || bundle_version FROM engagement") ==
              std::string(TOUR_BUNDLE_ID) + " " + TOUR_BUNDLE_VERSION);
        CHECK(number(db, "SELECT count(*) FROM engagement") == file.counts.engagement);
        CHECK(number(db, "SELECT count(*) FROM reactions") == file.counts.reactions);
        CHECK(number(db, "SELECT count(*) FROM survey_answers") == file.counts.survey_answers);
        kiosk_ids.insert(file.kiosk_id);
    }
    CHECK(kiosk_ids.size() == 6);
    CHECK(tour.counts.total.engagement == 20'000);
    CHECK(sum_over_files("SELECT count(*) FROM engagement") == 20'000);
    CHECK(tour.counts.files[2].venue == TOUR_SEOUL_VENUE);
}

TEST_CASE("tour: the artifact with three ratings has exactly three, all 5") {
    CHECK(sum_over_files(std::string("SELECT count(*) FROM reactions WHERE artifact_id = '") +
                         TOUR_THREE_FIVES + "'") == 3);
    CHECK(sum_over_files(std::string("SELECT count(*) FROM reactions WHERE artifact_id = '") +
                         TOUR_THREE_FIVES + "' AND rating = 5") == 3);
    // Viewed like any artifact, at every venue.
    for (const char* venue : {"amsterdam", "seoul", "paris"})
        CHECK(sum_over_files(std::string("SELECT count(*) FROM engagement WHERE kind = 'artifact_view' AND "
                                         "subject = '") +
                                 TOUR_THREE_FIVES + "'",
                             venue) > 3);
}

TEST_CASE("tour: Seoul's Korean-speaking visitors rate the planted favourite highest, by far") {
    const auto seoul = ratings("seoul", std::string("language = '") + TOUR_SEOUL_FAVOURITE_LANGUAGE + "'");
    REQUIRE(seoul.count(TOUR_SEOUL_FAVOURITE) == 1);
    const Ratings& favourite = seoul.at(TOUR_SEOUL_FAVOURITE);
    CHECK(favourite.count >= 10);
    CHECK(favourite.mean() >= 4.6);
    for (const auto& [artifact, r] : seoul) {
        if (artifact == TOUR_SEOUL_FAVOURITE || r.count < 10) continue;
        INFO(artifact, " ", r.mean(), " from ", r.count);
        CHECK(r.mean() <= favourite.mean() - 0.25);
        CHECK(r.count < favourite.count);
    }
    // Average elsewhere.
    for (const char* venue : {"amsterdam", "paris"}) {
        const auto there = ratings(venue, "1");
        INFO(venue);
        CHECK(there.at(TOUR_SEOUL_FAVOURITE).mean() < 4.2);
        CHECK(there.at(TOUR_SEOUL_FAVOURITE).mean() < there.at(TOUR_BEST_OVERALL).mean());
    }
}

TEST_CASE("tour: the best rated artifact over the tour, of those with 20 ratings or more") {
    const auto all = ratings("", "1");
    const double best = all.at(TOUR_BEST_OVERALL).mean();
    for (const auto& [artifact, r] : all) {
        if (artifact == TOUR_BEST_OVERALL || r.count < 20) continue;
        INFO(artifact, " ", r.mean(), " from ", r.count, " against ", best);
        CHECK(r.mean() <= best - 0.15);
    }
}

TEST_CASE("tour: some visits change language between two artifact views, and rate in both") {
    const long long switched = sum_over_files(
        "SELECT count(DISTINCT l.session_id) FROM engagement l WHERE l.kind = 'language' AND l.value = 1"
        " AND EXISTS (SELECT 1 FROM engagement v WHERE v.session_id = l.session_id"
        "             AND v.kind = 'artifact_view' AND v.sequence < l.sequence)"
        " AND EXISTS (SELECT 1 FROM engagement v WHERE v.session_id = l.session_id"
        "             AND v.kind = 'artifact_view' AND v.sequence > l.sequence)");
    CHECK(switched >= 20);
    CHECK(sum_over_files("SELECT count(*) FROM (SELECT session_id FROM reactions GROUP BY session_id"
                         " HAVING count(DISTINCT language) > 1)") >= 5);
}

TEST_CASE("tour: one Seoul kiosk records nothing for eight opening days while the other carries on") {
    const SmallTour& tour = small_tour();
    REQUIRE(tour.counts.quiet_file == "seoul-kiosk-2.sqlite");
    const std::string from = tour.counts.quiet_first_day;
    const std::string to = tour.counts.quiet_last_day;
    const std::string local_day = "date(at + 60 * utc_offset_minutes, 'unixepoch')";
    const std::string visits =
        "SELECT count(*) FROM engagement WHERE kind = 'session_start' AND " + local_day;
    CHECK(sum_over_files(visits + " BETWEEN '" + from + "' AND '" + to + "'", "seoul-kiosk-2") == 0);
    CHECK(sum_over_files(visits + " BETWEEN '" + from + "' AND '" + to + "'", "seoul-kiosk-1") >= 8);
    CHECK(sum_over_files(visits + " < '" + from + "'", "seoul-kiosk-2") > 0);
    CHECK(sum_over_files(visits + " > '" + to + "'", "seoul-kiosk-2") > 0);
    // Eight opening days: the days from `from` to `to`, Seoul's Mondays (closed) left out.
    Direct any(tour.counts.files[0].file);
    CHECK(number(any, "WITH RECURSIVE day(d) AS (SELECT '" + from +
                          "' UNION ALL SELECT date(d, '+1 day') FROM day"
                          " WHERE d < '" +
                          to + "') SELECT count(*) FROM day WHERE strftime('%w', d) <> '1'") ==
          TOUR_QUIET_SPELL_OPENING_DAYS);
}

TEST_CASE("tour: the retired artifact is rated at the first venue only") {
    const std::string rated =
        std::string("SELECT count(*) FROM reactions WHERE artifact_id = '") + TOUR_RETIRED + "'";
    CHECK(sum_over_files(rated, "amsterdam") >= 5);
    CHECK(sum_over_files(rated, "seoul") == 0);
    CHECK(sum_over_files(rated, "paris") == 0);
}

TEST_CASE("tour: visits in each venue's season and opening days, at its own UTC offset") {
    const std::string local_day = "date(at + 60 * utc_offset_minutes, 'unixepoch')";
    const std::string starts = "SELECT count(*) FROM engagement WHERE kind = 'session_start' AND ";
    for (const auto& file : small_tour().counts.files) {
        INFO(file.file);
        Direct db(file.file);
        CHECK(number(db, starts + local_day + " NOT BETWEEN '" + file.first_day + "' AND '" + file.last_day +
                             "'") == 0);
        const bool paris = file.file.filename().string().rfind("paris", 0) == 0;
        CHECK(number(db, starts + "strftime('%w', at + 60 * utc_offset_minutes, 'unixepoch') = '" +
                             (paris ? "2" : "1") + "'") == 0);  // closed on Tuesdays in Paris, else Mondays
        CHECK(number(db, starts +
                             "strftime('%H', at + 60 * utc_offset_minutes, 'unixepoch') NOT BETWEEN '09' AND "
                             "'17'") == 0);
    }
    // Amsterdam in winter, Seoul all year, Paris in summer.
    CHECK(sum_over_files("SELECT count(*) FROM engagement WHERE utc_offset_minutes <> 60", "amsterdam") == 0);
    CHECK(sum_over_files("SELECT count(*) FROM engagement WHERE utc_offset_minutes <> 540", "seoul") == 0);
    CHECK(sum_over_files("SELECT count(*) FROM engagement WHERE utc_offset_minutes <> 120", "paris") == 0);
}

TEST_CASE("tour: the same seed writes the same rows") {
    TemporaryFolder again;
    FeedbackTourCounts counts;
    std::string error;
    REQUIRE_MESSAGE(write_sample_tour(again.path(), small_spec(), counts, error), error);
    const std::string all_rows =
        "SELECT group_concat(row, char(10)) FROM (SELECT quote(session_id) || sequence || kind || subject || "
        "value"
        " || at || utc_offset_minutes AS row FROM engagement ORDER BY id)";
    for (std::size_t i = 0; i < counts.files.size(); ++i) {
        Direct first(small_tour().counts.files[i].file);
        Direct second(counts.files[i].file);
        CHECK(first.one(all_rows) == second.one(all_rows));
    }
}

TEST_CASE("tour: a folder that is not empty is refused, and left as it was") {
    TemporaryFolder folder;
    { std::ofstream(folder.path() / "notes.txt") << "mine"; }
    FeedbackTourCounts counts;
    std::string error;
    CHECK_FALSE(write_sample_tour(folder.path(), small_spec(), counts, error));
    CHECK(error.find("not empty") != std::string::npos);
    CHECK(std::distance(fs::directory_iterator(folder.path()), fs::directory_iterator{}) == 1);
}
