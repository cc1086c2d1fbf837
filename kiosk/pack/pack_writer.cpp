#include "pack/pack_writer.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>

#include "core/files/regular_file.hpp"
#include "core/files/utc_time.hpp"
#include "core/version.hpp"
#include "durable/durable_file.hpp"
#include "pack/content_hash.hpp"
#include "pack/durable.hpp"
#include "pack/entry_path.hpp"
#include "pack/pack_manifest.hpp"
#include "pack/utf8_names.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunk = 1 << 20;

// Reads a file in chunks, giving each to `use`. False with `error` on a read
// failure, or when the file is no longer a regular file (replaced by a pipe
// or a device since it was listed): that read would never end.
template <typename Use>
bool read_chunks(const fs::path& file, std::vector<char>& buffer, Use&& use, std::string& error) {
    std::string problem;
    const auto opened = RegularFile::open(file, problem);
    if (!opened) {
        error = "cannot pack " + file.string() + ": it " + problem +
                (problem.starts_with("is ") ? "; remove it from the bundle" : "");
        return false;
    }
    const int fd = opened->fd();
    bool ok = true;
    while (true) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            error = "cannot read " + file.string() + ": " + errno_text(errno);
            ok = false;
            break;
        }
        if (got == 0) break;
        if (!use(buffer.data(), static_cast<std::size_t>(got))) {
            ok = false;
            break;
        }
    }
    return ok;
}

std::string changed_while_building(const std::string& path) {
    return path +
           " changed while the pack was being built; make sure nothing is writing to the bundle, then "
           "build again";
}

struct ArchiveFree {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

// The archive written into a durable file's temporary (core/durable_file);
// removed unless committed.
class PackFile {
  public:
    explicit PackFile(fs::path out) : m_out(std::move(out)) {}
    ~PackFile() { m_archive.reset(); }  // before the file it writes to
    PackFile(const PackFile&) = delete;
    PackFile& operator=(const PackFile&) = delete;

    bool open(std::string& error) {
        m_file = DurableFile::create(m_out, error);
        if (!m_file) return false;
        m_archive.reset(archive_write_new());
        // pax_restricted: plain ustar headers where they suffice, pax extended
        // headers (UTF-8 names, long names, sizes beyond 8 GB) where not.
        if (!m_archive || archive_write_set_format_pax_restricted(m_archive.get()) != ARCHIVE_OK ||
            archive_write_add_filter_none(m_archive.get()) != ARCHIVE_OK ||
            archive_write_open_fd(m_archive.get(), m_file->fd()) != ARCHIVE_OK) {
            return fail(error);
        }
        return true;
    }

    bool begin(const std::string& name, long long size, long long mtime, std::string& error) {
        std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), name.c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), size);
        archive_entry_set_mtime(entry.get(), mtime, 0);
        if (archive_write_header(m_archive.get(), entry.get()) != ARCHIVE_OK) return fail(error);
        return true;
    }

    bool data(const char* bytes, std::size_t size, std::string& error) {
        const la_ssize_t written = archive_write_data(m_archive.get(), bytes, size);
        if (written < 0 || static_cast<std::size_t>(written) != size) return fail(error);
        return true;
    }

    bool commit(std::string& error) {
        if (archive_write_close(m_archive.get()) != ARCHIVE_OK) return fail(error);
        m_archive.reset();
        return m_file->commit(error);
    }

  private:
    bool fail(std::string& error) {
        const char* why = m_archive ? archive_error_string(m_archive.get()) : nullptr;
        error = "cannot write " + m_out.string() + ": " +
                (why != nullptr ? std::string(why) : std::string("libarchive failed"));
        return false;
    }

    Utf8Names m_utf8_names;  // first: outlives the archive
    fs::path m_out;
    std::unique_ptr<DurableFile> m_file;
    std::unique_ptr<archive, ArchiveFree> m_archive;
};

}  // namespace

