#include "pack_fixture.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "pack/content_hash.hpp"
#include "pack/pack_manifest.hpp"
#include "pack/pack_signature.hpp"
#include "pack/pack_writer.hpp"
#include "synthetic_bundle.hpp"

namespace amanat::testing {

namespace fs = std::filesystem;

void write_bundle(const fs::path& folder, const std::string& version, int artifacts) {
    SyntheticBundleSpec spec;
    spec.artifacts = artifacts;
    write_synthetic_bundle(folder, spec);
    std::string toml = read_bytes(folder / "exhibition.toml");
    const std::string from = "version = \"1\"";
    toml.replace(toml.find(from), from.size(), "version = \"" + version + "\"");
    write_bytes(folder / "exhibition.toml", toml);
}

Files folder_files(const fs::path& folder) {
    Files files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_symlink() || !entry.is_regular_file()) continue;
        files.emplace_back(entry.path().lexically_relative(folder).generic_string(),
                           read_bytes(entry.path()));
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

const pack::SigningKey& test_key() {
    static const pack::SigningKey key = pack::SigningKey::generate();
    return key;
}

std::string test_public_key() {
    return pack::public_key_text(test_key().public_key());
}

pack::Trust trust_test_key() {
    return pack::Trust{{test_public_key()}, false};
}

void build_signed(const fs::path& bundle, const fs::path& out) {
    pack::PackContent content;
    std::string error;
    const std::string toml = read_bytes(bundle / "exhibition.toml");
    const auto value = [&](const std::string& key) {
        const std::size_t at = toml.find(key + " = \"") + key.size() + 4;
        return toml.substr(at, toml.find('"', at) - at);
    };
    content.bundle_id = value("id");
    content.bundle_version = value("version");
    if (!pack::list_bundle_files(bundle, content.files, error) ||
        !pack::write_pack(content, out, &test_key(), {}, error)) {
        throw std::runtime_error("cannot build a pack of " + bundle.string() + ": " + error);
    }
}

TarWriter::TarWriter(const fs::path& file) : m_archive(archive_write_new()) {
    if (archive_write_set_format_pax_restricted(m_archive) != ARCHIVE_OK ||
        archive_write_open_filename(m_archive, file.c_str()) != ARCHIVE_OK) {
        throw std::runtime_error("cannot write " + file.string());
    }
}

TarWriter::~TarWriter() {
    close();
}

namespace {

void write_entry(::archive* a, const std::string& name, mode_t type, const std::string& bytes,
                 const std::string& link, bool hard) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, name.c_str());
    archive_entry_set_filetype(entry, type);
    archive_entry_set_perm(entry, type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
    if (!link.empty() && hard) archive_entry_set_hardlink(entry, link.c_str());
    if (!link.empty() && !hard) archive_entry_set_symlink(entry, link.c_str());
    if (type == AE_IFCHR || type == AE_IFBLK) archive_entry_set_rdev(entry, makedev(1, 3));
    if (archive_write_header(a, entry) < ARCHIVE_WARN)
        throw std::runtime_error(std::string("libarchive: ") + archive_error_string(a));
    if (!bytes.empty()) archive_write_data(a, bytes.data(), bytes.size());
    archive_entry_free(entry);
}

}  // namespace

void TarWriter::file(const std::string& name, const std::string& bytes) {
    write_entry(m_archive, name, AE_IFREG, bytes, "", false);
}

void TarWriter::folder(const std::string& name) {
    write_entry(m_archive, name, AE_IFDIR, "", "", false);
}

void TarWriter::symlink(const std::string& name, const std::string& target) {
    write_entry(m_archive, name, AE_IFLNK, "", target, false);
}

void TarWriter::hardlink(const std::string& name, const std::string& target) {
    write_entry(m_archive, name, AE_IFREG, "", target, true);
}

void TarWriter::special(const std::string& name, mode_t type) {
    write_entry(m_archive, name, type, "", "", false);
}

void TarWriter::close() {
    if (m_archive == nullptr) return;
    archive_write_close(m_archive);
    archive_write_free(m_archive);
    m_archive = nullptr;
}

std::string manifest_of(const Files& files, const std::string& id, const std::string& version) {
    pack::PackManifest manifest;
    manifest.bundle_id = id;
    manifest.bundle_version = version;
    manifest.created = "2026-11-30T00:00:00Z";
    manifest.created_by = "amanat tests";
    for (const auto& [path, bytes] : files) {
        manifest.files.push_back({path, static_cast<long long>(bytes.size()), pack::ContentHash::of(bytes)});
        manifest.total_bytes += static_cast<long long>(bytes.size());
    }
    return pack::manifest_json(manifest);
}

void write_crafted_pack(const fs::path& out, const std::string& manifest, const Files& files, bool sign,
                        const std::function<void(TarWriter&)>& extra) {
    TarWriter tar(out);
    tar.file(std::string(pack::kManifestEntry), manifest);
    if (sign) tar.file(std::string(pack::kSignatureEntry), pack::signature_json(test_key().sign(manifest)));
    for (const auto& [path, bytes] : files) tar.file(std::string(pack::kBundlePrefix) + path, bytes);
    if (extra) extra(tar);
    tar.close();
}

void claim_size(const fs::path& tar, const std::string& entry, long long size) {
    std::string bytes = read_bytes(tar);
    // A ustar header starts with the entry's name, NUL-padded, on a 512-byte boundary.
    std::size_t header = std::string::npos;
    for (std::size_t at = 0; at + 512 <= bytes.size(); at += 512) {
        if (bytes.compare(at, entry.size(), entry) == 0 && bytes[at + entry.size()] == '\0') {
            header = at;
            break;
        }
    }
    if (header == std::string::npos) throw std::runtime_error("no header for " + entry);
    bytes[header + 124] = static_cast<char>(0x80);
    for (int i = 11; i >= 1; --i) {
        bytes[header + 124 + static_cast<std::size_t>(i)] = static_cast<char>(size & 0xFF);
        size >>= 8;
    }
    std::fill(bytes.begin() + static_cast<long>(header) + 148,
              bytes.begin() + static_cast<long>(header) + 156, ' ');
    unsigned sum = 0;
    for (std::size_t i = 0; i < 512; ++i) sum += static_cast<unsigned char>(bytes[header + i]);
    char checksum[8];
    std::snprintf(checksum, sizeof checksum, "%06o", sum);
    std::copy(checksum, checksum + 7, bytes.begin() + static_cast<long>(header) + 148);  // six digits and NUL
    bytes[header + 155] = ' ';
    write_bytes(tar, bytes);
}

std::size_t offset_of(const fs::path& file, const std::string& needle) {
    const std::string bytes = read_bytes(file);
    const std::size_t at = bytes.find(needle);
    if (at == std::string::npos) throw std::runtime_error("'" + needle + "' is not in " + file.string());
    return at;
}

}  // namespace amanat::testing
