// One mistake, one finding, first: a bundle broken in one way gives the error at
// the mistake's place, and not the findings that only follow from it, least of
// all fixes that would delete or undo content that is fine.
#include <doctest/doctest.h>

#include "core/exhibition/validation_report.hpp"
#include "validation_fixture.hpp"

using namespace amanat;
using namespace amanat::testing;

namespace {

const char* const kArtifact = BundleFixture::kArtifactManifest;

std::string listing(const ValidationReport& report) {
    std::string all;
    for (const Diagnostic& d : report.diagnostics.items())
        all += d.file + ":" + std::to_string(d.line) + " " + d.code + " " + d.message + " / " + d.fix + "\n";
    return all;
}

// The report's only error; fails when there is not exactly one.
Diagnostic only_error(const ValidationReport& report) {
    std::vector<Diagnostic> errors;
    for (const Diagnostic& d : report.diagnostics.items())
        if (d.severity == Severity::Error) errors.push_back(d);
    REQUIRE_MESSAGE(errors.size() == 1, "expected one error, report was:\n" << listing(report));
    return errors.front();
}

// No fix in the report tells staff to remove or delete something.
void check_no_fix_removes(const ValidationReport& report) {
    for (const Diagnostic& d : report.diagnostics.items()) {
        INFO(d.file << ":" << d.line << " " << d.message << " / " << d.fix);
        CHECK(d.fix.find("remove") == std::string::npos);
        CHECK(d.fix.find("delete") == std::string::npos);
    }
}

}  // namespace

TEST_CASE(
    "root cause: an artifact.toml with a syntax error leaves its artifact out, and its files unjudged") {
    BundleFixture f;
    f.edit_artifact("title.en = \"Artifact 1 (en)\"", "title.en = \u201CArtifact 1\u201D");
    const auto report = f.validate();
    const auto d = only_error(report);
    CHECK(d.code == "syntax");
    CHECK(d.file == kArtifact);
    // Its story, pictures, narration and film are not "used by no manifest".
    CHECK(with_code(report, "unused-file").empty());
    check_no_fix_removes(report);
    REQUIRE(report.left_out.size() == 1);
    CHECK(report.left_out[0].manifest == kArtifact);
    const std::string text = format_report_text(report);
    CHECK(text.find("0 artifacts (1 more left out: see the end)") != std::string::npos);
    CHECK(text.find(
              "The artifact in artifacts/artifact-1 is left out of the exhibition until the error there is "
              "fixed") != std::string::npos);
    CHECK(format_report_json(report).find("\"left_out\"") != std::string::npos);
}

TEST_CASE(
    "root cause: languages misspelt is one error, and the correct [fallback] and texts are left alone") {
    BundleFixture f;
    f.edit_exhibition("languages = [", "langauges = [");
    const auto report = f.validate();
    const auto d = only_error(report);
    CHECK(d.code == "unknown-key");
    CHECK(d.line == line_of(f.exhibition, "langauges"));
    CHECK(d.fix.find("did you mean 'languages'?") != std::string::npos);
    CHECK(report.diagnostics.warning_count() == 0);  // no "texts in a language not offered: remove them"
    for (const Diagnostic& w : report.diagnostics.items())
        CHECK(w.code.find("fallback") == std::string::npos);
}

TEST_CASE("root cause: a misspelt title key is the one error, at its line, with the key it means") {
    BundleFixture f;  // title.en misspelt, title.kk right: en visitors would see no title
    f.edit_artifact("title.en = ", "tittle.en = ");
    const auto report = f.validate();
    const auto d = only_error(report);
    CHECK(d.code == "unknown-key");
    CHECK(d.file == kArtifact);
    CHECK(d.line == line_of(f.artifact, "tittle.en"));
    CHECK(d.fix.starts_with("did you mean 'title'? Rename tittle to title"));
    CHECK(with_code(report, "no-text-for-language").empty());

    BundleFixture alone;  // every title misspelt: the artifact is left out, its files not unused
    alone.edit_artifact("title.en = ", "tittle.en = ");
    alone.edit_artifact("title.kk = ", "tittle.kk = ");
    const auto left = alone.validate();
    CHECK(with_code(left, "missing-key").empty());
    CHECK(with_code(left, "unused-file").empty());
    REQUIRE(left.left_out.size() == 1);
    CHECK(left.left_out[0].reason == "it has no title");
}

