#include "durable/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace amanat {

namespace fs = std::filesystem;

namespace durable_file_testing {
namespace {

int real_open(const char* path, int flags, mode_t mode) {
    return ::open(path, flags, mode);
}

const SystemCalls kReal{real_open, ::write, ::fsync, ::close, ::rename, ::unlink};

SystemCalls g_calls = kReal;

}  // namespace

SystemCalls& system_calls() {
    return g_calls;
}

const SystemCalls& real_system_calls() {
    return kReal;
}

}  // namespace durable_file_testing

namespace {

using durable_file_testing::system_calls;

constexpr std::size_t kBufferSize = 1 << 20;

// A file name's bytes kept in a temporary's name: with the prefix and the
// suffix, well below NAME_MAX (255).
constexpr std::size_t kNameBytesKept = 200;

std::atomic<unsigned> g_temporaries{0};

fs::path folder_of(const fs::path& file) {
    return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

// "~amanat-NAME.PID-N": the process id and a counter make it unique, so two
// writers of the same file (two threads, two commands) never share one.
fs::path temporary_name(const fs::path& file) {
    std::string name = file.filename().string();
    if (name.size() > kNameBytesKept) {
        std::size_t cut = kNameBytesKept;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
            --cut;  // whole UTF-8 letters
        name.resize(cut);
    }
    std::string temporary(kTemporaryPrefix);
    temporary += name;
    temporary += '.';
    temporary += std::to_string(::getpid());
    temporary += '-';
    temporary += std::to_string(g_temporaries.fetch_add(1));
    return folder_of(file) / temporary;
}

int open_temporary(const fs::path& file, mode_t mode, fs::path& temporary) {
    for (int attempt = 0;; ++attempt) {
        temporary = temporary_name(file);
        // O_EXCL: never a file someone else is writing (or a link planted there).
        const int fd = system_calls().open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0) return fd;
        if (errno == EINTR || (errno == EEXIST && attempt < 100))
            continue;  // EEXIST: left by a killed process
        return -1;
    }
}

int fsync_retrying(int fd) {
    while (system_calls().fsync(fd) != 0) {
        // Only EINTR is retried: after EIO the kernel may have dropped the pages,
        // and a second fsync would wrongly succeed.
        if (errno != EINTR) return errno;
    }
    return 0;
}

// 0 or the errno of a failed close. EINTR is not a failure: Linux has closed the
// descriptor by then, and calling close again could close another thread's file.
int close_reporting(int fd) {
    if (system_calls().close(fd) == 0 || errno == EINTR) return 0;
    return errno;
}

int rename_retrying(const fs::path& from, const fs::path& to) {
    while (system_calls().rename(from.c_str(), to.c_str()) != 0) {
        if (errno != EINTR) return errno;
    }
    return 0;
}

void step(const DurableWriteOptions& options, const char* what) {
    if (options.after_step != nullptr) options.after_step(what);
}

}  // namespace

std::string errno_text(int error_number) {
    return std::strerror(error_number);
}

int write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = system_calls().write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        // A regular file writes at least a byte or reports why not; 0 would loop
        // for ever, and happens when the disk is full.
        if (written == 0) return ENOSPC;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

bool fsync_folder(const fs::path& folder, std::string& error) {
    int fd = -1;
    do {
        fd = system_calls().open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        error = "cannot open the folder " + folder.string() + ": " + errno_text(errno);
        return false;
    }
    int failure = fsync_retrying(fd);
    system_calls().close(fd);            // read-only: nothing to report
    if (failure == EINVAL) failure = 0;  // cannot sync a folder at all: see the header
    if (failure != 0) error = "cannot sync the folder " + folder.string() + ": " + errno_text(failure);
    return failure == 0;
}

std::unique_ptr<DurableFile> DurableFile::create(const fs::path& file, std::string& error,
                                                 DurableWriteOptions options) {
    fs::path temporary;
    const int fd = open_temporary(file, options.mode, temporary);
    const std::string name = options.name_in_messages.empty() ? file.string() : options.name_in_messages;
    if (fd < 0) {
        error = "cannot write " + name + ": cannot create a file in the folder " + folder_of(file).string() +
                ": " + errno_text(errno);
        return nullptr;
    }
    std::unique_ptr<DurableFile> created(new DurableFile(fd, file, temporary, std::move(options)));
    if (created->m_options.prepare) created->m_errno = created->m_options.prepare(fd);
    return created;
}

DurableFile::DurableFile(int fd, fs::path file, fs::path temporary, DurableWriteOptions options)
    : m_fd(fd), m_file(std::move(file)), m_temporary(std::move(temporary)), m_options(std::move(options)) {}

DurableFile::~DurableFile() {
    if (m_fd >= 0) system_calls().close(m_fd);
    if (!m_committed) system_calls().unlink(m_temporary.c_str());
}

void DurableFile::write(std::string_view bytes) {
    if (m_errno != 0) return;
    if (m_buffer.capacity() < kBufferSize) m_buffer.reserve(kBufferSize);
    if (m_buffer.size() + bytes.size() > kBufferSize) drain();
    if (bytes.size() >= kBufferSize) {
        if (m_errno == 0) m_errno = write_all(m_fd, bytes);
    } else {
        m_buffer.append(bytes);
    }
}

void DurableFile::drain() {
    if (m_errno == 0 && !m_buffer.empty()) m_errno = write_all(m_fd, m_buffer);
    m_buffer.clear();
}

std::string DurableFile::message(const std::string& reason) const {
    std::string text = "cannot write ";
    text += m_options.name_in_messages.empty() ? m_file.string() : m_options.name_in_messages;
    text += ": ";
    text += reason;
    return text;
}

bool DurableFile::commit(std::string& error) {
    if (m_committed) return true;
    drain();
    if (m_errno == 0) m_errno = fsync_retrying(m_fd);
    const int closed = close_reporting(m_fd);  // a late failure (NFS, a full stick) shows here
    m_fd = -1;
    if (m_errno == 0) m_errno = closed;
    step(m_options, "write file");
    if (m_errno == 0) m_errno = rename_retrying(m_temporary, m_file);
    if (m_errno != 0) {
        system_calls().unlink(m_temporary.c_str());
        m_committed = true;  // nothing left to remove
        error = message(errno_text(m_errno));
        return false;
    }
    m_committed = true;
    step(m_options, "rename file");
    std::string why;
    const bool synced = fsync_folder(folder_of(m_file), why);
    step(m_options, "fsync folder");
    if (!synced) {
        error = message("it is in place, but may not survive a power cut: " + why);
        return false;
    }
    return true;
}

bool write_file_durably(const fs::path& file, std::string_view bytes, std::string& error,
                        const DurableWriteOptions& options) {
    const std::unique_ptr<DurableFile> out = DurableFile::create(file, error, options);
    if (!out) return false;
    // Not through the buffer: the bytes are all here already.
    if (out->m_errno == 0) out->m_errno = write_all(out->m_fd, bytes);
    return out->commit(error);
}

}  // namespace amanat
