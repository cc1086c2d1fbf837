#include "core/exhibition/bundle_loader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "core/exhibition/bundle_folder.hpp"
#include "core/exhibition/manifest_reader.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/localisation/language_tag.hpp"

namespace amanat {
namespace fs = std::filesystem;

namespace {

constexpr int kFormatVersion = 1;
constexpr std::size_t kMaxArtifacts = 10000;

// Where each key of a manifest belongs (content/FORMAT.md); tables not named are language maps.
const ManifestReader::FileKeys& exhibition_keys() {
    static const ManifestReader::FileKeys keys{
        {"format", "id", "version", "languages", "idle_timeout_seconds", "title", "subtitle", "fallback",
         "attract", "sections", "survey"},
        {{"[attract]", {"images"}},
         {"[[sections]]", {"id", "title"}},
         {"[[survey]]", {"id", "kind", "question", "options"}},
         {"[[survey.options]]", {"id", "label"}}}};
    return keys;
}

const ManifestReader::FileKeys& artifact_keys() {
    static const ManifestReader::FileKeys keys{
        {"id", "section", "order", "inventory_number", "title", "subtitle", "period", "materials",
         "dimensions", "credit", "origin", "story", "images", "narration", "videos"},
        {{"[origin]", {"place", "people"}},
         {"[[images]]", {"file", "alt", "caption"}},
         {"[narration]", {"audio", "transcript"}},
         {"[[videos]]", {"id", "file", "title", "captions", "subtitles"}}}};
    return keys;
}

std::string numbered(std::string_view what, std::size_t index) {
    return std::string(what) + " number " + std::to_string(index + 1);
}

// Resolves a file reference written at `node` in the manifest, reporting problems.
std::string reference(ManifestReader& reader, const BundleFolder& folder, const toml::node& node,
                      const std::string& written, std::string_view base) {
    auto ref = folder.resolve(written, base);
    if (!ref.code.empty()) {
        std::string fix = "correct the file name, or add the file to the bundle";
        if (ref.code == "path-escape")
            fix = "copy the file into the bundle and refer to it by a relative path";
        if (ref.code == "bad-path")
            fix = "write the path relative to this manifest's folder, like images/front.jpg";
        if (!ref.meant.empty()) {
            // As the manifest writes it: relative to the manifest's folder.
            const std::string name = base.empty() ? ref.meant : ref.meant.substr(base.size() + 1);
            fix = "write \"" + name + "\", exactly as the file is named, if that is the file meant; " +
                  "otherwise add the file to the bundle";
            if (ref.meant == ref.path + ".txt") {
                fix = "rename " + name + " to " + name.substr(0, name.size() - 4) +
                      " (the editor that saved it added .txt; check that your file manager shows file "
                      "extensions)";
            }
        }
        reader.error(node.source(), ref.code, ref.problem, fix);
        if (ref.code != "missing-file") return {};
    }
    return ref.path;
}

// A language map of file names ([story], narration.audio ...), resolved.
LanguageMap file_map(ManifestReader& reader, const BundleFolder& folder, const toml::table& table,
                     std::string_view key, std::string_view where, std::string_view base) {
    LanguageMap written = reader.language_map(table, key, false, where);
    LanguageMap resolved;
    const toml::table* languages = table.get(key) ? table.get(key)->as_table() : nullptr;
    if (languages == nullptr) return resolved;
    // The map's keys are canonical tags ("kk-Latn"); the manifest's may be written
    // in another case ("kk-latn"), so the nodes are found by canonicalising them.
    for (const auto& [key, node] : *languages) {
        const std::string language = canonical_language_tag(key.str());
        const std::string* file = written.find(language);
        if (file == nullptr) continue;
        std::string path = reference(reader, folder, node, *file, base);
        if (!path.empty()) resolved.set(language, std::move(path));
    }
    return resolved;
}

std::string single_file(ManifestReader& reader, const BundleFolder& folder, const toml::table& table,
                        std::string_view key, std::string_view where, std::string_view base) {
    auto written = reader.text(table, key, true, where);
    if (!written) return {};
    return reference(reader, folder, *table.get(key), *written, base);
}

// Languages with neither a [fallback] line nor a default: one error for them all,
// as one line (default = [...]) fixes them all.
void report_no_fallback(ManifestReader& reader, const toml::source_region& place,
                        const Exhibition& exhibition) {
    std::string without;
    for (const std::string& language : exhibition.languages) {
        if (exhibition.fallback.has_own_line(language) || language == exhibition.languages.front()) continue;
        without += (without.empty() ? "" : ", ") + language;
    }
    if (without.empty()) return;
    const bool one = without.find(',') == std::string::npos;
    reader.error(place, "fallback-missing",
                 "visitors reading " + without + " have no fallback: [fallback] has neither a line for " +
                     (one ? "it" : "them") + " nor a default",
                 "add default = [\"" + exhibition.languages.front() +
                     "\"] under [fallback] (or a line for each language, like " +
                     without.substr(0, without.find(',')) + " = [...])");
}

void read_fallback(ManifestReader& reader, const toml::table& root, Exhibition& exhibition) {
    const toml::table* table = reader.subtable(root, "fallback", true, "exhibition.toml");
    if (table == nullptr) return;
    const toml::source_region place = table->source();
    // Without the exhibition's languages (a misspelt or missing languages = [...],
    // reported as such), whether a fallback is offered cannot be told: saying it is
    // not would advise wrecking a correct [fallback].
    const bool offered_known = !exhibition.languages.empty();
    for (const auto& [key, value] : *table) {
        if (reader.misplaced(key, value, "[fallback]")) continue;
        std::string language(key.str());
        if (language != "default") {
            auto canonical = reader.language(language, key.source());
            if (!canonical) continue;
            language = std::move(*canonical);
        }
        const auto* list = value.as_array();
        if (list == nullptr) {
            reader.error(value.source(), "wrong-type", "the fallback for '" + language + "' must be a list",
                         "write it as " + language + " = [\"ru\", \"en\"]");
            continue;
        }
        std::vector<std::string> chain;
        for (const toml::node& item : *list) {
            const auto* tag = item.as_string();
            if (tag == nullptr) {
                reader.error(item.source(), "wrong-type", "fallback languages must be texts in quotes",
                             "write it as " + language + " = [\"ru\", \"en\"]");
                continue;
            }
            const auto fallback = reader.language(tag->get(), item.source());
            if (!fallback) continue;
            if (offered_known && std::find(exhibition.languages.begin(), exhibition.languages.end(),
                                           *fallback) == exhibition.languages.end()) {
                const std::string suggestion = did_you_mean_language(*fallback, exhibition.languages);
                reader.error(item.source(), "fallback-not-offered",
                             "the fallback for '" + language + "' names '" + *fallback +
                                 "', which is not among the exhibition's languages",
                             (suggestion.empty() ? std::string() : suggestion + " Otherwise ") +
                                 std::string("add '") + *fallback +
                                 "' to languages = [...], or fall back to an offered language");
                continue;
            }
            chain.push_back(*fallback);
        }
        if (language == "default") {
            exhibition.fallback.set_default(std::move(chain));
        } else {
            if (offered_known && std::find(exhibition.languages.begin(), exhibition.languages.end(),
                                           language) == exhibition.languages.end()) {
                reader.warning(
                    key.source(), "fallback-unused",
                    "[fallback] has a line for '" + language + "', which the exhibition does not offer",
                    "remove the line, or add '" + language + "' to languages = [...]");
            }
            exhibition.fallback.set(language, std::move(chain));
        }
    }
    if (offered_known && !exhibition.fallback.has_default()) report_no_fallback(reader, place, exhibition);
}

void read_sections(ManifestReader& reader, const toml::table& root, Exhibition& exhibition) {
    const auto sections = reader.table_list(root, "sections", "exhibition.toml");
    if (sections.empty() && root.get("sections") == nullptr && !reader.written_elsewhere(root, "sections")) {
        reader.error_in_file("missing-key", "the exhibition has no sections",
                             "add at least one [[sections]] with an id and a title.en = \"...\"");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const std::string where = numbered("[[sections]]", i);
        reader.check_table(*sections[i], "[[sections]]", where);
        Section section;
        section.id = reader.identifier(*sections[i], "id", where).value_or("");
        section.title = reader.language_map(*sections[i], "title", true, where);
        if (!section.id.empty() && !seen.insert(section.id).second) {
            reader.error(sections[i]->get("id")->source(), "duplicate-id",
                         "two sections have the id '" + section.id + "'", "give each section its own id");
            continue;
        }
        if (!section.id.empty()) exhibition.sections.push_back(std::move(section));
    }
}

void read_survey(ManifestReader& reader, const toml::table& root, Exhibition& exhibition) {
    std::set<std::string> seen;
    const auto questions = reader.table_list(root, "survey", "exhibition.toml");
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const toml::table& table = *questions[i];
        const std::string where = numbered("[[survey]] question", i);
        reader.check_table(table, "[[survey]]", where);
        SurveyQuestion question;
        question.id = reader.identifier(table, "id", where).value_or("");
        question.question = reader.language_map(table, "question", true, where);
        const auto kind = reader.text(table, "kind", true, where);
        if (kind == "rating") {
            question.kind = QuestionKind::Rating;
        } else if (kind == "single") {
            question.kind = QuestionKind::SingleChoice;
        } else if (kind == "multiple") {
            question.kind = QuestionKind::MultipleChoice;
        } else if (kind) {
            const std::string near = closest_match(*kind, {"rating", "single", "multiple"});
            reader.error(table.get("kind")->source(), "bad-value",
                         "unknown question kind '" + *kind + "'" + " in " + where,
                         near.empty()
                             ? "use \"rating\", \"single\" or \"multiple\""
                             : "did you mean \"" + near + "\"? Use \"rating\", \"single\" or \"multiple\"");
        }
        std::set<std::string> option_ids;
        const auto options = reader.table_list(table, "options", where);
        for (std::size_t j = 0; j < options.size(); ++j) {
            const std::string option_where = numbered("option", j) + " of " + where;
            reader.check_table(*options[j], "[[survey.options]]", option_where);
            SurveyOption option;
            option.id = reader.identifier(*options[j], "id", option_where).value_or("");
            option.label = reader.language_map(*options[j], "label", true, option_where);
            if (!option.id.empty() && !option_ids.insert(option.id).second) {
                reader.error(options[j]->get("id")->source(), "duplicate-id",
                             "two options of question '" + question.id + "' have the id '" + option.id + "'",
                             "give each option its own id");
            }
            question.options.push_back(std::move(option));
        }
        const bool choice = question.kind != QuestionKind::Rating;
        if (kind && choice && options.size() < 2) {
            reader.error(table.source(), "missing-key",
                         "the choice question '" + question.id + "' has " + std::to_string(options.size()) +
                             " option(s); it needs at least two",
                         "add [[survey.options]] tables below the question, each with an id and a label.en");
        }
        if (kind && !choice && !options.empty()) {
            reader.warning(
                table.get("options")->source(), "unused-key",
                "the rating question '" + question.id + "' has options, which a rating does not use",
                "remove the options, or change kind to \"single\" or \"multiple\"");
        }
        if (!question.id.empty() && !seen.insert(question.id).second) {
            reader.error(table.get("id")->source(), "duplicate-id",
                         "two survey questions have the id '" + question.id + "'",
                         "give each question its own id");
            continue;
        }
        if (!question.id.empty() && kind) exhibition.survey.push_back(std::move(question));
    }
}

std::optional<Exhibition> read_exhibition(ManifestReader& reader, const BundleFolder& folder,
                                          const toml::table& root) {
    Exhibition exhibition;
    reader.expect_keys(root, exhibition_keys());
    reader.check_table(root, "", "exhibition.toml");
    const auto format = reader.integer(root, "format", "exhibition.toml");
    if (!format && root.get("format") == nullptr && !reader.written_elsewhere(root, "format")) {
        reader.error_in_file("missing-key", "'format' is missing", "add format = 1 at the top of the file");
    } else if (format && *format != kFormatVersion) {
        reader.error(
            root.get("format")->source(), "unsupported-format",
            "this bundle is written in format " + std::to_string(*format) + ", but this kiosk reads format 1",
            "update the kiosk software, or write the bundle in format 1");
        return std::nullopt;
    }
    exhibition.id = reader.identifier(root, "id", "exhibition.toml").value_or("");
    exhibition.version = reader.text(root, "version", true, "exhibition.toml").value_or("");
    const auto languages = reader.text_list(root, "languages", true, "exhibition.toml");
    const toml::array* language_nodes = root.get("languages") ? root.get("languages")->as_array() : nullptr;
    for (std::size_t i = 0; i < languages.size(); ++i) {
        const toml::node& node = *language_nodes->get(i);
        const auto language = reader.language(languages[i], node.source());
        if (!language) continue;
        if (std::find(exhibition.languages.begin(), exhibition.languages.end(), *language) !=
            exhibition.languages.end()) {
            reader.warning(node.source(), "duplicate-language", "'" + languages[i] + "' is offered twice",
                           "remove the second one from languages = [...] (language tags ignore upper and "
                           "lower case)");
            continue;
        }
        exhibition.languages.push_back(*language);
    }
    // Read after the languages, so a wrong tag in these maps gets "did you mean".
    reader.suggest_from(exhibition.languages);
    exhibition.title = reader.language_map(root, "title", true, "exhibition.toml");
    exhibition.subtitle = reader.language_map(root, "subtitle", false, "exhibition.toml");

    if (const auto timeout = reader.integer(root, "idle_timeout_seconds", "exhibition.toml")) {
        if (*timeout < 20 || *timeout > 3600) {
            reader.error(root.get("idle_timeout_seconds")->source(), "out-of-range",
                         "idle_timeout_seconds is " + std::to_string(*timeout) + "; it must be 20 to 3600",
                         "choose a number of seconds between 20 and 3600 (90 suits most exhibitions)");
        } else {
            exhibition.idle_timeout_seconds = static_cast<int>(*timeout);
        }
    }
    read_fallback(reader, root, exhibition);

    if (const toml::table* attract = reader.subtable(root, "attract", true, "exhibition.toml")) {
        reader.check_table(*attract, "[attract]", "[attract]");
        const auto images = reader.text_list(*attract, "images", true, "[attract]");
        const toml::array* nodes = attract->get("images") ? attract->get("images")->as_array() : nullptr;
        for (std::size_t i = 0; i < images.size() && nodes != nullptr; ++i) {
            std::string path = reference(reader, folder, *nodes->get(i), images[i], "");
            if (!path.empty()) exhibition.attract_images.push_back(std::move(path));
        }
    }
    read_sections(reader, root, exhibition);
    read_survey(reader, root, exhibition);
    return exhibition;
}

std::optional<Artifact> read_artifact(ManifestReader& reader, const BundleFolder& folder,
                                      const toml::table& root, const std::string& base,
                                      const Exhibition& exhibition) {
    Artifact artifact;
    const std::string where = "artifact.toml";
    reader.expect_keys(root, artifact_keys());
    reader.check_table(root, "", where);
    artifact.id = reader.identifier(root, "id", where).value_or("");
    artifact.title = reader.language_map(root, "title", true, where);
    if (const auto section = reader.text(root, "section", true, where)) {
        const bool known = std::any_of(exhibition.sections.begin(), exhibition.sections.end(),
                                       [&](const Section& s) { return s.id == *section; });
        // No sections at all is reported in exhibition.toml; every artifact need not repeat it.
        if (!known && !exhibition.sections.empty()) {
            std::string ids;
            for (const Section& s : exhibition.sections) ids += (ids.empty() ? "" : ", ") + s.id;
            reader.error(root.get("section")->source(), "unknown-section",
                         "section '" + *section + "' is not one of the exhibition's sections",
                         "use one of: " + ids + " (or add the section to exhibition.toml)");
        }
        artifact.section = *section;
    }
    artifact.order = reader.integer(root, "order", where).value_or(0);
    artifact.inventory_number = reader.text(root, "inventory_number", false, where).value_or("");
    artifact.subtitle = reader.language_map(root, "subtitle", false, where);
    artifact.period = reader.language_map(root, "period", false, where);
    artifact.materials = reader.language_map(root, "materials", false, where);
    artifact.dimensions = reader.language_map(root, "dimensions", false, where);
    artifact.credit = reader.language_map(root, "credit", false, where);
    if (const toml::table* origin = reader.subtable(root, "origin", false, where)) {
        reader.check_table(*origin, "[origin]", "[origin]");
        artifact.origin_place = reader.language_map(*origin, "place", false, "[origin]");
        artifact.origin_people = reader.language_map(*origin, "people", false, "[origin]");
    }
    artifact.story = file_map(reader, folder, root, "story", where, base);

    const auto images = reader.table_list(root, "images", where);
    if (images.empty() && root.get("images") == nullptr && !reader.written_elsewhere(root, "images")) {
        reader.error_in_file("missing-key", "the artifact has no pictures",
                             "add an [[images]] table with file = \"...\" and alt.en = \"...\"");
    }
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string image_where = numbered("[[images]]", i);
        reader.check_table(*images[i], "[[images]]", image_where);
        ArtifactImage image;
        image.file = single_file(reader, folder, *images[i], "file", image_where, base);
        image.alt = reader.language_map(*images[i], "alt", false, image_where);
        image.caption = reader.language_map(*images[i], "caption", false, image_where);
        if (!image.file.empty()) artifact.images.push_back(std::move(image));
    }

