#pragma once

#include <doctest/doctest.h>

#include <string>

#include "core/exhibition/bundle_validator.hpp"
#include "synthetic_bundle.hpp"

namespace amanat::testing {

// A valid one-artifact bundle in a temporary folder that a test breaks in one way,
// then validates. The artifact's folder is artifacts/artifact-1.
struct BundleFixture {
    SyntheticBundleSpec spec;
    TemporaryFolder folder;
    std::string exhibition = synthetic_exhibition_toml(spec);
    std::string artifact = synthetic_artifact_toml(spec, 0);
    static constexpr const char* kArtifactManifest = "artifacts/artifact-1/artifact.toml";

    BundleFixture() { write_synthetic_bundle(folder.path(), spec); }

    void write(const std::string& relative, const std::string& content) {
        write_file(folder.path() / relative, content);
    }
    // Replaces `from` (which must occur) by `to` in the artifact's manifest.
    void edit_artifact(const std::string& from, const std::string& to) {
        edit(artifact, kArtifactManifest, from, to);
    }
    void edit_exhibition(const std::string& from, const std::string& to) {
        edit(exhibition, "exhibition.toml", from, to);
    }

    ValidationReport validate(const ValidationOptions& options = {}) const {
        return validate_bundle(folder.path(), options);
    }

  private:
    void edit(std::string& text, const std::string& file, const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
        text.replace(at, from.size(), to);
        write(file, text);
    }
};

// The 1-based line on which `needle` first occurs in `text`.
inline int line_of(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE_MESSAGE(at != std::string::npos, "not found: " << needle);
    int line = 1;
    for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n' ? 1 : 0;
    return line;
}

// All diagnostics with this code.
inline std::vector<Diagnostic> with_code(const ValidationReport& report, const std::string& code) {
    std::vector<Diagnostic> found;
    for (const Diagnostic& d : report.diagnostics.items()) {
        if (d.code == code) found.push_back(d);
    }
    return found;
}

// The single diagnostic with this code; fails the test if there is not exactly one.
inline Diagnostic only(const ValidationReport& report, const std::string& code) {
    const auto found = with_code(report, code);
    std::string all;
    for (const Diagnostic& d : report.diagnostics.items())
        all += d.file + ":" + std::to_string(d.line) + " " + d.code + " " + d.message + "\n";
    REQUIRE_MESSAGE(found.size() == 1, "expected one '" << code << "' diagnostic, report was:\n" << all);
    return found.front();
}

}  // namespace amanat::testing
