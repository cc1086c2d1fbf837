// Reading, summarising and merging kiosks' feedback files, as `amanat feedback`
// does, on files written by the real store or made by hand with SQLite.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "sqlite_file.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_store.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat::store;
using amanat::testing::Direct;
using amanat::testing::read_bytes;
using amanat::testing::TemporaryFolder;

namespace {

const Provenance KIOSK_A{"kiosk-a", "Central State Museum", "continuity-of-traditions", "2.1.0"};
const Provenance KIOSK_B{"kiosk-b", "Textile Hall", "continuity-of-traditions", "2.1.0"};

// Through the real store: per session, a start, a language, a view of the kobyz,
// a rating of it and a survey answer (3 engagement events, 1 reaction, 1 answer),
// one second apart from `at` on.
void write_visits(const fs::path& file, const Provenance& kiosk, const std::vector<std::string>& sessions,
                  long long at) {
    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(file, kiosk, notes, error);
    REQUIRE_MESSAGE(store != nullptr, error);
    for (const auto& session : sessions) {
        store->record(EngagementEvent{session, 1, "session_start", "", 0, at++});
        store->record(EngagementEvent{session, 2, "language", "kk", 0, at++});
        store->record(EngagementEvent{session, 3, "artifact_view", "kobyz", 4000, at++});
        store->record(Reaction{session, "kobyz", 4, "kk", at++});
        store->record(SurveyAnswer{session, "enjoyed", {"5"}, "kk", at++});
    }
    store->flush();
    REQUIRE(store->last_error().empty());
}

std::unique_ptr<FeedbackArchive> open_archive(const std::vector<fs::path>& files) {
    std::string error;
    auto archive = FeedbackArchive::open(files, error);
    REQUIRE_MESSAGE(archive != nullptr, error);
    return archive;
}

std::vector<std::string> reactions(const FeedbackArchive& archive, const Period& period = {}) {
    std::vector<std::string> rows;
    std::string error;
    CHECK(archive.each_reaction(
        period,
        [&](const ReactionRow& row) {
            rows.push_back(row.from.kiosk_id + "|" + row.reaction.session_id + "|" +
                           row.reaction.artifact_id + "|" + std::to_string(row.reaction.rating) + "|" +
                           std::to_string(row.reaction.at_unix_seconds));
        },
        error));
    CHECK(error.empty());
    return rows;
}

std::vector<std::string> engagement(const FeedbackArchive& archive, const Period& period = {}) {
    std::vector<std::string> rows;
    std::string error;
    CHECK(archive.each_engagement(
        period,
        [&](const EngagementRow& row) {
            rows.push_back(row.from.kiosk_id + "|" + row.event.session_id + "|" +
                           std::to_string(row.event.sequence) + "|" + row.event.kind + "|" +
                           std::to_string(row.event.at_unix_seconds));
        },
        error));
    CHECK(error.empty());
    return rows;
}

std::vector<std::string> survey_answers(const FeedbackArchive& archive, const Period& period = {}) {
    std::vector<std::string> rows;
    std::string error;
    CHECK(archive.each_survey_answer(
        period,
        [&](const SurveyAnswerRow& row) {
            rows.push_back(row.from.kiosk_id + "|" + row.session_id + "|" + row.question_id + "|" +
                           row.answer + "|" + std::to_string(row.at_unix_seconds));
        },
        error));
    CHECK(error.empty());
    return rows;
}

MergeCounts merge(const fs::path& into, const std::vector<fs::path>& sources) {
    MergeCounts added;
    std::string error;
    REQUIRE_MESSAGE(merge_feedback(into, sources, added, error), error);
    return added;
}

// Points std::filesystem::temp_directory_path() (TMPDIR) at a folder of the
// test's own for as long as it lives, so the test can see the temporary files.
class TemporaryFolderOverride {
  public:
    explicit TemporaryFolderOverride(const fs::path& folder) {
        const char* previous = std::getenv("TMPDIR");
        m_had_previous = previous != nullptr;
        if (m_had_previous) m_previous = previous;
        fs::create_directories(folder);
        setenv("TMPDIR", folder.c_str(), 1);
    }
    ~TemporaryFolderOverride() {
        if (m_had_previous)
            setenv("TMPDIR", m_previous.c_str(), 1);
        else
            unsetenv("TMPDIR");
    }
    TemporaryFolderOverride(const TemporaryFolderOverride&) = delete;
    TemporaryFolderOverride& operator=(const TemporaryFolderOverride&) = delete;

