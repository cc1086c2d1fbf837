#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/loop_observer.hpp"

namespace amanat {

// AMANAT_FRAME_TIMES=FILE: the render loop's own frame times, for BENCHMARKS.md
// (tests/benchmarks/frame-times drives the kiosk and reads them). A frame lasts
// from the end of the wait for input to after it was presented: building the
// ImGui frame, uploading what arrived (pictures, film frames), drawing and
// presenting it. When the kiosk exits, FILE gets one line per frame,
// "START_UNIX_US DURATION_US RECEIVE_US BUILD_US PAINT_US PRESENT_US" (the start
// on the wall clock, so that a script can pick the frames of what it did between
// two of its own clock readings; then the frame's stages, see FrameStage), and the
// log one summary line: count, p50/p90/p99/max, and the pictures' texture memory
// (last and peak) against the texture cache's budget.
//
// The loop tells it of each frame as its observer (app/loop_observer.hpp); unset,
// there is none. Render thread only.
class FrameTimes final : public LoopObserver {
  public:
    // The process's recorder when AMANAT_FRAME_TIMES names a file, else nullptr.
    // The same object for every exhibition the kiosk shows; written at exit.
    static FrameTimes* from_environment();

    explicit FrameTimes(std::string file, std::size_t texture_budget);
    ~FrameTimes() override;  // writes the file and logs the summary
    FrameTimes(const FrameTimes&) = delete;
    FrameTimes& operator=(const FrameTimes&) = delete;

    // The loop has stopped waiting: a frame begins.
    void frame_began() override {
        m_began = Clock::now();
        m_lap = m_began;
        m_stages = {};
    }
    // `stage` has just ended: it took the time since the last stage ended.
    void stage_done(FrameStage stage) override {
        const Clock::time_point now = Clock::now();
        m_stages[static_cast<int>(stage)] = static_cast<std::int32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(now - m_lap).count());
        m_lap = now;
    }
    // The frame is on screen; `texture_bytes`: the pictures' textures held now.
    void frame_shown(std::size_t texture_bytes) override {
        const Clock::time_point now = Clock::now();
        m_frames.push_back({m_began.time_since_epoch().count(), (now - m_began).count(), m_stages});
        m_texture_bytes = texture_bytes;
        if (texture_bytes > m_texture_peak) m_texture_peak = texture_bytes;
    }

    // Quantiles in microseconds of the frames so far (q in [0, 1], nearest rank).
    static std::int64_t quantile_us(std::vector<std::int64_t> durations_us, double q);
    std::string summary() const;
    bool write(std::string& error) const;

  private:
    using Clock = std::chrono::steady_clock;
    struct Frame {
        Clock::rep began;     // steady clock ticks
        Clock::rep duration;  // steady clock ticks
        std::array<std::int32_t, kFrameStages> stages_us;
    };
    std::vector<std::int64_t> durations_us() const;

    std::string m_file;
    std::size_t m_texture_budget;
    std::vector<Frame> m_frames;  // preallocated for hours of continuous drawing
    Clock::time_point m_began{};
    Clock::time_point m_lap{};
    std::array<std::int32_t, kFrameStages> m_stages{};
    // The wall clock minus the steady clock, in microseconds, taken once.
    std::int64_t m_unix_offset_us = 0;
    std::size_t m_texture_bytes = 0;
    std::size_t m_texture_peak = 0;
};

}  // namespace amanat