    if (const toml::table* narration = reader.subtable(root, "narration", false, where)) {
        reader.check_table(*narration, "[narration]", "[narration]");
        artifact.narration.audio = file_map(reader, folder, *narration, "audio", "[narration]", base);
        artifact.narration.transcript =
            file_map(reader, folder, *narration, "transcript", "[narration]", base);
    }

    std::set<std::string> video_ids;
    const auto videos = reader.table_list(root, "videos", where);
    for (std::size_t i = 0; i < videos.size(); ++i) {
        const std::string video_where = numbered("[[videos]]", i);
        reader.check_table(*videos[i], "[[videos]]", video_where);
        Video video;
        video.id = reader.identifier(*videos[i], "id", video_where).value_or("");
        video.file = single_file(reader, folder, *videos[i], "file", video_where, base);
        video.title = reader.language_map(*videos[i], "title", true, video_where);
        video.captions = reader.boolean(*videos[i], "captions", video_where).value_or(true);
        video.subtitles = file_map(reader, folder, *videos[i], "subtitles", video_where, base);
        if (!video.id.empty() && !video_ids.insert(video.id).second) {
            reader.error(videos[i]->get("id")->source(), "duplicate-id",
                         "two films of this artifact have the id '" + video.id + "'",
                         "give each film its own id");
            continue;
        }
        if (!video.file.empty()) artifact.videos.push_back(std::move(video));
    }
    if (artifact.id.empty() || artifact.title.empty()) return std::nullopt;
    return artifact;
}