  private:
    bool m_had_previous = false;
    std::string m_previous;
};

std::set<std::string> names_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

}  // namespace

TEST_CASE("archive: merging two kiosks' files adds each row once, and merging one again adds nothing") {
    TemporaryFolder folder;
    const fs::path a = folder.path() / "kiosk-a.sqlite";
    const fs::path b = folder.path() / "kiosk-b.sqlite";
    const fs::path merged = folder.path() / "organiser" / "season.sqlite";
    write_visits(a, KIOSK_A, {"a1", "a2"}, 1000);
    write_visits(b, KIOSK_B, {"b1"}, 1000);

    MergeCounts added = merge(merged, {a, b});
    CHECK(added.reactions == 3);
    CHECK(added.engagement == 9);
    CHECK(added.survey_answers == 3);

    added = merge(merged, {a});
    CHECK(added.reactions == 0);
    CHECK(added.engagement == 0);
    CHECK(added.survey_answers == 0);
    added = merge(merged, {b, a, b});
    CHECK(added.engagement == 0);

    // A kiosk's later copy of its file brings only what is new.
    write_visits(a, KIOSK_A, {"a3"}, 2000);
    added = merge(merged, {a});
    CHECK(added.reactions == 1);
    CHECK(added.engagement == 3);
    CHECK(added.survey_answers == 1);

    Direct direct(merged);
    CHECK(direct.one("PRAGMA user_version") == std::to_string(latest_schema_version()));
    CHECK(direct.one("PRAGMA journal_mode") == "wal");
    CHECK(
        direct.rows("SELECT kiosk_id, venue, count(*) FROM engagement GROUP BY kiosk_id ORDER BY kiosk_id") ==
        std::vector<std::string>{"kiosk-a|Central State Museum|9", "kiosk-b|Textile Hall|3"});
    CHECK(direct.rows(
              "SELECT kiosk_id, session_id, artifact_id, rating, at FROM reactions ORDER BY session_id") ==
          std::vector<std::string>{"kiosk-a|a1|kobyz|4|1003", "kiosk-a|a2|kobyz|4|1008",
                                   "kiosk-a|a3|kobyz|4|2003", "kiosk-b|b1|kobyz|4|1003"});
    CHECK(direct.one("SELECT count(DISTINCT session_id || '/' || question_id) FROM survey_answers") == "4");
}

TEST_CASE("archive: a file is not merged into itself") {
    TemporaryFolder folder;
    const fs::path a = folder.path() / "kiosk-a.sqlite";
    const fs::path b = folder.path() / "kiosk-b.sqlite";
    write_visits(a, KIOSK_A, {"a1"}, 1000);
    write_visits(b, KIOSK_B, {"b1"}, 1000);

    for (const fs::path& spelling : {a, folder.path() / "." / "kiosk-a.sqlite"}) {
        MergeCounts added;
        std::string error;
        CHECK_FALSE(merge_feedback(a, {b, spelling}, added, error));
        CHECK(error.find("into itself") != std::string::npos);
        CHECK(error.find(spelling.string()) != std::string::npos);
    }
    Direct direct(a);
    CHECK(direct.one("SELECT count(*) FROM engagement") == "3");  // b was not merged either: all or nothing
}

