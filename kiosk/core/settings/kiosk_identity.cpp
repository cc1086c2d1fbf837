#include "core/settings/kiosk_identity.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/files/random_identifier.hpp"
#include "durable/durable_file.hpp"

namespace amanat {
namespace {

bool is_identifier(const std::string& text) {
    if (text.size() != 32) return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

}  // namespace

std::filesystem::path default_state_folder() {
    const std::filesystem::path installed = "/var/lib/amanat";
    std::error_code ec;
    if (std::filesystem::is_directory(installed, ec) && ::access(installed.c_str(), W_OK) == 0)
        return installed;
    if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && state[0] == '/')
        return std::filesystem::path(state) / "amanat";
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/')
        return std::filesystem::path(home) / ".local" / "state" / "amanat";
    return std::filesystem::temp_directory_path() / "amanat";
}

std::optional<std::string> load_kiosk_id(const std::filesystem::path& file, std::string& note,
                                         std::string& error) {
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        std::ifstream in(file);
        std::string id;
        std::getline(in, id);
        if (in && is_identifier(id)) return id;
        // Keep whatever was there for staff to look at; a kiosk needs an id to record.
        std::filesystem::path aside = file.string() + ".broken";
        for (int n = 2; std::filesystem::exists(aside, ec); ++n)
            aside = file.string() + ".broken-" + std::to_string(n);
        std::filesystem::rename(file, aside, ec);
        if (ec) {
            error = "the kiosk id file " + file.string() +
                    " is unreadable or damaged and cannot be moved aside: " + ec.message();
            return std::nullopt;
        }
        note = "the kiosk id file " + file.string() + " was unreadable or damaged; it was moved aside to " +
               aside.string() + " and a new kiosk id made";
    }
    if (file.has_parent_path()) {
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) {
            error = "cannot create the folder " + file.parent_path().string() + ": " + ec.message();
            return std::nullopt;
        }
    }
    const std::string id = random_identifier();
    // A power cut leaves no file or the whole of it (core/durable_file).
    if (!write_file_durably(file, id + "\n", error)) return std::nullopt;
    return id;
}

}  // namespace amanat
