// The feedback tables as files: a kiosk's feedback exported to a folder (a USB
// stick) by staff mode, read back as an organiser would: the CSV parsed, the
// copy of the database opened with SQLite directly and with the archive.
#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

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

// A venue name that needs CSV quoting, and text that looks like a formula.
const Provenance KIOSK{"0123456789abcdef0123456789abcdef", "Hall \"A\", east wing",
                       "continuity-of-traditions", "2.1.0"};

std::unique_ptr<FeedbackStore> open_store(const fs::path& file) {
    std::vector<std::string> notes;
    std::string error;
    auto store = FeedbackStore::open(file, KIOSK, notes, error);
    REQUIRE_MESSAGE(store != nullptr, error);
    return store;
}

// Per session: 3 engagement events, 1 reaction, 2 survey answers.
void record_visits(FeedbackStore& store, int sessions, long long at) {
    for (int i = 0; i < sessions; ++i) {
        const std::string session = "session-" + std::to_string(at) + "-" + std::to_string(i);
        store.record(EngagementEvent{session, 1, "session_start", "", 0, at++});
        store.record(EngagementEvent{session, 2, "artifact_view", "=kobyz", 4000, at++});
        store.record(EngagementEvent{session, 3, "session_end", "idle", 0, at++});
        store.record(Reaction{session, "kobyz", 1 + i % 5, "kk", at++});
        store.record(SurveyAnswer{session, "favourite", {"textiles", "music"}, "kk", at++});
    }
    store.flush();
    REQUIRE(store.last_error().empty());
}

// RFC 4180, as Python's csv module reads it: fields, "quoted" with "" inside, CRLF.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    CHECK_FALSE(quoted);
    CHECK(field.empty());  // the last record ended with CRLF
    return records;
}

// A CSV file's records after its byte order mark.
std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
    const std::string text = read_bytes(file);
    REQUIRE(text.starts_with("\xEF\xBB\xBF"));
    return parse_csv(std::string_view(text).substr(3));
}

std::set<std::string> names_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

// What `amanat feedback export --table TABLE` writes for `database`.
std::string exported_by_cli(const fs::path& database, FeedbackTable table) {
    std::string error;
    auto archive = FeedbackArchive::open({database}, error);
    REQUIRE_MESSAGE(archive != nullptr, error);
    std::string text;
    long long rows = 0;
    REQUIRE(write_csv_table(
        *archive, table, {}, true, [&](std::string_view bytes) { text.append(bytes); }, rows, error));
    return text;
}

}  // namespace

