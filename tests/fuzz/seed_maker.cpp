// amanat-fuzz-seeds OUT: every fuzz target's seed corpus, in OUT/<target>/, made
// from the sample exhibition and the repository's own files (manifests, stories,
// subtitles, catalogs, the example kiosk.toml, the TOML examples of
// content/FORMAT.md) and generated from them where a target reads what nothing
// in the repository is (packs, signatures, feedback files). tests/fuzz/run makes
// the corpora with it; ctest replays its output (tests/fuzz/CMakeLists.txt).
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "feedback_file.hpp"
#include "pack/content_hash.hpp"
#include "pack/pack_manifest.hpp"
#include "pack/packs.hpp"
#include "pack/signing_key.hpp"
#include "store/feedback_archive.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = AMANAT_SOURCE_DIR;
const fs::path kSample = AMANAT_SAMPLE_BUNDLE;

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes one seed; its name says where it came from.
class Corpus {
  public:
    Corpus(fs::path out, std::string target) : m_folder(std::move(out) / target) {
        fs::create_directories(m_folder);
    }
    void add(const std::string& name, const std::string& bytes) {
        testing::write_file(m_folder / name, bytes);
        ++m_count;
    }
    // A repository file, named by its path ("content_continuity-of-traditions_...").
    void copy(const fs::path& file) {
        std::string name = file.lexically_relative(kSource).generic_string();
        std::replace(name.begin(), name.end(), '/', '_');
        add(name, read(file));
    }
    int count() const { return m_count; }

  private:
    fs::path m_folder;
    int m_count = 0;
};

// Files under `folder` whose names end with `suffix`, sorted.
std::vector<fs::path> files_ending(const fs::path& folder, const std::string& suffix) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().string().ends_with(suffix)) found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    return found;
}

// The ```toml blocks of a Markdown file: the examples staff copy from.
std::vector<std::string> toml_examples(const fs::path& markdown) {
    const std::string text = read(markdown);
    const std::string opening = "```toml\n";
    std::vector<std::string> examples;
    for (std::size_t start = text.find(opening); start != std::string::npos;
         start = text.find(opening, start)) {
        start += opening.size();
        const std::size_t end = text.find("```", start);
        if (end == std::string::npos) break;
        examples.push_back(text.substr(start, end - start));
        start = end + 3;
    }
    return examples;
}

testing::SyntheticBundleSpec small_spec() {
    testing::SyntheticBundleSpec spec;
    spec.artifacts = 2;
    spec.languages = {"en", "kk", "ru"};
    spec.story_paragraphs = 1;
    return spec;
}

void manifests(const fs::path& out) {
    Corpus exhibition(out, "exhibition_manifest");
    Corpus artifact(out, "artifact_manifest");
    exhibition.copy(kSample / "exhibition.toml");
    for (const fs::path& file : files_ending(kSample / "artifacts", "/artifact.toml")) artifact.copy(file);
    const auto spec = small_spec();
    exhibition.add("synthetic.toml", testing::synthetic_exhibition_toml(spec));
    artifact.add("synthetic-with-media.toml", testing::synthetic_artifact_toml(spec, 0));
    artifact.add("synthetic.toml", testing::synthetic_artifact_toml(spec, 1));
    int n = 0;
    for (const std::string& example : toml_examples(kSource / "content" / "FORMAT.md")) {
        const std::string name = "FORMAT.md-example-" + std::to_string(++n) + ".toml";
        exhibition.add(name, example);
        artifact.add(name, example);
    }
}

void texts(const fs::path& out) {
    Corpus story(out, "story");
    for (const fs::path& file : files_ending(kSample, ".md")) story.copy(file);
    for (const char* doc : {"README.md", "content/FORMAT.md", "docs/PACKS.md", "docs/FEEDBACK-SCHEMA.md"})
        story.copy(kSource / doc);

    Corpus subtitles(out, "subtitles");
    for (const fs::path& file : files_ending(kSample, ".vtt")) {
        subtitles.copy(file);
        // The same cues as SubRip: numbered, commas before the milliseconds.
        const std::string vtt = read(file);
        std::string srt;
        int cue = 0;
        const std::regex timing("(\\d\\d:\\d\\d:\\d\\d)\\.(\\d{3}) --> (\\d\\d:\\d\\d:\\d\\d)\\.(\\d{3})");
        for (std::size_t start = vtt.find("\n\n"); start != std::string::npos;) {
            const std::size_t end = vtt.find("\n\n", start + 2);
            const std::string block = vtt.substr(start + 2, end == std::string::npos ? end : end - start - 2);
            if (!block.empty())
                srt += std::to_string(++cue) + "\n" + std::regex_replace(block, timing, "$1,$2 --> $3,$4") +
                       "\n\n";
            start = end;
        }
        subtitles.add(file.stem().string() + ".srt", srt);
    }

    Corpus catalog(out, "catalog");
    for (const fs::path& file : files_ending(kSource / "localisation", ".po")) catalog.copy(file);
    catalog.copy(kSource / "localisation" / "amanat.pot");

    Corpus config(out, "kiosk_config");
    config.copy(kSource / "packaging" / "kiosk.toml");
    // The same with every setting it shows switched on.
    config.add("kiosk.toml-every-setting", std::regex_replace(read(kSource / "packaging" / "kiosk.toml"),
                                                              std::regex("\n# ([a-z_]+ = )"), "\n$1"));
    int n = 0;
    for (const std::string& example : toml_examples(kSource / "content" / "FORMAT.md"))
        config.add("FORMAT.md-example-" + std::to_string(++n) + ".toml", example);
}

