#include "pack/pack_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <memory>
#include <set>
#include <unordered_map>

#include "core/files/byte_count.hpp"
#include "pack/content_hash.hpp"
#include "pack/entry_path.hpp"
#include "pack/utf8_names.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

namespace {

constexpr long long kMaxSignatureBytes = 4096;
constexpr std::size_t kMaxReportedProblems = 50;

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};

// An entry's name for a message: quoted, control characters shown as "?".
std::string shown(std::string_view name) {
    std::string out = "\"";
    for (const char c : name.substr(0, 300)) {
        const auto byte = static_cast<unsigned char>(c);
        out += byte < 0x20 || byte == 0x7F ? '?' : c;
    }
    return out + (name.size() > 300 ? "...\"" : "\"");
}

// Asked in every form: a target that does not convert to one of them must
// not make a hard link look like a regular file.
bool is_hard_link(archive_entry* entry) {
    return archive_entry_hardlink(entry) != nullptr || archive_entry_hardlink_utf8(entry) != nullptr ||
           archive_entry_hardlink_w(entry) != nullptr;
}

const char* kind_of(mode_t type) {
    switch (type) {
        case AE_IFCHR:
            return "a character device file";
        case AE_IFBLK:
            return "a block device file";
        case AE_IFIFO:
            return "a named pipe (FIFO)";
        case AE_IFSOCK:
            return "a socket";
        default:
            return "not a regular file";
    }
}

class Reading {
  public:
    Reading(const RegularFile& file, const Trust& trust, const Limits& limits, PackSink& sink,
            OnProblem on_problem, std::string_view stage, const ProgressCallback& progress)
        : m_opened(file),
          m_file(file.path()),
          m_trust(trust),
          m_limits(limits),
          m_sink(sink),
          m_carry_on(on_problem == OnProblem::carry_on),
          m_progress(progress) {
        m_state.stage = std::string(stage);
    }

    PackCheck run() {
        m_check.ok = read() && m_check.problems.empty();
        return std::move(m_check);
    }

  private:
    // False when reading has to end; problems are in m_check.
    bool read() {
        // A regular file (open_pack_file): every read below ends.
        if (m_opened.size() == 0)
            return refuse("is empty: it is not an Amanat pack (was the copy cut short?)");
        m_archive.reset(archive_read_new());
        // Uncompressed tar only (pax, ustar or GNU headers): packs are written so,
        // and no decompressor means no decompression bomb.
        if (!m_archive || archive_read_support_format_tar(m_archive.get()) != ARCHIVE_OK ||
            archive_read_open_fd(m_archive.get(), m_opened.fd(), 1 << 20) != ARCHIVE_OK) {
            return refuse("is not an Amanat pack (" + libarchive_says() + ")");
        }
        if (!read_manifest() || !read_signature()) return false;
        if (!judge_signature()) return false;

        m_state.bytes_total = m_header.manifest.total_bytes;
        m_state.files_total = static_cast<long long>(m_header.manifest.files.size());
        report();
        std::string why;
        if (!m_sink.start(m_header, why)) return why.empty() ? false : refuse(why);
        for (const ManifestFile& file : m_header.manifest.files) {
            m_listed.emplace(file.path, &file);
            for (std::size_t slash = file.path.find('/'); slash != std::string::npos;
                 slash = file.path.find('/', slash + 1)) {
                m_folders.insert(file.path.substr(0, slash));
            }
        }
        while (!m_at_end) {
            if (!m_pending) {
                const int r = archive_read_next_header(m_archive.get(), &m_entry);
                if (r == ARCHIVE_EOF) break;
                if (r != ARCHIVE_OK) return refuse(damaged());
            }
            m_pending = false;
            if (!read_entry()) return false;
            if (m_check.problems.size() >= kMaxReportedProblems) {
                m_check.problems.push_back(m_file.string() + ": (more problems not listed)");
                return false;
            }
        }
        std::size_t missing = 0;
        std::string example;
        for (const ManifestFile& file : m_header.manifest.files) {
            if (m_seen.count(file.path) == 0 && missing++ == 0)
                example = std::string(kBundlePrefix) + file.path;
        }
        if (missing > 0) {
            return refuse("is incomplete: " + std::to_string(missing) + " of the " +
                          std::to_string(m_header.manifest.files.size()) +
                          " files its manifest lists are not in it (e.g. " + example +
                          "); the copy was cut short: copy it again from the original");
        }
        return true;
    }

