#include "ui/typeface.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8: the decoder ImGui itself draws with

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <vector>

namespace amanat::ui {
namespace {

// Each font file mapped once, shared by every face and size built from it: the
// Korean collection is 19 MB, and ImGui would otherwise read and keep a copy per
// face (14 of them: 270 MB and 200 ms). Mapped, not read: only the pages the
// rasteriser touches (the tables, and the outlines of the letters wanted) are
// ever loaded, which is what makes the attract screen's first atlas quick. The
// mappings only need to live until the atlas is built.
class FontFileBytes {
  public:
    struct Mapping {
        void* data = nullptr;
        std::size_t size = 0;
    };
    FontFileBytes() = default;
    FontFileBytes(const FontFileBytes&) = delete;
    FontFileBytes& operator=(const FontFileBytes&) = delete;
    ~FontFileBytes() {
        for (auto& [path, mapping] : m_files)
            if (mapping.data != nullptr) munmap(mapping.data, mapping.size);
    }

    // The file's bytes, or nullptr if it cannot be read.
    const Mapping* get(const std::string& path) {
        auto it = m_files.find(path);
        if (it == m_files.end()) it = m_files.emplace(path, map(path)).first;
        return it->second.data == nullptr ? nullptr : &it->second;
    }

  private:
    static Mapping map(const std::string& path) {
        Mapping mapping;
        const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return mapping;
        struct stat status {};
        if (fstat(fd, &status) == 0 && status.st_size > 0) {
            void* data =
                mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (data != MAP_FAILED) mapping = Mapping{data, static_cast<std::size_t>(status.st_size)};
        }
        close(fd);
        return mapping;
    }
    std::map<std::string, Mapping> m_files;
};

ImFont* add_font(ImFontAtlas& atlas, const FontFileBytes::Mapping& bytes, float pixels, ImFontConfig config,
                 const ImWchar* ranges) {
    // "Owned" only so that ImGui does not copy the bytes (it copies data it does
    // not own: 14 x 19 MB). build() hands ownership back before the bytes go.
    // stb_truetype only reads them: the pages are mapped read-only.
    config.FontDataOwnedByAtlas = true;
    return atlas.AddFontFromMemoryTTF(bytes.data, static_cast<int>(bytes.size), pixels, &config, ranges);
}

ImFont* add_face(ImFontAtlas& atlas, FontFileBytes& bytes, const std::string& latin,
                 const std::string& korean, int korean_face, float pixels, const ImWchar* ranges) {
    const FontFileBytes::Mapping* latin_bytes = bytes.get(latin);
    const FontFileBytes::Mapping* korean_bytes = bytes.get(korean);
    if (latin_bytes == nullptr || korean_bytes == nullptr) return nullptr;
    ImFontConfig config;
    config.OversampleH = pixels < 20 ? 2 : 1;  // large text gains nothing from it, and costs build time
    config.OversampleV = 1;
    ImFont* font = add_font(atlas, *latin_bytes, pixels, config, ranges);
    if (font == nullptr) return nullptr;
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontNo = korean_face;
    merge.OversampleH = 1;
    add_font(atlas, *korean_bytes, pixels, merge, ranges);
    return font;
}

// `attract_faces`: only the faces the attract screen draws with (body, heading,
// title, and small for staff's notices); bold and italic are the body's.
bool add_set(ImFontAtlas& atlas, FontFileBytes& bytes, const FontFiles& files, const ScreenMetrics& metrics,
             TextSize size, const ImWchar* ranges, FontSet& set, bool attract_faces = false) {
    const float body = metrics.body_text(size);
    const auto face = [&](const std::string& latin, const std::string& korean, float pixels) {
        return add_face(atlas, bytes, latin, korean, files.korean_face, pixels, ranges);
    };
    set.body = face(files.regular, files.korean, body);
    set.bold = attract_faces ? set.body : face(files.bold, files.korean_bold, body);
    set.italic = attract_faces ? set.body : face(files.italic, files.korean, body);
    set.bold_italic = attract_faces ? set.body : face(files.bold_italic, files.korean_bold, body);
    set.heading = face(files.bold, files.korean_bold, metrics.heading_text(size));
    set.title = face(files.bold, files.korean_bold, metrics.title_text(size));
    set.small = face(files.regular, files.korean, metrics.small_text(size));
    return set.body && set.bold && set.italic && set.bold_italic && set.heading && set.title && set.small;
}

// Adds the letters of `text` to the glyph ranges. Not ImGui's AddText: a control
// character there, and U+0000 above all, becomes a range starting at 0, which
// ends the ranges list: the fonts came out empty and ImGui aborted on its
// `font->IsLoaded()` assertion (issue 19). Texts are cleaned when read
// (core/files/showable_text); this keeps the atlas safe whatever text reaches it.
// Calls `letter` with each code point of `text` that is drawn with a glyph (no
// control character), decoded as ImGui decodes what it draws.
template <typename Letter>
void for_each_letter(std::string_view text, Letter letter) {
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end) {
        unsigned c = 0;
        const int length = ImTextCharFromUtf8(&c, p, end);
        if (length <= 0) break;
        p += length;
        if (c >= 0x20 && (c < 0x7F || c > 0x9F) && c <= IM_UNICODE_CODEPOINT_MAX) letter(c);
    }
}

void add_letters(ImFontGlyphRangesBuilder& builder, std::string_view text) {
    for_each_letter(text, [&](unsigned c) { builder.AddChar(static_cast<ImWchar>(c)); });
}

bool all_loaded(const FontSet& set) {
    for (const ImFont* font :
         {set.body, set.bold, set.italic, set.bold_italic, set.heading, set.title, set.small}) {
        if (font == nullptr || !font->IsLoaded()) return false;
    }
    return true;
}

}  // namespace

