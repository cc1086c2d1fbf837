#pragma once

// Reading kiosks' feedback files for organisers: the rows for export, a summary,
// and merging many kiosks' files into one. The `amanat feedback` commands are
// built on this; the schema is in feedback_store.hpp.
//
// Files are never modified by reading them. Several files are read as their
// merge (the same UNIQUE keys as merge_feedback(), the first file's version of a
// row wins), so giving a merged file and one of its sources together counts
// nothing twice; they are read where they are, without building that merge
// (feedback_streams.hpp, files_summary.hpp). Files of an older schema are read
// as if migrated (through a temporary copy; the original is untouched). A
// file is checked when opened, before anything is read or written: a file of a
// newer schema, one that is not a feedback database (not SQLite, another
// program's tables, a feedback table without a column this program reads or of
// another type), a damaged or cut-short one, or anything but a regular file is
// refused with a message naming it, saying what is wrong and what to do. Text is
// handed over as valid UTF-8 (see append_valid_utf8 in core/files/json_record.hpp),
// whatever bytes the file holds.
//
// Thread contract: none of this is used by the kiosk; one FeedbackArchive is used
// from one thread at a time.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/feedback_store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace amanat::store {

class SourceFiles;
class SummaryTally;

// A span of time in Unix seconds (UTC): `since` inclusive, `until` exclusive;
// an unset end is open.
struct Period {
    std::optional<long long> since;
    std::optional<long long> until;
    bool contains(long long at) const { return (!since || at >= *since) && (!until || at < *until); }
    // As an inclusive [low, high] for SQL's BETWEEN; false if the period is empty.
    bool inclusive(long long& low, long long& high) const;
};

// One row of each table as exported, with its provenance. `utc_offset_minutes`
// gives the venue's local time: at + 60 * utc_offset_minutes.
struct ReactionRow {
    Provenance from;
    Reaction reaction;
    int utc_offset_minutes = 0;
};
struct EngagementRow {
    Provenance from;
    EngagementEvent event;
    int utc_offset_minutes = 0;
};
struct SurveyAnswerRow {
    Provenance from;
    std::string session_id;
    std::string question_id;
    std::string answer;  // one option id, or "1".."5"
    std::string language;
    long long at_unix_seconds = 0;
    int utc_offset_minutes = 0;
};

// What `amanat feedback summary` shows. Days and hours are venue-local (each
// row's own UTC offset). Lists are sorted as documented per member; counts of
// visitors are distinct session ids that have a session_start event.
struct FeedbackSummary {
    struct Count {
        std::string key;
        long long count = 0;
    };
    struct ArtifactReactions {
        std::string artifact_id;
        long long reactions = 0;
        double mean_rating = 0;  // 1..5
        long long ratings[5]{};  // how many of each rating, 1 first
    };
    struct ArtifactDwell {
        std::string artifact_id;
        long long views = 0;
        long long total_dwell_ms = 0;
        long long median_dwell_ms = 0;
    };
    struct SurveyCount {
        std::string question_id;
        std::string answer;
        long long count = 0;
    };
    struct Venue {
        std::string venue;
        long long kiosks = 0;  // distinct kiosk ids that started a visit or recorded a reaction or answer
        long long visitors = 0;
        long long reactions = 0;
        double mean_rating = 0;
        long long survey_answers = 0;
    };

    long long visitors = 0;
    std::optional<long long> first_at;  // earliest and latest row, Unix seconds UTC
    std::optional<long long> last_at;
    std::vector<Count> visitors_per_day;          // "YYYY-MM-DD", ascending
    std::vector<Count> visitors_per_hour;         // "00".."23", only hours with visitors, ascending
    std::vector<Count> languages;                 // sessions per first language chosen, most first
    std::vector<Count> session_end_reasons;       // "idle", "finished", most first
    std::vector<ArtifactReactions> by_reactions;  // most reactions first, then higher mean
    std::vector<ArtifactDwell> by_dwell;          // most total dwell first
    std::vector<SurveyCount> survey;              // by question (first seen order), then most answered
    std::vector<Venue> venues;                    // most visitors first
};

// Rows added to the destination by a merge, per table.
struct MergeCounts {
    long long reactions = 0;
    long long engagement = 0;
    long long survey_answers = 0;
};

// Merges the `sources` into `into`. Rows whose UNIQUE key is already there are
// not added again, so merging the same file twice adds nothing. `into` must be
// missing or empty (it is then created at the latest schema, WAL like a
// kiosk's) or a sound feedback database (an older schema is migrated, its
// journal mode kept): anything else is refused, read-only, before anything is
// written to it. All or nothing: the migration and the rows are one
// transaction, and a merge that fails for any reason leaves `into` byte for
// byte as it was (a file it created is removed). `error` names the file at fault.
bool merge_feedback(const std::filesystem::path& into, const std::vector<std::filesystem::path>& sources,
                    MergeCounts& added, std::string& error);

class FeedbackArchive {
  public:
    // Opens the files for reading (see above). Null with `error` naming the file
    // and the problem (missing, not a feedback database, newer schema...).
    static std::unique_ptr<FeedbackArchive> open(const std::vector<std::filesystem::path>& files,
                                                 std::string& error);
    ~FeedbackArchive();
    FeedbackArchive(const FeedbackArchive&) = delete;
    FeedbackArchive& operator=(const FeedbackArchive&) = delete;

    // Each row whose `at` is in `period`, in time order (then kiosk, then id),
    // streamed: a million rows never sit in memory at once. False with `error`
    // set if reading fails.
    bool each_reaction(const Period& period, const std::function<void(const ReactionRow&)>& row,
                       std::string& error) const;
    bool each_engagement(const Period& period, const std::function<void(const EngagementRow&)>& row,
                         std::string& error) const;
    bool each_survey_answer(const Period& period, const std::function<void(const SurveyAnswerRow&)>& row,
                            std::string& error) const;

    bool summarise(const Period& period, FeedbackSummary& summary, std::string& error) const;

  private:
    FeedbackArchive(sqlite3* db, std::filesystem::path temporary, std::string files);
    explicit FeedbackArchive(std::unique_ptr<SourceFiles> several);
    // Runs `sql` (which takes the period as ?1, ?2 inclusive) and hands each row over.
    bool each(const Period& period, const char* sql, const std::function<void(sqlite3_stmt*)>& row,
              std::string& error) const;
    bool summarise_sql(const Period& period, SummaryTally& tally, std::string& error) const;

    // One file: read where it is, with SQL.
    sqlite3* const m_db = nullptr;
    const std::filesystem::path m_temporary;  // a migrated copy to delete, or empty
    const std::string m_files;                // the file read, for messages
    // Several files: each read where it is (or its migrated copy).
    const std::unique_ptr<SourceFiles> m_several;
};

}  // namespace amanat::store
