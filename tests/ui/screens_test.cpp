// Draws every visitor screen, in every offered language and both text sizes, with
// Dear ImGui headless (no window, no GPU), against the real sample exhibition and
// the real catalogs and fonts. Fails on any glyph missing from the font atlas,
// and on any ImGui assertion (which aborts the test).
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "core/pictures/image_loader.hpp"
#include "headless_kiosk.hpp"
#include "ui/display_text.hpp"
#include "ui/gallery_screen.hpp"
#include "ui/localisation_check.hpp"
#include "ui/rich_text.hpp"
#include "ui/screen_tour.hpp"
#include "ui/widgets.hpp"

using namespace amanat;
using amanat::testing::HeadlessKiosk;

namespace {

Gesture tap(float x, float y) {
    Gesture g;
    g.kind = Gesture::Kind::Tap;
    g.x = g.start_x = x;
    g.y = g.start_y = y;
    return g;
}

}  // namespace

TEST_CASE("ui: the font atlas has every glyph of the sample and the catalogs") {
    HeadlessKiosk kiosk(1920, 1080);
    const std::string text = ui::display_text(*kiosk.bundle, kiosk.catalogs);
    const auto missing = kiosk.typeface.missing_glyphs(text);
    std::string list;
    for (unsigned c : missing) list += std::to_string(c) + " ";
    CHECK_MESSAGE(missing.empty(), "code points missing from the atlas: " << list);
    // Film subtitles are drawn by the kiosk too, so their letters are in the atlas:
    // a line of the yurt film's Korean subtitles.
    CHECK(text.find("격자 벽이 둥글게 세워집니다") != std::string::npos);
    CHECK(kiosk.typeface.missing_glyphs("격자 벽이 둥글게 세워집니다").empty());
}

TEST_CASE("ui: every letter of the tour's languages renders when a text uses it") {
    // The atlas holds exactly the glyphs the texts use: a bundle that uses these
    // letters must get every one of them, in every face and both sizes.
    const std::string letters =
        "ӘәҒғҚқҢңӨөҰұҮүҺһІі ЁёЖжЩщЪъЫыЭэЮюЯя ĞğIıİiŞşÇçÖöÜü Ĳĳ ÄäËëÏï 한국어 안녕하세요";
    ImGui::CreateContext();
    ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
    const ScreenMetrics metrics = ScreenMetrics::measure(1920, 1080, 92.0f, KioskConfig{});
    ui::Typeface typeface;
    std::string error;
    REQUIRE_MESSAGE(typeface.build(letters, metrics, error), error);
    CHECK(typeface.missing_glyphs(letters).empty());
    // ...and only those, plus ASCII: a letter no text uses is not rasterised.
    CHECK(typeface.missing_glyphs("Ж").empty());
    CHECK_FALSE(typeface.missing_glyphs("Ѳ").empty());
    ImGui::DestroyContext();
}

TEST_CASE("ui: control characters and a NUL in the atlas's text leave every face loaded (issue 19)") {
    // A NUL once ended the glyph ranges, every face came out empty, and ImGui
    // aborted the kiosk on `font->IsLoaded()`. Texts are cleaned when read; the
    // atlas must not depend on it.
    using namespace std::string_literals;
    const std::string hostile = "Continuity\0 of\x01 Traditions\x7F \xC2\x85 \xEF\xBF\xBF Қобыз"s;
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini left behind
    ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
    const ScreenMetrics metrics = ScreenMetrics::measure(1280, 720, 92.0f, KioskConfig{});
    ui::Typeface typeface;
    std::string error;
    REQUIRE_MESSAGE(typeface.build(hostile, metrics, error), error);
    for (const TextSize size : {TextSize::Normal, TextSize::Large}) {
        const ui::FontSet& set = typeface.at(size);
        for (const ImFont* font :
             {set.body, set.bold, set.italic, set.bold_italic, set.heading, set.title, set.small})
            CHECK(font->IsLoaded());
    }
    CHECK(typeface.missing_glyphs("Continuity of Traditions Қобыз").empty());
    ImGui::NewFrame();
    ImGui::PushFont(typeface.at(TextSize::Normal).body);  // where the assertion fired
    ImGui::PopFont();
    ImGui::EndFrame();
    ImGui::DestroyContext();
}

