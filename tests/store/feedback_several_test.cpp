// Several feedback files read together are exactly their merge: every exported
// row of the three tables, in the same order, and the same summary as
// merge_feedback() into a file and reading that one file (the reference, built
// independently with SQL), for files made by the real store or by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "recorded_visits.hpp"
#include "sqlite_file.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_store.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat::store;
using amanat::testing::Direct;
using amanat::testing::hex_id;
using amanat::testing::record_visit;
using amanat::testing::TemporaryFolder;

namespace {

const Provenance KIOSK_A{"kiosk-a", "Central State Museum", "continuity-of-traditions", "2.1.0"};
const Provenance KIOSK_B{"kiosk-b", "Textile Hall", "continuity-of-traditions", "2.1.0"};

void write_file(const fs::path& file, const Provenance& kiosk, int first_visit, int visits, long long at,
                const std::string& first_question = "enjoyed") {
    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(file, kiosk, notes, error);
    REQUIRE_MESSAGE(store != nullptr, error);
    for (int i = 0; i < visits; ++i)
        record_visit(*store, hex_id(first_visit + i), at + 3 * i, 1 + (first_visit + i) % 5, first_question);
    store->flush();
    REQUIRE(store->last_error().empty());
}

std::unique_ptr<FeedbackArchive> open_archive(const std::vector<fs::path>& files) {
    std::string error;
    auto archive = FeedbackArchive::open(files, error);
    REQUIRE_MESSAGE(archive != nullptr, error);
    return archive;
}

std::string provenance(const Provenance& from, int offset) {
    return from.kiosk_id + "|" + from.venue + "|" + from.bundle_id + "|" + from.bundle_version + "|" +
           std::to_string(offset) + "|";
}

// Every row of every table, every column, in the order read.
std::vector<std::string> all_rows(const FeedbackArchive& archive, const Period& period) {
    std::vector<std::string> rows;
    std::string error;
    CHECK(archive.each_reaction(
        period,
        [&](const ReactionRow& r) {
            rows.push_back("R|" + provenance(r.from, r.utc_offset_minutes) + r.reaction.session_id + "|" +
                           r.reaction.artifact_id + "|" + std::to_string(r.reaction.rating) + "|" +
                           r.reaction.language + "|" + std::to_string(r.reaction.at_unix_seconds));
        },
        error));
    CHECK(archive.each_engagement(
        period,
        [&](const EngagementRow& r) {
            rows.push_back("E|" + provenance(r.from, r.utc_offset_minutes) + r.event.session_id + "|" +
                           std::to_string(r.event.sequence) + "|" + r.event.kind + "|" + r.event.subject +
                           "|" + std::to_string(r.event.value) + "|" +
                           std::to_string(r.event.at_unix_seconds));
        },
        error));
    CHECK(archive.each_survey_answer(
        period,
        [&](const SurveyAnswerRow& r) {
            rows.push_back("S|" + provenance(r.from, r.utc_offset_minutes) + r.session_id + "|" +
                           r.question_id + "|" + r.answer + "|" + r.language + "|" +
                           std::to_string(r.at_unix_seconds));
        },
        error));
    CHECK(error.empty());
    return rows;
}

// Every member of the summary, doubles to the last bit.
std::vector<std::string> summary_lines(const FeedbackArchive& archive, const Period& period) {
    FeedbackSummary s;
    std::string error;
    REQUIRE_MESSAGE(archive.summarise(period, s, error), error);
    std::vector<std::string> lines;
    auto number = [](double value) {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", value);
        return std::string(text);
    };
    lines.push_back("visitors " + std::to_string(s.visitors) + " " +
                    (s.first_at ? std::to_string(*s.first_at) : "-") + " " +
                    (s.last_at ? std::to_string(*s.last_at) : "-"));
    for (const auto& list : {&s.visitors_per_day, &s.visitors_per_hour, &s.languages, &s.session_end_reasons})
        for (const auto& count : *list)
            lines.push_back("count " + count.key + " " + std::to_string(count.count));
    for (const auto& a : s.by_reactions) {
        std::string line =
            "reactions " + a.artifact_id + " " + std::to_string(a.reactions) + " " + number(a.mean_rating);
        for (long long r : a.ratings) line += " " + std::to_string(r);
        lines.push_back(line);
    }
    for (const auto& a : s.by_dwell)
        lines.push_back("dwell " + a.artifact_id + " " + std::to_string(a.views) + " " +
                        std::to_string(a.total_dwell_ms) + " " + std::to_string(a.median_dwell_ms));
    for (const auto& q : s.survey)
        lines.push_back("survey " + q.question_id + " " + q.answer + " " + std::to_string(q.count));
    for (const auto& v : s.venues)
        lines.push_back("venue " + v.venue + " " + std::to_string(v.kiosks) + " " +
                        std::to_string(v.visitors) + " " + std::to_string(v.reactions) + " " +
                        number(v.mean_rating) + " " + std::to_string(v.survey_answers));
    return lines;
}

// The files read together against their merge into a new file, read alone,
// for the whole time and for each period given.
void check_same_as_merge(const fs::path& folder, const std::vector<fs::path>& files,
                         const std::vector<Period>& periods = {}) {
    static int merges = 0;
    const fs::path merged = folder / ("reference-" + std::to_string(++merges) + ".sqlite");
    MergeCounts added;
    std::string error;
    REQUIRE_MESSAGE(merge_feedback(merged, files, added, error), error);
    const auto together = open_archive(files);
    const auto reference = open_archive({merged});
    std::vector<Period> all = periods;
    all.push_back(Period{});
    for (const Period& period : all) {
        CAPTURE(period.since.value_or(-1));
        CAPTURE(period.until.value_or(-1));
        const auto rows = all_rows(*together, period);
        CHECK(rows == all_rows(*reference, period));
        CHECK(summary_lines(*together, period) == summary_lines(*reference, period));
    }
}

// Every order of `files`.
void check_every_order(const fs::path& folder, std::vector<fs::path> files,
                       const std::vector<Period>& periods = {}) {
    std::vector<std::size_t> order(files.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    do {
        std::vector<fs::path> ordered;
        for (std::size_t i : order) ordered.push_back(files[i]);
        check_same_as_merge(folder, ordered, periods);
    } while (std::next_permutation(order.begin(), order.end()));
}

}  // namespace

TEST_CASE("several files: a merged file with its sources, in every order, reads as their merge") {
    TemporaryFolder folder;
    const fs::path a = folder.path() / "kiosk-a.sqlite";
    const fs::path b = folder.path() / "kiosk-b.sqlite";
    const fs::path a2 =
        folder.path() / "kiosk-a-again.sqlite";  // the same kiosk id, other visits, same seconds
    const fs::path merged = folder.path() / "season.sqlite";
    write_file(a, KIOSK_A, 1, 12, 1000);
    write_file(b, KIOSK_B, 100, 9, 1001);
    write_file(a2, KIOSK_A, 200, 6, 1000, "return");  // its first question is the other one
    MergeCounts added;
    std::string error;
    REQUIRE_MESSAGE(merge_feedback(merged, {b, a}, added, error), error);
    check_every_order(folder.path(), {a, b, merged}, {Period{1010, 1020}});
    check_every_order(folder.path(), {a, a2, merged});
}

TEST_CASE("several files: an early copy taken mid-visit with its -wal, and the later file") {
    TemporaryFolder folder;
    const fs::path live = folder.path() / "kiosk" / "feedback.sqlite";
    const fs::path early = folder.path() / "early" / "feedback.sqlite";
    const fs::path b = folder.path() / "kiosk-b.sqlite";
    write_file(b, KIOSK_B, 100, 4, 1000);
    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(live, KIOSK_A, notes, error);
    REQUIRE(store != nullptr);
    record_visit(*store, hex_id(1), 1000, 3, "enjoyed");
    const std::string visit = hex_id(2);
    store->record(EngagementEvent{visit, 1, "session_start", "", 0, 1010});
    store->record(EngagementEvent{visit, 2, "artifact_view", "kobyz", 2500, 1011});
    store->record(Reaction{visit, "kobyz", 2, "kk", 1011});
    store->flush();
    // The kiosk is running: the copy's newest rows are only in its -wal (no -shm copied).
    fs::create_directories(early.parent_path());
    fs::copy_file(live, early);
    fs::copy_file(live.string() + "-wal", early.string() + "-wal");
    // The visit goes on; the visitor re-rates the kobyz (a later `at`, another rating).
    store->record(Reaction{visit, "kobyz", 5, "kk", 1020});
    store->record(EngagementEvent{visit, 3, "session_end", "finished", 0, 1021});
    store->flush();
    store.reset();

    check_every_order(folder.path(), {early, live, b},
                      {Period{1012, {}}, Period{{}, 1015}, Period{1011, 1012}});
}

TEST_CASE("several files: a re-rated reaction differing between copies, and a period that cuts it") {
    TemporaryFolder folder;
    const fs::path first = folder.path() / "first.sqlite";
    const fs::path later = folder.path() / "later.sqlite";
    write_file(first, KIOSK_A, 1, 3, 1000);
    fs::copy_file(first, later);
    {
        std::vector<std::string> notes;
        std::string error;
        auto store = FeedbackStore::open(later, KIOSK_A, notes, error);
        REQUIRE(store != nullptr);
        store->record(Reaction{hex_id(2), "kobyz", 1, "ru", 2000});  // was 3 at 1005
        store->record(SurveyAnswer{hex_id(3), "enjoyed", {"5"}, "kk", 2001});
        store->flush();
    }
    Direct direct(later);
    CHECK(direct.one("SELECT rating || '@' || at FROM reactions WHERE session_id = '" + hex_id(2) + "'") ==
          "1@2000");
    check_every_order(folder.path(), {first, later},
                      {Period{1004, 1500}, Period{1500, {}}, Period{{}, 1005}});
}

TEST_CASE("several files: a schema-1 file together with a schema-2 one") {
    TemporaryFolder folder;
    const fs::path old_file = folder.path() / "old.sqlite";
    const fs::path b = folder.path() / "kiosk-b.sqlite";
    amanat::testing::create_schema_1_file(old_file);
    {
        Direct direct(old_file);
        const std::string provenance =
            "'kiosk-a', 'Central State Museum', 'continuity-of-traditions', '1.0.0', ";
        direct.exec(
            "INSERT INTO engagement(kiosk_id, venue, bundle_id, bundle_version, session_id, kind, subject,"
            " value, at) VALUES (" +
            provenance + "'v1', 'session_start', '', 0, 1000), (" + provenance +
            "'v1', 'artifact_view', 'kobyz', 3000, 1001), (" + provenance +
            "'v2', 'session_start', '', 0, 1001), (" + provenance + "'v2', 'language', 'kk', 0, 1001), (" +
            provenance + "'v1', 'session_end', 'idle', 0, 1002)");
        // A first-release kiosk kept every rating: the newest of each is the one read.
        direct.exec(
            "INSERT INTO reactions(kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id,"
            " rating, language, at) VALUES (" +
            provenance + "'v1', 'kobyz', 2, 'kk', 1001), (" + provenance +
            "'v1', 'kobyz', 4, 'kk', 1003), (" + provenance + "'v2', 'kobyz', 5, 'kk', 1001)");
    }
    write_file(b, KIOSK_B, 100, 4, 1000);
    check_every_order(folder.path(), {old_file, b}, {Period{1002, {}}});
    // And with a merge of the two, which holds the old file's rows at schema 2.
    const fs::path merged = folder.path() / "merged.sqlite";
    MergeCounts added;
    std::string error;
    REQUIRE_MESSAGE(merge_feedback(merged, {b, old_file}, added, error), error);
    check_every_order(folder.path(), {old_file, merged, b});
}

TEST_CASE("several files: hand-made ids, one second for everything, and text that is not UTF-8") {
    TemporaryFolder folder;
    const fs::path a = folder.path() / "a.sqlite";
    const fs::path b = folder.path() / "b.sqlite";
    for (const fs::path& file : {a, b}) {
        std::vector<std::string> notes;
        std::string error;
        auto store = FeedbackStore::open(file, file == a ? KIOSK_A : KIOSK_B, notes, error);
        REQUIRE(store != nullptr);
        // More rows in one second than a group's short list holds, some in both files.
        for (int i = 0; i < 50; ++i) {
            const std::string session =
                (i % 3 == 0 ? "shared-" : file.stem().string() + "-") + std::to_string(i);
            store->record(EngagementEvent{session, 1, "session_start", "", 0, 1000});
            store->record(
                EngagementEvent{session, 2, "artifact_view", i % 2 == 0 ? "kobyz" : "dombra", i, 1000});
            store->record(Reaction{session, "kobyz", 1 + i % 5, "kk", 1000});
            store->record(SurveyAnswer{session, i % 4 == 0 ? "q\x01" : "q2", {"a", "b"}, "kk", 1000});
        }
        store->flush();
    }
    // The same kiosk id in both, so that their rows meet in one (at, kiosk_id) group.
    Direct(b).exec(
        "UPDATE engagement SET kiosk_id = 'kiosk-a', subject = subject || x'ff';"
        " UPDATE reactions SET kiosk_id = 'kiosk-a'; UPDATE survey_answers SET kiosk_id = 'kiosk-a'");
    check_every_order(folder.path(), {a, b});
}
