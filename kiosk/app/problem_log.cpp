#include "app/problem_log.hpp"

#include <cstdio>
#include <ctime>
#include <deque>
#include <mutex>

#include "core/files/utc_time.hpp"

namespace amanat {
namespace {

constexpr std::size_t kKept = 10;

std::mutex g_mutex;
std::deque<std::string> g_recent;  // guarded by g_mutex

}  // namespace

void log_problem(const std::string& line) {
    std::fprintf(stderr, "amanat-kiosk: %s\n", line.c_str());
    const std::string kept = format_utc_time(static_cast<long long>(std::time(nullptr))) + " " + line;
    const std::lock_guard lock(g_mutex);
    g_recent.push_back(kept);
    if (g_recent.size() > kKept) g_recent.pop_front();
}

std::vector<std::string> recent_problems() {
    const std::lock_guard lock(g_mutex);
    return {g_recent.begin(), g_recent.end()};
}

}  // namespace amanat
