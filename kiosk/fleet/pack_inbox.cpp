#include "fleet/pack_inbox.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include "durable/durable_file.hpp"

namespace amanat::fleet {

namespace fs = std::filesystem;

namespace {

// *.amanat (any case), and never a hidden file or a synchroniser's unfinished
// one (Syncthing: ".syncthing.NAME.tmp", and "~syncthing~NAME.tmp" on Windows).
bool is_candidate(const std::string& name) {
    if (name.empty() || name[0] == '.' || name[0] == '~') return false;
    if (name.size() < 8) return false;
    std::string extension = name.substr(name.size() - 7);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".amanat";
}

}  // namespace

PackInbox::PackInbox(fs::path inbox, fs::path packs_root, pack::Trust trust, pack::Limits limits,
                     fs::path state_file)
    : m_inbox(std::move(inbox)),
      m_packs_root(std::move(packs_root)),
      m_trust(std::move(trust)),
      m_limits(limits),
      m_state_file(std::move(state_file)) {
    // One line a file tried: size, time (ns), name.
    std::ifstream in(m_state_file);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Seen seen;
        if (fields >> seen.size >> seen.modified_ns && std::getline(fields >> std::ws, seen.name) &&
            !seen.name.empty())
            m_tried.push_back(seen);
    }
}

std::optional<PackInbox::Seen> PackInbox::newest_pack() const {
    std::optional<Seen> newest;
    std::error_code ec;
    for (fs::directory_iterator it(m_inbox, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        struct stat info {};
        // lstat: a link is no pack file (nothing outside the inbox is reached).
        if (!is_candidate(name) || ::lstat(it->path().c_str(), &info) != 0 || !S_ISREG(info.st_mode))
            continue;
        const Seen seen{name, static_cast<unsigned long long>(info.st_size),
                        info.st_mtim.tv_sec * 1'000'000'000LL + info.st_mtim.tv_nsec};
        if (!newest || seen.modified_ns > newest->modified_ns ||
            (seen.modified_ns == newest->modified_ns && seen.name > newest->name))
            newest = seen;
    }
    return newest;
}

bool PackInbox::tried(const Seen& file) const {
    return std::find(m_tried.begin(), m_tried.end(), file) != m_tried.end();
}

void PackInbox::remember(const Seen& file) {
    m_tried.push_back(file);
    // The last hundred are plenty: an inbox holds a few packs at a time.
    if (m_tried.size() > 100) m_tried.erase(m_tried.begin());
    std::string lines;
    for (const Seen& seen : m_tried) {
        lines += std::to_string(seen.size);
        lines += ' ';
        lines += std::to_string(seen.modified_ns);
        lines += ' ';
        lines += seen.name;
        lines += '\n';
    }
    std::string error;
    std::error_code ec;
    fs::create_directories(m_state_file.parent_path(), ec);
    if (!write_file_durably(m_state_file, lines, error))
        std::fprintf(stderr, "amanat-kiosk: fleet: cannot keep the list of packs tried: %s\n", error.c_str());
}

bool PackInbox::check(long long now_unix) {
    const std::optional<Seen> newest = newest_pack();
    if (!newest || tried(*newest)) {
        m_waiting.reset();
        return false;
    }
    // Still arriving (or just arrived): tried once it is unchanged at the next check.
    if (m_waiting != newest) {
        m_waiting = newest;
        return false;
    }
    m_waiting.reset();
    remember(*newest);
    const fs::path file = m_inbox / newest->name;
    std::fprintf(stderr, "amanat-kiosk: fleet: installing %s from the inbox\n", file.c_str());
    pack::InstalledPacks packs(m_packs_root);
    const pack::InstallOutcome outcome = packs.install(file, m_trust, m_limits, {}, pack::OlderPack::refuse);
    m_verdict = InboxVerdict{newest->name, outcome.ok, outcome.message, now_unix};
    std::fprintf(stderr, "amanat-kiosk: fleet: %s: %s\n", outcome.ok ? "installed" : "refused",
                 outcome.message.c_str());
    return m_verdict->installed;
}

}  // namespace amanat::fleet
