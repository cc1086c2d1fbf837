// InstalledPacks::rollback: the active pack's `previous` becomes active, and
// the pack it replaces becomes its `previous`, so a second rollback undoes the
// first. Two link replacements, each atomic; the first only touches a pack
// that is not active, so at every moment `active` names the old pack or the
// one rolled back to, each with a correct `previous`.
#include <system_error>

#include "pack/durable.hpp"
#include "pack/pack_info.hpp"
#include "pack/pack_root.hpp"
#include "pack/packs.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

bool InstalledPacks::rollback(std::string& message) {
    const PackRoot root(m_root);
    std::string error;
    const auto lock = RootLock::take(root, error);
    if (!lock) {
        message = "Not rolled back: " + error + ".";
        return false;
    }
    const auto active = root.active_name();
    if (!active) {
        message = "Not rolled back: no pack is installed in " + root.root.string() + ".";
        return false;
    }
    const auto previous = root.previous_name(*active);
    if (!previous) {
        message = "Not rolled back: " + *active +
                  " is the only pack installed, so there is nothing to return to. The active exhibition is "
                  "unchanged.";
        return false;
    }
    std::error_code ec;
    const auto info = read_pack_info(root.pack(*previous) / "pack-info.json");
    if (!info || !fs::is_directory(root.bundle(*previous), ec)) {
        message = "Not rolled back: the previous pack " + *previous + " is missing from " +
                  root.packs.string() + "; install a pack instead. The active exhibition is unchanged.";
        return false;
    }
    if (!replace_link_durably(root.previous_link(*previous), previous_target(*active), error) ||
        !replace_link_durably(root.active, active_target(*previous), error)) {
        message = "Not rolled back: " + error + ". The active exhibition is unchanged.";
        return false;
    }
    message =
        "Rolled back: " + info->bundle_id + " " + info->bundle_version + " (" + *previous +
        ") is the active exhibition again; the kiosk shows it from its next return to the attract screen. " +
        *active + " is kept: `amanat pack rollback` again returns to it.";
    return true;
}

}  // namespace amanat::pack
