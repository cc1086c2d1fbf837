#include "store/feedback_schema.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/files/json_record.hpp"
#include "store/feedback_store.hpp"

namespace amanat::store {

namespace {

// Numbered migrations: MIGRATIONS[i] brings a file from user_version i to i + 1.
// Only ever append; never edit one that has shipped.
constexpr std::array<const char*, 2> MIGRATIONS = {
    // 1: the two tables.
    "CREATE TABLE reactions("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, artifact_id TEXT NOT NULL,"
    " rating INTEGER NOT NULL CHECK(rating BETWEEN 1 AND 5),"
    " language TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE TABLE engagement("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, value INTEGER NOT NULL,"
    " at INTEGER NOT NULL);",

    // 2: local time, the keys that make merging idempotent, and the survey.
    // Older rows get offset 0 (their local time is unknown) and sequence = id,
    // which is unique within their session because it is unique in the file. Of
    // an older visitor's repeated ratings of one artifact the newest is kept, as
    // the upsert does from now on.
    "ALTER TABLE reactions ADD COLUMN utc_offset_minutes INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE engagement ADD COLUMN utc_offset_minutes INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE engagement ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;"
    "UPDATE engagement SET sequence = id;"
    "DELETE FROM reactions WHERE id NOT IN (SELECT max(id) FROM reactions GROUP BY session_id, artifact_id);"
    "CREATE UNIQUE INDEX reactions_per_visit ON reactions(session_id, artifact_id);"
    "CREATE UNIQUE INDEX engagement_per_visit ON engagement(session_id, sequence);"
    "CREATE TABLE survey_answers("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, question_id TEXT NOT NULL, answer TEXT NOT NULL, language TEXT NOT NULL,"
    " at INTEGER NOT NULL, utc_offset_minutes INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE(session_id, question_id, answer));"
    // Export reads rows in (at, kiosk_id, id) order: these give that order
    // without sorting (an index ends with the rowid) and a period as a range.
    "CREATE INDEX reactions_by_time ON reactions(at, kiosk_id);"
    "CREATE INDEX engagement_by_time ON engagement(at, kiosk_id);"
    "CREATE INDEX survey_answers_by_time ON survey_answers(at, kiosk_id);"
    // The summary reads one kind of event at a time: artifact views sorted by
    // artifact and dwell (for the median), languages, ends of visits; and the
    // visits (their starts) by time, venue and kiosk. Both cover their queries, so
    // a summary never reads the table itself.
    "CREATE INDEX engagement_by_kind ON engagement(kind, subject, value, at);"
    "CREATE INDEX engagement_visits ON engagement(at, utc_offset_minutes, venue, kiosk_id, session_id, kind)"
    " WHERE kind = 'session_start';",
};

}  // namespace

int latest_schema_version() {
    return static_cast<int>(MIGRATIONS.size());
}

namespace schema {

// SQLite itself, as every part of the store uses it.
using sqlite::Connection;
using sqlite::describe;
using sqlite::each_row_of;
using sqlite::exec;
using sqlite::make_temporary_database;
using sqlite::prepare;
using sqlite::query_text;
using sqlite::remove_database;
using sqlite::Statement;
using sqlite::text_of;
using sqlite::uri_for;

namespace {

bool present(const std::filesystem::path& file) {
    std::error_code ec;
    return std::filesystem::exists(file, ec);
}

std::filesystem::path companion(const std::filesystem::path& file, const char* suffix) {
    return std::filesystem::path(file.string() + suffix);
}

}  // namespace

int user_version(sqlite3* db, std::string& error) {
    std::string value;
    if (query_text(db, "PRAGMA user_version", value) != SQLITE_OK) {
        error = describe(db);
        return -1;
    }
    return value.empty() ? 0 : std::stoi(value);
}

namespace {

// Runs migrations from..to-1 in the caller's transaction.
bool apply_between(sqlite3* db, int from, int to, std::string& error) {
    for (int next = from; next < to; ++next) {
        const std::string sql = std::string(MIGRATIONS[static_cast<std::size_t>(next)]) +
                                "PRAGMA user_version=" + std::to_string(next + 1) + ";";
        if (!exec(db, sql.c_str(), error)) {
            error = "migration " + std::to_string(next + 1) + " failed: " + error;
            return false;
        }
    }
    return true;
}

}  // namespace

bool migrate(sqlite3* db, int from, std::string& error) {
    for (int next = from; next < latest_schema_version(); ++next) {
        bool ok = exec(db, "BEGIN IMMEDIATE", error) && apply_between(db, next, next + 1, error) &&
                  exec(db, "COMMIT", error);
        if (!ok) {
            std::string ignored;
            if (sqlite3_get_autocommit(db) == 0) exec(db, "ROLLBACK", ignored);
            return false;
        }
    }
    return true;
}

bool apply_migrations(sqlite3* db, int from, std::string& error) {
    return apply_between(db, from, latest_schema_version(), error);
}

namespace {

// A file's tables are compared with the ones the migrations make, in memory, so
// that the check cannot disagree with the schema. Names compare as SQLite's do
// (ASCII letters in any case); types by SQLite's affinity, which decides how a
// value is kept: an `at` declared TEXT would keep "1700000000" as text.

std::string lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

bool same_name(const std::string& a, const std::string& b) {
    return lower(a) == lower(b);
}

// SQLite's five rules, in their order, from a declared column type.
char affinity(const std::string& declared) {
    std::string upper = declared;
    for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto has = [&](const char* part) { return upper.find(part) != std::string::npos; };
    if (has("INT")) return 'I';
    if (has("CHAR") || has("CLOB") || has("TEXT")) return 'T';
    if (upper.empty() || has("BLOB")) return 'B';
    if (has("REAL") || has("FLOA") || has("DOUB")) return 'R';
    return 'N';
}

// A name or type from a file, fit for a one-line message: valid UTF-8, control
// characters shown as '?', and not a screenful.
std::string shown(std::string_view text) {
    std::string out = valid_utf8(text.substr(0, 60));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    return out;
}

struct ColumnShape {
    std::string name;
    std::string declared;        // its type as declared
    bool generated = false;      // computed by SQLite: a merge cannot insert into it
    bool must_be_given = false;  // NOT NULL without a default (and not the rowid)
};

struct TableShape {
    std::string name;
    std::string kind;  // "table", "view", "virtual table"; empty when there is none
    std::vector<ColumnShape> columns;
    std::vector<std::string> unique_keys;  // the columns of each UNIQUE index, "a, b", lower case
};

int read_columns(sqlite3* db, TableShape& table) {
    return each_row_of(
        db, "SELECT name, type, \"notnull\", dflt_value IS NULL, pk, hidden FROM pragma_table_xinfo(?1)",
        table.name, [&](sqlite3_stmt* row) {
            ColumnShape column{text_of(row, 0), text_of(row, 1)};
            const bool rowid = sqlite3_column_int(row, 4) > 0 && same_name(column.declared, "integer");
            column.generated = sqlite3_column_int(row, 5) >= 2;
            column.must_be_given = sqlite3_column_int(row, 2) != 0 && sqlite3_column_int(row, 3) != 0 &&
                                   !rowid && !column.generated;
            table.columns.push_back(std::move(column));
        });
}

int read_unique_keys(sqlite3* db, TableShape& table) {
    std::vector<std::string> indexes;
    int rc = each_row_of(db, "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" AND NOT partial",
                         table.name, [&](sqlite3_stmt* row) { indexes.push_back(text_of(row, 0)); });
    for (std::size_t i = 0; rc == SQLITE_OK && i < indexes.size(); ++i) {
        std::string key;
        rc = each_row_of(db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", indexes[i],
                         [&](sqlite3_stmt* row) {
                             if (!key.empty()) key += ", ";
                             key += lower(text_of(row, 0));
                         });
        table.unique_keys.push_back(key);
    }
    return rc;
}

// The table called `name` (in any case) in the main database of `db`; SQLite's
// result code. A table that is not there has an empty kind.
int read_table(sqlite3* db, const std::string& name, TableShape& table) {
    table = TableShape{name, "", {}, {}};
    std::string sql;
    int rc = each_row_of(
        db,
        "SELECT type, sql FROM sqlite_schema WHERE name = ?1 COLLATE NOCASE AND type IN ('table', 'view')",
        name, [&](sqlite3_stmt* row) {
            table.kind = text_of(row, 0);
            sql = text_of(row, 1);
        });
    if (rc != SQLITE_OK || table.kind != "table") return rc;
    if (same_name(sql.substr(0, 14), "create virtual")) {
        table.kind = "virtual table";
        return SQLITE_OK;
    }
    rc = read_columns(db, table);
    return rc == SQLITE_OK ? read_unique_keys(db, table) : rc;
}

}  // namespace

namespace {

// What the migrations make up to one version.
struct SchemaShape {
    std::vector<TableShape> tables;
    std::vector<std::pair<std::string, std::string>> indexes;  // name, CREATE INDEX as written
    std::vector<std::string> names;                            // of its tables and indexes, lower case
    std::string error;                                         // why it could not be made (never seen)
};

SchemaShape made_by_migrations(int version) {
    SchemaShape shape;
    Connection db;
    const int opened =
        sqlite::open_uri(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, db, shape.error);
    sqlite3* raw = db.get();
    if (opened != SQLITE_OK || !apply_between(raw, 0, version, shape.error)) return shape;
    std::vector<std::string> tables;
    int rc =
        each_row_of(raw, "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid", "",
                    [&](sqlite3_stmt* row) {
                        const std::string type = text_of(row, 0);
                        shape.names.push_back(lower(text_of(row, 1)));
                        if (type == "table") tables.push_back(text_of(row, 1));
                        if (type == "index") shape.indexes.emplace_back(text_of(row, 1), text_of(row, 2));
                    });
    for (std::size_t i = 0; rc == SQLITE_OK && i < tables.size(); ++i) {
        shape.tables.emplace_back();
        rc = read_table(raw, tables[i], shape.tables.back());
    }
    if (rc != SQLITE_OK) shape.error = describe(raw);
    return shape;
}

// Made once per version, on first use (thread-safe: a function's static).
const SchemaShape& reference(int version) {
    static const std::vector<SchemaShape> shapes = [] {
        std::vector<SchemaShape> all;
        for (int v = 0; v <= latest_schema_version(); ++v) all.push_back(made_by_migrations(v));
        return all;
    }();
    return shapes[static_cast<std::size_t>(std::clamp(version, 0, latest_schema_version()))];
}

const ColumnShape* find_column(const TableShape& table, const std::string& name) {
    for (const ColumnShape& column : table.columns)
        if (same_name(column.name, name)) return &column;
    return nullptr;
}

// What keeps `have` from being the table `want` for `use`, or nothing.
std::string table_misfit(const TableShape& have, const TableShape& want, Use use) {
    if (have.kind.empty()) return "it has no table " + want.name;
    if (have.kind != "table") return want.name + " is a " + have.kind + ", not a table";
    for (const ColumnShape& column : want.columns) {
        const ColumnShape* found = find_column(have, column.name);
        if (found == nullptr) return "table " + want.name + " has no column " + column.name;
        if (affinity(found->declared) != affinity(column.declared))
            return "column " + want.name + "." + column.name + " is declared " +
                   (found->declared.empty() ? "without a type" : shown(found->declared)) + ", not " +
                   column.declared;
        if (use == Use::write && found->generated)
            return "column " + want.name + "." + column.name + " is generated, so rows cannot be added to it";
    }
    if (use == Use::read) return {};
    for (const ColumnShape& column : have.columns)
        if (column.must_be_given && find_column(want, column.name) == nullptr)
            return "table " + want.name + " has a column " + shown(column.name) +
                   " that must be filled in (NOT NULL, no default), which amanat does not fill";
    for (const std::string& key : want.unique_keys)
        if (std::find(have.unique_keys.begin(), have.unique_keys.end(), key) == have.unique_keys.end())
            return "table " + want.name + " has no UNIQUE key on (" + key +
                   "), which keeps a merge from adding a row twice";
    return {};
}

// "its tables: notes, photos" or "it has no tables", to say what a file is instead.
std::string its_tables(sqlite3* db) {
    std::vector<std::string> names;
    each_row_of(db,
                "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')"
                " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name LIMIT 6",
                "", [&](sqlite3_stmt* row) { names.push_back(shown(text_of(row, 0))); });
    if (names.empty()) return "it has no tables";
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) list += ", ";
        list += i < 5 ? names[i] : "...";
    }
    return "its tables: " + list;
}

// A failed query, as what it says about the file.
Contents failed(sqlite3* db, int rc, std::string& problem) {
    const int primary = rc & 0xff;
    problem = primary == SQLITE_NOTADB ? std::string("it is not an SQLite database") : describe(db);
    if (primary == SQLITE_NOTADB) return Contents::foreign;
    return primary == SQLITE_CORRUPT ? Contents::damaged : Contents::unreadable;
}

}  // namespace

