// How long loading and validating bundles takes: the sample exhibition, and a
// synthetic bundle of 500 artifacts in 6 languages (text only), the size the
// content-bundle issue sets ("well under a second").
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "core/exhibition/bundle_loader.hpp"
#include "core/exhibition/bundle_validator.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;

namespace {

// Written once per process, on first use.
const std::filesystem::path& large_bundle() {
    static testing::TemporaryFolder folder;
    static const std::filesystem::path path = [] {
        testing::SyntheticBundleSpec spec;
        spec.artifacts = 500;
        spec.sections = 10;
        spec.languages = {"en", "kk", "ru", "nl", "tr", "ko"};
        spec.media_artifacts = 0;
        const std::filesystem::path p = folder.path() / "large";
        testing::write_synthetic_bundle(p, spec);
        return p;
    }();
    return path;
}

void require_valid(benchmark::State& state, const LoadedBundle& loaded) {
    if (!loaded.bundle || loaded.diagnostics.has_errors())
        state.SkipWithError("the bundle did not load cleanly");
}

void load_sample(benchmark::State& state) {
    for (auto _ : state) {
        LoadedBundle loaded = load_bundle(AMANAT_SAMPLE_BUNDLE);
        require_valid(state, loaded);
        benchmark::DoNotOptimize(loaded);
    }
}
BENCHMARK(load_sample)->Unit(benchmark::kMillisecond);

void load_500_artifacts_6_languages(benchmark::State& state) {
    const auto& path = large_bundle();
    for (auto _ : state) {
        LoadedBundle loaded = load_bundle(path);
        require_valid(state, loaded);
        state.counters["artifacts"] =
            static_cast<double>(loaded.bundle ? loaded.bundle->artifacts.size() : 0);
        benchmark::DoNotOptimize(loaded);
    }
}
BENCHMARK(load_500_artifacts_6_languages)->Unit(benchmark::kMillisecond);

// Everything `amanat pack validate` does, media probes and image decodes included.
void validate_sample(benchmark::State& state) {
    for (auto _ : state) {
        ValidationReport report = validate_bundle(AMANAT_SAMPLE_BUNDLE);
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(validate_sample)->Unit(benchmark::kMillisecond);

void validate_500_artifacts_6_languages(benchmark::State& state) {
    const auto& path = large_bundle();
    for (auto _ : state) {
        ValidationReport report = validate_bundle(path);
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(validate_500_artifacts_6_languages)->Unit(benchmark::kMillisecond);

}  // namespace