TEST_CASE("archive: a schema-1 file merges and reads as if migrated, and stays schema 1") {
    TemporaryFolder folder;
    const fs::path old = folder.path() / "old-kiosk.sqlite";
    amanat::testing::create_schema_1_file(old);
    {
        Direct direct(old);
        const std::string provenance =
            "'kiosk-old', 'Central State Museum', 'continuity-of-traditions', '1.0.0'";
        direct.exec(
            "INSERT INTO reactions(id, kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id,"
            " rating, language, at) VALUES"
            " (1, " +
            provenance +
            ", 's1', 'kobyz', 2, 'kk', 100),"
            " (2, " +
            provenance +
            ", 's1', 'kobyz', 5, 'kk', 102),"
            " (3, " +
            provenance + ", 's2', 'kobyz', 3, 'en', 103)");
        direct.exec(
            "INSERT INTO engagement(id, kiosk_id, venue, bundle_id, bundle_version, session_id, kind,"
            " subject, value, at) VALUES"
            " (11, " +
            provenance +
            ", 's1', 'session_start', '', 0, 99),"
            " (12, " +
            provenance + ", 's2', 'session_start', '', 0, 101)");
        direct.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const std::string before = read_bytes(old);

    {
        auto archive = open_archive({old});
        CHECK(reactions(*archive) ==
              std::vector<std::string>{"kiosk-old|s1|kobyz|5|102", "kiosk-old|s2|kobyz|3|103"});
        CHECK(engagement(*archive) == std::vector<std::string>{"kiosk-old|s1|11|session_start|99",
                                                               "kiosk-old|s2|12|session_start|101"});
        std::string error;
        CHECK(archive->each_engagement(
            {}, [](const EngagementRow& row) { CHECK(row.utc_offset_minutes == 0); }, error));
        CHECK(survey_answers(*archive).empty());
    }

    const fs::path merged = folder.path() / "season.sqlite";
    MergeCounts added = merge(merged, {old});
    CHECK(added.reactions == 2);
    CHECK(added.engagement == 2);
    CHECK(added.survey_answers == 0);
    CHECK(merge(merged, {old}).engagement == 0);
    {
        Direct direct(merged);
        CHECK(direct.rows(
                  "SELECT session_id, sequence, utc_offset_minutes FROM engagement ORDER BY sequence") ==
              std::vector<std::string>{"s1|11|0", "s2|12|0"});
        CHECK(direct.rows("SELECT session_id, rating FROM reactions ORDER BY session_id") ==
              std::vector<std::string>{"s1|5", "s2|3"});
    }

    CHECK(read_bytes(old) == before);
    Direct direct(old);
    CHECK(direct.one("PRAGMA user_version") == "1");
}

TEST_CASE("archive: more files than SQLite attaches at once merge in one transaction") {
    TemporaryFolder folder;
    std::vector<fs::path> kiosks;
    for (int i = 0; i < 12; ++i) {
        kiosks.push_back(folder.path() / ("kiosk-" + std::to_string(i) + ".sqlite"));
        write_visits(kiosks.back(), {"kiosk-" + std::to_string(i), "Central State Museum", "b", "1"},
                     {"s" + std::to_string(i)}, 1000 + i);
    }
    const fs::path merged = folder.path() / "season.sqlite";
    MergeCounts added = merge(merged, kiosks);
    CHECK(added.reactions == 12);
    CHECK(added.engagement == 36);
    CHECK(added.survey_answers == 12);
    CHECK(merge(merged, kiosks).engagement == 0);

    auto archive = open_archive(kiosks);
    FeedbackSummary summary;
    std::string error;
    REQUIRE_MESSAGE(archive->summarise({}, summary, error), error);
    CHECK(summary.visitors == 12);
    REQUIRE(summary.venues.size() == 1);
    CHECK(summary.venues[0].kiosks == 12);

    // One unreadable file among many: nothing is merged, and the message names it.
    amanat::testing::write_file(folder.path() / "garbage.sqlite", std::string(4096, 'x'));
    kiosks.push_back(folder.path() / "garbage.sqlite");
    const fs::path other = folder.path() / "other.sqlite";
    std::string failure;
    CHECK_FALSE(merge_feedback(other, kiosks, added, failure));
    CHECK(failure.find("garbage.sqlite") != std::string::npos);
    CHECK_FALSE(fs::exists(other));
}

TEST_CASE("archive: a merged file read together with one of its sources counts nothing twice") {
    TemporaryFolder folder;
    const fs::path a = folder.path() / "kiosk-a.sqlite";
    const fs::path b = folder.path() / "kiosk-b.sqlite";
    const fs::path merged = folder.path() / "season.sqlite";
    write_visits(a, KIOSK_A, {"a1", "a2"}, 1000);
    write_visits(b, KIOSK_B, {"b1"}, 1000);
    merge(merged, {a, b});

    auto archive = open_archive({merged, a});
    CHECK(reactions(*archive).size() == 3);
    CHECK(engagement(*archive).size() == 9);
    CHECK(survey_answers(*archive).size() == 3);
    FeedbackSummary summary;
    std::string error;
    REQUIRE_MESSAGE(archive->summarise({}, summary, error), error);
    CHECK(summary.visitors == 3);
    REQUIRE(summary.by_reactions.size() == 1);
    CHECK(summary.by_reactions[0].reactions == 3);
}

TEST_CASE("archive: rows stream in time order, then kiosk, then id, within the period") {
    TemporaryFolder folder;
    const fs::path a = folder.path() / "kiosk-a.sqlite";
    const fs::path b = folder.path() / "kiosk-b.sqlite";
    write_visits(a, KIOSK_A, {"a1"}, 1000);  // rows at 1000..1004
    write_visits(b, KIOSK_B, {"b1"}, 999);   // rows at 999..1003
    auto archive = open_archive({b, a});

    CHECK(engagement(*archive) ==
          std::vector<std::string>{"kiosk-b|b1|1|session_start|999", "kiosk-a|a1|1|session_start|1000",
                                   "kiosk-b|b1|2|language|1000", "kiosk-a|a1|2|language|1001",
                                   "kiosk-b|b1|3|artifact_view|1001", "kiosk-a|a1|3|artifact_view|1002"});

    // since inclusive, until exclusive; an open end is open.
    CHECK(reactions(*archive, Period{1002, 1003}) == std::vector<std::string>{"kiosk-b|b1|kobyz|4|1002"});
    CHECK(reactions(*archive, Period{1002, 1004}) ==
          std::vector<std::string>{"kiosk-b|b1|kobyz|4|1002", "kiosk-a|a1|kobyz|4|1003"});
    CHECK(reactions(*archive, Period{1003, std::nullopt}) ==
          std::vector<std::string>{"kiosk-a|a1|kobyz|4|1003"});
    CHECK(reactions(*archive, Period{std::nullopt, 1003}) ==
          std::vector<std::string>{"kiosk-b|b1|kobyz|4|1002"});
    CHECK(reactions(*archive, Period{1003, 1003}).empty());
    CHECK(reactions(*archive, Period{std::nullopt, LLONG_MIN}).empty());
    CHECK(survey_answers(*archive, Period{1004, 1005}) ==
          std::vector<std::string>{"kiosk-a|a1|enjoyed|5|1004"});
    CHECK(engagement(*archive, Period{1000, 1001}).size() == 2);
}

TEST_CASE("archive: the summary of a hand-made season, in the venues' local time") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "season.sqlite";
    {
        std::vector<std::string> notes;
        std::string error;
        REQUIRE(FeedbackStore::open(file, KIOSK_A, notes, error) != nullptr);  // the schema, nothing else
    }
    Direct direct(file);
    // Almaty is UTC+5 (kiosks k1 and k3), Istanbul UTC+3 (k2).
    struct Kiosk {
        const char* id;
        const char* venue;
        int offset;
    };
    const Kiosk k1{"k1", "Almaty", 300};
    const Kiosk k3{"k3", "Almaty", 300};
    const Kiosk k2{"k2", "Istanbul", 180};
    auto event = [&](const Kiosk& k, const char* session, int sequence, const char* kind, const char* subject,
                     long long value, long long at) {
        direct.exec(
            std::string("INSERT INTO engagement(kiosk_id, venue, bundle_id, bundle_version, session_id,"
                        " sequence, kind, subject, value, at, utc_offset_minutes) VALUES ('") +
            k.id + "', '" + k.venue + "', 'b', '1', '" + session + "', " + std::to_string(sequence) + ", '" +
            kind + "', '" + subject + "', " + std::to_string(value) + ", " + std::to_string(at) + ", " +
            std::to_string(k.offset) + ")");
    };
    auto reaction = [&](const Kiosk& k, const char* session, const char* artifact, int rating, long long at) {
        direct.exec(
            std::string("INSERT INTO reactions(kiosk_id, venue, bundle_id, bundle_version, session_id,"
                        " artifact_id, rating, language, at, utc_offset_minutes) VALUES ('") +
            k.id + "', '" + k.venue + "', 'b', '1', '" + session + "', '" + artifact + "', " +
            std::to_string(rating) + ", 'kk', " + std::to_string(at) + ", " + std::to_string(k.offset) + ")");
    };
    auto answer = [&](const Kiosk& k, const char* session, const char* question, const char* chosen,
                      long long at) {
        direct.exec(
            std::string("INSERT INTO survey_answers(kiosk_id, venue, bundle_id, bundle_version, session_id,"
                        " question_id, answer, language, at, utc_offset_minutes) VALUES ('") +
            k.id + "', '" + k.venue + "', 'b', '1', '" + session + "', '" + question + "', '" + chosen +
            "', 'kk', " + std::to_string(at) + ", " + std::to_string(k.offset) + ")");
    };

    // s1: 2026-03-01T19:10:00Z, 00:10 on 2 March in Almaty.
    const long long s1 = 1'772'392'200;
    event(k1, "s1", 1, "session_start", "", 0, s1);
    event(k1, "s1", 2, "language", "kk", 0, s1 + 5);
    event(k1, "s1", 3, "language", "ru", 1, s1 + 9);
    event(k1, "s1", 4, "artifact_view", "kobyz", 1000, s1 + 20);
    event(k1, "s1", 5, "artifact_view", "dombra", 60000, s1 + 80);
    event(k1, "s1", 6, "session_end", "finished", 120000, s1 + 120);
    reaction(k1, "s1", "kobyz", 5, s1 + 21);
    reaction(k1, "s1", "dombra", 2, s1 + 81);
    reaction(k1, "s1", "yurt", 4, s1 + 90);
    answer(k1, "s1", "enjoyed", "5", s1 + 100);
    answer(k1, "s1", "liked", "music", s1 + 110);
    answer(k1, "s1", "liked", "crafts", s1 + 110);
    // s2: 2026-03-02T05:00:00Z, 10:00 on 2 March in Almaty.
    const long long s2 = 1'772'427'600;
    event(k3, "s2", 1, "session_start", "", 0, s2);
    event(k3, "s2", 2, "language", "ru", 0, s2 + 3);
    event(k3, "s2", 3, "artifact_view", "kobyz", 3000, s2 + 10);
    event(k3, "s2", 4, "artifact_view", "kobyz", 8000, s2 + 30);
    event(k3, "s2", 5, "session_end", "idle", 200000, s2 + 200);
    reaction(k3, "s2", "kobyz", 4, s2 + 11);
    reaction(k3, "s2", "yurt", 5, s2 + 40);
    answer(k3, "s2", "enjoyed", "4", s2 + 50);
    // s3: 2026-03-01T20:59:59Z, 23:59:59 on 1 March in Istanbul (2 March in UTC+5).
    const long long s3 = 1'772'398'799;
    event(k2, "s3", 1, "session_start", "", 0, s3);
    event(k2, "s3", 2, "language", "kk", 0, s3 + 2);
    event(k2, "s3", 3, "artifact_view", "kobyz", 20000, s3 + 30);
    event(k2, "s3", 4, "artifact_view", "dombra", 5000, s3 + 40);
    event(k2, "s3", 5, "artifact_view", "dombra", 7000, s3 + 50);
    event(k2, "s3", 6, "session_end", "finished", 90000, s3 + 90);
    reaction(k2, "s3", "kobyz", 5, s3 + 31);
    reaction(k2, "s3", "dombra", 3, s3 + 41);
    answer(k2, "s3", "enjoyed", "5", s3 + 60);
    answer(k2, "s3", "liked", "music", s3 + 70);

    auto archive = open_archive({file});
    FeedbackSummary summary;
    std::string error;
    REQUIRE_MESSAGE(archive->summarise({}, summary, error), error);

    using Counts = std::vector<std::pair<std::string, long long>>;
    auto counts = [](const std::vector<FeedbackSummary::Count>& list) {
        Counts result;
        for (const auto& c : list) result.emplace_back(c.key, c.count);
        return result;
    };
    CHECK(summary.visitors == 3);
    CHECK(summary.first_at == s1);
    CHECK(summary.last_at == s2 + 200);
    CHECK(counts(summary.visitors_per_day) == Counts{{"2026-03-01", 1}, {"2026-03-02", 2}});
    CHECK(counts(summary.visitors_per_hour) == Counts{{"00", 1}, {"10", 1}, {"23", 1}});
    CHECK(counts(summary.languages) == Counts{{"kk", 2}, {"ru", 1}});
    CHECK(counts(summary.session_end_reasons) == Counts{{"finished", 2}, {"idle", 1}});

    // kobyz 3 reactions; yurt and dombra 2 each, yurt's mean higher.
    REQUIRE(summary.by_reactions.size() == 3);
    CHECK(summary.by_reactions[0].artifact_id == "kobyz");
    CHECK(summary.by_reactions[0].reactions == 3);
    CHECK(summary.by_reactions[0].mean_rating == doctest::Approx(14.0 / 3));
    CHECK(std::vector<long long>(summary.by_reactions[0].ratings, summary.by_reactions[0].ratings + 5) ==
          std::vector<long long>{0, 0, 0, 1, 2});
    CHECK(summary.by_reactions[1].artifact_id == "yurt");
    CHECK(summary.by_reactions[1].mean_rating == doctest::Approx(4.5));
    CHECK(summary.by_reactions[2].artifact_id == "dombra");
    CHECK(summary.by_reactions[2].mean_rating == doctest::Approx(2.5));

    // dombra: 5000, 7000, 60000 (median 7000); kobyz: 1000, 3000, 8000, 20000
    // (median between the middle two, 5500).
    REQUIRE(summary.by_dwell.size() == 2);
    CHECK(summary.by_dwell[0].artifact_id == "dombra");
    CHECK(summary.by_dwell[0].views == 3);
    CHECK(summary.by_dwell[0].total_dwell_ms == 72000);
    CHECK(summary.by_dwell[0].median_dwell_ms == 7000);
    CHECK(summary.by_dwell[1].artifact_id == "kobyz");
    CHECK(summary.by_dwell[1].views == 4);
    CHECK(summary.by_dwell[1].total_dwell_ms == 32000);
    CHECK(summary.by_dwell[1].median_dwell_ms == 5500);

    std::vector<std::string> survey;
    for (const auto& s : summary.survey)
        survey.push_back(s.question_id + "=" + s.answer + ":" + std::to_string(s.count));
    CHECK(survey ==
          std::vector<std::string>{"enjoyed=5:2", "enjoyed=4:1", "liked=music:2", "liked=crafts:1"});

    REQUIRE(summary.venues.size() == 2);
    CHECK(summary.venues[0].venue == "Almaty");
    CHECK(summary.venues[0].kiosks == 2);
    CHECK(summary.venues[0].visitors == 2);
    CHECK(summary.venues[0].reactions == 5);
    CHECK(summary.venues[0].mean_rating == doctest::Approx(4.0));
    CHECK(summary.venues[0].survey_answers == 4);
    CHECK(summary.venues[1].venue == "Istanbul");
    CHECK(summary.venues[1].kiosks == 1);
    CHECK(summary.venues[1].visitors == 1);
    CHECK(summary.venues[1].reactions == 2);
    CHECK(summary.venues[1].mean_rating == doctest::Approx(4.0));
    CHECK(summary.venues[1].survey_answers == 2);

    // A period: s1's visit only (it ends before s3 starts).
    REQUIRE_MESSAGE(archive->summarise(Period{s1, s1 + 121}, summary, error), error);
    CHECK(summary.visitors == 1);
    CHECK(counts(summary.visitors_per_day) == Counts{{"2026-03-02", 1}});
    CHECK(summary.by_reactions.size() == 3);
    CHECK(summary.by_dwell.size() == 2);
    REQUIRE(summary.venues.size() == 1);
    CHECK(summary.venues[0].kiosks == 1);

    // Nothing in the period: an empty summary, not an error.
    REQUIRE_MESSAGE(archive->summarise(Period{0, 1}, summary, error), error);
    CHECK(summary.visitors == 0);
    CHECK_FALSE(summary.first_at.has_value());
    CHECK(summary.venues.empty());
}

