#include "pack/signing_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/files/regular_file.hpp"
#include "pack/durable.hpp"
#include "pack/encoding.hpp"
#include "pack/packs.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

namespace {

// The key file's base64 line(s), without the comments. A key file is a few
// hundred bytes: a pipe, a device (/dev/zero never ends) or a large file is
// refused rather than read.
bool read_key_file(const fs::path& file, std::string& text, std::string& error) {
    std::string problem;
    std::string bytes;
    const auto opened = RegularFile::open(file, problem);
    if (!opened || !opened->read_all(64 * 1024, bytes, problem)) {
        error = problem.starts_with("cannot")
                    ? "the signing key " + file.string() + " " + problem
                    : file.string() + ": " + problem +
                          "; give the secret key file `amanat pack keygen` wrote (e.g. museum.key)";
        return false;
    }
    for (std::size_t start = 0; start < bytes.size();) {
        const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
        std::string_view line(bytes.data() + start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty() && line[0] != '#') text += line;
        start = end + 1;
    }
    sodium_memzero(bytes.data(), bytes.size());
    return true;
}

}  // namespace

SigningKey::~SigningKey() {
    sodium_memzero(m_secret.data(), m_secret.size());
}

SigningKey SigningKey::generate() {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing safe to do
    SigningKey key;
    crypto_sign_keypair(key.m_public.data(), key.m_secret.data());
    return key;
}

std::optional<SigningKey> SigningKey::load(const fs::path& file, std::string& error) {
    if (sodium_init() < 0) {
        error = "libsodium cannot start (no random source?)";
        return std::nullopt;
    }
    std::string text;
    if (!read_key_file(file, text, error)) return std::nullopt;
    const auto bytes = from_base64(text);
    SigningKey key;
    if (!bytes || bytes->size() != key.m_secret.size()) {
        error = file.string() +
                " is not an Amanat signing key (expected the file `amanat pack keygen` writes: a comment and "
                "one line of base64)";
        return std::nullopt;
    }
    std::copy(bytes->begin(), bytes->end(), key.m_secret.begin());
    // libsodium's secret key is the seed followed by the public key; remaking the
    // pair from the seed catches a damaged file before it signs anything.
    unsigned char seed[crypto_sign_SEEDBYTES];
    std::array<unsigned char, 64> remade{};
    crypto_sign_ed25519_sk_to_seed(seed, key.m_secret.data());
    crypto_sign_seed_keypair(key.m_public.data(), remade.data(), seed);
    sodium_memzero(seed, sizeof seed);
    const bool same = sodium_memcmp(remade.data(), key.m_secret.data(), remade.size()) == 0;
    sodium_memzero(remade.data(), remade.size());
    if (!same) {
        error = file.string() + " is damaged: its two halves do not belong together; use a backup of the key";
        return std::nullopt;
    }
    return key;
}

PackSignature SigningKey::sign(std::string_view manifest) const {
    PackSignature out;
    out.public_key = m_public;
    crypto_sign_detached(out.signature.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size(),
                         m_secret.data());
    return out;
}

std::string SigningKey::file_text() const {
    std::string secret = to_base64(m_secret);
    std::string text =
        "# Amanat pack signing key: an Ed25519 secret key (libsodium's 64-byte form), base64.\n"
        "# Keep it secret and keep a backup: whoever holds it can sign packs that your\n"
        "# kiosks install. Its public key, for trusted_keys under [packs] in the kiosks' config:\n"
        "# " +
        public_key_text(m_public) + "\n" + secret + "\n";
    sodium_memzero(secret.data(), secret.size());
    return text;
}

std::optional<std::string> generate_signing_key(const fs::path& secret_key_file, std::string& error) {
    if (sodium_init() < 0) {
        error = "libsodium cannot start (no random source?)";
        return std::nullopt;
    }
    // O_EXCL: an existing key is never replaced, since the packs signed with it
    // (and the kiosks trusting it) would be orphaned.
    const int fd =
        ::open(secret_key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int e = errno;
        error = e == EEXIST ? secret_key_file.string() +
                                  " exists already; I never overwrite a key (packs signed with it would no "
                                  "longer be trusted): choose another name, or remove that file yourself"
                            : "cannot create " + secret_key_file.string() + ": " + std::strerror(e);
        return std::nullopt;
    }
    const SigningKey key = SigningKey::generate();
    std::string text = key.file_text();
    // The umask may only have narrowed 0600; make sure it is exactly that.
    bool ok = ::fchmod(fd, 0600) == 0 && write_all(fd, text, error) && ::fsync(fd) == 0;
    if (!ok && error.empty()) error = std::strerror(errno);
    sodium_memzero(text.data(), text.size());
    ::close(fd);
    if (ok)
        ok = fsync_folder(
            secret_key_file.parent_path().empty() ? fs::path(".") : secret_key_file.parent_path(), error);
    if (!ok) {
        ::unlink(secret_key_file.c_str());
        error = "cannot write " + secret_key_file.string() + ": " + error;
        return std::nullopt;
    }
    return public_key_text(key.public_key());
}

}  // namespace amanat::pack
