#include "app/staff_words.hpp"

#include <cstdio>
#include <utility>

#include "core/localisation/locale_format.hpp"

namespace amanat::staff {

void log(const std::string& line) {
    std::fprintf(stderr, "amanat-kiosk: staff: %s\n", line.c_str());
}

StaffTaskOutcome ended(bool ok, std::string outcome, std::vector<std::string> details) {
    log(std::string(ok ? "done: " : "failed: ") + outcome);
    return StaffTaskOutcome{ok, std::move(outcome), std::move(details)};
}

std::string megabytes(unsigned long long bytes, const std::string& language) {
    const unsigned long long tenths = bytes * 10 / (1024 * 1024);
    return format_number(language, static_cast<double>(tenths) / 10.0) + " MB";
}

}  // namespace amanat::staff