namespace {

// Every touch target of the last frame at least 15 mm each way, on screen, and
// not overlapping another (the attract screen is one big target).
void check_touch_targets(const HeadlessKiosk& kiosk, int width, int height) {
    const auto& targets = kiosk.targets;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& t = targets[i];
        CAPTURE(t.id);
        CHECK(t.max.x - t.min.x >= kiosk.metrics.mm(15));
        CHECK(t.max.y - t.min.y >= kiosk.metrics.mm(15));
        CHECK(t.min.x >= 0);
        CHECK(t.min.y >= 0);
        CHECK(t.max.x <= static_cast<float>(width));
        CHECK(t.max.y <= static_cast<float>(height));
        for (std::size_t j = i + 1; j < targets.size(); ++j) {
            const auto& u = targets[j];
            CAPTURE(u.id);
            CHECK_FALSE((t.min.x < u.max.x && u.min.x < t.max.x && t.min.y < u.max.y && u.min.y < t.max.y));
        }
    }
}

}  // namespace

TEST_CASE("ui: every screen in every language and both text sizes, landscape and portrait") {
    for (const auto& [width, height] :
         std::vector<std::pair<int, int>>{{1920, 1080}, {1080, 1920}, {3840, 2160}}) {
        HeadlessKiosk kiosk(width, height);
        const auto languages = offered_languages(kiosk.bundle->exhibition, KioskConfig{});
        for (const std::string& language : languages) {
            for (TextSize size : {TextSize::Normal, TextSize::Large}) {
                CAPTURE(width);
                CAPTURE(language);
                CAPTURE(static_cast<int>(size));
                VisitorSession session(*kiosk.bundle, languages, size);
                Millis now = 1000;
                ui::tour_visitor_screens(*kiosk.bundle, session, kiosk.idle, now, language,
                                         [&](const std::string& screen) {
                                             CAPTURE(screen);
                                             kiosk.frame(session, now);
                                             check_touch_targets(kiosk, width, height);
                                         });
                CHECK(session.screen() == Screen::SurveyThanks);
            }
        }
    }
}

TEST_CASE("ui: a tap on a gallery card opens that artifact, and a tap on attract starts") {
    HeadlessKiosk kiosk(1920, 1080);
    VisitorSession session(*kiosk.bundle, kiosk.bundle->exhibition.languages, TextSize::Normal);
    kiosk.idle.touch(0);
    auto actions = kiosk.frame(session, 10, {tap(960, 540)});
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::Start);
    session.apply(actions[0]);
    session.apply(VisitorAction::choose_language("en"));
    kiosk.frame(session, 20);  // lays out the cards
    // The first card sits below the toolbar, the hint and the first section's heading.
    const float y = kiosk.metrics.touch_target() + kiosk.metrics.mm(6) * 2 +
                    kiosk.metrics.body_text(TextSize::Normal) * 1.6f +
                    kiosk.metrics.heading_text(TextSize::Normal) * 1.5f + kiosk.metrics.mm(30);
    actions = kiosk.frame(session, 30, {tap(kiosk.metrics.margin() + 20, y)});
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::OpenArtifact);
    CHECK(actions[0].index == 0);
}

TEST_CASE("ui: a story wraps at spaces only, never between a bold word and its comma") {
    HeadlessKiosk kiosk(1920, 1080);
    const ui::FontSet& fonts = kiosk.typeface.at(TextSize::Normal);
    const auto width_of = [](ImFont* font, const char* text) {
        return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text).x;
    };
    // Room for "made of horsehair" but not for the comma after it.
    const float width = width_of(fonts.body, "made of ") + width_of(fonts.bold, "horsehair") + 1;
    ui::RichText text;
    text.layout_story(parse_story("made of **horsehair**, so it sings"), fonts, width);
    float horsehair_y = -1;
    float comma_y = -2;
    for (const auto& run : text.runs()) {
        if (run.text.find("horsehair") != std::string::npos) horsehair_y = run.y;
        if (run.text.find(',') != std::string::npos) comma_y = run.y;
    }
    CHECK(horsehair_y > 0);  // moved to the second line with its comma
    CHECK(horsehair_y == comma_y);
    for (const auto& run : text.runs()) CHECK(run.x + width_of(run.font, run.text.c_str()) <= width + 40);
}

