#include "ui/media_controls.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/exhibition/bundle_folder.hpp"
#include "core/exhibition/script_languages.hpp"
#include "ui/widgets.hpp"

namespace amanat::ui {
namespace {

bool inside(ImVec2 min, ImVec2 max, float x, float y) {
    return x >= min.x && x < max.x && y >= min.y && y < max.y;
}

bool playing(const MediaView& media) {
    return media.status == MediaView::Status::Playing || media.status == MediaView::Status::Opening;
}

}  // namespace

std::string clock_text(Millis ms) {
    const long long seconds = std::max<Millis>(ms, 0) / 1000;
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld", seconds / 60, seconds % 60);
    return text;
}

void SeekBar::draw(Frame& frame, ImDrawList& draw, ImVec2 min, ImVec2 max) {
    const MediaView& media = frame.media;
    const float width = std::max(max.x - min.x, 1.0f);
    const auto fraction_at = [&](float x) { return std::clamp((x - min.x) / width, 0.0f, 1.0f); };
    for (const Gesture& g : frame.gestures) {
        if (!frame.input_enabled || media.length <= 0) break;
        const bool started_here = inside(min, max, g.start_x, g.start_y);
        if (g.kind == Gesture::Kind::DragBegin && started_here) m_dragging = true;
        if ((g.kind == Gesture::Kind::Drag || g.kind == Gesture::Kind::DragBegin) && m_dragging) {
            m_drag_fraction = fraction_at(g.x);
        }
        if ((g.kind == Gesture::Kind::DragEnd && m_dragging) ||
            (g.kind == Gesture::Kind::Tap && started_here)) {
            m_dragging = false;
            frame.emit(VisitorAction::seek(
                static_cast<long long>(fraction_at(g.x) * static_cast<float>(media.length))));
        }
    }
    frame.targets_moving |= m_dragging;
    const float shown =
        m_dragging ? m_drag_fraction
        : media.length > 0
            ? std::clamp(static_cast<float>(media.position) / static_cast<float>(media.length), 0.0f, 1.0f)
            : 0.0f;
    const float mid = (min.y + max.y) * 0.5f;
    const float track = frame.metrics.mm(1.5f);
    draw.AddRectFilled(ImVec2(min.x, mid - track), ImVec2(max.x, mid + track), frame.theme.muted_text, track);
    draw.AddRectFilled(ImVec2(min.x, mid - track), ImVec2(min.x + width * shown, mid + track),
                       frame.theme.accent, track);
    draw.AddCircleFilled(ImVec2(min.x + width * shown, mid), frame.metrics.mm(m_dragging ? 5.0f : 3.5f),
                         frame.theme.accent);
    // The whole bar's height is the touch target, though only its track is drawn.
    if (media.length > 0) {
        frame.record_target("seek-bar", min, max);
        frame.add_control("seek-bar", clock_text(media.position) + " / " + clock_text(media.length),
                          ControlRole::Slider, min, max);
    }
}

void NarrationBar::draw(Frame& frame, const Artifact& artifact, ImVec2 min, ImVec2 max) {
    if (artifact.narration.audio.empty()) return;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const MediaView& media = frame.media;
    const ScreenMetrics& metrics = frame.metrics;
    ImFont* font = frame.fonts.body;
    const bool ours = media.choice.kind == MediaChoice::Kind::Narration;
    const float h = max.y - min.y;
    // TRANSLATORS: Artifact screen: button under the picture that starts the spoken narration. One or two
    // words.
    const char* label = !ours            ? frame.phrases.tr("Listen")
                        : playing(media) ? frame.phrases.tr("Pause")
                                         : frame.phrases.tr("Play");
    const std::string text =
        std::string(ours && playing(media) ? "\xE2\x80\x96  " : "\xE2\x96\xB6  ") + label;
    const float button_w = std::max(text_width(font, text) + metrics.mm(12), metrics.mm(40));
    if (touch_button(frame, "narration-play", text.c_str(), min, ImVec2(button_w, h), font,
                     ButtonStyle::Primary)) {
        frame.emit(ours ? VisitorAction(VisitorAction::Kind::TogglePause)
                        : VisitorAction(VisitorAction::Kind::PlayNarration));
    }
    frame.describe_last(ControlRole::Button, frame.phrases.tr("Narration"));
    float x = min.x + button_w + metrics.mm(5);
    if (!ours) {
        // TRANSLATORS: Artifact screen: word beside the Listen button, saying what it plays. One word.
        const char* hint = frame.phrases.tr("Narration");
        draw.AddText(font, font->FontSize, ImVec2(x, min.y + (h - font->FontSize) * 0.5f),
                     frame.theme.muted_text, hint);
        return;
    }
    if (media.choice.fallback) {
        LocalisedText tag;
        tag.language = media.choice.language;
        tag.is_fallback = true;
        x +=
            draw_language_tag(frame, draw, tag, ImVec2(x, min.y + (h - frame.fonts.small->FontSize) * 0.5f)) +
            metrics.mm(4);
    }
    if (media.status == MediaView::Status::Failed) {
        draw.AddText(font, font->FontSize, ImVec2(x, min.y + (h - font->FontSize) * 0.5f), frame.theme.text,
                     // TRANSLATORS: Artifact screen: shown beside the Listen button when the narration
                     // cannot be played. One short sentence.
                     frame.phrases.tr("This narration is not available right now"));
        return;
    }
    const std::string time = clock_text(media.position) + " / " + clock_text(media.length);
    const float time_w = text_width(frame.fonts.small, "00:00 / 00:00");
    m_seek.draw(frame, draw, ImVec2(x, min.y), ImVec2(max.x - time_w - metrics.mm(4), max.y));
    draw.AddText(frame.fonts.small, frame.fonts.small->FontSize,
                 ImVec2(max.x - time_w, min.y + (h - frame.fonts.small->FontSize) * 0.5f),
                 frame.theme.muted_text, time.c_str());
}

const SubtitleTrack* FilmOverlay::subtitles(Frame& frame, const LocalisedText& file) {
    const std::string& path = *file.text;
    const std::string key = file.language + "|" + path;  // one file, maybe two scripts
    auto it = m_tracks.find(key);
    if (it == m_tracks.end()) {
        std::string content;
        std::string problem;
        SubtitleTrack track;
        if (BundleFolder(frame.bundle.root).read(path, 1 << 20, content, problem)) {
            const bool srt = path.size() >= 4 && path.compare(path.size() - 4, 4, ".srt") == 0;
            track = parse_subtitles(as_written_in(frame.bundle, file.language, path, std::move(content)),
                                    srt ? SubtitleFormat::SubRip : SubtitleFormat::WebVtt);
        }
        it = m_tracks.emplace(key, std::move(track)).first;
    }
    return &it->second;
}

ImVec2 film_area(ImVec2 screen, const ScreenMetrics& metrics) {
    const float bar_y = screen.y - metrics.touch_target() - metrics.margin() * 0.5f;
    return ImVec2(screen.x, bar_y - metrics.margin() * 0.5f);
}

void FilmOverlay::draw(Frame& frame, const Artifact& artifact, std::size_t film) {
    if (film >= artifact.videos.size()) return;
    const Video& video = artifact.videos[film];
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    const MediaView& media = frame.media;
    // No full-screen black fill: the renderer clears to black before every frame,
    // and without a GPU a redundant fill costs as much as drawing the film itself.

    // Controls along the bottom.
    const float bar_h = metrics.touch_target();
    const float margin = metrics.margin();
    const float bar_y = screen.y - bar_h - margin * 0.5f;
    const ImVec2 video_max = film_area(screen, metrics);
    if (media.video != nullptr) {
        // The player delivers frames at the size to show them (MediaDesk): one that
        // fits is drawn 1:1 in the middle, never enlarged here.
        const PictureTexture& video = *media.video;
        const float w = static_cast<float>(video.width);
        const float h = static_cast<float>(video.height);
        if (w <= video_max.x && h <= video_max.y) {
            const ImVec2 at(std::floor((video_max.x - w) * 0.5f), std::floor((video_max.y - h) * 0.5f));
            draw.AddImage(video.texture, at, ImVec2(at.x + w, at.y + h));
        } else {
            draw_picture(draw, video, ImVec2(0, 0), video_max, false);
        }
    } else if (media.status == MediaView::Status::Failed) {
        // TRANSLATORS: Film screen: shown instead of the film when it cannot be played. One short sentence.
        text_centred(draw, fonts.heading, frame.phrases.tr("This film is not available right now"),
                     screen.x * 0.5f, video_max.y * 0.45f, IM_COL32(255, 255, 255, 255));
    }
    if (const auto title = frame.localise(video.title)) {
        draw.AddText(fonts.heading, fonts.heading->FontSize, ImVec2(margin, margin * 0.5f),
                     IM_COL32(255, 255, 255, 200), title.text->c_str());
    }

    // Subtitles, in the visitor's language (or its fallback), drawn by us.
    if (frame.session.captions()) {
        if (const auto file = frame.localise(video.subtitles)) {
            const SubtitleTrack* track = subtitles(frame, file);
            if (const Cue* cue = track->at(media.position)) {
                ImFont* font = fonts.heading;
                const ImVec2 size =
                    font->CalcTextSizeA(font->FontSize, 1e9f, screen.x * 0.8f, cue->text.c_str());
                const float pad = metrics.mm(3);
                const ImVec2 at((screen.x - size.x) * 0.5f, video_max.y - size.y - pad * 3);
                const bool contrast = frame.session.high_contrast();
                draw.AddRectFilled(ImVec2(at.x - pad, at.y - pad),
                                   ImVec2(at.x + size.x + pad, at.y + size.y + pad),
                                   contrast ? IM_COL32(0, 0, 0, 255) : IM_COL32(0, 0, 0, 170), pad);
                draw.AddText(font, font->FontSize, at,
                             contrast ? frame.theme.accent : IM_COL32(255, 255, 255, 255), cue->text.c_str(),
                             nullptr, screen.x * 0.8f);
            }
        }
    }

    float x = margin;
    const auto button = [&](const char* id, const std::string& label,
                            ButtonStyle style = ButtonStyle::Quiet) {
        const float w = std::max(text_width(fonts.body, label) + metrics.mm(10), metrics.mm(22));
        const bool tapped =
            touch_button(frame, id, label.c_str(), ImVec2(x, bar_y), ImVec2(w, bar_h), fonts.body, style);
        x += w + metrics.mm(4);
        return tapped;
    };
    // TRANSLATORS: Button that pauses what is playing (narration or film). One word.
    const std::string pause_label = playing(media) ? std::string("\xE2\x80\x96  ") + frame.phrases.tr("Pause")
                                                   // TRANSLATORS: Button that resumes a paused narration or
                                                   // film. One word.
                                                   : std::string("\xE2\x96\xB6  ") + frame.phrases.tr("Play");
    if (button("film-play", pause_label, ButtonStyle::Primary)) frame.emit(VisitorAction::Kind::TogglePause);
    // TRANSLATORS: Film screen: button that closes the film and returns to the object. One word.
    const std::string close_label = std::string("\xC3\x97  ") + frame.phrases.tr("Close");
    // TRANSLATORS: Film screen: button that turns the film's subtitles on or off. One word.
    const std::string captions_label = frame.phrases.tr("Subtitles");
    const float right_w = text_width(fonts.body, close_label) + text_width(fonts.body, captions_label) +
                          metrics.mm(10) * 2 + metrics.mm(4) * 2;
    const float time_w = text_width(fonts.small, "00:00 / 00:00") + metrics.mm(4);
    m_seek.draw(frame, draw, ImVec2(x, bar_y), ImVec2(screen.x - margin - right_w - time_w, bar_y + bar_h));
    const std::string time = clock_text(media.position) + " / " + clock_text(media.length);
    draw.AddText(fonts.small, fonts.small->FontSize,
                 ImVec2(screen.x - margin - right_w - time_w + metrics.mm(2),
                        bar_y + (bar_h - fonts.small->FontSize) * 0.5f),
                 IM_COL32(255, 255, 255, 220), time.c_str());
    x = screen.x - margin - right_w + metrics.mm(4);
    if (!video.subtitles.empty()) {
        const float w = text_width(fonts.body, captions_label) + metrics.mm(10);
        if (touch_button(frame, "film-captions", captions_label.c_str(), ImVec2(x, bar_y), ImVec2(w, bar_h),
                         fonts.body, ButtonStyle::Quiet, frame.session.captions())) {
            frame.emit(VisitorAction::Kind::ToggleCaptions);
        }
        x += w + metrics.mm(4);
    }
    if (button("film-close", close_label)) frame.emit(VisitorAction::Kind::CloseFilm);
}

}  // namespace amanat::ui