TEST_CASE("archive: reading never changes the files, read-only ones included, and leaves nothing behind") {
    TemporaryFolder folder;
    const TemporaryFolderOverride temporary(folder.path() / "tmp");
    const fs::path a = folder.path() / "kiosks" / "kiosk-a.sqlite";
    const fs::path b = folder.path() / "kiosks" / "kiosk-b.sqlite";
    write_visits(a, KIOSK_A, {"a1", "a2"}, 1000);
    write_visits(b, KIOSK_B, {"b1"}, 1000);
    REQUIRE_FALSE(fs::exists(a.string() + "-wal"));  // the store closed them cleanly
    fs::permissions(a, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);  // 0444
    const std::string bytes_a = read_bytes(a);
    const std::string bytes_b = read_bytes(b);
    const auto modified_a = fs::last_write_time(a);
    const auto names = names_in(a.parent_path());

    for (const std::vector<fs::path>& files : {std::vector<fs::path>{a}, std::vector<fs::path>{a, b}}) {
        auto archive = open_archive(files);
        CHECK(reactions(*archive).size() == files.size() + 1);
        FeedbackSummary summary;
        std::string error;
        CHECK(archive->summarise({}, summary, error));
        CHECK(names_in(a.parent_path()) == names);  // no -wal, no -shm, even while open
        archive.reset();
        CHECK(names_in(folder.path() / "tmp").empty());  // the merged copy is gone
    }
    MergeCounts added = merge(folder.path() / "season.sqlite", {a, b});
    CHECK(added.reactions == 3);

    CHECK(read_bytes(a) == bytes_a);
    CHECK(read_bytes(b) == bytes_b);
    CHECK(fs::last_write_time(a) == modified_a);
    CHECK(names_in(a.parent_path()) == names);
    CHECK(names_in(folder.path() / "tmp").empty());
}

