#include "ui/localisation_check.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/visit/idle_timer.hpp"
#include "core/visit/screen_metrics.hpp"
#include "core/visit/visitor_session.hpp"
#include "ui/display_text.hpp"
#include "ui/frame.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/screen_tour.hpp"
#include "ui/theme.hpp"
#include "ui/typeface.hpp"

namespace amanat::ui {
namespace {

// Pictures that are never ready: the layout around them is what is checked.
class NoPictures : public Pictures {
  public:
    const PictureTexture* get(const std::string&, PictureSize, ImVec2) override { return nullptr; }
    bool failed(const std::string&, PictureSize) const override { return false; }
};

// Makes its own ImGui context current for its lifetime, then restores the caller's.
class OwnContext {
  public:
    OwnContext() : m_previous(ImGui::GetCurrentContext()), m_own(ImGui::CreateContext()) {
        ImGui::SetCurrentContext(m_own);
        ImGui::GetIO().IniFilename = nullptr;
    }
    ~OwnContext() {
        ImGui::DestroyContext(m_own);
        ImGui::SetCurrentContext(m_previous);
    }
    OwnContext(const OwnContext&) = delete;
    OwnContext& operator=(const OwnContext&) = delete;

  private:
    ImGuiContext* m_previous;
    ImGuiContext* m_own;
};

}  // namespace

bool find_squeezed_labels(const Bundle& bundle, const TranslationCatalogs& catalogs,
                          const std::vector<std::string>& languages,
                          const std::vector<std::pair<int, int>>& screens,
                          std::vector<SqueezedLabel>& squeezed, std::string& error) {
    const std::string all_text = display_text(bundle, catalogs);
    for (const std::pair<int, int>& screen_size : screens) {
        // Not a structured binding: clang 14 cannot capture one in the lambda below.
        const int width = screen_size.first;
        const int height = screen_size.second;
        const OwnContext context;
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        io.DeltaTime = 1.0f / 60.0f;
        const ScreenMetrics metrics = ScreenMetrics::measure(width, height, 92.0f, KioskConfig{});
        Typeface typeface;
        if (!typeface.build(all_text, metrics, error)) return false;
        unsigned char* pixels = nullptr;
        int atlas_w = 0;
        int atlas_h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_w, &atlas_h);
        const Theme theme = Theme::standard();
        NoPictures pictures;

        for (const std::string& language : languages) {
            for (const TextSize size : {TextSize::Normal, TextSize::Large}) {
                KioskUi screens_ui;
                IdleTimer idle(90'000, 10'000);
                VisitorSession session(bundle, languages, size);
                StaffView staff;
                Millis now = 1000;
                const auto draw = [&](const std::string& screen) {
                    std::vector<Frame::Squeezed> found;
                    ImGui::NewFrame();
                    Frame frame{bundle,
                                session,
                                catalogs,
                                catalogs.phrasebook(language),
                                typeface.at(size),
                                typeface,
                                theme,
                                metrics,
                                pictures,
                                now,
                                {}};
                    frame.staff = &staff;
                    frame.squeezed = &found;
                    screens_ui.draw(frame, idle);
                    ImGui::Render();
                    for (Frame::Squeezed& s : found) {
                        const bool known =
                            std::any_of(squeezed.begin(), squeezed.end(), [&](const SqueezedLabel& k) {
                                return k.language == language && k.text_size == size && k.width == width &&
                                       k.target == s.target && k.label == s.label;
                            });
                        if (!known) {
                            squeezed.push_back({language, size, width, height, screen, s.target, s.label,
                                                s.needed, s.available});
                        }
                    }
                };
                tour_visitor_screens(bundle, session, idle, now, language, draw);
                tour_staff_screens(staff, draw);
            }
        }
    }
    return true;
}

bool glyphs_missing_from_fonts(std::string_view text, std::vector<unsigned>& missing, std::string& error) {
    const OwnContext context;
    ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
    const ScreenMetrics metrics = ScreenMetrics::measure(1920, 1080, 92.0f, KioskConfig{});
    Typeface typeface;
    // The atlas gets exactly the glyphs `text` uses that some font has: what is
    // not in it afterwards is in no font.
    if (!typeface.build(text, metrics, error)) return false;
    missing = typeface.missing_glyphs(text);
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    return true;
}

}  // namespace amanat::ui