namespace {

// Draws frames, applying what the screens ask for, as the kiosk's loop does.
struct Visit {
    HeadlessKiosk kiosk{1920, 1080};
    VisitorSession session{*kiosk.bundle, kiosk.bundle->exhibition.languages, TextSize::Normal};
    Millis now = 1000;

    Visit() {
        kiosk.idle.touch(now);
        kiosk.frame(session, now);
    }
    std::vector<VisitorAction> frame(std::vector<Gesture> gestures = {}) {
        if (!gestures.empty()) kiosk.idle.notice_input(now);
        auto actions = kiosk.frame(session, now += 16, std::move(gestures));
        for (const VisitorAction& action : actions) session.apply(action);
        if (!actions.empty()) kiosk.idle.touch(now);
        kiosk.frame(session, now += 16);  // the new state drawn, its targets recorded
        return actions;
    }
    // A finger on target `id` and off again, as the kiosk sees it: Dear ImGui's
    // buttons through its mouse (SDL turns touches into mouse events), the
    // screens' own gestures through the recogniser, which reports the tap on release.
    std::vector<VisitorAction> tap(const std::string& id) {
        const Gesture tap = kiosk.tap_on(id);
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(tap.x, tap.y);  // ImGui 1.86: state, not events
        io.MouseDown[0] = true;
        auto actions = frame();
        io.MouseDown[0] = false;
        for (VisitorAction& action : frame({tap})) actions.push_back(std::move(action));
        return actions;
    }
};

Gesture swipe(float x, float y, float dx) {
    Gesture g;
    g.kind = Gesture::Kind::Swipe;
    g.start_x = x;
    g.start_y = y;
    g.x = x + dx;
    g.y = y;
    g.dx = dx;
    return g;
}

}  // namespace

TEST_CASE("ui: the language switch keeps the visitor on the same artifact") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-en");
    visit.tap("card-dombra");
    REQUIRE(visit.session.screen() == Screen::Artifact);
    const std::size_t dombra = visit.session.artifact();
    visit.tap("toolbar-language");
    CHECK(visit.session.language_menu_open());
    visit.tap("language-kk");
    CHECK(visit.session.language() == "kk");
    CHECK(visit.session.screen() == Screen::Artifact);
    CHECK(visit.session.artifact() == dombra);
    CHECK_FALSE(visit.session.language_menu_open());
}

TEST_CASE("ui: the toolbar's text size and contrast buttons toggle, and Home returns to the gallery") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-nl");
    visit.tap("card-kobyz");
    visit.tap("toolbar-text-size");
    CHECK(visit.session.text_size() == TextSize::Large);
    visit.tap("toolbar-contrast");
    CHECK(visit.session.high_contrast());
    visit.tap("toolbar-text-size");
    CHECK(visit.session.text_size() == TextSize::Normal);
    visit.tap("toolbar-home");
    CHECK(visit.session.screen() == Screen::Gallery);
    CHECK(visit.session.high_contrast());  // a reading preference, kept until the visitor leaves
}

TEST_CASE("ui: a swipe on a picture shows the artifact's next picture, previous and next change artifact") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-en");
    visit.tap("card-dombra");  // two pictures
    REQUIRE(visit.kiosk.bundle->artifacts[visit.session.artifact()].images.size() == 2);
    // The picture fills the left half of the screen below the toolbar.
    visit.frame({swipe(500, 500, -300)});
    CHECK(visit.session.image() == 1);
    visit.frame({swipe(500, 500, 300)});
    CHECK(visit.session.image() == 0);
    const std::size_t dombra = visit.session.artifact();
    visit.tap("artifact-next");
    CHECK(visit.session.artifact() != dombra);
    visit.tap("artifact-previous");
    CHECK(visit.session.artifact() == dombra);
}

