#include "app/frame_times.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <utility>

#include "app/picture_shelf.hpp"

namespace amanat {

namespace {

constexpr std::size_t kPreallocatedFrames = std::size_t{1} << 18;  // over an hour at 60 frames a second

std::int64_t to_us(std::chrono::steady_clock::rep ticks) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::duration(ticks))
        .count();
}

double mib(std::size_t bytes) {
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

}  // namespace

FrameTimes* FrameTimes::from_environment() {
    // Made on first use, written by its destructor when the kiosk exits.
    static const std::unique_ptr<FrameTimes> recorder = []() -> std::unique_ptr<FrameTimes> {
        const char* file = std::getenv("AMANAT_FRAME_TIMES");
        if (file == nullptr || *file == '\0') return nullptr;
        return std::make_unique<FrameTimes>(file, PictureShelf::kTextureBudget);
    }();
    return recorder.get();
}

FrameTimes::FrameTimes(std::string file, std::size_t texture_budget)
    : m_file(std::move(file)), m_texture_budget(texture_budget) {
    m_frames.reserve(kPreallocatedFrames);
    const auto wall = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
    const auto steady =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch()).count();
    m_unix_offset_us = wall - steady;
}

FrameTimes::~FrameTimes() {
    std::string error;
    // Plain stderr: this runs while statics are destroyed, after main returned.
    if (!write(error))
        std::fprintf(stderr, "amanat-kiosk: cannot write the frame times: %s\n", error.c_str());
    std::fprintf(stderr, "amanat-kiosk: frame times: %s\n", summary().c_str());
}

std::vector<std::int64_t> FrameTimes::durations_us() const {
    std::vector<std::int64_t> out;
    out.reserve(m_frames.size());
    for (const Frame& frame : m_frames) out.push_back(to_us(frame.duration));
    return out;
}

std::int64_t FrameTimes::quantile_us(std::vector<std::int64_t> durations_us, double q) {
    if (durations_us.empty()) return 0;
    // Nearest rank: the smallest value with at least q of all values at or below it.
    const auto n = durations_us.size();
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
    const std::size_t index = std::min(n - 1, rank == 0 ? 0 : rank - 1);
    std::nth_element(durations_us.begin(), durations_us.begin() + static_cast<std::ptrdiff_t>(index),
                     durations_us.end());
    return durations_us[index];
}

std::string FrameTimes::summary() const {
    const std::vector<std::int64_t> us = durations_us();
    const auto ms = [](std::int64_t v) { return static_cast<double>(v) / 1000.0; };
    const std::int64_t longest = us.empty() ? 0 : *std::max_element(us.begin(), us.end());
    char text[400];
    std::snprintf(text, sizeof text,
                  "{\"file\": \"%s\", \"count\": %zu, \"p50_ms\": %.2f, \"p90_ms\": %.2f, \"p99_ms\": %.2f, "
                  "\"max_ms\": %.2f, \"texture_mib\": %.1f, \"texture_peak_mib\": %.1f, "
                  "\"texture_budget_mib\": %.1f}",
                  m_file.c_str(), us.size(), ms(quantile_us(us, 0.50)), ms(quantile_us(us, 0.90)),
                  ms(quantile_us(us, 0.99)), ms(longest), mib(m_texture_bytes), mib(m_texture_peak),
                  mib(m_texture_budget));
    return text;
}

bool FrameTimes::write(std::string& error) const {
    std::ofstream out(m_file, std::ios::trunc);
    if (!out) {
        error = "cannot open " + m_file;
        return false;
    }
    for (const Frame& frame : m_frames) {
        out << to_us(frame.began) + m_unix_offset_us << ' ' << to_us(frame.duration);
        for (const std::int32_t stage_us : frame.stages_us) out << ' ' << stage_us;
        out << '\n';
    }
    out.flush();
    if (!out) {
        error = "cannot write " + m_file;
        return false;
    }
    return true;
}

}  // namespace amanat
