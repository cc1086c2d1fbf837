#pragma once

// What the store tests share: a connection of the test's own, to look at (and
// hand-make) feedback files with SQLite directly, as an organiser's tools would,
// and a schema-1 file made with the exact SQL the first release ran.

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace amanat::testing {

class Direct {
  public:
    explicit Direct(const std::filesystem::path& file) {
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
        char* message = nullptr;
        int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
        std::string text = message != nullptr ? message : "";
        sqlite3_free(message);
        REQUIRE_MESSAGE(rc == SQLITE_OK, text);
    }

  private:
    sqlite3* m_db = nullptr;
};

inline std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Migration 1 exactly as the first release ran it, in a WAL file at version 1:
// what kiosks in the field have.
inline void create_schema_1_file(const std::filesystem::path& file) {
    Direct direct(file);
    direct.exec(
        "PRAGMA journal_mode=WAL;"
        "BEGIN IMMEDIATE;"
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
        " at INTEGER NOT NULL);"
        "PRAGMA user_version=1;"
        "COMMIT;");
}

}  // namespace amanat::testing