TEST_CASE(
    "ui: the artifact page asks for its picture at the size it shows it, the screen's only when zoomed") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-en");
    visit.tap("card-dombra");  // two pictures: the next one is asked for too, at the same size
    const auto& images = visit.kiosk.bundle->artifacts[visit.session.artifact()].images;
    REQUIRE(images.size() == 2);
    visit.frame();
    auto asked = [&visit](const std::string& path,
                          ui::PictureSize size) -> const amanat::testing::NoPictures::Request* {
        for (const auto& r : visit.kiosk.pictures.requests)
            if (r.path == path && r.size == size) return &r;
        return nullptr;
    };
    const amanat::testing::NoPictures::Request* shown = asked(images[0].file, ui::PictureSize::Page);
    const amanat::testing::NoPictures::Request* next = asked(images[1].file, ui::PictureSize::Page);
    REQUIRE(shown != nullptr);
    REQUIRE(next != nullptr);
    // The picture area: the left half of the screen, below the toolbar.
    CHECK(shown->box.x > 600);
    CHECK(shown->box.x < 960);
    CHECK(shown->box.y > 400);
    CHECK(shown->box.y < 1080);
    CHECK(next->box.x == shown->box.x);
    CHECK(next->box.y == shown->box.y);
    CHECK(asked(images[0].file, ui::PictureSize::Screen) == nullptr);

    Gesture zoom_in = tap(500, 500);
    zoom_in.kind = Gesture::Kind::DoubleTap;
    visit.frame({zoom_in});
    visit.frame();
    CHECK(asked(images[0].file, ui::PictureSize::Screen) != nullptr);
}

TEST_CASE("ui: a gallery card's picture, decoded to cover its box, is drawn at exactly its own size") {
    // Without a GPU a picture drawn at another size than its own is scaled on the
    // render thread each time its card scrolls into view: the box is whole pixels,
    // so the loader's cover_box() picture is drawn 1:1 whatever the picture's shape.
    ImGui::CreateContext();
    struct Screen {
        int width, height;
        float dpi;
    };
    for (const Screen screen : {Screen{1920, 1080, 92}, Screen{1366, 768, 100}, Screen{1280, 800, 150},
                                Screen{3840, 2160, 160}, Screen{1080, 1920, 92}}) {
        const ScreenMetrics metrics = ScreenMetrics::measure(screen.width, screen.height, screen.dpi, {});
        const ImVec2 box = ui::card_picture_box(metrics, static_cast<float>(screen.width));
        CAPTURE(screen.width);
        CAPTURE(box.x);
        CAPTURE(box.y);
        CHECK(box.x == std::floor(box.x));
        CHECK(box.y == std::floor(box.y));
        // Sources larger than the box (a smaller one is shown enlarged, scaled once).
        for (const ImageSize source : {ImageSize{1600, 1200}, ImageSize{1200, 1600}, ImageSize{1920, 1080},
                                       ImageSize{2400, 2400}, ImageSize{1601, 1203}, ImageSize{4000, 900}}) {
            const ImageSize picture = cover_box(source, static_cast<int>(box.x), static_cast<int>(box.y));
            CAPTURE(source.width);
            CAPTURE(source.height);
            ImDrawList list(ImGui::GetDrawListSharedData());
            list._ResetForNewFrame();
            list.PushClipRectFullScreen();
            // At a fractional scroll position, as while the gallery moves.
            const ImVec2 min(41.0f, 100.37f);
            ui::draw_picture(list, ui::PictureTexture{&list, picture.width, picture.height, true}, min,
                             ImVec2(min.x + box.x, min.y + box.y), true, IM_COL32_WHITE);
            REQUIRE(list.VtxBuffer.Size == 4);
            const ImDrawVert& top_left = list.VtxBuffer[0];
            const ImDrawVert& bottom_right = list.VtxBuffer[2];
            // The whole picture at the scale drawn, in pixels: its own size.
            const float drawn_w = (bottom_right.pos.x - top_left.pos.x) / (bottom_right.uv.x - top_left.uv.x);
            const float drawn_h = (bottom_right.pos.y - top_left.pos.y) / (bottom_right.uv.y - top_left.uv.y);
            CHECK(std::abs(drawn_w - static_cast<float>(picture.width)) < 0.01f);
            CHECK(std::abs(drawn_h - static_cast<float>(picture.height)) < 0.01f);
        }
    }
    ImGui::DestroyContext();
}

