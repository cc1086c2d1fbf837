#include "app/test_tone.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <vector>

namespace amanat {
namespace {

void put16(std::vector<char>& out, std::uint16_t value) {
    out.push_back(static_cast<char>(value & 0xff));
    out.push_back(static_cast<char>(value >> 8));
}

void put32(std::vector<char>& out, std::uint32_t value) {
    put16(out, static_cast<std::uint16_t>(value & 0xffff));
    put16(out, static_cast<std::uint16_t>(value >> 16));
}

}  // namespace

bool write_test_tone(const std::filesystem::path& file, std::string& error) {
    constexpr std::uint32_t kRate = 44100;
    constexpr double kSeconds = 3.0;
    const auto samples = static_cast<std::uint32_t>(kRate * kSeconds);
    std::vector<char> wav;
    wav.reserve(44 + samples * 2);
    wav.insert(wav.end(), {'R', 'I', 'F', 'F'});
    put32(wav, 36 + samples * 2);
    wav.insert(wav.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
    put32(wav, 16);
    put16(wav, 1);  // PCM
    put16(wav, 1);  // mono
    put32(wav, kRate);
    put32(wav, kRate * 2);
    put16(wav, 2);
    put16(wav, 16);
    wav.insert(wav.end(), {'d', 'a', 't', 'a'});
    put32(wav, samples * 2);
    const double pi = std::acos(-1.0);
    double phase = 0;
    for (std::uint32_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) / kRate;
        const double frequency = 440.0 * std::pow(2.0, t / kSeconds);  // one octave up
        phase += 2 * pi * frequency / kRate;
        const double fade = std::min({1.0, t / 0.1, (kSeconds - t) / 0.3});
        put16(wav,
              static_cast<std::uint16_t>(static_cast<std::int16_t>(std::sin(phase) * fade * 0.5 * 32767)));
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(wav.data(), static_cast<std::streamsize>(wav.size()));
    if (!out) {
        error = "cannot write the test sound to " + file.string();
        return false;
    }
    return true;
}

}  // namespace amanat
