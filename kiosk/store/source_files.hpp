#pragma once

// Several feedback files open for reading together, in the order given: the
// first file's version of a row is the one the merge of them keeps. Each is at
// the latest schema with its indexes (an older one is read through a migrated
// temporary copy, schema::read_as_latest). Private to kiosk/store.
//
// Thread contract: one SourceFiles is used from one thread at a time (its
// connections are opened without SQLite's mutex).

#include <filesystem>
#include <string>
#include <vector>

#include "store/feedback_schema.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {

class SourceFiles {
  public:
    // Takes inspected sources (schema::inspect_source), brings each to the
    // latest schema and opens it. False with `error` naming the file.
    bool open(std::vector<schema::Source> sources, std::string& error);

    std::size_t size() const { return m_connections.size(); }
    sqlite3* connection(std::size_t file) const { return m_connections[file].get(); }
    // What to say when `file` cannot be read to its end.
    std::string read_error(std::size_t file) const;

    // One read transaction on every file from begin() to end(), so that the
    // passes of one reading (keys first, then rows) see the same rows even
    // while a kiosk writes one of the files.
    bool begin(std::string& error) const;
    void end() const;

  private:
    std::vector<schema::Source> m_sources;
    std::vector<sqlite::Connection> m_connections;
};

}  // namespace amanat::store
