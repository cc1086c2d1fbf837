#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/exhibition/bundle.hpp"
#include "core/localisation/catalog.hpp"
#include "core/visit/clock.hpp"
#include "core/visit/gesture.hpp"
#include "core/visit/media_choice.hpp"
#include "core/visit/screen_metrics.hpp"
#include "core/visit/visitor_session.hpp"
#include "ui/formatted_phrases.hpp"
#include "ui/staff_view.hpp"
#include "ui/theme.hpp"
#include "ui/typeface.hpp"

namespace amanat::ui {

struct PictureTexture {
    ImTextureID texture = nullptr;
    int width = 0;
    int height = 0;
    bool opaque = false;  // known to have no transparent pixel: nothing drawn beneath it shows
};

// The size a picture is decoded at, so that it is drawn pixel for pixel where
// it is shown (without a GPU, scaling on the render thread is what costs):
// Card covers a gallery card's picture box; Screen fits the screen (a zoomed
// picture, the attract screen); Page fits the box given to get() (the artifact
// page's picture area, decided at its first request).
enum class PictureSize { Card, Screen, Page };

// Where screens get pictures: decoded off the render thread and cached as
// textures. get() never blocks: it returns nullptr until the picture is ready
// (and the loop is woken when it is), or when it cannot be shown.
class Pictures {
  public:
    virtual ~Pictures() = default;
    // `box`: the size in pixels a PictureSize::Page picture must fit (ignored for the others).
    virtual const PictureTexture* get(const std::string& bundle_path, PictureSize size, ImVec2 box) = 0;
    const PictureTexture* get(const std::string& bundle_path, PictureSize size) {
        return get(bundle_path, size, ImVec2(0, 0));
    }
    virtual bool failed(const std::string& bundle_path, PictureSize size) const = 0;
};

// What plays, as the screens see it: filled by the app from the media player
// before each frame. Screens read it and ask for changes with actions.
struct MediaView {
    enum class Status { Nothing, Opening, Playing, Paused, Ended, Failed };
    MediaChoice choice;  // what the session asked to play
    Status status = Status::Nothing;
    Millis position = 0;                    // interpolated, for a smooth seek bar
    Millis length = 0;                      // 0 until known
    const PictureTexture* video = nullptr;  // the film's latest frame, once one arrived
};

// What became of the visitor's feedback, as the screens see it: filled by the app
// from the feedback store's confirmations before each frame.
struct FeedbackView {
    bool asking = true;            // false when the venue turned feedback off: no faces, no survey
    std::string thanked_artifact;  // the artifact whose reaction was last saved...
    Millis thanked_at = -1;        // ...and when the kiosk heard so (-1: none yet)
    bool answers_saved = true;     // every survey answer given so far has been written
    std::string problem;           // for staff: why feedback is not being saved; empty when fine
};

// How long "Thank you!" replaces the reaction question once a rating is saved.
inline constexpr Millis kReactionThanksMs = 3000;

// What a control is, as speech mode says it after its label ("Large text, on,
// button"). Object: a gallery card; Text: a title, a detail or a paragraph of a
// story, read aloud; Picture: its description (alt).
enum class ControlRole { Button, Toggle, Option, Object, Heading, Text, Picture, Slider };

// Everything a screen reads to draw one frame, and where it puts what the visitor
// asked for. Screens never change the session themselves.
struct Frame {
    const Bundle& bundle;
    const VisitorSession& session;
    const TranslationCatalogs& catalogs;
    const Phrasebook& phrases;  // the visitor's language
    const FontSet& fonts;
    const Typeface& typeface;
    const Theme& theme;
    const ScreenMetrics& metrics;
    Pictures& pictures;
    Millis now;
    std::vector<Gesture> gestures;  // this frame's, for the screen underneath any overlay
    bool input_enabled = true;      // false while an overlay covers the screen
    MediaView media{};
    FeedbackView feedback{};
    const StaffView* staff = nullptr;  // staff mode, when the kiosk has it (null: never)
    // Time between the frames of a slow cross-fade (the attract screen's pictures):
    // 20 a second; 12.5 when frames are drawn in software, where each blends two
    // full-screen pictures on the CPU (a 2 s fade still has 25 steps of 4 %).
    Millis fade_step = 50;
    // Where phrases with numbers are formatted and kept; KioskUi::draw sets it.
    FormattedPhrases* formatted = nullptr;
    std::vector<VisitorAction> actions{};
    std::vector<StaffAction> staff_actions{};
    // What a screen met that staff should fix (a story with something the kiosk
    // leaves out): one line each, naming the file. The app logs them.
    std::vector<std::string> problems{};
    Millis wake_at = -1;  // when the screen next needs drawing (-1: only on input)
    // True while touch targets are moving (a finger on a scroll, a fling): the
    // recorded targets are not yet where a tap would find them.
    bool targets_moving = false;
    // Where each touch target was drawn this frame (id, min, max), for the
    // end-to-end tests, which tap targets by name. Null unless they ask for it.
    struct Target {
        std::string id;
        ImVec2 min, max;
    };
    std::vector<Target>* targets = nullptr;

