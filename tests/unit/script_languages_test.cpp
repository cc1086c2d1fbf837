// Kazakh in Latin letters (and Serbian in Latin) written from a bundle's Cyrillic
// texts when the exhibition or the venue offers it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/exhibition/bundle_folder.hpp"
#include "core/exhibition/bundle_loader.hpp"
#include "core/exhibition/script_languages.hpp"

using namespace amanat;

namespace {

ScriptLanguages scripts() {
    Diagnostics out;
    ScriptLanguages loaded = ScriptLanguages::load(AMANAT_LOCALISATION_DIR, out);
    REQUIRE_FALSE(out.has_errors());
    REQUIRE(loaded.making("kk-Latn") != nullptr);
    return loaded;
}

Bundle sample() {
    LoadedBundle loaded = load_bundle(AMANAT_SAMPLE_BUNDLE);
    REQUIRE(loaded.bundle != nullptr);
    return *loaded.bundle;
}

const Artifact& artifact(const Bundle& bundle, const std::string& id) {
    const Artifact* found = bundle.find_artifact(id);
    REQUIRE(found != nullptr);
    return *found;
}

}  // namespace

TEST_CASE("script languages: a venue offering kk-Latn gets every Kazakh text in the 2021 Latin alphabet") {
    Bundle bundle = sample();
    bundle.exhibition.languages.erase(
        std::remove(bundle.exhibition.languages.begin(), bundle.exhibition.languages.end(), "kk-Latn"),
        bundle.exhibition.languages.end());
    derive_script_languages(bundle, scripts(), {"tr", "kk-Latn", "en"});

    const auto& languages = bundle.exhibition.languages;
    const auto kk = std::find(languages.begin(), languages.end(), "kk");
    REQUIRE(kk + 1 != languages.end());
    CHECK(*(kk + 1) == "kk-Latn");  // right after the Kazakh it is written from
    const auto& derived = bundle.exhibition.derived_languages;
    CHECK(std::find(derived.begin(), derived.end(), "kk-Latn") != derived.end());

    const Artifact& dombra = artifact(bundle, "dombra");
    REQUIRE(dombra.title.find("kk-Latn") != nullptr);
    CHECK(*dombra.title.find("kk-Latn") == "Dombyra");
    CHECK(*dombra.subtitle.find("kk-Latn") == "Ekı ışektı şertpelı aspap");
    REQUIRE(bundle.exhibition.title.find("kk-Latn") != nullptr);
    CHECK(*bundle.exhibition.title.find("kk-Latn") == "Dästür sabaqtastyğy");

    // A story is the Kazakh file, written in Latin letters as it is read.
    const std::string* story = dombra.story.find("kk-Latn");
    REQUIRE(story != nullptr);
    CHECK(*story == *dombra.story.find("kk"));
    std::string content;
    std::string problem;
    REQUIRE(BundleFolder(bundle.root).read(*story, 1 << 20, content, problem));
    const std::string latin = as_written_in(bundle, "kk-Latn", *story, content);
    CHECK(latin != content);
    CHECK(latin.find("Domb") != std::string::npos);
    for (const char32_t letter : {U'а', U'е', U'ы', U'қ'}) {
        std::string utf8;
        // No Kazakh Cyrillic letter is left.
        if (letter < 0x800) {
            utf8 += static_cast<char>(0xC0 | (letter >> 6));
            utf8 += static_cast<char>(0x80 | (letter & 0x3F));
        }
        CHECK(latin.find(utf8) == std::string::npos);
    }
    // Read for a Kazakh (Cyrillic) visitor, the same file is unchanged; and the
    // narration audio is shared: it is the same spoken language.
    CHECK(as_written_in(bundle, "kk", *story, content) == content);
    const Artifact* narrated = nullptr;
    for (const Artifact& a : bundle.artifacts)
        if (a.narration.audio.find("kk") != nullptr) narrated = &a;
    REQUIRE(narrated != nullptr);
    CHECK(*narrated->narration.audio.find("kk-Latn") == *narrated->narration.audio.find("kk"));
}

TEST_CASE("script languages: a text written in kk-Latn wins; nothing is derived that nobody offers") {
    Bundle bundle = sample();
    const Bundle untouched = bundle;
    bundle.exhibition.languages.erase(
        std::remove(bundle.exhibition.languages.begin(), bundle.exhibition.languages.end(), "kk-Latn"),
        bundle.exhibition.languages.end());
    const std::vector<std::string> offered = bundle.exhibition.languages;
    derive_script_languages(bundle, scripts(), {"tr", "en"});
    CHECK(bundle.exhibition.languages == offered);
    const auto& derived = bundle.exhibition.derived_languages;
    CHECK(std::find(derived.begin(), derived.end(), "kk-Latn") == derived.end());
    CHECK(artifact(bundle, "dombra").title.find("kk-Latn") == nullptr);

    Bundle authored = untouched;
    Artifact& dombra = *std::find_if(authored.artifacts.begin(), authored.artifacts.end(),
                                     [](const Artifact& a) { return a.id == "dombra"; });
    dombra.title.set("kk-Latn", "Dombyra (qolmen jazylğan)");
    if (std::find(authored.exhibition.languages.begin(), authored.exhibition.languages.end(), "kk-Latn") ==
        authored.exhibition.languages.end())
        authored.exhibition.languages.push_back("kk-Latn");
    derive_script_languages(authored, scripts());
    CHECK(*artifact(authored, "dombra").title.find("kk-Latn") == "Dombyra (qolmen jazylğan)");
    CHECK(artifact(authored, "kobyz").title.find("kk-Latn") != nullptr);
}

TEST_CASE("script languages: without the rule files nothing is derived") {
    Bundle bundle = sample();
    derive_script_languages(bundle, ScriptLanguages{}, {"kk-Latn"});
    CHECK(bundle.exhibition.derived_languages.empty());
    CHECK(artifact(bundle, "dombra").title.find("kk-Latn") == nullptr);
}
