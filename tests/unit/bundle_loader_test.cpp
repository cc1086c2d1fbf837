#include <doctest/doctest.h>

#include <string>

#include "core/exhibition/bundle_loader.hpp"
#include "core/exhibition/bundle_validator.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;

TEST_CASE("sample exhibition: validates with no errors") {
    const auto report = validate_bundle(AMANAT_SAMPLE_BUNDLE);
    for (const Diagnostic& d : report.diagnostics.items()) {
        if (d.severity == Severity::Error) FAIL_CHECK(d.file << ":" << d.line << ": " << d.message);
    }
    REQUIRE(report.bundle);
    const Bundle& bundle = *report.bundle;
    CHECK(bundle.exhibition.id == "continuity-of-traditions");
    CHECK(bundle.artifacts.size() >= 12);
    CHECK(bundle.exhibition.sections.size() >= 3);
    CHECK(bundle.exhibition.languages.front() == "en");
}

TEST_CASE("sample exhibition: five complete languages, Korean in part so that fallback shows") {
    const auto loaded = load_bundle(AMANAT_SAMPLE_BUNDLE);
    REQUIRE(loaded.bundle);
    int korean_titles = 0;
    for (const Artifact& artifact : loaded.bundle->artifacts) {
        for (const char* language : {"en", "kk", "ru", "nl", "tr"}) {
            CAPTURE(artifact.id);
            CAPTURE(language);
            CHECK(artifact.title.find(language) != nullptr);
            CHECK(artifact.story.find(language) != nullptr);
        }
        korean_titles += artifact.title.find("ko") != nullptr ? 1 : 0;
    }
    CHECK(korean_titles >= 3);
    CHECK(korean_titles < static_cast<int>(loaded.bundle->artifacts.size()));
}

TEST_CASE("loader: artifacts come in gallery order: section, then order, then id") {
    amanat::testing::TemporaryFolder folder;
    amanat::testing::SyntheticBundleSpec spec;
    spec.artifacts = 6;
    spec.sections = 2;
    amanat::testing::write_synthetic_bundle(folder.path(), spec);
    const auto loaded = load_bundle(folder.path());
    REQUIRE(loaded.bundle);
    std::string order;
    for (const Artifact& artifact : loaded.bundle->artifacts) order += artifact.id.substr(9) + " ";
    // Artifacts 1, 3, 5 are in section-1; 2, 4, 6 in section-2.
    CHECK(order == "1 3 5 2 4 6 ");
    CHECK(loaded.bundle->find_artifact("artifact-4") != nullptr);
    CHECK(loaded.bundle->find_artifact("nope") == nullptr);
}

TEST_CASE("loader: file references are bundle-relative and fields are read") {
    amanat::testing::TemporaryFolder folder;
    amanat::testing::write_synthetic_bundle(folder.path(), {});
    const auto loaded = load_bundle(folder.path());
    REQUIRE(loaded.bundle);
    const Artifact& artifact = loaded.bundle->artifacts.at(0);
    CHECK(artifact.manifest == "artifacts/artifact-1/artifact.toml");
    CHECK(*artifact.story.find("kk") == "artifacts/artifact-1/story.kk.md");
    CHECK(artifact.images.at(0).file == "artifacts/artifact-1/picture.png");
    CHECK(artifact.videos.at(0).captions);
    CHECK(*artifact.narration.audio.find("en") == "artifacts/artifact-1/narration.en.ogg");
    CHECK(artifact.inventory_number == "INV 1000");
    const Exhibition& exhibition = loaded.bundle->exhibition;
    CHECK(exhibition.idle_timeout_seconds == 60);
    CHECK(exhibition.attract_images == std::vector<std::string>{"attract/one.jpg"});
    REQUIRE(exhibition.survey.size() == 2);
    CHECK(exhibition.survey[1].kind == QuestionKind::SingleChoice);
    CHECK(exhibition.survey[1].options.size() == 2);
}

TEST_CASE("loader: a folder that does not exist gives one clear error") {
    const auto loaded = load_bundle("/nonexistent/bundle");
    CHECK_FALSE(loaded.bundle);
    REQUIRE(loaded.diagnostics.items().size() == 1);
    CHECK(loaded.diagnostics.items()[0].code == "no-bundle");
}
