#pragma once

// pack-info.json, written into each pack's folder before it becomes active:
// what `amanat pack list` and the staff screens show about an installed pack.

#include <filesystem>
#include <optional>
#include <string>

namespace amanat::pack {

struct PackInfo {
    std::string bundle_id;
    std::string bundle_version;
    std::string signer;  // base64, or "" when unsigned
    bool signer_trusted = false;
    long long installed_at = 0;  // Unix seconds
    // 1 + the highest of the packs present when it was installed: the order of
    // installs even within one second, or when the kiosk's clock was wrong.
    long long sequence = 0;
    std::string manifest_hash;
    std::string pack_file;  // where it was installed from
    long long files = 0;
    long long bytes = 0;
};

std::string pack_info_json(const PackInfo& info);
// nullopt when the file is missing or not a pack-info.json.
std::optional<PackInfo> read_pack_info(const std::filesystem::path& file);

}  // namespace amanat::pack