    bool read_manifest() {
        const int r = archive_read_next_header(m_archive.get(), &m_entry);
        if (r == ARCHIVE_EOF) return refuse("is empty: it is not an Amanat pack");
        if (r != ARCHIVE_OK) return refuse("is not an Amanat pack (" + libarchive_says() + ")");
        const char* name = archive_entry_pathname_utf8(m_entry);
        if (name == nullptr || name != kManifestEntry || archive_entry_filetype(m_entry) != AE_IFREG ||
            is_hard_link(m_entry)) {
            return refuse(
                "is not an Amanat pack: it does not start with amanat-pack.json (packs are made with `amanat "
                "pack "
                "build`)");
        }
        const long long size = archive_entry_size(m_entry);
        if (!archive_entry_size_is_set(m_entry) || size < 0 || size > max_manifest_bytes(m_limits)) {
            return refuse("its manifest (amanat-pack.json) claims " + describe_bytes(size) +
                          ", more than a manifest of at most " + std::to_string(m_limits.max_files) +
                          " files can need");
        }
        if (!read_whole_entry(size, m_header.manifest_bytes)) return false;
        std::string problem;
        if (!parse_manifest(m_header.manifest_bytes, m_limits, m_header.manifest, problem))
            return refuse(problem);
        m_header.manifest_hash = ContentHash::of(m_header.manifest_bytes);
        m_check.bundle_id = m_header.manifest.bundle_id;
        m_check.bundle_version = m_header.manifest.bundle_version;
        m_check.files = static_cast<long long>(m_header.manifest.files.size());
        m_check.bytes = m_header.manifest.total_bytes;
        return true;
    }

    bool read_signature() {
        const int r = archive_read_next_header(m_archive.get(), &m_entry);
        if (r == ARCHIVE_EOF) {
            m_pending = false;
            m_at_end = true;
            return true;
        }
        if (r != ARCHIVE_OK) return refuse(damaged());
        const char* name = archive_entry_pathname_utf8(m_entry);
        if (name == nullptr || name != kSignatureEntry) {
            m_pending = true;  // the first file of the bundle: an unsigned pack
            return true;
        }
        const long long size = archive_entry_size(m_entry);
        if (archive_entry_filetype(m_entry) != AE_IFREG || is_hard_link(m_entry) || size < 0 ||
            size > kMaxSignatureBytes) {
            return refuse("its signature entry (amanat-pack.sig) is malformed");
        }
        std::string text;
        if (!read_whole_entry(size, text)) return false;
        PackSignature signature;
        std::string problem;
        if (!parse_signature(text, signature, problem)) return refuse(problem);
        if (!signature_matches(signature, m_header.manifest_bytes)) {
            return refuse(
                "its signature does not match its manifest: the pack was changed after it was signed, or is "
                "damaged; copy it again from the original");
        }
        m_header.signature = signature;
        m_header.signer = public_key_text(signature.public_key);
        return true;
    }

