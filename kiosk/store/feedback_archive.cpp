#include "store/feedback_archive.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/files/json_record.hpp"
#include "store/feedback_schema.hpp"
#include "store/feedback_streams.hpp"
#include "store/files_summary.hpp"
#include "store/row_keys.hpp"
#include "store/source_files.hpp"
#include "store/source_merge.hpp"
#include "store/sqlite_connection.hpp"
#include "store/summary_tally.hpp"

namespace amanat::store {

namespace {

using schema::Atomicity;
using schema::Source;
using sqlite::Connection;
using sqlite::describe;
using sqlite::Statement;

}  // namespace

bool Period::inclusive(long long& low, long long& high) const {
    low = since.value_or(LLONG_MIN);
    high = LLONG_MAX;
    if (until) {
        if (*until == LLONG_MIN) return false;
        high = *until - 1;
    }
    return low <= high;
}

bool merge_feedback(const std::filesystem::path& into, const std::vector<std::filesystem::path>& sources,
                    MergeCounts& added, std::string& error) {
    added = MergeCounts{};
    std::vector<Source> readable;
    readable.reserve(sources.size());
    for (const auto& file : sources) {
        std::error_code ec;
        if (std::filesystem::equivalent(file, into, ec)) {
            error = "cannot merge " + file.string() + " into itself";
            return false;
        }
        Source source;
        if (!schema::inspect_source(file, source, error)) return false;
        readable.push_back(std::move(source));
    }

    // Nothing touches the destination before it is known to be one to write
    // into; after that, everything is one transaction, and a failure leaves it
    // as it was found.
    schema::Destination destination;
    if (!schema::inspect_destination(into, destination, error)) return false;
    std::error_code ec;
    if (!destination.exists && into.has_parent_path())
        std::filesystem::create_directories(into.parent_path(), ec);
    Connection connection;
    bool ok = schema::open_destination(into, destination, connection, error);
    if (ok && !sqlite::exec(connection.get(), schema::kMergeCache, error))
        error = into.string() + ": " + error;
    ok = ok && schema::merge_sources(connection.get(), destination.version, readable,
                                     Atomicity::all_or_nothing, added, error);
    if (!ok) {
        schema::abandon_destination(into, destination, connection);
        added = MergeCounts{};
    }
    return ok;
}

std::unique_ptr<FeedbackArchive> FeedbackArchive::open(const std::vector<std::filesystem::path>& files,
                                                       std::string& error) {
    if (files.empty()) {
        error = "no feedback files to read";
        return nullptr;
    }
    std::vector<Source> sources;
    sources.reserve(files.size());
    for (const auto& file : files) {
        Source source;
        if (!schema::inspect_source(file, source, error)) return nullptr;
        sources.push_back(std::move(source));
    }

    // Several files are read together where they are (their merge is never built).
    if (sources.size() > 1) {
        auto several = std::make_unique<SourceFiles>();
        if (!several->open(std::move(sources), error)) return nullptr;
        return std::unique_ptr<FeedbackArchive>(new FeedbackArchive(std::move(several)));
    }
    // One file is read where it is if it has the latest schema and the indexes
    // reading relies on; otherwise through a migrated copy.
    if (!schema::read_as_latest(sources[0], error)) return nullptr;
    Connection connection;
    if (!schema::open_source(sources[0], connection, error)) {
        error = files[0].string() + ": cannot open it: " + error;
        return nullptr;
    }
    std::filesystem::path snapshot = std::move(sources[0].snapshot);
    sources[0].snapshot.clear();
    return std::unique_ptr<FeedbackArchive>(
        new FeedbackArchive(connection.release(), std::move(snapshot), files[0].string()));
}

FeedbackArchive::FeedbackArchive(sqlite3* db, std::filesystem::path temporary, std::string files)
    : m_db(db), m_temporary(std::move(temporary)), m_files(std::move(files)) {}

FeedbackArchive::FeedbackArchive(std::unique_ptr<SourceFiles> several) : m_several(std::move(several)) {}

FeedbackArchive::~FeedbackArchive() {
    if (m_db != nullptr) sqlite3_close(m_db);
    if (!m_temporary.empty()) sqlite::remove_database(m_temporary);
}

bool FeedbackArchive::each_reaction(const Period& period, const std::function<void(const ReactionRow&)>& row,
                                    std::string& error) const {
    if (m_several) return each_reaction_of(*m_several, period, row, error);
    ReactionRow r;
    return each(
        period,
        "SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, artifact_id, rating, language, at,"
        " utc_offset_minutes FROM reactions WHERE at BETWEEN ?1 AND ?2 ORDER BY at, kiosk_id, id",
        [&](sqlite3_stmt* statement) {
            read_provenance(statement, r.from);
            read_text(statement, 4, r.reaction.session_id);
            read_text(statement, 5, r.reaction.artifact_id);
            r.reaction.rating = sqlite3_column_int(statement, 6);
            read_text(statement, 7, r.reaction.language);
            r.reaction.at_unix_seconds = sqlite3_column_int64(statement, 8);
            r.utc_offset_minutes = sqlite3_column_int(statement, 9);
            row(r);
        },
        error);
}

bool FeedbackArchive::each_engagement(const Period& period,
                                      const std::function<void(const EngagementRow&)>& row,
                                      std::string& error) const {
    if (m_several) return each_engagement_of(*m_several, period, row, error);
    EngagementRow r;
    return each(
        period,
        "SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, sequence, kind, subject, value, at,"
        " utc_offset_minutes FROM engagement WHERE at BETWEEN ?1 AND ?2 ORDER BY at, kiosk_id, id",
        [&](sqlite3_stmt* statement) {
            read_provenance(statement, r.from);
            read_text(statement, 4, r.event.session_id);
            r.event.sequence = sqlite3_column_int64(statement, 5);
            read_text(statement, 6, r.event.kind);
            read_text(statement, 7, r.event.subject);
            r.event.value = sqlite3_column_int64(statement, 8);
            r.event.at_unix_seconds = sqlite3_column_int64(statement, 9);
            r.utc_offset_minutes = sqlite3_column_int(statement, 10);
            row(r);
        },
        error);
}

bool FeedbackArchive::each_survey_answer(const Period& period,
                                         const std::function<void(const SurveyAnswerRow&)>& row,
                                         std::string& error) const {
    if (m_several) return each_survey_answer_of(*m_several, period, row, error);
    SurveyAnswerRow r;
    return each(
        period,
        "SELECT kiosk_id, venue, bundle_id, bundle_version, session_id, question_id, answer, language, at,"
        " utc_offset_minutes FROM survey_answers WHERE at BETWEEN ?1 AND ?2 ORDER BY at, kiosk_id, id",
        [&](sqlite3_stmt* statement) {
            read_provenance(statement, r.from);
            read_text(statement, 4, r.session_id);
            read_text(statement, 5, r.question_id);
            read_text(statement, 6, r.answer);
            read_text(statement, 7, r.language);
            r.at_unix_seconds = sqlite3_column_int64(statement, 8);
            r.utc_offset_minutes = sqlite3_column_int(statement, 9);
            row(r);
        },
        error);
}

bool FeedbackArchive::each(const Period& period, const char* sql,
                           const std::function<void(sqlite3_stmt*)>& row, std::string& error) const {
    long long low = 0;
    long long high = 0;
    if (!period.inclusive(low, high)) return true;
    Statement statement = sqlite::prepare(m_db, sql, error);
    if (!statement) return false;
    sqlite3_bind_int64(statement.get(), 1, low);
    sqlite3_bind_int64(statement.get(), 2, high);
    int rc = 0;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) row(statement.get());
    if (rc != SQLITE_DONE) {
        // Opening checked the tables and the size: what fails now is a damaged
        // page, or the disk.
        error = m_temporary.empty()
                    ? m_files + ": cannot read it (" + describe(m_db) +
                          "); it may be damaged: take a fresh copy from the kiosk or its export"
                    : "cannot read " + m_temporary.string() + ", the copy made to read " + m_files + " (" +
                          describe(m_db) + ")";
        return false;
    }
    return true;
}