TEST_CASE("feedback tables: exported to a folder while the kiosk runs, the tables and the copy agree") {
    TemporaryFolder folder;
    const fs::path database = folder.path() / "state" / "feedback.sqlite";
    const fs::path stick = folder.path() / "stick";
    fs::create_directories(stick);
    auto store = open_store(database);  // open, as in the running kiosk: its -wal is there
    record_visits(*store, 7, 1'795'996'800);
    REQUIRE(fs::exists(database.string() + "-wal"));

    ExportSummary summary;
    std::string error;
    REQUIRE_MESSAGE(export_feedback_to_folder(database, stick, KIOSK.kiosk_id, summary, error), error);
    CHECK(summary.reactions == 7);
    CHECK(summary.engagement == 21);
    CHECK(summary.survey_answers == 14);
    CHECK(summary.database_bytes > 0);

    // One new folder, named for the kiosk and the moment, holding the four files and nothing else.
    CHECK(names_in(stick) == std::set<std::string>{summary.folder.filename().string()});
    CHECK(summary.folder.parent_path() == stick);
    CHECK(std::regex_match(summary.folder.filename().string(),
                           std::regex("amanat-feedback-0123456789abcdef0123456789abcdef-[0-9]{8}-[0-9]{6}")));
    CHECK(names_in(summary.folder) ==
          std::set<std::string>{"feedback.sqlite", "reactions.csv", "engagement.csv", "survey.csv"});
    CHECK(fs::file_size(summary.folder / "feedback.sqlite") == summary.database_bytes);

    // The CSV parses, with the columns of `amanat feedback export`, a row per row.
    const auto reactions = read_csv(summary.folder / "reactions.csv");
    REQUIRE(reactions.size() == 8);
    CHECK(reactions[0] == std::vector<std::string>{"time_utc", "local_time", "utc_offset_minutes", "venue",
                                                   "kiosk_id", "bundle_id", "bundle_version", "session_id",
                                                   "artifact_id", "rating", "language"});
    CHECK(reactions[1][0] == "2026-11-30T00:00:03Z");
    CHECK(reactions[1][3] == "Hall \"A\", east wing");
    CHECK(reactions[1][9] == "1");
    const auto engagement = read_csv(summary.folder / "engagement.csv");
    REQUIRE(engagement.size() == 22);
    CHECK(engagement[0].back() == "value");
    CHECK(engagement[2][10] == "'=kobyz");  // guarded, as the CLI guards it
    const auto survey = read_csv(summary.folder / "survey.csv");
    REQUIRE(survey.size() == 15);
    CHECK(survey[0][9] == "answer");

    // Byte for byte what `amanat feedback export` writes from the kiosk's file.
    CHECK(read_bytes(summary.folder / "reactions.csv") ==
          exported_by_cli(database, FeedbackTable::reactions));
    CHECK(read_bytes(summary.folder / "engagement.csv") ==
          exported_by_cli(database, FeedbackTable::engagement));
    CHECK(read_bytes(summary.folder / "survey.csv") == exported_by_cli(database, FeedbackTable::survey));

    // The copy is one self-contained file that SQLite opens as it is, with the rows.
    {
        Direct copy(summary.folder / "feedback.sqlite");
        CHECK(copy.one("PRAGMA journal_mode") == "delete");
        CHECK(copy.one("PRAGMA integrity_check") == "ok");
        CHECK(copy.one("SELECT count(*) FROM reactions") == "7");
        CHECK(copy.one("SELECT count(*) FROM engagement") == "21");
        CHECK(copy.one("SELECT count(*) FROM survey_answers") == "14");
        CHECK(copy.one("PRAGMA user_version") == std::to_string(latest_schema_version()));
    }
    CHECK(exported_by_cli(summary.folder / "feedback.sqlite", FeedbackTable::survey) ==
          read_bytes(summary.folder / "survey.csv"));

    // The kiosk writes on, undisturbed.
    record_visits(*store, 1, 1'796'000'000);
}

TEST_CASE("feedback tables: a copy taken while rows are being written is consistent with its tables") {
    TemporaryFolder folder;
    const fs::path database = folder.path() / "feedback.sqlite";
    auto store = open_store(database);
    record_visits(*store, 20, 1'795'996'800);

    // Another thread records all the while, as visitors would: a visit at a
    // time, each waiting for its reaction's commit (the kiosk's pace, not a flood).
    std::atomic<bool> exporting{true};
    std::thread visitors([&] {
        long long at = 1'796'100'000;
        for (int i = 0; exporting.load() || i < 20; ++i) {
            const std::string session = "busy-" + std::to_string(i);
            std::promise<bool> committed;
            store->record(EngagementEvent{session, 1, "session_start", "", 0, at});
            store->record(Reaction{session, "kobyz", 5, "en", at++},
                          [&](bool ok) { committed.set_value(ok); });
            CHECK(committed.get_future().get());
        }
    });
    ExportSummary first;
    ExportSummary second;
    std::string error;
    const bool first_ok = export_feedback_to_folder(database, folder.path(), "kiosk", first, error);
    const bool second_ok = export_feedback_to_folder(database, folder.path(), "kiosk", second, error);
    exporting = false;
    visitors.join();
    store->flush();
    REQUIRE_MESSAGE(first_ok, error);
    REQUIRE_MESSAGE(second_ok, error);

    for (const ExportSummary* summary : {&first, &second}) {
        CHECK(summary->reactions >= 20);
        Direct copy(summary->folder / "feedback.sqlite");
        CHECK(copy.one("PRAGMA integrity_check") == "ok");
        CHECK(copy.one("SELECT count(*) FROM reactions") == std::to_string(summary->reactions));
        CHECK(copy.one("SELECT count(*) FROM engagement") == std::to_string(summary->engagement));
        CHECK(read_csv(summary->folder / "reactions.csv").size() ==
              static_cast<std::size_t>(summary->reactions) + 1);
    }
    // Two exports in the same second get two folders.
    CHECK(first.folder != second.folder);
}

TEST_CASE("feedback tables: a failed export leaves nothing on the stick and says why") {
    TemporaryFolder folder;
    const fs::path stick = folder.path() / "stick";
    fs::create_directories(stick);
    ExportSummary summary;
    std::string error;

    SUBCASE("no database") {
        CHECK_FALSE(
            export_feedback_to_folder(folder.path() / "missing.sqlite", stick, "kiosk", summary, error));
        CHECK(error.find("missing.sqlite") != std::string::npos);
        CHECK(names_in(stick).empty());
    }
    SUBCASE("not a feedback database") {
        Direct(folder.path() / "other.sqlite").exec("CREATE TABLE t(x)");
        CHECK_FALSE(
            export_feedback_to_folder(folder.path() / "other.sqlite", stick, "kiosk", summary, error));
        CHECK(error.find("not a feedback database") != std::string::npos);
        CHECK(names_in(stick).empty());
    }
    SUBCASE("no stick") {
        auto store = open_store(folder.path() / "feedback.sqlite");
        record_visits(*store, 1, 1'795'996'800);
        CHECK_FALSE(export_feedback_to_folder(folder.path() / "feedback.sqlite", folder.path() / "no-stick",
                                              "kiosk", summary, error));
        CHECK(error.find("no-stick") != std::string::npos);
        CHECK_FALSE(fs::exists(folder.path() / "no-stick"));
    }
    CHECK(summary.folder.empty());
}

TEST_CASE("feedback tables: the folder's name keeps to characters every stick and shell take") {
    TemporaryFolder folder;
    auto store = open_store(folder.path() / "feedback.sqlite");
    record_visits(*store, 1, 1'795'996'800);
    ExportSummary summary;
    std::string error;
    REQUIRE_MESSAGE(export_feedback_to_folder(folder.path() / "feedback.sqlite", folder.path(),
                                              "Hall A: kiosk/2", summary, error),
                    error);
    CHECK(summary.folder.filename().string().starts_with("amanat-feedback-Hall-A--kiosk-2-"));
    REQUIRE_MESSAGE(
        export_feedback_to_folder(folder.path() / "feedback.sqlite", folder.path(), "", summary, error),
        error);
    CHECK(summary.folder.filename().string().starts_with("amanat-feedback-kiosk-"));
}
