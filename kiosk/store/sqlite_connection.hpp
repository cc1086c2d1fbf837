#pragma once

// SQLite as the store uses it: a connection and a prepared statement that close
// themselves, the ways of opening a file by its name, running SQL, reading a
// value or every row as text, binding and stepping, and a database's files on
// disk (its -wal, -shm and -journal companions). Nothing here knows the
// feedback schema (feedback_schema.hpp does).
//
// SQLite belongs to kiosk/store: only its .cpp files include <sqlite3.h>. This
// header declares SQLite's handles without it, so that code outside the store
// (its tests, the benchmarks' generator of feedback files) can look at a file
// with SQL through these functions instead of a copy of its own.
//
// Thread contract: free functions on the caller's connection; a connection, and
// every statement prepared on it, is used by one thread at a time.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace amanat::store::sqlite {

struct Closer {
    void operator()(sqlite3* db) const;
};
// An open database; closed when it goes.
using Connection = std::unique_ptr<sqlite3, Closer>;

struct Finaliser {
    void operator()(sqlite3_stmt* statement) const;
};
// A prepared statement; finalised when it goes (before its connection).
using Statement = std::unique_ptr<sqlite3_stmt, Finaliser>;

// A file: URI for `file` (absolute, percent-encoded), so that any path can be
// opened and ATTACHed with parameters such as mode=ro. Every connection of the
// store is opened with SQLITE_OPEN_URI, so a file whose name starts with "file:"
// is safe.
std::string uri_for(const std::filesystem::path& file, const char* parameters);

// The connection's last error message.
std::string describe(sqlite3* db);

// Opens `uri` with SQLite's open `flags` (SQLITE_OPEN_URI among them when `uri`
// is one). SQLite's result code; on failure `error` says why (the connection's
// message, or the code's when SQLite could not even make a connection), and
// `connection` holds what SQLite made, if anything, to be closed.
int open_uri(const std::string& uri, int flags, Connection& connection, std::string& error);

// What open() does when `file` is not there.
enum class Missing { fail, create };

// Opens `file` for reading and writing through its URI (uri_for), creating it
// when `missing` says so; nothing else is set on the connection. False with
// `error` saying why (not naming the file: the caller does).
bool open(const std::filesystem::path& file, Missing missing, Connection& connection, std::string& error);

// Runs SQL that returns no rows we need (schema, pragmas; never values).
bool exec(sqlite3* db, const char* sql, std::string& error);

// Prepares one statement; null with `error` set on failure.
Statement prepare(sqlite3* db, const char* sql, std::string& error);

// The first column of the first row of `sql` as text, with SQLite's result code.
int query_text(sqlite3* db, const char* sql, std::string& value);

// Column `column` of the statement's current row as text ("" for NULL).
std::string text_of(sqlite3_stmt* statement, int column);

// Steps `sql` (taking `name` as ?1, when it has a ?1) and hands `row` each of
// its rows; SQLite's result code, SQLITE_OK once every row was handed over.
int each_row_of(sqlite3* db, const char* sql, const std::string& name,
                const std::function<void(sqlite3_stmt*)>& row);

// One row as text: each column's value, or nullopt for NULL.
using TextRow = std::vector<std::optional<std::string>>;

// Every row of `sql`, in order, each column as text. False with `error` set
// (and the rows read so far in `rows`) if it could not be prepared or stepped.
bool rows_as_text(sqlite3* db, const std::string& sql, std::vector<TextRow>& rows, std::string& error);

// Binds `text` to parameter `index` without copying it: the text must stay
// until the statement has been stepped (run() drops the bindings after that).
void bind_text(sqlite3_stmt* statement, int index, std::string_view text);
void bind_integer(sqlite3_stmt* statement, int index, long long value);

// Steps a statement that returns no rows, then resets it and drops its
// bindings, so that it is ready for the next use whether or not this one
// succeeded. False with `error` set to the connection's message if it failed.
bool run(sqlite3_stmt* statement, std::string& error);

// Removes a database and its companions (-wal, -shm, -journal).
void remove_database(const std::filesystem::path& file);

// A file name in the temporary folder, created empty and only ours (mkstemp), for
// a temporary database. Empty with `error` set on failure.
std::filesystem::path make_temporary_database(std::string& error);

}  // namespace amanat::store::sqlite
