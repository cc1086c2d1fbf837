#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/localisation/language_map.hpp"

namespace amanat {

class ScriptTransliterator;

// The in-memory model of an exhibition bundle (content/FORMAT.md). Built once by
// load_bundle() and never modified afterwards, so it may be read from any thread.
// File references are paths relative to the bundle folder, '/'-separated, already
// checked to stay inside it; heavy content (stories, media) is read on demand.

struct Section {
    std::string id;
    LanguageMap title;
};

enum class QuestionKind { Rating, SingleChoice, MultipleChoice };

struct SurveyOption {
    std::string id;
    LanguageMap label;
};

struct SurveyQuestion {
    std::string id;
    QuestionKind kind = QuestionKind::Rating;
    LanguageMap question;
    std::vector<SurveyOption> options;
};

struct Exhibition {
    std::string id;
    std::string version;
    LanguageMap title;
    LanguageMap subtitle;
    std::vector<std::string> languages;  // offered, in display order
    // Those of `languages` whose texts the kiosk wrote by transliteration
    // ("kk-Latn" from "kk"; see core/exhibition/script_languages.hpp).
    std::vector<std::string> derived_languages;
    FallbackChains fallback;
    int idle_timeout_seconds = 90;
    std::vector<std::string> attract_images;
    std::vector<Section> sections;
    std::vector<SurveyQuestion> survey;
};

struct ArtifactImage {
    std::string file;
    LanguageMap alt;
    LanguageMap caption;
};

struct Narration {
    LanguageMap audio;       // language -> audio file
    LanguageMap transcript;  // language -> Markdown file
};

struct Video {
    std::string id;
    std::string file;
    LanguageMap title;
    bool captions = true;   // subtitles shown unless the visitor turns them off
    LanguageMap subtitles;  // language -> WebVTT or SRT file
};

struct Artifact {
    std::string id;
    std::string manifest;  // e.g. "artifacts/dombra/artifact.toml"
    std::string section;
    long long order = 0;
    std::string inventory_number;
    LanguageMap title;
    LanguageMap subtitle;
    LanguageMap period;
    LanguageMap materials;
    LanguageMap dimensions;
    LanguageMap credit;
    LanguageMap origin_place;
    LanguageMap origin_people;
    LanguageMap story;  // language -> Markdown file
    std::vector<ArtifactImage> images;
    Narration narration;
    std::vector<Video> videos;
};

struct Bundle {
    std::filesystem::path root;
    Exhibition exhibition;
    std::vector<Artifact> artifacts;  // in gallery order: by section, then order, then id

    // A file text (story, transcript, subtitles) that a derived language shares
    // with its source language and that is transliterated as it is read.
    struct DerivedFile {
        std::string language;  // "kk-Latn"
        std::string path;      // "artifacts/dombra/story.kk.md"
        std::shared_ptr<const ScriptTransliterator> script;
    };
    std::vector<DerivedFile> derived_files;

    const Artifact* find_artifact(std::string_view id) const;
    std::filesystem::path path_of(const std::string& relative) const { return root / relative; }
};

}  // namespace amanat
