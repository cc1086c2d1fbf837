#pragma once

// What the pack tests share: small valid bundles, packs built from them with a
// test key, and archives crafted entry by entry with libarchive for the packs
// `amanat pack build` would never make (links, devices, lying headers...).

#include <sys/types.h>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pack/packs.hpp"
#include "pack/signing_key.hpp"

struct archive;  // libarchive's

namespace amanat::testing {

using Files = std::vector<std::pair<std::string, std::string>>;  // bundle path -> bytes

// A synthetic bundle (valid, no warnings) with exhibition version `version`
// and `artifacts` artifacts, so that two packs can differ in name and files.
void write_bundle(const std::filesystem::path& folder, const std::string& version, int artifacts = 1);

// Every file of a folder, sorted by path (links not followed).
Files folder_files(const std::filesystem::path& folder);

std::string read_bytes(const std::filesystem::path& file);
void write_bytes(const std::filesystem::path& file, const std::string& bytes);

// A key made once per test run, its public key as kiosks list it, and a Trust
// naming it.
const pack::SigningKey& test_key();
std::string test_public_key();
pack::Trust trust_test_key();

// Builds a signed pack of `bundle` (which must validate) into `out`.
void build_signed(const std::filesystem::path& bundle, const std::filesystem::path& out);

// A tar archive written entry by entry (POSIX pax, like real packs).
class TarWriter {
  public:
    explicit TarWriter(const std::filesystem::path& file);
    ~TarWriter();
    TarWriter(const TarWriter&) = delete;
    TarWriter& operator=(const TarWriter&) = delete;

    void file(const std::string& name, const std::string& bytes);
    void folder(const std::string& name);
    void symlink(const std::string& name, const std::string& target);
    void hardlink(const std::string& name, const std::string& target);
    void special(const std::string& name, mode_t type);  // AE_IFCHR, AE_IFBLK, AE_IFIFO
    void close();

  private:
    ::archive* m_archive = nullptr;
};

// The manifest `amanat pack build` would write for `files`.
std::string manifest_of(const Files& files, const std::string& id = "synthetic",
                        const std::string& version = "1");

// A pack written by hand: `manifest`, its signature by test_key() unless
// `sign` is false, the files under bundle/, then whatever `extra` adds.
void write_crafted_pack(const std::filesystem::path& out, const std::string& manifest, const Files& files,
                        bool sign = true, const std::function<void(TarWriter&)>& extra = {});

// Rewrites the size field of the ustar header of `entry` in `tar` as base-256
// (how tar stores sizes beyond 8 GB), with a correct checksum: a header that
// claims `size` bytes whose data is not there.
void claim_size(const std::filesystem::path& tar, const std::string& entry, long long size);

// Byte offset of `needle` in the file, which must hold it.
std::size_t offset_of(const std::filesystem::path& file, const std::string& needle);

}  // namespace amanat::testing
