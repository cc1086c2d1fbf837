#include <doctest/doctest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "sqlite_file.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_store.hpp"
#include "synthetic_bundle.hpp"

extern char** environ;

namespace fs = std::filesystem;
using amanat::store::EngagementEvent;
using amanat::store::FeedbackStore;
using amanat::store::Provenance;
using amanat::store::Reaction;
using amanat::store::SurveyAnswer;
using amanat::testing::Direct;
using amanat::testing::read_bytes;
using amanat::testing::TemporaryFolder;

namespace {

const Provenance PROVENANCE{"kiosk-7", "Central State Museum", "continuity-of-traditions", "2.1.0"};

std::vector<fs::path> broken_files(const fs::path& folder) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".broken-") != std::string::npos)
            found.push_back(entry.path());
    return found;
}

std::unique_ptr<FeedbackStore> open_store(const fs::path& file, std::vector<std::string>& notes) {
    std::string error;
    auto store = FeedbackStore::open(file, PROVENANCE, notes, error);
    REQUIRE_MESSAGE(store != nullptr, error);
    CHECK(error.empty());
    return store;
}

// The broken file was moved aside with its bytes, the notes name it, and the
// fresh database at `file` works.
void check_moved_aside_and_fresh(const fs::path& file, const std::string& original_bytes,
                                 const std::vector<std::string>& notes, FeedbackStore& store) {
    auto aside = broken_files(file.parent_path());
    REQUIRE(aside.size() == 1);
    CHECK(aside[0].filename().string().rfind(file.filename().string() + ".broken-", 0) == 0);
    CHECK(read_bytes(aside[0]) == original_bytes);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find(file.string()) != std::string::npos);
    CHECK(notes[0].find(aside[0].string()) != std::string::npos);

    bool saved = false;
    store.record(Reaction{"s1", "kobyz", 4, "en", 1'700'000'000}, [&](bool ok) { saved = ok; });
    store.flush();
    CHECK(saved);
    Direct direct(file);
    CHECK(direct.one("SELECT count(*) FROM reactions") == "1");
    CHECK(direct.one("PRAGMA user_version") == std::to_string(amanat::store::latest_schema_version()));
}

// Starts kill_writer on `file` (its session ids prefixed with `prefix`, when
// given); returns its standard output, a line per committed row.
FILE* start_kill_writer(const fs::path& file, const std::string& prefix, pid_t& child) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    std::string program = AMANAT_KILL_WRITER;
    std::string database = file.string();
    std::string prefix_argument = prefix;
    char* argv[] = {program.data(), database.data(), prefix.empty() ? nullptr : prefix_argument.data(),
                    nullptr};
    const int spawned = posix_spawn(&child, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    REQUIRE(spawned == 0);
    FILE* lines = fdopen(pipe_fds[0], "r");
    REQUIRE(lines != nullptr);
    return lines;
}

}  // namespace

