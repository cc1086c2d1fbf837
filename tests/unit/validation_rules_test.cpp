// One test per validation rule: a valid bundle broken in exactly one way must give
// exactly the expected diagnostic (file, line, severity, code) with a fix.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/exhibition/script_languages.hpp"
#include "core/files/showable_text.hpp"
#include "validation_fixture.hpp"

using namespace amanat;
using namespace amanat::testing;
using namespace std::string_literals;

namespace {
const char* const kArtifact = BundleFixture::kArtifactManifest;
}

TEST_CASE("validate: the synthetic base bundle has no errors and no warnings") {
    BundleFixture f;
    const auto report = f.validate();
    for (const Diagnostic& d : report.diagnostics.items())
        FAIL_CHECK(d.file << ":" << d.line << " " << d.message);
    CHECK(report.diagnostics.items().empty());
    REQUIRE(report.bundle);
    CHECK(report.bundle->artifacts.size() == 1);
}

TEST_CASE("validate: a TOML syntax error names file, line and column") {
    BundleFixture f;
    f.edit_artifact("order = 0", "order = = 0");
    const auto d = only(f.validate(), "syntax");
    CHECK(d.file == kArtifact);
    CHECK(d.line == line_of(f.artifact, "order = = 0"));
    CHECK(d.column > 0);
    CHECK(d.severity == Severity::Error);
    CHECK_FALSE(d.fix.empty());
}

TEST_CASE("validate: an unknown key suggests the near match") {
    BundleFixture f;
    f.edit_artifact("period.en", "perod.en");
    const auto d = only(f.validate(), "unknown-key");
    CHECK(d.file == kArtifact);
    CHECK(d.line == line_of(f.artifact, "perod.en"));
    CHECK(d.message.find("'perod'") != std::string::npos);
    CHECK(d.fix.find("did you mean 'period'?") != std::string::npos);
}

TEST_CASE("validate: an unknown key far from any known one lists the known keys") {
    BundleFixture f;
    f.edit_exhibition("idle_timeout_seconds = 60", "colour_scheme = \"red\"");
    const auto d = only(f.validate(), "unknown-key");
    CHECK(d.file == "exhibition.toml");
    CHECK(d.line == line_of(f.exhibition, "colour_scheme"));
    CHECK(d.fix.find("languages") != std::string::npos);
}

TEST_CASE("validate: a missing required field") {
    BundleFixture f;
    f.edit_artifact("section = \"section-1\"\n", "");
    const auto d = only(f.validate(), "missing-key");
    CHECK(d.file == kArtifact);
    CHECK(d.message.find("'section'") != std::string::npos);
    CHECK(d.severity == Severity::Error);
}

TEST_CASE("validate: a wrong type names the key, what it must be and what it is") {
    BundleFixture f;
    f.edit_artifact("order = 0", "order = \"first\"");
    const auto d = only(f.validate(), "wrong-type");
    CHECK(d.line == line_of(f.artifact, "order = \"first\""));
    CHECK(d.message == "'order' in artifact.toml must be a whole number, not text");
}

TEST_CASE("validate: two artifacts with one id") {
    BundleFixture f;
    write_file(f.folder.path() / "artifacts/artifact-2/artifact.toml", f.artifact);
    write_file(f.folder.path() / "artifacts/artifact-2/picture.png", tiny_png());
    for (const char* file :
         {"story.en.md", "story.kk.md", "narration.en.ogg", "narration.kk.ogg", "narration.en.md",
          "narration.kk.md", "film.mp4", "film.en.vtt", "film.kk.vtt"}) {
        std::filesystem::copy_file(f.folder.path() / "artifacts/artifact-1" / file,
                                   f.folder.path() / "artifacts/artifact-2" / file);
    }
    const auto d = only(f.validate(), "duplicate-id");
    CHECK(d.file == "artifacts/artifact-2/artifact.toml");
    CHECK(d.line == 1);
    CHECK(d.message.find("artifacts/artifact-1/artifact.toml") != std::string::npos);
}

