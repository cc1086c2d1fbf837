#pragma once
// Speech mode (docs/SPEECH.md): a blind or low-vision visitor uses the kiosk
// with a tactile keypad and headphones. The keypad's keys move a focus through
// the controls and texts each screen lists (ui::Frame::Control) in reading
// order, activate them, and the kiosk says what is in focus, announces each
// screen and reads stories aloud, paragraph after paragraph.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/visitors_voice.hpp"
#include "core/exhibition/bundle.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/visit/visitor_session.hpp"
#include "ui/frame.hpp"

namespace amanat {

// Render thread only. One per exhibition on show; the voice outlives it.
class SpeechMode {
  public:
    // `voice` null: no speech (espeak-ng did not start, or the venue turned it
    // off): keys do nothing, as before speech mode existed.
    SpeechMode(VisitorsVoice* voice, const Bundle& bundle, const KioskConfig& config);

    // The keys pressed since the last frame, by SDL's names: the keypad's are
    // kept for prepare(), the others ignored (no key leaves the kiosk).
    void hear_keys(const std::vector<std::string>& names);
    // Whether touches go to the buttons (false in speech mode: touch and hear).
    bool touches_reach_buttons(const VisitorSession& session) const;

    // Before the frame is drawn: the keys and touches since the last frame
    // become the focus, an activation, or the visitor's actions.
    void prepare(ui::Frame& frame, bool counting_down);
    // After it is drawn: a new screen announced, the focus kept on a control
    // that exists, a story read on, the voice's next piece started.
    void follow(ui::Frame& frame, bool counting_down);

    // Something is being said (the visit is not idle meanwhile).
    bool speaking() const;

  private:
    bool on(const VisitorSession& session) const { return m_voice != nullptr && session.speech_mode(); }
    void press(KeypadKey key, ui::Frame& frame, bool counting_down);
    void move_focus(int step, ui::Frame& frame);
    void select(ui::Frame& frame);
    void back(ui::Frame& frame);
    void change_rate(int step, ui::Frame& frame);
    void change_volume(int step, ui::Frame& frame);
    void touch_and_hear(ui::Frame& frame);
    void announce(ui::Frame& frame, bool counting_down);
    void read_on(ui::Frame& frame);
    const ui::Frame::Control* focused() const;
    std::vector<VisitorsVoice::Piece> describe(const ui::Frame::Control& control,
                                               const ui::Frame& frame) const;
    void say_focused(ui::Frame& frame);
    void say_words(const std::string& words, const ui::Frame& frame);
    VisitorsVoice::Piece piece(std::string text, const std::string& language) const;
    void focus_on(const std::string& id);
    void log_latency();

    VisitorsVoice* m_voice;
    const Bundle& m_bundle;
    const int m_volume_start;
    std::map<std::string, KeypadKey> m_keys;  // SDL key name -> keypad key
    std::vector<KeypadKey> m_pressed;         // since the last frame
    // When the last keypad key was heard, until its first sound reached the
    // audio device: logged (AMANAT_LOG_SPEECH=1) for the latency benchmark.
    std::optional<std::chrono::steady_clock::time_point> m_key_heard;

    std::vector<ui::Frame::Control> m_drawn;  // the last frame's, as drawn
    std::vector<ui::Frame::Control> m_order;  // the same, in reading order
    std::string m_focus;                      // a control's id; empty: none yet
    std::size_t m_focus_index = 0;            // where it was in m_order, should its id vanish
    std::string m_place;                      // ui::spoken_place of the last announcement
    std::uint64_t m_visitor = 0;
    bool m_started = false;          // speech mode began this visit: the help comes first
    bool m_reading = false;          // reading texts on, one after another (a story)
    bool m_in_help = false;          // the help was the last thing asked: Up and Down set the rate
    int m_say_again_after = 0;       // frames until an activated control is said again (its new state)
    Millis m_touch_hint_until = -1;  // the note after a tap (ui::Frame::touch_hint_until)
    ImVec2 m_touch_hint_at{};
};

}  // namespace amanat