namespace {

// A file at user_version 0: nothing at all, or someone else's tables.
Contents unversioned(sqlite3* db, Use use, std::string& problem) {
    std::string objects;
    const int rc = query_text(db, "SELECT count(*) FROM sqlite_schema", objects);
    if (rc != SQLITE_OK) return failed(db, rc, problem);
    if (objects == "0" && use == Use::write) return Contents::empty;
    problem = objects == "0" ? "it is an empty database, without any table"
                             : "PRAGMA user_version is 0, so amanat did not make it; " + its_tables(db);
    return Contents::foreign;
}

// For writing: nothing that a later migration than the file's would create.
Contents ready_to_migrate(sqlite3* db, int version, std::string& problem) {
    const SchemaShape& now = reference(version);
    for (const std::string& name : reference(latest_schema_version()).names) {
        if (std::find(now.names.begin(), now.names.end(), name) != now.names.end()) continue;
        bool there = false;
        const int rc = each_row_of(db, "SELECT 1 FROM sqlite_schema WHERE name = ?1 COLLATE NOCASE", name,
                                   [&](sqlite3_stmt*) { there = true; });
        if (rc != SQLITE_OK) return failed(db, rc, problem);
        if (there) {
            problem = "it already has " + name + ", which only schema version " +
                      std::to_string(latest_schema_version()) + " has, not its version " +
                      std::to_string(version);
            return Contents::foreign;
        }
    }
    return Contents::feedback;
}

// The tables of a file at `version` (1..latest) against the migrations' own.
Contents fits_version(sqlite3* db, int version, Use use, std::string& problem) {
    const SchemaShape& want = reference(version);
    if (!want.error.empty()) {
        problem = "cannot check its tables: " + want.error;
        return Contents::unreadable;
    }
    std::vector<TableShape> have(want.tables.size());
    bool any = false;
    for (std::size_t i = 0; i < want.tables.size(); ++i) {
        const int rc = read_table(db, want.tables[i].name, have[i]);
        if (rc != SQLITE_OK) return failed(db, rc, problem);
        any = any || !have[i].kind.empty();
    }
    if (!any) {
        problem = "it has none of the feedback tables; " + its_tables(db);
        return Contents::foreign;
    }
    for (std::size_t i = 0; i < want.tables.size(); ++i) {
        problem = table_misfit(have[i], want.tables[i], use);
        if (!problem.empty()) return Contents::foreign;
    }
    return use == Use::write ? ready_to_migrate(db, version, problem) : Contents::feedback;
}

// "PRAGMA name" as a whole number, or nullopt with SQLite's code in `rc`.
std::optional<long long> pragma_number(sqlite3* db, const char* pragma, int& rc) {
    std::string value;
    rc = query_text(db, pragma, value);
    if (rc != SQLITE_OK) return std::nullopt;
    return std::strtoll(value.c_str(), nullptr, 10);
}

// Reading a file in place relies on every index of the latest schema (the
// summary names one with INDEXED BY), exactly as the migrations make it.
bool has_latest_indexes(sqlite3* db) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    for (const auto& index : reference(latest_schema_version()).indexes) {
        const std::string& wanted = index.second;
        bool same = false;
        const int rc = each_row_of(db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                                   index.first, [&](sqlite3_stmt* row) { same = text_of(row, 0) == wanted; });
        if (rc != SQLITE_OK || !same) return false;
    }
    return true;
}

}  // namespace

