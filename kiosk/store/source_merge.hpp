#pragma once

// Merging feedback files with SQLite's ATTACH: what merge_feedback() writes a
// destination with, and how the readers get a file of an older schema into the
// latest one (a migrated temporary copy; the original is never touched).
// Private to kiosk/store.
//
// Thread contract: free functions on the caller's connection and sources; a
// connection is used by one thread at a time.

#include <string>
#include <vector>

#include "store/feedback_archive.hpp"
#include "store/feedback_schema.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store::schema {

// Everything in one transaction, or batches that each commit (for a temporary
// database nobody else sees, where a failure throws the whole file away).
enum class Atomicity { all_or_nothing, batches };

// The page cache a merge runs with (see source_merge.cpp).
extern const char* const kMergeCache;

// Creates an empty database at the latest schema in `file` (a fresh temporary
// file), fast rather than durable: it is thrown away if anything goes wrong.
bool create_temporary(const std::filesystem::path& file, sqlite::Connection& connection, std::string& error);

// The same merge as merge_feedback(), into the open database `db` at schema
// `version` (brought to the latest in the merge's transaction). Adds what was
// added to `added`. All or nothing, or in batches (see Atomicity).
bool merge_sources(sqlite3* db, int version, const std::vector<Source>& sources, Atomicity atomicity,
                   MergeCounts& added, std::string& error);

// Makes `source` one that can be read in place at the latest schema with its
// indexes: a file that is not (an older schema, missing indexes) is copied,
// migrated, into a temporary database, which `source` then names (its
// `snapshot`, deleted with it). False with `error` naming the file.
bool read_as_latest(Source& source, std::string& error);

}  // namespace amanat::store::schema