    // Unsigned, or signed by a key this kiosk does not trust: refused unless
    // the kiosk accepts unsigned packs (development), since a signature by a
    // key nobody vouches for proves no more than none.
    bool judge_signature() {
        m_check.signer = m_header.signer;
        if (m_header.signature) {
            for (const std::string& text : m_trust.public_keys) {
                const auto key = parse_public_key(text);
                if (key && *key == m_header.signature->public_key) m_header.signer_trusted = true;
            }
        }
        m_check.signer_trusted = m_header.signer_trusted;
        if (m_header.signer_trusted || m_trust.allow_unsigned) return true;
        if (!m_header.signature) {
            refuse(
                "is not signed, and this kiosk accepts only packs signed with a trusted key: build it with "
                "`amanat pack build --sign KEYFILE` (or, on a development kiosk only, set allow_unsigned = "
                "true "
                "under [packs] in its config)");
        } else {
            refuse(
                "is signed by the key " + m_header.signer +
                ", which this kiosk does not trust: if it is your museum's key, add it to trusted_keys under "
                "[packs] in the kiosk's config; otherwise ask for a pack signed with your key");
        }
        return m_carry_on;
    }

    // One entry after the signature; false ends the reading.
    bool read_entry() {
        const char* raw = archive_entry_pathname_utf8(m_entry);
        if (raw == nullptr) return refuse_entry("holds an entry whose name is not UTF-8 text");
        const std::string name = raw;
        const mode_t type = archive_entry_filetype(m_entry);
        std::string path = name;
        if (type == AE_IFDIR && path.size() > 1 && path.back() == '/') path.pop_back();
        if (const std::string why = unsafe_path_reason(path); !why.empty())
            return refuse_entry("holds the entry " + shown(name) + ", which cannot be installed: " + why);
        if (is_hard_link(m_entry)) {
            const char* target = archive_entry_hardlink_utf8(m_entry);
            return refuse_entry("holds " + shown(name) + ", a hard link (to " + shown(target ? target : "?") +
                                "); packs hold only regular files");
        }
        if (type == AE_IFLNK) {
            const char* target = archive_entry_symlink_utf8(m_entry);
            return refuse_entry("holds " + shown(name) + ", a symbolic link (to " +
                                shown(target ? target : "") + "); packs hold only regular files");
        }
        if (type != AE_IFREG && type != AE_IFDIR)
            return refuse_entry("holds " + shown(name) + ", " + kind_of(type) +
                                "; packs hold only regular files");
        if (!path.starts_with(kBundlePrefix)) {
            return refuse_entry("holds " + shown(name) +
                                " outside its bundle/ folder (the pack was not made by `amanat pack build`)");
        }
        const std::string relative = path.substr(kBundlePrefix.size());
        if (type == AE_IFDIR) {
            if (m_folders.count(relative) == 0 || !m_folders_seen.insert(relative).second)
                return refuse_entry("holds the folder " + shown(name) + ", which its manifest does not list");
            return true;
        }
        const auto listed = m_listed.find(relative);
        if (listed == m_listed.end()) {
            return refuse_entry(
                "holds " + shown(name) +
                ", which its manifest does not list: the pack was changed after it was built; copy "
                "it again from the original, or rebuild it");
        }
        if (!m_seen.insert(relative).second) return refuse_entry("holds " + shown(name) + " twice");
        const ManifestFile& file = *listed->second;
        const long long size = archive_entry_size(m_entry);
        if (!archive_entry_size_is_set(m_entry) || size != file.size) {
            return refuse_entry("holds " + shown(name) + " with a size of " + describe_bytes(size) +
                                " where its manifest says " + describe_bytes(file.size) +
                                ": the pack is damaged or was altered");
        }
        if (archive_entry_sparse_count(m_entry) > 0)
            return refuse_entry("holds " + shown(name) + " as a sparse file, which packs never hold");
        return copy_file(name, file);
    }

