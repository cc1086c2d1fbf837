// InstalledPacks::install: verify, extract into staging, validate, switch.
//
// Crash safety (a SIGKILL or a power cut at any moment): nothing outside
// ROOT/staging changes until the new pack is complete, validated and on disk
// (fsync of every file and folder). It then enters packs/ by one rename, and becomes active by one
// rename of the `active` link; its `previous` link was made inside it
// beforehand. So `active` always names a complete pack, the old or the new
// one; what a crash can leave is junk in staging/ (removed by the next
// install) or an unused pack in packs/ (removed after the next switch).
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>

#include "core/exhibition/bundle_validator.hpp"
#include "core/files/byte_count.hpp"
#include "pack/crash_point.hpp"
#include "pack/durable.hpp"
#include "pack/exhibition_version.hpp"
#include "pack/pack_info.hpp"
#include "pack/pack_reader.hpp"
#include "pack/pack_root.hpp"
#include "pack/packs.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

namespace {

// Room for file-system blocks and folders beyond the files' own bytes.
long long space_needed(const PackManifest& manifest) {
    return manifest.total_bytes + static_cast<long long>(manifest.files.size()) * 4096 + (16LL << 20);
}

// Empties ROOT/staging (what an interrupted install left, or this one's work).
// Whole trees are renamed into staging before they are deleted, so a crash in
// the middle of a deletion only ever leaves junk here.
bool clean_staging(const PackRoot& root, std::string& error) {
    std::error_code ec;
    if (fs::exists(root.staging, ec)) {
        fs::remove_all(root.staging, ec);
        crash_point("clean staging");
        if (ec) {
            error = "cannot empty " + root.staging.string() + ": " + ec.message();
            return false;
        }
    }
    fs::create_directory(root.staging, ec);
    if (ec) {
        error = "cannot create " + root.staging.string() + ": " + ec.message();
        return false;
    }
    crash_point("create staging");
    return true;
}

// Why the pack is refused as an older version of the active exhibition, or ""
// when it is not one: another exhibition, the same or a newer version, or
// nothing active (or its pack-info.json unreadable: nothing to compare with).
// The reader has checked the signature by now, so this is the version signed.
std::string older_version_refusal(const PackRoot& root, const PackManifest& manifest) {
    const auto active = root.active_name();
    if (!active) return "";
    const auto info = read_pack_info(root.pack(*active) / "pack-info.json");
    if (!info || info->bundle_id != manifest.bundle_id ||
        compare_versions(manifest.bundle_version, info->bundle_version) >= 0) {
        return "";
    }
    return "is " + manifest.bundle_id + " " + manifest.bundle_version + ", older than the active " +
           info->bundle_version +
           ", and installing it would put back what that version replaced. To go back to it on purpose, "
           "run `amanat pack install --allow-older` with this file; to return to the exhibition shown "
           "before the active one, roll back instead (`amanat pack rollback`)";
}

// Writes the bundle's files into ROOT/staging/NAME/bundle as the reader hands
// them over, each entry already checked; it never creates links, so no path
// can lead out of the staging folder.
class StagingSink final : public PackSink {
  public:
    StagingSink(const PackRoot& root, OlderPack older) : m_root(root), m_older(older) {}
    ~StagingSink() override {
        if (m_fd >= 0) ::close(m_fd);
    }
    StagingSink(const StagingSink&) = delete;
    StagingSink& operator=(const StagingSink&) = delete;

    bool start(const PackHeader& header, std::string& problem) override {
        m_header = header;
        m_name = pack_folder_name(header.manifest, header.manifest_hash);
        // Active already: the file is still read to the end and checked (a
        // damaged copy must not be called fine), but nothing is written.
        if (m_root.active_name() == m_name) {
            m_already_active = true;
            return true;
        }
        if (m_older == OlderPack::refuse) {
            problem = older_version_refusal(m_root, header.manifest);
            m_older_than_active = !problem.empty();
            if (m_older_than_active) return false;
        }
        struct statvfs space {};
        if (::statvfs(m_root.staging.c_str(), &space) == 0) {
            const long long available =
                static_cast<long long>(space.f_bavail) * static_cast<long long>(space.f_frsize);
            if (available < space_needed(header.manifest)) {
                problem = "needs about " + describe_bytes(space_needed(header.manifest)) +
                          " of free space in " + m_root.root.string() + ", and only " +
                          describe_bytes(available) + " is free; make room on that disk, then try again";
                return false;
            }
        }
        std::error_code ec;
        fs::create_directories(bundle(), ec);
        if (ec) {
            problem = "cannot create " + bundle().string() + ": " + ec.message();
            return false;
        }
        crash_point("create staged pack");
        return true;
    }

    bool open_file(const ManifestFile& file, std::string& problem) override {
        if (m_already_active) return true;
        for (std::size_t slash = file.path.find('/'); slash != std::string::npos;
             slash = file.path.find('/', slash + 1)) {
            const fs::path folder = bundle() / file.path.substr(0, slash);
            if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) {
                problem = "cannot create " + folder.string() + ": " + errno_text(errno);
                return false;
            }
        }
        m_path = bundle() / file.path;
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (m_fd < 0) {
            problem = "cannot create " + m_path.string() + ": " + errno_text(errno);
            return false;
        }
        return true;
    }

