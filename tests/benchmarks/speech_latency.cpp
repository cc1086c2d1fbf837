// speech-latency: how soon the kiosk's voice is heard (BENCHMARKS.md section 11,
// issue 25). For a short label and for the first paragraph of a sample story in
// en, kk and ru: the time from Speaker::say to the first non-silent sample that
// pull() can give, median of 20 runs (the voice already loaded, as when a visitor
// moves through one language's screens); and the CPU time espeak-ng spends per
// second of speech. Usage: speech-latency [SAMPLE_BUNDLE]
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "speech/speaker.hpp"

using namespace amanat::speech;
using Clock = std::chrono::steady_clock;

namespace {

struct Wakes {
    std::mutex mutex;
    std::condition_variable cv;
    std::uint64_t count = 0;
    void wake() {
        {
            std::lock_guard lock(mutex);
            ++count;
        }
        cv.notify_all();
    }
    // Waits for the next wake-up after `seen` (at most 10 s); returns the new count.
    std::uint64_t after(std::uint64_t seen) {
        std::unique_lock lock(mutex);
        cv.wait_for(lock, std::chrono::seconds(10), [&] { return count > seen; });
        return count;
    }
};

// A story's first paragraph: its first block that is not a heading, markup dropped.
std::string first_paragraph(const std::string& path) {
    std::ifstream in(path);
    std::string line, paragraph;
    while (std::getline(in, line)) {
        if (line.empty() && !paragraph.empty()) break;
        if (line.empty() || line[0] == '#') continue;
        paragraph += line + " ";
    }
    paragraph.erase(std::remove(paragraph.begin(), paragraph.end(), '*'), paragraph.end());
    return paragraph;
}

double first_sound_ms(Speaker& speaker, Wakes& wakes, const std::string& text, const std::string& language) {
    std::uint64_t seen = wakes.count;
    const auto start = Clock::now();
    const auto number = speaker.say(text, language, RateStep::normal);
    std::int16_t chunk[1024];
    for (;;) {
        const std::size_t n = speaker.pull(chunk, std::size(chunk));
        for (std::size_t i = 0; i < n; ++i)
            if (std::abs(chunk[i]) > 300)
                return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (n == 0) {
            if (speaker.synthesised() >= number) return -1;  // silence throughout
            seen = wakes.after(seen);
        }
    }
}

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// CPU milliseconds per second of speech, the whole text synthesised 5 times.
double cpu_ms_per_speech_second(Speaker& speaker, Wakes& wakes, const std::string& text,
                                const std::string& language) {
    std::size_t samples = 0;
    const double cpu_start = cpu_seconds();
    for (int i = 0; i < 5; ++i) {
        const auto number = speaker.say(text, language, RateStep::normal);
        std::uint64_t seen = wakes.count;
        std::int16_t chunk[4096];
        for (;;) {
            const std::size_t n = speaker.pull(chunk, std::size(chunk));
            samples += n;
            if (n == 0 && speaker.synthesised() >= number && speaker.pull(chunk, 0) == 0) break;
            if (n == 0) seen = wakes.after(seen);
        }
        samples += speaker.pull(chunk, std::size(chunk));
    }
    const double speech_seconds = double(samples) / speaker.sample_rate();
    return (cpu_seconds() - cpu_start) * 1000.0 / speech_seconds;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string bundle = argc > 1 ? argv[1] : AMANAT_SAMPLE_BUNDLE;
    const std::string story = bundle + "/artifacts/kobyz/story.";
    struct Case {
        std::string name, language, text;
    };
    const std::vector<Case> cases{
        {"label", "en", "Gallery, 12 objects in 3 sections"},
        {"story en", "en", first_paragraph(story + "en.md")},
        {"story kk", "kk", first_paragraph(story + "kk.md")},
        {"story ru", "ru", first_paragraph(story + "ru.md")},
    };
    Wakes wakes;
    Speaker speaker(VoiceTable{}, [&] { wakes.wake(); });
    std::ifstream loadavg("/proc/loadavg");
    std::string load;
    std::getline(loadavg, load);
    std::printf("load average at start: %s\n", load.c_str());
    std::printf("%-9s %6s %10s %10s %10s %14s\n", "case", "chars", "median ms", "min ms", "max ms",
                "CPU ms / s");
    for (const Case& c : cases) {
        first_sound_ms(speaker, wakes, c.text, c.language);  // loads the voice
        std::vector<double> runs;
        for (int i = 0; i < 20; ++i) runs.push_back(first_sound_ms(speaker, wakes, c.text, c.language));
        std::sort(runs.begin(), runs.end());
        const double cpu = cpu_ms_per_speech_second(speaker, wakes, c.text, c.language);
        std::printf("%-9s %6zu %10.1f %10.1f %10.1f %14.1f\n", c.name.c_str(), c.text.size(),
                    (runs[9] + runs[10]) / 2, runs.front(), runs.back(), cpu);
    }
    // A change of language: the first sound after loading another voice (ru <-> kk).
    std::vector<double> switches;
    for (int i = 0; i < 20; ++i)
        switches.push_back(first_sound_ms(speaker, wakes, cases[i % 2 ? 2 : 3].text, i % 2 ? "kk" : "ru"));
    std::sort(switches.begin(), switches.end());
    std::printf("%-9s %6s %10.1f %10.1f %10.1f\n", "switch", "-", (switches[9] + switches[10]) / 2,
                switches.front(), switches.back());
}