Contents contents_of(sqlite3* db, Use use, int& version, std::string& problem) {
    version = 0;
    problem.clear();
    int rc = SQLITE_OK;
    const auto user_version = pragma_number(db, "PRAGMA user_version", rc);
    if (!user_version) return failed(db, rc, problem);
    const auto application_id = pragma_number(db, "PRAGMA application_id", rc);
    if (!application_id) return failed(db, rc, problem);
    version = static_cast<int>(*user_version);
    if (*application_id != 0) {
        problem = "it is another program's database (its application_id is " +
                  std::to_string(*application_id) + ")";
        return Contents::foreign;
    }
    if (version > latest_schema_version()) {
        problem = "its schema version " + std::to_string(version) + " is newer than this program's (" +
                  std::to_string(latest_schema_version()) + ")";
        return Contents::newer;
    }
    if (version < 0) {
        problem = "its schema version is " + std::to_string(version) + ", which no feedback database has";
        return Contents::foreign;
    }
    if (version == 0) return unversioned(db, use, problem);
    return fits_version(db, version, use, problem);
}

namespace {

// What the kiosk does with its file, by what it holds: another program's, a
// newer or a damaged one is moved aside (its bytes kept); one that cannot be
// read at all leaves the kiosk without a database.
Verdict kiosk_verdict(Contents contents, std::string& reason) {
    switch (contents) {
        case Contents::empty:
        case Contents::feedback:
            return Verdict::ok;
        case Contents::foreign:
            reason = "it is not a feedback database: " + reason;
            return Verdict::broken;
        case Contents::newer:
        case Contents::damaged:
            return Verdict::broken;
        case Contents::unreadable:
            break;
    }
    return Verdict::fatal;
}

}  // namespace