    bool write(const char* bytes, std::size_t size, std::string& problem) override {
        if (m_already_active) return true;
        std::string why;
        if (write_all(m_fd, {bytes, size}, why)) return true;
        problem = "cannot write " + m_path.string() + ": " + why;
        return false;
    }

    bool close_file(bool, std::string& problem) override {
        if (m_already_active) return true;
        const int fd = m_fd;
        m_fd = -1;
        start_writeback(fd);
        if (::close(fd) != 0) {
            problem = "cannot write " + m_path.string() + ": " + errno_text(errno);
            return false;
        }
        crash_point("extract file");
        return true;
    }

    bool already_active() const { return m_already_active; }
    bool older_than_active() const { return m_older_than_active; }
    const std::string& name() const { return m_name; }
    const PackHeader& header() const { return m_header; }
    fs::path folder() const { return m_root.staging / m_name; }
    fs::path bundle() const { return folder() / "bundle"; }

  private:
    const PackRoot& m_root;
    const OlderPack m_older;
    PackHeader m_header;
    std::string m_name;
    bool m_already_active = false;
    bool m_older_than_active = false;
    int m_fd = -1;
    fs::path m_path;
};

std::string first_lines(const std::vector<std::string>& problems) {
    std::string text;
    for (std::size_t i = 0; i < problems.size() && i < 3; ++i)
        text += (i == 0 ? "" : " ") + problems[i] + ".";
    if (problems.size() > 3) text += " (" + std::to_string(problems.size() - 3) + " more problems.)";
    return text;
}

std::string first_error(const ValidationReport& report) {
    for (const Diagnostic& d : report.diagnostics.items()) {
        if (d.severity != Severity::Error) continue;
        std::string where = d.file.empty() ? "exhibition" : d.file;
        // ':' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on ":" + std::string
        if (d.line > 0) where += ':' + std::to_string(d.line);
        return where + ": " + d.message;
    }
    return "";
}

std::string signer_words(const PackHeader& header) {
    if (header.signer.empty()) return "unsigned (this kiosk accepts unsigned packs)";
    if (header.signer_trusted) return "signed by the trusted key " + header.signer;
    return "signed by the untrusted key " + header.signer + " (this kiosk accepts unsigned packs)";
}

// Puts the staged pack into packs/. A pack of the same name can be there only
// when it is not active (an earlier install of the same pack, or `previous`):
// the two folders are exchanged in one step where the file system allows it.
bool move_into_packs(const PackRoot& root, const std::string& name, std::string& error) {
    const fs::path staged = root.staging / name;
    const fs::path target = root.pack(name);
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) {
        if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
            // Not supported here: move the old one aside, then the new one in.
            const fs::path aside = root.staging / ("replaced-" + name);
            if (::rename(target.c_str(), aside.c_str()) != 0) {
                error = "cannot move " + target.string() + " aside: " + errno_text(errno);
                return false;
            }
            crash_point("move old pack aside");
            if (::rename(staged.c_str(), target.c_str()) != 0) {
                error = "cannot move the new pack into " + target.string() + ": " + errno_text(errno);
                return false;
            }
        }
    } else if (::rename(staged.c_str(), target.c_str()) != 0) {
        error = "cannot move the new pack into " + target.string() + ": " + errno_text(errno);
        return false;
    }
    crash_point("move pack into packs");
    return fsync_folder(root.packs, error);
}

// Keeps the active pack and the one it would roll back to; the others are
// moved into staging (one rename each) and deleted there.
void remove_unused_packs(const PackRoot& root, const std::string& active,
                         const std::optional<std::string>& previous) {
    std::error_code ec;
    std::vector<std::string> unused;  // listed first: renaming while reading a folder is unspecified
    for (fs::directory_iterator it(root.packs, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name != active && !(previous && name == *previous)) unused.push_back(name);
    }
    for (std::size_t i = 0; i < unused.size(); ++i) {
        const fs::path aside = root.staging / ("unused-" + std::to_string(i) + "-" + unused[i]);
        if (::rename(root.pack(unused[i]).c_str(), aside.c_str()) == 0) crash_point("move unused pack");
    }
    std::string ignored;
    if (!unused.empty()) fsync_folder(root.packs, ignored);
}

}  // namespace

