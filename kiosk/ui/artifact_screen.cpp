#include "ui/artifact_screen.hpp"

#include <algorithm>

#include "core/exhibition/bundle_folder.hpp"
#include "core/exhibition/script_languages.hpp"
#include "ui/faces.hpp"
#include "ui/toolbar.hpp"
#include "ui/widgets.hpp"

namespace amanat::ui {
namespace {

constexpr float kTranscriptPadMm = 5;

bool inside(ImVec2 min, ImVec2 max, float x, float y) {
    return x >= min.x && x < max.x && y >= min.y && y < max.y;
}

}  // namespace

void ArtifactScreen::reset() {
    m_layout_key.clear();
    m_text_scroll.scroll_to(0);
    m_shown = static_cast<std::size_t>(-1);
    m_zoom.reset();
}

const Story* ArtifactScreen::story(Frame& frame, const LocalisedText& file) {
    const std::string& path = *file.text;
    // The same file can be shown in two scripts (kk and the kk-Latn made from it).
    const std::string key = file.language + "|" + path;
    auto it = m_stories.find(key);
    if (it == m_stories.end()) {
        // Stories are a few kilobytes; reading one when the artifact opens is cheap.
        std::string content;
        std::string problem;
        Story parsed;
        if (BundleFolder(frame.bundle.root).read(path, 1 << 20, content, problem))
            parsed = parse_story(as_written_in(frame.bundle, file.language, path, std::move(content)));
        else
            frame.problems.push_back(path + ": cannot read this story: " + problem);
        for (const StoryNote& note : parsed.dropped) {
            // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict on
            // `":" + std::to_string(...)` here.
            std::string where = path;
            if (note.line > 0) where += ':' + std::to_string(note.line);
            frame.problems.push_back(where + ": " + note.message +
                                     " (run 'amanat pack validate' on the exhibition)");
        }
        it = m_stories.emplace(key, std::move(parsed)).first;
    }
    return &it->second;
}

void ArtifactScreen::lay_out_text(Frame& frame, float width) {
    const Artifact& artifact = frame.bundle.artifacts[frame.session.artifact()];
    const std::string key =
        artifact.id + "|" + frame.session.language() + "|" + (frame.session.narration() ? "narration|" : "") +
        std::to_string(static_cast<int>(frame.session.text_size())) + "|" + std::to_string(width);
    if (key == m_layout_key) return;
    m_layout_key = key;
    const FontSet& fonts = frame.fonts;
    m_title_source = frame.localise(artifact.title);
    m_title.layout_plain(m_title_source ? *m_title_source.text : artifact.id, fonts.title, width, 1.15f);
    const auto subtitle = frame.localise(artifact.subtitle);
    m_subtitle.layout_plain(subtitle ? *subtitle.text : "", fonts.italic, width);

    m_details.clear();
    const auto add = [&](const char* label, const LanguageMap& map) {
        const auto value = frame.localise(map);
        if (!value) return;
        Detail detail{frame.phrases.tr(label), {}, value, *value.text};
        detail.value.layout_plain(*value.text, fonts.body, width);
        m_details.push_back(std::move(detail));
    };
    // TRANSLATORS: Object's page: small label above the date or era the object comes from. One or two words.
    add(N_("Period"), artifact.period);
    LanguageMap origin;
    for (const auto& [language, place] : artifact.origin_place.entries()) {
        const std::string* people = artifact.origin_people.find(language);
        origin.set(language, people ? place + " \xE2\x80\x94 " + *people : place);
    }
    // TRANSLATORS: Object's page: small label above where the object comes from (place, and the people who
    // made it). One or two words.
    add(N_("Origin"), origin);
    // TRANSLATORS: Object's page: small label above what the object is made of. One or two words.
    add(N_("Materials"), artifact.materials);
    // TRANSLATORS: Object's page: small label above the object's size. One or two words.
    add(N_("Dimensions"), artifact.dimensions);
    // TRANSLATORS: Object's page: small label above the name of the museum or person who lent the object
    // (credit line). Keep short.
    add(N_("Lent by"), artifact.credit);
    if (!artifact.inventory_number.empty()) {
        LanguageMap number;
        number.set(frame.session.language(), artifact.inventory_number);
        // TRANSLATORS: Object's page: small label above the museum's inventory number of the object. Keep
        // short.
        add(N_("Inventory number"), number);
    }

    m_story_source = frame.localise(artifact.story);
    if (m_story_source) {
        m_story.layout_story(*story(frame, m_story_source), fonts, width);
    } else {
        m_story = RichText{};
    }
    // While the narration plays, what it says, in the visitor's language.
    m_transcript_source =
        frame.session.narration() ? frame.localise(artifact.narration.transcript) : LocalisedText{};
    if (m_transcript_source) {
        m_transcript.layout_story(*story(frame, m_transcript_source), fonts,
                                  width - 2 * frame.metrics.mm(kTranscriptPadMm));
    } else {
        m_transcript = RichText{};
    }
}

void ArtifactScreen::handle_picture_gestures(Frame& frame, ImVec2 min, ImVec2 max) {
    const Artifact& artifact = frame.bundle.artifacts[frame.session.artifact()];
    const std::size_t count = artifact.images.size();
    for (const Gesture& g : frame.gestures) {
        if (!frame.input_enabled || !inside(min, max, g.start_x, g.start_y)) continue;
        switch (g.kind) {
            case Gesture::Kind::DoubleTap:
                m_zoom.double_tap(g.x - (min.x + max.x) * 0.5f, g.y - (min.y + max.y) * 0.5f);
                break;
            case Gesture::Kind::PinchBegin:
                m_zoom.pinch_begin();
                break;
            case Gesture::Kind::Pinch:
                m_zoom.pinch(g.scale);
                break;
            case Gesture::Kind::PinchEnd:
                m_zoom.pinch_end();
                break;
            case Gesture::Kind::Drag:
                m_zoom.drag(g.dx, g.dy);
                break;
            case Gesture::Kind::Swipe:
                if (!m_zoom.zoomed() && count > 1 && std::abs(g.dx) > std::abs(g.dy)) {
                    const std::size_t current = frame.session.image();
                    frame.emit(VisitorAction::Kind::ShowImage,
                               g.dx < 0 ? (current + 1) % count : (current + count - 1) % count);
                }
                break;
            default:
                break;
        }
    }
}

// Speech mode: the picture's description (written for the ear, FORMAT.md), and
// which of how many it is; Select shows the next.
void ArtifactScreen::speak_picture(Frame& frame, ImVec2 min, ImVec2 max) {
    const Artifact& artifact = frame.bundle.artifacts[frame.session.artifact()];
    const std::size_t count = artifact.images.size();
    const std::size_t shown = std::min(frame.session.image(), count - 1);
    const auto alt = frame.localise(artifact.images[shown].alt);
    const std::string& which = frame.say(
        // TRANSLATORS: Speech mode (read aloud to blind visitors): said after a picture's description.
        // Keep {number} and {count}.
        "picture {number} of {count}",
        {{"number", static_cast<std::int64_t>(shown + 1)}, {"count", static_cast<std::int64_t>(count)}});
    // TRANSLATORS: Speech mode: said for a picture that has no description.
    frame.add_control("picture", alt ? *alt.text : frame.phrases.tr("A picture without a description"),
                      ControlRole::Picture, min, max, which, alt ? alt.language : std::string());
    if (frame.activates("picture") && count > 1)
        frame.emit(VisitorAction::Kind::ShowImage, (shown + 1) % count);
}

void ArtifactScreen::draw_pictures(Frame& frame, ImVec2 min, ImVec2 max) {
    const Artifact& artifact = frame.bundle.artifacts[frame.session.artifact()];
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    const std::size_t count = artifact.images.size();
    if (count == 0) return;
    const ArtifactImage& image = artifact.images[std::min(frame.session.image(), count - 1)];

    const float caption_h = fonts.small->FontSize * 1.5f;
    const float dots_h = count > 1 ? metrics.mm(8) : 0;
    const ImVec2 picture_max(max.x, max.y - caption_h - dots_h);
    m_zoom.set_box(picture_max.x - min.x, picture_max.y - min.y);
    handle_picture_gestures(frame, min, picture_max);

    draw.PushClipRect(min, picture_max, true);
    // At zoom 1 the picture as the page shows it (drawn 1:1); zoomed in, the
    // screen-sized one for its detail, the page's enlarged until it arrives.
    const ImVec2 box(picture_max.x - min.x, picture_max.y - min.y);
    const PictureTexture* picture = nullptr;
    if (m_zoom.zoomed()) picture = frame.pictures.get(image.file, PictureSize::Screen);
    if (picture == nullptr) picture = frame.pictures.get(image.file, PictureSize::Page, box);
    if (picture != nullptr) {
        const ImVec2 centre((min.x + picture_max.x) * 0.5f + m_zoom.pan_x(),
                            (min.y + picture_max.y) * 0.5f + m_zoom.pan_y());
        const ImVec2 half((picture_max.x - min.x) * 0.5f * m_zoom.zoom(),
                          (picture_max.y - min.y) * 0.5f * m_zoom.zoom());
        draw_picture(draw, *picture, ImVec2(centre.x - half.x, centre.y - half.y),
                     ImVec2(centre.x + half.x, centre.y + half.y), false);
    } else {
        draw_picture_placeholder(frame, draw, min, picture_max,
                                 frame.pictures.failed(image.file, PictureSize::Page));
    }
    draw.PopClipRect();
    speak_picture(frame, min, picture_max);
    // Neighbouring pictures load in the background, ready for a swipe.
    if (count > 1)
        frame.pictures.get(artifact.images[(frame.session.image() + 1) % count].file, PictureSize::Page, box);

    float y = picture_max.y + metrics.mm(2);
    if (const auto caption = frame.localise(image.caption)) {
        draw.AddText(fonts.small, fonts.small->FontSize, ImVec2(min.x, y), frame.theme.muted_text,
                     caption.text->c_str());
    }
    const char* hint =
        // TRANSLATORS: Object's page: small hint under the picture when the object has several pictures.
        // Keep short.
        frame.phrases.tr(count > 1 ? N_("Swipe for more pictures")
                                   // TRANSLATORS: Object's page: small hint under the picture when the
                                   // object has one picture. Keep short.
                                   : N_("Pinch or double-tap to zoom"));
    draw.AddText(fonts.small, fonts.small->FontSize, ImVec2(max.x - text_width(fonts.small, hint), y),
                 frame.theme.muted_text, hint);
    if (count > 1) {
        const float r = metrics.mm(1.5f);
        const float spacing = metrics.mm(6);
        float x = (min.x + max.x) * 0.5f - spacing * static_cast<float>(count - 1) * 0.5f;
        const float dot_y = max.y - dots_h * 0.5f;
        for (std::size_t i = 0; i < count; ++i, x += spacing) {
            if (i == frame.session.image())
                draw.AddCircleFilled(ImVec2(x, dot_y), r * 1.3f, frame.theme.accent);
            else
                draw.AddCircle(ImVec2(x, dot_y), r, frame.theme.muted_text, 0, 2);
        }
    }
}

void ArtifactScreen::draw_reaction(Frame& frame, ImVec2 min, ImVec2 max) {
    const Artifact& artifact = frame.bundle.artifacts[frame.session.artifact()];
    const int rating = frame.session.reaction(frame.session.artifact());
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const FontSet& fonts = frame.fonts;
    // "Thank you!" once the store has the rating (not merely when tapped), for a while.
    // The story scrolls under a short fade rather than being cut off at a line.
    const float fade = frame.metrics.mm(8);
    const float fade_bottom = min.y - frame.metrics.margin() * 0.5f;
    const ImU32 clear = frame.theme.background & ~IM_COL32_A_MASK;
    draw.AddRectFilledMultiColor(ImVec2(min.x, fade_bottom - fade), ImVec2(max.x, fade_bottom), clear, clear,
                                 frame.theme.background, frame.theme.background);
    const FeedbackView& feedback = frame.feedback;
    const bool thanked = rating > 0 && feedback.thanked_artifact == artifact.id && feedback.thanked_at >= 0 &&
                         frame.now - feedback.thanked_at < kReactionThanksMs;
    if (thanked) {
        frame.wake_by(feedback.thanked_at + kReactionThanksMs);
        draw.AddText(fonts.bold, fonts.body->FontSize, min, frame.theme.accent,
                     // TRANSLATORS: Artifact screen: shown in place of the question once the visitor's
                     // rating is saved. Two or three words.
                     frame.phrases.tr("Thank you!"));
    } else {
        draw.AddText(fonts.body, fonts.body->FontSize, min, frame.theme.muted_text,
                     // TRANSLATORS: Artifact screen: asks the visitor to rate the object with the row of
                     // faces below it (very unhappy to very happy). One short question.
                     frame.phrases.tr("How do you like this object?"));
    }
    const float faces_top = min.y + fonts.body->FontSize * 1.5f;
    const float faces_w = std::min(max.x - min.x, frame.metrics.touch_target() * 5 + frame.metrics.mm(12));
    if (const int tapped = draw_face_row(frame, "reaction", rating, ImVec2(min.x, faces_top),
                                         ImVec2(min.x + faces_w, max.y))) {
        frame.emit(VisitorAction::Kind::React, static_cast<std::size_t>(tapped));
    }
}

// Speech mode: the page's words as controls, read in order; the one in focus is
// scrolled into the text column's view.
void ArtifactScreen::speak_text(Frame& frame, const std::vector<SpokenText>& texts, ImVec2 column_min,
                                ImVec2 column_max) {
    for (const SpokenText& text : texts) {
        frame.add_control(text.id, text.words, text.role, text.min, text.max, {}, text.language);
        if (!frame.focuses(text.id)) continue;
        const float margin = frame.metrics.margin();
        if (text.min.y < column_min.y || text.max.y > column_max.y)
            m_text_scroll.scroll_to(
                std::max(0.0f, m_text_scroll.offset() + text.min.y - column_min.y - margin));
    }
}

// The title, subtitle, transcript (while the narration plays), details and
// story, in the scrolled column; each listed for speech mode.
void ArtifactScreen::draw_text_column(Frame& frame, ImVec2 text_min, ImVec2 text_max, float column_w) {
    const Artifact& artifact = frame.bundle.artifacts[frame.session.artifact()];
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    const float margin = metrics.margin();
    const float gap = metrics.mm(4);
    const float tag_h = fonts.small->FontSize * 1.6f;
    const ImU32 ink = frame.theme.text;
    const ImU32 accent = frame.theme.accent;
    draw.PushClipRect(text_min, text_max, true);
    float y = text_min.y + margin - m_text_scroll.offset();
    const float x = text_min.x;
    m_title.draw(draw, ImVec2(x, y), ink, accent, text_min.y, text_max.y);
    // What speech mode reads, in order: the title, the subtitle, the details, the story.
    std::vector<SpokenText> spoken;
    spoken.push_back({"title", m_title_source ? *m_title_source.text : artifact.id, m_title_source.language,
                      ControlRole::Heading, ImVec2(x, y), ImVec2(x + column_w, y + m_title.height())});
    y += m_title.height();
    if (m_title_source.is_fallback) {
        draw_language_tag(frame, draw, m_title_source, ImVec2(x, y));
        y += tag_h;
    }
    y += gap;
    m_subtitle.draw(draw, ImVec2(x, y), frame.theme.muted_text, accent, text_min.y, text_max.y);
    if (const auto subtitle = frame.localise(artifact.subtitle))
        spoken.push_back({"subtitle", *subtitle.text, subtitle.language, ControlRole::Text, ImVec2(x, y),
                          ImVec2(x + column_w, y + m_subtitle.height())});
    y += m_subtitle.height() + gap;
    if (m_transcript_source) {
        const float pad = metrics.mm(kTranscriptPadMm);
        float box_h = m_transcript.height() + 2 * pad;
        if (m_transcript_source.is_fallback) box_h += tag_h;
        draw.AddRectFilled(ImVec2(x, y), ImVec2(x + column_w, y + box_h), frame.theme.surface, metrics.mm(2));
        draw.AddRectFilled(ImVec2(x, y), ImVec2(x + metrics.mm(1.2f), y + box_h), accent);
        float ty = y + pad;
        if (m_transcript_source.is_fallback) {
            draw_language_tag(frame, draw, m_transcript_source, ImVec2(x + pad, ty));
            ty += tag_h;
        }
        m_transcript.draw(draw, ImVec2(x + pad, ty), ink, accent, text_min.y, text_max.y);
        y += box_h + gap;
    }
    draw.AddRectFilled(ImVec2(x, y - gap * 0.5f), ImVec2(x + column_w * 0.3f, y - gap * 0.5f + 3), accent);
    for (const Detail& detail : m_details) {
        draw.AddText(fonts.small, fonts.small->FontSize, ImVec2(x, y), frame.theme.muted_text,
                     detail.label.c_str());
        draw_language_tag(frame, draw, detail.source,
                          ImVec2(x + text_width(fonts.small, detail.label) + gap, y));
        const float detail_top = y;
        y += fonts.small->FontSize * 1.2f;
        detail.value.draw(draw, ImVec2(x, y), ink, accent, text_min.y, text_max.y);
        y += detail.value.height() + gap * 0.6f;
        spoken.push_back({"detail-" + std::to_string(spoken.size()), detail.label + ": " + detail.words,
                          detail.source.language, ControlRole::Text, ImVec2(x, detail_top),
                          ImVec2(x + column_w, y)});
    }
    y += gap;
    if (m_story_source.is_fallback) {
        draw_language_tag(frame, draw, m_story_source, ImVec2(x, y));
        y += tag_h;
    }
    y += gap;
    m_story.draw(draw, ImVec2(x, y), ink, accent, text_min.y, text_max.y);
    draw.PopClipRect();
    for (std::size_t i = 0; i < m_story.paragraphs().size(); ++i) {
        const RichText::Paragraph& paragraph = m_story.paragraphs()[i];
        spoken.push_back({"story-" + std::to_string(i + 1), paragraph.text, m_story_source.language,
                          paragraph.heading ? ControlRole::Heading : ControlRole::Text,
                          ImVec2(x, y + paragraph.top), ImVec2(x + column_w, y + paragraph.bottom)});
    }
    speak_text(frame, spoken, text_min, text_max);
}

void ArtifactScreen::draw(Frame& frame) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);
    if (frame.session.artifact() != m_shown) {
        m_shown = frame.session.artifact();
        m_text_scroll.scroll_to(0);
        m_zoom.reset();
    }
    if (frame.session.image() != m_shown_image) {
        m_shown_image = frame.session.image();
        m_zoom.reset();
    }
    const float top = draw_toolbar(frame, nullptr);

    const ScreenMetrics& metrics = frame.metrics;
    const float margin = metrics.margin();
    const float nav_h = metrics.touch_target();
    ImVec2 picture_min(margin, top + margin);
    ImVec2 picture_max;
    ImVec2 text_min;
    ImVec2 text_max(screen.x - margin, screen.y);
    if (metrics.portrait()) {
        picture_max = ImVec2(screen.x - margin, top + (screen.y - top) * 0.42f);
        text_min = ImVec2(margin, picture_max.y + margin);
        text_max.y = screen.y - nav_h - 2 * margin;
    } else {
        picture_max = ImVec2(screen.x * 0.5f, screen.y - nav_h - 2 * margin);
        text_min = ImVec2(picture_max.x + margin * 1.5f, top);
    }
    // Narration and films: one row each under the picture.
    const Artifact& artifact = frame.bundle.artifacts[frame.session.artifact()];
    const float row_h = metrics.touch_target();
    const float row_gap = metrics.mm(3);
    const std::size_t rows = (artifact.narration.audio.empty() ? 0 : 1) + artifact.videos.size();
    picture_max.y -= static_cast<float>(rows) * (row_h + row_gap);
    // Speech mode reaches the words first, then the pictures and what plays,
    // the faces, and the way on (then the toolbar).
    frame.control_rank = 2;
    draw_pictures(frame, picture_min, picture_max);
    float row_y = picture_max.y + row_gap;
    if (!artifact.narration.audio.empty()) {
        m_narration.draw(frame, artifact, ImVec2(picture_min.x, row_y), ImVec2(picture_max.x, row_y + row_h));
        row_y += row_h + row_gap;
    }
    for (std::size_t i = 0; i < artifact.videos.size(); ++i) {
        const auto title = frame.localise(artifact.videos[i].title);
        const std::string label =
            std::string("\xE2\x96\xB6  ") + (title ? *title.text : artifact.videos[i].id);
        const std::string id = "film-" + artifact.videos[i].id;
        if (touch_button(frame, id.c_str(), label.c_str(), ImVec2(picture_min.x, row_y),
                         ImVec2(picture_max.x - picture_min.x, row_h), frame.fonts.body,
                         ButtonStyle::Quiet)) {
            frame.emit(VisitorAction::Kind::OpenFilm, i);
        }
        row_y += row_h + row_gap;
    }

    // Previous / next artifact.
    const float nav_y = screen.y - nav_h - margin;
    // TRANSLATORS: Button at the bottom of an object's page: opens the previous object; an arrow (‹) is
    // shown before it. Keep short.
    const std::string previous = std::string("\xE2\x80\xB9  ") + frame.phrases.tr("Previous");
    // TRANSLATORS: Button at the bottom of an object's page: opens the next object; an arrow (›) is shown
    // after it. Keep short.
    const std::string next = std::string(frame.phrases.tr("Next")) + "  \xE2\x80\xBA";
    const float nav_w =
        std::max(text_width(frame.fonts.body, previous), text_width(frame.fonts.body, next)) + metrics.mm(12);
    const float nav_right = metrics.portrait() ? screen.x - margin : picture_max.x;
    frame.control_rank = 4;
    if (touch_button(frame, "artifact-previous", previous.c_str(), ImVec2(margin, nav_y),
                     ImVec2(nav_w, nav_h), frame.fonts.body, ButtonStyle::Quiet)) {
        frame.emit(VisitorAction::Kind::PreviousArtifact);
    }
    if (touch_button(frame, "artifact-next", next.c_str(), ImVec2(nav_right - nav_w, nav_y),
                     ImVec2(nav_w, nav_h), frame.fonts.body, ButtonStyle::Quiet)) {
        frame.emit(VisitorAction::Kind::NextArtifact);
    }

    frame.control_rank = 1;
    // The text column: readable width, scrolled by dragging; the reaction faces
    // stay under it, always in reach.
    const float column_w =
        std::min(text_max.x - text_min.x, metrics.reading_width(frame.session.text_size()));
    ImVec2 reaction_min;
    ImVec2 reaction_max;
    if (frame.feedback.asking) {
        const float reaction_h = frame.fonts.body->FontSize * 1.5f + metrics.touch_target();
        text_max.y -= reaction_h + margin;
        reaction_min = ImVec2(text_min.x, text_max.y + margin * 0.5f);
        reaction_max = ImVec2(text_min.x + column_w, reaction_min.y + reaction_h);
    }
    lay_out_text(frame, column_w);
    const FontSet& fonts = frame.fonts;
    const float gap = metrics.mm(4);
    float content_h = margin + m_title.height() + gap + m_subtitle.height() + gap;
    for (const Detail& detail : m_details)
        content_h += fonts.small->FontSize * 1.2f + detail.value.height() + gap * 0.6f;
    const float tag_h = fonts.small->FontSize * 1.6f;  // a language tag on its own line
    if (m_title_source.is_fallback) content_h += tag_h;
    if (m_story_source.is_fallback) content_h += tag_h;
    content_h += gap * 2 + m_story.height() + margin;
    if (m_transcript_source) {
        content_h += m_transcript.height() + 2 * metrics.mm(kTranscriptPadMm) + gap;
        if (m_transcript_source.is_fallback) content_h += tag_h;
    }
    m_text_scroll.set_extent(content_h, text_max.y - text_min.y);
    for (const Gesture& g : frame.gestures) {
        if (!frame.input_enabled || !inside(text_min, text_max, g.start_x, g.start_y)) continue;
        if (g.kind == Gesture::Kind::DragBegin) m_text_scroll.press(g.time);
        if (g.kind == Gesture::Kind::Drag) m_text_scroll.drag_by(-g.dy, g.time);
        if (g.kind == Gesture::Kind::DragEnd) m_text_scroll.release(g.time);
    }
    m_text_scroll.step(frame.now);
    if (m_text_scroll.animating()) frame.wake_by(frame.now + 16);
    frame.targets_moving |= m_text_scroll.animating() || m_text_scroll.pressed();

    draw_text_column(frame, text_min, text_max, column_w);
    frame.control_rank = 3;
    if (frame.feedback.asking) draw_reaction(frame, reaction_min, reaction_max);
    frame.control_rank = 1;
}

}  // namespace amanat::ui
