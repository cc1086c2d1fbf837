#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/bundle.hpp"
#include "core/kiosk_config.hpp"

namespace amanat {

enum class Screen { Attract, LanguageChoice, Gallery, Artifact };

// What a visitor asked for, emitted by the screens and applied to the session
// after the frame is drawn (screens only read state).
struct VisitorAction {
    enum class Kind {
        Start,             // attract touched
        ChooseLanguage,    // `language`
        OpenLanguageMenu,  // the language switch over the current screen
        CloseLanguageMenu,
        OpenArtifact,  // `index` into Bundle::artifacts
        NextArtifact,
        PreviousArtifact,
        GoHome,       // the gallery
        ShowImage,    // `index` into the artifact's images
        SetTextSize,  // `text_size`
        ToggleContrast,
        StillHere,   // the idle overlay's "Continue"
        StartAgain,  // reset for the next visitor now
    };
    explicit VisitorAction(Kind kind, std::size_t index = 0) : kind(kind), index(index) {}
    static VisitorAction choose_language(std::string tag) {
        VisitorAction action(Kind::ChooseLanguage);
        action.language = std::move(tag);
        return action;
    }
    static VisitorAction set_text_size(TextSize size) {
        VisitorAction action(Kind::SetTextSize);
        action.text_size = size;
        return action;
    }

    Kind kind;
    std::string language;
    std::size_t index = 0;
    TextSize text_size = TextSize::Normal;
};

// One visitor's way through the exhibition: where they are, in which language,
// with which reading preferences. Reset to the attract screen, with every choice
// forgotten, when they leave. Render thread only.
class VisitorSession {
  public:
    VisitorSession(const Bundle& bundle, std::vector<std::string> languages, TextSize default_text_size);

    void apply(const VisitorAction& action);
    void reset();

    Screen screen() const { return m_screen; }
    const std::string& language() const { return m_language; }
    const std::vector<std::string>& languages() const { return m_languages; }
    TextSize text_size() const { return m_text_size; }
    bool high_contrast() const { return m_high_contrast; }
    bool language_menu_open() const { return m_language_menu_open; }
    std::size_t artifact() const { return m_artifact; }  // valid on Screen::Artifact
    std::size_t image() const { return m_image; }
    // Changes whenever the session is reset, so that screens can drop their own
    // state (scroll positions, zoom) for the next visitor.
    std::uint64_t visitor() const { return m_visitor; }

  private:
    const Bundle& m_bundle;
    std::vector<std::string> m_languages;
    TextSize m_default_text_size;
    Screen m_screen = Screen::Attract;
    std::string m_language;
    TextSize m_text_size;
    bool m_high_contrast = false;
    bool m_language_menu_open = false;
    std::size_t m_artifact = 0;
    std::size_t m_image = 0;
    std::uint64_t m_visitor = 1;
};

// The languages a venue offers: the config's list (those the bundle has), in the
// config's order, or the bundle's own list when the config gives none.
std::vector<std::string> offered_languages(const Exhibition& exhibition, const KioskConfig& config);

}  // namespace amanat