TEST_CASE("store: rows are durable with their provenance, in a WAL database at the latest version") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "nested" / "folders" / "feedback.sqlite";
    std::vector<std::string> notes;
    {
        auto store = open_store(file, notes);
        std::atomic<int> committed = 0;
        auto count = [&](bool ok) {
            if (ok) ++committed;
        };
        store->record(Reaction{"s1", "kobyz", 5, "kk", 1'700'000'001}, count);
        store->record(Reaction{"s1", "dombra", 3, "kk", 1'700'000'002});
        store->record(EngagementEvent{"s1", 1, "session_start", "", 0, 1'700'000'000}, count);
        store->record(EngagementEvent{"s1", 2, "artifact_view", "kobyz", 12'500, 1'700'000'003}, count);
        store->record(EngagementEvent{"s1", 3, "language", "kk", 0, 1'700'000'004});
        store->flush();
        CHECK(committed == 3);
        CHECK(store->last_error().empty());
    }
    CHECK(notes.empty());

    {
        auto reopened = open_store(file, notes);  // reopening leaves the rows alone
        CHECK(notes.empty());
    }
    Direct direct(file);
    CHECK(direct.one("PRAGMA journal_mode") == "wal");
    CHECK(direct.one("PRAGMA user_version") == std::to_string(amanat::store::latest_schema_version()));
    CHECK(direct.rows("SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id, rating,"
                      " language, at FROM reactions ORDER BY id") ==
          std::vector<std::string>{
              "kiosk-7|Central State Museum|continuity-of-traditions|2.1.0|s1|kobyz|5|kk|1700000001",
              "kiosk-7|Central State Museum|continuity-of-traditions|2.1.0|s1|dombra|3|kk|1700000002"});
    CHECK(
        direct.rows("SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, kind, subject, value, at"
                    " FROM engagement ORDER BY id") ==
        std::vector<std::string>{
            "kiosk-7|Central State Museum|continuity-of-traditions|2.1.0|s1|session_start||0|1700000000",
            "kiosk-7|Central State "
            "Museum|continuity-of-traditions|2.1.0|s1|artifact_view|kobyz|12500|1700000003",
            "kiosk-7|Central State Museum|continuity-of-traditions|2.1.0|s1|language|kk|0|1700000004"});
}

TEST_CASE("store: a file that is not a database is moved aside and a fresh one started") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::string garbage(8192, '\0');
    std::mt19937 random(1234);
    for (char& c : garbage) c = static_cast<char>(random() & 0xff);
    amanat::testing::write_file(file, garbage);

    std::vector<std::string> notes;
    auto store = open_store(file, notes);
    check_moved_aside_and_fresh(file, garbage, notes, *store);
}

TEST_CASE("store: a file from a newer program is moved aside, not downgraded") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    {
        Direct direct(file);
        direct.exec("CREATE TABLE future(x); INSERT INTO future VALUES (42); PRAGMA user_version = 999;");
    }
    const std::string original = read_bytes(file);
    REQUIRE(!original.empty());

    std::vector<std::string> notes;
    auto store = open_store(file, notes);
    check_moved_aside_and_fresh(file, original, notes, *store);
    CHECK(notes[0].find("999") != std::string::npos);
}

TEST_CASE("store: a corrupt database is moved aside and a fresh one started") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    {
        std::vector<std::string> notes;
        auto store = open_store(file, notes);
        for (int i = 0; i < 20; ++i) store->record(Reaction{"s" + std::to_string(i), "kobyz", 3, "en", i});
    }  // closing checkpoints the log into the file
    REQUIRE(!fs::exists(file.string() + "-wal"));
    std::string bytes = read_bytes(file);
    REQUIRE(bytes.size() >= 3 * 4096);
    for (std::size_t i = 4096; i < 2 * 4096; ++i)
        bytes[i] = static_cast<char>(0xA5);  // the reactions table's root page
    amanat::testing::write_file(file, bytes);

    std::vector<std::string> notes;
    auto store = open_store(file, notes);
    check_moved_aside_and_fresh(file, bytes, notes, *store);
}

TEST_CASE("store: the destructor finishes the queued writes") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    {
        std::vector<std::string> notes;
        auto store = open_store(file, notes);
        for (int i = 0; i < 50; ++i) store->record(EngagementEvent{"s1", i + 1, "narration", "kobyz", i, i});
    }
    Direct direct(file);
    CHECK(direct.one("SELECT count(*), sum(value) FROM engagement") == "50|1225");
}

TEST_CASE("store: a rating outside 1..5 is refused and the store carries on") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::vector<std::string> notes;
    auto store = open_store(file, notes);

    std::vector<int> results;  // 1 committed, 0 refused; written on the database thread, read after flush
    auto note = [&](bool ok) { results.push_back(ok ? 1 : 0); };
    store->record(Reaction{"s1", "kobyz", 0, "en", 1}, note);
    store->record(Reaction{"s1", "kobyz", 6, "en", 2}, note);
    store->record(Reaction{"s1", "kobyz", -2147483647 - 1, "en", 3}, note);
    store->record(Reaction{"s1", "kobyz", 1, "en", 4}, note);
    store->flush();
    CHECK(results == std::vector<int>{0, 0, 0, 1});
    CHECK(store->last_error().find("CHECK") != std::string::npos);
    store.reset();

    Direct direct(file);
    CHECK(direct.rows("SELECT rating, at FROM reactions") == std::vector<std::string>{"1|4"});
}

TEST_CASE("store: rows reported committed survive SIGKILL at any point, and the file stays sound") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::set<std::string> reported;
    std::mt19937 random(20261130);
    std::uniform_int_distribution<int> lines_wanted(1, 40);
    const auto started = std::chrono::steady_clock::now();

    for (int round = 0; round < 100; ++round) {
        pid_t child = 0;
        // Reading the pipe is the synchronisation: each line is a committed row.
        FILE* from_child = start_kill_writer(file, "r" + std::to_string(round) + "-", child);
        const int wanted = lines_wanted(random);
        char line[64];
        int got = 0;
        while (got < wanted && std::fgets(line, sizeof line, from_child) != nullptr) {
            std::string id(line);
            if (!id.empty() && id.back() == '\n') id.pop_back();
            reported.insert(id);
            ++got;
        }
        kill(child, SIGKILL);
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        std::fclose(from_child);
        REQUIRE_MESSAGE(got == wanted, "kill_writer stopped early in round " << round);
        CHECK(WIFSIGNALED(status));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE("100 kills in " << seconds << " s; " << reported.size() << " distinct ids reported");

    Direct direct(file);
    CHECK(direct.one("PRAGMA integrity_check") == "ok");
    auto stored = direct.rows("SELECT session_id FROM reactions");
    std::set<std::string> present(stored.begin(), stored.end());
    std::vector<std::string> missing;
    for (const auto& id : reported)
        if (present.count(id) == 0) missing.push_back(id);
    CHECK_MESSAGE(missing.empty(), missing.size() << " reported ids missing, e.g. "
                                                  << (missing.empty() ? std::string() : missing[0]));
    CHECK(direct.one("SELECT count(DISTINCT kiosk_id) FROM reactions") == "1");
}

TEST_CASE("store: a schema-1 file is migrated to schema 2 with its rows kept") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    amanat::testing::create_schema_1_file(file);
    {
        Direct direct(file);
        const std::string provenance =
            "'kiosk-1', 'Central State Museum', 'continuity-of-traditions', '2.0.0'";
        // s1 changed their mind about the kobyz twice: only the newest (id 3) stays.
        direct.exec(
            "INSERT INTO reactions(id, kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id,"
            " rating, language, at) VALUES"
            " (1, " +
            provenance +
            ", 's1', 'kobyz', 2, 'kk', 100),"
            " (2, " +
            provenance +
            ", 's1', 'dombra', 4, 'kk', 101),"
            " (3, " +
            provenance +
            ", 's1', 'kobyz', 5, 'ru', 102),"
            " (4, " +
            provenance + ", 's2', 'kobyz', 3, 'en', 103)");
        direct.exec(
            "INSERT INTO engagement(id, kiosk_id, venue, bundle_id, bundle_version, session_id, kind,"
            " subject, value, at) VALUES"
            " (7, " +
            provenance +
            ", 's1', 'session_start', '', 0, 99),"
            " (8, " +
            provenance +
            ", 's1', 'artifact_view', 'kobyz', 4000, 104),"
            " (9, " +
            provenance + ", 's2', 'session_start', '', 0, 105)");
    }

    std::vector<std::string> notes;
    {
        auto store = open_store(file, notes);
        CHECK(notes.empty());
        // The new unique key holds: s1's rating of the kobyz is replaced, not added.
        store->record(Reaction{"s1", "kobyz", 1, "kk", 200});
        store->record(EngagementEvent{"s3", 1, "session_start", "", 0, 201});
        store->flush();
        CHECK(store->last_error().empty());
    }
    Direct direct(file);
    CHECK(direct.one("PRAGMA user_version") == "2");
    CHECK(direct.one("PRAGMA integrity_check") == "ok");
    // Older rows' local time is unknown (offset 0); the rating recorded after the
    // upgrade carries the kiosk's offset, whatever the test machine's zone is.
    CHECK(
        direct.rows("SELECT id, session_id, artifact_id, rating, language, at FROM reactions ORDER BY id") ==
        std::vector<std::string>{"2|s1|dombra|4|kk|101", "3|s1|kobyz|1|kk|200", "4|s2|kobyz|3|en|103"});
    CHECK(direct.one("SELECT count(*) FROM reactions WHERE id != 3 AND utc_offset_minutes != 0") == "0");
    CHECK(direct.rows("SELECT id, session_id, sequence, kind, subject, value, at, utc_offset_minutes,"
                      " kiosk_id, bundle_version FROM engagement WHERE id < 10 ORDER BY id") ==
          std::vector<std::string>{"7|s1|7|session_start||0|99|0|kiosk-1|2.0.0",
                                   "8|s1|8|artifact_view|kobyz|4000|104|0|kiosk-1|2.0.0",
                                   "9|s2|9|session_start||0|105|0|kiosk-1|2.0.0"});
    CHECK(direct.one("SELECT count(*) FROM engagement WHERE session_id = 's3'") == "1");
    CHECK(direct.one("SELECT count(*) FROM survey_answers") == "0");
}

TEST_CASE("store: a second rating of an artifact in the same visit replaces the first") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::vector<std::string> notes;
    {
        auto store = open_store(file, notes);
        std::vector<int> results;
        auto note = [&](bool ok) { results.push_back(ok ? 1 : 0); };
        store->record(Reaction{"s1", "kobyz", 2, "kk", 1'700'000'000}, note);
        store->record(Reaction{"s1", "dombra", 4, "kk", 1'700'000'001}, note);
        store->record(Reaction{"s2", "kobyz", 3, "en", 1'700'000'002}, note);
        store->record(Reaction{"s1", "kobyz", 5, "ru", 1'700'000'010}, note);
        store->flush();
        CHECK(results == std::vector<int>{1, 1, 1, 1});
    }
    Direct direct(file);
    CHECK(
        direct.rows("SELECT id, session_id, artifact_id, rating, language, at FROM reactions ORDER BY id") ==
        std::vector<std::string>{"1|s1|kobyz|5|ru|1700000010", "2|s1|dombra|4|kk|1700000001",
                                 "3|s2|kobyz|3|en|1700000002"});
}

TEST_CASE("store: a survey answer replaces the question's earlier answers, and skipping removes them") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::vector<std::string> notes;
    auto store = open_store(file, notes);
    std::atomic<int> saved = 0;
    auto count = [&](bool ok) {
        if (ok) ++saved;
    };
    auto answers = [&] {
        store->flush();
        Direct direct(file);
        return direct.rows(
            "SELECT session_id, question_id, answer, language, at FROM survey_answers ORDER BY session_id,"
            " question_id, answer");
    };

    store->record(SurveyAnswer{"s1", "liked", {"music", "crafts"}, "kk", 100}, count);
    store->record(SurveyAnswer{"s1", "enjoyed", {"4"}, "kk", 101}, count);
    store->record(SurveyAnswer{"s2", "liked", {"films"}, "en", 102}, count);
    CHECK(answers() == std::vector<std::string>{"s1|enjoyed|4|kk|101", "s1|liked|crafts|kk|100",
                                                "s1|liked|music|kk|100", "s2|liked|films|en|102"});

    // The visitor went back and changed their choice: only the new one stays.
    store->record(SurveyAnswer{"s1", "liked", {"costume", "music", "music"}, "ru", 110}, count);
    CHECK(answers() == std::vector<std::string>{"s1|enjoyed|4|kk|101", "s1|liked|costume|ru|110",
                                                "s1|liked|music|ru|110", "s2|liked|films|en|102"});

    // Then skipped the question: its answers go, nothing else does.
    store->record(SurveyAnswer{"s1", "liked", {}, "ru", 120}, count);
    CHECK(answers() == std::vector<std::string>{"s1|enjoyed|4|kk|101", "s2|liked|films|en|102"});
    CHECK(saved == 5);
    CHECK(store->last_error().empty());
}

TEST_CASE("store: an engagement event recorded twice is saved once, and both count as saved") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::vector<std::string> notes;
    {
        auto store = open_store(file, notes);
        std::vector<int> results;
        auto note = [&](bool ok) { results.push_back(ok ? 1 : 0); };
        store->record(EngagementEvent{"s1", 1, "session_start", "", 0, 100}, note);
        store->record(EngagementEvent{"s1", 2, "artifact_view", "kobyz", 4000, 104}, note);
        store->record(EngagementEvent{"s1", 2, "artifact_view", "kobyz", 4000, 104}, note);
        store->record(EngagementEvent{"s2", 2, "artifact_view", "dombra", 1500, 105}, note);
        store->flush();
        CHECK(results == std::vector<int>{1, 1, 1, 1});
        CHECK(store->last_error().empty());
    }
    Direct direct(file);
    CHECK(direct.rows("SELECT session_id, sequence, kind, subject, value FROM engagement ORDER BY id") ==
          std::vector<std::string>{"s1|1|session_start||0", "s1|2|artifact_view|kobyz|4000",
                                   "s2|2|artifact_view|dombra|1500"});
}

TEST_CASE("store: every row carries the kiosk's UTC offset at its own time, daylight saving included") {
    // Central European Time, with summer time from the last Sunday of March to
    // the last Sunday of October: no time zone files needed.
    const char* previous = std::getenv("TZ");
    const std::string saved_tz = previous != nullptr ? previous : "";
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    tzset();

    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::vector<std::string> notes;
    {
        auto store = open_store(file, notes);
        const long long january = 1'767'268'800;  // 2026-01-01T12:00:00Z
        const long long july = 1'783'080'000;     // 2026-07-03T12:00:00Z
        store->record(Reaction{"s1", "kobyz", 4, "nl", january});
        store->record(EngagementEvent{"s1", 1, "session_start", "", 0, july});
        store->record(SurveyAnswer{"s1", "enjoyed", {"5"}, "nl", january});
        store->flush();
    }
    if (previous != nullptr)
        setenv("TZ", saved_tz.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();

    Direct direct(file);
    CHECK(direct.one("SELECT utc_offset_minutes FROM reactions") == "60");
    CHECK(direct.one("SELECT utc_offset_minutes FROM engagement") == "120");
    CHECK(direct.one("SELECT utc_offset_minutes FROM survey_answers") == "60");
}

TEST_CASE("store: a write the disk refuses is reported, and later writes are tried again") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::vector<std::string> notes;
    auto store = open_store(file, notes);
    std::vector<int> results;  // written on the database thread, read after flush
    auto note = [&](bool ok) { results.push_back(ok ? 1 : 0); };
    store->record(Reaction{"s1", "kobyz", 4, "kk", 100}, note);
    store->flush();
    const auto log_size = fs::file_size(file.string() + "-wal");
    REQUIRE(log_size > 0);

    // The disk "fills up": no file of this process may grow past the write-ahead
    // log's present size, so the next commit cannot append to the log (EFBIG,
    // as ENOSPC would). SIGXFSZ would otherwise end the process.
    struct rlimit original {};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &original) == 0);
    auto* previous_handler = signal(SIGXFSZ, SIG_IGN);
    struct rlimit full = original;
    full.rlim_cur = static_cast<rlim_t>(log_size);
    REQUIRE(setrlimit(RLIMIT_FSIZE, &full) == 0);
    store->record(Reaction{"s2", "kobyz", 5, "kk", 101}, note);
    store->record(SurveyAnswer{"s2", "liked", {"music", "crafts"}, "kk", 102}, note);
    store->record(EngagementEvent{"s2", 1, "session_start", "", 0, 103}, note);
    store->flush();
    REQUIRE(setrlimit(RLIMIT_FSIZE, &original) == 0);
    signal(SIGXFSZ, previous_handler);

    CHECK(results == std::vector<int>{1, 0, 0, 0});
    CHECK(store->last_error().find("not saved") != std::string::npos);
    MESSAGE("the store reported: " << store->last_error());

    // Space again: the same thread writes again, and nothing half-written shows.
    store->record(Reaction{"s3", "dombra", 3, "ru", 104}, note);
    store->record(SurveyAnswer{"s3", "liked", {"films"}, "ru", 105}, note);
    store->flush();
    CHECK(results == std::vector<int>{1, 0, 0, 0, 1, 1});
    store.reset();

    Direct direct(file);
    CHECK(direct.one("PRAGMA integrity_check") == "ok");
    CHECK(direct.rows("SELECT session_id FROM reactions ORDER BY id") ==
          std::vector<std::string>{"s1", "s3"});
    CHECK(direct.rows("SELECT session_id, answer FROM survey_answers") ==
          std::vector<std::string>{"s3|films"});
    CHECK(direct.one("SELECT count(*) FROM engagement") == "0");
}

namespace {

// Runs kill_writer on `file` until it reported `rows` committed rows, then
// SIGKILLs it: no checkpoint, the -wal and -shm left behind as after a power
// cut. Returns the session ids it reported.
std::vector<std::string> kill_writer_after(const fs::path& file, int rows) {
    pid_t child = 0;
    FILE* from_child = start_kill_writer(file, "", child);
    std::vector<std::string> reported;
    char line[64];
    while (static_cast<int>(reported.size()) < rows && std::fgets(line, sizeof line, from_child) != nullptr) {
        std::string id(line);
        if (!id.empty() && id.back() == '\n') id.pop_back();
        reported.push_back(id);
    }
    kill(child, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    std::fclose(from_child);
    REQUIRE(static_cast<int>(reported.size()) == rows);
    return reported;
}

}  // namespace

TEST_CASE("store: once a visit ends and the store is flushed, the file alone holds every row of the visit") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "feedback.sqlite";
    std::vector<std::string> notes;
    auto store = open_store(file, notes);
    long long at = 1'700'000'000;
    for (const char* session : {"v1", "v2"}) {
        store->record(EngagementEvent{session, 1, "session_start", "", 0, at++});
        store->record(EngagementEvent{session, 2, "artifact_view", "kobyz", 4000, at++});
        store->record(Reaction{session, "kobyz", 5, "kk", at++});
        store->record(SurveyAnswer{session, "enjoyed", {"4"}, "kk", at++});
        store->record(EngagementEvent{session, 3, "session_end", "finished", 60'000, at++});
        store->checkpoint_soon();  // as the kiosk's VisitorsBook asks when a visit ends
    }
    store->flush();
    REQUIRE(store->last_error().empty());

    // What an organiser's copy of the one file holds, the kiosk still running.
    const fs::path copy = folder.path() / "copy" / "feedback.sqlite";
    fs::create_directories(copy.parent_path());
    fs::copy_file(file, copy);
    CHECK(fs::file_size(file.string() + "-wal") == 0);  // TRUNCATE: the -wal emptied
    Direct direct(copy);
    CHECK(direct.one("PRAGMA integrity_check") == "ok");
    CHECK(direct.rows("SELECT session_id || ':' || kind FROM engagement ORDER BY id") ==
          std::vector<std::string>{"v1:session_start", "v1:artifact_view", "v1:session_end",
                                   "v2:session_start", "v2:artifact_view", "v2:session_end"});
    CHECK(direct.one("SELECT count(*) FROM reactions") == "2");
    CHECK(direct.one("SELECT count(*) FROM survey_answers") == "2");

    // Rows after the checkpoint are in the -wal again until the next one.
    store->record(EngagementEvent{"v3", 1, "session_start", "", 0, at++});
    store->flush();
    CHECK(fs::file_size(file.string() + "-wal") > 0);
    CHECK(amanat::store::database_bytes(file) == fs::file_size(file) + fs::file_size(file.string() + "-wal"));
}

TEST_CASE(
    "store: a kiosk's file copied without its -wal after a power cut is named as such, not as foreign") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "kiosk" / "feedback.sqlite";
    fs::create_directories(file.parent_path());
    const auto reported = kill_writer_after(file, 5);
    REQUIRE(fs::exists(file.string() + "-wal"));
    REQUIRE(fs::file_size(file.string() + "-wal") > 0);
    // The size the status file gives counts the -wal, where every row is.
    CHECK(amanat::store::database_bytes(file) == fs::file_size(file) + fs::file_size(file.string() + "-wal"));

    // The one file alone: the organiser is told where the rows are and how to take a copy.
    const fs::path alone = folder.path() / "alone" / "feedback.sqlite";
    fs::create_directories(alone.parent_path());
    fs::copy_file(file, alone);
    const std::string bytes = read_bytes(alone);
    std::string error;
    CHECK(amanat::store::FeedbackArchive::open({alone}, error) == nullptr);
    MESSAGE(error);
    CHECK(error.find(alone.string() + ": holds no feedback on its own") == 0);
    CHECK(error.find(alone.string() + "-wal, which was not copied with it") != std::string::npos);
    CHECK(error.find("copy feedback.sqlite-wal and feedback.sqlite-shm together with feedback.sqlite") !=
          std::string::npos);
    CHECK(error.find("staff mode's export") != std::string::npos);
    CHECK(error.find("amanat feedback merge --into copy.sqlite feedback.sqlite") != std::string::npos);
    CHECK(error.find("not a feedback database") == std::string::npos);
    CHECK(read_bytes(alone) == bytes);  // read, never changed
    CHECK_FALSE(fs::exists(alone.string() + "-wal"));

    // The three files together: every reported row is there.
    const fs::path together = folder.path() / "together" / "feedback.sqlite";
    fs::create_directories(together.parent_path());
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::copy_file(file.string() + suffix, together.string() + suffix);
    auto archive = amanat::store::FeedbackArchive::open({together}, error);
    REQUIRE_MESSAGE(archive != nullptr, error);
    std::set<std::string> read;
    CHECK(archive->each_reaction(
        {}, [&](const amanat::store::ReactionRow& row) { read.insert(row.reaction.session_id); }, error));
    for (const std::string& id : reported) CHECK(read.count(id) == 1);

    // Another program's WAL database without tables in the file is still not called ours...
    const fs::path other = folder.path() / "other.sqlite";
    {
        Direct direct(other);
        direct.exec("PRAGMA journal_mode=WAL; CREATE TABLE visitors(name TEXT)");
    }
    error.clear();
    CHECK(amanat::store::FeedbackArchive::open({other}, error) == nullptr);
    CHECK(error.find("not a feedback database") != std::string::npos);
}
