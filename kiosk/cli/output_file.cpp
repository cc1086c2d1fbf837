#include "cli/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>

#include "durable/durable_file.hpp"

namespace amanat::cli {
namespace {

// Large enough that a million rows take few system calls, small enough not to matter.
constexpr std::size_t kBufferSize = 1 << 20;

// The temporary file being written, for the signal handler: Ctrl-C during a long
// export must not leave "~amanat-NAME.PID-N" behind. One export at a time per process.
char g_temporary[4096];
volatile std::sig_atomic_t g_temporary_armed = 0;

extern "C" void remove_temporary_and_stop(int signal_number) {
    if (g_temporary_armed != 0) unlink(g_temporary);  // async-signal-safe
    std::signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void arm(const std::filesystem::path& temporary) {
    const std::string& text = temporary.native();
    if (text.size() >= sizeof g_temporary) return;  // too long to keep: only Ctrl-C would leave it
    std::memcpy(g_temporary, text.c_str(), text.size() + 1);
    g_temporary_armed = 1;
    struct sigaction action {};
    action.sa_handler = remove_temporary_and_stop;
    sigemptyset(&action.sa_mask);
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) sigaction(signal_number, &action, nullptr);
}

void disarm() {
    g_temporary_armed = 0;
}

std::string reason(int error_number) {
    return std::generic_category().message(error_number);
}

}  // namespace

std::unique_ptr<ExportOutput> ExportOutput::open(const std::optional<std::filesystem::path>& file,
                                                 std::string& error) {
    if (!file) {
        return std::unique_ptr<ExportOutput>(new ExportOutput(STDOUT_FILENO, "standard output"));
    }
    std::filesystem::path target = *file;
    struct stat existing {};
    if (::stat(target.c_str(), &existing) == 0) {
        if (S_ISDIR(existing.st_mode)) {
            error = "cannot write " + file->string() + ": it is a folder; give a file name";
            return nullptr;
        }
        if (!S_ISREG(existing.st_mode)) {
            // A device or a pipe cannot be replaced by a rename, and needs not be.
            const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
            if (fd < 0) {
                error = "cannot write " + file->string() + ": " + reason(errno);
                return nullptr;
            }
            return std::unique_ptr<ExportOutput>(new ExportOutput(fd, file->string()));
        }
        // A symbolic link to a file: write the file it names, as renaming over
        // the link would replace the link itself.
        std::error_code ec;
        if (std::filesystem::is_symlink(target, ec)) {
            const std::filesystem::path resolved = std::filesystem::canonical(target, ec);
            if (!ec) target = resolved;
        }
    }

    DurableWriteOptions options;
    options.mode = 0666;  // less the umask: the export gets the permissions any new file would
    options.name_in_messages = file->string();
    std::unique_ptr<DurableFile> durable = DurableFile::create(target, error, std::move(options));
    if (!durable) return nullptr;
    arm(durable->temporary());
    return std::unique_ptr<ExportOutput>(new ExportOutput(std::move(durable), file->string()));
}

ExportOutput::ExportOutput(int fd, std::string name) : m_fd(fd), m_name(std::move(name)) {
    m_buffer.reserve(kBufferSize);
}

ExportOutput::ExportOutput(std::unique_ptr<DurableFile> file, std::string name)
    : m_file(std::move(file)), m_name(std::move(name)) {}

ExportOutput::~ExportOutput() {
    if (m_fd != STDOUT_FILENO && m_fd >= 0) ::close(m_fd);
    if (m_file) {
        m_file.reset();  // removes the temporary unless committed
        disarm();
    }
}

void ExportOutput::write(std::string_view bytes) {
    if (m_file) {
        m_file->write(bytes);  // buffered there
        return;
    }
    if (m_errno != 0) return;
    m_buffer.append(bytes);
    if (m_buffer.size() >= kBufferSize) drain();
}

void ExportOutput::drain() {
    if (m_errno == 0) m_errno = write_all(m_fd, m_buffer);
    m_buffer.clear();
}

bool ExportOutput::commit(std::string& error) {
    if (m_file) {
        // fsync before the rename: after a power cut the file is either the old
        // one or the complete new one, never an empty file with the new name.
        const bool ok = m_file->commit(error);
        if (!ok) error += " (no partial file was left)";
        disarm();  // the temporary is gone either way
        return ok;
    }
    drain();
    if (m_fd != STDOUT_FILENO) {
        if (::close(m_fd) != 0 && m_errno == 0) m_errno = errno;  // NFS reports late failures here
        m_fd = -1;
    }
    if (m_errno != 0) {
        error = "cannot write " + m_name + ": " + reason(m_errno);
        return false;
    }
    return true;
}

}  // namespace amanat::cli
