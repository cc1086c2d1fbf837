#include "core/exhibition/bundle_folder.hpp"

#include <algorithm>
#include <system_error>

#include "core/files/small_file.hpp"
#include "core/localisation/edit_distance.hpp"

namespace amanat {
namespace fs = std::filesystem;

namespace {

std::string lower_case(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The entry of `folder` named `name` but for upper and lower case, or empty.
std::string same_but_case(const fs::path& folder, const std::string& name) {
    std::error_code ec;
    const std::string wanted = lower_case(name);
    for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        if (lower_case(entry) == wanted) return entry;
    }
    return {};
}

// The file of `folder` named `name` with .txt added (by an editor such as Notepad),
// or else the one file whose name is nearest `name`, one or two letters off.
std::string near_name(const fs::path& folder, const std::string& name) {
    std::error_code ec;
    std::string nearest;
    std::size_t best = name.size() <= 6 ? 2 : 3;  // more than allowed
    int at_best = 0;
    for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        if (!it->is_regular_file(ec) || entry.starts_with(".")) continue;
        if (lower_case(entry) == lower_case(name) + ".txt") return entry;
        const std::size_t distance = edit_distance(lower_case(entry), lower_case(name));
        if (distance < best) {
            best = distance;
            nearest = entry;
            at_best = 1;
        } else if (distance == best) {
            ++at_best;
        }
    }
    return at_best == 1 ? nearest : std::string();
}

bool is_within(const fs::path& inner, const fs::path& outer) {
    auto o = outer.begin();
    auto i = inner.begin();
    for (; o != outer.end(); ++o, ++i) {
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

}  // namespace

std::string join_bundle_path(std::string_view base, std::string_view name) {
    if (base.empty()) return std::string(name);
    return std::string(base) + "/" + std::string(name);
}

BundleFolder::BundleFolder(const fs::path& root) : m_root(root) {
    std::error_code ec;
    m_exists = fs::is_directory(root, ec);
    if (m_exists) m_canonical = fs::canonical(root, ec);
    if (ec) m_exists = false;
}

bool BundleFolder::escapes(const std::string& relative) const {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(m_root / relative, ec);
    return ec || !is_within(target, m_canonical);
}

BundleFolder::Reference BundleFolder::resolve(std::string_view written, std::string_view base) const {
    Reference ref;
    // '\'' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on "'" + std::string
    const std::string quoted = '\'' + std::string(written) + '\'';
    if (written.empty()) {
        ref.code = "bad-path";
        ref.problem = "the file name is empty";
        return ref;
    }
    if (written.front() == '/' || (written.size() > 1 && written[1] == ':')) {
        ref.code = "path-escape";
        ref.problem = quoted + " is an absolute path; files must be given relative to the manifest's folder";
        return ref;
    }
    if (written.find('\\') != std::string_view::npos) {
        ref.code = "bad-path";
        ref.problem = quoted + " uses '\\'; separate folders with '/'";
        return ref;
    }
    std::string normal;
    std::size_t start = 0;
    while (start <= written.size()) {
        std::size_t slash = written.find('/', start);
        if (slash == std::string_view::npos) slash = written.size();
        const std::string_view part = written.substr(start, slash - start);
        if (part == "..") {
            ref.code = "path-escape";
            ref.problem = quoted + " goes up out of the folder with '..'; keep every file inside the bundle";
            return ref;
        }
        if (!part.empty() && part != ".") normal = join_bundle_path(normal, part);
        start = slash + 1;
    }
    ref.path = join_bundle_path(base, normal);
    std::error_code ec;
    const fs::path full = m_root / ref.path;
    if (!fs::exists(fs::symlink_status(full, ec)) && !fs::exists(full, ec)) {
        ref.code = "missing-file";
        ref.meant = spelt_like(ref.path);
        ref.problem = quoted + " does not exist (looked for " + ref.path + ")";
        if (!ref.meant.empty() && lower_case(ref.meant) == lower_case(ref.path)) {
            ref.problem = quoted + " does not exist, but " + ref.meant +
                          " does: the names differ only in upper and lower case. Windows and macOS take such "
                          "names for one, so content prepared there often mixes them, but the kiosk's disk "
                          "tells them apart";
        } else if (!ref.meant.empty()) {
            ref.problem += "; the folder has " + ref.meant.substr(ref.meant.rfind('/') + 1);
        }
        return ref;
    }
    if (escapes(ref.path)) {
        ref.code = "path-escape";
        ref.problem =
            quoted + " is a link to a file outside the bundle; copy the file into the bundle instead";
        ref.path.clear();
        return ref;
    }
    if (!fs::is_regular_file(full, ec)) {
        ref.code = fs::exists(full, ec) ? "not-a-file" : "missing-file";
        ref.problem = fs::exists(full, ec) ? quoted + " is a folder or a special file, not a file"
                                           : quoted + " is a link to nothing (looked for " + ref.path + ")";
        return ref;
    }
    return ref;
}

std::string BundleFolder::spelt_like(const std::string& relative) const {
    if (!m_exists) return {};
    std::string found;
    std::size_t start = 0;
    while (start <= relative.size()) {
        std::size_t slash = relative.find('/', start);
        if (slash == std::string::npos) slash = relative.size();
        const std::string part = relative.substr(start, slash - start);
        std::error_code ec;
        std::string entry = fs::exists(m_root / join_bundle_path(found, part), ec) ? part : std::string();
        if (entry.empty()) entry = same_but_case(m_root / found, part);
        if (entry.empty() && slash == relative.size()) entry = near_name(m_root / found, part);
        if (entry.empty()) return {};
        found = join_bundle_path(found, entry);
        start = slash + 1;
    }
    return found == relative || escapes(found) ? std::string() : found;
}

bool BundleFolder::read(const std::string& relative, std::size_t max_bytes, std::string& content,
                        std::string& problem) const {
    std::error_code ec;
    const fs::path full = m_root / relative;
    if (escapes(relative)) {
        problem = "it leads outside the bundle";
        return false;
    }
    return read_small_file(full, max_bytes, content, problem);
}

std::vector<std::string> BundleFolder::list_files(std::size_t max_files) const {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(m_root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (files.size() >= max_files) break;
        const fs::directory_entry& entry = *it;
        if (entry.is_symlink(ec) || entry.is_regular_file(ec)) {
            // lexically: fs::relative would follow a link to its target.
            files.push_back(entry.path().lexically_relative(m_root).generic_string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace amanat
