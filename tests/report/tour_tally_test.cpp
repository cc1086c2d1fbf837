// The organisers' report's figures (report/tour_tally) from files written by
// the kiosk's own FeedbackStore: attribution of what a visit did to the
// language it had at that moment, the union of overlapping copies, the
// ranking, quiet spells, and the Wilson intervals against independent values.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "report/attendance.hpp"
#include "report/tour_figures_json.hpp"
#include "report/tour_statistics.hpp"
#include "report/tour_tally.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_store.hpp"
#include "store/feedback_union.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat;
using namespace amanat::report;
using amanat::testing::TemporaryFolder;

namespace {

constexpr long long kMonday = 1'772'409'600;  // 2026-03-02T00:00:00Z, a Monday

std::string session(int n) {
    char id[40];
    std::snprintf(id, sizeof id, "%032x", n);
    return id;
}

// Records rows through the kiosk's own store, as a kiosk does.
class Kiosk {
  public:
    Kiosk(const fs::path& file, const std::string& kiosk_id, const std::string& venue) {
        std::vector<std::string> notes;
        std::string error;
        m_store = store::FeedbackStore::open(file, {kiosk_id, venue, "continuity-of-traditions", "1.0.0"},
                                             notes, error);
        REQUIRE_MESSAGE(m_store != nullptr, error);
    }
    void event(const std::string& visit, const char* kind, const std::string& subject, long long value,
               long long at) {
        m_store->record(EngagementEvent{visit, ++m_sequence[visit], kind, subject, value, at});
    }
    void rating(const std::string& visit, const std::string& artifact, int rating,
                const std::string& language, long long at) {
        m_store->record(Reaction{visit, artifact, rating, language, at});
    }
    void answer(const std::string& visit, const std::string& question, const std::string& answer,
                long long at) {
        m_store->record(SurveyAnswer{visit, question, {answer}, "en", at});
    }
    // A whole visit: start, a language, a look at `artifact`, a rating, the end.
    void visit(int n, const std::string& artifact, int rating, const std::string& language, long long at) {
        const std::string id = session(n);
        event(id, "session_start", "", 0, at);
        event(id, "language", language, 0, at + 1);
        event(id, "artifact_view", artifact, 10'000, at + 12);
        this->rating(id, artifact, rating, language, at + 12);
        event(id, "session_end", "finished", 20'000, at + 20);
    }
    void flush() {
        m_store->flush();
        REQUIRE(m_store->last_error().empty());
    }

  private:
    std::unique_ptr<store::FeedbackStore> m_store;
    std::map<std::string, long long> m_sequence;
};

TourFigures tally(const std::vector<fs::path>& files, const Attendance* attendance = nullptr) {
    std::string error;
    auto union_files = store::FeedbackUnion::open(files, error);
    REQUIRE_MESSAGE(union_files != nullptr, error);
    TourFigures figures;
    REQUIRE_MESSAGE(tally_tour(*union_files, {}, attendance, figures, error), error);
    return figures;
}

const ArtifactFigures& artifact(const TourFigures& figures, const std::string& id) {
    for (const ArtifactFigures& a : figures.artifacts)
        if (a.id == id) return a;
    FAIL("no artifact " << id);
    return figures.artifacts.front();
}

std::size_t language_index(const TourFigures& figures, const std::string& tag) {
    for (std::size_t i = 0; i < figures.languages.size(); ++i)
        if (figures.languages[i].name == tag) return i;
    FAIL("no language " << tag);
    return 0;
}

}  // namespace

TEST_CASE("Wilson intervals match the closed form computed another way") {
    // The interval's ends are the roots of (p - p̂)² n = z² p (1 - p): solve the quadratic directly.
    const double z = 1.959963984540054;
    for (const auto& [hits, of] :
         std::vector<std::pair<long long, long long>>{{3, 3}, {80, 100}, {0, 12}, {7, 9}}) {
        const double n = static_cast<double>(of);
        const double phat = static_cast<double>(hits) / n;
        const double a = n + z * z;
        const double b = -(2 * n * phat + z * z);
        const double c = n * phat * phat;
        const double root = std::sqrt(std::max(0.0, b * b - 4 * a * c));
        const Share share = wilson_share(hits, of);
        CHECK(share.low == doctest::Approx((-b - root) / (2 * a)).epsilon(1e-9));
        CHECK(share.high == doctest::Approx((-b + root) / (2 * a)).epsilon(1e-9));
        CHECK(share.value == doctest::Approx(phat));
    }
    CHECK(wilson_share(3, 3).low == doctest::Approx(0.4385).epsilon(1e-3));  // the published value
    CHECK(wilson_share(0, 0).of == 0);
}

TEST_CASE("views, narrations and films count in the language the visit had at that moment") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "kiosk.sqlite";
    {
        Kiosk kiosk(file, "kiosk-1", "Seoul Museum");
        const std::string id = session(1);
        kiosk.event(id, "session_start", "", 0, kMonday + 36'000);
        kiosk.event(id, "language", "kk", 0, kMonday + 36'001);
        kiosk.event(id, "artifact_view", "kobyz", 3'000, kMonday + 36'005);
        // The visitor switches to Korean while the kobyz's page is still open.
        kiosk.event(id, "language", "ko", 1, kMonday + 36'006);
        kiosk.event(id, "narration", "kobyz", 80, kMonday + 36'030);
        kiosk.event(id, "film", "kobyz/making-of", 50, kMonday + 36'060);
        kiosk.event(id, "artifact_view", "kobyz", 60'000, kMonday + 36'070);
        kiosk.rating(id, "kobyz", 5, "ko", kMonday + 36'071);
        kiosk.event(id, "session_end", "finished", 71'000, kMonday + 36'071);
        kiosk.flush();
    }
    const TourFigures figures = tally({file});
    const ArtifactFigures& kobyz = artifact(figures, "kobyz");
    const ArtifactCell& kk = kobyz.by_language[language_index(figures, "kk")];
    const ArtifactCell& ko = kobyz.by_language[language_index(figures, "ko")];
    CHECK(kk.views == 1);
    CHECK(kk.median_look_ms == 3'000);
    CHECK(kk.narrations == 0);
    CHECK(kk.films == 0);
    CHECK(ko.views == 1);
    CHECK(ko.median_look_ms == 60'000);
    CHECK(ko.narrations == 1);
    CHECK(ko.narration_heard == doctest::Approx(0.8));
    CHECK(ko.films == 1);
    CHECK(ko.film_watched == doctest::Approx(0.5));
    CHECK(ko.ratings == 1);
    CHECK(kk.ratings == 0);
    CHECK(kobyz.everywhere.views == 2);
    CHECK(kobyz.everywhere.median_look_ms == 31'500);
    // One visit that used two languages counts once in each.
    REQUIRE(figures.venues.size() == 1);
    CHECK(figures.venues[0].visits == 1);
    CHECK(figures.venues[0].languages.size() == 2);
    CHECK(figures.venues[0].median_visit_ms == 71'000);
    CHECK(figures.venues[0].went_past_first_screen.hits == 1);
}

TEST_CASE("overlapping copies and a merged file count nothing twice, in any order") {
    TemporaryFolder folder;
    const fs::path early = folder.path() / "early-copy.sqlite";
    const fs::path late = folder.path() / "kiosk.sqlite";
    {
        Kiosk kiosk(late, "kiosk-1", "Amsterdam Museum");
        for (int n = 0; n < 30; ++n)
            kiosk.visit(n, n % 2 ? "kobyz" : "dombra", 1 + n % 5, "nl", kMonday + n * 600);
        // A visit in progress when the early copy is taken.
        kiosk.event(session(99), "session_start", "", 0, kMonday + 40'000);
        kiosk.event(session(99), "language", "en", 0, kMonday + 40'001);
        kiosk.flush();
        // A copy as a technician takes it from a running kiosk: the file and its log.
        fs::copy_file(late, early);
        fs::copy_file(late.string() + "-wal", early.string() + "-wal");
        kiosk.event(session(99), "artifact_view", "kobyz", 5'000, kMonday + 40'010);
        kiosk.rating(session(99), "kobyz", 5, "en", kMonday + 40'011);
        kiosk.event(session(99), "session_end", "idle", 9'000, kMonday + 40'100);
        kiosk.flush();
    }
    const fs::path merged = folder.path() / "merged.sqlite";
    store::MergeCounts added;
    std::string error;
    REQUIRE_MESSAGE(store::merge_feedback(merged, {early, late}, added, error), error);

    const std::string alone = tour_figures_json(tally({late}));
    CHECK(tour_figures_json(tally({early, late})) == alone);
    CHECK(tour_figures_json(tally({late, early})) == alone);
    CHECK(tour_figures_json(tally({merged, early, late})) == alone);
    const TourFigures figures = tally({early, merged, late});
    CHECK(figures.visits == 31);
    CHECK(figures.ratings == 31);
    CHECK(artifact(figures, "kobyz").everywhere.views == 16);
}

TEST_CASE("a handful of perfect ratings is marked, not ranked; many good ones rank first") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "kiosk.sqlite";
    {
        Kiosk kiosk(file, "kiosk-1", "Paris Museum");
        for (int i = 0; i < 3; ++i) kiosk.visit(i, "saukele", 5, "fr", kMonday + i * 300);
        for (int i = 0; i < 40; ++i)
            kiosk.visit(100 + i, "kobyz", i % 10 == 0 ? 3 : 5, "fr", kMonday + 3600 + i * 300);
        for (int i = 0; i < 40; ++i)
            kiosk.visit(200 + i, "dombra", i % 2 == 0 ? 2 : 4, "fr", kMonday + 86400 + i * 300);
        kiosk.flush();
    }
    const TourFigures figures = tally({file});
    REQUIRE(figures.artifacts.size() == 3);
    CHECK(figures.artifacts[0].id == "kobyz");
    CHECK(figures.artifacts[0].rank == 1);
    CHECK(figures.artifacts[1].id == "dombra");
    CHECK(figures.artifacts[1].rank == 2);
    const ArtifactFigures& saukele = artifact(figures, "saukele");
    CHECK(saukele.rank == 0);
    CHECK_FALSE(saukele.everywhere.judged);
    CHECK(saukele.everywhere.mean_rating == doctest::Approx(5.0));
    CHECK(saukele.everywhere.positive.low < figures.artifacts[0].score);
    CHECK(figures.artifacts[0].score == doctest::Approx(wilson_share(36, 40).low));
}

TEST_CASE("several opening days without a visit at one kiosk are flagged; closing days are not") {
    TemporaryFolder folder;
    const fs::path one = folder.path() / "kiosk-1.sqlite";
    const fs::path two = folder.path() / "kiosk-2.sqlite";
    {
        Kiosk first(one, "kiosk-1", "Vienna Museum");
        Kiosk second(two, "kiosk-2", "Vienna Museum");
        int n = 0;
        for (int day = 0; day < 28; ++day) {
            if (day % 7 == 0) continue;  // closed on Mondays
            const long long at = kMonday + day * 86'400LL + 11 * 3600;
            first.visit(n++, "kobyz", 4, "de", at);
            if (day < 10 || day > 14)
                second.visit(n++, "kobyz", 4, "de", at + 60);  // off from the 12th to the 16th
        }
        first.flush();
        second.flush();
    }
    const TourFigures figures = tally({one, two});
    REQUIRE(figures.venues.size() == 1);
    const VenueFigures& venue = figures.venues[0];
    CHECK(venue.opening_weekdays == std::vector<int>{1, 2, 3, 4, 5, 6});
    REQUIRE(venue.quiet_spells.size() == 1);
    CHECK(venue.quiet_spells[0].kiosk_id == "kiosk-2");
    CHECK(venue.quiet_spells[0].first_day == "2026-03-12");
    CHECK(venue.quiet_spells[0].last_day == "2026-03-15");  // Thursday to Sunday; Monday 16th closed anyway
    CHECK(venue.quiet_spells[0].opening_days == 4);
    CHECK(venue.visits_per_day.size() == 27);
    CHECK(venue.visits_by_weekday_hour[1][11] == 8);  // Tuesdays at 11, both kiosks, four weeks
}

TEST_CASE("attendance: visits per 1,000 visitors on the days counted; a bad line is named") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "kiosk.sqlite";
    {
        Kiosk kiosk(file, "kiosk-1", "Central State Museum, Almaty");
        for (int n = 0; n < 10; ++n) kiosk.visit(n, "kobyz", 4, "kk", kMonday + 36'000 + n * 60);
        for (int n = 10; n < 15; ++n) kiosk.visit(n, "kobyz", 4, "kk", kMonday + 86'400 + 36'000 + n * 60);
        kiosk.flush();
    }
    Attendance attendance;
    std::string error;
    REQUIRE_MESSAGE(parse_attendance("venue,date,visitors\n\"Central State Museum, Almaty\",2026-03-02,500\n"
                                     "\"Central State Museum, Almaty\",2026-03-03,250\n",
                                     "attendance.csv", attendance, error),
                    error);
    const TourFigures figures = tally({file}, &attendance);
    REQUIRE(figures.venues.size() == 1);
    REQUIRE(figures.venues[0].visits_per_thousand.has_value());
    CHECK(*figures.venues[0].attendance == 750);
    CHECK(*figures.venues[0].visits_per_thousand == doctest::Approx(1000.0 * 15 / 750));

    CHECK_FALSE(parse_attendance("venue,date,visitors\nAlmaty,2026-03-02,500\nAlmaty,2026-13-02,10\n",
                                 "attendance.csv", attendance, error));
    CHECK(error.starts_with("attendance.csv:3: the date '2026-13-02'"));
    CHECK_FALSE(
        parse_attendance("venue,date,visitors\nAlmaty,2026-03-02,many\n", "a.csv", attendance, error));
    CHECK(error.starts_with("a.csv:2: the visitors 'many'"));
    CHECK_FALSE(parse_attendance("place,day,count\n", "a.csv", attendance, error));
    CHECK(error.starts_with("a.csv:1: the first line must name the columns"));
    CHECK_FALSE(parse_attendance("venue,date,visitors\n\"Almaty,2026-03-02,5\n", "a.csv", attendance, error));
    CHECK(error.starts_with("a.csv:2: a quote"));
    CHECK_FALSE(parse_attendance("venue,date,visitors\nAlmaty,2026-03-02,5\nAlmaty,2026-03-02,6\n", "a.csv",
                                 attendance, error));
    CHECK(error == "a.csv:3: Almaty on 2026-03-02 is given twice");
}