// Why `found` is not read as `name`, the manifest it most likely is.
std::string misnamed(const std::string& found, const std::string& name) {
    if (found.size() == name.size() + 4 && found.ends_with(".txt"))
        return "the editor that saved it added .txt to its name, and the kiosk reads only " + name;
    return "the kiosk reads only the name " + name + ", spelt so, in small letters";
}

std::optional<toml::table> parse_manifest(ManifestReader& reader, const BundleFolder& folder,
                                          const std::string& relative) {
    std::string content;
    std::string problem;
    if (!folder.read(relative, kMaxManifestBytes, content, problem)) {
        std::error_code ec;
        const std::string lookalike =
            fs::exists(folder.root() / relative, ec) ? "" : folder.spelt_like(relative);
        if (!lookalike.empty()) {
            const std::string name = relative.substr(relative.rfind('/') + 1);
            const std::string found = lookalike.substr(lookalike.rfind('/') + 1);
            reader.error_in_file(
                "missing-file",
                "there is no " + name + ", but there is " + found + ": " + misnamed(found, name),
                "rename " + found + " to " + name +
                    " (check that your file manager shows file extensions such as .txt)");
            return std::nullopt;
        }
        reader.error_in_file("unreadable", "the manifest cannot be read: " + problem,
                             "check that the file exists, is a real file inside the bundle and is readable");
        return std::nullopt;
    }
    return reader.parse(content);
}

