#pragma once

#include <filesystem>

namespace amanat {

// Where the kiosk's read-only data is: its translations and transliteration rules,
// and the exhibition it shows until a pack is installed.
struct DataFolders {
    std::filesystem::path localisation;
    std::filesystem::path exhibition;
};

// Installed (the package puts the programs in PREFIX/bin and the data in
// PREFIX/share/amanat/{localisation,exhibition}), the folders are found from the
// running program's own path, so a package unpacked under another root (dpkg
// --root, a chroot) or prefix (/usr/local) finds its own data. In a build tree
// there is no such folder next to the program, and the source tree's folders,
// given at compile time, are used.
DataFolders data_folders(const std::filesystem::path& source_localisation,
                         const std::filesystem::path& source_exhibition);

}  // namespace amanat
