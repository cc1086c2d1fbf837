// What a kiosk publishes for the fleet (store/feedback_publication.hpp): one file
// per day of visits, whole visits in each, updated only when the day changes,
// and read together (or re-sent) they count exactly what the live database holds.
#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "recorded_visits.hpp"
#include "sqlite_file.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_publication.hpp"
#include "store/feedback_store.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat::store;
using amanat::testing::Direct;
using amanat::testing::hex_id;
using amanat::testing::read_bytes;
using amanat::testing::record_visit;
using amanat::testing::TemporaryFolder;

namespace {

const Provenance KIOSK{"kiosk-seoul-1", "National Museum of Korea", "continuity-of-traditions", "2027.1.1"};
constexpr long long kDecember6 = 1796515200;  // 2026-12-06T00:00:00Z
constexpr long long kDecember7 = kDecember6 + 86400;

std::unique_ptr<FeedbackStore> open_store(const fs::path& file) {
    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(file, KIOSK, notes, error);
    REQUIRE_MESSAGE(store != nullptr, error);
    return store;
}

std::vector<PublishedDay> publish(const fs::path& live, const fs::path& outbox, long long since = 0) {
    std::vector<PublishedDay> days;
    std::string error;
    REQUIRE_MESSAGE(publish_feedback_days(live, KIOSK.kiosk_id, outbox, since, days, error), error);
    return days;
}

long long visitors_in(const std::vector<fs::path>& files) {
    std::string error;
    auto archive = FeedbackArchive::open(files, error);
    REQUIRE_MESSAGE(archive != nullptr, error);
    FeedbackSummary summary;
    REQUIRE_MESSAGE(archive->summarise({}, summary, error), error);
    return summary.visitors;
}

// A kiosk with a visit on the 6th and one on the 7th, published once.
struct TwoDays {
    TemporaryFolder folder;
    fs::path live = folder.path() / "feedback.sqlite";
    fs::path outbox = folder.path() / "outbox";
    std::unique_ptr<FeedbackStore> store;
    std::vector<PublishedDay> first;

    TwoDays() {
        fs::create_directories(outbox);
        store = open_store(live);
        record_visit(*store, hex_id(1), kDecember6 + 36000, 5, "enjoyed");
        record_visit(*store, hex_id(2), kDecember7 + 36000, 3, "enjoyed");
        store->flush();
        first = publish(live, outbox);
        REQUIRE(first.size() == 2);
    }
};

}  // namespace

TEST_CASE("a kiosk's feedback is published as one file per day of visits, whole visits in each") {
    TemporaryFolder folder;
    const fs::path live = folder.path() / "feedback.sqlite";
    const fs::path outbox = folder.path() / "outbox";
    fs::create_directories(outbox);
    auto store = open_store(live);
    // Three visits on the 6th, the last of them going on past midnight (UTC), and two on the 7th.
    record_visit(*store, hex_id(1), kDecember6 + 36000, 5, "enjoyed");
    record_visit(*store, hex_id(2), kDecember6 + 50000, 3, "enjoyed");
    record_visit(*store, hex_id(3), kDecember7 - 2, 4, "enjoyed");
    record_visit(*store, hex_id(4), kDecember7 + 36000, 1, "enjoyed");
    record_visit(*store, hex_id(5), kDecember7 + 36100, 2, "enjoyed");
    store->flush();

    const auto days = publish(live, outbox);
    REQUIRE(days.size() == 2);
    CHECK(days[0].day == "2026-12-06");
    CHECK(days[1].day == "2026-12-07");
    CHECK(days[0].file == outbox / "feedback-kiosk-seoul-1-2026-12-06.sqlite");
    // Each visit's every row is in the file of the day it began on.
    CHECK(Direct(days[0].file).one("SELECT count(DISTINCT session_id), count(*) FROM engagement") == "3|15");
    CHECK(Direct(days[1].file).one("SELECT count(DISTINCT session_id), count(*) FROM engagement") == "2|10");
    CHECK(Direct(days[0].file).one("SELECT count(*) FROM reactions") == "3");
    CHECK(Direct(days[1].file).one("SELECT count(*) FROM survey_answers") == "4");
    // Nothing unfinished is left behind.
    long long files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(outbox)) ++files;
    CHECK(files == 2);

    // Read together, or with a day re-sent under another name, they count what the live file holds.
    CHECK(visitors_in({days[0].file, days[1].file}) == 5);
    fs::copy_file(days[1].file, outbox / "feedback-kiosk-seoul-1-2026-12-07.sync-conflict.sqlite");
    CHECK(visitors_in({days[0].file, days[1].file,
                       outbox / "feedback-kiosk-seoul-1-2026-12-07.sync-conflict.sqlite"}) ==
          visitors_in({live}));
}