TEST_CASE("validate: a reference to a missing file") {
    BundleFixture f;
    f.edit_artifact("file = \"picture.png\"", "file = \"picture-front.png\"");
    const auto report = f.validate();
    const auto d = only(report, "missing-file");
    CHECK(d.file == kArtifact);
    CHECK(d.line == line_of(f.artifact, "picture-front.png"));
    CHECK(d.message.find("artifacts/artifact-1/picture-front.png") != std::string::npos);
    // The now unused picture.png is a warning, not an error.
    const auto unused = only(report, "unused-file");
    CHECK(unused.file == "artifacts/artifact-1/picture.png");
    CHECK(unused.severity == Severity::Warning);
}

TEST_CASE("validate: a file no manifest uses is a warning") {
    BundleFixture f;
    f.write("artifacts/artifact-1/old-draft.md", "draft\n");
    const auto report = f.validate();
    const auto d = only(report, "unused-file");
    CHECK(d.file == "artifacts/artifact-1/old-draft.md");
    CHECK(d.severity == Severity::Warning);
    CHECK_FALSE(report.diagnostics.has_errors());
}

TEST_CASE("validate: paths that escape the bundle are refused") {
    SUBCASE("with ..") {
        BundleFixture f;
        f.edit_artifact("file = \"picture.png\"", "file = \"../../secret.png\"");
        const auto d = only(f.validate(), "path-escape");
        CHECK(d.line == line_of(f.artifact, "../../secret.png"));
    }
    SUBCASE("absolute") {
        BundleFixture f;
        f.edit_artifact("file = \"picture.png\"", "file = \"/etc/passwd\"");
        const auto d = only(f.validate(), "path-escape");
        CHECK(d.message.find("absolute") != std::string::npos);
    }
    SUBCASE("a link pointing outside") {
        BundleFixture f;
        TemporaryFolder outside;
        write_file(outside.path() / "secret.png", tiny_png());
        std::filesystem::remove(f.folder.path() / "artifacts/artifact-1/picture.png");
        std::filesystem::create_symlink(outside.path() / "secret.png",
                                        f.folder.path() / "artifacts/artifact-1/picture.png");
        const auto report = f.validate();
        const auto escapes = with_code(report, "path-escape");
        REQUIRE_FALSE(escapes.empty());
        CHECK(escapes.front().file == kArtifact);
        CHECK(escapes.front().line == line_of(f.artifact, "picture.png"));
    }
}

TEST_CASE("validate: invalid UTF-8") {
    SUBCASE("in a story, with its line") {
        BundleFixture f;
        f.write("artifacts/artifact-1/story.kk.md", "## Heading\n\nGood line\nBad \xC0\xAF line\n");
        const auto d = only(f.validate(), "bad-utf8");
        CHECK(d.file == "artifacts/artifact-1/story.kk.md");
        CHECK(d.line == 4);
    }
    SUBCASE("in a manifest") {
        BundleFixture f;
        f.edit_artifact("inventory_number = \"INV 1000\"", "inventory_number = \"INV \xFF\"");
        const auto d = only(f.validate(), "syntax");
        CHECK(d.line == 4);
        CHECK(d.fix.find("UTF-8") != std::string::npos);
    }
}

TEST_CASE("validate: malformed and unknown language tags") {
    SUBCASE("malformed") {
        BundleFixture f;
        f.edit_artifact("period.kk", "period.kazakh");
        const auto d = only(f.validate(), "bad-language-tag");
        CHECK(d.line == line_of(f.artifact, "period.kazakh"));
    }
    SUBCASE("unknown language") {
        BundleFixture f;
        f.edit_artifact("period.kk", "period.qq");
        const auto d = only(f.validate(), "bad-language-tag");
        CHECK(d.message.find("'qq' is not a known language code") != std::string::npos);
    }
    SUBCASE("unknown script") {
        BundleFixture f;
        f.edit_artifact("period.kk", "\"period\".\"kk-Latx\"");
        const auto d = only(f.validate(), "bad-language-tag");
        CHECK(d.message.find("'Latx'") != std::string::npos);
    }
}

TEST_CASE("validate: a language offered but missing from the fallback") {
    BundleFixture f;
    f.edit_exhibition("default = [\"en\"]", "kk = [\"en\"]");
    f.edit_exhibition("languages = [\"en\", \"kk\"]", "languages = [\"en\", \"kk\", \"ru\"]");
    const auto report = f.validate();
    const auto d = only(report, "fallback-missing");
    CHECK(d.file == "exhibition.toml");
    CHECK(d.message.find("reading ru have no fallback") != std::string::npos);
    CHECK(d.fix.find("default = [\"en\"]") != std::string::npos);
}