InstallOutcome InstalledPacks::install(const fs::path& pack_file, const Trust& trust, const Limits& limits,
                                       const ProgressCallback& progress, OlderPack older) {
    InstallOutcome outcome;
    const PackRoot root(m_root);
    const auto refused = [&](const std::string& why) {
        outcome.ok = false;
        outcome.message = why + " The active exhibition is unchanged.";
        return outcome;
    };
    const auto stage = [&](const char* name) {
        if (progress) progress(PackProgress{name, 0, 0, 0, 0});
    };

    std::string error;
    // Before the lock: a pipe or a device given by mistake must not hold up
    // every other install and rollback while nothing can be read from it.
    const auto opened = open_pack_file(pack_file, error);
    if (!opened) return refused("Not installed: " + error + ".");
    const auto lock = RootLock::take(root, error);
    if (!lock) return refused("Not installed: " + error + ".");
    if (!clean_staging(root, error)) return refused("Not installed: " + error + ".");

    StagingSink sink(root, older);
    const PackCheck check = read_pack(*opened, trust, limits, sink, OnProblem::stop, "extracting", progress);
    if (check.ok && sink.already_active()) {
        clean_staging(root, error);
        outcome.ok = true;
        outcome.message = pack_file.string() + " (" + sink.header().manifest.bundle_id + " " +
                          sink.header().manifest.bundle_version +
                          ") is already the active exhibition here; nothing to do.";
        for (InstalledPack& pack : list(error))
            if (pack.active) outcome.installed = pack;
        return outcome;
    }
    if (!check.ok) {
        clean_staging(root, error);
        outcome.older_than_active = sink.older_than_active();
        return refused("Not installed: " + first_lines(check.problems));
    }

    const PackHeader& header = sink.header();
    stage("validating");
    outcome.validation = validate_bundle(sink.bundle());
    if (outcome.validation.diagnostics.has_errors() || !outcome.validation.bundle) {
        const std::size_t errors = outcome.validation.diagnostics.error_count();
        clean_staging(root, error);
        return refused("Not installed: the exhibition in " + pack_file.string() + " does not validate (" +
                       std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                       "; the first: " + first_error(outcome.validation) +
                       "). Check the bundle with `amanat pack validate` before building its pack.");
    }
    const Exhibition& exhibition = outcome.validation.bundle->exhibition;
    if (exhibition.id != header.manifest.bundle_id || exhibition.version != header.manifest.bundle_version) {
        clean_staging(root, error);
        return refused("Not installed: the manifest of " + pack_file.string() + " names " +
                       header.manifest.bundle_id + " " + header.manifest.bundle_version +
                       " but its exhibition.toml says " + exhibition.id + " " + exhibition.version +
                       "; rebuild the pack with `amanat pack build`.");
    }

    stage("switching");
    const std::string& name = sink.name();
    const auto old_active = root.active_name();
    std::error_code ec;
    PackInfo info;
    info.bundle_id = header.manifest.bundle_id;
    info.bundle_version = header.manifest.bundle_version;
    info.signer = header.signer;
    info.signer_trusted = header.signer_trusted;
    info.installed_at =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    for (const auto& entry : fs::directory_iterator(root.packs, ec))
        if (const auto other = read_pack_info(entry.path() / "pack-info.json"))
            info.sequence = std::max(info.sequence, other->sequence);
    ++info.sequence;
    info.manifest_hash = header.manifest_hash;
    info.pack_file = fs::absolute(pack_file).lexically_normal().string();
    info.files = static_cast<long long>(header.manifest.files.size());
    info.bytes = header.manifest.total_bytes;
    // Plain writes: fsync_tree() below makes them durable with the bundle.
    bool ok = true;
    for (const auto& [file, bytes] : {std::pair{sink.folder() / "pack-info.json", pack_info_json(info)},
                                      std::pair{sink.folder() / "amanat-pack.json", header.manifest_bytes}}) {
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        ok = ok && fd >= 0 && write_all(fd, bytes, error);
        if (fd >= 0) ::close(fd);
        if (!ok && error.empty()) error = errno_text(errno);
        crash_point("write pack info");
    }
    if (ok && old_active && *old_active != name) {
        ok = ::symlink(previous_target(*old_active).c_str(), (sink.folder() / "previous").c_str()) == 0;
        if (!ok) error = errno_text(errno);
        crash_point("link previous");
    }
    if (!ok) {
        clean_staging(root, error);
        return refused("Not installed: cannot write into " + sink.folder().string() + ": " + error + ".");
    }
    if (!fsync_tree(sink.folder(), error) || !fsync_folder(root.staging, error) ||
        !move_into_packs(root, name, error) ||
        !replace_link_durably(root.active, active_target(name), error)) {
        // `active` was not replaced (it is the last step): still the old pack.
        return refused("Not installed: " + error + ".");
    }

    // The new pack is active. Tidying up may fail without harm.
    remove_unused_packs(root, name, old_active);
    clean_staging(root, error);
    stage("done");

    outcome.ok = true;
    outcome.message =
        "Installed " + info.bundle_id + " " + info.bundle_version + " from " + pack_file.string() + ", " +
        signer_words(header) +
        ". It is now the active exhibition; the kiosk shows it from its next return to the attract "
        "screen." +
        (old_active && *old_active != name ? " `amanat pack rollback` returns to " + *old_active + "."
                                           : std::string());
    InstalledPack installed;
    installed.name = name;
    installed.folder = root.pack(name);
    installed.bundle_id = info.bundle_id;
    installed.bundle_version = info.bundle_version;
    installed.signer = info.signer;
    installed.installed_at = info.installed_at;
    installed.active = true;
    outcome.installed = installed;
    return outcome;
}

}  // namespace amanat::pack
