#include "app/exhibition_source.hpp"

#include "pack/packs.hpp"

namespace amanat {

ExhibitionSource ExhibitionSource::fixed(std::filesystem::path folder) {
    ExhibitionSource source;
    source.m_fixed_or_built_in = std::move(folder);
    return source;
}

ExhibitionSource ExhibitionSource::installed(std::filesystem::path packs_root,
                                             std::filesystem::path built_in) {
    ExhibitionSource source;
    source.m_fixed_or_built_in = std::move(built_in);
    source.m_packs_root = std::move(packs_root);
    return source;
}

std::filesystem::path ExhibitionSource::current() const {
    if (m_packs_root) {
        if (auto active = pack::InstalledPacks(*m_packs_root).active_bundle()) {
            // The pack's own folder, not the `active` link: the kiosk keeps reading
            // the files it loaded even after staff switch the link to another pack.
            std::error_code ec;
            std::filesystem::path folder = std::filesystem::canonical(*active, ec);
            return ec ? *active : folder;
        }
    }
    return m_fixed_or_built_in;
}

std::string ExhibitionSource::pack_name(const std::filesystem::path& folder) const {
    if (!m_packs_root) return {};
    const std::filesystem::path packs = *m_packs_root / "packs";
    const std::filesystem::path pack = folder.parent_path();
    return pack.parent_path() == packs ? pack.filename().string() : std::string();
}

std::string ExhibitionSource::origin_of(const std::filesystem::path& folder) const {
    if (!m_packs_root) return "the folder given with --bundle";
    const std::string pack = pack_name(folder);
    return pack.empty() ? std::string("the built-in exhibition") : "the active pack " + pack;
}

}  // namespace amanat
