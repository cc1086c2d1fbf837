// InstalledPacks: what is installed and what is active. Installing and rolling
// back are in pack_install.cpp and pack_rollback.cpp.
#include <algorithm>

#include "pack/durable.hpp"
#include "pack/pack_info.hpp"
#include "pack/pack_root.hpp"
#include "pack/packs.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

InstalledPacks::InstalledPacks(fs::path root) : m_root(std::move(root)) {}

std::optional<fs::path> InstalledPacks::active_bundle() const {
    // One readlink, no lock: the kiosk calls this at every idle reset. The path
    // returned names the pack's own folder, not the `active` link, so a kiosk
    // showing it keeps reading one pack even if another is installed meanwhile.
    const PackRoot root(m_root);
    const auto name = root.active_name();
    if (!name) return std::nullopt;
    return root.bundle(*name);
}

std::vector<InstalledPack> InstalledPacks::list(std::string& error) const {
    const PackRoot root(m_root);
    std::vector<InstalledPack> packs;
    std::error_code ec;
    if (!fs::exists(root.packs, ec)) return packs;  // nothing installed yet
    const auto active = root.active_name();
    const auto previous = active ? root.previous_name(*active) : std::nullopt;
    std::vector<std::pair<long long, InstalledPack>> found;  // with the install sequence
    for (fs::directory_iterator it(root.packs, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!is_pack_name(name) || !it->is_directory(ec) || it->is_symlink(ec)) continue;
        InstalledPack pack;
        pack.name = name;
        pack.folder = it->path();
        long long sequence = 0;
        if (const auto info = read_pack_info(it->path() / "pack-info.json")) {
            pack.bundle_id = info->bundle_id;
            pack.bundle_version = info->bundle_version;
            pack.signer = info->signer;
            pack.installed_at = info->installed_at;
            sequence = info->sequence;
        }
        pack.active = active && *active == name;
        pack.previous = previous && *previous == name;
        found.emplace_back(sequence, std::move(pack));
    }
    if (ec) {
        error = "cannot read " + root.packs.string() + ": " + ec.message();
        return {};
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first > b.first;
        if (a.second.installed_at != b.second.installed_at)
            return a.second.installed_at > b.second.installed_at;
        return a.second.name < b.second.name;
    });
    for (auto& entry : found) packs.push_back(std::move(entry.second));
    return packs;
}

}  // namespace amanat::pack