Verdict open_writable(const std::filesystem::path& file, Connection& connection, std::string& reason) {
    if (!sqlite::open(file, sqlite::Missing::create, connection, reason)) return Verdict::fatal;
    sqlite3* db = connection.get();
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kWriterBusyMilliseconds);

    // Nothing is written before the file is known to be ours and sound, so a file
    // moved aside keeps its bytes.
    int version = 0;
    const Verdict verdict = kiosk_verdict(contents_of(db, Use::write, version, reason), reason);
    if (verdict != Verdict::ok) return verdict;
    std::string value;
    int rc = SQLITE_OK;
    if ((rc = query_text(db, "PRAGMA quick_check", value)) != SQLITE_OK) {
        reason = describe(db);
        return (rc & 0xff) == SQLITE_CORRUPT ? Verdict::broken : Verdict::fatal;
    }
    if (value != "ok") {
        for (char& c : value)
            if (c == '\n') c = ' ';  // one line in the log
        reason = "it is corrupt: " + value;
        return Verdict::broken;
    }

    if ((rc = query_text(db, "PRAGMA journal_mode=WAL", value)) != SQLITE_OK) {
        reason = describe(db);
        return Verdict::fatal;
    }
    if (value != "wal") {
        reason = "cannot use write-ahead logging (journal mode " + value + ")";
        return Verdict::fatal;
    }
    if (!exec(db, "PRAGMA synchronous=FULL", reason)) return Verdict::fatal;
    if (!migrate(db, version, reason)) return Verdict::fatal;
    return Verdict::ok;
}