TEST_CASE("validate: a fallback to a language not offered") {
    BundleFixture f;
    f.edit_exhibition("default = [\"en\"]", "default = [\"de\"]");
    const auto d = only(f.validate(), "fallback-not-offered");
    CHECK(d.line == line_of(f.exhibition, "default = [\"de\"]"));
}

TEST_CASE("validate: a required text no visitor language can reach") {
    BundleFixture f;
    f.edit_artifact("title.en = \"Artifact 1 (en)\"\n", "");
    f.edit_exhibition("default = [\"en\"]", "default = [\"en\"]\nkk = [\"en\"]");
    f.edit_artifact("title.kk = \"Artifact 1 (kk)\"", "title.kk = \"Artifact 1 (kk)\"");
    // Only kk has a title now; en visitors fall back to en only.
    const auto d = only(f.validate(), "no-text-for-language");
    CHECK(d.file == kArtifact);
    CHECK(d.message.find("visitors reading en would see no title") != std::string::npos);
}

TEST_CASE("validate: an unknown section") {
    BundleFixture f;
    f.edit_artifact("section = \"section-1\"", "section = \"costumes\"");
    const auto d = only(f.validate(), "unknown-section");
    CHECK(d.fix.find("section-1") != std::string::npos);
}

TEST_CASE("validate: pictures that cannot be shown") {
    SUBCASE("corrupt") {
        BundleFixture f;
        std::string png = tiny_png(64, 64);
        png.resize(png.size() / 2);
        f.write("artifacts/artifact-1/picture.png", png);
        const auto d = only(f.validate(), "bad-image");
        CHECK(d.file == "artifacts/artifact-1/picture.png");
        CHECK(d.message.find(kArtifact) != std::string::npos);
    }
    SUBCASE("not an image") {
        BundleFixture f;
        f.write("artifacts/artifact-1/picture.png", "just text");
        const auto d = only(f.validate(), "bad-image");
        CHECK(d.message.find("not a JPEG or PNG") != std::string::npos);
    }
    SUBCASE("larger than the limit, found from the header") {
        BundleFixture f;
        f.write("artifacts/artifact-1/picture.png", tiny_png(300, 20));
        ValidationOptions options;
        options.max_image_dimension = 256;
        const auto d = only(f.validate(options), "bad-image");
        CHECK(d.message.find("300x20 pixels") != std::string::npos);
    }
}

TEST_CASE("validate: audio and films that cannot be played") {
    SUBCASE("a truncated film") {
        BundleFixture f;
        std::string mp4 = tiny_mp4();
        mp4.resize(mp4.size() - 4);
        f.write("artifacts/artifact-1/film.mp4", mp4);
        const auto d = only(f.validate(), "bad-media");
        CHECK(d.file == "artifacts/artifact-1/film.mp4");
        CHECK(d.message.find("incomplete") != std::string::npos);
    }
    SUBCASE("a narration that is not audio") {
        BundleFixture f;
        f.write("artifacts/artifact-1/narration.kk.ogg", "not audio at all");
        const auto d = only(f.validate(), "bad-media");
        CHECK(d.file == "artifacts/artifact-1/narration.kk.ogg");
    }
}

TEST_CASE("validate: subtitles with a broken cue name the line") {
    BundleFixture f;
    f.write("artifacts/artifact-1/film.kk.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n\n00:00:03 -> 4\nTwo\n");
    const auto d = only(f.validate(), "bad-subtitles");
    CHECK(d.file == "artifacts/artifact-1/film.kk.vtt");
    CHECK(d.line == 6);
}

