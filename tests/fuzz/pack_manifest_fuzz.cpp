// A pack's manifest (amanat-pack.json, the first entry of every pack, from a USB
// stick) through pack/pack_manifest's parser and checks, under the kiosk's
// default limits and under small ones, and the folder name an install derives.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"
#include "pack/pack_manifest.hpp"

using namespace amanat;

namespace {

// Independently of pack/entry_path: relative, and no part empty, "." or "..".
bool stays_inside(const std::string& path) {
    if (path.empty() || path.front() == '/') return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? slash : slash - start);
        if (part.empty() || part == "." || part == "..") return false;
        if (slash == std::string::npos) return true;
        start = slash + 1;
    }
}

void check(const pack::PackManifest& manifest, const pack::Limits& limits) {
    fuzzing::expect(pack::is_bundle_id(manifest.bundle_id), "a manifest is accepted with a bad bundle id");
    fuzzing::expect(static_cast<long long>(manifest.files.size()) <= limits.max_files,
                    "a manifest is accepted with more files than the limit");
    fuzzing::expect(manifest.total_bytes >= 0 && manifest.total_bytes <= limits.max_total_bytes,
                    "a manifest is accepted with more bytes than the limit");
    std::set<std::string> paths;
    for (const pack::ManifestFile& file : manifest.files) {
        fuzzing::expect(stays_inside(file.path), "a manifest is accepted with a path out of the bundle");
        fuzzing::expect(file.size >= 0, "a manifest is accepted with a negative size");
        fuzzing::expect(paths.insert(file.path).second, "a manifest is accepted listing a file twice");
    }
    const std::string folder = pack::pack_folder_name(manifest, std::string(64, 'a'));
    fuzzing::expect(folder.find('/') == std::string::npos, "an installed pack's folder name holds a slash");
    fuzzing::expect(folder != "." && folder != "..", "an installed pack's folder name is . or ..");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (const pack::Limits limits : {pack::Limits{}, pack::Limits{4096, 3}}) {
        pack::PackManifest manifest;
        std::string problem;
        if (pack::parse_manifest(fuzzing::text_of(data, size), limits, manifest, problem)) {
            check(manifest, limits);
            // What `amanat pack build` writes must read back as the same manifest.
            pack::PackManifest again;
            fuzzing::expect(pack::parse_manifest(pack::manifest_json(manifest), limits, again, problem),
                            "a manifest written again does not read back");
        } else {
            fuzzing::expect(!problem.empty(), "a manifest is refused without saying why");
        }
    }
    return 0;
}