Source::~Source() {
    if (!snapshot.empty()) remove_database(snapshot);
}

Source::Source(Source&& other) noexcept
    : file(std::move(other.file)),
      uri(std::move(other.uri)),
      version(other.version),
      indexed(other.indexed),
      snapshot(std::move(other.snapshot)) {
    other.snapshot.clear();
}

Source& Source::operator=(Source&& other) noexcept {
    if (this == &other) return *this;
    if (!snapshot.empty()) remove_database(snapshot);
    file = std::move(other.file);
    uri = std::move(other.uri);
    version = other.version;
    indexed = other.indexed;
    snapshot = std::move(other.snapshot);
    other.snapshot.clear();
    return *this;
}

bool open_source(const Source& source, Connection& connection, std::string& error) {
    // Without SQLite's own mutex: a reading connection is used by one thread at a
    // time, and an export locks it three times per column otherwise (~7% of it).
    if (sqlite::open_uri(source.uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, connection,
                         error) != SQLITE_OK)
        return false;
    sqlite3* raw = connection.get();
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);  // a kiosk writing the file holds it briefly
    // A read-only connection cannot check-point anyway; say so, in case it could.
    sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return true;
}

namespace {

// "a folder", "a FIFO"...: what a file that is not a regular one is.
std::string kind_of(std::filesystem::file_type type) {
    switch (type) {
        case std::filesystem::file_type::directory:
            return "a folder";
        case std::filesystem::file_type::fifo:
            return "a FIFO";
        case std::filesystem::file_type::socket:
            return "a socket";
        case std::filesystem::file_type::block:
        case std::filesystem::file_type::character:
            return "a device";
        default:
            return "not a regular file";
    }
}

// What to do about a file that cannot be used, by what it holds and what for.
std::string refusal(const std::filesystem::path& file, Use use, Contents contents, const std::string& why) {
    const bool into = use == Use::write;
    const std::string left = into ? "; it was left as it was" : "";
    switch (contents) {
        case Contents::foreign:
            return file.string() + ": not a feedback database (" + why + ")" + left + "; " +
                   (into ? "merge into a new file, or into a feedback database"
                         : "give a feedback database a kiosk wrote (its feedback.sqlite, or the copy in an "
                           "export folder)");
        case Contents::newer:
            return file.string() + ": " + why + left + "; use a newer amanat to " +
                   (into ? "merge into it" : "read it");
        case Contents::damaged:
            return file.string() + ": damaged (" + why + ")" + left + "; " +
                   (into ? "merge into a new file instead"
                         : "take a fresh copy from the kiosk or its export");
        case Contents::unreadable:
            return file.string() + ": cannot read it (" + why + ")" + left;
        case Contents::empty:
        case Contents::feedback:
            break;
    }
    return file.string() + ": " + why;
}

// A file whose header gives a size beyond its end was cut short (a copy
// interrupted, a stick pulled out): reading it would fail half-way, after part
// of an export was written. The header's page count is valid only when its
// "version valid for" matches the change counter (SQLite's file format, 1.3).
bool cut_short(const std::filesystem::path& file, std::uintmax_t size, std::string& problem) {
    unsigned char header[100];
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return false;
    if (std::memcmp(header, "SQLite format 3", 16) != 0) return false;
    const auto big_endian = [&](std::size_t at) {
        return std::uintmax_t{header[at]} << 24 | std::uintmax_t{header[at + 1]} << 16 |
               std::uintmax_t{header[at + 2]} << 8 | std::uintmax_t{header[at + 3]};
    };
    std::uintmax_t page_size = std::uintmax_t{header[16]} << 8 | header[17];
    if (page_size == 1) page_size = 65536;
    const std::uintmax_t pages = big_endian(28);
    if (pages == 0 || big_endian(24) != big_endian(92) || size >= pages * page_size) return false;
    problem = "it is shorter than its header says, " + std::to_string(size) + " of " +
              std::to_string(pages * page_size) + " bytes: a copy cut short";
    return true;
}

}  // namespace

