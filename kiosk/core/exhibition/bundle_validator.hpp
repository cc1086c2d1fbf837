#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/exhibition/bundle_loader.hpp"
#include "core/files/diagnostics.hpp"
#include "core/pictures/image_probe.hpp"

namespace amanat {

class ScriptLanguages;

struct ValidationOptions {
    int max_image_dimension = kDefaultMaxImageDimension;
    // Languages the kiosk writes by transliteration ("kk-Latn" from "kk"): when
    // given, a bundle listing one is checked as the kiosk will show it, with the
    // derived texts (core/exhibition/script_languages.hpp). Null: checked as written.
    const ScriptLanguages* scripts = nullptr;
};

// How complete one offered language is, for the coverage table.
struct LanguageCoverage {
    std::string language;
    int titles = 0, artifacts = 0;
    int stories = 0;
    int narrations = 0, narrated_artifacts = 0;
    int subtitles = 0, videos = 0;
    int alt_texts = 0, images = 0;
    std::vector<std::string> falling_back;  // artifact ids whose title or story comes from another language
    std::string derived_from;               // "kk" for "kk-Latn" written by transliteration; else empty
};

struct ValidationReport {
    std::filesystem::path folder;
    std::shared_ptr<const Bundle> bundle;    // null when exhibition.toml could not be read
    Diagnostics diagnostics;                 // sorted by file and line
    std::vector<LanguageCoverage> coverage;  // one row per offered language
    // Artifacts left out for an error in their manifest; their files were not checked.
    std::vector<LeftOutArtifact> left_out;
};

// Everything `amanat pack validate` checks: the loader's structural checks, then
// every referenced file (images decoded, media probed, stories and subtitles
// parsed), texts each offered language can reach through its fallback chain,
// accessibility, unreferenced files, and the translation coverage table.
// Reads only inside the folder. Thread-safe (no shared state).
ValidationReport validate_bundle(const std::filesystem::path& folder, const ValidationOptions& options = {});

// The coverage table's rows: one per language the exhibition offers.
std::vector<LanguageCoverage> translation_coverage(const Bundle& bundle);

}  // namespace amanat
