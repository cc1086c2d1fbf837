#include "store/sqlite_connection.hpp"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace amanat::store::sqlite {

void Closer::operator()(sqlite3* db) const {
    sqlite3_close(db);
}

void Finaliser::operator()(sqlite3_stmt* statement) const {
    sqlite3_finalize(statement);
}

std::string uri_for(const std::filesystem::path& file, const char* parameters) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(file, ec);
    if (ec) absolute = file;
    std::string uri = "file://";
    for (unsigned char c : absolute.string()) {
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                     c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            uri += static_cast<char>(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    if (parameters != nullptr && *parameters != '\0') {
        uri += '?';
        uri += parameters;
    }
    return uri;
}

std::string describe(sqlite3* db) {
    return sqlite3_errmsg(db);
}

int open_uri(const std::string& uri, int flags, Connection& connection, std::string& error) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(uri.c_str(), &raw, flags, nullptr);
    connection.reset(raw);
    if (rc != SQLITE_OK) error = raw != nullptr ? describe(raw) : sqlite3_errstr(rc);
    return rc;
}

bool open(const std::filesystem::path& file, Missing missing, Connection& connection, std::string& error) {
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | (missing == Missing::create ? SQLITE_OPEN_CREATE : 0);
    return open_uri(uri_for(file, nullptr), flags, connection, error) == SQLITE_OK;
}

bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = message != nullptr ? message : describe(db);
    sqlite3_free(message);
    return false;
}

Statement prepare(sqlite3* db, const char* sql, std::string& error) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        error = describe(db);
        sqlite3_finalize(raw);
        return nullptr;
    }
    return Statement(raw);
}

int query_text(sqlite3* db, const char* sql, std::string& value) {
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(statement, 0);
            value = text != nullptr ? reinterpret_cast<const char*>(text) : "";
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            value.clear();
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(statement);
    return rc;
}

std::string text_of(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    return text != nullptr ? std::string(reinterpret_cast<const char*>(text),
                                         static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
                           : std::string();
}

int each_row_of(sqlite3* db, const char* sql, const std::string& name,
                const std::function<void(sqlite3_stmt*)>& row) {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    Statement statement(raw);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_text(raw, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) row(raw);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

bool rows_as_text(sqlite3* db, const std::string& sql, std::vector<TextRow>& rows, std::string& error) {
    Statement statement = prepare(db, sql.c_str(), error);
    if (!statement) return false;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        TextRow& row = rows.emplace_back();
        for (int i = 0; i < sqlite3_column_count(statement.get()); ++i) {
            if (sqlite3_column_type(statement.get(), i) == SQLITE_NULL)
                row.emplace_back();
            else
                row.emplace_back(text_of(statement.get(), i));
        }
    }
    if (rc == SQLITE_DONE) return true;
    error = describe(db);
    return false;
}

void bind_text(sqlite3_stmt* statement, int index, std::string_view text) {
    // A null pointer would bind NULL, not an empty text.
    sqlite3_bind_text(statement, index, text.data() != nullptr ? text.data() : "",
                      static_cast<int>(text.size()), SQLITE_STATIC);
}

void bind_integer(sqlite3_stmt* statement, int index, long long value) {
    sqlite3_bind_int64(statement, index, value);
}

bool run(sqlite3_stmt* statement, std::string& error) {
    const bool ok = sqlite3_step(statement) == SQLITE_DONE;
    if (!ok) error = describe(sqlite3_db_handle(statement));
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return ok;
}

void remove_database(const std::filesystem::path& file) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        std::filesystem::remove(std::filesystem::path(file.string() + suffix), ec);
}

std::filesystem::path make_temporary_database(std::string& error) {
    std::error_code ec;
    std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
    if (ec) {
        error = "no temporary folder: " + ec.message();
        return {};
    }
    std::string pattern = (folder / "amanat-feedback-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) {
        error = "cannot create a temporary file in " + folder.string() + ": " +
                std::error_code(errno, std::generic_category()).message();
        return {};
    }
    close(fd);
    return pattern;
}

}  // namespace amanat::store::sqlite
