#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace amanat::platform {

// Speech's own audio output: an SDL audio device (the keypad's sound card, named in
// kiosk.toml, so speech is heard in headphones and not in the hall), fed by a pull
// function on SDL's audio thread. Thread contract: open/close on the render thread;
// `pull` is called on SDL's audio thread and must not block; set_volume and
// take_first_sound may be called from any thread.
class SpeechOutput {
  public:
    using Pull = std::function<std::size_t(std::int16_t* samples, std::size_t max)>;

    // Opens `device` (exact name, else the one output whose name contains it,
    // case-insensitively; empty: the default output) as 16-bit mono at `sample_rate`,
    // and starts pulling at once: what `pull` does not fill is silence. On failure
    // returns null and sets `problem` to a sentence for staff naming the device asked
    // for and the outputs this PC has.
    static std::unique_ptr<SpeechOutput> open(const std::string& device, int sample_rate, Pull pull,
                                              std::string& problem);
    ~SpeechOutput();  // closes the device: `pull` is not called any more once it returns
    SpeechOutput(const SpeechOutput&) = delete;
    SpeechOutput& operator=(const SpeechOutput&) = delete;

    // The device opened ("the default output" when none was named).
    const std::string& name() const { return m_name; }
    int sample_rate() const { return m_sample_rate; }
    // What SDL gave: its latency is buffer_samples / sample_rate.
    int buffer_samples() const { return m_buffer_samples; }
    void set_volume(float gain);  // 0..1, applied to the pulled samples (1 at first)

    // Latency measurement (benchmarks, the log): after expect_sound(), the time on
    // std::chrono::steady_clock at which the callback first handed the device a
    // non-silent sample (after the volume); take_first_sound returns it once, then
    // nothing until the next expect_sound().
    void expect_sound();
    std::optional<std::chrono::steady_clock::time_point> take_first_sound();

  private:
    explicit SpeechOutput(Pull pull) : m_pull(std::move(pull)) {}
    // SDL's audio callback: `bytes` of 16-bit mono samples to fill.
    void fill(std::uint8_t* stream, int bytes);

    Pull m_pull;
    std::uint32_t m_device = 0;  // SDL_AudioDeviceID; 0 while none is open
    std::string m_name;
    int m_sample_rate = 0;
    int m_buffer_samples = 0;
    std::vector<std::int16_t> m_scratch;  // the pull's samples, scaled into SDL's buffer (audio thread only)
    std::atomic<float> m_gain{1.0f};
    // kIdle, kExpecting, or the first sound's steady_clock time in nanoseconds (> 0).
    std::atomic<std::int64_t> m_first_sound{0};
};

}  // namespace amanat::platform