TEST_CASE("archive: a copy taken with its -wal but not its -shm is read whole, and stays as it was") {
    TemporaryFolder folder;
    const TemporaryFolderOverride temporary(folder.path() / "tmp");
    const fs::path live = folder.path() / "kiosk" / "feedback.sqlite";
    const fs::path copy = folder.path() / "copy" / "feedback.sqlite";
    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(live, KIOSK_A, notes, error);
    REQUIRE(store != nullptr);
    store->record(Reaction{"s1", "kobyz", 5, "kk", 1000});
    store->flush();
    // The kiosk is still running: its newest rows are only in the -wal.
    fs::create_directories(copy.parent_path());
    fs::copy_file(live, copy);
    fs::copy_file(live.string() + "-wal", copy.string() + "-wal");
    store.reset();
    const std::string bytes = read_bytes(copy);
    const std::string log = read_bytes(copy.string() + "-wal");

    {
        auto archive = open_archive({copy});
        CHECK(reactions(*archive) == std::vector<std::string>{"kiosk-a|s1|kobyz|5|1000"});
    }
    CHECK(read_bytes(copy) == bytes);
    CHECK(read_bytes(copy.string() + "-wal") == log);
    CHECK_FALSE(fs::exists(copy.string() + "-shm"));
    CHECK(names_in(folder.path() / "tmp").empty());
}

