#pragma once

// Crash-loop protection for installed packs (issue 19). A pack that stops the
// kiosk as it starts (a text, a picture or a film that breaks something) would
// otherwise be restarted by systemd forever in front of visitors. The kiosk
// counts its starts on each pack that did not last: after
// kFailedStartsBeforeFallback of them in a row it goes back to the previous
// pack by itself (InstalledPacks::rollback), logs why, and keeps the fact for
// `amanat status` until staff install or roll back to another pack.
//
// A start "lasts" once the exhibition has been on screen for kSettleSeconds, or
// when the kiosk stops cleanly (SIGTERM, a restart staff ask for). A power cut
// counts as a start that did not last, which is why it takes several in a row.
//
// Thread contract: render thread only. Each call reads or replaces one small
// file in the kiosk's state folder (written durably: a power cut during the
// count must not lose it, nor leave half a file).

#include <filesystem>
#include <optional>
#include <string>

#include "pack/packs.hpp"

namespace amanat::pack {

inline constexpr int kFailedStartsBeforeFallback = 3;
inline constexpr long long kSettleSeconds = 60;

// What the guard did when a pack kept failing.
struct CrashFallback {
    std::string from;       // the pack that failed
    std::string to;         // the pack now active, "" when there was none to go back to
    int failed_starts = 0;  // in a row
    long long at = 0;       // Unix seconds
    std::string message;    // for the log and `amanat status`: what happened, what to do
};

class CrashLoopGuard {
  public:
    explicit CrashLoopGuard(std::filesystem::path record_file);

    // Before the kiosk shows the installed pack `pack` (its folder's name; ""
    // for the built-in exhibition or --bundle, which are never counted): when
    // `pack` has failed kFailedStartsBeforeFallback starts in a row, rolls back
    // under `packs_root` and returns what happened. Otherwise counts this start
    // as not yet lasting and returns nothing. After a fallback, refused() is
    // true when there was no pack to go back to: the kiosk must not show `pack`.
    std::optional<CrashFallback> starting(const std::string& pack, const std::filesystem::path& packs_root);

    // The pack started by starting() did not stop the kiosk: forget its count.
    void settled();

    // The last fallback, while the pack it went to (or the refused pack) is
    // still the active one: for the status file.
    std::optional<CrashFallback> last_fallback(const std::string& active_pack) const;

    // True when starting() found `pack` failing with nothing to go back to.
    bool refused(const std::string& pack) const;

  private:
    struct Record {
        std::string pack;
        int unsettled_starts = 0;
        std::optional<CrashFallback> fallback;
    };
    Record read() const;
    void write(const Record& record) const;

    std::filesystem::path m_file;
};

}  // namespace amanat::pack
