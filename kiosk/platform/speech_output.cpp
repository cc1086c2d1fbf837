#include "platform/speech_output.hpp"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/files/name_list.hpp"

namespace amanat::platform {

namespace {

constexpr std::int64_t kIdle = 0;
constexpr std::int64_t kExpecting = -1;

// 20 ms or a little more, as a power of two (512 samples at 22050 Hz, 23 ms): short
// enough for a key's sound to start well within 150 ms, long enough not to crackle.
int buffer_for(int sample_rate) {
    int samples = 256;
    while (samples < sample_rate / 50 && samples < 4096) samples *= 2;
    return samples;
}

// The outputs SDL's audio driver knows on this PC; nullopt when it cannot list them.
std::optional<std::vector<std::string>> output_names() {
    const int count = SDL_GetNumAudioDevices(0);
    if (count < 0) return std::nullopt;
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
        if (const char* name = SDL_GetAudioDeviceName(i, 0)) names.emplace_back(name);
    }
    return names;
}

// "This PC's audio outputs are ...", for a problem's second half.
std::string outputs_sentence(const std::optional<std::vector<std::string>>& outputs) {
    std::string driver = SDL_GetCurrentAudioDriver() != nullptr ? SDL_GetCurrentAudioDriver() : "none";
    if (!outputs)
        return std::string("SDL's audio driver (") + driver + ") cannot list this PC's audio outputs.";
    if (outputs->empty())
        return std::string("SDL's audio driver (") + driver +
               ") finds no audio output on this PC: check that the sound card or USB headphone "
               "adapter is plugged in.";
    return std::string("This PC's audio outputs are ") + quoted_list(*outputs) + ".";
}

}  // namespace

std::unique_ptr<SpeechOutput> SpeechOutput::open(const std::string& device, int sample_rate, Pull pull,
                                                 std::string& problem) {
    const std::string asked = device.empty() ? std::string("the default audio output")
                                             : std::string("the audio output \"") + device + '"';
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        problem = std::string("Speech has no sound: SDL could not start its audio for ") + asked + " (" +
                  SDL_GetError() + ").";
        return nullptr;
    }
    // From here on the output's destructor quits the audio subsystem again, also on failure.
    std::unique_ptr<SpeechOutput> output(new SpeechOutput(std::move(pull)));
    const auto outputs = output_names();

    // The output asked for: its exact name, else the one output whose name holds it.
    std::string chosen;
    if (!device.empty() && outputs) {
        if (std::find(outputs->begin(), outputs->end(), device) != outputs->end()) {
            chosen = device;
        } else {
            std::vector<std::string> holding;
            for (const std::string& name : *outputs) {
                if (ascii_lower(name).find(ascii_lower(device)) != std::string::npos) holding.push_back(name);
            }
            if (holding.size() != 1) {
                problem =
                    std::string("Speech has no sound: ") + asked + " ([speech] device in kiosk.toml) " +
                    (holding.empty() ? std::string("is not on this PC. ")
                                     : std::string("could be any of ") + quoted_list(holding) + ". ") +
                    outputs_sentence(outputs) +
                    (outputs->empty() ? std::string(" Or remove the line for the default output.")
                                      : std::string(" Write one of them in full, or a part of its name no "
                                                    "other output has; or remove the line for the "
                                                    "default output."));
                return nullptr;
            }
            chosen = holding.front();
        }
    } else if (!device.empty()) {
        chosen = device;  // a driver that cannot list its outputs may still open one by name
    }

    SDL_AudioSpec wanted{};
    wanted.freq = sample_rate;
    wanted.format = AUDIO_S16SYS;
    wanted.channels = 1;
    wanted.samples = static_cast<Uint16>(buffer_for(sample_rate));
    wanted.callback = [](void* self, Uint8* stream, int bytes) {
        static_cast<SpeechOutput*>(self)->fill(stream, bytes);
    };
    wanted.userdata = output.get();
    SDL_AudioSpec obtained{};
    // No changes allowed: SDL converts to whatever the device takes, and the callback
    // always sees 16-bit mono at `sample_rate` in buffers of `wanted.samples`.
    output->m_device =
        SDL_OpenAudioDevice(chosen.empty() ? nullptr : chosen.c_str(), 0, &wanted, &obtained, 0);
    if (output->m_device == 0) {
        problem =
            std::string("Speech has no sound: ") + asked +
            (chosen.empty() || chosen == device ? std::string() : std::string(" (\"") + chosen + "\")") +
            " cannot be opened (" + SDL_GetError() + "). " + outputs_sentence(outputs);
        return nullptr;
    }
    output->m_name = chosen.empty() ? std::string("the default output") : chosen;
    output->m_sample_rate = obtained.freq;
    output->m_buffer_samples = obtained.samples;
    output->m_scratch.resize(obtained.samples > 0 ? obtained.samples : wanted.samples);
    problem.clear();
    SDL_PauseAudioDevice(output->m_device, 0);
    return output;
}

