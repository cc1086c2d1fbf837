// The media issue's numbers: how long from open() to the first video frame of
// the sample's 720p film (the kiosk adds one frame of drawing to this), and
// whether memory stays flat across 1,000 open/play/close cycles. Audio off.
#include <benchmark/benchmark.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>

#include "media/media_player.hpp"

using namespace amanat;

namespace {

// Wake-ups from libvlc's threads, waited for on the benchmark's thread.
struct Doorbell {
    std::mutex mutex;
    std::condition_variable rung;
    unsigned rings = 0;
    void ring() {
        {
            const std::lock_guard lock(mutex);
            ++rings;
        }
        rung.notify_all();
    }
    // Waits for the next ring (at most 10 s: a hang becomes an error, not a stall).
    bool wait(unsigned& seen) {
        std::unique_lock lock(mutex);
        const bool rang = rung.wait_for(lock, std::chrono::seconds(10), [&] { return rings != seen; });
        seen = rings;
        return rang;
    }
};

const std::string kFilm = std::string(AMANAT_SAMPLE_BUNDLE) + "/artifacts/kobyz/playing.mp4";

long resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string key;
    long value = 0;
    while (status >> key) {
        if (key == "VmRSS:") {
            status >> value;
            return value;
        }
        status.ignore(1 << 16, '\n');
    }
    return 0;
}

// A player without sound that rings `bell`; null (and the benchmark skipped) if
// libvlc cannot start.
std::unique_ptr<media::MediaPlayer> silent_player(Doorbell& bell, benchmark::State& state) {
    std::string error;
    auto player =
        media::MediaPlayer::create([&bell] { bell.ring(); }, media::PlayerOptions{false, 100}, error);
    if (!player) state.SkipWithError(error.c_str());
    return player;
}

void open_to_first_frame(benchmark::State& state) {
    Doorbell bell;
    auto player = silent_player(bell, state);
    if (!player) return;
    media::VideoFrame frame;
    unsigned seen = 0;
    for (auto _ : state) {
        player->open(kFilm, true);
        while (!player->take_frame(frame)) {
            if (!bell.wait(seen) || player->state() == media::PlaybackState::Failed) {
                state.SkipWithError("no frame arrived");
                return;
            }
        }
        state.PauseTiming();
        player->stop();
        state.ResumeTiming();
    }
    state.counters["width"] = frame.width;
    state.counters["height"] = frame.height;
}
BENCHMARK(open_to_first_frame)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

void memory_across_1000_cycles(benchmark::State& state) {
    Doorbell bell;
    auto player = silent_player(bell, state);
    if (!player) return;
    media::VideoFrame frame;
    unsigned seen = 0;
    long after_100 = 0;
    for (auto _ : state) {
        for (int cycle = 0; cycle < 1000; ++cycle) {
            player->open(kFilm, true);
            while (!player->take_frame(frame)) {
                if (!bell.wait(seen)) break;
            }
            player->stop();
            if (cycle == 99) after_100 = resident_kib();  // warmed up: codecs and buffers allocated
        }
    }
    const long after_1000 = resident_kib();
    state.counters["rss_mib_after_100"] = static_cast<double>(after_100) / 1024.0;
    state.counters["rss_mib_after_1000"] = static_cast<double>(after_1000) / 1024.0;
}
BENCHMARK(memory_across_1000_cycles)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace
