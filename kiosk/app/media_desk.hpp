#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/visit/media_choice.hpp"
#include "core/visit/visitor_session.hpp"
#include "media/media_player.hpp"
#include "platform/kiosk_window.hpp"
#include "ui/frame.hpp"
#include "ui/media_controls.hpp"

namespace amanat {

// The kiosk's one media player, following the visitor: after each frame it opens
// what choose_media() says should play (or stops), and applies the frame's
// pause and seek actions; before each frame it hands the screens a MediaView,
// with the film's newest frame uploaded to a texture (only when a new one came).
// A file that cannot be played is logged once, with the file and the reason, and
// shown to the visitor as not available. Render thread only; the player's own
// threads only wake the window.
class MediaDesk {
  public:
    // Films are asked for at `film_box`'s size (ui::film_area), the size they are shown at.
    // The player itself (libvlc and its plugins) starts with start_player().
    MediaDesk(const Bundle& bundle, platform::KioskWindow& window, int volume_percent, bool audio,
              ImVec2 film_box);
    ~MediaDesk();
    MediaDesk(const MediaDesk&) = delete;
    MediaDesk& operator=(const MediaDesk&) = delete;

    // Starts libvlc: after the kiosk's first frame, so that starting it does not
    // delay what the visitor first sees, and before any input is handled. Until
    // then (and for good if libvlc cannot start) nothing plays.
    void start_player();
    // After the session has applied this frame's actions.
    void follow(const VisitorSession& session, const std::vector<VisitorAction>& actions);
    // Before drawing.
    ui::MediaView view(Millis now);
    // Staff's audio test: plays `file` (an absolute path) until follow() is next
    // called. False when there is no player.
    bool play_test_sound(const std::filesystem::path& file);
    // Something is playing (or about to): the idle countdown waits for it to end.
    bool busy() const;
    // When the screens next need drawing for the media's sake (a smooth seek bar
    // for narration; films wake the loop with each frame), or -1.
    Millis next_redraw(Millis now) const;

  private:
    ui::MediaView::Status status() const;

    const Bundle& m_bundle;
    platform::KioskWindow& m_window;
    bool m_bgra = false;  // the window takes B, G, R, A pixels as they are: films are asked for them
    media::PlayerOptions m_options;
    std::unique_ptr<media::MediaPlayer>
        m_player;           // null before start_player(), or when libvlc could not start
    MediaChoice m_playing;  // what the player was asked to play
    bool m_failure_logged = false;
    std::chrono::steady_clock::time_point m_opened_at;
    bool m_first_frame_logged = true;
    ui::MediaView::Status m_logged_status = ui::MediaView::Status::Nothing;
    media::VideoFrame m_frame;
    ui::PictureTexture m_video;  // the film's frame as a texture; null until one arrived
};

}  // namespace amanat
