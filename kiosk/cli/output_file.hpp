#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace amanat {
class DurableFile;
}

namespace amanat::cli {

// Where an export goes: standard output, or a file that appears only once it is
// complete: durable/durable_file's DurableFile writes it beside its final name
// ("~amanat-NAME.PID-N", in the same folder so the rename cannot cross file
// systems) and commit() renames it into place, so a failed or interrupted export
// never leaves a half-written file where the organiser expects the table, and
// an earlier file there stays as it was. A device or pipe given as the file
// (/dev/stdout, a FIFO) is written directly.
class ExportOutput {
  public:
    // Standard output when `file` is empty. Null with `error` naming the file if
    // it cannot be created.
    static std::unique_ptr<ExportOutput> open(const std::optional<std::filesystem::path>& file,
                                              std::string& error);
    // Removes the temporary file unless commit() succeeded.
    ~ExportOutput();
    ExportOutput(const ExportOutput&) = delete;
    ExportOutput& operator=(const ExportOutput&) = delete;

    // Buffered. After the first failure writing stops; commit() reports it.
    void write(std::string_view bytes);

    // Writes what is buffered, makes the file durable and puts it in place.
    // False with `error` naming the file and the reason (e.g. a full disk).
    bool commit(std::string& error);

    // What to call the destination in messages.
    const std::string& name() const { return m_name; }

  private:
    ExportOutput(int fd, std::string name);                             // written directly
    ExportOutput(std::unique_ptr<DurableFile> file, std::string name);  // a file replaced whole
    void drain();

    std::unique_ptr<DurableFile> m_file;  // null when writing directly
    int m_fd = -1;                        // when writing directly
    const std::string m_name;
    std::string m_buffer;  // when writing directly
    int m_errno = 0;       // the first write failure
};

}  // namespace amanat::cli
