#include "pack/pack_manifest.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "core/files/byte_count.hpp"
#include "pack/content_hash.hpp"
#include "pack/entry_path.hpp"

namespace amanat::pack {
namespace {

using nlohmann::json;

bool is_hex_hash(std::string_view text) {
    if (text.size() != kHashBytes * 2) return false;
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

// A member of a JSON object with the type wanted, or null.
const json* member(const json& object, const char* key, json::value_t type) {
    const auto found = object.find(key);
    if (found == object.end()) return nullptr;
    if (type == json::value_t::number_integer) return found->is_number_integer() ? &*found : nullptr;
    return found->type() == type ? &*found : nullptr;
}

}  // namespace

std::string manifest_json(const PackManifest& m) {
    std::string out = "{\n";
    out += "\"format\": \"amanat-pack\",\n";
    out += "\"format_version\": " + std::to_string(m.format_version) + ",\n";
    out += "\"bundle\": " + json{{"id", m.bundle_id}, {"version", m.bundle_version}}.dump() + ",\n";
    out += "\"created\": " + json(m.created).dump() + ",\n";
    out += "\"created_by\": " + json(m.created_by).dump() + ",\n";
    out += "\"hash\": " + json(std::string(kHashName)).dump() + ",\n";
    out += "\"total_bytes\": " + std::to_string(m.total_bytes) + ",\n";
    out += "\"files\": [";
    for (std::size_t i = 0; i < m.files.size(); ++i) {
        const ManifestFile& f = m.files[i];
        out += i == 0 ? "\n" : ",\n";
        // Keys in this order, one file a line: readable, and `grep` finds a file.
        out += "{\"path\": " + json(f.path).dump() + ", \"size\": " + std::to_string(f.size) +
               ", \"hash\": " + json(f.hash).dump() + "}";
    }
    out += m.files.empty() ? "]\n}\n" : "\n]\n}\n";
    return out;
}

long long max_manifest_bytes(const Limits& limits) {
    return 64 * 1024 + limits.max_files * 1024;
}

bool parse_manifest(std::string_view bytes, const Limits& limits, PackManifest& manifest,
                    std::string& problem) {
    json document = json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        problem = "its manifest (amanat-pack.json) is not valid JSON";
        return false;
    }
    const json* format = member(document, "format", json::value_t::string);
    const json* version = member(document, "format_version", json::value_t::number_integer);
    if (format == nullptr || *format != "amanat-pack" || version == nullptr) {
        problem = "its manifest (amanat-pack.json) is not an Amanat pack manifest";
        return false;
    }
    if (version->get<long long>() != kPackFormatVersion) {
        problem = "it is in pack format " + std::to_string(version->get<long long>()) +
                  ", and this version of Amanat reads format " + std::to_string(kPackFormatVersion) +
                  ": update Amanat on this kiosk, or build the pack with the same version of Amanat";
        return false;
    }
    manifest.format_version = kPackFormatVersion;
    const json* hash = member(document, "hash", json::value_t::string);
    if (hash == nullptr || *hash != kHashName) {
        problem = "its manifest uses a hash other than " + std::string(kHashName);
        return false;
    }
    const json* bundle = member(document, "bundle", json::value_t::object);
    const json* id = bundle ? member(*bundle, "id", json::value_t::string) : nullptr;
    const json* bundle_version = bundle ? member(*bundle, "version", json::value_t::string) : nullptr;
    if (id == nullptr || bundle_version == nullptr || !is_bundle_id(id->get<std::string>()) ||
        bundle_version->get<std::string>().empty() || bundle_version->get<std::string>().size() > 200) {
        problem = "its manifest does not name the exhibition (bundle id and version) properly";
        return false;
    }
    manifest.bundle_id = id->get<std::string>();
    manifest.bundle_version = bundle_version->get<std::string>();
    const json* created = member(document, "created", json::value_t::string);
    const json* created_by = member(document, "created_by", json::value_t::string);
    manifest.created = created ? created->get<std::string>() : "";
    manifest.created_by = created_by ? created_by->get<std::string>() : "";

