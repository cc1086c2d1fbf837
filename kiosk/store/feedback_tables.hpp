#pragma once

// The feedback as tables for organisers: which columns each table has, in which
// order (the one place that says so: `amanat feedback export` and the kiosk's
// staff mode both write through it), the CSV form of a table, and the export of
// a kiosk's feedback to a folder (a USB stick): the three tables as CSV and a
// consistent copy of the database file.
//
// Thread contract: free functions without shared state, each on its own
// connections; any thread, one call per archive at a time. They read and write
// whole files (seconds for a season's feedback, longer on a slow stick), so the
// kiosk runs export_feedback_to_folder() on a worker thread, never the render
// thread; it is safe while the kiosk's FeedbackStore keeps writing the same
// database (SQLite's locking; the copy is one read transaction).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "store/feedback_archive.hpp"

namespace amanat::store {

enum class FeedbackTable { reactions, engagement, survey };

// A row being written: each column by name, in the table's order. A CSV header,
// a CSV record and a JSON object are each a RowSink.
class RowSink {
  public:
    virtual ~RowSink() = default;
    virtual void text(std::string_view column, std::string_view value) = 0;
    virtual void number(std::string_view column, long long value) = 0;
};

// The columns of each table, in order. Every table starts with time_utc,
// local_time, utc_offset_minutes, venue, kiosk_id, bundle_id, bundle_version,
// session_id; then reactions: artifact_id, rating, language; engagement:
// sequence, kind, subject, value; survey: question_id, answer, language.
// README.md ("Feedback for organisers") documents them; keep the two together.
void columns(RowSink& row, const ReactionRow& r);
void columns(RowSink& row, const EngagementRow& r);
void columns(RowSink& row, const SurveyAnswerRow& r);

// The archive's rows of the table `Row` belongs to, streamed to `visit`.
template <typename Row, typename Visit>
bool each_row(const FeedbackArchive& archive, const Period& period, Visit&& visit, std::string& error) {
    if constexpr (std::is_same_v<Row, ReactionRow>) {
        return archive.each_reaction(period, visit, error);
    } else if constexpr (std::is_same_v<Row, EngagementRow>) {
        return archive.each_engagement(period, visit, error);
    } else {
        static_assert(std::is_same_v<Row, SurveyAnswerRow>);
        return archive.each_survey_answer(period, visit, error);
    }
}

// One table as CSV, handed to `write` piece by piece (streamed: a million rows
// never sit in memory): the UTF-8 byte order mark if asked, the header, one
// record per row (RFC 4180, CRLF, formula-looking text guarded; see
// core/files/csv_writer.hpp). `rows` is set to the number of rows written. False with
// `error` set if reading fails.
bool write_csv_table(const FeedbackArchive& archive, FeedbackTable table, const Period& period,
                     bool byte_order_mark, const std::function<void(std::string_view)>& write,
                     long long& rows, std::string& error);

// What export_feedback_to_folder() wrote.
struct ExportSummary {
    std::filesystem::path folder;  // the subfolder made, holding the files below
    long long reactions = 0;       // rows in reactions.csv
    long long engagement = 0;      // rows in engagement.csv
    long long survey_answers = 0;  // rows in survey.csv
    std::uintmax_t database_bytes = 0;
};

// Exports the kiosk's feedback `database` into a new subfolder of `folder` (the
// USB stick) named amanat-feedback-<kiosk_name_for_files>-<YYYYMMDD-HHMMSS>
// (the kiosk's local time; characters a FAT stick or a shell would trip on
// become '-'), holding:
//   feedback.sqlite  a copy of the database made with SQLite's online backup in
//                    one read transaction, so it is consistent even while the
//                    kiosk writes; a single file (rollback journal, not WAL), so
//                    it can be opened anywhere, `amanat feedback` included
//   reactions.csv, engagement.csv, survey.csv   every row, as `amanat feedback
//                    export --table ...` writes them (with the byte order mark),
//                    read from that copy, so tables and copy agree
// Each file is written under a temporary name, synced and renamed into place;
// the subfolder is built as "<name>.part" and renamed once everything is synced,
// so a stick pulled out too early holds a ".part" folder (or nothing), never a
// folder that looks complete and is not. On failure the ".part" folder is
// removed and `error` names the file and the reason (a full stick, a stick
// pulled out, a database that cannot be read).
bool export_feedback_to_folder(const std::filesystem::path& database, const std::filesystem::path& folder,
                               const std::string& kiosk_name_for_files, ExportSummary& out,
                               std::string& error);

}  // namespace amanat::store
