#include "core/exhibition/script_languages.hpp"

#include <algorithm>
#include <system_error>

namespace amanat {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// Writes one language's texts from another's throughout a bundle.
class Derivation {
  public:
    Derivation(Bundle& bundle, std::shared_ptr<const ScriptTransliterator> script)
        : m_bundle(bundle), m_script(std::move(script)) {}

    void run() {
        Exhibition& exhibition = m_bundle.exhibition;
        text(exhibition.title);
        text(exhibition.subtitle);
        for (Section& section : exhibition.sections) text(section.title);
        for (SurveyQuestion& question : exhibition.survey) {
            text(question.question);
            for (SurveyOption& option : question.options) text(option.label);
        }
        for (Artifact& artifact : m_bundle.artifacts) {
            for (LanguageMap* map :
                 {&artifact.title, &artifact.subtitle, &artifact.period, &artifact.materials,
                  &artifact.dimensions, &artifact.credit, &artifact.origin_place, &artifact.origin_people}) {
                text(*map);
            }
            file(artifact.story, true);
            for (ArtifactImage& image : artifact.images) {
                text(image.alt);
                text(image.caption);
            }
            file(artifact.narration.audio, false);  // the same spoken language
            file(artifact.narration.transcript, true);
            for (Video& video : artifact.videos) {
                text(video.title);
                file(video.subtitles, true);
            }
        }
    }

  private:
    void text(LanguageMap& map) {
        if (auto derived = m_script->derive(map)) map.set(m_script->target_language(), std::move(*derived));
    }

    void file(LanguageMap& map, bool transliterate) {
        const std::string* source = map.find(m_script->source_language());
        if (source == nullptr || map.find(m_script->target_language()) != nullptr) return;
        const std::string path = *source;
        map.set(m_script->target_language(), path);
        if (transliterate) m_bundle.derived_files.push_back({m_script->target_language(), path, m_script});
    }

    Bundle& m_bundle;
    std::shared_ptr<const ScriptTransliterator> m_script;
};

}  // namespace

ScriptLanguages ScriptLanguages::load(const std::filesystem::path& localisation_folder, Diagnostics& out) {
    ScriptLanguages loaded;
    for (const ScriptDerivation& derivation : kScriptDerivations) {
        const std::filesystem::path file = localisation_folder / derivation.rule_file;
        std::error_code error;
        if (!std::filesystem::exists(file, error)) continue;
        if (auto script = ScriptTransliterator::load(file, derivation.source, derivation.target, out)) {
            loaded.m_scripts.push_back(std::make_shared<const ScriptTransliterator>(std::move(*script)));
        }
    }
    return loaded;
}

std::shared_ptr<const ScriptTransliterator> ScriptLanguages::making(std::string_view target) const {
    for (const auto& script : m_scripts) {
        if (script->target_language() == target) return script;
    }
    return nullptr;
}

void derive_script_languages(Bundle& bundle, const ScriptLanguages& scripts,
                             const std::vector<std::string>& also) {
    std::vector<std::string>& languages = bundle.exhibition.languages;
    for (const auto& script : scripts.all()) {
        const std::string& source = script->source_language();
        const std::string& target = script->target_language();
        if (!contains(languages, source) || contains(bundle.exhibition.derived_languages, target)) continue;
        if (!contains(languages, target)) {
            if (!contains(also, target)) continue;
            languages.insert(std::find(languages.begin(), languages.end(), source) + 1, target);
        }
        Derivation(bundle, script).run();
        bundle.exhibition.derived_languages.push_back(target);
    }
}

std::string as_written_in(const Bundle& bundle, std::string_view language, std::string_view path,
                          std::string text) {
    for (const Bundle::DerivedFile& file : bundle.derived_files) {
        if (file.language == language && file.path == path) return file.script->transliterate(text);
    }
    return text;
}

}  // namespace amanat