TEST_CASE("publishing again changes only the days whose visits changed") {
    TwoDays kiosk;
    const auto& [live, outbox, store, first] = std::tie(kiosk.live, kiosk.outbox, kiosk.store, kiosk.first);
    const std::string december6 = read_bytes(first[0].file);
    const std::string december7 = read_bytes(first[1].file);

    SUBCASE("nothing new: no file is rewritten") {
        const auto again = publish(live, outbox);
        REQUIRE(again.size() == 2);
        CHECK(again[0].rows_added == 0);
        CHECK(again[1].rows_added == 0);
        CHECK(read_bytes(first[1].file) == december7);
    }
    SUBCASE("a new visit and a changed rating on the 7th: only the 7th's file changes") {
        record_visit(*store, hex_id(3), kDecember7 + 40000, 4, "enjoyed");
        store->record(Reaction{hex_id(2), "kobyz", 1, "kk", kDecember7 + 40001});  // changed their mind
        store->flush();
        const auto again = publish(live, outbox, kDecember7 + 39000);
        REQUIRE(again.size() == 1);
        CHECK(again[0].day == "2026-12-07");
        CHECK(again[0].rows_added == 5 + 1 + 2 + 1);
        CHECK(read_bytes(first[0].file) == december6);
        CHECK(Direct(again[0].file)
                  .one("SELECT rating FROM reactions WHERE session_id = '" + hex_id(2) + "'") == "1");
        CHECK(visitors_in({first[0].file, again[0].file}) == 3);
    }
}

TEST_CASE("a live file that cannot be read is named, and the outbox is left as it was") {
    TemporaryFolder folder;
    const fs::path outbox = folder.path() / "outbox";
    fs::create_directories(outbox);
    std::vector<PublishedDay> days;
    std::string error;
    CHECK_FALSE(publish_feedback_days(folder.path() / "missing.sqlite", "k", outbox, 0, days, error));
    CHECK(error.find("missing.sqlite") != std::string::npos);
    CHECK(fs::is_empty(outbox));
}

TEST_CASE("visits are counted since a moment, with the last visit's start") {
    TwoDays kiosk;
    const fs::path& live = kiosk.live;
    VisitCount count;
    std::string error;
    REQUIRE(count_visits_since(live, kDecember7, count, error));
    CHECK(count.visits == 1);
    CHECK(count.last_visit_at == kDecember7 + 36000);
    REQUIRE(count_visits_since(live, kDecember7 + 86400, count, error));
    CHECK(count.visits == 0);
    CHECK(count.last_visit_at == kDecember7 + 36000);
}

TEST_CASE("a day file gone from the folder is written again, the others left as they are") {
    TwoDays kiosk;
    const auto& [live, outbox, store, first] = std::tie(kiosk.live, kiosk.outbox, kiosk.store, kiosk.first);
    const std::string december7 = read_bytes(first[1].file);
    fs::remove(first[0].file);
    const auto again = publish(live, outbox, kDecember7 + 86400);  // nothing changed since
    REQUIRE(again.size() == 1);
    CHECK(again[0].day == "2026-12-06");
    CHECK(Direct(first[0].file).one("SELECT count(*) FROM engagement") == "5");
    CHECK(read_bytes(first[1].file) == december7);
}