TEST_CASE("archive: missing, foreign, garbage and newer files are refused, naming the file") {
    TemporaryFolder folder;
    const fs::path good = folder.path() / "good.sqlite";
    write_visits(good, KIOSK_A, {"a1"}, 1000);

    const fs::path missing = folder.path() / "missing.sqlite";
    const fs::path garbage = folder.path() / "garbage.sqlite";
    amanat::testing::write_file(garbage, std::string(8192, '\x5a'));
    const fs::path empty = folder.path() / "empty.sqlite";
    amanat::testing::write_file(empty, "");
    const fs::path foreign = folder.path() / "foreign.sqlite";
    {
        Direct direct(foreign);
        direct.exec("CREATE TABLE visitors(name TEXT)");
    }
    const fs::path newer = folder.path() / "newer.sqlite";
    {
        Direct direct(newer);
        direct.exec("CREATE TABLE future(x); PRAGMA user_version = 999;");
    }

    struct Case {
        fs::path file;
        const char* reason;
    };
    for (const Case& c : {Case{missing, "no such file"}, Case{garbage, "not a feedback database"},
                          Case{empty, "not a feedback database"}, Case{foreign, "not a feedback database"},
                          Case{newer, "newer"}, Case{folder.path(), "not a file"}}) {
        CAPTURE(c.file);
        const std::string before = fs::is_regular_file(c.file) ? read_bytes(c.file) : "";
        std::string error;
        CHECK(FeedbackArchive::open({good, c.file}, error) == nullptr);
        CHECK(error.find(c.file.string()) != std::string::npos);
        CHECK(error.find(c.reason) != std::string::npos);
        MESSAGE(error);

        MergeCounts added;
        error.clear();
        CHECK_FALSE(merge_feedback(folder.path() / "merged.sqlite", {good, c.file}, added, error));
        CHECK(error.find(c.file.string()) != std::string::npos);
        CHECK_FALSE(fs::exists(folder.path() / "merged.sqlite"));
        if (fs::is_regular_file(c.file)) CHECK(read_bytes(c.file) == before);
    }
    std::string error;
    CHECK(FeedbackArchive::open({}, error) == nullptr);
    CHECK_FALSE(error.empty());
}