    const json* files = member(document, "files", json::value_t::array);
    const json* total = member(document, "total_bytes", json::value_t::number_integer);
    if (files == nullptr || total == nullptr) {
        problem = "its manifest has no list of files";
        return false;
    }
    if (static_cast<long long>(files->size()) > limits.max_files) {
        problem =
            "it declares " + std::to_string(files->size()) + " files, and this kiosk accepts at most " +
            std::to_string(limits.max_files) +
            " (max_files under [packs] in the kiosk's config); split the exhibition, or raise the limit";
        return false;
    }
    const long long declared_total = total->get<long long>();
    if (declared_total < 0 || declared_total > limits.max_total_bytes) {
        problem = "it declares " + describe_bytes(declared_total) +
                  " of files, and this kiosk accepts at most " + describe_bytes(limits.max_total_bytes) +
                  " (max_megabytes under [packs] in the kiosk's config); make the media smaller, or raise "
                  "the limit";
        return false;
    }

    manifest.files.clear();
    manifest.files.reserve(files->size());
    std::set<std::string_view> paths;
    long long sum = 0;
    for (const json& item : *files) {
        const json* path = item.is_object() ? member(item, "path", json::value_t::string) : nullptr;
        const json* size = item.is_object() ? member(item, "size", json::value_t::number_integer) : nullptr;
        const json* file_hash = item.is_object() ? member(item, "hash", json::value_t::string) : nullptr;
        if (path == nullptr || size == nullptr || file_hash == nullptr) {
            problem = "its manifest lists a file without a path, size and hash";
            return false;
        }
        ManifestFile file{path->get<std::string>(), size->get<long long>(), file_hash->get<std::string>()};
        if (const std::string why = unsafe_path_reason(file.path); !why.empty()) {
            problem = "its manifest lists the file \"" + file.path + "\", which cannot be installed: " + why;
            return false;
        }
        // Checked one by one before summing, so the sum cannot overflow.
        if (file.size < 0 || file.size > limits.max_total_bytes) {
            problem = "its manifest says " + file.path + " is " + describe_bytes(file.size) +
                      ", and this kiosk accepts at most " + describe_bytes(limits.max_total_bytes) +
                      " in all (max_megabytes under [packs] in the kiosk's config)";
            return false;
        }
        if (!is_hex_hash(file.hash)) {
            problem = "its manifest gives " + file.path + " a malformed hash";
            return false;
        }
        sum += file.size;
        if (sum > limits.max_total_bytes) {
            problem = "its files add up to more than " + describe_bytes(limits.max_total_bytes) +
                      ", the most this kiosk accepts (max_megabytes under [packs] in the kiosk's config)";
            return false;
        }
        manifest.files.push_back(std::move(file));
    }
    for (const ManifestFile& file : manifest.files) {
        if (!paths.insert(file.path).second) {
            problem = "its manifest lists " + file.path + " twice";
            return false;
        }
    }
    // "a/b" and "a/b/c" cannot both be files.
    for (const ManifestFile& file : manifest.files) {
        for (std::size_t slash = file.path.find('/'); slash != std::string::npos;
             slash = file.path.find('/', slash + 1)) {
            if (paths.count(std::string_view(file.path).substr(0, slash)) != 0) {
                problem =
                    "its manifest lists " + file.path.substr(0, slash) + " both as a file and as a folder";
                return false;
            }
        }
    }
    if (sum != declared_total) {
        problem = "its manifest's total size does not match its files";
        return false;
    }
    manifest.total_bytes = sum;
    return true;
}

std::string pack_folder_name(const PackManifest& manifest, std::string_view manifest_hash) {
    std::string version;
    for (const char c : manifest.bundle_version) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '.' || c == '_' || c == '-';
        version += plain ? c : '_';
        if (version.size() == 64) break;
    }
    return manifest.bundle_id + "-" + version + "-" + std::string(manifest_hash.substr(0, 12));
}

bool is_bundle_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

}  // namespace amanat::pack
