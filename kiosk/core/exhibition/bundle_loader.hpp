#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/files/diagnostics.hpp"

namespace amanat {

// An artifact whose manifest is there but which is not in the bundle.
struct LeftOutArtifact {
    std::string manifest;  // "artifacts/dombra/artifact.toml"
    std::string reason;    // "its manifest is not valid TOML"
};

struct LoadedBundle {
    // Everything that could be read, even when there are errors: artifacts whose
    // own manifest is broken are left out. Null only when exhibition.toml itself
    // cannot be read, or the folder does not exist.
    std::shared_ptr<const Bundle> bundle;
    Diagnostics diagnostics;
    // The artifacts left out, each for an error reported in its manifest. Their
    // files are not checked: what they use is not known until the manifest is read.
    std::vector<LeftOutArtifact> left_out;
    // Per manifest, the keys misspelt in it ("title" for "tittle"): reported at the
    // misspelling, so what follows from the key's absence is not reported again.
    std::map<std::string, std::set<std::string>> misspelt_keys;
};

// Reads exhibition.toml and every artifacts/*/artifact.toml of a bundle folder,
// checking structure, types, identifiers, language tags and file references. Reads
// only manifests (stories and media are read on demand). Never reads outside the
// folder. Safe to call from any thread; touches no global state.
LoadedBundle load_bundle(const std::filesystem::path& folder);

// Largest manifest read, in bytes: a manifest is a few kilobytes, so anything
// bigger is a mistake (or hostile), not content.
inline constexpr std::size_t kMaxManifestBytes = 1 << 20;

}  // namespace amanat
