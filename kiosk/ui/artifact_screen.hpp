#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/exhibition/story.hpp"
#include "core/visit/kinetic_scroll.hpp"
#include "core/visit/picture_zoom.hpp"
#include "ui/frame.hpp"
#include "ui/media_controls.hpp"
#include "ui/rich_text.hpp"

namespace amanat::ui {

// One artifact: its pictures (swipe between them, pinch or double-tap to zoom,
// drag to pan), title and details, and its story in a column of readable width,
// scrolled by dragging; previous and next artifact.
class ArtifactScreen {
  public:
    void draw(Frame& frame);
    void reset();
    bool animating() const { return m_text_scroll.animating(); }

  private:
    struct Detail {
        std::string label;
        RichText value;
        LocalisedText source;  // its text may point into a map made for the layout: use `words`
        std::string words;     // the value, as speech mode says it
    };
    // A text speech mode reads (the title, a detail, a paragraph of the story).
    struct SpokenText {
        std::string id;
        std::string words;
        std::string language;
        ControlRole role;
        ImVec2 min, max;
    };
    void speak_text(Frame& frame, const std::vector<SpokenText>& texts, ImVec2 column_min, ImVec2 column_max);
    void speak_picture(Frame& frame, ImVec2 min, ImVec2 max);
    void draw_text_column(Frame& frame, ImVec2 text_min, ImVec2 text_max, float column_w);
    void lay_out_text(Frame& frame, float width);
    void draw_reaction(Frame& frame, ImVec2 min, ImVec2 max);
    void draw_pictures(Frame& frame, ImVec2 min, ImVec2 max);
    void handle_picture_gestures(Frame& frame, ImVec2 min, ImVec2 max);
    const Story* story(Frame& frame, const LocalisedText& file);

    // What the text layout was made for; a change re-lays it out.
    std::string m_layout_key;
    RichText m_title;
    LocalisedText m_title_source;
    RichText m_subtitle;
    std::vector<Detail> m_details;
    RichText m_story;
    LocalisedText m_story_source;
    RichText m_transcript;  // shown while the narration plays
    LocalisedText m_transcript_source;
    NarrationBar m_narration;

    std::map<std::string, Story> m_stories;  // parsed on first view
    KineticScroll m_text_scroll;
    std::size_t m_shown = static_cast<std::size_t>(-1);
    std::size_t m_shown_image = 0;
    PictureZoom m_zoom;
};

}  // namespace amanat::ui
