#include <doctest/doctest.h>
#include <sqlite3.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "store/feedback_store.hpp"
#include "synthetic_bundle.hpp"

extern char** environ;

namespace fs = std::filesystem;
using amanat::store::EngagementEvent;
using amanat::store::FeedbackStore;
using amanat::store::Provenance;
using amanat::store::Reaction;
using amanat::testing::TemporaryFolder;

namespace {

const Provenance PROVENANCE{"kiosk-7", "Central State Museum", "continuity-of-traditions", "2.1.0"};

// A connection of the test's own, to look at the file as a merge tool would.
class Direct {
  public:
    explicit Direct(const fs::path& file) {
        REQUIRE(sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
                SQLITE_OK);
    }
    ~Direct() { sqlite3_close(m_db); }
    Direct(const Direct&) = delete;
    Direct& operator=(const Direct&) = delete;

    // Every row of `sql`, each column as text, joined with '|'.
    std::vector<std::string> rows(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        REQUIRE_MESSAGE(sqlite3_prepare_v2(m_db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK,
                        std::string(sqlite3_errmsg(m_db)));
        std::vector<std::string> result;
        int rc = 0;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            std::string row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                if (i > 0) row += '|';
                const unsigned char* text = sqlite3_column_text(statement, i);
                row += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
            }
            result.push_back(row);
        }
        CHECK(rc == SQLITE_DONE);
        sqlite3_finalize(statement);
        return result;
    }
    std::string one(const std::string& sql) {
        auto all = rows(sql);
        REQUIRE(all.size() == 1);
        return all[0];
    }
    void exec(const std::string& sql) {
        REQUIRE(sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    }

  private:
    sqlite3* m_db = nullptr;
};

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

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
        store->record(EngagementEvent{"s1", "session_start", "", 0, 1'700'000'000}, count);
        store->record(EngagementEvent{"s1", "artifact_view", "kobyz", 12'500, 1'700'000'003}, count);
        store->record(EngagementEvent{"s1", "language", "kk", 0, 1'700'000'004});
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
        for (int i = 0; i < 50; ++i) store->record(EngagementEvent{"s1", "narration", "kobyz", i, i});
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
        int pipe_fds[2];
        REQUIRE(pipe(pipe_fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
        std::string program = AMANAT_KILL_WRITER;
        std::string database = file.string();
        std::string prefix = "r" + std::to_string(round) + "-";
        char* argv[] = {program.data(), database.data(), prefix.data(), nullptr};
        pid_t child = 0;
        int spawned = posix_spawn(&child, program.c_str(), &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        close(pipe_fds[1]);
        REQUIRE(spawned == 0);

        // Reading the pipe is the synchronisation: each line is a committed row.
        FILE* from_child = fdopen(pipe_fds[0], "r");
        REQUIRE(from_child != nullptr);
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
