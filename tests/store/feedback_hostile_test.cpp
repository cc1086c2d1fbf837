// Files that are not what a kiosk writes (issue 19): another program's
// database, the feedback tables' names with other columns, bytes that are not
// UTF-8, a FIFO, a copy cut short. Each is refused before anything reads or
// writes it, with a message naming it, and a merge never changes a file it
// refuses, or one it fails to merge into.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <set>
#include <string>
#include <vector>

#include "core/files/json_record.hpp"
#include "sqlite_file.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_store.hpp"
#include "store/feedback_tables.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat::store;
using amanat::testing::Direct;
using amanat::testing::read_bytes;
using amanat::testing::TemporaryFolder;

namespace {

const Provenance KIOSK{"kiosk-a", "Central State Museum", "continuity-of-traditions", "2.1.0"};

// Through the real store: per visit a start, a view, a rating and a survey answer.
void write_visits(const fs::path& file, int visits) {
    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(file, KIOSK, notes, error);
    REQUIRE_MESSAGE(store != nullptr, error);
    long long at = 1000;
    for (int i = 0; i < visits; ++i) {
        const std::string session = "visit-" + std::to_string(i);
        store->record(EngagementEvent{session, 1, "session_start", "", 0, at++});
        store->record(EngagementEvent{session, 2, "artifact_view", "kobyz", 4000, at++});
        store->record(Reaction{session, "kobyz", 4, "kk", at++});
        store->record(SurveyAnswer{session, "enjoyed", {"5"}, "kk", at++});
    }
    store->flush();
    REQUIRE(store->last_error().empty());
}

// Every file in `folder` with its bytes: what a refused merge must leave alone.
std::set<std::pair<std::string, std::string>> files_in(const fs::path& folder) {
    std::set<std::pair<std::string, std::string>> files;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.is_regular_file())
            files.emplace(entry.path().filename().string(), read_bytes(entry.path()));
    return files;
}

// A feedback file at schema 2 whose tables are made with `sql` instead.
void hand_made(const fs::path& file, const std::string& sql) {
    Direct direct(file);
    direct.exec(sql + "; PRAGMA user_version = 2;");
}

// The kiosk's own tables (not its indexes), with `from` replaced by `to` in their SQL.
void retyped(const fs::path& kiosk_file, const fs::path& file, const std::string& from,
             const std::string& to) {
    std::vector<std::string> tables =
        Direct(kiosk_file).rows("SELECT sql FROM sqlite_schema WHERE type = 'table'");
    Direct direct(file);
    int replaced = 0;
    for (std::string sql : tables) {
        const auto at = sql.find(from);
        if (at != std::string::npos) {
            sql.replace(at, from.size(), to);
            ++replaced;
        }
        direct.exec(sql);
    }
    REQUIRE(replaced > 0);
    direct.exec("PRAGMA user_version = 2");
}

std::string merge_error(const fs::path& into, const std::vector<fs::path>& sources) {
    MergeCounts added;
    std::string error;
    CHECK_FALSE(merge_feedback(into, sources, added, error));
    CHECK(added.reactions == 0);
    MESSAGE(error);
    return error;
}

}  // namespace