SpeechOutput::~SpeechOutput() {
    // Waits for a callback under way: `pull` and `this` are not used after this.
    if (m_device != 0) SDL_CloseAudioDevice(m_device);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SpeechOutput::set_volume(float gain) {
    // Written so that nan is silence: it fails every comparison.
    m_gain.store(gain >= 0.0f ? std::min(gain, 1.0f) : 0.0f, std::memory_order_relaxed);
}

void SpeechOutput::expect_sound() {
    m_first_sound.store(kExpecting, std::memory_order_release);
}

std::optional<std::chrono::steady_clock::time_point> SpeechOutput::take_first_sound() {
    std::int64_t when = m_first_sound.load(std::memory_order_acquire);
    // Once: only the caller that swaps the time for kIdle gets it.
    while (when > 0) {
        if (m_first_sound.compare_exchange_weak(when, kIdle, std::memory_order_acq_rel))
            return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(when));
    }
    return std::nullopt;
}

void SpeechOutput::fill(std::uint8_t* stream, int bytes) {
    const std::size_t wanted = static_cast<std::size_t>(bytes) / sizeof(std::int16_t);
    const float gain = m_gain.load(std::memory_order_relaxed);
    bool sound = false;
    std::size_t done = 0;
    // In pieces of the scratch buffer (one piece: SDL asks for buffer_samples); a pull
    // that gives fewer samples than asked has nothing more for now: the rest is silence.
    while (done < wanted) {
        const std::size_t asked = std::min(wanted - done, m_scratch.size());
        const std::size_t given = m_pull ? std::min(m_pull(m_scratch.data(), asked), asked) : 0;
        for (std::size_t i = 0; i < given; ++i) {
            if (gain < 1.0f)
                m_scratch[i] =
                    static_cast<std::int16_t>(std::lround(static_cast<float>(m_scratch[i]) * gain));
            sound = sound || m_scratch[i] != 0;
        }
        std::memcpy(stream + done * sizeof(std::int16_t), m_scratch.data(), given * sizeof(std::int16_t));
        done += given;
        if (given < asked) break;
    }
    std::memset(stream + done * sizeof(std::int16_t), 0, (wanted - done) * sizeof(std::int16_t));
    std::memset(stream + wanted * sizeof(std::int16_t), 0,
                static_cast<std::size_t>(bytes) % sizeof(std::int16_t));
    if (sound && m_first_sound.load(std::memory_order_relaxed) == kExpecting) {
        const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now().time_since_epoch())
                             .count();
        std::int64_t expected = kExpecting;
        // Only if still expected: an expect_sound() meanwhile starts a new measurement.
        m_first_sound.compare_exchange_strong(expected, std::max<std::int64_t>(now, 1),
                                              std::memory_order_acq_rel);
    }
}

}  // namespace amanat::platform
