// Speech mode's side of the screens (issue 25): every control and text a screen
// shows is listed with what is said of it, and a control activated by the
// keypad acts as a tap would.
#include <doctest/doctest.h>

#include <string>

#include "headless_kiosk.hpp"
#include "ui/screen_tour.hpp"
#include "ui/spoken_words.hpp"
#include "ui/widgets.hpp"

using namespace amanat;
using amanat::testing::HeadlessKiosk;

namespace {

// Every touch target has a control of the same id that says something, and no
// control is silent.
void check_spoken(const HeadlessKiosk& kiosk, const Phrasebook& phrases) {
    for (const auto& target : kiosk.targets) {
        CAPTURE(target.id);
        const ui::Frame::Control* control = kiosk.control(target.id);
        REQUIRE(control != nullptr);
        CHECK_FALSE(control->label.empty());
    }
    for (const auto& control : kiosk.controls) {
        CAPTURE(control.id);
        CHECK_FALSE(control.label.empty());
        CHECK_FALSE(ui::spoken_control(control, phrases).empty());
    }
}

}  // namespace

TEST_CASE("speech: every control on every screen, in every language, has a spoken label") {
    HeadlessKiosk kiosk(1920, 1080);
    const auto languages = offered_languages(kiosk.bundle->exhibition, KioskConfig{});
    for (const std::string& language : languages) {
        CAPTURE(language);
        VisitorSession session(*kiosk.bundle, languages, TextSize::Normal);
        Millis now = 1000;
        std::size_t screens = 0;
        ui::tour_visitor_screens(*kiosk.bundle, session, kiosk.idle, now, language,
                                 [&](const std::string& screen) {
                                     CAPTURE(screen);
                                     kiosk.frame(session, now);
                                     check_spoken(kiosk, kiosk.catalogs.phrasebook(session.language()));
                                     ++screens;
                                 });
        CHECK(screens > 10);
    }
}

TEST_CASE("speech: an artifact's page lists its title, details and story paragraphs before its buttons") {
    HeadlessKiosk kiosk(1920, 1080);
    VisitorSession session(*kiosk.bundle, {"kk", "en"}, TextSize::Normal);
    session.apply(VisitorAction(VisitorAction::Kind::Start));
    session.apply(VisitorAction::choose_language("kk"));
    session.apply(VisitorAction(VisitorAction::Kind::OpenArtifact, 0));
    kiosk.frame(session, 10);
    kiosk.frame(session, 20);
    const ui::Frame::Control* title = kiosk.control("title");
    REQUIRE(title != nullptr);
    CHECK(title->label ==
          *localise(kiosk.bundle->artifacts[0].title, "kk", kiosk.bundle->exhibition.fallback).text);
    CHECK(title->language == "kk");
    REQUIRE(kiosk.control("story-1") != nullptr);
    CHECK_FALSE(kiosk.control("story-1")->label.empty());
    int paragraphs = 0;
    for (const auto& control : kiosk.controls)
        paragraphs += control.id.rfind("story-", 0) == 0 && control.role == ui::ControlRole::Text ? 1 : 0;
    CHECK(paragraphs >= 2);
    // Reading order: the words (rank 1) come before the picture, the faces and the way on.
    CHECK(title->rank < kiosk.control("picture")->rank);
    CHECK(kiosk.control("picture")->rank < kiosk.control("reaction-5")->rank);
    CHECK(kiosk.control("reaction-5")->rank < kiosk.control("artifact-next")->rank);
    CHECK(kiosk.control("artifact-next")->rank < kiosk.control("toolbar-contrast")->rank);
    // The picture is described, and says which of how many it is.
    CHECK_FALSE(kiosk.control("picture")->label.empty());
    CHECK(kiosk.control("picture")->state.find('1') != std::string::npos);
}

TEST_CASE("speech: Select activates a control as a tap would: a card, a switch, a face") {
    HeadlessKiosk kiosk(1920, 1080);
    VisitorSession session(*kiosk.bundle, {"en"}, TextSize::Normal);
    session.apply(VisitorAction(VisitorAction::Kind::Start));
    session.apply(VisitorAction::choose_language("en"));
    kiosk.frame(session, 10);
    // A card far down the gallery, not on screen: focus scrolls it into view.
    const std::string last = "card-" + kiosk.bundle->artifacts.back().id;
    REQUIRE(kiosk.control(last) != nullptr);
    CHECK(kiosk.control(last)->max.y > 1080);
    kiosk.focused = last;
    for (Millis now = 20; now < 3000; now += 16) kiosk.frame(session, now);
    CHECK(kiosk.control(last)->max.y <= 1080);
    kiosk.activated = last;
    auto actions = kiosk.frame(session, 3000);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::OpenArtifact);
    CHECK(actions[0].index == kiosk.bundle->artifacts.size() - 1);

    kiosk.activated = "toolbar-contrast";
    actions = kiosk.frame(session, 3100);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::ToggleContrast);
    CHECK(kiosk.control("toolbar-contrast")->role == ui::ControlRole::Toggle);
    CHECK(ui::spoken_control(*kiosk.control("toolbar-contrast"), kiosk.catalogs.phrasebook("en")) ==
          "Contrast, off, switch");

    session.apply(VisitorAction(VisitorAction::Kind::OpenArtifact, 0));
    kiosk.frame(session, 3200);
    kiosk.activated = "reaction-4";
    actions = kiosk.frame(session, 3300);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == VisitorAction::Kind::React);
    CHECK(actions[0].index == 4);
    session.apply(actions[0]);
    kiosk.frame(session, 3400);
    CHECK(ui::spoken_control(*kiosk.control("reaction-4"), kiosk.catalogs.phrasebook("en")) ==
          "Happy face, selected, option");
}

TEST_CASE("speech: the language screen says each language's name in that language") {
    HeadlessKiosk kiosk(1920, 1080);
    VisitorSession session(*kiosk.bundle, {"en", "kk", "ko"}, TextSize::Normal);
    session.apply(VisitorAction(VisitorAction::Kind::StartSpeechMode));
    CHECK(session.speech_mode());
    CHECK(session.screen() == Screen::LanguageChoice);
    kiosk.frame(session, 10);
    REQUIRE(kiosk.control("language-kk") != nullptr);
    CHECK(kiosk.control("language-kk")->language == "kk");
    CHECK(kiosk.control("language-kk")->label == "Қазақша");
    CHECK(kiosk.control("language-ko")->language == "ko");
    session.reset();
    CHECK_FALSE(session.speech_mode());
}

TEST_CASE("speech: labels are said without the arrows drawn beside them") {
    CHECK(ui::spoken_label("\xE2\x80\xB9  Previous") == "Previous");
    CHECK(ui::spoken_label("Next  \xE2\x80\xBA") == "Next");
    CHECK(ui::spoken_label("\xE2\x96\xB6  Playing the kobyz") == "Playing the kobyz");
    CHECK(ui::spoken_label("Қазақша") == "Қазақша");
    CHECK(ui::spoken_label("Almaty \xE2\x80\x94 Kazakhs") == "Almaty \xE2\x80\x94 Kazakhs");
    CHECK(ui::spoken_label("OK") == "OK");
}
