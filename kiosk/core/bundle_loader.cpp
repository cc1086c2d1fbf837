#include "core/bundle_loader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "core/bundle_folder.hpp"
#include "core/manifest_reader.hpp"

namespace amanat {
namespace fs = std::filesystem;

namespace {

constexpr int kFormatVersion = 1;
constexpr std::size_t kMaxArtifacts = 10000;

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
    for (const auto& [language, file] : written.entries()) {
        const toml::node* node = languages ? languages->get(language) : nullptr;
        std::string path = node ? reference(reader, folder, *node, file, base) : std::string();
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

void read_fallback(ManifestReader& reader, const toml::table& root, Exhibition& exhibition) {
    const toml::table* table = reader.subtable(root, "fallback", true, "exhibition.toml");
    if (table == nullptr) return;
    const toml::source_region place = table->source();
    for (const auto& [key, value] : *table) {
        const std::string language(key.str());
        if (language != "default" && !reader.check_language(language, key.source())) continue;
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
            if (!reader.check_language(tag->get(), item.source())) continue;
            if (std::find(exhibition.languages.begin(), exhibition.languages.end(), tag->get()) ==
                exhibition.languages.end()) {
                reader.error(
                    item.source(), "fallback-not-offered",
                    "the fallback for '" + language + "' names '" + tag->get() +
                        "', which is not among the exhibition's languages",
                    "add '" + tag->get() + "' to languages = [...], or fall back to an offered language");
                continue;
            }
            chain.push_back(tag->get());
        }
        if (language == "default") {
            exhibition.fallback.set_default(std::move(chain));
        } else {
            if (std::find(exhibition.languages.begin(), exhibition.languages.end(), language) ==
                exhibition.languages.end()) {
                reader.warning(
                    key.source(), "fallback-unused",
                    "[fallback] has a line for '" + language + "', which the exhibition does not offer",
                    "remove the line, or add '" + language + "' to languages = [...]");
            }
            exhibition.fallback.set(language, std::move(chain));
        }
    }
    if (!exhibition.fallback.has_default()) {
        for (const std::string& language : exhibition.languages) {
            if (exhibition.fallback.has_own_line(language) || language == exhibition.languages.front())
                continue;
            reader.error(place, "fallback-missing",
                         "visitors reading '" + language +
                             "' have no fallback: [fallback] has neither a line for it nor a default",
                         "add default = [\"en\"] (or " + language + " = [...]) under [fallback]");
        }
    }
}

void read_sections(ManifestReader& reader, const toml::table& root, Exhibition& exhibition) {
    const auto sections = reader.table_list(root, "sections", "exhibition.toml");
    if (sections.empty() && root.get("sections") == nullptr) {
        reader.error_in_file("missing-key", "the exhibition has no sections",
                             "add at least one [[sections]] with an id and a title.en = \"...\"");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const std::string where = numbered("[[sections]]", i);
        reader.check_keys(*sections[i], {"id", "title"}, where);
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
        reader.check_keys(table, {"id", "kind", "question", "options"}, where);
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
            reader.check_keys(*options[j], {"id", "label"}, option_where);
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
    reader.check_keys(root,
                      {"format", "id", "version", "languages", "idle_timeout_seconds", "title", "subtitle",
                       "fallback", "attract", "sections", "survey"},
                      "exhibition.toml");
    const auto format = reader.integer(root, "format", "exhibition.toml");
    if (!format && root.get("format") == nullptr) {
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
    exhibition.title = reader.language_map(root, "title", true, "exhibition.toml");
    exhibition.subtitle = reader.language_map(root, "subtitle", false, "exhibition.toml");

    const auto languages = reader.text_list(root, "languages", true, "exhibition.toml");
    const toml::array* language_nodes = root.get("languages") ? root.get("languages")->as_array() : nullptr;
    for (std::size_t i = 0; i < languages.size(); ++i) {
        const toml::node& node = *language_nodes->get(i);
        if (!reader.check_language(languages[i], node.source())) continue;
        if (std::find(exhibition.languages.begin(), exhibition.languages.end(), languages[i]) !=
            exhibition.languages.end()) {
            reader.warning(node.source(), "duplicate-language", "'" + languages[i] + "' is offered twice",
                           "remove the second one from languages = [...]");
            continue;
        }
        exhibition.languages.push_back(languages[i]);
    }

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
        reader.check_keys(*attract, {"images"}, "[attract]");
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
    reader.check_keys(
        root,
        {"id", "section", "order", "inventory_number", "title", "subtitle", "period", "materials",
         "dimensions", "credit", "origin", "story", "images", "narration", "videos"},
        where);
    artifact.id = reader.identifier(root, "id", where).value_or("");
    artifact.title = reader.language_map(root, "title", true, where);
    if (const auto section = reader.text(root, "section", true, where)) {
        const bool known = std::any_of(exhibition.sections.begin(), exhibition.sections.end(),
                                       [&](const Section& s) { return s.id == *section; });
        if (!known) {
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
        reader.check_keys(*origin, {"place", "people"}, "[origin]");
        artifact.origin_place = reader.language_map(*origin, "place", false, "[origin]");
        artifact.origin_people = reader.language_map(*origin, "people", false, "[origin]");
    }
    artifact.story = file_map(reader, folder, root, "story", where, base);

    const auto images = reader.table_list(root, "images", where);
    if (images.empty() && root.get("images") == nullptr) {
        reader.error_in_file("missing-key", "the artifact has no pictures",
                             "add an [[images]] table with file = \"...\" and alt.en = \"...\"");
    }
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string image_where = numbered("[[images]]", i);
        reader.check_keys(*images[i], {"file", "alt", "caption"}, image_where);
        ArtifactImage image;
        image.file = single_file(reader, folder, *images[i], "file", image_where, base);
        image.alt = reader.language_map(*images[i], "alt", false, image_where);
        image.caption = reader.language_map(*images[i], "caption", false, image_where);
        if (!image.file.empty()) artifact.images.push_back(std::move(image));
    }

    if (const toml::table* narration = reader.subtable(root, "narration", false, where)) {
        reader.check_keys(*narration, {"audio", "transcript"}, "[narration]");
        artifact.narration.audio = file_map(reader, folder, *narration, "audio", "[narration]", base);
        artifact.narration.transcript =
            file_map(reader, folder, *narration, "transcript", "[narration]", base);
    }

    std::set<std::string> video_ids;
    const auto videos = reader.table_list(root, "videos", where);
    for (std::size_t i = 0; i < videos.size(); ++i) {
        const std::string video_where = numbered("[[videos]]", i);
        reader.check_keys(*videos[i], {"id", "file", "title", "captions", "subtitles"}, video_where);
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

std::optional<toml::table> parse_manifest(ManifestReader& reader, const BundleFolder& folder,
                                          const std::string& relative) {
    std::string content;
    std::string problem;
    if (!folder.read(relative, kMaxManifestBytes, content, problem)) {
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

    std::map<std::string, std::string> id_to_manifest;
    for (const std::string& manifest : manifests) {
        const std::string base = manifest.substr(0, manifest.rfind('/'));
        ManifestReader reader(manifest, result.diagnostics);
        if (folder.escapes(base)) {
            reader.error_in_file("path-escape",
                                 "the folder " + base + " is a link to a place outside the bundle",
                                 "copy the artifact's folder into the bundle instead of linking to it");
            continue;
        }
        if (!fs::exists(path / manifest, ec)) {
            result.diagnostics.error(base, 0, 0, "missing-file",
                                     "the folder " + base + " has no artifact.toml",
                                     "add an artifact.toml describing the artifact, or remove the folder");
            continue;
        }
        const auto table = parse_manifest(reader, folder, manifest);
        if (!table) continue;
        auto artifact = read_artifact(reader, folder, *table, base, bundle->exhibition);
        if (!artifact) continue;
        artifact->manifest = manifest;
        if (auto [it, inserted] = id_to_manifest.emplace(artifact->id, manifest); !inserted) {
            reader.error(table->get("id")->source(), "duplicate-id",
                         "the id '" + artifact->id + "' is already used by " + it->second,
                         "give every artifact its own id");
            continue;
        }
        bundle->artifacts.push_back(std::move(*artifact));
    }
    sort_for_gallery(bundle->artifacts, bundle->exhibition);
    result.bundle = std::move(bundle);
    return result;
}

}  // namespace amanat
