#include "core/exhibition/unused_files.hpp"

#include <algorithm>
#include <array>

#include "core/localisation/language_tag.hpp"

namespace amanat {
namespace {

bool one_of(const std::string& word, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// The manifest line that would use `path`, by what its name says it is
// ("story.kk.md": a story in Kazakh), or a general word when it says nothing.
std::string how_to_use(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash);
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t dot = lower.rfind('.');
    const std::string ext = dot == std::string::npos ? std::string() : lower.substr(dot + 1);
    const std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
    const std::size_t inner = stem.rfind('.');
    const std::string tag = inner == std::string::npos ? std::string() : stem.substr(inner + 1);
    const std::string language = tag.empty() || language_tag_problem(tag) ? std::string() : tag;
    const bool artifact = folder.starts_with("artifacts/") && folder.find('/', 10) == std::string::npos;
    const std::string manifest = artifact ? folder + "/artifact.toml" : "exhibition.toml";
    const std::string file = "\"" + name + "\"";
    if (artifact && !language.empty() && ext == "md") {
        return lower.starts_with("narration.")
                   ? "to show it, add transcript." + language + " = " + file + " under [narration] in " +
                         manifest
                   : "to show it, add " + language + " = " + file + " under [story] in " + manifest;
    }
    if (artifact && !language.empty() && one_of(ext, {"ogg", "oga", "opus", "mp3", "wav", "m4a"}))
        return "to play it, add audio." + language + " = " + file + " under [narration] in " + manifest;
    if (artifact && !language.empty() && one_of(ext, {"vtt", "srt"}))
        return "to show it, add subtitles." + language + " = " + file +
               " to the film's [[videos]] table in " + manifest;
    if (artifact && one_of(ext, {"jpg", "jpeg", "png"}))
        return "to show it, add an [[images]] table with file = " + file + " and alt.en = \"...\" to " +
               manifest;
    if (artifact && one_of(ext, {"mp4", "m4v", "mov", "webm", "mkv"}))
        return "to show it, add a [[videos]] table with id, file = " + file + " and title.en = \"...\" to " +
               manifest;
    if (folder == "attract" && one_of(ext, {"jpg", "jpeg", "png"}))
        return "to show it, add \"" + path + "\" to images = [...] under [attract] in exhibition.toml";
    return "refer to it from a manifest";
}

}  // namespace

void report_unused_files(const BundleFolder& folder, const std::set<std::string>& used,
                         const std::vector<LeftOutArtifact>& left_out, Diagnostics& out) {
    std::set<std::string> meant;  // what references that match no file most likely mean
    for (const std::string& path : used) {
        std::error_code ec;
        if (std::filesystem::exists(folder.root() / path, ec)) continue;
        if (std::string file = folder.spelt_like(path); !file.empty()) meant.insert(std::move(file));
    }
    for (const std::string& path : folder.list_files()) {
        if (folder.escapes(path)) {
            out.error(path, 0, 0, "path-escape", "this is a link to a place outside the bundle",
                      "replace the link with a copy of the file, or remove it");
            continue;
        }
        const std::string name = path.substr(path.rfind('/') + 1);
        if (used.count(path) != 0 || meant.count(path) != 0 || name.starts_with(".")) continue;
        const bool in_left_out = std::any_of(left_out.begin(), left_out.end(), [&](const LeftOutArtifact& a) {
            return path.starts_with(a.manifest.substr(0, a.manifest.rfind('/') + 1));
        });
        if (in_left_out) continue;
        out.warning(path, 0, 0, "unused-file", "no manifest uses this file",
                    how_to_use(path) +
                        "; if it is not needed, move it out of the bundle's folder (every file "
                        "in it is copied to the kiosks)");
    }
}

}  // namespace amanat