void sort_for_gallery(std::vector<Artifact>& artifacts, const Exhibition& exhibition) {
    auto section_index = [&](const std::string& id) {
        for (std::size_t i = 0; i < exhibition.sections.size(); ++i) {
            if (exhibition.sections[i].id == id) return i;
        }
        return exhibition.sections.size();
    };
    std::stable_sort(artifacts.begin(), artifacts.end(), [&](const Artifact& a, const Artifact& b) {
        const auto sa = section_index(a.section);
        const auto sb = section_index(b.section);
        if (sa != sb) return sa < sb;
        if (a.order != b.order) return a.order < b.order;
        return a.id < b.id;
    });
}

// How many texts the bundle has in each language (canonical tags).
using TextCounts = std::map<std::string, int>;

bool contains(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// "kk-Latn" while "kk" is among `sources`: the kiosk writes its texts itself.
bool written_by_kiosk(std::string_view language, const std::vector<std::string>& sources) {
    return std::any_of(
        std::begin(kScriptDerivations), std::end(kScriptDerivations),
        [&](const ScriptDerivation& d) { return language == d.target && contains(sources, d.source); });
}

// Texts of this manifest in a language the exhibition does not offer: no visitor
// sees them. Usually a tag written differently from languages = [...] ("nl-NL" for
// "nl"), so the nearest offered tag is suggested. One warning per language and file.
void report_unoffered(ManifestReader& reader, const Exhibition& exhibition, TextCounts& counts) {
    for (const auto& [language, use] : reader.text_languages()) {
        counts[language] += use.texts;
        // No languages (languages = [...] misspelt or missing, reported as such): every
        // text would seem unoffered, and "remove these texts" would wreck them all.
        if (exhibition.languages.empty()) continue;
        if (contains(exhibition.languages, language) || written_by_kiosk(language, exhibition.languages))
            continue;
        std::string close;
        for (const std::string& offered : exhibition.languages)
            if (close.empty() && close_language_tags(language, offered)) close = offered;
        const std::string field = use.key.substr(0, use.key.rfind('.') + 1);
        std::string message = std::string("this file has ") + std::to_string(use.texts) +
                              (use.texts == 1 ? " text" : " texts") + " in " + language + " (" +
                              language_english_name(language) + "), which the exhibition does not offer (" +
                              use.key +
                              (use.texts > 1 ? " and " + std::to_string(use.texts - 1) + " more" : "") +
                              "): no visitor sees them";
        std::string fix =
            close.empty() ? did_you_mean_language(language, exhibition.languages) : std::string();
        if (!close.empty()) {
            fix = std::string("did you mean ") + close + "? Key the texts " + close + " (" + field + close +
                  " = ...), or offer " + language + " in exhibition.toml (languages = [..., \"" + language +
                  "\", ...])";
        } else if (!fix.empty()) {
            fix += " Otherwise offer " + language + " in exhibition.toml, or remove these texts";
        } else {
            fix = std::string("offer ") + language + " in exhibition.toml (languages = [..., \"" + language +
                  "\", ...]), or remove these texts";
        }
        reader.warning(use.first, "text-language-not-offered", std::move(message), std::move(fix));
    }
}

void report_language_never_written(ManifestReader& reader, const toml::node& node,
                                   const std::string& language, const std::vector<std::string>& chain) {
    const std::string shown = chain.size() > 1 ? chain[1] : std::string("no language at all");
    reader.error(node.source(), "language-without-texts",
                 "the exhibition offers " + language + " (" + language_english_name(language) +
                     "), but no text is written in " + language +
                     ": visitors who choose it would read every text "
                     "in " +
                     shown,
                 "write the texts in " + language + " (title." + language +
                     " = \"...\" and the others), or offer " + language +
                     " only once they are written; to offer it on purpose with another language's "
                     "texts, give it a line under [fallback] (" +
                     language + " = [\"" + (chain.size() > 1 ? chain[1] : std::string("en")) + "\"])");
}

// An offered language no text is written in, while a close tag has texts
// (languages = ["nl-NL"], texts keyed nl): its visitors would see every text in a
// fallback language. An error, with the tag the texts use.
void report_offered_without_texts(ManifestReader& reader, const toml::table& root,
                                  const Exhibition& exhibition, const TextCounts& counts, bool all_read) {
    const toml::array* nodes = root.get("languages") ? root.get("languages")->as_array() : nullptr;
    if (nodes == nullptr) return;
    std::vector<std::string> with_texts;
    for (const auto& [language, texts] : counts) with_texts.push_back(language);
    std::set<std::string> seen;
    for (const toml::node& node : *nodes) {
        const auto* written = node.as_string();
        if (written == nullptr || language_tag_problem(written->get())) continue;
        const std::string language = canonical_language_tag(written->get());
        if (!seen.insert(language).second || counts.count(language) != 0) continue;
        if (written_by_kiosk(language, with_texts) || written_by_kiosk(language, exhibition.languages))
            continue;
        const std::vector<std::string> chain = exhibition.fallback.chain(language);
        std::string close;
        int most = 0;
        for (const auto& [other, texts] : counts) {
            if (!close_language_tags(language, other) || texts <= most || contains(chain, other)) continue;
            close = other;
            most = texts;
        }
        if (close.empty()) {
            // No text at all: visitors who choose it read another language throughout.
            // Unless [fallback] gives it a line (offered so on purpose), or an artifact
            // could not be read (its texts may be in it).
            if (!exhibition.fallback.has_own_line(language) && all_read)
                report_language_never_written(reader, node, language, chain);
            continue;
        }
        reader.error(node.source(), "language-without-texts",
                     std::string("the exhibition offers ") + language + " but no text is written in " +
                         language + "; the texts are in " + close + " (" + std::to_string(most) +
                         (most == 1 ? " text)" : " texts)"),
                     std::string("did you mean ") + close + "? Offer " + close + " (languages = [..., \"" +
                         close + "\", ...]) or key the texts " + language + " (title." + language +
                         " = ...)");
    }
}

// The folder `base` has no artifact.toml: the error, and why its artifact is left out.
LeftOutArtifact report_missing_manifest(const BundleFolder& folder, const std::string& base,
                                        Diagnostics& out) {
    std::string lookalike = folder.spelt_like(base + "/artifact.toml");
    lookalike = lookalike.substr(lookalike.rfind('/') + 1);
    if (lookalike.empty()) {
        out.error(base, 0, 0, "missing-file", "the folder " + base + " has no artifact.toml",
                  "add an artifact.toml describing the artifact (copy one from another artifact's folder and "
                  "change it)");
    } else {
        out.error(base, 0, 0, "missing-file",
                  "the folder " + base + " has no artifact.toml, but it has " + lookalike + ": " +
                      misnamed(lookalike, "artifact.toml"),
                  "rename " + lookalike +
                      " to artifact.toml (check that your file manager shows file "
                      "extensions such as .txt)");
    }
    return {base + "/artifact.toml", "its folder has no artifact.toml"};
}

// Reads every artifact manifest into `bundle`, noting the artifacts left out.
void load_artifacts(const BundleFolder& folder, const std::vector<std::string>& manifests, Bundle& bundle,
                    LoadedBundle& result, TextCounts& text_counts) {
    std::map<std::string, std::string> id_to_manifest;
    for (const std::string& manifest : manifests) {
        const std::string base = manifest.substr(0, manifest.rfind('/'));
        ManifestReader reader(manifest, result.diagnostics);
        reader.suggest_from(bundle.exhibition.languages);
        std::error_code ec;
        if (folder.escapes(base)) {
            reader.error_in_file("path-escape",
                                 "the folder " + base + " is a link to a place outside the bundle",
                                 "copy the artifact's folder into the bundle instead of linking to it");
            result.left_out.push_back({manifest, "its folder is a link to a place outside the bundle"});
            continue;
        }
        if (!fs::exists(folder.root() / manifest, ec)) {
            result.left_out.push_back(report_missing_manifest(folder, base, result.diagnostics));
            continue;
        }
        const auto table = parse_manifest(reader, folder, manifest);
        if (!table) {
            result.left_out.push_back({manifest, "its artifact.toml cannot be read as TOML"});
            continue;
        }
        auto artifact = read_artifact(reader, folder, *table, base, bundle.exhibition);
        report_unoffered(reader, bundle.exhibition, text_counts);
        if (!reader.misspelt_keys().empty()) result.misspelt_keys[manifest] = reader.misspelt_keys();
        if (!artifact) {
            const auto* id = table->get("id") != nullptr ? table->get("id")->as_string() : nullptr;
            const bool has_id = id != nullptr && is_identifier(id->get());
            result.left_out.push_back({manifest, has_id ? "it has no title" : "it has no valid id"});
            continue;
        }
        artifact->manifest = manifest;
        if (auto [it, inserted] = id_to_manifest.emplace(artifact->id, manifest); !inserted) {
            reader.error(table->get("id")->source(), "duplicate-id",
                         "the id '" + artifact->id + "' is already used by " + it->second,
                         "give every artifact its own id");
            result.left_out.push_back({manifest, "its id is already used by " + it->second});
            continue;
        }
        bundle.artifacts.push_back(std::move(*artifact));
    }
}

}  // namespace

