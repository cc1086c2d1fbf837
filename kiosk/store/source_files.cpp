#include "store/source_files.hpp"

#include <sqlite3.h>

#include <utility>

#include "store/source_merge.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {

bool SourceFiles::open(std::vector<schema::Source> sources, std::string& error) {
    m_sources = std::move(sources);
    m_connections.clear();
    m_connections.resize(m_sources.size());
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        if (!schema::read_as_latest(m_sources[i], error)) return false;
        if (!schema::open_source(m_sources[i], m_connections[i], error)) {
            error = m_sources[i].file.string() + ": cannot open it: " + error;
            return false;
        }
    }
    return true;
}

std::string SourceFiles::read_error(std::size_t file) const {
    const schema::Source& source = m_sources[file];
    sqlite3* db = m_connections[file].get();
    // Opening checked the tables: what fails now is a damaged page, or the disk.
    return source.snapshot.empty()
               ? source.file.string() + ": cannot read it (" + sqlite::describe(db) +
                     "); it may be damaged: take a fresh copy from the kiosk or its export"
               : "cannot read " + source.snapshot.string() + ", the copy made to read " +
                     source.file.string() + " (" + sqlite::describe(db) + ")";
}

bool SourceFiles::begin(std::string& error) const {
    for (std::size_t i = 0; i < m_connections.size(); ++i) {
        // BEGIN alone takes no lock; the first read does, and holds it to COMMIT.
        if (!sqlite::exec(m_connections[i].get(), "BEGIN; SELECT count(*) FROM sqlite_schema", error)) {
            error = read_error(i);
            end();
            return false;
        }
    }
    return true;
}

void SourceFiles::end() const {
    std::string ignored;
    for (const auto& connection : m_connections)
        if (sqlite3_get_autocommit(connection.get()) == 0) sqlite::exec(connection.get(), "COMMIT", ignored);
}

}  // namespace amanat::store
