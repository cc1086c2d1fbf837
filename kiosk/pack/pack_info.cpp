#include "pack/pack_info.hpp"

#include <nlohmann/json.hpp>

#include "core/files/regular_file.hpp"

namespace amanat::pack {

std::string pack_info_json(const PackInfo& info) {
    return nlohmann::json{{"bundle_id", info.bundle_id},
                          {"bundle_version", info.bundle_version},
                          {"signer", info.signer},
                          {"signer_trusted", info.signer_trusted},
                          {"installed_at", info.installed_at},
                          {"sequence", info.sequence},
                          {"manifest_hash", info.manifest_hash},
                          {"pack_file", info.pack_file},
                          {"files", info.files},
                          {"bytes", info.bytes}}
               .dump(2) +
           "\n";
}

std::optional<PackInfo> read_pack_info(const std::filesystem::path& file) {
    // Read by every install and listing (the staff screen's too): something
    // that is not a file, put there by hand, must not stop them.
    std::string problem;
    std::string text;
    const auto opened = RegularFile::open(file, problem);
    if (!opened || !opened->read_all(1 << 20, text, problem)) return std::nullopt;
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return std::nullopt;
    PackInfo info;
    try {
        info.bundle_id = json.value("bundle_id", "");
        info.bundle_version = json.value("bundle_version", "");
        info.signer = json.value("signer", "");
        info.signer_trusted = json.value("signer_trusted", false);
        info.installed_at = json.value("installed_at", 0LL);
        info.sequence = json.value("sequence", 0LL);
        info.manifest_hash = json.value("manifest_hash", "");
        info.pack_file = json.value("pack_file", "");
        info.files = json.value("files", 0LL);
        info.bytes = json.value("bytes", 0LL);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;  // a member of the wrong type
    }
    return info;
}

}  // namespace amanat::pack