    bool copy_file(const std::string& name, const ManifestFile& file) {
        std::string why;
        if (!m_sink.open_file(file, why)) return refuse(why);
        ContentHash hash;
        long long done = 0;
        while (true) {
            const void* block = nullptr;
            std::size_t size = 0;
            la_int64_t offset = 0;
            const int r = archive_read_data_block(m_archive.get(), &block, &size, &offset);
            if (r == ARCHIVE_EOF) break;
            if (r != ARCHIVE_OK) return refuse(damaged());
            // Contiguous and never beyond the size checked against the limits.
            if (offset != done || done + static_cast<long long>(size) > file.size) {
                return refuse("holds " + shown(name) + " with more data than its header says");
            }
            hash.add(block, size);
            if (!m_sink.write(static_cast<const char*>(block), size, why)) return refuse(why);
            done += static_cast<long long>(size);
            m_state.bytes_done += static_cast<long long>(size);
            report();
        }
        const bool intact = done == file.size && hash.hex_digest() == file.hash;
        if (!m_sink.close_file(intact, why)) return refuse(why);
        ++m_state.files_done;
        report();
        if (!intact) {
            return refuse_entry("holds " + shown(name) +
                                ", which has changed since the pack was built (its hash differs from the "
                                "manifest's): the pack is "
                                "damaged or was altered; copy it again from the original, or rebuild it");
        }
        return true;
    }

    bool read_whole_entry(long long size, std::string& out) {
        out.assign(static_cast<std::size_t>(size), '\0');
        std::size_t done = 0;
        while (done < out.size()) {
            const la_ssize_t got = archive_read_data(m_archive.get(), out.data() + done, out.size() - done);
            if (got <= 0) return refuse(damaged());
            done += static_cast<std::size_t>(got);
        }
        return true;
    }

    // A problem that ends the reading.
    bool refuse(const std::string& problem) {
        m_check.problems.push_back(m_file.string() + ": " + problem);
        return false;
    }
    // A problem with one entry: the end of an install; verify notes it and,
    // when it can, skips the entry to look at the rest.
    bool refuse_entry(const std::string& problem) {
        refuse(problem);
        return m_carry_on;
    }

    std::string libarchive_says() const {
        const char* why = archive_error_string(m_archive.get());
        return why != nullptr ? why : "libarchive cannot read it";
    }
    std::string damaged() const {
        return "is damaged or incomplete (" + libarchive_says() + "); copy it again from the original";
    }

    void report() {
        if (m_progress) m_progress(m_state);
    }

    const RegularFile& m_opened;
    const fs::path& m_file;
    const Trust& m_trust;
    const Limits& m_limits;
    PackSink& m_sink;
    const bool m_carry_on;
    const ProgressCallback& m_progress;

    Utf8Names m_utf8_names;  // before the archive: outlives it
    std::unique_ptr<archive, ArchiveFree> m_archive;
    archive_entry* m_entry = nullptr;  // owned by m_archive
    bool m_pending = false;            // m_entry was read but not yet handled
    bool m_at_end = false;
    PackHeader m_header;
    PackCheck m_check;
    PackProgress m_state;
    std::unordered_map<std::string, const ManifestFile*> m_listed;
    std::set<std::string> m_folders;
    std::set<std::string> m_folders_seen;
    std::set<std::string> m_seen;
};

}  // namespace

std::optional<RegularFile> open_pack_file(const fs::path& file, std::string& problem) {
    std::string what;
    auto opened = RegularFile::open(file, what);
    if (opened) return opened;
    problem = file.string() + ": " + what;
    if (what.starts_with("cannot")) return std::nullopt;  // missing or unreadable: that says it all
    // Only to word the advice: RegularFile::open decided on what it opened.
    struct stat status {};
    if (::stat(file.c_str(), &status) == 0 && S_ISDIR(status.st_mode)) {
        problem += "; give one of the .amanat files in it instead";
    } else {
        problem +=
            "; give the .amanat file itself, as `amanat pack build` wrote it (to install from a pipe or a "
            "device, copy it into a file first)";
    }
    return std::nullopt;
}

PackCheck read_pack(const RegularFile& file, const Trust& trust, const Limits& limits, PackSink& sink,
                    OnProblem on_problem, std::string_view stage, const ProgressCallback& progress) {
    return Reading(file, trust, limits, sink, on_problem, stage, progress).run();
}

}  // namespace amanat::pack