TEST_CASE("ui: the idle overlay's Continue keeps the visit, Start again resets it") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-tr");
    visit.tap("card-saukele");
    visit.now += 90'000 + 2'000;  // the sample's idle timeout has passed: the countdown shows
    visit.frame();
    visit.tap("idle-continue");
    CHECK(visit.session.screen() == Screen::Artifact);
    CHECK(visit.session.language() == "tr");
    visit.now += 90'000 + 2'000;
    visit.frame();
    visit.tap("idle-start-again");
    CHECK(visit.session.screen() == Screen::Attract);
    CHECK(visit.session.language() == visit.kiosk.bundle->exhibition.languages.front());
}

TEST_CASE("ui: the narration bar plays, seeks where tapped, and says when it cannot play") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-en");
    visit.tap("card-kobyz");
    auto actions = visit.tap("narration-play");
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::PlayNarration);
    CHECK(visit.session.narration());

    // The app reports the narration playing, 60 s long, at 15 s.
    visit.kiosk.media.choice = choose_media(*visit.kiosk.bundle, visit.session);
    visit.kiosk.media.status = ui::MediaView::Status::Playing;
    visit.kiosk.media.length = 60'000;
    visit.kiosk.media.position = 15'000;
    visit.frame();
    const auto& targets = visit.kiosk.targets;
    const auto bar =
        std::find_if(targets.begin(), targets.end(), [](const auto& t) { return t.id == "seek-bar"; });
    REQUIRE(bar != targets.end());
    Gesture three_quarters;
    three_quarters.kind = Gesture::Kind::Tap;
    three_quarters.x = three_quarters.start_x = bar->min.x + (bar->max.x - bar->min.x) * 0.75f;
    three_quarters.y = three_quarters.start_y = (bar->min.y + bar->max.y) * 0.5f;
    actions = visit.frame({three_quarters});
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::Seek);
    CHECK(actions[0].position == doctest::Approx(45'000).epsilon(0.02));
    actions = visit.tap("narration-play");  // now a pause button
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::TogglePause);

    // A narration that cannot be played: no seek bar, and the rest still works.
    visit.kiosk.media.status = ui::MediaView::Status::Failed;
    visit.frame();
    for (const auto& t : visit.kiosk.targets) CHECK(t.id != "seek-bar");
    visit.tap("artifact-next");
    CHECK_FALSE(visit.session.narration());
}

TEST_CASE("ui: a film opens full screen; its captions, pause and close buttons work") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-kk");
    visit.tap("card-kobyz");
    visit.tap("film-playing");
    REQUIRE(visit.session.film().has_value());
    CHECK(visit.session.captions());
    visit.kiosk.media.choice = choose_media(*visit.kiosk.bundle, visit.session);
    visit.kiosk.media.status = ui::MediaView::Status::Playing;
    visit.kiosk.media.length = 24'000;
    visit.kiosk.media.position = 3'000;  // a cue is showing
    visit.frame();
    for (const auto& t : visit.kiosk.targets) CHECK(t.id.rfind("toolbar-", 0) != 0);  // the film covers all
    visit.tap("film-captions");
    CHECK_FALSE(visit.session.captions());
    auto actions = visit.tap("film-play");
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::TogglePause);
    visit.kiosk.media.status = ui::MediaView::Status::Failed;  // says so, and can still be closed
    visit.frame();
    visit.tap("film-close");
    CHECK_FALSE(visit.session.film().has_value());
    CHECK(visit.session.screen() == Screen::Artifact);
}

namespace {
bool has_target(const HeadlessKiosk& kiosk, const std::string& id) {
    return std::any_of(kiosk.targets.begin(), kiosk.targets.end(), [&](const auto& t) { return t.id == id; });
}
}  // namespace