    // Speech mode (docs/SPEECH.md): every control and text the screen shows, as a
    // blind visitor reaches them with the keypad's Up and Down and hears them.
    struct Control {
        std::string id;        // the touch target's id, or the text's own ("story-2", "title")
        std::string label;     // what is said first, in `language`
        std::string language;  // the label's language tag; empty: the visitor's
        ControlRole role = ControlRole::Button;
        std::string state;  // said after the label ("on", "selected", "picture 1 of 3"); may be empty
        ImVec2 min, max;    // where it is drawn; off screen while scrolled out of view
        int rank = 1;       // the order it is reached in: by rank, then as drawn
    };
    std::vector<Control>* controls = nullptr;  // null unless speech mode or a check asks for them
    int control_rank = 1;                      // the rank of the controls added now (the toolbar's: last)
    std::string focused{};    // the control speech mode is on: drawn with a thick ring, kept in view
    std::string activated{};  // the control Select (or a double tap) activated: it acts as if tapped

    // Speech mode's touch and hear: after a tap, a note beside the finger until
    // then, for a sighted visitor surprised that a tap only speaks (-1: none).
    Millis touch_hint_until = -1;
    ImVec2 touch_hint_at{};

    // Adds a control for speech mode, where touch targets are recorded (not under an overlay).
    void add_control(std::string id, std::string label, ControlRole role, ImVec2 min, ImVec2 max,
                     std::string state = {}, std::string language = {}) {
        if (controls == nullptr || !input_enabled) return;
        controls->push_back(Control{std::move(id), std::move(label), std::move(language), role,
                                    std::move(state), min, max, control_rank});
    }
    // Amends the control added last (a toggle's state, an option's "selected";
    // a label said otherwise than drawn, when `label` is not empty).
    void describe_last(ControlRole role, std::string state = {}, std::string label = {}) {
        if (controls == nullptr || controls->empty() || !input_enabled) return;
        controls->back().role = role;
        controls->back().state = std::move(state);
        if (!label.empty()) controls->back().label = std::move(label);
    }
    // The control added last is said in `language` (a language's own name).
    void speak_last_in(std::string language) {
        if (controls != nullptr && !controls->empty() && input_enabled)
            controls->back().language = std::move(language);
    }
    // True on the frame speech mode activates control `id`.
    bool activates(std::string_view id) const {
        return input_enabled && !activated.empty() && activated == id;
    }
    bool focuses(std::string_view id) const { return !focused.empty() && focused == id; }

    // A label that did not fit its button at its font size (see touch_button), for
    // `amanat l10n check` and the UI tests. Null unless they ask for it.
    struct Squeezed {
        std::string target;  // the button's id
        std::string label;
        float needed = 0;     // the label's width, pixels
        float available = 0;  // the room inside the button
    };
    std::vector<Squeezed>* squeezed = nullptr;
    void report_squeezed(std::string target, std::string label, float needed, float available) {
        if (squeezed != nullptr)
            squeezed->push_back({std::move(target), std::move(label), needed, available});
    }

    void record_target(std::string id, ImVec2 min, ImVec2 max) {
        if (targets != nullptr && input_enabled) targets->push_back(Target{std::move(id), min, max});
    }

    void emit(VisitorAction action) { actions.push_back(std::move(action)); }
    void emit(VisitorAction::Kind kind, std::size_t index = 0) {
        actions.push_back(VisitorAction(kind, index));
    }
    // Asks for another frame at `time` (or sooner, if someone else asked).
    void wake_by(Millis time) { wake_at = wake_at < 0 ? time : std::min(wake_at, time); }
    // A phrase with numbers, e.g. say("{count, plural, one {# object} other {# objects}}",
    // {{"count", 12}}), in the visitor's language by its CLDR plural rules.
    const std::string& say(const char* msgid, const std::vector<NamedArgument>& arguments) {
        static FormattedPhrases unkept;  // only for frames drawn outside KioskUi (render thread)
        return (formatted != nullptr ? *formatted : unkept).format(phrases, msgid, arguments);
    }

    // The text of `map` in the visitor's language, following the fallback chain.
    LocalisedText localise(const LanguageMap& map) const {
        return amanat::localise(map, session.language(), bundle.exhibition.fallback);
    }
};

}  // namespace amanat::ui
