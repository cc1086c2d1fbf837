#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace amanat::testing {

// What write_synthetic_bundle() makes: a bundle that validates with no errors and
// no warnings, sized by these numbers. Used by the tests (as the valid base each
// fixture breaks in one way) and by the benchmarks (500 artifacts x 6 languages).
struct SyntheticBundleSpec {
    int artifacts = 1;
    int sections = 1;
    std::vector<std::string> languages = {"en", "kk"};
    int story_paragraphs = 3;
    // Narration, a film and subtitles for the first `media_artifacts` artifacts.
    // The media files are tiny but structurally complete Ogg and MP4 containers
    // (enough for the validator's checks, not playable).
    int media_artifacts = 1;
};

void write_synthetic_bundle(const std::filesystem::path& folder, const SyntheticBundleSpec& spec);

// The manifests write_synthetic_bundle() writes, for tests that edit one line.
std::string synthetic_exhibition_toml(const SyntheticBundleSpec& spec);
std::string synthetic_artifact_toml(const SyntheticBundleSpec& spec, int index);

// Tiny valid files.
std::string tiny_png(int width = 4, int height = 4);
std::string tiny_jpeg(int width = 4, int height = 4);
std::string tiny_ogg();
std::string tiny_mp4();

// Writes `content` to `path`, creating folders.
void write_file(const std::filesystem::path& path, const std::string& content);

// A fresh temporary folder, removed when this object goes away.
class TemporaryFolder {
  public:
    TemporaryFolder();
    ~TemporaryFolder();
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

}  // namespace amanat::testing
