#include "cli/pack_progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "core/files/byte_count.hpp"

namespace amanat::cli {

namespace {

std::string describe(const pack::PackProgress& p) {
    std::string text = p.stage;
    if (p.bytes_total > 0 || p.files_total > 0) {
        const int percent = p.bytes_total > 0 ? static_cast<int>(p.bytes_done * 100 / p.bytes_total) : 100;
        // ' ' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on " " + std::string
        text += ' ' + std::to_string(percent) + "%: " + describe_bytes(p.bytes_done) + " of " +
                describe_bytes(p.bytes_total) + ", " + std::to_string(p.files_done) + " of " +
                std::to_string(p.files_total) + " files";
    } else {
        text += "...";
    }
    return text;
}

}  // namespace

ProgressLine::ProgressLine(bool quiet) : m_quiet(quiet), m_terminal(::isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() {
    finish();
}

void ProgressLine::show(const pack::PackProgress& p) {
    if (m_quiet) return;
    const bool new_stage = p.stage != m_stage;
    const bool complete = p.files_total > 0 && p.files_done == p.files_total && p.bytes_done == p.bytes_total;
    if (m_terminal) {
        // At most ten redraws a second, but every stage change and the end.
        const auto now = std::chrono::steady_clock::now();
        if (!new_stage && !complete && now - m_last < std::chrono::milliseconds(100)) return;
        m_last = now;
        m_stage = p.stage;
        std::fprintf(stderr, "\r\033[K%s", describe(p).c_str());
        m_line_open = true;
        std::fflush(stderr);
        return;
    }
    // 0% to 90% as bytes go, 100% only once the last file is done too.
    const int tenths = complete            ? 10
                       : p.bytes_total > 0 ? std::min(9, static_cast<int>(p.bytes_done * 10 / p.bytes_total))
                                           : 0;
    if (!new_stage && tenths == m_tenths) return;
    m_stage = p.stage;
    m_tenths = tenths;
    std::fprintf(stderr, "%s\n", describe(p).c_str());
}

void ProgressLine::finish() {
    if (m_line_open) std::fputs("\n", stderr);
    m_line_open = false;
}

}  // namespace amanat::cli