TEST_CASE("ui: a face rates the artifact; the thanks wait for the store, and last a few seconds") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-ru");
    visit.tap("card-dombra");
    visit.tap("reaction-2");
    const std::size_t dombra = visit.session.artifact();
    CHECK(visit.session.reaction(dombra) == 2);
    const auto state = [&] {
        return ui::KioskUi::describe(visit.session, *visit.kiosk.bundle, false, visit.kiosk.feedback,
                                     visit.now);
    };
    CHECK(state().find("reaction=2") != std::string::npos);
    CHECK(state().find("thanks=shown") == std::string::npos);  // not saved yet
    visit.kiosk.feedback.thanked_artifact = "dombra";
    visit.kiosk.feedback.thanked_at = visit.now;
    visit.frame();
    CHECK(state().find("thanks=shown") != std::string::npos);
    visit.now += ui::kReactionThanksMs;
    visit.frame();
    CHECK(state().find("thanks=shown") == std::string::npos);
    visit.tap("reaction-4");  // changed their mind
    CHECK(visit.session.reaction(dombra) == 4);
}

TEST_CASE("ui: the survey from the gallery: rating, a choice, skip, back, and the thanks once saved") {
    Visit visit;
    visit.tap("attract");
    visit.tap("language-kk");
    visit.tap("gallery-survey");
    REQUIRE(visit.session.screen() == Screen::Survey);
    CHECK_FALSE(has_target(visit.kiosk, "survey-back"));  // the first question has nothing before it
    visit.tap("survey-rating-5");
    CHECK(visit.session.answers(0) == std::vector<std::size_t>{4});
    visit.tap("survey-next");
    visit.tap("survey-option-poster");
    visit.tap("survey-option-friends");  // one answer only: the last tapped
    CHECK(visit.session.answers(1) == std::vector<std::size_t>{0});
    visit.tap("survey-back");
    CHECK(visit.session.question() == 0);
    visit.tap("survey-next");
    visit.tap("survey-next");
    visit.tap("survey-skip");
    visit.tap("survey-option-music");
    visit.tap("survey-option-films");
    CHECK(visit.session.answers(3).size() == 2);
    visit.kiosk.feedback.answers_saved = false;  // the store has not confirmed yet
    visit.tap("survey-next");
    REQUIRE(visit.session.screen() == Screen::SurveyThanks);
    CHECK_FALSE(has_target(visit.kiosk, "survey-finish-visit"));
    visit.kiosk.feedback.answers_saved = true;
    visit.frame();
    visit.tap("survey-finish-visit");
    CHECK(visit.session.screen() == Screen::Attract);
    CHECK(visit.session.last_end() == VisitEnd::Finished);
}

TEST_CASE("ui: the idle countdown invites to the survey once; with feedback off nothing is asked") {
    {
        Visit visit;
        visit.tap("attract");
        visit.tap("language-en");
        visit.now += 90'000 + 2'000;
        visit.session.invite_to_survey();  // what the kiosk does when the countdown starts
        visit.frame();
        visit.tap("idle-survey");
        CHECK(visit.session.screen() == Screen::Survey);
    }  // one ImGui context at a time
    Visit quiet;
    quiet.kiosk.feedback.asking = false;
    quiet.tap("attract");
    quiet.tap("language-en");
    CHECK_FALSE(has_target(quiet.kiosk, "gallery-survey"));
    quiet.tap("card-dombra");
    CHECK_FALSE(has_target(quiet.kiosk, "reaction-1"));
}

