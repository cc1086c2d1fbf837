#pragma once

// What the store tests share: a connection of the test's own, to look at (and
// hand-make) feedback files with SQL directly, as an organiser's tools would,
// through the store's own SQLite wrapper (store/sqlite_connection.hpp: SQLite
// belongs to kiosk/store); and a schema-1 file made with the exact SQL the first
// release ran.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/sqlite_connection.hpp"

namespace amanat::testing {

// A file opened for reading and writing (created if missing), nothing else set
// on the connection: no busy timeout, the journal mode the file has. Every
// failure stops the test, with SQLite's message.
class Direct {
  public:
    explicit Direct(const std::filesystem::path& file) {
        std::string error;
        REQUIRE_MESSAGE(store::sqlite::open(file, store::sqlite::Missing::create, m_db, error), error);
    }

    // Every row of `sql`, each column as text (NULL as "NULL"), joined with '|'.
    std::vector<std::string> rows(const std::string& sql) {
        std::vector<store::sqlite::TextRow> found;
        std::string error;
        REQUIRE_MESSAGE(store::sqlite::rows_as_text(m_db.get(), sql, found, error), error);
        std::vector<std::string> result;
        for (const store::sqlite::TextRow& columns : found) {
            std::string row;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (i > 0) row += '|';
                row += columns[i] ? *columns[i] : std::string("NULL");
            }
            result.push_back(row);
        }
        return result;
    }
    std::string one(const std::string& sql) {
        auto all = rows(sql);
        REQUIRE(all.size() == 1);
        return all[0];
    }
    void exec(const std::string& sql) {
        std::string error;
        REQUIRE_MESSAGE(store::sqlite::exec(m_db.get(), sql.c_str(), error), error);
    }

  private:
    store::sqlite::Connection m_db;
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
