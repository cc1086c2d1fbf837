#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace amanat::cli {

// Where an export goes: standard output, or a file that appears only once it is
// complete. A file is written beside its final name (".NAME.part-PID", in the
// same folder so the rename cannot cross file systems) and renamed into place by
// commit(), so a failed or interrupted export never leaves a half-written file
// where the organiser expects the table. A device or pipe given as the file
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
    ExportOutput(int fd, std::string name, std::filesystem::path temporary, std::filesystem::path target);
    void drain();

    int m_fd;
    const std::string m_name;
    const std::filesystem::path m_temporary;  // empty when writing directly
    const std::filesystem::path m_target;
    std::string m_buffer;
    int m_errno = 0;  // the first write failure
    bool m_committed = false;
};

}  // namespace amanat::cli
