#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/exhibition/bundle_folder.hpp"
#include "core/exhibition/bundle_loader.hpp"
#include "core/files/diagnostics.hpp"

namespace amanat {

// Files in the bundle that no manifest uses, each a warning saying how to use it
// (the manifest line that would show it) rather than to delete it, and links that
// lead outside the bundle, each an error. Not reported as unused: hidden files,
// the files of an artifact left out (what its manifest uses is not known until it
// can be read), and a file a reference matching no file most likely means
// ("Tekemet.JPG" for tekemet.jpg: reported at that reference).
void report_unused_files(const BundleFolder& folder, const std::set<std::string>& used,
                         const std::vector<LeftOutArtifact>& left_out, Diagnostics& out);

}  // namespace amanat
