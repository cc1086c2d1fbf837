#include "store/feedback_tables.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <system_error>

#include "core/files/csv_writer.hpp"
#include "core/files/utc_time.hpp"
#include "durable/durable_file.hpp"
#include "store/feedback_schema.hpp"
#include "store/sqlite_connection.hpp"

namespace amanat::store {
namespace {

namespace fs = std::filesystem;

// The columns every table starts with: when (in UTC and at the venue), where,
// showing what, and which visit. Time first, as the rows are in time order.
void common_columns(RowSink& row, const Provenance& from, const std::string& session_id, long long at,
                    int utc_offset_minutes) {
    row.text("time_utc", format_utc_time(at));
    row.text("local_time", format_local_time(at, utc_offset_minutes));
    row.number("utc_offset_minutes", utc_offset_minutes);
    row.text("venue", from.venue);
    row.text("kiosk_id", from.kiosk_id);
    row.text("bundle_id", from.bundle_id);
    row.text("bundle_version", from.bundle_version);
    row.text("session_id", session_id);
}

// The CSV header is the column names a row writes, so the two cannot disagree.
class CsvHeader final : public RowSink {
  public:
    void text(std::string_view column, std::string_view) override { m_record.text(column); }
    void number(std::string_view column, long long) override { m_record.text(column); }
    std::string_view finish() { return m_record.finish(); }

  private:
    CsvRecord m_record;
};

class CsvRow final : public RowSink {
  public:
    void text(std::string_view, std::string_view value) override { m_record.text(value); }
    void number(std::string_view, long long value) override { m_record.number(value); }
    std::string_view finish() { return m_record.finish(); }

  private:
    CsvRecord m_record;
};

template <typename Row>
bool write_csv(const FeedbackArchive& archive, const Period& period, bool byte_order_mark,
               const std::function<void(std::string_view)>& write, long long& rows, std::string& error) {
    rows = 0;
    if (byte_order_mark) write(kUtf8ByteOrderMark);
    CsvHeader header;
    columns(header, Row{});
    write(header.finish());
    CsvRow csv;
    return each_row<Row>(
        archive, period,
        [&](const Row& row) {
            columns(csv, row);
            write(csv.finish());
            ++rows;
        },
        error);
}

std::string reason(int error_number) {
    return std::strerror(error_number);
}

// Makes the renames in `folder` durable (durable/durable_file). A failure does
// not stop the export: every file in it is synced already, so a power cut could
// lose a new name, never mix an old file with a new one.
void sync_folder(const fs::path& folder) {
    std::string ignored;
    fsync_folder(folder, ignored);
}

bool sync_file(const fs::path& file, std::string& error) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    int failure = fd < 0 ? errno : 0;
    if (failure == 0 && ::fsync(fd) != 0) failure = errno;
    if (fd >= 0) ::close(fd);
    if (failure != 0) error = "cannot write " + file.string() + ": " + reason(failure);
    return failure == 0;
}

// "amanat-feedback-<name>-<YYYYMMDD-HHMMSS>" in the kiosk's local time, which is
// what staff read on the stick. Only characters every file system and shell
// take as they are.
std::string export_folder_name(const std::string& kiosk_name) {
    std::string name;
    for (const char c : kiosk_name.substr(0, 40)) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '-' || c == '_' || c == '.';
        name.push_back(plain ? c : '-');
    }
    if (name.empty()) name = "kiosk";
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    return "amanat-feedback-" + name + "-" + stamp;
}

// A copy of `database` at `copy`, taken with SQLite's online backup in one step,
// that is in one read transaction: consistent however the kiosk writes meanwhile.
// The copy uses a rollback journal, so it is one self-contained file.
bool copy_database(const fs::path& database, const fs::path& copy, std::string& error) {
    schema::Source source;
    if (!schema::inspect_source(database, source, error)) return false;
    sqlite::Connection from;
    if (!schema::open_source(source, from, error)) {
        error = database.string() + ": cannot open it: " + error;
        return false;
    }
    sqlite::Connection to;
    if (!sqlite::open(copy, sqlite::Missing::create, to, error)) {
        error = "cannot create " + copy.string() + ": " + error;
        return false;
    }
    sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (backup == nullptr) {
        error =
            "cannot copy " + database.string() + " to " + copy.string() + ": " + sqlite::describe(to.get());
        return false;
    }
    int rc = SQLITE_OK;
    // The kiosk's writer holds its lock for a commit at a time (milliseconds):
    // wait for it a little, as the archive does.
    for (int attempt = 0; attempt < 50; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        sqlite3_sleep(100);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        error = "cannot copy " + database.string() + " to " + copy.string() + ": " + sqlite3_errstr(rc);
        return false;
    }
    // The backup copies the source's page 1, WAL flag included; a copy on a stick
    // must be one file that any SQLite opens read-only.
    std::string mode;
    if (sqlite::query_text(to.get(), "PRAGMA journal_mode = DELETE", mode) != SQLITE_OK || mode != "delete") {
        error = "cannot finish the copy " + copy.string() + ": " + sqlite::describe(to.get());
        return false;
    }
    to.reset();
    return sync_file(copy, error);
}