namespace {

std::filesystem::path wal_of(const std::filesystem::path& file) {
    return companion(file, "-wal");
}

// A -wal without its -shm (a copy of only some of the files) cannot be read
// read-only without creating the -shm: the log is replayed into a copy of our
// own (opened read-write, the copy check-points and drops its -wal when closed),
// and the copy is read instead.
bool replay_into_snapshot(const std::filesystem::path& file, Use use, Source& source, std::string& error) {
    std::error_code ec;
    std::string problem;
    source.snapshot = make_temporary_database(error);
    if (source.snapshot.empty()) {
        error = file.string() + ": " + error;
        return false;
    }
    std::filesystem::copy_file(file, source.snapshot, std::filesystem::copy_options::overwrite_existing, ec);
    if (!ec) std::filesystem::copy_file(wal_of(file), wal_of(source.snapshot), ec);
    if (ec) {
        error = file.string() + ": cannot copy it with its -wal to " + source.snapshot.string() + ": " +
                ec.message();
        return false;
    }
    Connection copy;
    int rc = sqlite::open_uri(uri_for(source.snapshot, nullptr), SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI,
                              copy, problem);
    std::string ignored;
    if (rc == SQLITE_OK && (rc = query_text(copy.get(), "PRAGMA user_version", ignored)) != SQLITE_OK)
        problem = describe(copy.get());
    if (rc != SQLITE_OK) {
        error = refusal(file, use, (rc & 0xff) == SQLITE_CORRUPT ? Contents::damaged : Contents::foreign,
                        problem);
        return false;
    }
    copy.reset();
    source.uri = uri_for(source.snapshot, "mode=ro&immutable=1");
    return true;
}

// How to read `file`, a regular file, without changing it (see Source). False
// with `error` naming the file when a companion is not a regular file, when the
// file is cut short, or when its log cannot be replayed into a snapshot.
bool locate(const std::filesystem::path& file, Use use, Source& source, std::string& error) {
    source.file = file;
    std::error_code ec;
    for (const char* suffix : {"-wal", "-shm"}) {
        const auto other = companion(file, suffix);
        const auto status = std::filesystem::status(other, ec);
        if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
            error = other.string() + ": " + kind_of(status.type()) + " where the " + suffix + " file of " +
                    file.string() + " belongs, so neither is opened; move it away";
            return false;
        }
    }
    std::string problem;
    if (!present(wal_of(file))) {
        if (cut_short(file, std::filesystem::file_size(file, ec), problem)) {
            error = refusal(file, use, Contents::damaged, problem);
            return false;
        }
        source.uri = uri_for(file, "mode=ro&immutable=1");
    } else if (present(companion(file, "-shm"))) {
        source.uri = uri_for(file, "mode=ro");
    } else {
        return replay_into_snapshot(file, use, source, error);
    }
    return true;
}

