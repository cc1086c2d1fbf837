#include "core/exhibition/bundle_validator.hpp"
#include "core/exhibition/script_languages.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include "core/exhibition/bundle_folder.hpp"
#include "core/exhibition/bundle_loader.hpp"
#include "core/exhibition/media_probe.hpp"
#include "core/exhibition/media_support.hpp"
#include "core/exhibition/story.hpp"
#include "core/exhibition/subtitles.hpp"
#include "core/exhibition/unused_files.hpp"
#include "core/files/showable_text.hpp"
#include "core/localisation/language_tag.hpp"

namespace amanat {
namespace {

constexpr std::size_t kMaxTextBytes = 1 << 20;
constexpr std::size_t kMaxImageBytes = 64u << 20;
constexpr std::size_t kProbeWindow = 64 << 10;

std::string list(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string extension(const std::string& path) {
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return {};
    std::string ext = path.substr(dot + 1);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// What a picture that is not JPEG or PNG is, by its first bytes: staff who know
// it is "a HEIC from the phone" know how to export it. Empty when unknown.
std::string picture_kind(std::string_view bytes) {
    const std::string_view brand =
        bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp" ? bytes.substr(8, 4) : "";
    if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "msf1" || brand == "hevc")
        return "a HEIC picture (as iPhones save photos)";
    if (brand == "avif") return "an AVIF picture";
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP")
        return "a WebP picture (as web pages save them)";
    if (bytes.starts_with("GIF8")) return "a GIF picture";
    if (bytes.starts_with(std::string_view("II*\0", 4)) || bytes.starts_with(std::string_view("MM\0*", 4)))
        return "a TIFF picture";
    if (bytes.starts_with("BM")) return "a BMP picture";
    if (bytes.starts_with("%PDF")) return "a PDF document";
    if (bytes.starts_with("8BPS")) return "a Photoshop document";
    return {};
}

class Validator {
  public:
    Validator(const BundleFolder& folder, const Bundle& bundle, const ValidationOptions& options,
              const LoadedBundle& loaded, Diagnostics& out)
        : m_folder(folder), m_bundle(bundle), m_options(options), m_loaded(loaded), m_out(out) {}

    void run() {
        const Exhibition& exhibition = m_bundle.exhibition;
        m_used.insert("exhibition.toml");
        for (const std::string& image : exhibition.attract_images) check_image(image, "exhibition.toml");
        check_exhibition_texts();
        for (const Artifact& artifact : m_bundle.artifacts) check_artifact(artifact);
        report_unused_files(m_folder, m_used, m_loaded.left_out, m_out);
    }

    void note_manifest(const std::string& path) { m_used.insert(path); }

  private:
    // The loader already reported references to files that do not exist.
    bool present(const std::string& path) const {
        std::error_code ec;
        return std::filesystem::exists(m_folder.root() / path, ec);
    }

    // Reads a referenced text file, reporting unreadable files and bad UTF-8.
    bool read_text(const std::string& path, const std::string& user, std::string& content) {
        std::string problem;
        if (!m_folder.read(path, kMaxTextBytes, content, problem)) {
            m_out.error(path, 0, 0, "unreadable",
                        "this file, used by " + user + ", cannot be read: " + problem,
                        "check the file is complete and readable");
            return false;
        }
        const auto found = find_unshowable(content);
        if (!found) return true;
        if (found->invalid_utf8) {
            m_out.error(path, found->line, 0, "bad-utf8", "this line is not valid UTF-8 text",
                        unshowable_fix(*found));
        } else {
            m_out.error(path, found->line, found->column, "unshowable-character",
                        "this line holds " + found->describe() + ", which the kiosk cannot show",
                        unshowable_fix(*found));
        }
        return false;
    }

    void check_image(const std::string& path, const std::string& user) {
        m_used.insert(path);
        if (!m_checked.insert(path).second || !present(path)) return;
        const std::string ext = extension(path);
        if (ext != "jpg" && ext != "jpeg" && ext != "png") {
            m_out.warning(path, 0, 0, "unexpected-extension",
                          "a picture's name should end in .jpg, .jpeg or .png",
                          "rename the file (and its reference in " + user + ")");
        }
        std::string bytes;
        std::string problem;
        if (!m_folder.read(path, kMaxImageBytes, bytes, problem)) {
            m_out.error(path, 0, 0, "bad-image",
                        "this picture, used by " + user + ", cannot be read: " + problem,
                        "export the picture again as a JPEG or PNG of at most a few megabytes");
            return;
        }
        const ImageProbe probe = probe_image(bytes, m_options.max_image_dimension);
        if (const std::string kind = picture_kind(bytes); !probe.problem.empty() && !kind.empty()) {
            m_out.error(
                path, 0, 0, "bad-image",
                "this picture, used by " + user + ", cannot be shown: it is " + kind + ", not a JPEG or PNG",
                "export it as a JPEG (or PNG) from a photo editor, and write the new file's name in " + user);
        } else if (!probe.problem.empty()) {
            m_out.error(path, 0, 0, "bad-image",
                        "this picture, used by " + user + ", cannot be shown: " + probe.problem,
                        "export the picture again as a JPEG or PNG (at most " +
                            std::to_string(m_options.max_image_dimension) + " pixels on a side)");
        }
    }

    void check_media(const std::string& path, MediaUse use, const std::string& user) {
        m_used.insert(path);
        if (!m_checked.insert(path).second || !present(path)) return;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(m_folder.root() / path, ec)) {  // a pipe would never end
            m_out.error(path, 0, 0, "bad-media", "this path, used by " + user + ", is not a file",
                        "put the exported film or sound file here");
            return;
        }
        std::ifstream in(m_folder.root() / path, std::ios::binary | std::ios::ate);
        if (!in || m_folder.escapes(path)) {
            m_out.error(path, 0, 0, "bad-media", "this file, used by " + user + ", cannot be opened",
                        "check the file is complete and readable");
            return;
        }
        const auto size = static_cast<std::uint64_t>(in.tellg());
        std::string head(std::min<std::uint64_t>(size, kProbeWindow), '\0');
        in.seekg(0);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        std::string tail(std::min<std::uint64_t>(size, kProbeWindow), '\0');
        in.seekg(static_cast<std::streamoff>(size - tail.size()));
        in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
        MediaBytes bytes{head, tail, size, nullptr, &in};
        bytes.read_at = [](void* context, std::uint64_t offset, char* out, std::size_t count) -> std::size_t {
            auto& stream = *static_cast<std::ifstream*>(context);
            stream.clear();
            stream.seekg(static_cast<std::streamoff>(offset));
            stream.read(out, static_cast<std::streamsize>(count));
            return static_cast<std::size_t>(stream.gcount());
        };
        const MediaProbe probe = probe_media(bytes, use);
        if (!probe.problem.empty()) {
            m_out.error(path, 0, 0, "bad-media",
                        "this file, used by " + user + ", cannot be played: " + probe.problem,
                        use == MediaUse::Film ? "export the film again as MP4 (H.264 video, AAC sound)"
                                              : "export the narration again as Ogg, MP3 or WAV");
        }
        for (MediaAdvice& advice : judge_media(probe, use, path)) {
            m_out.add({advice.severity, path, 0, 0, std::move(advice.code), std::move(advice.message),
                       std::move(advice.fix)});
        }
    }

    void check_story(const std::string& path, const std::string& user) {
        m_used.insert(path);
        if (!m_checked.insert(path).second || !present(path)) return;
        std::string content;
        if (!read_text(path, user, content)) return;
        const Story story = parse_story(content);
        if (story.blocks.empty()) {
            m_out.warning(
                path, 0, 0, "empty-text", "this text, used by " + user + ", is empty",
                "write the text, or remove its line from " + user + " so the fallback language is shown");
        }
        for (const StoryNote& dropped : story.dropped) {
            m_out.warning(path, dropped.line, 0, "not-shown", dropped.message, dropped.fix);
        }
    }

    void check_subtitles(const std::string& path, const std::string& user) {
        m_used.insert(path);
        if (!m_checked.insert(path).second || !present(path)) return;
        const std::string ext = extension(path);
        if (ext != "vtt" && ext != "srt") {
            m_out.error(path, 0, 0, "bad-subtitles", "subtitles must be WebVTT (.vtt) or SubRip (.srt) files",
                        "convert the subtitles to WebVTT and name the file ....vtt");
            return;
        }
        std::string content;
        if (!read_text(path, user, content)) return;
        const SubtitleTrack track =
            parse_subtitles(content, ext == "vtt" ? SubtitleFormat::WebVtt : SubtitleFormat::SubRip);
        for (const auto& problem : track.problems) {
            m_out.error(path, problem.line, 0, "bad-subtitles", problem.message, problem.fix);
        }
    }

    // Every offered language must reach a text for each required field (`key`: "title").
    void require_text(const LanguageMap& map, const std::string& file, std::string_view key,
                      const std::string& what) {
        if (map.empty()) return;  // already reported by the loader
        // A misspelt key ("tittle.en") is reported at its line, with the key it means:
        // that its texts are missing follows from it.
        const auto misspelt = m_loaded.misspelt_keys.find(file);
        if (misspelt != m_loaded.misspelt_keys.end() && misspelt->second.count(std::string(key)) != 0) return;
        const Exhibition& exhibition = m_bundle.exhibition;
        std::vector<std::string> unreachable;
        for (const std::string& language : exhibition.languages) {
            // A language [fallback] says nothing about (or a [fallback] misspelt or
            // missing) is reported there: one fix, not one per text.
            const bool chain_unknown = !exhibition.fallback.has_default() &&
                                       !exhibition.fallback.has_own_line(language) &&
                                       language != exhibition.languages.front();
            if (!chain_unknown && !localise(map, language, exhibition.fallback))
                unreachable.push_back(language);
        }
        if (unreachable.empty()) return;
        std::string tried;
        for (const std::string& language : unreachable) {
            tried += (tried.empty() ? "" : "; ") + language + " tries " +
                     list(m_bundle.exhibition.fallback.chain(language));
        }
        m_out.error(
            file, 0, 0, "no-text-for-language",
            "visitors reading " + list(unreachable) + " would see no " + what + " (" + tried + ")",
            "add the " + what + " in one of those languages, or add a language that has it to [fallback]");
    }

    void check_exhibition_texts() {
        const Exhibition& exhibition = m_bundle.exhibition;
        require_text(exhibition.title, "exhibition.toml", "title", "exhibition title");
        for (const Section& section : exhibition.sections) {
            require_text(section.title, "exhibition.toml", "title", "title for section '" + section.id + "'");
        }
        for (const SurveyQuestion& question : exhibition.survey) {
            require_text(question.question, "exhibition.toml", "question",
                         "text for survey question '" + question.id + "'");
            for (const SurveyOption& option : question.options) {
                require_text(option.label, "exhibition.toml", "label",
                             "label for option '" + option.id + "' of question '" + question.id + "'");
            }
        }
    }

    // Languages offered by the exhibition that `map` lacks (exactly, no fallback).
    // Not one whose text the map has under a close tag that is not offered (alt.nl
    // while nl-NL is offered): the loader reports that tag as the mistake, and
    // "add alt.nl-NL" would point the wrong way.
    std::vector<std::string> missing_languages(const LanguageMap& map) const {
        const auto& offered = m_bundle.exhibition.languages;
        std::vector<std::string> missing;
        for (const std::string& language : offered) {
            if (map.find(language) != nullptr) continue;
            const bool misnamed =
                std::any_of(map.entries().begin(), map.entries().end(), [&](const auto& entry) {
                    return close_language_tags(language, entry.first) &&
                           std::find(offered.begin(), offered.end(), entry.first) == offered.end();
                });
            if (!misnamed) missing.push_back(language);
        }
        return missing;
    }

    void check_artifact(const Artifact& artifact) {
        const std::string& file = artifact.manifest;
        m_used.insert(file);
        require_text(artifact.title, file, "title", "title");
        for (const ArtifactImage& image : artifact.images) {
            check_image(image.file, file);
            if (const auto missing = missing_languages(image.alt); !missing.empty()) {
                m_out.warning(file, 0, 0, "missing-alt-text",
                              "the picture " + image.file + " has no description (alt) in " + list(missing),
                              "add alt." + missing.front() + " = \"...\" saying what the picture shows");
            }
        }
        for (const auto& [language, path] : artifact.story.entries()) check_story(path, file);
        for (const auto& [language, path] : artifact.narration.transcript.entries()) check_story(path, file);
        for (const auto& [language, path] : artifact.narration.audio.entries()) {
            check_media(path, MediaUse::Narration, file);
            if (artifact.narration.transcript.find(language) == nullptr) {
                m_out.warning(
                    file, 0, 0, "missing-transcript",
                    "the " + language + " narration has no transcript for visitors who cannot hear it",
                    "add transcript." + language + " = \"narration." + language + ".md\" under [narration]");
            }
        }
        for (const Video& video : artifact.videos) {
            check_media(video.file, MediaUse::Film, file);
            require_text(video.title, file, "title", "title for film '" + video.id + "'");
            for (const auto& [language, path] : video.subtitles.entries()) check_subtitles(path, file);
            if (const auto missing = missing_languages(video.subtitles); !missing.empty()) {
                m_out.warning(file, 0, 0, "missing-subtitles",
                              "the film '" + video.id + "' has no subtitles in " + list(missing),
                              "add subtitles." + missing.front() + " = \"" + video.id + "." +
                                  missing.front() + ".vtt\" to the film's [[videos]] table");
            }
        }
    }

    const BundleFolder& m_folder;
    const Bundle& m_bundle;
    const ValidationOptions& m_options;
    const LoadedBundle& m_loaded;
    Diagnostics& m_out;
    std::set<std::string> m_used;     // every file a manifest refers to
    std::set<std::string> m_checked;  // files already probed (shared pictures are checked once)
};

}  // namespace

std::vector<LanguageCoverage> translation_coverage(const Bundle& bundle) {
    std::vector<LanguageCoverage> rows;
    for (const std::string& language : bundle.exhibition.languages) {
        LanguageCoverage row;
        row.language = language;
        for (const ScriptDerivation& derivation : kScriptDerivations) {
            if (language == derivation.target &&
                std::find(bundle.exhibition.derived_languages.begin(),
                          bundle.exhibition.derived_languages.end(),
                          language) != bundle.exhibition.derived_languages.end())
                row.derived_from = derivation.source;
        }
        for (const Artifact& artifact : bundle.artifacts) {
            ++row.artifacts;
            const bool has_title = artifact.title.find(language) != nullptr;
            const bool has_story = artifact.story.find(language) != nullptr;
            row.titles += has_title ? 1 : 0;
            row.stories += has_story ? 1 : 0;
            if (!artifact.narration.audio.empty()) {
                ++row.narrated_artifacts;
                row.narrations += artifact.narration.audio.find(language) ? 1 : 0;
            }
            for (const Video& video : artifact.videos) {
                ++row.videos;
                row.subtitles += video.subtitles.find(language) ? 1 : 0;
            }
            for (const ArtifactImage& image : artifact.images) {
                ++row.images;
                row.alt_texts += image.alt.find(language) ? 1 : 0;
            }
            if (!has_title || (!has_story && !artifact.story.empty()))
                row.falling_back.push_back(artifact.id);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

ValidationReport validate_bundle(const std::filesystem::path& folder_path, const ValidationOptions& options) {
    ValidationReport report;
    report.folder = folder_path;
    LoadedBundle loaded = load_bundle(folder_path);
    report.diagnostics = std::move(loaded.diagnostics);
    report.bundle = loaded.bundle;
    report.left_out = loaded.left_out;
    if (report.bundle && options.scripts != nullptr) {
        auto derived = std::make_shared<Bundle>(*report.bundle);
        derive_script_languages(*derived, *options.scripts);
        report.bundle = std::move(derived);
    }
    if (report.bundle) {
        const BundleFolder folder(folder_path);
        Validator validator(folder, *report.bundle, options, loaded, report.diagnostics);
        // Artifact manifests that failed to load are still "used" files.
        for (const std::string& path : folder.list_files()) {
            if (path.starts_with("artifacts/") && path.ends_with("/artifact.toml"))
                validator.note_manifest(path);
        }
        validator.run();
        report.coverage = translation_coverage(*report.bundle);
    }
    report.diagnostics.sort();
    return report;
}

}  // namespace amanat