TEST_CASE(
    "hostile feedback: a merge into another program's database is refused, and the file keeps every byte") {
    TemporaryFolder folder;
    const fs::path good = folder.path() / "kiosk.sqlite";
    write_visits(good, 3);
    const fs::path targets = folder.path() / "targets";
    fs::create_directories(targets);
    struct Target {
        const char* name;
        std::string sql;  // empty: not SQLite at all
    };
    for (const Target& t : {
             Target{"notes.sqlite",
                    "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);"
                    "INSERT INTO notes(body) VALUES ('buy milk')"},
             Target{"notes-wal.sqlite", "PRAGMA journal_mode = WAL; CREATE TABLE notes(body TEXT)"},
             Target{"other-app.sqlite",
                    "PRAGMA application_id = 1234; PRAGMA user_version = 2;"
                    "CREATE TABLE reactions(x)"},
             Target{"newer.sqlite", "CREATE TABLE future(x); PRAGMA user_version = 999"},
             Target{"negative.sqlite", "CREATE TABLE reactions(x); PRAGMA user_version = -3"},
             Target{"wrong-columns.sqlite",
                    "CREATE TABLE reactions(id INTEGER PRIMARY KEY, stars INTEGER);"
                    "CREATE TABLE engagement(what TEXT);"
                    "CREATE TABLE survey_answers(question TEXT);"
                    "PRAGMA user_version = 2"},
             Target{"readme.txt", ""},
         }) {
        CAPTURE(t.name);
        const fs::path target = targets / t.name;
        if (t.sql.empty())
            amanat::testing::write_file(target, std::string(5000, 'x'));
        else
            Direct(target).exec(t.sql);
        const auto before = files_in(targets);

        const std::string error = merge_error(target, {good});
        CHECK(error.find(target.string()) != std::string::npos);
        CHECK(error.find("left as it was") != std::string::npos);
        CHECK(files_in(targets) == before);  // the same bytes, and nothing beside it
        fs::remove(target);
    }
}

TEST_CASE(
    "hostile feedback: the kiosk moves another program's database aside rather than add its tables to it") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    Direct(file).exec("CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('buy milk')");
    const std::string original = read_bytes(file);

    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(file, KIOSK, notes, error);
    REQUIRE_MESSAGE(store != nullptr, error);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("not a feedback database") != std::string::npos);
    store.reset();
    std::vector<fs::path> aside;
    for (const auto& entry : fs::directory_iterator(folder.path()))
        if (entry.path().filename().string().find(".broken-") != std::string::npos)
            aside.push_back(entry.path());
    REQUIRE(aside.size() == 1);
    CHECK(read_bytes(aside[0]) == original);
}

TEST_CASE(
    "hostile feedback: a merge that fails after opening its destination leaves it as it was, migration "
    "included") {
    TemporaryFolder folder;
    const fs::path good = folder.path() / "good.sqlite";
    write_visits(good, 3);
    // Sound tables, a damaged page of rows: found only when the rows are copied.
    const fs::path damaged = folder.path() / "damaged.sqlite";
    write_visits(damaged, 200);
    const long long root =
        std::stoll(Direct(damaged).one("SELECT rootpage FROM sqlite_schema WHERE name = 'engagement'"));
    std::string bytes = read_bytes(damaged);
    for (std::size_t i = static_cast<std::size_t>(root - 1) * 4096; i < static_cast<std::size_t>(root) * 4096;
         ++i)
        bytes[i] = static_cast<char>(0xA5);
    amanat::testing::write_file(damaged, bytes);

    const fs::path targets = folder.path() / "targets";
    fs::create_directories(targets);
    const fs::path version_1 = targets / "version-1.sqlite";  // WAL, migrated inside the merge
    amanat::testing::create_schema_1_file(version_1);
    const fs::path rollback = targets / "rollback-journal.sqlite";  // a copy as a stick holds it
    write_visits(rollback, 2);
    Direct(rollback).exec("PRAGMA journal_mode = DELETE");
    const fs::path empty = targets / "empty.sqlite";
    amanat::testing::write_file(empty, "");
    const fs::path fresh = targets / "new.sqlite";

    for (const fs::path& target : {version_1, rollback, empty, fresh}) {
        CAPTURE(target);
        const auto before = files_in(targets);
        const std::string error = merge_error(target, {good, damaged});
        CHECK(error.find(damaged.string()) != std::string::npos);
        CHECK(files_in(targets) == before);
        CHECK(fs::exists(target) == (target != fresh));
    }
    CHECK(Direct(version_1).one("PRAGMA user_version") == "1");
}

