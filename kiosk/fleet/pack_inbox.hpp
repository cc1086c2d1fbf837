#pragma once
// The kiosk's fleet inbox: the folder a synchroniser (Syncthing) receives the
// organisers' packs into. The kiosk never shows anything from it: a pack found
// there is installed through the kiosk's own staged install (verified against
// the kiosk's trusted keys, extracted, validated, switched atomically), and the
// kiosk's loop switches to it between visitors as after any install.
//
// What the synchroniser does not promise, and how this copes:
// - files arrive half-written or in pieces: only a file whose size and time are
//   the same at two checks in a row is tried, and the install verifies every
//   byte against the signed manifest, so a cut file is refused, never installed;
// - names of unfinished transfers (".syncthing.*", "~syncthing~*") and hidden
//   files are never looked at;
// - the folder may empty, or be emptied by a remote deletion: installed packs
//   live elsewhere (the packs root), so nothing visitors see changes.
// A file that was tried (installed or refused) is not tried again while it is
// unchanged, even after a restart (the list is kept in `state_file`), so a
// refused pack is reported, not retried in a loop, and a pack staff rolled back
// from is not put back by itself. An older version of the active exhibition is
// refused (pack::OlderPack::refuse): staff install it on purpose if they must.
//
// Thread contract: one thread uses a PackInbox (the kiosk's fleet courier);
// check() blocks for as long as an install takes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pack/packs.hpp"

namespace amanat::fleet {

// What the inbox did last, for the status file and the organisers.
struct InboxVerdict {
    std::string file;  // the pack file's name in the inbox
    bool installed = false;
    std::string message;  // for staff and organisers: what happened, what to do
    long long at = 0;     // Unix seconds
    bool operator==(const InboxVerdict&) const = default;
};

class PackInbox {
  public:
    PackInbox(std::filesystem::path inbox, std::filesystem::path packs_root, pack::Trust trust,
              pack::Limits limits, std::filesystem::path state_file);

    // One look at the inbox: the newest pack file, once complete and not tried
    // before, is installed (or refused). True when a pack was installed.
    bool check(long long now_unix);

    const std::optional<InboxVerdict>& last_verdict() const { return m_verdict; }

  private:
    // A file's identity without reading it: a changed file is a new one.
    struct Seen {
        std::string name;
        unsigned long long size = 0;
        long long modified_ns = 0;
        bool operator==(const Seen&) const = default;
    };
    std::optional<Seen> newest_pack() const;
    bool tried(const Seen& file) const;
    void remember(const Seen& file);

    std::filesystem::path m_inbox;
    std::filesystem::path m_packs_root;
    pack::Trust m_trust;
    pack::Limits m_limits;
    std::filesystem::path m_state_file;
    std::vector<Seen> m_tried;
    std::optional<Seen> m_waiting;  // seen at the last check, not yet known to be complete
    std::optional<InboxVerdict> m_verdict;
};

}  // namespace amanat::fleet
