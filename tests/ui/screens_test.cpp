// Draws every visitor screen, in every offered language and both text sizes, with
// Dear ImGui headless (no window, no GPU), against the real sample exhibition and
// the real catalogs and fonts. Fails on any glyph missing from the font atlas,
// and on any ImGui assertion (which aborts the test).
#include <doctest/doctest.h>
#include <imgui.h>

#include <map>
#include <string>

#include "core/bundle_loader.hpp"
#include "core/catalog.hpp"
#include "core/idle_timer.hpp"
#include "core/visitor_session.hpp"
#include "ui/display_text.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/theme.hpp"
#include "ui/typeface.hpp"

using namespace amanat;

namespace {

// Pictures that are never ready: the screens must draw placeholders, not fail.
class NoPictures : public ui::Pictures {
  public:
    const ui::PictureTexture* get(const std::string&, ui::PictureSize) override { return nullptr; }
    bool failed(const std::string& path, ui::PictureSize) const override {
        return path.find("detail") != std::string::npos;
    }
};

struct HeadlessKiosk {
    std::shared_ptr<const Bundle> bundle;
    TranslationCatalogs catalogs;
    ScreenMetrics metrics;
    ui::Typeface typeface;
    NoPictures pictures;
    ui::KioskUi screens;
    ui::Theme theme = ui::Theme::standard();
    IdleTimer idle{90'000, 10'000};

    HeadlessKiosk(int width, int height) {
        Diagnostics problems;
        bundle = load_bundle(AMANAT_SAMPLE_BUNDLE).bundle;
        REQUIRE(bundle);
        catalogs = TranslationCatalogs::load(AMANAT_LOCALISATION_DIR, problems);
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        io.DeltaTime = 1.0f / 60.0f;
        metrics = ScreenMetrics::measure(width, height, 92.0f, KioskConfig{});
        std::string error;
        REQUIRE_MESSAGE(typeface.build(ui::display_text(*bundle, catalogs), metrics, error), error);
        unsigned char* pixels = nullptr;
        int w = 0;
        int h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~HeadlessKiosk() { ImGui::DestroyContext(); }

    // Draws one frame; returns what the visitor asked for.
    std::vector<VisitorAction> frame(const VisitorSession& session, Millis now,
                                     std::vector<Gesture> gestures = {}) {
        ImGui::NewFrame();
        ui::Frame f{*bundle,
                    session,
                    catalogs,
                    catalogs.phrasebook(session.language()),
                    typeface.at(session.text_size()),
                    typeface,
                    theme,
                    metrics,
                    pictures,
                    now,
                    std::move(gestures)};
        screens.draw(f, idle);
        ImGui::Render();
        return f.actions;
    }
};

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
    // The letters the tour needs, explicitly.
    CHECK(kiosk.typeface.missing_glyphs("ӘәҒғҚқҢңӨөҰұҮүҺһІі ĞğIıİiŞş Ĳĳ 한국어 Ёё").empty());
}

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
                kiosk.idle.touch(now);
                kiosk.frame(session, now);  // attract
                session.apply(VisitorAction(VisitorAction::Kind::Start));
                kiosk.frame(session, now += 100);
                session.apply(VisitorAction::choose_language(language));
                kiosk.frame(session, now += 100);  // gallery
                for (std::size_t i = 0; i < kiosk.bundle->artifacts.size(); ++i) {
                    session.apply(VisitorAction(VisitorAction::Kind::OpenArtifact, i));
                    kiosk.frame(session, now += 100);
                }
                session.apply(VisitorAction(VisitorAction::Kind::OpenLanguageMenu));
                kiosk.frame(session, now += 100);
                session.apply(VisitorAction(VisitorAction::Kind::CloseLanguageMenu));
                session.apply(VisitorAction(VisitorAction::Kind::ToggleContrast));
                kiosk.frame(session, now += 100);
                // The idle countdown over the artifact.
                kiosk.frame(session, now += 95'000);
                kiosk.idle.touch(now);
            }
        }
    }
}

TEST_CASE("ui: a tap on a gallery card opens that artifact; a tap on attract starts") {
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