TEST_CASE(
    "hostile feedback: tables named like the feedback tables, with other columns or types, are refused up "
    "front") {
    TemporaryFolder folder;
    const fs::path good = folder.path() / "good.sqlite";
    write_visits(good, 2);
    struct Case {
        const char* name;
        std::string says;
    };
    const fs::path no_at = folder.path() / "no-at.sqlite";
    hand_made(no_at,
              "CREATE TABLE reactions(id INTEGER PRIMARY KEY, kiosk TEXT, artifact TEXT, stars INTEGER);"
              "CREATE TABLE engagement(id INTEGER PRIMARY KEY, what TEXT);"
              "CREATE TABLE survey_answers(id INTEGER PRIMARY KEY, question TEXT)");
    const fs::path text_times = folder.path() / "text-times.sqlite";
    retyped(good, text_times, "at INTEGER", "at TEXT");
    const fs::path view = folder.path() / "view.sqlite";
    retyped(good, view, "CREATE TABLE engagement", "CREATE TABLE engagement_rows");
    Direct(view).exec("CREATE VIEW engagement AS SELECT * FROM engagement_rows");
    const fs::path missing = folder.path() / "no-survey.sqlite";
    retyped(good, missing, "CREATE TABLE survey_answers", "CREATE TABLE survey");

    for (const Case& c : {Case{"no-at.sqlite", "table reactions has no column kiosk_id"},
                          Case{"text-times.sqlite", "column reactions.at is declared TEXT, not INTEGER"},
                          Case{"view.sqlite", "engagement is a view, not a table"},
                          Case{"no-survey.sqlite", "it has no table survey_answers"}}) {
        const fs::path bad = folder.path() / c.name;
        for (const std::vector<fs::path>& files :
             {std::vector<fs::path>{bad}, std::vector<fs::path>{good, bad},
              std::vector<fs::path>{bad, good}}) {
            CAPTURE(files.size());
            std::string error;
            CHECK(FeedbackArchive::open(files, error) == nullptr);
            CHECK(error.find(bad.string() + ": not a feedback database") != std::string::npos);
            CHECK(error.find(c.says) != std::string::npos);
            MESSAGE(error);
        }
        const std::string error = merge_error(folder.path() / "merged.sqlite", {good, bad});
        CHECK(error.find(c.says) != std::string::npos);
        CHECK_FALSE(fs::exists(folder.path() / "merged.sqlite"));
    }
}

TEST_CASE(
    "hostile feedback: a file without the indexes reading relies on is read through a copy, with the same "
    "result") {
    TemporaryFolder folder;
    const fs::path good = folder.path() / "good.sqlite";
    write_visits(good, 3);
    const fs::path bare = folder.path() / "bare.sqlite";
    fs::copy_file(good, bare);
    Direct(bare).exec("DROP INDEX engagement_visits; DROP INDEX reactions_by_time");

    FeedbackSummary expected;
    FeedbackSummary got;
    std::string error;
    REQUIRE(FeedbackArchive::open({good}, error)->summarise({}, expected, error));
    auto archive = FeedbackArchive::open({bare}, error);
    REQUIRE_MESSAGE(archive != nullptr, error);
    REQUIRE_MESSAGE(archive->summarise({}, got, error), error);
    CHECK(got.visitors == 3);
    CHECK(got.visitors == expected.visitors);
    CHECK(got.by_reactions.size() == expected.by_reactions.size());
}