TEST_CASE("validate: accessibility warnings per offered language") {
    SUBCASE("a picture without alt text") {
        BundleFixture f;
        f.edit_artifact("alt.kk = \"A drawing (kk)\"\n", "");
        const auto d = only(f.validate(), "missing-alt-text");
        CHECK(d.severity == Severity::Warning);
        CHECK(d.message.find("in kk") != std::string::npos);
    }
    SUBCASE("a film without subtitles") {
        BundleFixture f;
        f.edit_artifact("subtitles.kk = \"film.kk.vtt\"\n", "");
        std::filesystem::remove(f.folder.path() / "artifacts/artifact-1/film.kk.vtt");
        const auto d = only(f.validate(), "missing-subtitles");
        CHECK(d.severity == Severity::Warning);
    }
    SUBCASE("a narration without transcript") {
        BundleFixture f;
        f.edit_artifact("transcript.kk = \"narration.kk.md\"\n", "");
        std::filesystem::remove(f.folder.path() / "artifacts/artifact-1/narration.kk.md");
        const auto d = only(f.validate(), "missing-transcript");
        CHECK(d.severity == Severity::Warning);
        CHECK(d.message.find("kk narration") != std::string::npos);
    }
}

TEST_CASE("validate: survey questions") {
    SUBCASE("an unknown kind suggests the near one") {
        BundleFixture f;
        f.edit_exhibition("kind = \"single\"", "kind = \"singel\"");
        const auto d = only(f.validate(), "bad-value");
        CHECK(d.fix.find("did you mean \"single\"") != std::string::npos);
    }
    SUBCASE("a choice needs two options") {
        BundleFixture f;
        f.edit_exhibition("kind = \"rating\"", "kind = \"multiple\"");
        const auto report = f.validate();
        const auto d = only(report, "missing-key");
        CHECK(d.message.find("'overall'") != std::string::npos);
    }
}

TEST_CASE("validate: a newer format version is refused plainly") {
    BundleFixture f;
    f.edit_exhibition("format = 1", "format = 2");
    const auto report = f.validate();
    const auto d = only(report, "unsupported-format");
    CHECK(d.line == 1);
    CHECK_FALSE(report.bundle);
}

TEST_CASE("validate: an idle timeout out of range") {
    BundleFixture f;
    f.edit_exhibition("idle_timeout_seconds = 60", "idle_timeout_seconds = 5");
    const auto d = only(f.validate(), "out-of-range");
    CHECK(d.line == 5);
}

TEST_CASE("validate: the coverage table counts each language and lists fallbacks") {
    BundleFixture f;
    f.edit_artifact("title.kk = \"Artifact 1 (kk)\"\n", "");
    f.edit_artifact("kk = \"story.kk.md\"\n", "");
    std::filesystem::remove(f.folder.path() / "artifacts/artifact-1/story.kk.md");
    const auto report = f.validate();
    REQUIRE(report.coverage.size() == 2);
    const LanguageCoverage& en = report.coverage[0];
    const LanguageCoverage& kk = report.coverage[1];
    CHECK(en.language == "en");
    CHECK(en.titles == 1);
    CHECK(en.stories == 1);
    CHECK(en.falling_back.empty());
    CHECK(kk.titles == 0);
    CHECK(kk.stories == 0);
    CHECK(kk.narrations == 1);
    CHECK(kk.subtitles == 1);
    CHECK(kk.alt_texts == 1);
    CHECK(kk.falling_back == std::vector<std::string>{"artifact-1"});
}

