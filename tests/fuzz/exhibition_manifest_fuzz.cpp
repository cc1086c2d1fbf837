// exhibition.toml, as staff write it, through the kiosk's own reading of it
// (core/exhibition/manifest_reader, core/exhibition/bundle_loader) and on through the validator
// (core/exhibition/bundle_validator, `amanat pack validate`): the input is the manifest of
// an otherwise valid bundle (bundle_bench.hpp).
#include <cstddef>
#include <cstdint>

#include "bundle_bench.hpp"
#include "fuzz_support.hpp"

using namespace amanat;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzzing::bench_bundle();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzzing::write_bytes(fuzzing::bench_bundle() / "exhibition.toml", fuzzing::text_of(data, size));
    fuzzing::validate_bench_bundle();
    return 0;
}