const Artifact* Bundle::find_artifact(std::string_view id) const {
    for (const Artifact& artifact : artifacts) {
        if (artifact.id == id) return &artifact;
    }
    return nullptr;
}

LoadedBundle load_bundle(const fs::path& path) {
    LoadedBundle result;
    const BundleFolder folder(path);
    if (!folder.exists()) {
        result.diagnostics.error(
            path.string(), 0, 0, "no-bundle", "this folder does not exist or cannot be read",
            "give the path of an exhibition bundle folder (the one holding exhibition.toml)");
        return result;
    }
    ManifestReader exhibition_reader("exhibition.toml", result.diagnostics);
    const auto root = parse_manifest(exhibition_reader, folder, "exhibition.toml");
    if (!root) return result;
    auto exhibition = read_exhibition(exhibition_reader, folder, *root);
    if (!exhibition) return result;

    auto bundle = std::make_shared<Bundle>();
    bundle->root = path;
    bundle->exhibition = std::move(*exhibition);
    TextCounts text_counts;
    report_unoffered(exhibition_reader, bundle->exhibition, text_counts);

    // Artifacts: every artifacts/<folder>/artifact.toml, in name order.
    std::vector<std::string> manifests;
    std::error_code ec;
    if (fs::is_directory(path / "artifacts", ec)) {
        for (fs::directory_iterator it(path / "artifacts", ec); !ec && it != fs::directory_iterator();
             it.increment(ec)) {
            if (!it->is_directory(ec)) continue;
            manifests.push_back("artifacts/" + it->path().filename().string() + "/artifact.toml");
            if (manifests.size() > kMaxArtifacts) break;
        }
    }
    std::sort(manifests.begin(), manifests.end());
    if (manifests.empty()) {
        result.diagnostics.error("exhibition.toml", 0, 0, "no-artifacts", "the bundle has no artifacts",
                                 "add a folder artifacts/<name>/ holding an artifact.toml for each artifact");
    }
    if (manifests.size() > kMaxArtifacts) {
        result.diagnostics.error("artifacts", 0, 0, "too-many-artifacts",
                                 "the bundle has more than " + std::to_string(kMaxArtifacts) + " artifacts",
                                 "split the exhibition into several bundles");
        manifests.resize(kMaxArtifacts);
    }

    load_artifacts(folder, manifests, *bundle, result, text_counts);
    report_offered_without_texts(exhibition_reader, *root, bundle->exhibition, text_counts,
                                 result.left_out.empty());
    if (!exhibition_reader.misspelt_keys().empty())
        result.misspelt_keys["exhibition.toml"] = exhibition_reader.misspelt_keys();
    sort_for_gallery(bundle->artifacts, bundle->exhibition);
    result.bundle = std::move(bundle);
    return result;
}

}  // namespace amanat
