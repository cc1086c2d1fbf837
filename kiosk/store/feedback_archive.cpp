#include "store/feedback_archive.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <ctime>
#include <map>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/json_record.hpp"
#include "store/feedback_schema.hpp"
#include "store/source_merge.hpp"

namespace amanat::store {

namespace {

using schema::Atomicity;
using schema::Connection;
using schema::describe;
using schema::Source;
using schema::Statement;

// A column's bytes as they are in the file.
std::string_view raw_text(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    return text != nullptr
               ? std::string_view(reinterpret_cast<const char*>(text),
                                  static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
               : std::string_view();
}

// Every text the archive hands over is valid UTF-8 (core's append_valid_utf8),
// whatever bytes a damaged or hostile file holds, so that no output made from
// it (CSV, JSON, the terminal) is not. Into an existing string, reusing its
// storage: export hands over one row object per table, refilled for every row,
// so a million rows are not a million sets of allocations.
void read_text(sqlite3_stmt* statement, int column, std::string& into) {
    into.clear();
    append_valid_utf8(into, raw_text(statement, column));
}

std::string column_text(sqlite3_stmt* statement, int column) {
    std::string text;
    read_text(statement, column, text);
    return text;
}

// Columns 0..3 of every export query.
void read_provenance(sqlite3_stmt* statement, Provenance& into) {
    read_text(statement, 0, into.kiosk_id);
    read_text(statement, 1, into.venue);
    read_text(statement, 2, into.bundle_id);
    read_text(statement, 3, into.bundle_version);
}

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
    if (ok && !schema::exec(connection.get(), schema::kMergeCache, error))
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

    // One file at the latest schema, with the indexes reading relies on, is read where it is.
    if (sources.size() == 1 && sources[0].indexed) {
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

    // Otherwise their merge, in a temporary database of our own.
    std::filesystem::path temporary = schema::make_temporary_database(error);
    if (temporary.empty()) return nullptr;
    Connection connection;
    MergeCounts ignored;
    if (!schema::create_temporary(temporary, connection, error) ||
        !schema::merge_sources(connection.get(), latest_schema_version(), sources, Atomicity::batches,
                               ignored, error)) {
        connection.reset();
        schema::remove_database(temporary);
        return nullptr;
    }
    std::string names;
    for (const auto& file : files) names += (names.empty() ? "" : ", ") + file.string();
    return std::unique_ptr<FeedbackArchive>(
        new FeedbackArchive(connection.release(), std::move(temporary), std::move(names)));
}

FeedbackArchive::FeedbackArchive(sqlite3* db, std::filesystem::path temporary, std::string files)
    : m_db(db), m_temporary(std::move(temporary)), m_files(std::move(files)) {}

FeedbackArchive::~FeedbackArchive() {
    sqlite3_close(m_db);
    if (!m_temporary.empty()) schema::remove_database(m_temporary);
}

bool FeedbackArchive::each_reaction(const Period& period, const std::function<void(const ReactionRow&)>& row,
                                    std::string& error) const {
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
    Statement statement = schema::prepare(m_db, sql, error);
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

namespace {

// What the summary adds up per venue.
struct VenueTally {
    std::vector<std::string> kiosks;
    long long visitors = 0;
    long long reactions = 0;
    long long rating_sum = 0;
    long long survey_answers = 0;
    void kiosk(const std::string& id) {
        if (std::find(kiosks.begin(), kiosks.end(), id) == kiosks.end()) kiosks.push_back(id);
    }
};

// "YYYY-MM-DD" and "HH" of an hour counted from the epoch (in local time).
void day_and_hour(long long hour, std::string& day, std::string& hour_of_day) {
    std::time_t time = static_cast<std::time_t>(hour * 3600);
    std::tm tm{};
    gmtime_r(&time, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    day = text;
    std::strftime(text, sizeof text, "%H", &tm);
    hour_of_day = text;
}

std::vector<FeedbackSummary::Count> as_counts(const std::map<std::string, long long>& counts) {
    std::vector<FeedbackSummary::Count> list;
    for (const auto& [key, count] : counts) list.push_back({key, count});
    return list;
}

}  // namespace

// Each query takes the period as ?1..?2 and aggregates in SQL; the C++ only
// folds a few hundred groups together. Measured on a million events: ~0.5 s,
// the bulk in the reactions' and the survey's GROUP BYs.
bool FeedbackArchive::summarise(const Period& period, FeedbackSummary& summary, std::string& error) const {
    summary = FeedbackSummary{};
    auto integer = [](sqlite3_stmt* statement, int column) {
        return sqlite3_column_int64(statement, column);
    };
    auto counts_into = [&](std::vector<FeedbackSummary::Count>& list) {
        return [&list, &integer](sqlite3_stmt* statement) {
            list.push_back({column_text(statement, 0), integer(statement, 1)});
        };
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
            for (int column = 0; column < 6; ++column) {
                if (sqlite3_column_type(statement, column) == SQLITE_NULL) continue;
                long long at = integer(statement, column);
                auto& end = column % 2 == 0 ? summary.first_at : summary.last_at;
                if (!end || (column % 2 == 0 ? at < *end : at > *end)) end = at;
            }
        },
        error);

    // Visits, through the partial index of session starts, which covers these
    // queries. It is named because SQLite, without statistics (a kiosk's file
    // never has them), would pick the index by kind and read every start's row.
    const std::string visits =
        " FROM engagement INDEXED BY engagement_visits WHERE kind = 'session_start' AND at BETWEEN ?1 AND ?2";
    ok = ok && each(
                   period, ("SELECT count(DISTINCT session_id)" + visits).c_str(),
                   [&](sqlite3_stmt* statement) { summary.visitors = integer(statement, 0); }, error);
    // Per local hour (counted from the epoch, rounded down), venue and kiosk in
    // one pass; days, hours of the day and venues are sums of those groups (a
    // visit starts once, so it is in exactly one group).
    std::map<std::string, long long> per_day;
    std::map<std::string, long long> per_hour;
    std::map<std::string, VenueTally> venues;
    ok = ok &&
         each(
             period,
             ("SELECT local / 3600 - (local % 3600 < 0) AS hour, venue, kiosk_id, count(DISTINCT session_id)"
              " FROM (SELECT at + 60 * utc_offset_minutes AS local, venue, kiosk_id, session_id" +
              visits + ") GROUP BY hour, venue, kiosk_id")
                 .c_str(),
             [&](sqlite3_stmt* statement) {
                 std::string day;
                 std::string hour;
                 day_and_hour(integer(statement, 0), day, hour);
                 long long count = integer(statement, 3);
                 per_day[day] += count;
                 per_hour[hour] += count;
                 VenueTally& venue = venues[column_text(statement, 1)];
                 venue.kiosk(column_text(statement, 2));
                 venue.visitors += count;
             },
             error);
    summary.visitors_per_day = as_counts(per_day);
    summary.visitors_per_hour = as_counts(per_hour);

    // A visit records its first choice of language once (value 0), so counting
    // those rows counts visits, from the covering index alone.
    ok = ok && each(period,
                    "SELECT subject, count(*) AS visits FROM engagement"
                    " WHERE kind = 'language' AND value = 0 AND at BETWEEN ?1 AND ?2"
                    " GROUP BY subject ORDER BY visits DESC, subject",
                    counts_into(summary.languages), error);
    ok = ok && each(period,
                    "SELECT subject, count(*) AS visits FROM engagement"
                    " WHERE kind = 'session_end' AND at BETWEEN ?1 AND ?2"
                    " GROUP BY subject ORDER BY visits DESC, subject",
                    counts_into(summary.session_end_reasons), error);

    // Reactions once, by venue, kiosk, artifact and rating (a few hundred groups),
    // for both the artifacts' table and the venues'.
    std::map<std::string, FeedbackSummary::ArtifactReactions> artifacts;
    ok = ok && each(
                   period,
                   "SELECT venue, kiosk_id, artifact_id, rating, count(*) FROM reactions"
                   " WHERE at BETWEEN ?1 AND ?2 GROUP BY venue, kiosk_id, artifact_id, rating",
                   [&](sqlite3_stmt* statement) {
                       VenueTally& venue = venues[column_text(statement, 0)];
                       venue.kiosk(column_text(statement, 1));
                       std::string id = column_text(statement, 2);
                       auto& artifact = artifacts[id];
                       artifact.artifact_id = id;
                       const long long rating = integer(statement, 3);
                       const long long count = integer(statement, 4);
                       if (rating >= 1 && rating <= 5) artifact.ratings[rating - 1] += count;
                       artifact.reactions += count;
                       artifact.mean_rating +=
                           static_cast<double>(rating * count);  // a sum until divided below
                       venue.reactions += count;
                       venue.rating_sum += rating * count;
                   },
                   error);
    for (auto& [id, artifact] : artifacts) {
        if (artifact.reactions > 0) artifact.mean_rating /= static_cast<double>(artifact.reactions);
        summary.by_reactions.push_back(artifact);
    }
    std::sort(summary.by_reactions.begin(), summary.by_reactions.end(), [](const auto& a, const auto& b) {
        if (a.reactions != b.reactions) return a.reactions > b.reactions;
        if (a.mean_rating != b.mean_rating) return a.mean_rating > b.mean_rating;
        return a.artifact_id < b.artifact_id;
    });

    // Dwell: the views sorted by artifact and dwell straight from the covering
    // index, so the median is the middle of each artifact's run; only one
    // artifact's values are held at a time.
    std::vector<long long> dwell;
    std::string run_id;
    auto close_artifact = [&] {
        if (dwell.empty()) return;
        const std::size_t n = dwell.size();
        // With an even number, the mean of the two middle values (rounded down).
        summary.by_dwell.back().median_dwell_ms =
            n % 2 == 1 ? dwell[n / 2] : dwell[n / 2 - 1] + (dwell[n / 2] - dwell[n / 2 - 1]) / 2;
        dwell.clear();
    };
    ok = ok &&
         each(
             period,
             "SELECT subject, value FROM engagement WHERE kind = 'artifact_view' AND at BETWEEN ?1 AND ?2"
             " ORDER BY subject, value",
             [&](sqlite3_stmt* statement) {
                 // Runs are of the id as stored; the summary gets it as valid UTF-8.
                 const std::string_view id = raw_text(statement, 0);
                 if (summary.by_dwell.empty() || run_id != id) {
                     close_artifact();
                     run_id = id;
                     summary.by_dwell.push_back({column_text(statement, 0), 0, 0, 0});
                 }
                 auto& artifact = summary.by_dwell.back();
                 const long long value = integer(statement, 1);
                 ++artifact.views;
                 artifact.total_dwell_ms += value;
                 dwell.push_back(value);
             },
             error);
    close_artifact();
    std::sort(summary.by_dwell.begin(), summary.by_dwell.end(), [](const auto& a, const auto& b) {
        if (a.total_dwell_ms != b.total_dwell_ms) return a.total_dwell_ms > b.total_dwell_ms;
        return a.artifact_id < b.artifact_id;
    });

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
                       summary.survey.push_back(
                           {column_text(statement, 0), column_text(statement, 1), integer(statement, 2)});
                   },
                   error);
    ok = ok && each(
                   period,
                   "SELECT venue, kiosk_id, count(*) FROM survey_answers WHERE at BETWEEN ?1 AND ?2"
                   " GROUP BY venue, kiosk_id",
                   [&](sqlite3_stmt* statement) {
                       VenueTally& venue = venues[column_text(statement, 0)];
                       venue.kiosk(column_text(statement, 1));
                       venue.survey_answers += integer(statement, 2);
                   },
                   error);

    for (const auto& [name, tally] : venues) {
        const double mean = tally.reactions > 0 ? static_cast<double>(tally.rating_sum) / tally.reactions : 0;
        summary.venues.push_back({name, static_cast<long long>(tally.kiosks.size()), tally.visitors,
                                  tally.reactions, mean, tally.survey_answers});
    }
    std::sort(summary.venues.begin(), summary.venues.end(), [](const auto& a, const auto& b) {
        if (a.visitors != b.visitors) return a.visitors > b.visitors;
        return a.venue < b.venue;
    });
    if (!ok) summary = FeedbackSummary{};
    return ok;
}

}  // namespace amanat::store
