#include "app/media_desk.hpp"
#include "app/problem_log.hpp"

#include <chrono>
#include <cstdio>

namespace amanat {

MediaDesk::MediaDesk(const Bundle& bundle, platform::KioskWindow& window, int volume_percent, bool audio,
                     ImVec2 film_box)
    : m_bundle(bundle), m_window(window), m_bgra(window.prefers_bgra()) {
    m_options.volume_percent = volume_percent;
    m_options.audio = audio;
    m_options.bgra = m_bgra;
    // Without a GPU, a film is shown at its own size rather than enlarged: every
    // pixel is then converted once and copied, for half the CPU of 720p enlarged
    // to 1080p, and enlarging adds no detail (BENCHMARKS.md section 2).
    m_options.enlarge = !m_bgra;
    m_options.video_box_width = static_cast<int>(film_box.x);
    m_options.video_box_height = static_cast<int>(film_box.y);
}

void MediaDesk::start_player() {
    if (m_player) return;
    std::string error;
    platform::KioskWindow& window = m_window;
    m_player = media::MediaPlayer::create([&window] { window.wake(); }, m_options, error);
    if (!m_player) {
        std::fprintf(
            stderr,
            "amanat-kiosk: narration and films are off: %s; install VLC's plugins with "
            "packaging/install-deps (packages vlc-plugin-base, libvlc-bin), then restart the kiosk\n",
            error.c_str());
    }
}

MediaDesk::~MediaDesk() {
    m_player.reset();  // no more wake-ups before the texture and window go
    if (m_video.texture != nullptr) m_window.destroy_texture(m_video.texture);
}

void MediaDesk::follow(const VisitorSession& session, const std::vector<VisitorAction>& actions) {
    const MediaChoice wanted = choose_media(m_bundle, session);
    if (wanted.kind == m_playing.kind && wanted.file == m_playing.file) {
        // The same file for another reason (Russian falling back to the Kazakh
        // narration that is already playing): keep playing, update the tag.
        m_playing = wanted;
    } else {
        m_playing = wanted;
        m_failure_logged = false;
        m_logged_status = ui::MediaView::Status::Nothing;
        if (m_video.texture != nullptr) {
            m_window.destroy_texture(m_video.texture);
            m_video = {};
        }
        if (m_player) {
            if (wanted.kind == MediaChoice::Kind::Nothing) {
                m_player->stop();
            } else {
                m_player->open(m_bundle.root / wanted.file, wanted.kind == MediaChoice::Kind::Film);
                m_opened_at = std::chrono::steady_clock::now();
                m_first_frame_logged = false;
            }
        }
    }
    if (!m_player || m_playing.kind == MediaChoice::Kind::Nothing) return;
    for (const VisitorAction& action : actions) {
        if (action.kind == VisitorAction::Kind::TogglePause) {
            // A narration or film that has ended starts again from the beginning.
            if (m_player->state() == media::PlaybackState::Ended) {
                m_player->open(m_bundle.root / m_playing.file, m_playing.kind == MediaChoice::Kind::Film);
            } else {
                m_player->toggle_pause();
            }
        }
        if (action.kind == VisitorAction::Kind::Seek) m_player->seek(action.position);
    }
}

bool MediaDesk::play_test_sound(const std::filesystem::path& file) {
    if (!m_player) return false;
    // Recorded as what plays, so that the next follow() (staff mode closed)
    // sees a change and stops it.
    m_playing = MediaChoice{MediaChoice::Kind::Narration, file.string(), "", false};
    m_player->open(file, false);
    return true;
}

ui::MediaView::Status MediaDesk::status() const {
    if (m_playing.kind == MediaChoice::Kind::Nothing) return ui::MediaView::Status::Nothing;
    if (!m_player) return ui::MediaView::Status::Failed;
    switch (m_player->state()) {
        case media::PlaybackState::Idle:
        case media::PlaybackState::Opening:
            return ui::MediaView::Status::Opening;
        case media::PlaybackState::Playing:
            return ui::MediaView::Status::Playing;
        case media::PlaybackState::Paused:
            return ui::MediaView::Status::Paused;
        case media::PlaybackState::Ended:
            return ui::MediaView::Status::Ended;
        case media::PlaybackState::Failed:
            return ui::MediaView::Status::Failed;
    }
    return ui::MediaView::Status::Failed;
}

ui::MediaView MediaDesk::view(Millis now) {
    ui::MediaView view;
    view.choice = m_playing;
    view.status = status();
    if (view.status != m_logged_status) {
        // What plays, for staff reading the log and for the end-to-end tests.
        m_logged_status = view.status;
        if (view.status == ui::MediaView::Status::Playing) {
            std::fprintf(stderr, "amanat-kiosk: playing %s\n", m_playing.file.c_str());
        } else if (view.status == ui::MediaView::Status::Ended) {
            std::fprintf(stderr, "amanat-kiosk: finished %s\n", m_playing.file.c_str());
        }
    }
    if (view.status == ui::MediaView::Status::Nothing) return view;
    if (view.status == ui::MediaView::Status::Failed && !m_failure_logged) {
        m_failure_logged = true;
        log_problem("cannot play " + m_playing.file + ": " +
                    (m_player ? m_player->error() : std::string("libvlc is not available")));
    }
    if (!m_player) return view;
    view.length = m_player->length();
    view.position = m_player->position(now);
    if (m_playing.kind == MediaChoice::Kind::Film && m_player->take_frame(m_frame)) {
        if (m_video.texture != nullptr &&
            (m_video.width != m_frame.width || m_video.height != m_frame.height)) {
            m_window.destroy_texture(m_video.texture);
            m_video = {};
        }
        if (!m_first_frame_logged) {
            // Tap to picture: the target is 200 ms on the reference machine.
            m_first_frame_logged = true;
            const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - m_opened_at);
            std::fprintf(stderr, "amanat-kiosk: first frame of %s after %lld ms\n", m_playing.file.c_str(),
                         static_cast<long long>(waited.count()));
        }
        if (m_video.texture == nullptr) {
            m_video.texture =
                m_window.create_texture(m_frame.rgba.data(), m_frame.width, m_frame.height, m_bgra);
            m_video.width = m_frame.width;
            m_video.height = m_frame.height;
        } else {
            // m_frame is not touched again until the next take_frame(), which
            // comes with the next show_frame(): it may be lent.
            m_window.show_frame(m_video.texture, m_frame.rgba.data(), m_frame.width, m_frame.height, m_bgra);
        }
    }
    if (m_video.texture != nullptr) view.video = &m_video;
    return view;
}

bool MediaDesk::busy() const {
    const ui::MediaView::Status s = status();
    return s == ui::MediaView::Status::Opening || s == ui::MediaView::Status::Playing;
}

Millis MediaDesk::next_redraw(Millis now) const {
    // Films draw when their frames arrive (each wakes the loop); a narration's
    // seek bar and clock move smoothly at about 25 frames a second.
    if (m_playing.kind == MediaChoice::Kind::Narration && status() == ui::MediaView::Status::Playing)
        return now + 40;
    return -1;
}

}  // namespace amanat
