// What one frame of each visitor screen costs on the CPU: ImGui building its draw
// lists at 1920x1080 with the sample exhibition (no GPU, no window). The kiosk
// draws only when something changes, so this bounds the attract cross-fade's
// cost (about 30 of these a second while fading) and a scroll's.
#include <benchmark/benchmark.h>

#include "headless_kiosk.hpp"

using namespace amanat;
using amanat::testing::HeadlessKiosk;

namespace {

HeadlessKiosk& kiosk() {
    static HeadlessKiosk headless(1920, 1080);
    return headless;
}

void draw_frames(benchmark::State& state, const std::vector<VisitorAction>& actions) {
    HeadlessKiosk& k = kiosk();
    VisitorSession session(*k.bundle, k.bundle->exhibition.languages, TextSize::Normal);
    for (const VisitorAction& action : actions) session.apply(action);
    Millis now = 6'500;  // mid-way through the attract screen's first cross-fade
    k.idle.touch(now);
    k.frame(session, now);  // lays out text once, as the kiosk does on arrival
    for (auto _ : state) benchmark::DoNotOptimize(k.frame(session, now += 16));
}

void attract_frame(benchmark::State& state) {
    draw_frames(state, {});
}
BENCHMARK(attract_frame)->Unit(benchmark::kMicrosecond);

void gallery_frame(benchmark::State& state) {
    draw_frames(state, {VisitorAction(VisitorAction::Kind::Start), VisitorAction::choose_language("kk")});
}
BENCHMARK(gallery_frame)->Unit(benchmark::kMicrosecond);

void artifact_frame(benchmark::State& state) {
    draw_frames(state, {VisitorAction(VisitorAction::Kind::Start), VisitorAction::choose_language("kk"),
                        VisitorAction(VisitorAction::Kind::OpenArtifact, 0)});
}
BENCHMARK(artifact_frame)->Unit(benchmark::kMicrosecond);

void artifact_frame_large_text(benchmark::State& state) {
    draw_frames(state, {VisitorAction(VisitorAction::Kind::Start), VisitorAction::choose_language("kk"),
                        VisitorAction::set_text_size(TextSize::Large),
                        VisitorAction(VisitorAction::Kind::OpenArtifact, 0)});
}
BENCHMARK(artifact_frame_large_text)->Unit(benchmark::kMicrosecond);

}  // namespace
