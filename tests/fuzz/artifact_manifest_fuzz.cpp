// An artifact's artifact.toml, as staff write it, through the kiosk's own reading
// of it (core/exhibition/manifest_reader, core/exhibition/bundle_loader) and on through the validator
// (core/exhibition/bundle_validator): the input is the first artifact's manifest in an
// otherwise valid bundle (bundle_bench.hpp), beside a second, valid artifact.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bundle_bench.hpp"
#include "fuzz_support.hpp"

using namespace amanat;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzzing::bench_bundle();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzzing::write_bytes(fuzzing::bench_bundle() / std::string(fuzzing::kBenchArtifactManifest),
                         fuzzing::text_of(data, size));
    fuzzing::validate_bench_bundle();
    return 0;
}
