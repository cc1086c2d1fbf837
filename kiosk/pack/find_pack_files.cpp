// find_pack_files: the *.amanat files on USB sticks staff have plugged in.
#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

#include "pack/packs.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

namespace {

// Folders below a search root that are looked into: /media/LABEL/packs/x.amanat
// is two deep, /run/media/USER/LABEL/packs/x.amanat three.
constexpr int kDepth = 3;

bool is_pack_file(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".amanat";  // FAT sticks may show it in capitals
}

}  // namespace

std::vector<fs::path> find_pack_files(const std::vector<fs::path>& extra_folders) {
    std::vector<fs::path> roots = {"/media", "/run/media"};
    roots.insert(roots.end(), extra_folders.begin(), extra_folders.end());
    std::set<fs::path> seen;
    std::vector<std::pair<fs::file_time_type, fs::path>> found;
    for (const fs::path& root : roots) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) continue;
        // Links are not followed into folders (the iterator's default), and a
        // link to a file is not a pack file either: nothing outside is reached.
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            const fs::file_status status = it->symlink_status(ec);
            if (ec) {  // gone meanwhile (a stick pulled out)
                ec.clear();
                continue;
            }
            if (!name.empty() && name[0] == '.') {  // .Trash-1000 and the like
                if (fs::is_directory(status)) it.disable_recursion_pending();
                continue;
            }
            if (fs::is_directory(status)) {
                if (it.depth() >= kDepth) it.disable_recursion_pending();
                continue;
            }
            if (!fs::is_regular_file(status) || !is_pack_file(it->path())) continue;
            const fs::path path = fs::absolute(it->path(), ec).lexically_normal();
            if (ec || !seen.insert(path).second) continue;
            const auto modified = fs::last_write_time(it->path(), ec);
            found.emplace_back(ec ? fs::file_time_type::min() : modified, path);
            ec.clear();
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<fs::path> files;
    for (auto& entry : found) files.push_back(std::move(entry.second));
    return files;
}

}  // namespace amanat::pack
