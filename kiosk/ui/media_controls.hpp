#pragma once

#include <map>
#include <string>

#include "core/exhibition/subtitles.hpp"
#include "ui/frame.hpp"

namespace amanat::ui {

// "1:05" for 65 000 ms.
std::string clock_text(Millis ms);

// A seek bar for what plays: a tap or a drag along it asks to seek there. While
// the finger is on it the knob follows the finger, not the player.
class SeekBar {
  public:
    void draw(Frame& frame, ImDrawList& draw, ImVec2 min, ImVec2 max);

  private:
    bool m_dragging = false;
    float m_drag_fraction = 0;
};

// The narration's controls under the artifact's picture: Listen / Pause, the
// seek bar, elapsed and total time, and the language of the audio when it is a
// fallback. Emits actions; plays nothing itself.
class NarrationBar {
  public:
    void draw(Frame& frame, const Artifact& artifact, ImVec2 min, ImVec2 max);

  private:
    SeekBar m_seek;
};

// The box a film is fitted into, from the top-left corner of a screen of size
// `screen`: all of it above the film's controls. The player is asked for frames
// of that size (MediaDesk), so that they are drawn unscaled.
ImVec2 film_area(ImVec2 screen, const ScreenMetrics& metrics);

// A film full screen over the artifact: the picture, subtitles drawn by the kiosk
// (so they follow large text and high contrast), play/pause, seek, captions and
// close. A film that cannot be played says so in the visitor's language.
class FilmOverlay {
  public:
    void draw(Frame& frame, const Artifact& artifact, std::size_t film);

  private:
    const SubtitleTrack* subtitles(Frame& frame, const LocalisedText& file);

    SeekBar m_seek;
    std::map<std::string, SubtitleTrack> m_tracks;  // parsed on first use
};

}  // namespace amanat::ui
