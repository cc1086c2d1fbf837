// A whole pack file (NAME.amanat on a USB stick: an uncompressed tar) through the
// reader every pack goes through (pack/pack_reader, libarchive): verified as
// `amanat pack verify` and staff mode do, by a kiosk trusting no key and by a
// development kiosk accepting unsigned packs; and a pack that verifies is then
// installed (extracted, validated, switched to) in a root of its own, which must
// hold everything it wrote.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"
#include "pack/packs.hpp"

using namespace amanat;
namespace fs = std::filesystem;

namespace {

// Small limits: a fuzzed header claiming gigabytes is refused as it would be,
// without the run spending its time on it.
constexpr pack::Limits kLimits{1 << 20, 64};

// Everything in the scratch folder but `keep`, for the install's check.
bool only_inside(const fs::path& root, const fs::path& pack_file) {
    for (const auto& entry : fs::recursive_directory_iterator(fuzzing::scratch_folder())) {
        const fs::path& path = entry.path();
        if (path == pack_file || path == root) continue;
        const auto relative = path.lexically_relative(root);
        if (relative.empty() || *relative.begin() == "..") return false;
    }
    return true;
}

void install(const fs::path& pack_file) {
    const fs::path root = fuzzing::scratch_folder() / "packs";
    fs::remove_all(root);
    pack::InstalledPacks packs(root);
    const pack::InstallOutcome outcome = packs.install(pack_file, pack::Trust{{}, true}, kLimits, {});
    fuzzing::expect(!outcome.message.empty(), "an install says nothing");
    if (outcome.ok) fuzzing::expect(packs.active_bundle().has_value(), "an installed pack is not active");
    fuzzing::expect(only_inside(root, pack_file), "an install wrote outside its root");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fs::path pack_file = fuzzing::scratch_folder() / "exhibition.amanat";
    fuzzing::write_bytes(pack_file, fuzzing::text_of(data, size));
    pack::verify_pack(pack_file, pack::Trust{}, kLimits, {});
    const pack::PackCheck check = pack::verify_pack(pack_file, pack::Trust{{}, true}, kLimits, {});
    fuzzing::expect(check.ok == check.problems.empty(), "a verdict contradicts its problems");
    if (check.ok) install(pack_file);
    return 0;
}