// SQLite's header marks a database in WAL mode with 2 in both its read and
// write version bytes (offsets 18 and 19; 1 for a rollback journal).
bool in_wal_mode(const std::filesystem::path& file) {
    unsigned char header[20];
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return false;
    return std::memcmp(header, "SQLite format 3", 16) == 0 && header[18] == 2 && header[19] == 2;
}

// A kiosk's database copied without its -wal: in WAL mode, not a single table
// in the file itself (the kiosk creates its tables as it opens the file, so
// they, and every row since, are in the -wal until a checkpoint), and no -wal
// beside it. What to say instead of "not a feedback database".
bool missing_its_log(const std::filesystem::path& file, sqlite3* db, std::string& error) {
    if (present(wal_of(file)) || !in_wal_mode(file)) return false;
    std::string objects;
    if (query_text(db, "SELECT count(*) FROM sqlite_schema", objects) != SQLITE_OK || objects != "0")
        return false;
    const std::string name = file.filename().string();
    error = file.string() +
            ": holds no feedback on its own: it is a database in WAL mode without any table, so "
            "its tables and rows are still in its write-ahead log, " +
            wal_of(file).string() + ", which was not copied with it. On the kiosk, copy " + name +
            "-wal and " + name + "-shm together with " + name +
            " (all three at once), or take the copy with staff mode's export, or "
            "run `amanat feedback merge --into copy.sqlite " +
            name + "` and take copy.sqlite";
    return true;
}

// `file` must be a regular file: a FIFO would block whoever opens it.
bool regular_file(const std::filesystem::path& file, const std::filesystem::file_status& status,
                  std::string& error) {
    if (std::filesystem::is_regular_file(status)) return true;
    error = file.string() + ": not a file (" + kind_of(status.type()) + "); give a feedback database file";
    return false;
}

}  // namespace

bool inspect_source(const std::filesystem::path& file, Source& source, std::string& error) {
    source.file = file;
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) {
        error = file.string() + ": no such file; check the path";
        return false;
    }
    if (!regular_file(file, status, error)) return false;
    if (std::filesystem::file_size(file, ec) == 0 && !present(wal_of(file))) {
        error = refusal(file, Use::read, Contents::foreign, "it is empty, 0 bytes: was its copy cut short?");
        return false;
    }
    if (!locate(file, Use::read, source, error)) return false;

    Connection connection;
    std::string problem;
    if (!open_source(source, connection, problem)) {
        error = refusal(file, Use::read, Contents::unreadable, problem);
        return false;
    }
    const Contents contents = contents_of(connection.get(), Use::read, source.version, problem);
    if (contents != Contents::feedback) {
        if (contents != Contents::foreign || !missing_its_log(file, connection.get(), error))
            error = refusal(file, Use::read, contents, problem);
        return false;
    }
    source.indexed = source.version == latest_schema_version() && has_latest_indexes(connection.get());
    return true;
}

namespace {

// A destination that is not there yet: its companions would be taken for its own.
bool nothing_beside(const std::filesystem::path& file, std::string& error) {
    for (const char* suffix : {"-wal", "-journal"}) {
        const auto other = companion(file, suffix);
        if (!present(other)) continue;
        error = file.string() + ": there is no such file, but there is " + other.string() +
                ", which SQLite would take for its own; move it away, or merge into another name";
        return false;
    }
    return true;
}

// What an existing, non-empty destination holds, read as a Source is.
bool inspect_existing(const std::filesystem::path& file, Destination& destination, std::string& error) {
    Source view;
    if (!locate(file, Use::write, view, error)) return false;
    Connection connection;
    std::string problem;
    if (!open_source(view, connection, problem)) {
        error = refusal(file, Use::write, Contents::unreadable, problem);
        return false;
    }
    const Contents contents = contents_of(connection.get(), Use::write, destination.version, problem);
    if (contents == Contents::empty) return true;
    if (contents != Contents::feedback) {
        error = refusal(file, Use::write, contents, problem);
        return false;
    }
    std::string check;
    const int rc = query_text(connection.get(), "PRAGMA quick_check", check);
    if (rc != SQLITE_OK || check != "ok") {
        problem = rc != SQLITE_OK ? describe(connection.get()) : check.substr(0, check.find('\n'));
        error = refusal(
            file, Use::write,
            rc != SQLITE_OK && (rc & 0xff) != SQLITE_CORRUPT ? Contents::unreadable : Contents::damaged,
            problem);
        return false;
    }
    return true;
}

}  // namespace

