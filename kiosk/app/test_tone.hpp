#pragma once

#include <filesystem>
#include <string>

namespace amanat {

// Writes staff's test sound to `file`: three seconds of a tone rising from 440
// to 880 Hz, faded in and out, as a 16-bit mono WAV, made here so that the test
// does not depend on what the exhibition happens to contain. False with
// `error` naming the file when it cannot be written.
bool write_test_tone(const std::filesystem::path& file, std::string& error);

}  // namespace amanat