bool Typeface::build(std::string_view all_text, const ScreenMetrics& metrics, std::string& error,
                     const FontFiles& files) {
    return build_atlas(all_text, true, std::nullopt, metrics, error, files);
}

bool Typeface::build_first(std::string_view text, TextSize size, const ScreenMetrics& metrics,
                           std::string& error, const FontFiles& files) {
    return build_atlas(text, false, size, metrics, error, files);
}

bool Typeface::build_atlas(std::string_view all_text, bool printable_ascii, std::optional<TextSize> only,
                           const ScreenMetrics& metrics, std::string& error, const FontFiles& files) {
    for (const std::string* path : {&files.regular, &files.bold, &files.italic, &files.bold_italic,
                                    &files.korean, &files.korean_bold}) {
        if (!std::filesystem::is_regular_file(*path)) {
            error =
                "font file " + *path + " is missing; install the fonts-noto-core and fonts-noto-cjk packages";
            return false;
        }
    }
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();

    ImFontGlyphRangesBuilder builder;
    if (printable_ascii) builder.AddRanges(atlas.GetGlyphRangesDefault());
    builder.AddChar('?');  // ImGui's stand-in for a missing glyph
    add_letters(builder, all_text);
    builder.AddText(kInterfaceSymbols);
    ImVector<ImWchar> ranges;  // read by Build(), below
    builder.BuildRanges(&ranges);

    FontFileBytes bytes;
    bool built = false;
    if (only) {
        FontSet& set = *only == TextSize::Large ? m_large : m_normal;
        built = add_set(atlas, bytes, files, metrics, *only, ranges.Data, set, true) && atlas.Build();
        (*only == TextSize::Large ? m_normal : m_large) = set;
    } else {
        built = add_set(atlas, bytes, files, metrics, TextSize::Normal, ranges.Data, m_normal) &&
                add_set(atlas, bytes, files, metrics, TextSize::Large, ranges.Data, m_large) && atlas.Build();
    }
    // The glyphs are rasterised: the font files and ranges are no longer needed.
    // The bytes belong to `bytes`, not to the atlas, which must not free them.
    for (ImFontConfig& config : atlas.ConfigData) config.FontDataOwnedByAtlas = false;
    atlas.ClearInputData();
    if (!built || !all_loaded(m_normal) || !all_loaded(m_large)) {
        error = "could not rasterise the kiosk's fonts from " + files.regular + " and " + files.korean;
        return false;
    }
    return true;
}

std::vector<unsigned> Typeface::missing_glyphs(std::string_view text) const {
    std::vector<unsigned> missing;
    for_each_letter(text, [&](unsigned c) {
        bool everywhere = true;
        for (const FontSet* set : {&m_normal, &m_large}) {
            for (const ImFont* font : {set->body, set->bold, set->italic, set->bold_italic, set->heading,
                                       set->title, set->small}) {
                everywhere = everywhere && font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
            }
        }
        if (!everywhere) missing.push_back(c);
    });
    return missing;
}

}  // namespace amanat::ui
