#include "pack/crash_loop_guard.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "pack/durable.hpp"

namespace amanat::pack {
namespace {

constexpr const char* kFindTheCause =
    " Find what breaks it with 'amanat pack validate' on the pack's bundle and in the kiosk's log "
    "(journalctl -u amanat-kiosk), then install a corrected pack.";

std::optional<InstalledPack> previous_of(const InstalledPacks& packs) {
    std::string error;
    for (const InstalledPack& pack : packs.list(error)) {
        if (pack.previous) return pack;
    }
    return std::nullopt;
}

std::string failed_text(const std::string& pack, int starts) {
    return "the pack " + pack + " stopped the kiosk " + std::to_string(starts) +
           " times in a row within a minute of starting;";
}

}  // namespace

CrashLoopGuard::CrashLoopGuard(std::filesystem::path record_file) : m_file(std::move(record_file)) {}

std::optional<CrashFallback> CrashLoopGuard::starting(const std::string& pack,
                                                      const std::filesystem::path& packs_root) {
    if (pack.empty()) return std::nullopt;
    Record record = read();
    if (record.fallback && record.fallback->to.empty() && record.fallback->from == pack)
        return record.fallback;
    if (record.pack != pack) record = Record{pack, 0, record.fallback};
    if (record.unsettled_starts < kFailedStartsBeforeFallback) {
        ++record.unsettled_starts;
        write(record);
        return std::nullopt;
    }
    CrashFallback fallback{pack, "", record.unsettled_starts, static_cast<long long>(std::time(nullptr)), ""};
    InstalledPacks packs(packs_root);
    const auto previous = previous_of(packs);
    // Never back to a pack that failed the same way: two broken packs would
    // otherwise take turns for ever.
    const bool known_bad = previous && record.fallback && record.fallback->from == previous->name;
    std::string outcome;
    if (previous && !known_bad && packs.rollback(outcome)) {
        fallback.to = previous->name;
        fallback.message = failed_text(pack, fallback.failed_starts) +
                           " the kiosk went back to the previous pack " + previous->name + " (" +
                           previous->bundle_id + " " + previous->bundle_version + ") by itself." +
                           kFindTheCause;
    } else {
        const std::string why = !previous   ? "there is no earlier pack to go back to"
                                : known_bad ? "the previous pack " + previous->name + " failed the same way"
                                            : "going back failed (" + outcome + ")";
        fallback.message = failed_text(pack, fallback.failed_starts) + " " + why +
                           ", so the kiosk shows its out-of-order screen until another pack is installed." +
                           kFindTheCause;
    }
    write(Record{fallback.to, 0, fallback});
    return fallback;
}

void CrashLoopGuard::settled() {
    Record record = read();
    if (record.unsettled_starts == 0) return;
    record.unsettled_starts = 0;
    write(record);
}

std::optional<CrashFallback> CrashLoopGuard::last_fallback(const std::string& active_pack) const {
    const Record record = read();
    if (!record.fallback || active_pack.empty()) return std::nullopt;
    const CrashFallback& fallback = *record.fallback;
    const bool current = fallback.to.empty() ? fallback.from == active_pack : fallback.to == active_pack;
    return current ? record.fallback : std::nullopt;
}

bool CrashLoopGuard::refused(const std::string& pack) const {
    const Record record = read();
    return !pack.empty() && record.fallback && record.fallback->to.empty() && record.fallback->from == pack;
}

// The record is the guard's own small JSON file; one that cannot be read (a
// first start, a damaged file) counts as no record: the worst that can happen
// is one more failed start before the fallback.
CrashLoopGuard::Record CrashLoopGuard::read() const {
    std::ifstream in(m_file);
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
    Record record;
    if (!json.is_object()) return record;
    record.pack = json.value("pack", "");
    record.unsettled_starts = json.value("unsettled_starts", 0);
    if (const auto it = json.find("fallback"); it != json.end() && it->is_object()) {
        record.fallback =
            CrashFallback{it->value("from", ""), it->value("to", ""), it->value("failed_starts", 0),
                          it->value("at", 0LL), it->value("message", "")};
    }
    return record;
}

void CrashLoopGuard::write(const Record& record) const {
    nlohmann::json json{{"pack", record.pack}, {"unsettled_starts", record.unsettled_starts}};
    if (record.fallback) {
        const CrashFallback& f = *record.fallback;
        json["fallback"] = {{"from", f.from},
                            {"to", f.to},
                            {"failed_starts", f.failed_starts},
                            {"at", f.at},
                            {"message", f.message}};
    }
    std::string error;
    std::error_code ec;
    std::filesystem::create_directories(m_file.parent_path(), ec);
    // A kiosk that cannot count still shows its exhibition: the count is a safety net.
    if (!write_file_durably(m_file, json.dump(2) + "\n", error))
        std::fprintf(stderr, "amanat-kiosk: cannot keep the count of starts in %s: %s\n", m_file.c_str(),
                     error.c_str());
}

}  // namespace amanat::pack
