#include <doctest/doctest.h>

#include <stdlib.h>  // setenv

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

#include "platform/speech_output.hpp"
#include "synthetic_bundle.hpp"  // testing::TemporaryFolder

using amanat::platform::SpeechOutput;

namespace {

constexpr int kRate = 22050;

// SDL's disk audio driver: what the device is given is written to `file`, raw, at
// the pace of a real sound card (one buffer every buffer_samples / kRate seconds).
void play_into(const std::filesystem::path& file) {
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
}

std::vector<std::int16_t> samples_in(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::int16_t> samples(bytes.size() / sizeof(std::int16_t));
    std::memcpy(samples.data(), bytes.data(), samples.size() * sizeof(std::int16_t));
    return samples;
}

// What speech would say, given to the output's pull at most `per_pull` samples at a
// time; every pull is counted under a lock, and the test waits on that count (never
// on a sleep), up to a minute on a loaded machine.
class Voice {
  public:
    explicit Voice(std::size_t per_pull) : m_per_pull(per_pull) {}

    SpeechOutput::Pull pull() {
        return [this](std::int16_t* samples, std::size_t max) {
            std::size_t given = 0;
            {
                std::lock_guard lock(m_mutex);
                given = std::min({max, m_per_pull, m_queue.size()});
                std::copy(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(given), samples);
                m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(given));
                ++m_pulls;
            }
            m_pulled.notify_all();
            return given;
        };
    }
    void say(const std::vector<std::int16_t>& samples) {
        std::lock_guard lock(m_mutex);
        m_queue.insert(m_queue.end(), samples.begin(), samples.end());
    }
    // Waits until everything said has been pulled and then two more pulls came: the
    // audio thread calls back once per buffer, so the buffers holding it have been
    // handed to the device (and the first sound noted) by then.
    bool wait_spoken() {
        std::unique_lock lock(m_mutex);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        if (!m_pulled.wait_until(lock, deadline, [&] { return m_queue.empty(); })) return false;
        const std::uint64_t drained = m_pulls;
        return m_pulled.wait_until(lock, deadline, [&] { return m_pulls >= drained + 2; });
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_pulled;
    std::vector<std::int16_t> m_queue;
    std::size_t m_per_pull;
    std::uint64_t m_pulls = 0;
};

// A pattern with no zero in it, each sample a multiple of 4 so that a quarter of it is exact.
std::vector<std::int16_t> pattern(std::size_t count) {
    std::vector<std::int16_t> samples(count);
    for (std::size_t i = 0; i < count; ++i) {
        const int value = 4 * static_cast<int>(1 + i % 3000);
        samples[i] = static_cast<std::int16_t>(i % 2 == 0 ? value : -value);
    }
    return samples;
}

}  // namespace

TEST_CASE(
    "speech output: pulled samples reach the device scaled by the volume, and what the pull leaves is "
    "silence") {
    amanat::testing::TemporaryFolder folder;
    play_into(folder.path() / "played.raw");
    Voice voice(100);  // fewer samples than a buffer at each pull: the rest of each buffer must be silence
    const std::vector<std::int16_t> said = pattern(3000);
    int buffer = 0;
    {
        std::string problem;
        const auto output = SpeechOutput::open("", kRate, voice.pull(), problem);
        REQUIRE_MESSAGE(output, problem);
        CHECK(problem.empty());
        CHECK(output->name() == "the default output");
        CHECK(output->sample_rate() == kRate);
        buffer = output->buffer_samples();
        CHECK(buffer >= 256);
        CHECK(buffer <= 1024);
        output->set_volume(0.25f);
        voice.say(said);
        REQUIRE(voice.wait_spoken());
    }  // closed: the file is complete
    const std::vector<std::int16_t> played = samples_in(folder.path() / "played.raw");
    REQUIRE(played.size() % static_cast<std::size_t>(buffer) == 0);  // whole buffers
    // Each buffer: at most 100 samples pulled (none is zero), then silence.
    std::vector<std::int16_t> heard;
    for (std::size_t start = 0; start < played.size(); start += static_cast<std::size_t>(buffer)) {
        std::size_t pulled = 0;
        while (pulled < static_cast<std::size_t>(buffer) && played[start + pulled] != 0) ++pulled;
        CHECK(pulled <= 100);
        heard.insert(heard.end(), played.begin() + static_cast<std::ptrdiff_t>(start),
                     played.begin() + static_cast<std::ptrdiff_t>(start + pulled));
        for (std::size_t i = start + pulled; i < start + static_cast<std::size_t>(buffer); ++i) {
            if (played[i] != 0) FAIL_CHECK("a sample after the pulled ones is not silence, at " << i);
        }
    }
    std::vector<std::int16_t> quarter;
    for (std::int16_t sample : said) quarter.push_back(static_cast<std::int16_t>(sample / 4));
    CHECK(heard == quarter);
}

