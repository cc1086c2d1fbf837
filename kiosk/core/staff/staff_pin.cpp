#include "core/staff/staff_pin.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/settings/kiosk_config.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "durable/durable_file.hpp"

namespace amanat {
namespace {

// Argon2id at libsodium's "interactive" costs: 2 passes over 64 MiB, measured at
// 63 ms per verification on this project's 2-core Xeon VM (the "moderate" costs,
// 3 passes over 256 MiB: 499 ms). The PIN is 4 to 8 digits, so no cost makes a
// stolen hash safe (10,000 four-digit PINs take 10 minutes at these costs, 83 at
// moderate): the hash's permissions (0600) and the lockout are the defence, and
// the cost only slows the guessing of a PIN someone reuses elsewhere. Moderate
// would also take 256 MiB on a kiosk PC decoding video, for each check. The
// costs are recorded in each hash, so they can be raised later without making
// existing PINs unreadable.
const unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
const std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// A PIN file is one line; anything much longer is not ours.
constexpr std::size_t kMaxPinFileBytes = 1024;

bool sodium_ready() {
    // Safe to call from any thread, any number of times.
    return sodium_init() >= 0;
}

std::string reason(int error_number) {
    return std::strerror(error_number);
}

std::filesystem::path folder_of(const std::filesystem::path& file) {
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

// Makes an unlink in `folder` durable. A failure only means the file may come
// back after a power cut: the PIN or the count as it was, both safe.
void sync_folder(const std::filesystem::path& folder) {
    std::string ignored;
    fsync_folder(folder, ignored);
}

// True when `text` is a well-formed Argon2id hash string libsodium can verify.
bool is_argon2id_hash(const std::string& text) {
    if (text.size() >= crypto_pwhash_STRBYTES ||
        text.compare(0, kArgon2idPrefix.size(), kArgon2idPrefix) != 0)
        return false;
    // -1 means "not a hash of the current algorithm"; 0 and 1 are both well-formed.
    return sodium_ready() && crypto_pwhash_str_needs_rehash(text.c_str(), kOpsLimit, kMemLimit) != -1;
}

bool remove_file(const std::filesystem::path& file, bool& removed, std::string& error) {
    removed = false;
    if (::unlink(file.c_str()) == 0) {
        removed = true;
        return true;
    }
    if (errno == ENOENT) return true;
    error = "cannot remove " + file.string() + ": " + reason(errno);
    return false;
}

}  // namespace

bool is_valid_staff_pin(std::string_view pin, std::string& problem) {
    for (const char c : pin) {
        if (c < '0' || c > '9') {
            problem = "a staff PIN is digits only (0 to 9)";
            return false;
        }
    }
    if (pin.size() < static_cast<std::size_t>(kStaffPinMinDigits) ||
        pin.size() > static_cast<std::size_t>(kStaffPinMaxDigits)) {
        problem = "a staff PIN has " + std::to_string(kStaffPinMinDigits) + " to " +
                  std::to_string(kStaffPinMaxDigits) + " digits (this one has " + std::to_string(pin.size()) +
                  ")";
        return false;
    }
    return true;
}

std::filesystem::path staff_pin_file(const KioskConfig& config) {
    if (config.staff_pin_file) return *config.staff_pin_file;
    return default_state_folder() / "staff-pin";
}

std::filesystem::path staff_lockout_file(const std::filesystem::path& pin_file) {
    return pin_file.string() + ".lockout";
}

std::string hash_pin(std::string_view pin) {
    if (!sodium_ready()) return {};
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.data(), pin.size(), kOpsLimit, kMemLimit) != 0) return {};
    return hash;
}