// Issue 19: a NUL (or any character a kiosk cannot show) in any text staff write
// is an error naming the file and line, and the bundle the loader hands the kiosk
// holds the text without it.
TEST_CASE("validate: a character the kiosk cannot show, in every kind of manifest text, is an error") {
    struct Edit {
        const char* file;
        std::string from, to;
    };
    const std::vector<Edit> edits = {
        {"exhibition.toml", "Synthetic exhibition (en)", "Synthetic\\u0000 exhibition (en)"},
        {"exhibition.toml", "Section 1 (en)", "Section\\u0007 1 (en)"},
        {"exhibition.toml", "How was it? (en)", "How was it?\\u001B (en)"},
        {"exhibition.toml", "friends (en)", "friends\\u0085 (en)"},
        {BundleFixture::kArtifactManifest, "Artifact 1 (en)", "Artifact\\u0000 1 (en)"},
        {BundleFixture::kArtifactManifest, "INV 1000", "INV\\u007F 1000"},
        {BundleFixture::kArtifactManifest, "A drawing (en)", "A drawing\\uFDD0 (en)"},
        {BundleFixture::kArtifactManifest, "A film (en)", "A film\\uFFFF (en)"},
        {BundleFixture::kArtifactManifest, "19th century (en)", "19th\\u0000century (en)"},
    };
    for (const Edit& edit : edits) {
        CAPTURE(edit.to);
        BundleFixture f;
        if (std::string(edit.file) == "exhibition.toml")
            f.edit_exhibition(edit.from, edit.to);
        else
            f.edit_artifact(edit.from, edit.to);
        const ValidationReport report = f.validate();
        const auto d = only(report, "unshowable-character");
        CHECK(d.file == edit.file);
        CHECK(d.line ==
              line_of(edit.file == std::string("exhibition.toml") ? f.exhibition : f.artifact, edit.to));
        CHECK(d.severity == Severity::Error);
        CHECK(d.message.find("U+") != std::string::npos);
        CHECK_FALSE(d.fix.empty());
        CHECK(report.diagnostics.has_errors());
        // What the kiosk would show has no trace of it.
        REQUIRE(report.bundle);
        const std::string clean = edit.from;
        const Exhibition& e = report.bundle->exhibition;
        const Artifact& a = report.bundle->artifacts.at(0);
        const std::string shown =
            *e.title.find("en") + *e.sections.at(0).title.find("en") + *e.survey.at(0).question.find("en") +
            *e.survey.at(1).options.at(0).label.find("en") + *a.title.find("en") + a.inventory_number +
            *a.images.at(0).alt.find("en") + *a.videos.at(0).title.find("en") + *a.period.find("en");
        CHECK_FALSE(find_unshowable(shown));
    }
}

TEST_CASE(
    "validate: a NUL byte or control character in a story, transcript or subtitles names file and line") {
    struct Edit {
        const char* file;
        std::string content;
        int line;
    };
    const std::string dir = "artifacts/artifact-1/";
    const std::vector<Edit> edits = {
        {"story.en.md", "# Heading\n\nA raw NUL \0 in a story.\n"s, 3},
        {"story.kk.md", "Form feed\f here\n"s, 1},
        {"narration.en.md", "What the narrator\x1B says.\n"s, 1},
        {"film.en.vtt", "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nA sub\0title\n"s, 4},
    };
    for (const Edit& edit : edits) {
        CAPTURE(edit.file);
        BundleFixture f;
        f.write(dir + edit.file, edit.content);
        const auto d = only(f.validate(), "unshowable-character");
        CHECK(d.file == dir + edit.file);
        CHECK(d.line == edit.line);
        CHECK(d.severity == Severity::Error);
    }
}

// Issue 23: mistakes with language tags that used to pass as "valid".
TEST_CASE("validate: an offered language with no texts while a close tag has them is an error") {
    BundleFixture f;
    f.edit_exhibition("languages = [\"en\", \"kk\"]", "languages = [\"en\", \"kk-KZ\"]");
    const auto report = f.validate();
    const auto d = only(report, "language-without-texts");
    CHECK(d.severity == Severity::Error);
    CHECK(d.file == "exhibition.toml");
    CHECK(d.line == line_of(f.exhibition, "languages ="));
    CHECK(d.message.find("offers kk-KZ but no text is written in kk-KZ; the texts are in kk") !=
          std::string::npos);
    CHECK(d.fix.find("did you mean kk?") != std::string::npos);
    CHECK(d.fix.find("\"kk\"") != std::string::npos);
    // No fix pointing the wrong way ("add alt.kk-KZ"): the tag is the mistake.
    CHECK(with_code(report, "missing-alt-text").empty());
    CHECK(with_code(report, "missing-subtitles").empty());
    // The texts keyed kk are named too, with the offered tag they are close to.
    const auto unoffered = with_code(report, "text-language-not-offered");
    REQUIRE(unoffered.size() == 2);  // exhibition.toml and the artifact
    for (const Diagnostic& warning : unoffered)
        CHECK(warning.fix.find("did you mean kk-KZ?") != std::string::npos);
}

TEST_CASE("validate: an offered language that falls back to its close tag on purpose is not an error") {
    BundleFixture f;
    f.edit_exhibition("languages = [\"en\", \"kk\"]", "languages = [\"en\", \"kk\", \"kk-KZ\"]");
    f.edit_exhibition("default = [\"en\"]", "default = [\"en\"]\nkk-KZ = [\"kk\", \"en\"]");
    const auto report = f.validate();
    CHECK(with_code(report, "language-without-texts").empty());
}