bool inspect_destination(const std::filesystem::path& file, Destination& destination, std::string& error) {
    destination = Destination{};
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) {
        if (std::filesystem::is_symlink(std::filesystem::symlink_status(file, ec))) {
            error =
                file.string() + ": a symbolic link to a file that is not there; merge into the file itself";
            return false;
        }
        destination.started = true;
        return nothing_beside(file, error);
    }
    if (!std::filesystem::is_regular_file(status)) {
        error =
            file.string() + ": not a file (" + kind_of(status.type()) + "); give a file name to merge into";
        return false;
    }
    destination.exists = true;
    destination.had_log = present(wal_of(file));
    if (std::filesystem::file_size(file, ec) == 0 && !ec && !destination.had_log) {
        destination.started = true;
        return nothing_beside(file, error);
    }
    return inspect_existing(file, destination, error);
}

bool open_destination(const std::filesystem::path& file, const Destination& destination,
                      Connection& connection, std::string& error) {
    const auto missing = destination.exists ? sqlite::Missing::fail : sqlite::Missing::create;
    if (!sqlite::open(file, missing, connection, error)) {
        error = "cannot open " + file.string() + " to merge into it: " + error;
        return false;
    }
    sqlite3* raw = connection.get();
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);  // a kiosk or a reader may hold it briefly
    std::string mode;
    if (destination.started &&
        (query_text(raw, "PRAGMA journal_mode=WAL", mode) != SQLITE_OK || mode != "wal")) {
        error =
            "cannot create " + file.string() + ": " + (mode.empty() ? describe(raw) : "journal mode " + mode);
        return false;
    }
    if (!exec(raw, "PRAGMA synchronous=FULL", error)) {
        error = "cannot open " + file.string() + " to merge into it: " + error;
        return false;
    }
    return true;
}

void abandon_destination(const std::filesystem::path& file, const Destination& destination,
                         Connection& connection) {
    // Closing would otherwise copy the log's committed pages into the file.
    if (connection && destination.had_log)
        sqlite3_db_config(connection.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    connection.reset();
    if (!destination.exists) {
        remove_database(file);
    } else if (destination.started) {
        std::error_code ec;
        std::filesystem::resize_file(file, 0, ec);
        for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(companion(file, suffix), ec);
    }
}

bool copy_rows(sqlite3* db, const std::string& alias, int version, MergeCounts& added, std::string& error) {
    const std::string from = alias + ".";
    // Sources are read in id order, so rows of one second keep their recorded order.
    const std::string reactions =
        "INSERT OR IGNORE INTO main.reactions(kiosk_id, venue, bundle_id, bundle_version, session_id,"
        " artifact_id, rating, language, at, utc_offset_minutes)"
        " SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id, rating, language, "
        "at, " +
        std::string(version >= 2 ? "utc_offset_minutes FROM " + from + "reactions"
                                 : "0 FROM " + from + "reactions WHERE id IN (SELECT max(id) FROM " + from +
                                       "reactions GROUP BY session_id, artifact_id)") +
        " ORDER BY id";
    const std::string engagement =
        "INSERT OR IGNORE INTO main.engagement(kiosk_id, venue, bundle_id, bundle_version, session_id,"
        " sequence, kind, subject, value, at, utc_offset_minutes)"
        " SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, " +
        std::string(version >= 2 ? "sequence" : "id") + ", kind, subject, value, at, " +
        std::string(version >= 2 ? "utc_offset_minutes" : "0") + " FROM " + from + "engagement ORDER BY id";
    const std::string survey_answers =
        "INSERT OR IGNORE INTO main.survey_answers(kiosk_id, venue, bundle_id, bundle_version, session_id,"
        " question_id, answer, language, at, utc_offset_minutes)"
        " SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, question_id, answer, language, at,"
        " utc_offset_minutes FROM " +
        from + "survey_answers ORDER BY id";

    auto run = [&](const std::string& sql, long long& count) {
        Statement statement = prepare(db, sql.c_str(), error);
        if (!statement) return false;
        if (sqlite3_step(statement.get()) != SQLITE_DONE) {
            error = describe(db);
            return false;
        }
        count += sqlite3_changes64(db);
        return true;
    };
    return run(reactions, added.reactions) && run(engagement, added.engagement) &&
           (version < 2 || run(survey_answers, added.survey_answers));
}

}  // namespace schema

}  // namespace amanat::store