// Over one file, each query takes the period as ?1..?2 and aggregates in SQL;
// the C++ only folds a few hundred groups together (SummaryTally). Measured on a
// million events: ~0.5 s, the bulk in the reactions' and the survey's GROUP BYs.
// Over several, one pass over each file's rows (summarise_files).
bool FeedbackArchive::summarise(const Period& period, FeedbackSummary& summary, std::string& error) const {
    summary = FeedbackSummary{};
    SummaryTally tally;
    const bool ok =
        m_several ? summarise_files(*m_several, period, tally, error) : summarise_sql(period, tally, error);
    if (ok) summary = tally.finish();
    return ok;
}

bool FeedbackArchive::summarise_sql(const Period& period, SummaryTally& tally, std::string& error) const {
    auto integer = [](sqlite3_stmt* statement, int column) {
        return sqlite3_column_int64(statement, column);
    };

    // min() and max() alone are each one step into the time index.
    bool ok = each(
        period,
        "SELECT (SELECT min(at) FROM reactions WHERE at BETWEEN ?1 AND ?2),"
        " (SELECT max(at) FROM reactions WHERE at BETWEEN ?1 AND ?2),"
        " (SELECT min(at) FROM engagement WHERE at BETWEEN ?1 AND ?2),"
        " (SELECT max(at) FROM engagement WHERE at BETWEEN ?1 AND ?2),"
        " (SELECT min(at) FROM survey_answers WHERE at BETWEEN ?1 AND ?2),"
        " (SELECT max(at) FROM survey_answers WHERE at BETWEEN ?1 AND ?2)",
        [&](sqlite3_stmt* statement) {
            for (int column = 0; column < 6; ++column)
                if (sqlite3_column_type(statement, column) != SQLITE_NULL)
                    tally.time(integer(statement, column));
        },
        error);

    // Visits, through the partial index of session starts, which covers these
    // queries. It is named because SQLite, without statistics (a kiosk's file
    // never has them), would pick the index by kind and read every start's row.
    const std::string visits =
        " FROM engagement INDEXED BY engagement_visits WHERE kind = 'session_start' AND at BETWEEN ?1 AND ?2";
    ok = ok && each(
                   period, ("SELECT count(DISTINCT session_id)" + visits).c_str(),
                   [&](sqlite3_stmt* statement) { tally.visitors(integer(statement, 0)); }, error);
    // Per local hour (counted from the epoch, rounded down), venue and kiosk in one pass.
    ok = ok &&
         each(
             period,
             ("SELECT local / 3600 - (local % 3600 < 0) AS hour, venue, kiosk_id, count(DISTINCT session_id)"
              " FROM (SELECT at + 60 * utc_offset_minutes AS local, venue, kiosk_id, session_id" +
              visits + ") GROUP BY hour, venue, kiosk_id")
                 .c_str(),
             [&](sqlite3_stmt* statement) {
                 tally.visits_in_hour(integer(statement, 0), raw_text(statement, 1), raw_text(statement, 2),
                                      integer(statement, 3));
             },
             error);

    // A visit records its first choice of language once (value 0), so counting
    // those rows counts visits, from the covering index alone.
    ok = ok &&
         each(
             period,
             "SELECT subject, count(*) AS visits FROM engagement"
             " WHERE kind = 'language' AND value = 0 AND at BETWEEN ?1 AND ?2"
             " GROUP BY subject ORDER BY visits DESC, subject",
             [&](sqlite3_stmt* statement) { tally.language(raw_text(statement, 0), integer(statement, 1)); },
             error);
    ok = ok && each(
                   period,
                   "SELECT subject, count(*) AS visits FROM engagement"
                   " WHERE kind = 'session_end' AND at BETWEEN ?1 AND ?2"
                   " GROUP BY subject ORDER BY visits DESC, subject",
                   [&](sqlite3_stmt* statement) {
                       tally.session_end(raw_text(statement, 0), integer(statement, 1));
                   },
                   error);

    // Reactions once, by venue, kiosk, artifact and rating (a few hundred groups).
    ok = ok && each(
                   period,
                   "SELECT venue, kiosk_id, artifact_id, rating, count(*) FROM reactions"
                   " WHERE at BETWEEN ?1 AND ?2 GROUP BY venue, kiosk_id, artifact_id, rating",
                   [&](sqlite3_stmt* statement) {
                       tally.reactions(raw_text(statement, 0), raw_text(statement, 1), raw_text(statement, 2),
                                       integer(statement, 3), integer(statement, 4));
                   },
                   error);

    // Dwell: the views sorted by artifact and dwell straight from the covering index.
    ok = ok &&
         each(
             period,
             "SELECT subject, value FROM engagement WHERE kind = 'artifact_view' AND at BETWEEN ?1 AND ?2"
             " ORDER BY subject, value",
             [&](sqlite3_stmt* statement) { tally.view(raw_text(statement, 0), integer(statement, 1)); },
             error);

    // Questions in the order they were first answered (the order the survey asks
    // them), each question's answers most chosen first.
    ok = ok && each(
                   period,
                   "WITH answers AS (SELECT question_id, answer,"
                   "  row_number() OVER (ORDER BY at, kiosk_id, id) AS seen"
                   "  FROM survey_answers WHERE at BETWEEN ?1 AND ?2)"
                   " SELECT question_id, answer, count(*) AS chosen,"
                   "  min(min(seen)) OVER (PARTITION BY question_id) AS first_seen"
                   " FROM answers GROUP BY question_id, answer ORDER BY first_seen, chosen DESC, answer",
                   [&](sqlite3_stmt* statement) {
                       tally.survey(raw_text(statement, 0), raw_text(statement, 1), integer(statement, 2));
                   },
                   error);
    ok =
        ok && each(
                  period,
                  "SELECT venue, kiosk_id, count(*) FROM survey_answers WHERE at BETWEEN ?1 AND ?2"
                  " GROUP BY venue, kiosk_id",
                  [&](sqlite3_stmt* statement) {
                      tally.answers_at(raw_text(statement, 0), raw_text(statement, 1), integer(statement, 2));
                  },
                  error);
    return ok;
}

}  // namespace amanat::store