TEST_CASE("speech output: the volume is 0 to 1, and full volume passes the samples unchanged") {
    amanat::testing::TemporaryFolder folder;
    play_into(folder.path() / "played.raw");
    Voice voice(10'000);
    const std::vector<std::int16_t> said = {32767, -32768, 12345, -1, 1, -20000};
    {
        std::string problem;
        const auto output = SpeechOutput::open("", kRate, voice.pull(), problem);
        REQUIRE_MESSAGE(output, problem);
        output->set_volume(7.0f);  // beyond 1: full volume, never louder than the samples
        voice.say(said);
        REQUIRE(voice.wait_spoken());
        output->set_volume(-1.0f);  // below 0: silence
        voice.say(said);
        REQUIRE(voice.wait_spoken());
    }
    std::vector<std::int16_t> heard;
    for (std::int16_t sample : samples_in(folder.path() / "played.raw"))
        if (sample != 0) heard.push_back(sample);
    CHECK(heard == said);  // once: the second time was silent
}

TEST_CASE("speech output: the first sound after expect_sound is reported once") {
    amanat::testing::TemporaryFolder folder;
    play_into(folder.path() / "played.raw");
    Voice voice(10'000);
    std::string problem;
    const auto output = SpeechOutput::open("", kRate, voice.pull(), problem);
    REQUIRE_MESSAGE(output, problem);
    CHECK_FALSE(output->take_first_sound());  // nothing expected

    output->expect_sound();
    voice.say(std::vector<std::int16_t>(50, 0));  // silence is not a sound
    REQUIRE(voice.wait_spoken());
    CHECK_FALSE(output->take_first_sound());
    const auto before = std::chrono::steady_clock::now();
    voice.say(pattern(2000));
    REQUIRE(voice.wait_spoken());
    const auto first = output->take_first_sound();
    REQUIRE(first);
    CHECK(*first >= before);
    CHECK(*first <= std::chrono::steady_clock::now());
    CHECK_FALSE(output->take_first_sound());  // once

    // Sound nobody expected is not reported; the next expect_sound() measures again.
    voice.say(pattern(500));
    REQUIRE(voice.wait_spoken());
    CHECK_FALSE(output->take_first_sound());
    output->expect_sound();
    const auto again = std::chrono::steady_clock::now();
    voice.say(pattern(500));
    REQUIRE(voice.wait_spoken());
    const auto second = output->take_first_sound();
    REQUIRE(second);
    CHECK(*second >= again);
}

TEST_CASE("speech output: an output named in full, or by a part of its name in any case") {
    amanat::testing::TemporaryFolder folder;
    play_into(folder.path() / "played.raw");
    Voice voice(10'000);
    std::string problem;
    // The disk driver's one output.
    for (const char* asked : {"System audio output device", "SYSTEM AUDIO"}) {
        const auto output = SpeechOutput::open(asked, kRate, voice.pull(), problem);
        REQUIRE_MESSAGE(output, problem);
        CHECK(output->name() == "System audio output device");
    }
}

TEST_CASE("speech output: an output this PC does not have gives no output and a problem naming it") {
    amanat::testing::TemporaryFolder folder;
    play_into(folder.path() / "played.raw");
    Voice voice(10'000);
    std::string problem;
    const auto output = SpeechOutput::open("Jabra Headset", kRate, voice.pull(), problem);
    CHECK_FALSE(output);
    CHECK(problem.find("\"Jabra Headset\"") != std::string::npos);
    CHECK(problem.find("is not on this PC") != std::string::npos);
    CHECK(problem.find("\"System audio output device\"") != std::string::npos);  // what it has
    CHECK(problem.find("[speech] device") != std::string::npos);
    // The audio subsystem was given back: the next output opens as usual.
    const auto next = SpeechOutput::open("", kRate, voice.pull(), problem);
    CHECK_MESSAGE(next, problem);
}
