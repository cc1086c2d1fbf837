// The burn-in shift of a frame's drawing (platform/burn_in_shift): backgrounds on
// the screen's edges stretch, everything else moves without changing size.
#include <doctest/doctest.h>
#include <imgui.h>

#include "platform/burn_in_shift.hpp"

using amanat::platform::shift_drawing;

namespace {

struct ShiftedFrame {
    ImDrawList list;
    ImDrawList* lists[1] = {&list};
    ImDrawData data;

    ShiftedFrame() : list(ImGui::GetDrawListSharedData()) {
        list._ResetForNewFrame();
        list.PushClipRect(ImVec2(0, 0), ImVec2(1920, 1080));
        data.Valid = true;
        data.CmdLists = lists;
        data.CmdListsCount = 1;
        data.DisplayPos = ImVec2(0, 0);
        data.DisplaySize = ImVec2(1920, 1080);
    }
    // The corners of the rectangle whose vertices start at `first`.
    ImVec2 min(int first) const { return list.VtxBuffer[first].pos; }
    ImVec2 max(int first) const { return list.VtxBuffer[first + 2].pos; }
};

}  // namespace

TEST_CASE("burn-in shift: a background on the screen's edges stretches, what is inside moves") {
    ImGui::CreateContext();
    ShiftedFrame frame;
    frame.list.AddRectFilled(ImVec2(0, 0), ImVec2(1920, 1080), IM_COL32(20, 20, 20, 255));  // vertices 0-3
    frame.list.AddRectFilled(ImVec2(100, 200), ImVec2(300, 400), IM_COL32_WHITE);           // 4-7
    shift_drawing(frame.data, 2, -3);
    CHECK(frame.min(0).x == 0);
    CHECK(frame.min(0).y == 0);
    CHECK(frame.max(0).x == 1920);
    CHECK(frame.max(0).y == 1080);
    CHECK(frame.min(4).x == 102);
    CHECK(frame.min(4).y == 197);
    CHECK(frame.max(4).x == 302);
    CHECK(frame.max(4).y == 397);
    // The full-screen clip stays full screen.
    const ImVec4 clip = frame.list.CmdBuffer[0].ClipRect;
    CHECK(clip.x == 0);
    CHECK(clip.y == 0);
    CHECK(clip.z == 1920);
    CHECK(clip.w == 1080);
    ImGui::DestroyContext();
}

TEST_CASE("burn-in shift: a card half scrolled out of the screen keeps its size") {
    // A picture stretched by a pixel is no longer drawn at its own size: without a
    // GPU it would be scaled again on every frame.
    ImGui::CreateContext();
    ShiftedFrame frame;
    frame.list.AddRectFilled(ImVec2(42.4f, -216.5f), ImVec2(391.4f, 46.5f), IM_COL32_WHITE);
    frame.list.AddRectFilled(ImVec2(1800, 1000), ImVec2(2100, 1300), IM_COL32_WHITE);
    shift_drawing(frame.data, -1, 1);
    CHECK(frame.min(0).y == doctest::Approx(-215.5f));
    CHECK(frame.max(0).y == doctest::Approx(47.5f));
    CHECK(frame.max(0).x - frame.min(0).x == doctest::Approx(349.0f));
    CHECK(frame.max(4).x - frame.min(4).x == doctest::Approx(300.0f));
    CHECK(frame.max(4).y - frame.min(4).y == doctest::Approx(300.0f));
    ImGui::DestroyContext();
}

TEST_CASE("burn-in shift: what is inside the screen stays inside it") {
    ImGui::CreateContext();
    ShiftedFrame frame;
    frame.list.AddRectFilled(ImVec2(0.5f, 1), ImVec2(1919, 1079.5f), IM_COL32_WHITE);
    shift_drawing(frame.data, -3, 3);
    CHECK(frame.min(0).x == 0);
    CHECK(frame.max(0).y == 1080);
    CHECK(frame.max(0).x == 1916);
    CHECK(frame.min(0).y == 4);
    ImGui::DestroyContext();
}