// The manifest `amanat pack build` would write for `bundle`.
pack::PackManifest manifest_of(const fs::path& bundle, const std::string& id) {
    pack::PackManifest manifest;
    manifest.bundle_id = id;
    manifest.bundle_version = "2026.11.1";
    manifest.created = "2026-11-30T14:05:09Z";
    manifest.created_by = "amanat 0.1.0";
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(bundle))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        const std::string bytes = read(file);
        manifest.files.push_back({file.lexically_relative(bundle).generic_string(),
                                  static_cast<long long>(bytes.size()), pack::ContentHash::of(bytes)});
        manifest.total_bytes += static_cast<long long>(bytes.size());
    }
    return manifest;
}

void packs(const fs::path& out, const fs::path& work) {
    const fs::path bundle = work / "bundle";
    testing::write_synthetic_bundle(bundle, small_spec());
    const pack::SigningKey key = pack::SigningKey::generate();

    Corpus manifest(out, "pack_manifest");
    const std::string synthetic = pack::manifest_json(manifest_of(bundle, "synthetic"));
    manifest.add("synthetic.json", synthetic);
    manifest.add("continuity-of-traditions.json",
                 pack::manifest_json(manifest_of(kSample, "continuity-of-traditions")));
    manifest.add("empty.json", pack::manifest_json(pack::PackManifest{1, "empty", "1", "", "", 0, {}}));

    Corpus signature(out, "pack_signature");
    signature.add("amanat-pack.sig", pack::signature_json(key.sign(synthetic)));
    signature.add("public-key", pack::public_key_text(key.public_key()) + "\n");
    signature.add("signing-key", key.file_text());

    Corpus archive(out, "pack_archive");
    const fs::path key_file = work / "signing-key";
    testing::write_file(key_file, key.file_text());
    for (const bool signed_pack : {false, true}) {
        const fs::path file = work / (signed_pack ? "signed.amanat" : "unsigned.amanat");
        ValidationReport report;
        std::string error;
        if (!pack::build_pack(bundle, file, signed_pack ? std::optional(key_file) : std::nullopt, {}, report,
                              error))
            throw std::runtime_error("cannot build a pack: " + error);
        archive.add(file.filename().string(), read(file));
    }
}

// A visit as the kiosk records it: its start, a language, a view, a rating, an
// answer and its end.
fuzzing::FeedbackRecipe a_visit(fuzzing::FeedbackSchema schema) {
    using fuzzing::FeedbackTableName;
    fuzzing::FeedbackRecipe recipe(schema);
    const auto provenance = [&](fuzzing::FeedbackTableName table) -> fuzzing::FeedbackRecipe& {
        return recipe.row(table)
            .null()
            .word("kiosk-hall")
            .word("Main hall")
            .word("continuity-of-traditions")
            .text("2026.11.1")
            .word("9f86d081884c7d659a2feaa0c55ad015");
    };
    long long at = 1'767'258'000;
    int sequence = 0;
    for (const auto& [kind, subject, value] :
         std::vector<std::tuple<const char*, const char*, long long>>{{"session_start", "", 0},
                                                                      {"language", "kk", 0},
                                                                      {"artifact_view", "kobyz", 41'000},
                                                                      {"film", "kobyz/playing", 80},
                                                                      {"session_end", "finished", 190'000}}) {
        provenance(FeedbackTableName::engagement)
            .integer(++sequence)
            .word(kind)
            .word(subject)
            .integer(value)
            .integer(at += 30)
            .integer(300);
    }
    provenance(FeedbackTableName::reactions).word("kobyz").integer(5).word("kk").integer(at).integer(300);
    provenance(FeedbackTableName::survey_answers)
        .word("heard")
        .word("friends")
        .word("kk")
        .integer(at)
        .integer(300);
    return recipe;
}

void feedback(const fs::path& out, const fs::path& work) {
    Corpus corpus(out, "feedback_archive");
    const fs::path latest = work / "latest.sqlite";
    store::MergeCounts added;
    std::string error;
    if (!store::merge_feedback(latest, {}, added, error)) throw std::runtime_error(error);
    for (const auto schema : {fuzzing::FeedbackSchema::first_release, fuzzing::FeedbackSchema::latest,
                              fuzzing::FeedbackSchema::unconstrained}) {
        const std::string recipe = a_visit(schema).bytes();
        const std::string name = "schema-" + std::to_string(static_cast<int>(schema));
        corpus.add(name + ".recipe", recipe);
        // The file itself too, in small pages: fewer bytes for the same rows.
        const fs::path file = work / (name + ".sqlite");
        if (!fuzzing::build_feedback_file(file, schema, std::string_view(recipe).substr(1), latest))
            throw std::runtime_error("cannot build " + file.string());
        sqlite3* db = nullptr;
        sqlite3_open(file.c_str(), &db);
        sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM", nullptr, nullptr,
                     nullptr);
        sqlite3_close(db);
        corpus.add(name + ".sqlite", read(file));
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: amanat-fuzz-seeds OUT\n");
        return 2;
    }
    const fs::path out = argv[1];
    const testing::TemporaryFolder work;
    try {
        manifests(out);
        texts(out);
        packs(out, work.path());
        feedback(out, work.path());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "amanat-fuzz-seeds: %s\n", e.what());
        return 1;
    }
    return 0;
}
