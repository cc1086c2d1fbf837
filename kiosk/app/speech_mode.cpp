#include "app/speech_mode.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "core/files/name_list.hpp"
#include "ui/spoken_words.hpp"

namespace amanat {
namespace {

// Texts are read, not activated: Select reads on from them, or pauses.
bool is_text(const ui::Frame::Control& control) {
    return control.role == ui::ControlRole::Text || control.role == ui::ControlRole::Heading;
}

bool contains(const ui::Frame::Control& control, float x, float y) {
    return x >= control.min.x && x < control.max.x && y >= control.min.y && y < control.max.y;
}

float area(const ui::Frame::Control& control) {
    return (control.max.x - control.min.x) * (control.max.y - control.min.y);
}

}  // namespace

SpeechMode::SpeechMode(VisitorsVoice* voice, const Bundle& bundle, const KioskConfig& config)
    : m_voice(config.speech.offered ? voice : nullptr),
      m_bundle(bundle),
      m_volume_start(config.speech.volume_percent) {
    for (const auto& [key, names] : config.speech.keys)
        for (const std::string& name : names) m_keys[ascii_lower(name)] = key;
}

void SpeechMode::hear_keys(const std::vector<std::string>& names) {
    if (m_voice == nullptr) return;
    for (const std::string& name : names) {
        if (const auto key = m_keys.find(ascii_lower(name)); key != m_keys.end()) {
            m_pressed.push_back(key->second);
            m_key_heard = std::chrono::steady_clock::now();
        }
    }
}

// Key to sound: from the key's event to the first sample of what it caused
// handed to the audio device, plus the device's buffer (BENCHMARKS.md).
void SpeechMode::log_latency() {
    if (!m_key_heard || !m_voice->logs()) return;
    const auto sound = m_voice->take_first_sound();
    if (!sound) return;
    const double ms = std::chrono::duration<double, std::milli>(*sound - *m_key_heard).count();
    m_key_heard.reset();
    std::fprintf(stderr,
                 "amanat-kiosk: speech: first sound %.1f ms after the key (and %.0f ms of device buffer)\n",
                 ms, m_voice->device_latency_ms());
}

bool SpeechMode::touches_reach_buttons(const VisitorSession& session) const {
    return !on(session);
}

bool SpeechMode::speaking() const {
    return m_voice != nullptr && m_voice->speaking();
}

void SpeechMode::prepare(ui::Frame& frame, bool counting_down) {
    if (m_voice == nullptr) return;
    const VisitorSession& session = frame.session;
    if (session.visitor() != m_visitor) {
        // A new visitor: nothing of the last one's speech mode stays, not even its voice.
        m_visitor = session.visitor();
        m_focus.clear();
        m_place.clear();
        m_started = m_reading = m_in_help = false;
        m_say_again_after = 0;
        m_touch_hint_until = -1;
        m_voice->hush();
        m_voice->set_rate(speech::RateStep::normal);
        m_voice->set_volume_percent(m_volume_start);
    }
    const bool staff = frame.staff != nullptr && frame.staff->phase != ui::StaffView::Phase::Closed;
    if (staff || frame.bundle.artifacts.empty()) {
        m_pressed.clear();
        return;
    }
    if (!session.speech_mode()) {
        // Any keypad key starts speech mode, from wherever the kiosk is.
        if (!m_pressed.empty()) {
            frame.emit(VisitorAction::Kind::StartSpeechMode);
            m_started = true;
            m_voice->expect_sound();
        }
        m_pressed.clear();
        return;
    }
    m_drawn.clear();
    frame.controls = &m_drawn;
    frame.focused = m_focus;
    frame.touch_hint_until = m_touch_hint_until;
    frame.touch_hint_at = m_touch_hint_at;
    std::vector<KeypadKey> pressed;
    pressed.swap(m_pressed);
    for (const KeypadKey key : pressed) press(key, frame, counting_down);
    touch_and_hear(frame);
}

void SpeechMode::press(KeypadKey key, ui::Frame& frame, bool counting_down) {
    m_voice->expect_sound();
    if (m_in_help && (key == KeypadKey::Up || key == KeypadKey::Down)) {
        change_rate(key == KeypadKey::Up ? 1 : -1, frame);
        return;
    }
    m_in_help = false;
    // "Press any key to continue": the countdown's own buttons are reached with Up, Down and Select.
    if (counting_down && key != KeypadKey::Up && key != KeypadKey::Down && key != KeypadKey::Select) {
        frame.emit(VisitorAction::Kind::StillHere);
        return;
    }
    switch (key) {
        case KeypadKey::Up:
            move_focus(-1, frame);
            break;
        case KeypadKey::Down:
            move_focus(1, frame);
            break;
        case KeypadKey::Select:
            select(frame);
            break;
        case KeypadKey::Back:
            back(frame);
            break;
        case KeypadKey::Right:
            say_focused(frame);
            break;
        case KeypadKey::Home:
            if (frame.session.language_menu_open()) {
                frame.emit(VisitorAction::Kind::CloseLanguageMenu);
            } else if (frame.session.screen() == Screen::Artifact ||
                       frame.session.screen() == Screen::Survey ||
                       frame.session.screen() == Screen::SurveyThanks) {
                frame.emit(VisitorAction::Kind::GoHome);
            } else {
                m_place.clear();  // here already: said again
            }
            break;
        case KeypadKey::Help:
            m_in_help = true;
            m_reading = false;
            say_words(ui::keypad_help(frame.phrases), frame);
            break;
        case KeypadKey::VolumeUp:
        case KeypadKey::VolumeDown:
            change_volume(key == KeypadKey::VolumeUp ? 1 : -1, frame);
            break;
    }
}

void SpeechMode::move_focus(int step, ui::Frame& frame) {
    if (m_order.empty()) return;
    const auto count = static_cast<long>(m_order.size());
    long index = static_cast<long>(std::min(m_focus_index, m_order.size() - 1));
    const auto found = std::find_if(m_order.begin(), m_order.end(),
                                    [&](const ui::Frame::Control& c) { return c.id == m_focus; });
    if (found != m_order.end())
        index = std::distance(m_order.begin(), found);
    else if (step > 0)
        index -= 1;  // the first step lands on the control where the vanished one was
    index = ((index + step) % count + count) % count;
    m_focus_index = static_cast<std::size_t>(index);
    focus_on(m_order[m_focus_index].id);
    frame.focused = m_focus;
    say_focused(frame);
}

// Select: a button acts as if tapped (and is said again once its state has
// changed); a text is read from, or the reading paused.
void SpeechMode::select(ui::Frame& frame) {
    const ui::Frame::Control* control = focused();
    if (control == nullptr) return;
    if (is_text(*control)) {
        m_reading = !m_reading;
        if (m_reading)
            say_focused(frame);
        else
            m_voice->hush();
        return;
    }
    m_reading = false;
    frame.activated = control->id;
    m_say_again_after = 2;  // the frame that acts, then the one that shows the outcome
}

void SpeechMode::back(ui::Frame& frame) {
    const VisitorSession& session = frame.session;
    if (session.language_menu_open()) {
        frame.emit(VisitorAction::Kind::CloseLanguageMenu);
    } else if (session.screen() == Screen::Artifact && session.film()) {
        frame.emit(VisitorAction::Kind::CloseFilm);
    } else if (session.screen() == Screen::Artifact || session.screen() == Screen::SurveyThanks) {
        frame.emit(VisitorAction::Kind::GoHome);
    } else if (session.screen() == Screen::Survey) {
        frame.emit(session.question() > 0 ? VisitorAction::Kind::PreviousQuestion
                                          : VisitorAction::Kind::GoHome);
    } else {
        m_place.clear();  // nowhere further back: where the visitor is, said again
    }
}

void SpeechMode::change_rate(int step, ui::Frame& frame) {
    const int rate = std::clamp(static_cast<int>(m_voice->rate()) + step, 0, 2);
    m_voice->set_rate(static_cast<speech::RateStep>(rate));
    // TRANSLATORS: Speech mode: said at the new speed after the visitor asked to speak faster. One word.
    say_words(step > 0 ? frame.phrases.tr("Faster")
                       // TRANSLATORS: Speech mode: said at the new speed after the visitor asked to speak
                       // slower. One word.
                       : frame.phrases.tr("Slower"),
              frame);
}

void SpeechMode::change_volume(int step, ui::Frame& frame) {
    m_voice->set_volume_percent(std::clamp(m_voice->volume_percent() + step * 15, 10, 100));
    // TRANSLATORS: Speech mode: said at the new volume after a volume key. One word.
    say_words(step > 0 ? frame.phrases.tr("Louder")
                       // TRANSLATORS: Speech mode: said at the new volume after a volume key. One word.
                       : frame.phrases.tr("Quieter"),
              frame);
}

// Touch and hear: a tap says what is under the finger and puts the focus
// there; a double tap activates what is in focus. Neither reaches the screens.
void SpeechMode::touch_and_hear(ui::Frame& frame) {
    std::vector<Gesture> kept;
    for (const Gesture& gesture : frame.gestures) {
        if (gesture.kind == Gesture::Kind::Tap) {
            const ui::Frame::Control* under = nullptr;
            for (const ui::Frame::Control& control : m_order)
                if (contains(control, gesture.x, gesture.y) &&
                    (under == nullptr || area(control) < area(*under)))
                    under = &control;
            m_touch_hint_until = frame.now + 3000;
            m_touch_hint_at = ImVec2(gesture.x, gesture.y);
            if (under != nullptr) {
                focus_on(under->id);
                frame.focused = m_focus;
                say_focused(frame);
            }
        } else if (gesture.kind == Gesture::Kind::DoubleTap) {
            select(frame);
        } else {
            kept.push_back(gesture);
        }
    }
    frame.gestures.swap(kept);
}

void SpeechMode::follow(ui::Frame& frame, bool counting_down) {
    if (m_voice == nullptr || !on(frame.session) || frame.controls != &m_drawn) return;
    m_order = m_drawn;
    std::stable_sort(
        m_order.begin(), m_order.end(),
        [](const ui::Frame::Control& a, const ui::Frame::Control& b) { return a.rank < b.rank; });
    const std::string place = ui::spoken_place(frame.session, counting_down);
    if (place != m_place) {
        m_place = place;
        announce(frame, counting_down);
    } else {
        if (focused() == nullptr && !m_order.empty()) {
            m_focus_index = std::min(m_focus_index, m_order.size() - 1);
            focus_on(m_order[m_focus_index].id);
            frame.wake_by(frame.now);  // the ring moves to it
        }
        if (m_say_again_after > 0 && --m_say_again_after == 0) say_focused(frame);
        read_on(frame);
    }
    m_voice->tick();
    log_latency();
}

// A new screen (or overlay): the help first if speech mode has just started,
// what the screen is, then its first control, in focus. An object's page is
// read on from its title.
void SpeechMode::announce(ui::Frame& frame, bool counting_down) {
    m_reading = false;
    m_say_again_after = 0;
    std::vector<VisitorsVoice::Piece> pieces;
    const std::string& language = frame.session.language();
    if (m_started) {
        m_started = false;
        pieces.push_back(piece(ui::keypad_help(frame.phrases), language));
    }
    pieces.push_back(piece(ui::screen_announcement(frame, counting_down), language));
    m_focus.clear();
    m_focus_index = 0;
    if (!m_order.empty()) {
        focus_on(m_order.front().id);
        for (VisitorsVoice::Piece& said : describe(m_order.front(), frame)) pieces.push_back(std::move(said));
        frame.wake_by(frame.now);  // the ring, on the next frame
    }
    m_voice->say(std::move(pieces));
    m_reading = frame.session.screen() == Screen::Artifact && !frame.session.film() && !counting_down &&
                !frame.session.language_menu_open();
}

// Reading on: once a text is said, the next one in reading order, while texts follow.
void SpeechMode::read_on(ui::Frame& frame) {
    if (!m_reading || m_voice->speaking()) return;
    const auto found = std::find_if(m_order.begin(), m_order.end(),
                                    [&](const ui::Frame::Control& c) { return c.id == m_focus; });
    if (found == m_order.end() || std::next(found) == m_order.end() || !is_text(*std::next(found))) {
        m_reading = false;
        return;
    }
    focus_on(std::next(found)->id);
    m_focus_index = static_cast<std::size_t>(std::distance(m_order.begin(), std::next(found)));
    frame.wake_by(frame.now);
    say_focused(frame);
}

// AMANAT_LOG_SPEECH=1 logs each move of the focus, by control id: the
// end-to-end tests find their way by it, as a visitor would by ear.
void SpeechMode::focus_on(const std::string& id) {
    if (id != m_focus && m_voice->logs())
        std::fprintf(stderr, "amanat-kiosk: speech focus: %s\n", id.c_str());
    m_focus = id;
}

const ui::Frame::Control* SpeechMode::focused() const {
    for (const ui::Frame::Control& control : m_order)
        if (control.id == m_focus) return &control;
    return nullptr;
}

// A control's label in its own language's voice (a language's name, a text in
// a fallback language), what it is and its state in the visitor's.
std::vector<VisitorsVoice::Piece> SpeechMode::describe(const ui::Frame::Control& control,
                                                       const ui::Frame& frame) const {
    const std::string& visitor = frame.session.language();
    if (control.language.empty() || control.language == visitor)
        return {piece(ui::spoken_control(control, frame.phrases), visitor)};
    ui::Frame::Control rest = control;
    rest.label.clear();
    return {piece(control.label, control.language), piece(ui::spoken_control(rest, frame.phrases), visitor)};
}

void SpeechMode::say_focused(ui::Frame& frame) {
    if (const ui::Frame::Control* control = focused()) m_voice->say(describe(*control, frame));
}

void SpeechMode::say_words(const std::string& words, const ui::Frame& frame) {
    m_voice->say({piece(words, frame.session.language())});
}

VisitorsVoice::Piece SpeechMode::piece(std::string text, const std::string& language) const {
    return VisitorsVoice::Piece{std::move(text), language, m_bundle.exhibition.fallback.chain(language)};
}

}  // namespace amanat