TEST_CASE("root cause: a top-level key below a table heading is told to move up, never to go") {
    for (const char* key : {"order = 0", "section = \"section-1\"", "inventory_number = \"INV 1000\""}) {
        CAPTURE(key);
        BundleFixture f;
        f.edit_artifact(std::string(key) + "\n", "");
        f.edit_artifact("file = \"picture.png\"\n", "file = \"picture.png\"\n" + std::string(key) + "\n");
        const auto report = f.validate();
        const auto d = only_error(report);
        CHECK(d.code == "misplaced-key");
        CHECK(d.line == line_of(f.artifact, std::string("picture.png\"\n") + key) + 1);
        CHECK(d.message.find("belongs at the top of the file") != std::string::npos);
        CHECK(d.message.find("[[images]] number 1") != std::string::npos);
        CHECK(d.fix == "move it above the first [table] heading (line " +
                           std::to_string(line_of(f.artifact, "[story]")) + ")");
        check_no_fix_removes(report);
    }
}

TEST_CASE("root cause: a key of another table, or of the top, under a language map or the fallback table") {
    BundleFixture alt;  // alt.en written under [narration]: it belongs to a picture
    alt.edit_artifact("[narration]\n", "[narration]\nalt.fr = \"A drawing\"\n");
    const auto a = only_error(alt.validate());
    CHECK(a.code == "misplaced-key");
    CHECK(a.message == "`alt` belongs in [[images]], not in [narration]");

    BundleFixture story;  // order written after [story], whose keys are languages
    story.edit_artifact("order = 0\n", "");
    story.edit_artifact("[story]\n", "[story]\norder = 0\n");
    const auto s = only_error(story.validate());
    CHECK(s.code == "misplaced-key");
    CHECK(s.message.find("part of [story]") != std::string::npos);

    BundleFixture languages;  // languages written after [fallback]
    languages.edit_exhibition("languages = [\"en\", \"kk\"]\n", "");
    languages.edit_exhibition("[fallback]\n", "[fallback]\nlanguages = [\"en\", \"kk\"]\n");
    const auto report = languages.validate();
    const auto l = only_error(report);
    CHECK(l.code == "misplaced-key");
    CHECK(l.line == line_of(languages.exhibition, "languages = "));
    CHECK(report.diagnostics.warning_count() == 0);
}

TEST_CASE("root cause: a key valid nowhere is kept as a note, not removed") {
    BundleFixture f;
    f.edit_artifact("order = 0", "curator_note = \"ask Aigerim about the strings\"");
    const auto d = only(f.validate(), "unknown-key");
    CHECK(d.fix.find("put # at the start of its line") != std::string::npos);
}

TEST_CASE("root cause: the fallback or sections table misspelt is one error") {
    BundleFixture fallback;
    fallback.edit_exhibition("[fallback]", "[fallbak]");
    CHECK(only_error(fallback.validate()).fix.find("did you mean 'fallback'?") != std::string::npos);

    BundleFixture sections;
    sections.edit_exhibition("[[sections]]", "[[section]]");
    const auto report = sections.validate();
    CHECK(only_error(report).fix.find("did you mean 'sections'?") != std::string::npos);
    CHECK(with_code(report, "unknown-section").empty());
}

TEST_CASE(
    "root cause: a file named in other upper and lower case is the one error, and the file is not unused") {
    BundleFixture f;
    f.edit_artifact("file = \"picture.png\"", "file = \"Picture.PNG\"");
    const auto report = f.validate();
    const auto d = only_error(report);
    CHECK(d.code == "missing-file");
    CHECK(d.line == line_of(f.artifact, "Picture.PNG"));
    CHECK(d.message.find("differ only in upper and lower case") != std::string::npos);
    CHECK(d.message.find("Windows and macOS") != std::string::npos);
    CHECK(d.fix.starts_with("write \"picture.png\""));
    CHECK(with_code(report, "unused-file").empty());

    BundleFixture typo;
    typo.edit_artifact("file = \"picture.png\"", "file = \"pictrue.png\"");
    const auto t = typo.validate();
    CHECK(only_error(t).message.find("the folder has picture.png") != std::string::npos);
    CHECK(with_code(t, "unused-file").empty());
}

TEST_CASE("root cause: a folder whose artifact.toml is misnamed is told to rename it") {
    BundleFixture f;
    std::filesystem::rename(f.folder.path() / kArtifact,
                            f.folder.path() / "artifacts/artifact-1/artifact.toml.txt");
    const auto report = f.validate();
    const auto d = only(report, "missing-file");
    CHECK(d.fix.starts_with("rename artifact.toml.txt to artifact.toml"));
    CHECK(with_code(report, "unused-file").empty());
    check_no_fix_removes(report);
}

