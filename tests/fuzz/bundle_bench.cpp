#include "bundle_bench.hpp"

#include "core/exhibition/bundle_validator.hpp"
#include "core/exhibition/script_languages.hpp"
#include "fuzz_support.hpp"
#include "synthetic_bundle.hpp"

namespace amanat::fuzzing {

namespace {

testing::SyntheticBundleSpec bench_spec() {
    testing::SyntheticBundleSpec spec;
    spec.artifacts = 2;
    spec.sections = 2;
    spec.languages = {"en", "kk", "ru"};
    spec.story_paragraphs = 2;
    spec.media_artifacts = 1;
    return spec;
}

const ScriptLanguages& script_languages() {
    static const ScriptLanguages scripts = [] {
        Diagnostics problems;
        return ScriptLanguages::load(AMANAT_LOCALISATION_DIR, problems);
    }();
    return scripts;
}

}  // namespace

const std::filesystem::path& bench_bundle() {
    static const std::filesystem::path folder = [] {
        const auto made = scratch_folder() / "bundle";
        testing::write_synthetic_bundle(made, bench_spec());
        return made;
    }();
    return folder;
}

void validate_bench_bundle() {
    ValidationOptions options;
    options.scripts = &script_languages();
    const ValidationReport report = validate_bundle(bench_bundle(), options);
    expect_readable(report.diagnostics);
    expect(report.bundle != nullptr || report.diagnostics.has_errors(),
           "a bundle that cannot be read gets no error saying why");
    if (report.bundle) {
        expect(report.coverage.size() == report.bundle->exhibition.languages.size(),
               "the coverage table misses an offered language");
    }
}

}  // namespace amanat::fuzzing