bool list_bundle_files(const fs::path& folder, std::vector<BundleFile>& files, std::string& error) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(folder, ec);
    if (ec || !fs::is_directory(canonical, ec)) {
        error = folder.string() + " is not a folder";
        return false;
    }
    files.clear();
    fs::recursive_directory_iterator it(folder, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::directory_entry& entry = *it;
        const std::string name = entry.path().filename().string();
        const fs::file_status status = entry.symlink_status(ec);
        if (!name.empty() && name[0] == '.') {
            if (fs::is_directory(status)) it.disable_recursion_pending();
            continue;
        }
        const std::string relative = entry.path().lexically_relative(folder).generic_string();
        if (fs::is_directory(status)) continue;
        if (const std::string why = unsafe_path_reason(relative); !why.empty()) {
            error = "cannot pack " + relative + ": its name cannot be stored safely (" + why + "); rename it";
            return false;
        }
        if (fs::is_symlink(status)) {
            const fs::path target = fs::canonical(entry.path(), ec);
            const std::string inside = target.lexically_relative(canonical).generic_string();
            if (ec || inside.empty() || inside.starts_with("..") || !fs::is_regular_file(target, ec)) {
                error = "cannot pack " + relative +
                        ": it is a link that does not lead to a file inside the bundle; replace it with a "
                        "copy of "
                        "the file";
                return false;
            }
        } else if (!fs::is_regular_file(status)) {
            // Never opened: a pipe would wait for a writer, a device never ends.
            struct stat found {};
            const bool known = ::lstat(entry.path().c_str(), &found) == 0;
            error = "cannot pack " + relative + ": it is " +
                    (known ? file_kind(found.st_mode) : std::string("no longer there")) +
                    ", not a regular file; remove it from the bundle";
            return false;
        }
        const auto size = fs::file_size(entry.path(), ec);
        if (ec) {
            error = "cannot read " + relative + ": " + ec.message();
            return false;
        }
        files.push_back({relative, entry.path(), static_cast<long long>(size)});
    }
    if (ec) {
        error = "cannot read the folder " + folder.string() + ": " + ec.message();
        return false;
    }
    std::sort(files.begin(), files.end(),
              [](const BundleFile& a, const BundleFile& b) { return a.path < b.path; });
    return true;
}

bool write_pack(const PackContent& content, const fs::path& out, const SigningKey* key,
                const ProgressCallback& progress, std::string& error) {
    const long long now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    PackManifest manifest;
    manifest.bundle_id = content.bundle_id;
    manifest.bundle_version = content.bundle_version;
    manifest.created = format_utc_time(now);
    manifest.created_by = std::string("amanat ") + kVersion;

    PackProgress state;
    for (const BundleFile& file : content.files) state.bytes_total += file.size;
    state.files_total = static_cast<long long>(content.files.size());
    const auto report = [&] {
        if (progress) progress(state);
    };

    std::vector<char> buffer(kChunk);
    state.stage = "hashing";
    report();
    for (const BundleFile& file : content.files) {
        ContentHash hash;
        long long size = 0;
        const bool read = read_chunks(
            file.source, buffer,
            [&](const char* bytes, std::size_t n) {
                // Never beyond the size listed: a file still growing is caught
                // below as changed rather than read without end.
                if (size + static_cast<long long>(n) > file.size) return false;
                hash.add(bytes, n);
                size += static_cast<long long>(n);
                state.bytes_done += static_cast<long long>(n);
                report();
                return true;
            },
            error);
        if (!read) {
            if (error.empty()) error = changed_while_building(file.path);
            return false;
        }
        manifest.files.push_back({file.path, size, hash.hex_digest()});
        manifest.total_bytes += size;
        ++state.files_done;
        report();
    }
    const std::string manifest_bytes = manifest_json(manifest);

    PackFile pack(out);
    if (!pack.open(error)) return false;
    if (!pack.begin(std::string(kManifestEntry), static_cast<long long>(manifest_bytes.size()), now, error) ||
        !pack.data(manifest_bytes.data(), manifest_bytes.size(), error)) {
        return false;
    }
    if (key != nullptr) {
        const std::string signature = signature_json(key->sign(manifest_bytes));
        if (!pack.begin(std::string(kSignatureEntry), static_cast<long long>(signature.size()), now, error) ||
            !pack.data(signature.data(), signature.size(), error)) {
            return false;
        }
    }

    state = PackProgress{"writing", 0, manifest.total_bytes, 0, state.files_total};
    report();
    for (std::size_t i = 0; i < content.files.size(); ++i) {
        const BundleFile& file = content.files[i];
        const ManifestFile& listed = manifest.files[i];
        if (!pack.begin(std::string(kBundlePrefix) + listed.path, listed.size, now, error)) return false;
        ContentHash hash;
        long long size = 0;
        std::string why;
        const bool copied = read_chunks(
            file.source, buffer,
            [&](const char* bytes, std::size_t n) {
                // Never more than the header announced, even if the file grew.
                if (size + static_cast<long long>(n) > listed.size) return false;
                hash.add(bytes, n);
                size += static_cast<long long>(n);
                state.bytes_done += static_cast<long long>(n);
                report();
                return pack.data(bytes, n, why);
            },
            why);
        if (!copied && !why.empty()) {
            error = why;
            return false;
        }
        if (!copied || size != listed.size || hash.hex_digest() != listed.hash) {
            error = changed_while_building(file.path);
            return false;
        }
        ++state.files_done;
        report();
    }
    return pack.commit(error);
}

}  // namespace amanat::pack
