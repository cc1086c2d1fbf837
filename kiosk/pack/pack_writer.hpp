#pragma once

// Writing a pack file: the manifest, the signature, then every file of the
// bundle, as an uncompressed POSIX tar (pax) archive. Uncompressed because a
// bundle's bulk is JPEG, Opus and H.264, which do not shrink (the sample: 12 %
// smaller with zstd, mostly its Markdown), and because a pack's size on disk
// then bounds what it can extract to: there is no decompression bomb.

#include <filesystem>
#include <string>
#include <vector>

#include "pack/packs.hpp"
#include "pack/signing_key.hpp"

namespace amanat::pack {

struct BundleFile {
    std::string path;  // bundle-relative, '/'-separated
    std::filesystem::path source;
    long long size = 0;
};

// The files of a bundle folder that go into its pack, sorted by path: regular
// files, and links to regular files inside the folder (packed as copies).
// Hidden files and folders (".git", ".DS_Store") are left out; the validator
// ignores them too. False with `error` naming the first file that cannot be
// packed (a link leading outside, a device, a name a kiosk cannot store).
bool list_bundle_files(const std::filesystem::path& folder, std::vector<BundleFile>& files,
                       std::string& error);

struct PackContent {
    std::string bundle_id;
    std::string bundle_version;
    std::vector<BundleFile> files;
};

// Hashes the files, writes the manifest (signed with `key` unless null) and the
// files to a temporary file beside `out`, then makes it durable and renames it
// into place. Reads each file twice (to hash, then to write) and refuses if it
// changed in between. Does not validate: build_pack() does, and the tests use
// this to make packs of broken bundles. Progress stages: "hashing", "writing".
bool write_pack(const PackContent& content, const std::filesystem::path& out, const SigningKey* key,
                const ProgressCallback& progress, std::string& error);

}  // namespace amanat::pack