TEST_CASE("ui: staff mode's PIN pad and pages in every language, both text sizes and screen shapes") {
    for (const auto& [width, height] : std::vector<std::pair<int, int>>{{1920, 1080}, {1080, 1920}}) {
        HeadlessKiosk kiosk(width, height);
        for (const std::string& language : kiosk.bundle->exhibition.languages) {
            for (TextSize size : {TextSize::Normal, TextSize::Large}) {
                CAPTURE(width);
                CAPTURE(language);
                VisitorSession session(*kiosk.bundle, {language}, size);
                const auto check_targets = [&] {
                    REQUIRE_FALSE(kiosk.targets.empty());
                    check_touch_targets(kiosk, width, height);
                };
                kiosk.staff = ui::StaffView{};
                kiosk.staff.phase = ui::StaffView::Phase::Pin;
                kiosk.staff.digits = 3;
                kiosk.staff.refused = true;
                kiosk.staff.attempts_left = 2;
                kiosk.frame(session, 100);
                check_targets();
                CHECK(has_target(kiosk, "pin-0"));
                CHECK(has_target(kiosk, "pin-ok"));
                kiosk.staff.phase = ui::StaffView::Phase::Open;
                kiosk.staff.status = {{"Kiosk id", "0709a01a3eed96b912621158173096d8"},
                                      {"Venue", "Rijksmuseum"}};
                kiosk.staff.installed = {"continuity-of-traditions 2026.11.1 - active"};
                kiosk.staff.can_roll_back = true;
                kiosk.staff.pack_files = {"/media/usb/a.amanat", "/media/usb/b.amanat"};
                kiosk.staff.export_targets = {"/media/staff/KIOSK"};
                kiosk.staff.outcome = "Installed";
                kiosk.staff.outcome_details = {"error: exhibition.toml:3: ...", "warning: ..."};
                for (int page = 0; page < 4; ++page) {
                    CAPTURE(page);
                    kiosk.staff.page = static_cast<ui::StaffView::Page>(page);
                    kiosk.frame(session, 200);
                    check_targets();
                }
                kiosk.staff.busy = true;
                kiosk.staff.progress = 0.4;
                kiosk.staff.page = ui::StaffView::Page::Packs;
                kiosk.frame(session, 300);
                check_targets();
                kiosk.staff.touch_test = true;
                kiosk.frame(session, 400);
                check_targets();
            }
        }
    }
}

TEST_CASE("ui: the PIN pad's keys emit digits, erase and submit; a locked pad emits nothing") {
    HeadlessKiosk kiosk(1920, 1080);
    VisitorSession session(*kiosk.bundle, {"en"}, TextSize::Normal);
    kiosk.staff.phase = ui::StaffView::Phase::Pin;
    kiosk.staff.digits = 4;
    kiosk.staff.can_submit = true;
    kiosk.frame(session, 100);
    ImGuiIO& io = ImGui::GetIO();
    const auto press = [&](const std::string& id, Millis at) {
        const Gesture tap = kiosk.tap_on(id);
        io.MousePos = ImVec2(tap.x, tap.y);
        io.MouseDown[0] = true;
        kiosk.frame(session, at);
        io.MouseDown[0] = false;
        kiosk.frame(session, at + 16);
        return kiosk.staff_actions;
    };
    auto actions = press("pin-7", 200);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == ui::StaffAction::Kind::Digit);
    CHECK(actions[0].index == 7);
    actions = press("pin-ok", 300);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == ui::StaffAction::Kind::Submit);
    actions = press("pin-erase", 400);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == ui::StaffAction::Kind::Erase);
    kiosk.staff.lockout_left = 120'000;
    kiosk.frame(session, 500);
    CHECK(press("pin-3", 600).empty());
    CHECK(press("pin-cancel", 700).size() == 1);  // leaving is always possible
}

TEST_CASE("ui: every button label fits its button in every catalog's language, at both text sizes") {
    // What `amanat l10n check` measures: the sample exhibition, drawn with the real
    // fonts, in every language the kiosk has words for, landscape and portrait.
    HeadlessKiosk kiosk(1920, 1080);
    std::vector<std::string> languages = kiosk.catalogs.languages();
    std::vector<ui::SqueezedLabel> squeezed;
    std::string error;
    REQUIRE_MESSAGE(ui::find_squeezed_labels(*kiosk.bundle, kiosk.catalogs, languages,
                                             {{1920, 1080}, {1080, 1920}}, squeezed, error),
                    error);
    for (const ui::SqueezedLabel& s : squeezed) {
        CAPTURE(s.language);
        CAPTURE(s.width);
        CAPTURE(s.screen);
        CAPTURE(s.target);
        CAPTURE(s.needed);
        CAPTURE(s.available);
        CHECK_MESSAGE(false, "'" << s.label << "' does not fit its button");
    }
}