TEST_CASE("validate: language tags ignore case (kk-latn is kk-Latn, title.KK is title.kk)") {
    BundleFixture f;
    f.edit_exhibition("languages = [\"en\", \"kk\"]", "languages = [\"en\", \"kk\", \"kk-latn\"]");
    f.edit_artifact("title.kk =", "title.KK =");
    Diagnostics rules;
    const ScriptLanguages scripts = ScriptLanguages::load(AMANAT_LOCALISATION_DIR, rules);
    ValidationOptions options;
    options.scripts = &scripts;
    const auto report = f.validate(options);
    for (const Diagnostic& d : report.diagnostics.items())
        FAIL_CHECK(d.file << ":" << d.line << " " << d.message);
    REQUIRE(report.bundle);
    const auto& languages = report.bundle->exhibition.languages;
    CHECK(std::find(languages.begin(), languages.end(), "kk-Latn") != languages.end());
    REQUIRE(report.bundle->artifacts.size() == 1);
    const Artifact& artifact = report.bundle->artifacts.front();
    REQUIRE(artifact.title.find("kk") != nullptr);
    CHECK(*artifact.title.find("kk") == "Artifact 1 (kk)");
    // Written by the kiosk from kk, as for a tag written kk-Latn.
    CHECK(artifact.title.find("kk-Latn") != nullptr);
}

TEST_CASE("validate: one language written twice in different case is a warning") {
    BundleFixture f;
    f.edit_artifact("title.kk = \"Artifact 1 (kk)\"\n",
                    "title.kk = \"Artifact 1 (kk)\"\ntitle.KK = \"Again\"\n");
    const auto d = only(f.validate(), "duplicate-language");
    CHECK(d.severity == Severity::Warning);
    CHECK(d.line == line_of(f.artifact, "title.KK"));
}

TEST_CASE("validate: texts in a language the exhibition does not offer are a warning naming file and line") {
    BundleFixture f;
    f.edit_artifact("title.kk = \"Artifact 1 (kk)\"\n",
                    "title.kk = \"Artifact 1 (kk)\"\ntitle.fr = \"Objet\"\n");
    auto d = only(f.validate(), "text-language-not-offered");
    CHECK(d.severity == Severity::Warning);
    CHECK(d.file == kArtifact);
    CHECK(d.line == line_of(f.artifact, "title.fr"));
    CHECK(d.message.find("in fr (French)") != std::string::npos);
    CHECK(d.fix.find("offer fr") != std::string::npos);

    BundleFixture close;
    close.edit_artifact("title.en = \"Artifact 1 (en)\"\n",
                        "title.en = \"Artifact 1 (en)\"\ntitle.en-GB = \"Artefact\"\n");
    d = only(close.validate(), "text-language-not-offered");
    CHECK(d.line == line_of(close.artifact, "title.en-GB"));
    CHECK(d.fix.find("did you mean en?") != std::string::npos);
}

TEST_CASE("validate: kz and du get a did-you-mean wherever a language tag is wrong") {
    BundleFixture f;
    f.edit_artifact("title.kk =", "title.kz =");
    auto d = only(f.validate(), "bad-language-tag");
    CHECK(d.line == line_of(f.artifact, "title.kz"));
    CHECK(d.fix.find("did you mean kk (Kazakh)?") != std::string::npos);
    CHECK(d.fix.find("country code of Kazakhstan") != std::string::npos);

    BundleFixture offered;
    offered.edit_exhibition("languages = [\"en\", \"kk\"]", "languages = [\"en\", \"kk\", \"du\"]");
    d = only(offered.validate(), "bad-language-tag");
    CHECK(d.line == line_of(offered.exhibition, "languages ="));
    CHECK(d.fix.find("did you mean nl (Dutch)?") != std::string::npos);

    BundleFixture fallback;
    fallback.edit_exhibition("default = [\"en\"]", "default = [\"en\"]\nkk = [\"kz\", \"en\"]");
    d = only(fallback.validate(), "bad-language-tag");
    CHECK(d.fix.find("did you mean kk (Kazakh)?") != std::string::npos);
}
