#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "synthetic_bundle.hpp"

namespace amanat::fuzzing {

const std::filesystem::path& scratch_folder() {
    // A function-local static: destroyed (and the folder removed) when libFuzzer
    // exits after its last run, or when a replay's main returns.
    static const testing::TemporaryFolder folder;
    return folder.path();
}

void write_bytes(const std::filesystem::path& file, std::string_view bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

void expect(bool holds, const char* what) {
    if (holds) return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

void expect_readable(const Diagnostics& diagnostics) {
    for (const Diagnostic& problem : diagnostics.items()) {
        expect(!problem.file.empty(), "a problem is reported without a file name");
        expect(!problem.message.empty(), "a problem is reported without a message");
        expect(problem.line >= 0 && problem.column >= 0,
               "a problem is reported at a negative line or column");
    }
}

}  // namespace amanat::fuzzing