TEST_CASE(
    "hostile feedback: text that is not UTF-8 comes out as the same valid UTF-8 in rows, CSV and the "
    "summary") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "spoiled.sqlite";
    write_visits(file, 2);
    // A byte that starts nothing, a sequence cut short, a surrogate, an overlong '/'.
    Direct(file).exec(
        "UPDATE reactions SET venue = CAST(x'48616c6c20ff20e282ac20e282' AS TEXT),"
        " artifact_id = CAST(x'6b6f62797aeda080' AS TEXT);"
        "UPDATE engagement SET subject = CAST(x'c0af6b6f62797a' AS TEXT) WHERE kind = 'artifact_view';"
        "UPDATE survey_answers SET answer = CAST(x'35f09f98' AS TEXT)");
    const std::string venue = "Hall \xEF\xBF\xBD \xE2\x82\xAC \xEF\xBF\xBD";
    const std::string artifact = "kobyz\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";
    std::string error;
    auto archive = FeedbackArchive::open({file}, error);
    REQUIRE_MESSAGE(archive != nullptr, error);

    CHECK(archive->each_reaction(
        {},
        [&](const ReactionRow& row) {
            CHECK(row.from.venue == venue);
            CHECK(row.reaction.artifact_id == artifact);
        },
        error));
    std::string csv;
    long long rows = 0;
    CHECK(write_csv_table(
        *archive, FeedbackTable::reactions, {}, false, [&](std::string_view bytes) { csv.append(bytes); },
        rows, error));
    CHECK(rows == 2);
    CHECK(amanat::is_valid_utf8(csv));
    CHECK(csv.find(venue) != std::string::npos);
    CHECK(csv.find(artifact) != std::string::npos);
    csv.clear();
    CHECK(write_csv_table(
        *archive, FeedbackTable::survey, {}, false, [&](std::string_view bytes) { csv.append(bytes); }, rows,
        error));
    CHECK(csv.find(",5\xEF\xBF\xBD,") != std::string::npos);

    FeedbackSummary summary;
    REQUIRE(archive->summarise({}, summary, error));
    REQUIRE(summary.by_reactions.size() == 1);
    CHECK(summary.by_reactions[0].artifact_id == artifact);
    REQUIRE(summary.by_dwell.size() == 1);
    CHECK(summary.by_dwell[0].artifact_id == "\xEF\xBF\xBD\xEF\xBF\xBDkobyz");
    CHECK(summary.by_dwell[0].views == 2);
    REQUIRE(summary.venues.size() == 2);  // the visits' starts are still at the museum
}

TEST_CASE(
    "hostile feedback: a FIFO, a folder, a log that is a FIFO and a copy cut short are refused unopened") {
    TemporaryFolder folder;
    const fs::path good = folder.path() / "good.sqlite";
    write_visits(good, 50);
    const fs::path fifo = folder.path() / "pipe.sqlite";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const fs::path log_fifo = folder.path() / "log-fifo.sqlite";
    fs::copy_file(good, log_fifo);
    REQUIRE(::mkfifo((log_fifo.string() + "-wal").c_str(), 0600) == 0);
    amanat::testing::write_file(log_fifo.string() + "-shm", "");
    const fs::path cut = folder.path() / "cut.sqlite";
    const std::string bytes = read_bytes(good);
    amanat::testing::write_file(cut, bytes.substr(0, bytes.size() / 2));
    const fs::path sub = folder.path() / "a-folder";
    fs::create_directories(sub);

    struct Case {
        fs::path file;
        const char* says;
    };
    for (const Case& c : {Case{fifo, "not a file (a FIFO)"}, Case{log_fifo, "a FIFO where the -wal file"},
                          Case{cut, "shorter than its header says"}, Case{sub, "not a file (a folder)"}}) {
        CAPTURE(c.file);
        std::string error;
        CHECK(FeedbackArchive::open({good, c.file}, error) == nullptr);
        CHECK(error.find(c.file.string()) != std::string::npos);
        CHECK(error.find(c.says) != std::string::npos);
        MESSAGE(error);
        const bool regular = fs::is_regular_file(c.file);
        const std::string before = regular ? read_bytes(c.file) : "";
        error = merge_error(c.file, {good});
        CHECK(error.find(c.file.string()) != std::string::npos);
        if (regular) CHECK(read_bytes(c.file) == before);
    }
}
