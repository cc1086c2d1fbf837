#include "cli/installed_pack_json.hpp"

#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"

namespace amanat::cli {

std::string pack_json(const pack::InstalledPack& p) {
    JsonRecord record;
    record.text("name", p.name)
        .text("folder", p.folder.string())
        .text("bundle_id", p.bundle_id)
        .text("bundle_version", p.bundle_version)
        .text("signer", p.signer)
        .text("installed_at", format_utc_time(p.installed_at))
        .raw("active", p.active ? "true" : "false")
        .raw("previous", p.previous ? "true" : "false");
    return std::string(record.finish());
}

}  // namespace amanat::cli
