#pragma once

// The manifest: the first entry of every pack (amanat-pack.json), listing each
// file of the bundle with its size and hash. It is what the signature covers,
// so a pack's whole content is signed through it. docs/PACKS.md shows one.

#include <string>
#include <string_view>
#include <vector>

#include "pack/packs.hpp"

namespace amanat::pack {

// The archive's entries, in this order: the manifest, the signature (absent
// when unsigned), then every file of the bundle under "bundle/".
inline constexpr std::string_view kManifestEntry = "amanat-pack.json";
inline constexpr std::string_view kSignatureEntry = "amanat-pack.sig";
inline constexpr std::string_view kBundlePrefix = "bundle/";

// Raised only when a pack made by a newer `amanat` could not be read correctly
// by an older kiosk; such packs are refused with a message saying so.
inline constexpr int kPackFormatVersion = 1;

struct ManifestFile {
    std::string path;  // bundle-relative, '/'-separated
    long long size = 0;
    std::string hash;  // BLAKE2b-256, lower-case hex
};

struct PackManifest {
    int format_version = kPackFormatVersion;
    std::string bundle_id;
    std::string bundle_version;
    std::string created;     // "2026-11-30T14:05:09Z"
    std::string created_by;  // "amanat 0.1.0"
    long long total_bytes = 0;
    std::vector<ManifestFile> files;  // sorted by path
};

// The manifest's bytes as stored and signed: JSON, one file per line.
std::string manifest_json(const PackManifest& manifest);

// The largest manifest read for these limits (about 1 kB a file), so a manifest
// cannot itself be the bomb.
long long max_manifest_bytes(const Limits& limits);

// Parses and checks a manifest: known format, safe and unique paths (no file
// inside another "file"), sizes and hashes well formed, and the count and total
// within `limits`. False with `problem` saying what is wrong (a sentence
// without the pack's name: the caller adds it).
bool parse_manifest(std::string_view bytes, const Limits& limits, PackManifest& manifest,
                    std::string& problem);

// The installed pack's folder name: "<bundle id>-<version>-<first 12 hex of the
// manifest's hash>", the version reduced to letters, digits, ".", "_" and "-".
std::string pack_folder_name(const PackManifest& manifest, std::string_view manifest_hash);

// A bundle id as the bundle format allows: a-z, 0-9 and "-", 1 to 64 of them.
bool is_bundle_id(std::string_view id);

}  // namespace amanat::pack
