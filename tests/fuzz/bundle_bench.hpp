#pragma once

// The bundle the two manifest targets write their input into: tests/support's
// synthetic bundle (valid, no warnings), two artifacts in English, Kazakh and
// Russian, the first with narration, a film and subtitles, so that whatever a
// fuzzed manifest still refers to is there to be followed into stories,
// pictures, media and subtitles. Made once per process in the scratch folder.

#include <filesystem>
#include <string_view>

namespace amanat::fuzzing {

// The bundle's folder.
const std::filesystem::path& bench_bundle();

// The manifest of its first artifact (bench_bundle()-relative).
inline constexpr std::string_view kBenchArtifactManifest = "artifacts/artifact-1/artifact.toml";

// Validates the bundle as `amanat pack validate` does, with kk-Latn and sr-Latn
// written by transliteration as the kiosk does (localisation/'s rule files), and
// checks what the report promises staff.
void validate_bench_bundle();

}  // namespace amanat::fuzzing
