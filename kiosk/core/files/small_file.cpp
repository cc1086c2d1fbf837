#include "core/files/small_file.hpp"

#include "core/files/regular_file.hpp"

namespace amanat {

bool read_small_file(const std::filesystem::path& file, std::size_t max_bytes, std::string& content,
                     std::string& problem) {
    std::string what;
    const auto opened = RegularFile::open(file, what);
    if (opened && opened->read_all(static_cast<long long>(max_bytes), content, what)) return true;
    problem = "it " + what;
    return false;
}

}  // namespace amanat
