// synthetic-bundle FOLDER [--artifacts N] [--sections N] [--languages en,kk,...] [--picture FILE]...
//
// Writes the synthetic bundle the benchmarks use (tests/support/synthetic_bundle)
// to FOLDER, for measuring the real kiosk with it (tests/benchmarks/frame-times).
// The generator's pictures are 4x4 pixels; with --picture (repeatable), each
// artifact's picture is instead a copy of one of those files, in turn (and the
// attract screen's a copy of the first), so that the kiosk decodes and uploads
// real-sized pictures, one file per artifact.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "Usage: synthetic-bundle FOLDER [--artifacts N] [--sections N] [--languages en,kk,...] "
    "[--picture FILE]...\n";

bool parse_int(const std::string& text, int& value) {
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    return result.ec == std::errc{} && result.ptr == end && value > 0;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

int main(int argc, char** argv) {
    amanat::testing::SyntheticBundleSpec spec;
    spec.artifacts = 500;
    spec.sections = 10;
    spec.languages = {"en", "kk", "ru", "nl", "tr", "ko"};
    spec.media_artifacts = 0;
    fs::path folder;
    std::vector<fs::path> pictures;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--artifacts" && has_value && parse_int(argv[i + 1], spec.artifacts)) {
            ++i;
        } else if (arg == "--sections" && has_value && parse_int(argv[i + 1], spec.sections)) {
            ++i;
        } else if (arg == "--languages" && has_value && !split(argv[i + 1]).empty()) {
            spec.languages = split(argv[++i]);
        } else if (arg == "--picture" && has_value) {
            pictures.emplace_back(argv[++i]);
        } else if (arg.rfind("--", 0) != 0 && folder.empty()) {
            folder = arg;
        } else {
            std::fputs(kUsage, stderr);
            return 2;
        }
    }
    if (folder.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::error_code ec;
    if (fs::exists(folder) && !fs::is_empty(folder, ec)) {
        std::fprintf(stderr, "synthetic-bundle: %s is not empty\n", folder.c_str());
        return 1;
    }
    for (const fs::path& picture : pictures) {
        if (!fs::is_regular_file(picture)) {
            std::fprintf(stderr, "synthetic-bundle: no picture %s\n", picture.c_str());
            return 1;
        }
    }
    try {
        amanat::testing::write_synthetic_bundle(folder, spec);
        if (!pictures.empty()) {
            fs::copy_file(pictures.front(), folder / "attract" / "one.jpg",
                          fs::copy_options::overwrite_existing);
            for (int i = 0; i < spec.artifacts; ++i) {
                const fs::path dir = folder / "artifacts" / ("artifact-" + std::to_string(i + 1));
                const fs::path& picture = pictures[static_cast<std::size_t>(i) % pictures.size()];
                const std::string name = "picture" + picture.extension().string();
                std::string manifest = read_file(dir / "artifact.toml");
                const std::string old_line = "file = \"picture.png\"";
                const auto at = manifest.find(old_line);
                if (at == std::string::npos) throw std::runtime_error("no picture line in " + dir.string());
                manifest.replace(at, old_line.size(), "file = \"" + name + "\"");
                amanat::testing::write_file(dir / "artifact.toml", manifest);
                fs::remove(dir / "picture.png");
                fs::copy_file(picture, dir / name, fs::copy_options::overwrite_existing);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthetic-bundle: %s\n", e.what());
        return 1;
    }
    std::printf("%s: %d artifacts, %zu languages, %zu distinct pictures\n", folder.c_str(), spec.artifacts,
                spec.languages.size(), pictures.size());
    return 0;
}
