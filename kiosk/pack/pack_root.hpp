#pragma once

// The folder a kiosk keeps its installed packs in (docs/PACKS.md):
//
//   ROOT/active -> packs/NAME          the exhibition shown; replaced by rename
//   ROOT/packs/NAME/bundle/            an installed exhibition, complete
//   ROOT/packs/NAME/pack-info.json     who signed it, when it was installed
//   ROOT/packs/NAME/amanat-pack.json   its manifest, as signed
//   ROOT/packs/NAME/previous -> ../P   what `rollback` returns to while NAME is active
//   ROOT/staging/                      an install in progress; emptied by each install
//   ROOT/.lock                         flock()ed by the one install or rollback running
//
// `previous` lives inside the active pack's folder rather than beside
// `active`, so that switching `active` (one rename) changes both at once: no
// crash can leave "active" and "previous" disagreeing.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace amanat::pack {

struct PackRoot {
    explicit PackRoot(const std::filesystem::path& root);

    std::filesystem::path root;
    std::filesystem::path packs;
    std::filesystem::path staging;
    std::filesystem::path active;
    std::filesystem::path lock;

    std::filesystem::path pack(const std::string& name) const { return packs / name; }
    std::filesystem::path bundle(const std::string& name) const { return packs / name / "bundle"; }
    std::filesystem::path previous_link(const std::string& name) const { return packs / name / "previous"; }

    // The active pack's folder name (one readlink), or nullopt.
    std::optional<std::string> active_name() const;
    // What pack NAME's `previous` link names, or nullopt.
    std::optional<std::string> previous_name(const std::string& name) const;
};

// The link targets written, and what they may read back as.
std::string active_target(const std::string& name);    // "packs/NAME"
std::string previous_target(const std::string& name);  // "../NAME"

// One plain folder name: not empty, no "/", not starting with ".".
bool is_pack_name(std::string_view name);

// The root's lock, held until destroyed (the kernel drops it if the process
// dies, so a crash never leaves a kiosk locked).
class RootLock {
  public:
    // Creates the root's folders if needed. Null with `error` when another
    // install or rollback holds the lock, or the root cannot be made.
    static std::unique_ptr<RootLock> take(const PackRoot& root, std::string& error);
    ~RootLock();
    RootLock(const RootLock&) = delete;
    RootLock& operator=(const RootLock&) = delete;

  private:
    explicit RootLock(int fd) : m_fd(fd) {}
    int m_fd;
};

}  // namespace amanat::pack
