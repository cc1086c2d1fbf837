#pragma once

// Reading a pack file from start to end, checking everything on the way:
// `verify_pack` reads it to judge it, `InstalledPacks::install` to extract it.
//
// The order is what makes extraction safe. The manifest comes first and is
// checked (format, paths, count and total against the Limits) and the
// signature against the Trust, all before the first byte of the bundle is
// handed on. Then each entry is checked before any of its bytes are: a safe
// path under "bundle/", a regular file (links, devices, pipes refused), listed
// in the manifest, not seen before, and the size in its header equal to the
// manifest's (a header claiming terabytes stops here, unread). Its bytes are
// hashed as they pass, and the sink is told whether they matched. At the end,
// files of the manifest that never came are reported.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/files/regular_file.hpp"
#include "pack/pack_manifest.hpp"
#include "pack/pack_signature.hpp"
#include "pack/packs.hpp"

namespace amanat::pack {

// What the first two entries said, once checked.
struct PackHeader {
    PackManifest manifest;
    std::string manifest_bytes;
    std::string manifest_hash;  // hex; names the installed pack's folder
    std::optional<PackSignature> signature;
    std::string signer;  // base64, or "" when unsigned
    bool signer_trusted = false;
};

// Where the bundle's bytes go, called on the thread running read_pack(), in
// order, one file at a time. Each call returning false stops the reading;
// `problem` (a sentence without the pack's name) says why, or stays empty for a
// quiet stop (e.g. the pack is installed already).
class PackSink {
  public:
    virtual ~PackSink() = default;
    // After the manifest, the signature and the limits were accepted.
    virtual bool start(const PackHeader& header, std::string& problem) = 0;
    // Before the bytes of a file, which passed every check on its entry.
    virtual bool open_file(const ManifestFile& file, std::string& problem) = 0;
    virtual bool write(const char* bytes, std::size_t size, std::string& problem) = 0;
    // After its last byte; `intact` says whether size and hash matched.
    virtual bool close_file(bool intact, std::string& problem) = 0;
};

enum class OnProblem {
    stop,      // install: the first problem ends it
    carry_on,  // verify: report every damaged or extra file (up to a limit)
};

// Opens the pack file staff named, refusing at once (without blocking, and
// before any lock is taken) a named pipe, a device, a folder, a socket or a
// link to one: reading those would never end. nullopt with `problem`, a
// sentence naming the file, what it is and what to give instead.
std::optional<RegularFile> open_pack_file(const std::filesystem::path& file, std::string& problem);

// Reads `file` (opened by open_pack_file) through `sink`. The verdict lists
// each problem, naming the pack file and the entry. `ok` is true only when
// everything was read and matched. `stage` is the progress stage's name
// ("checking", "extracting").
PackCheck read_pack(const RegularFile& file, const Trust& trust, const Limits& limits, PackSink& sink,
                    OnProblem on_problem, std::string_view stage, const ProgressCallback& progress);

}  // namespace amanat::pack
