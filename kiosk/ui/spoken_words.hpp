#pragma once
// Speech mode's own words (docs/SPEECH.md): what each screen is when it
// appears, how a control is described, how the keypad works. In the visitor's
// language, through the kiosk's catalogs like every label.
#include <string>

#include "ui/frame.hpp"

namespace amanat::ui {

// What a control says: its label, its state and its role, "Large text, on, switch".
std::string spoken_control(const Frame::Control& control, const Phrasebook& phrases);

// What the screen shown is, said when it appears ("Gallery, 12 objects in 3
// sections"); empty where the first control says it all (the attract screen,
// the idle countdown).
std::string screen_announcement(Frame& frame, bool counting_down);

// Where the visitor is, as far as announcements go: a change of it is a new
// screen to announce (a rating given or a film paused is not).
std::string spoken_place(const VisitorSession& session, bool counting_down);

// How the keys work: said when speech mode starts, and on Help.
const char* keypad_help(const Phrasebook& phrases);

}  // namespace amanat::ui
