#pragma once

// What the fuzz targets share (tests/fuzz, docs/FUZZING.md): each target is one
// LLVMFuzzerTestOneInput, built against libFuzzer in the fuzz build and against
// replay_main.cpp in the regular one.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/files/diagnostics.hpp"

namespace amanat::fuzzing {

// The input as text: a file on a USB stick may hold any bytes at all.
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A folder of this process's own in the temporary folder ($TMPDIR), made on first
// use and removed at exit. The targets write their input there when the code
// under test reads files rather than text.
const std::filesystem::path& scratch_folder();

// Writes `bytes` to `file`, replacing it (no fsync: it is read back at once).
void write_bytes(const std::filesystem::path& file, std::string_view bytes);

// Aborts, naming `what`, when an invariant of a parser's result does not hold:
// libFuzzer then reports the input as a finding, like a crash.
void expect(bool holds, const char* what);

// What staff are promised of every problem reported: it names a file (with a
// line and column that are not negative) and says what is wrong.
void expect_readable(const Diagnostics& diagnostics);

}  // namespace amanat::fuzzing
