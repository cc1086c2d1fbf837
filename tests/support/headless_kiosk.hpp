#pragma once
// The kiosk's screens without a window: Dear ImGui drawing into its own buffers
// against the real sample exhibition, catalogs and fonts. Used by the UI tests
// and the frame benchmarks. One at a time per process (ImGui's context is global).
#include <imgui.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/exhibition/bundle_loader.hpp"
#include "core/localisation/catalog.hpp"
#include "core/visit/idle_timer.hpp"
#include "core/visit/visitor_session.hpp"
#include "ui/display_text.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/theme.hpp"
#include "ui/typeface.hpp"

namespace amanat::testing {

// Pictures that are never ready: the screens must draw placeholders, not fail.
// Each frame's requests are kept, to check what size screens ask pictures at.
class NoPictures : public ui::Pictures {
  public:
    struct Request {
        std::string path;
        ui::PictureSize size;
        ImVec2 box;
    };
    std::vector<Request> requests;

    const ui::PictureTexture* get(const std::string& path, ui::PictureSize size, ImVec2 box) override {
        requests.push_back({path, size, box});
        return nullptr;
    }
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

    HeadlessKiosk(int width, int height, const std::filesystem::path& bundle_folder = AMANAT_SAMPLE_BUNDLE,
                  const std::filesystem::path& localisation_folder = AMANAT_LOCALISATION_DIR) {
        Diagnostics problems;
        bundle = load_bundle(bundle_folder).bundle;
        if (!bundle) throw std::runtime_error("cannot load the bundle " + bundle_folder.string());
        catalogs = TranslationCatalogs::load(localisation_folder, problems);
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        io.DeltaTime = 1.0f / 60.0f;
        metrics = ScreenMetrics::measure(width, height, 92.0f, KioskConfig{});
        std::string error;
        if (!typeface.build(ui::display_text(*bundle, catalogs), metrics, error))
            throw std::runtime_error(error);
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
        pictures.requests.clear();
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
        f.media = media;
        f.feedback = feedback;
        f.staff = &staff;
        staff_actions.clear();
        targets.clear();
        f.targets = &targets;
        // Speech mode's side: the controls listed, the focus and what it activates.
        controls.clear();
        f.controls = &controls;
        f.focused = focused;
        f.activated = std::exchange(activated, std::string());
        screens.draw(f, idle);
        ImGui::Render();
        staff_actions = f.staff_actions;
        return f.actions;
    }

    // Where touch target `id` was drawn in the last frame, as a tap at its centre.
    // Throws when the last frame had no such target.
    Gesture tap_on(const std::string& id) const {
        for (const auto& target : targets) {
            if (target.id != id) continue;
            Gesture g;
            g.kind = Gesture::Kind::Tap;
            g.x = g.start_x = (target.min.x + target.max.x) * 0.5f;
            g.y = g.start_y = (target.min.y + target.max.y) * 0.5f;
            return g;
        }
        throw std::runtime_error("no touch target " + id + " on screen");
    }

    // What the screens are told plays (the kiosk fills it from its media player).
    ui::MediaView media;
    // What became of the visitor's feedback (the kiosk fills it from its store).
    ui::FeedbackView feedback;
    // Staff mode (the kiosk fills it from its StaffDesk): closed unless a test opens it.
    ui::StaffView staff;
    std::vector<ui::StaffAction> staff_actions;  // what the last frame's staff screens asked for
    // The touch targets of the last frame.
    std::vector<ui::Frame::Target> targets;
    // Speech mode: the controls of the last frame, in drawing order; the control
    // in focus; and the one the next frame activates (as Select would).
    std::vector<ui::Frame::Control> controls;
    std::string focused;
    std::string activated;
    const ui::Frame::Control* control(const std::string& id) const {
        for (const auto& c : controls)
            if (c.id == id) return &c;
        return nullptr;
    }
};

}  // namespace amanat::testing
