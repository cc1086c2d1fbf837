#include "core/settings/data_folders.hpp"

#include <system_error>

namespace amanat {

DataFolders data_folders(const std::filesystem::path& source_localisation,
                         const std::filesystem::path& source_exhibition) {
    std::error_code error;
    const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const std::filesystem::path share = program.parent_path().parent_path() / "share" / "amanat";
        if (std::filesystem::is_directory(share / "localisation", error))
            return {share / "localisation", share / "exhibition"};
    }
    return {source_localisation, source_exhibition};
}

}  // namespace amanat