TEST_CASE("root cause: an unused file is told how to be used, and moved out rather than deleted") {
    BundleFixture f;
    f.write("artifacts/artifact-1/story.fr.md", "Une histoire.\n");
    const auto d = only(f.validate(), "unused-file");
    CHECK(d.fix.starts_with(
        "to show it, add fr = \"story.fr.md\" under [story] in artifacts/artifact-1/artifact.toml"));
    CHECK(d.fix.find("move it out of the bundle's folder") != std::string::npos);
}

TEST_CASE("root cause: Markdown a kiosk does not show is named by its line, with a fix that keeps it") {
    BundleFixture f;
    f.write("artifacts/artifact-1/story.en.md",
            "A paragraph.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![](detail.jpg)\n");
    const auto report = f.validate();
    const auto notes = with_code(report, "not-shown");
    REQUIRE(notes.size() == 2);
    for (const Diagnostic& d : notes) {
        CHECK(d.line > 0);
        CHECK(d.fix.find("remove it") == std::string::npos);
    }
    CHECK(notes[0].line == 3);  // the table
    CHECK(notes[1].line == 7);  // the picture without words
}

TEST_CASE("root cause: a name an editor gave .txt, or capitals, is told to be renamed") {
    BundleFixture exhibition;
    std::filesystem::rename(exhibition.folder.path() / "exhibition.toml",
                            exhibition.folder.path() / "exhibition.toml.txt");
    const auto e = only_error(exhibition.validate());
    CHECK(e.message.find("added .txt") != std::string::npos);
    CHECK(e.fix.starts_with("rename exhibition.toml.txt to exhibition.toml"));

    BundleFixture capital;
    std::filesystem::rename(capital.folder.path() / kArtifact,
                            capital.folder.path() / "artifacts/artifact-1/Artifact.toml");
    CHECK(only(capital.validate(), "missing-file").fix.starts_with("rename Artifact.toml to artifact.toml"));

    BundleFixture story;
    std::filesystem::rename(story.folder.path() / "artifacts/artifact-1/story.en.md",
                            story.folder.path() / "artifacts/artifact-1/story.en.md.txt");
    const auto report = story.validate();
    CHECK(only_error(report).fix.starts_with("rename story.en.md.txt to story.en.md"));
    CHECK(with_code(report, "unused-file").empty());
}

TEST_CASE("root cause: a picture from a phone or a web page is named for what it is") {
    BundleFixture heic;
    heic.write("artifacts/artifact-1/picture.png", std::string("\0\0\0\x18"
                                                               "ftypheic\0\0\0\0mif1heic",
                                                               24));
    const auto h = only(heic.validate(), "bad-image");
    CHECK(h.message.find("a HEIC picture (as iPhones save photos)") != std::string::npos);
    CHECK(h.fix.starts_with("export it as a JPEG"));

    BundleFixture webp;
    webp.write("artifacts/artifact-1/picture.png", std::string("RIFF\x10\0\0\0WEBPVP8 ", 16));
    CHECK(only(webp.validate(), "bad-image").message.find("a WebP picture") != std::string::npos);
}

TEST_CASE(
    "root cause: an offered language no text is written in is an error, unless its fallback line says so") {
    BundleFixture f;
    f.edit_exhibition("languages = [\"en\", \"kk\"]", "languages = [\"en\", \"kk\", \"es\"]");
    const auto report = f.validate();
    const auto d = only(report, "language-without-texts");
    CHECK(d.severity == Severity::Error);
    CHECK(d.line == line_of(f.exhibition, "languages = "));
    CHECK(d.message.find("offers es (Spanish), but no text is written in es") != std::string::npos);
    CHECK(d.message.find("would read every text in en") != std::string::npos);
    CHECK_FALSE(format_report_text(report).find("the bundle is valid") != std::string::npos);

    BundleFixture on_purpose;  // Spanish visitors get the English texts, as staff decided
    on_purpose.edit_exhibition("languages = [\"en\", \"kk\"]", "languages = [\"en\", \"kk\", \"es\"]");
    on_purpose.edit_exhibition("default = [\"en\"]", "default = [\"en\"]\nes = [\"en\"]");
    CHECK(with_code(on_purpose.validate(), "language-without-texts").empty());
}
