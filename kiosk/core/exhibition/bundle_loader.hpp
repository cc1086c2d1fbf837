#pragma once

#include <filesystem>
#include <memory>

#include "core/exhibition/bundle.hpp"
#include "core/files/diagnostics.hpp"

namespace amanat {

struct LoadedBundle {
    // Everything that could be read, even when there are errors: artifacts whose
    // own manifest is broken are left out. Null only when exhibition.toml itself
    // cannot be read, or the folder does not exist.
    std::shared_ptr<const Bundle> bundle;
    Diagnostics diagnostics;
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
