// A story or narration transcript (Markdown, as an author writes story.kk.md)
// through the kiosk's parser (core/exhibition/story, md4c) and on into the artifact page's
// layout and drawing (ui/rich_text), with Dear ImGui headless: the fonts of the
// kiosk in one atlas built once, both text sizes, the page's widths, drawn
// clipped to a screen as the artifact screen draws it.
#include <imgui.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/exhibition/story.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/visit/screen_metrics.hpp"
#include "fuzz_support.hpp"
#include "ui/rich_text.hpp"
#include "ui/typeface.hpp"

using namespace amanat;

namespace {

constexpr int kScreenWidth = 1920;
constexpr int kScreenHeight = 1080;

// The atlas holds ASCII and the letters of the sample's languages; a letter it
// lacks is drawn as '?', which is what the kiosk does with a letter no font has.
constexpr const char* kLetters =
    "ӘәҒғҚқҢңӨөҰұҮүҺһІі АаБбВвГгДдЕеЁёЖжЗзИиЙйКкЛлМмНнОоПпРрСсТтУуФфХхЦцЧчШшЩщЪъЫыЬьЭэЮюЯя "
    "ЂђЈјЉљЊњЋћЏџ ĞğıİŞşÇçÖöÜü ĲĳÄäËëÏï ÁáČčĎďÉéĚěÍíŇňŘřŠšŤťÚúŮůÝýŽž ŐőŰű ÀàÂâÈèÊêÎîÔôÙùÛûŒœ ß "
    "한국어 안녕하세요 전통의 계승 “”‘’«»„–—…•";

struct Desk {
    ScreenMetrics metrics;
    ui::Typeface typeface;
};

Desk& desk() {
    static Desk* const made = [] {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(kScreenWidth, kScreenHeight);
        io.DeltaTime = 1.0f / 60.0f;
        // As the kiosk's SDL_Renderer backend declares: meshes over 64K vertices.
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
        auto* desk = new Desk;
        desk->metrics = ScreenMetrics::measure(kScreenWidth, kScreenHeight, 92.0f, KioskConfig{});
        std::string error;
        if (!desk->typeface.build(kLetters, desk->metrics, error)) throw std::runtime_error(error);
        unsigned char* pixels = nullptr;
        int width = 0;
        int height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        return desk;
    }();
    return *made;
}

void check_layout(const ui::RichText& text) {
    fuzzing::expect(std::isfinite(text.height()) && text.height() >= 0, "a story's height is not a size");
    for (const ui::RichText::Run& run : text.runs()) {
        fuzzing::expect(run.font != nullptr, "a run of a story has no font");
        fuzzing::expect(std::isfinite(run.x) && std::isfinite(run.y), "a run of a story is nowhere");
    }
}

// Lays the story out at `width` in the text size's fonts and draws it on the
// foreground, scrolled by `scroll`, clipped to the screen.
void lay_out_and_draw(const Story& story, TextSize size, float width, float scroll) {
    ui::RichText text;
    text.layout_story(story, desk().typeface.at(size), width);
    check_layout(text);
    ImDrawList& draw = *ImGui::GetForegroundDrawList();
    text.draw(draw, ImVec2(40, 40 - scroll), IM_COL32(20, 20, 20, 255), IM_COL32(160, 60, 20, 255), 0,
              kScreenHeight);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    desk();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Story story = parse_story(fuzzing::text_of(data, size));
    for (const Block& block : story.blocks) {
        fuzzing::expect(!block.spans.empty(), "a story keeps an empty block");
        fuzzing::expect(block.quote_depth >= 0 && block.list_depth >= 0, "a block is nested less than not");
    }
    const ScreenMetrics& metrics = desk().metrics;
    ImGui::NewFrame();
    // The story as its page shows it, and as a transcript in its narrow box,
    // scrolled, in large text (the most lines).
    lay_out_and_draw(story, TextSize::Normal, metrics.reading_width(TextSize::Normal), 0);
    lay_out_and_draw(story, TextSize::Large, metrics.mm(60), metrics.mm(300));
    // One paragraph of plain text, as the page's details are laid out.
    ui::RichText plain;
    plain.layout_plain(story.plain_text(), desk().typeface.at(TextSize::Normal).body, metrics.mm(80));
    check_layout(plain);
    ImGui::Render();
    return 0;
}
