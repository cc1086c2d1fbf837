#include "ui/display_text.hpp"

#include "core/exhibition/bundle_folder.hpp"
#include "core/exhibition/script_languages.hpp"
#include "ui/attract_screen.hpp"
#include "ui/typeface.hpp"

namespace amanat::ui {
namespace {

void add(std::string& out, const LanguageMap& map) {
    for (const auto& [language, text] : map.entries()) out += text;
}

void add_files(std::string& out, const Bundle& bundle, const BundleFolder& folder, const LanguageMap& files) {
    for (const auto& [language, path] : files.entries()) {
        std::string content;
        std::string problem;
        if (folder.read(path, 1 << 20, content, problem))
            out += as_written_in(bundle, language, path, std::move(content));
    }
}

}  // namespace

std::string display_text(const Bundle& bundle, const TranslationCatalogs& catalogs) {
    std::string out;
    const Exhibition& e = bundle.exhibition;
    add(out, e.title);
    add(out, e.subtitle);
    for (const Section& section : e.sections) add(out, section.title);
    for (const SurveyQuestion& question : e.survey) {
        add(out, question.question);
        for (const SurveyOption& option : question.options) add(out, option.label);
    }
    const BundleFolder folder(bundle.root);
    for (const Artifact& a : bundle.artifacts) {
        out += a.inventory_number;
        for (const LanguageMap* map : {&a.title, &a.subtitle, &a.period, &a.materials, &a.dimensions,
                                       &a.credit, &a.origin_place, &a.origin_people}) {
            add(out, *map);
        }
        for (const ArtifactImage& image : a.images) {
            add(out, image.alt);
            add(out, image.caption);
        }
        for (const Video& video : a.videos) {
            add(out, video.title);
            add_files(out, bundle, folder,
                      video.subtitles);  // drawn by the kiosk: their letters must be in the atlas
        }
        add_files(out, bundle, folder, a.story);
        add_files(out, bundle, folder, a.narration.transcript);
    }
    for (const std::string& language : catalogs.languages()) {
        const Phrasebook& phrases = catalogs.phrasebook(language);
        for (const PhraseKey& key : catalogs.template_phrases()) {
            out += key.context ? phrases.trc(key.context->c_str(), key.msgid.c_str())
                               : phrases.tr(key.msgid.c_str());
        }
    }
    for (const PhraseKey& key : catalogs.template_phrases()) out += key.msgid;
    out += kInterfaceSymbols;
    return out;
}

std::string attract_text(const Bundle& bundle, const TranslationCatalogs& catalogs) {
    std::string out;
    add(out, bundle.exhibition.title);
    add(out, bundle.exhibition.subtitle);
    for (const std::string& language : catalogs.languages())
        out += touch_to_start(catalogs.phrasebook(language));
    out += kInterfaceSymbols;
    return out;
}

}  // namespace amanat::ui