bool verify_pin(const std::string& hash, std::string_view pin) {
    if (!is_argon2id_hash(hash)) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

std::optional<std::string> load_pin_hash(const std::filesystem::path& file, std::string& why_not) {
    const std::string off = "; staff mode is off";
    const std::string set_one = " (set a PIN with 'amanat staff set-pin')";
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            why_not = "no staff PIN is set (" + file.string() + " does not exist)" + off + set_one;
        else
            why_not = "cannot read the staff PIN file " + file.string() + ": " + reason(errno) + off;
        return std::nullopt;
    }
    struct stat status {};
    std::string text(kMaxPinFileBytes + 1, '\0');
    std::size_t size = 0;
    bool read_ok = ::fstat(fd, &status) == 0;
    while (read_ok && size < text.size()) {
        const ssize_t got = ::read(fd, text.data() + size, text.size() - size);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) read_ok = false;
        if (got <= 0) break;
        size += static_cast<std::size_t>(got);
    }
    const int saved = errno;
    ::close(fd);
    if (!read_ok) {
        why_not = "cannot read the staff PIN file " + file.string() + ": " + reason(saved) + off;
        return std::nullopt;
    }
    if (!S_ISREG(status.st_mode)) {
        why_not = "the staff PIN file " + file.string() + " is not a file" + off;
        return std::nullopt;
    }
    if ((status.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        // Whoever can write it can set their own PIN.
        why_not = "the staff PIN file " + file.string() + " can be changed by other users" + off +
                  " (set the PIN again with 'amanat staff set-pin', which makes the file private)";
        return std::nullopt;
    }
    text.resize(size);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (text.empty()) {
        why_not = "the staff PIN file " + file.string() + " is empty" + off + set_one;
        return std::nullopt;
    }
    if (!is_argon2id_hash(text)) {
        why_not = "the staff PIN file " + file.string() +
                  " does not hold a PIN written by 'amanat staff set-pin'" + off + " (set the PIN again)";
        return std::nullopt;
    }
    return text;
}

bool write_staff_file(const std::filesystem::path& file, std::string_view text, std::string& error) {
    DurableWriteOptions options;
    options.mode = 0600;  // from its creation: readable by nobody else, ever
    options.prepare = [folder = folder_of(file)](int fd) {
        // Root setting the PIN of a kiosk that runs as its own user (the owner of
        // /var/lib/amanat): the kiosk must be able to read the PIN and to write
        // its lockout record, so the file goes to the folder's owner.
        struct stat owner {};
        if (::geteuid() == 0 && ::stat(folder.c_str(), &owner) == 0 && owner.st_uid != 0 &&
            ::fchown(fd, owner.st_uid, owner.st_gid) != 0)
            return errno;
        return 0;
    };
    return write_file_durably(file, text, error, options);
}

bool store_pin(const std::filesystem::path& file, std::string_view pin, std::string& error) {
    const std::string unchanged = "; nothing was changed";
    std::string problem;
    if (!is_valid_staff_pin(pin, problem)) {
        error = problem + unchanged;
        return false;
    }
    const std::string hash = hash_pin(pin);
    if (hash.empty()) {
        error = "cannot compute the PIN's hash (not enough memory?)" + unchanged;
        return false;
    }
    std::error_code ec;
    std::filesystem::create_directories(folder_of(file), ec);
    if (ec) {
        error = "cannot create the folder " + folder_of(file).string() + ": " + ec.message() + unchanged;
        return false;
    }
    if (!write_staff_file(file, hash + "\n", error)) {
        error += unchanged;
        return false;
    }
    // A new PIN starts with a clean count: the wrong PINs were tries at the old one.
    bool removed = false;
    if (!remove_file(staff_lockout_file(file), removed, error)) {
        error = "the PIN was set, but its count of wrong PINs was not cleared: " + error;
        return false;
    }
    if (removed) sync_folder(folder_of(file));
    return true;
}

bool remove_pin(const std::filesystem::path& file, bool& removed, std::string& error) {
    bool lockout_removed = false;
    if (!remove_file(file, removed, error)) return false;
    if (!remove_file(staff_lockout_file(file), lockout_removed, error)) return false;
    if (removed || lockout_removed) sync_folder(folder_of(file));
    return true;
}

}  // namespace amanat
