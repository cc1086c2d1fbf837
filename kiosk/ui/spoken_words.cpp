#include "ui/spoken_words.hpp"

#include <cstdint>
#include <set>

namespace amanat::ui {
namespace {

const char* role_word(ControlRole role, const Phrasebook& phrases) {
    switch (role) {
        case ControlRole::Button:
            // TRANSLATORS: Speech mode (read aloud to blind visitors): said after a button's label, e.g.
            // "Next, button". One word.
            return phrases.tr("button");
        case ControlRole::Toggle:
            // TRANSLATORS: Speech mode: said after a switch's label and state, e.g. "Large text, on,
            // switch". One word.
            return phrases.tr("switch");
        case ControlRole::Option:
            // TRANSLATORS: Speech mode: said after one of several answers to choose from, e.g. "Happy
            // face, option". One word.
            return phrases.tr("option");
        case ControlRole::Object:
            // TRANSLATORS: Speech mode: said after an exhibition object's name in the gallery; choosing it
            // opens the object's page. One or two words.
            return phrases.tr("object");
        case ControlRole::Heading:
            // TRANSLATORS: Speech mode: said after a heading (a section of the gallery, a title). One word.
            return phrases.tr("heading");
        case ControlRole::Picture:
            return "";  // "picture 1 of 3" is its state
        case ControlRole::Slider:
            // TRANSLATORS: Speech mode: said after the position in a narration or film, e.g. "1:20 / 3:05,
            // position". One word.
            return phrases.tr("position");
        case ControlRole::Text:
            return "";
    }
    return "";
}

std::string joined(std::string text, const std::string& more) {
    if (more.empty()) return text;
    if (!text.empty()) text += ", ";
    return text + more;
}

}  // namespace

std::string spoken_control(const Frame::Control& control, const Phrasebook& phrases) {
    return joined(joined(control.label, control.state), role_word(control.role, phrases));
}

std::string screen_announcement(Frame& frame, bool counting_down) {
    const VisitorSession& session = frame.session;
    if (counting_down || session.screen() == Screen::Attract) return "";
    // TRANSLATORS: Speech mode: said when the language screen or menu appears. One short sentence.
    if (session.language_menu_open() || session.screen() == Screen::LanguageChoice)
        return frame.phrases.tr("Choose your language");
    const Bundle& bundle = frame.bundle;
    switch (session.screen()) {
        case Screen::Gallery: {
            std::set<std::string> sections;
            for (const Artifact& artifact : bundle.artifacts) sections.insert(artifact.section);
            return frame.say(
                // TRANSLATORS: Speech mode: said when the gallery of objects appears. Keep {count} and
                // {sections} and the braces; write your language's plural forms (CLDR).
                "Gallery, {count, plural, one {# object} other {# objects}} in {sections, plural, "
                "one {# section} other {# sections}}",
                {{"count", static_cast<std::int64_t>(bundle.artifacts.size())},
                 {"sections", static_cast<std::int64_t>(sections.size())}});
        }
        case Screen::Artifact: {
            if (session.film()) {
                // TRANSLATORS: Speech mode: said when a film opens over the whole screen. One or two words.
                return frame.phrases.tr("Film");
            }
            // TRANSLATORS: Speech mode: said when an object's page opens, before its title. Keep {number}
            // and {count}.
            return frame.say("Object {number} of {count}",
                             {{"number", static_cast<std::int64_t>(session.artifact() + 1)},
                              {"count", static_cast<std::int64_t>(bundle.artifacts.size())}});
        }
        case Screen::Survey:
            // TRANSLATORS: Speech mode: said when a survey question appears. Keep {number} and {count}.
            return frame.say("Question {number} of {count}",
                             {{"number", static_cast<std::int64_t>(session.question() + 1)},
                              {"count", static_cast<std::int64_t>(bundle.exhibition.survey.size())}});
        default:
            return "";
    }
}

std::string spoken_place(const VisitorSession& session, bool counting_down) {
    std::string place = std::to_string(static_cast<int>(session.screen())) + '/' + session.language();
    if (session.screen() == Screen::Artifact) {
        place += "/artifact-" + std::to_string(session.artifact());
        if (const auto film = session.film()) place += "/film-" + std::to_string(*film);
    }
    if (session.screen() == Screen::Survey) place += "/question-" + std::to_string(session.question());
    if (session.language_menu_open()) place += "/languages";
    if (counting_down) place += "/countdown";
    return place;
}

const char* keypad_help(const Phrasebook& phrases) {
    return phrases.tr(
        // TRANSLATORS: Speech mode: the spoken help for blind visitors using the tactile keypad beside the
        // screen, said when they first press a key and when they press Help. The keys are Up, Down, Left,
        // Right, the round Select button in the middle, Home, Help and the volume keys. A few short
        // sentences, spoken.
        "Audio guide. Up and Down move from item to item. The round button in the middle chooses. Left goes "
        "back, Right says the item again, Home goes to the gallery of objects. The volume keys make me "
        "louder or quieter. After this help, Up and Down make me speak faster or slower.");
}

}  // namespace amanat::ui