template <typename Row>
bool write_table_file(const FeedbackArchive& archive, const fs::path& file, long long& rows,
                      std::string& error) {
    // Complete and synced under a temporary name, then renamed into place.
    const std::unique_ptr<DurableFile> out = DurableFile::create(file, error);
    if (!out) return false;
    const bool read = write_csv<Row>(
        archive, {}, true, [&](std::string_view bytes) { out->write(bytes); }, rows, error);
    if (!read) return false;
    return out->commit(error);
}

}  // namespace

void columns(RowSink& row, const ReactionRow& r) {
    common_columns(row, r.from, r.reaction.session_id, r.reaction.at_unix_seconds, r.utc_offset_minutes);
    row.text("artifact_id", r.reaction.artifact_id);
    row.number("rating", r.reaction.rating);
    row.text("language", r.reaction.language);
}

void columns(RowSink& row, const EngagementRow& r) {
    common_columns(row, r.from, r.event.session_id, r.event.at_unix_seconds, r.utc_offset_minutes);
    row.number("sequence", r.event.sequence);
    row.text("kind", r.event.kind);
    row.text("subject", r.event.subject);
    row.number("value", r.event.value);
}

void columns(RowSink& row, const SurveyAnswerRow& r) {
    common_columns(row, r.from, r.session_id, r.at_unix_seconds, r.utc_offset_minutes);
    row.text("question_id", r.question_id);
    row.text("answer", r.answer);
    row.text("language", r.language);
}

bool write_csv_table(const FeedbackArchive& archive, FeedbackTable table, const Period& period,
                     bool byte_order_mark, const std::function<void(std::string_view)>& write,
                     long long& rows, std::string& error) {
    switch (table) {
        case FeedbackTable::reactions:
            return write_csv<ReactionRow>(archive, period, byte_order_mark, write, rows, error);
        case FeedbackTable::engagement:
            return write_csv<EngagementRow>(archive, period, byte_order_mark, write, rows, error);
        case FeedbackTable::survey:
            return write_csv<SurveyAnswerRow>(archive, period, byte_order_mark, write, rows, error);
    }
    return false;
}

bool export_feedback_to_folder(const fs::path& database, const fs::path& folder,
                               const std::string& kiosk_name_for_files, ExportSummary& out,
                               std::string& error) {
    out = {};
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        error = "cannot export to " + folder.string() + ": " + (ec ? ec.message() : "not a folder");
        return false;
    }
    // A second export within the same second gets "-2": never mix two exports.
    const std::string name = export_folder_name(kiosk_name_for_files);
    fs::path final_folder;
    fs::path part;
    for (int n = 1;; ++n) {
        const std::string numbered = n == 1 ? name : name + "-" + std::to_string(n);
        final_folder = folder / numbered;
        part = folder / (numbered + ".part");
        const bool taken = fs::exists(final_folder, ec);
        if (!taken && ::mkdir(part.c_str(), 0755) == 0) break;
        if ((taken || errno == EEXIST) && n < 100) continue;
        error = "cannot create a folder in " + folder.string() + ": " + reason(taken ? EEXIST : errno);
        return false;
    }
    // Anything failing from here leaves no ".part" folder behind, as far as the stick allows.
    struct RemoveUnlessDone {
        const fs::path& part;
        bool done = false;
        ~RemoveUnlessDone() {
            std::error_code ignored;
            if (!done) fs::remove_all(part, ignored);
        }
    } cleanup{part};

    const fs::path copy = part / "feedback.sqlite";
    const fs::path copying = part / ".feedback.sqlite.part";
    if (!copy_database(database, copying, error)) return false;
    if (::rename(copying.c_str(), copy.c_str()) != 0) {
        error = "cannot write " + copy.string() + ": " + reason(errno);
        return false;
    }
    out.database_bytes = fs::file_size(copy, ec);
    if (ec) out.database_bytes = 0;

    {
        // Read from the copy: the tables then hold exactly what the copy holds.
        std::unique_ptr<FeedbackArchive> archive = FeedbackArchive::open({copy}, error);
        if (!archive) return false;
        if (!write_table_file<ReactionRow>(*archive, part / "reactions.csv", out.reactions, error) ||
            !write_table_file<EngagementRow>(*archive, part / "engagement.csv", out.engagement, error) ||
            !write_table_file<SurveyAnswerRow>(*archive, part / "survey.csv", out.survey_answers, error))
            return false;
    }
    sync_folder(part);
    if (::rename(part.c_str(), final_folder.c_str()) != 0) {
        error = "cannot rename " + part.string() + " to " + final_folder.string() + ": " + reason(errno);
        return false;
    }
    cleanup.done = true;
    sync_folder(folder);
    out.folder = final_folder;
    return true;
}

}  // namespace amanat::store
