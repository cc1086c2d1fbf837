#include "report/tour_labels.hpp"

#include <algorithm>

#include "core/files/diagnostics.hpp"
#include "core/localisation/locale_format.hpp"
#include "core/pictures/picture_thumbnail.hpp"

namespace amanat::report {

namespace {

// Thumbnails are drawn at 56 CSS pixels; twice that stays sharp on a
// high-density screen and in print, and a tour's thirty of them stay ~150 KB.
constexpr int kThumbnailSide = 112;

std::string text_in(const LanguageMap& map, const Phrasebook& phrases, const Bundle& bundle,
                    const std::string& otherwise) {
    const LocalisedText text = localise(map, phrases.language(), bundle.exhibition.fallback);
    return text ? *text.text : otherwise;
}

// A sentence of the report from its translated pattern.
std::string sentence(const Phrasebook& phrases, const char* pattern,
                     const std::vector<NamedArgument>& arguments) {
    Diagnostics ignored;
    return format_message(phrases.language(), pattern, arguments, ignored);
}

std::string joined(const std::vector<std::string>& ids) {
    std::string list;
    for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
    return list;
}

void label_artifacts(const Bundle& bundle, const Phrasebook& phrases, TourFigures& figures,
                     std::vector<std::string>& problems) {
    std::vector<std::string> missing;
    for (ArtifactFigures& artifact : figures.artifacts) {
        const Artifact* known = bundle.find_artifact(artifact.id);
        artifact.in_bundle = known != nullptr;
        if (known == nullptr) {
            missing.push_back(artifact.id);
            continue;
        }
        artifact.title = text_in(known->title, phrases, bundle, artifact.id);
        if (known->images.empty()) continue;
        std::string error;
        artifact.picture =
            picture_thumbnail(bundle.path_of(known->images.front().file), kThumbnailSide, error);
        if (artifact.picture.empty()) problems.push_back(error);
    }
    if (missing.empty()) return;
    const char* pattern = phrases.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: a note at the top. {count} artifacts have feedback but are not in
        // the exhibition given with --bundle ({version} is its version); {ids} lists their ids.
        "{count, plural, one {# artifact with feedback is not in this version of the exhibition "
        "({version}) and is listed by its id: {ids}.} other {# artifacts with feedback are not in "
        "this version of the exhibition ({version}) and are listed by their ids: {ids}.}}");
    figures.notes.push_back(sentence(phrases, pattern,
                                     {{"count", static_cast<long long>(missing.size())},
                                      {"version", bundle.exhibition.version},
                                      {"ids", joined(missing)}}));
}

// Questions and answers in the order the kiosk asks them; any the bundle does
// not have after them, by id.
void label_survey(const Bundle& bundle, const Phrasebook& phrases, TourFigures& figures) {
    const auto& survey = bundle.exhibition.survey;
    auto position = [&](const std::string& id) {
        const auto it =
            std::find_if(survey.begin(), survey.end(), [&](const SurveyQuestion& q) { return q.id == id; });
        return static_cast<std::size_t>(it - survey.begin());
    };
    std::stable_sort(
        figures.questions.begin(), figures.questions.end(),
        [&](const QuestionFigures& a, const QuestionFigures& b) { return position(a.id) < position(b.id); });
    for (QuestionFigures& question : figures.questions) {
        const std::size_t at = position(question.id);
        if (at == survey.size()) continue;
        const SurveyQuestion& known = survey[at];
        question.text = text_in(known.question, phrases, bundle, question.id);
        auto option_position = [&](const std::string& id) {
            const auto it = std::find_if(known.options.begin(), known.options.end(),
                                         [&](const SurveyOption& o) { return o.id == id; });
            return static_cast<std::size_t>(it - known.options.begin());
        };
        for (AnswerFigures& answer : question.answers) {
            const std::size_t option = option_position(answer.id);
            if (option < known.options.size())
                answer.label = text_in(known.options[option].label, phrases, bundle, answer.id);
        }
        // A rating question's answers are 1..5, which sort as they are.
        std::stable_sort(question.answers.begin(), question.answers.end(),
                         [&](const AnswerFigures& a, const AnswerFigures& b) {
                             return option_position(a.id) < option_position(b.id);
                         });
    }
}

}  // namespace

void label_tour(const Bundle* bundle, const Phrasebook& phrases, TourFigures& figures,
                std::vector<std::string>& problems) {
    if (bundle == nullptr) {
        figures.notes.push_back(
            phrases.trc("organisers' report",
                        // TRANSLATORS: Organisers' report: a note at the top when no exhibition was given.
                        "No exhibition was given (--bundle), so artifacts and survey answers "
                        "are listed by their ids."));
        return;
    }
    figures.bundle_id = bundle->exhibition.id;
    figures.bundle_version = bundle->exhibition.version;
    figures.bundle_title = text_in(bundle->exhibition.title, phrases, *bundle, bundle->exhibition.id);
    label_artifacts(*bundle, phrases, figures, problems);
    label_survey(*bundle, phrases, figures);
}

}  // namespace amanat::report
