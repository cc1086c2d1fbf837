#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// The bundle's folder on disk. Every file the loader and validator read goes
// through here, so nothing outside the folder is ever opened: references with
// "..", absolute paths and links that lead outside are refused.
class BundleFolder {
  public:
    explicit BundleFolder(const std::filesystem::path& root);

    bool exists() const { return m_exists; }
    const std::filesystem::path& root() const { return m_root; }

    struct Reference {
        std::string path;     // bundle-relative, '/'-separated; empty when refused
        std::string code;     // "path-escape", "bad-path", "missing-file", "not-a-file"; empty when fine
        std::string problem;  // a sentence for staff
        std::string meant;    // for a missing file, the bundle-relative file it most likely means, or empty
    };
    // Checks a path written in a manifest in folder `base` (bundle-relative, "" for
    // the top) and returns it relative to the bundle.
    Reference resolve(std::string_view written, std::string_view base) const;

    // The file a bundle-relative path that matches none most likely means: one whose
    // name differs only in upper and lower case (in any folder of the path), or
    // else one in the same folder with a name one or two letters off or with .txt
    // added. Empty if none.
    std::string spelt_like(const std::string& relative) const;

    // Reads a bundle-relative file of at most `max_bytes`.
    bool read(const std::string& relative, std::size_t max_bytes, std::string& content,
              std::string& problem) const;

    // True when the bundle-relative path is, or passes through, a link that leads
    // outside the bundle.
    bool escapes(const std::string& relative) const;

    // Every regular file in the bundle, bundle-relative, sorted. Links are listed
    // but not followed into folders.
    std::vector<std::string> list_files(std::size_t max_files = 100000) const;

  private:
    std::filesystem::path m_root;       // as given
    std::filesystem::path m_canonical;  // with links resolved
    bool m_exists = false;
};

// "a/b" joined with "c.md" -> "a/b/c.md"; "" and "x" -> "x".
std::string join_bundle_path(std::string_view base, std::string_view name);

}  // namespace amanat
