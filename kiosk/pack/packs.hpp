#pragma once

// Content packs: an exhibition bundle in one archive file (NAME.amanat), with a
// manifest of every file's size and hash, signed by the museum's key; and the
// kiosk's installed packs, switched atomically and rolled back in one step.
// docs/PACKS.md describes the format and the folder layout for staff.
//
// This module alone includes libarchive; the signatures and hashes are
// libsodium's (Ed25519, and a cryptographic hash of every file).
//
// Thread contract: the functions here are blocking and may run on any thread
// (the staff screens run them on a worker); a `PackProgress` callback is called
// on the calling thread, often, and must be cheap. Two installs into the same
// root at once are refused (a lock file), not interleaved.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/exhibition/bundle_validator.hpp"

namespace amanat::pack {

// How far a long operation has got, for a progress bar: bytes and files.
struct PackProgress {
    // English, for logs. build: "validating", "hashing", "writing"; verify: "checking";
    // install: "extracting", then "validating", "switching", "done" (these three
    // without totals: all counts 0).
    std::string stage;
    long long bytes_done = 0;
    long long bytes_total = 0;
    long long files_done = 0;
    long long files_total = 0;
};
using ProgressCallback = std::function<void(const PackProgress&)>;

// Whose packs a kiosk accepts (from its config).
struct Trust {
    std::vector<std::string> public_keys;  // Ed25519 public keys, base64 as `amanat pack keygen` prints them
    // Development only: also accept unsigned packs, and packs signed by a key
    // not listed (no more proof than none). A signature that does not match its
    // manifest is refused all the same: that pack was altered or damaged.
    bool allow_unsigned = false;
};

// What an archive may declare before anything is extracted (zip bombs).
struct Limits {
    long long max_total_bytes = 8LL << 30;
    long long max_files = 20000;
};

// The verdict on a pack file: every problem found, each naming the file (and
// the entry inside it) and saying what to do.
struct PackCheck {
    bool ok = false;
    std::string bundle_id;
    std::string bundle_version;
    std::string signer;  // the public key (base64) that signed it, or "" when unsigned
    bool signer_trusted = false;
    long long files = 0;
    long long bytes = 0;
    std::vector<std::string> problems;
};

// `amanat pack keygen`: writes a new secret key to `secret_key_file` (mode 0600,
// refusing to overwrite) and returns the public key, base64.
std::optional<std::string> generate_signing_key(const std::filesystem::path& secret_key_file,
                                                std::string& error);

// `amanat pack build`: validates the bundle in `bundle_folder` (refusing on any
// error, whose report is returned in `report`), then writes `out` (through a
// temporary file renamed into place) holding the bundle and its manifest, signed
// when `secret_key_file` is given.
bool build_pack(const std::filesystem::path& bundle_folder, const std::filesystem::path& out,
                const std::optional<std::filesystem::path>& secret_key_file, const ProgressCallback& progress,
                ValidationReport& report, std::string& error);

// `amanat pack verify`: the signature against `trust` and every file's size and
// hash against the manifest, reading the whole archive without extracting it.
PackCheck verify_pack(const std::filesystem::path& file, const Trust& trust, const Limits& limits,
                      const ProgressCallback& progress);

// One pack installed under a root folder.
struct InstalledPack {
    std::string name;              // its folder's name under the root's packs/
    std::filesystem::path folder;  // ROOT/packs/NAME; the exhibition itself is folder / "bundle"
    std::string bundle_id;
    std::string bundle_version;
    std::string signer;          // "" when unsigned
    long long installed_at = 0;  // Unix seconds
    bool active = false;
    bool previous = false;  // what `rollback` would return to
};

// Whether an install may put back an older version of the active exhibition:
// the same exhibition id with a lower version (docs/PACKS.md, "Older packs").
// A signature never expires, so without this rule anyone holding a pack once
// signed could put back content a newer pack replaced, without a word.
enum class OlderPack {
    refuse,  // the staff screen, and `amanat pack install` without --allow-older
    allow,   // `amanat pack install --allow-older`: staff going back on purpose
};

// What an install did, or why it refused: for the staff screen and the CLI.
struct InstallOutcome {
    bool ok = false;
    std::string message;          // one paragraph for staff: what happened, what to do
    ValidationReport validation;  // the staged bundle's report when it did not validate
    std::optional<InstalledPack> installed;
    bool older_than_active = false;  // refused as an older version (OlderPack::refuse)
};

// The kiosk's installed packs under `root` (docs/PACKS.md: packs/NAME/, the
// `active` and `previous` links, staging/). A crash or power cut at any moment
// leaves `active` naming either the old or the new pack, complete.
class InstalledPacks {
  public:
    explicit InstalledPacks(std::filesystem::path root);

    // The bundle folder the kiosk should show: the active pack's, or nullopt
    // when none is installed (the kiosk then shows its built-in exhibition).
    // One readlink, no lock: cheap enough for every idle reset. The path names
    // the pack's own folder (ROOT/packs/NAME/bundle), not the `active` link, so
    // a kiosk keeps reading one pack while another is installed; compare it
    // with the path shown to know whether to reload.
    std::optional<std::filesystem::path> active_bundle() const;
    // Every installed pack, newest first.
    std::vector<InstalledPack> list(std::string& error) const;

    // Verify, extract into staging (refusing unsafe entries), validate, then
    // switch `active` to it, keeping the pack it replaces as `previous`. The
    // active exhibition is unchanged unless `ok` is true; `ok` is also true,
    // with nothing changed, when this very pack is active already (`message`
    // says so). A `pack_file` that is not a regular file (a pipe, a device, a
    // folder) is refused at once, before the root's lock is taken; an older
    // version of the active exhibition is refused unless `older` allows it.
    InstallOutcome install(const std::filesystem::path& pack_file, const Trust& trust, const Limits& limits,
                           const ProgressCallback& progress, OlderPack older = OlderPack::refuse);
    // Makes `previous` active again (and the current one previous). `message`
    // says what happened or why not, for staff, either way.
    bool rollback(std::string& message);

    const std::filesystem::path& root() const { return m_root; }

  private:
    std::filesystem::path m_root;
};

// Pack files staff have brought: *.amanat in mounted USB sticks (/media,
// /run/media, a few folders deep) and in `extra_folders`, newest first.
std::vector<std::filesystem::path> find_pack_files(const std::vector<std::filesystem::path>& extra_folders);

}  // namespace amanat::pack
