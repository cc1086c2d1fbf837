#include "synthetic_bundle.hpp"

#include <stb_image_write.h>
#include <stdlib.h>

#include <fstream>
#include <stdexcept>

namespace amanat::testing {
namespace fs = std::filesystem;

namespace {

void append_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
}

std::string image_pixels(int width, int height) {
    std::string pixels(static_cast<std::size_t>(width * height * 3), '\0');
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<char>((i * 37) & 0xFF);
    return pixels;
}

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

std::string ogg_page(unsigned char flags, std::uint32_t sequence) {
    std::string page = "OggS";
    page += '\0';                          // version
    page += static_cast<char>(flags);      // 0x02 first page, 0x04 last page
    page += std::string(8, '\0');          // granule position
    page += std::string("\x01\0\0\0", 4);  // stream serial number
    page += static_cast<char>(sequence);
    page += std::string(3, '\0');
    page += std::string(4, '\0');  // checksum (not checked by the probe)
    page += '\x01';                // one segment
    page += '\x04';                // of four bytes
    page += "data";
    return page;
}

std::string language_map_line(const std::string& key, const std::vector<std::string>& languages,
                              const std::string& text) {
    std::string out;
    for (const std::string& language : languages) {
        out += key + "." + language + " = \"" + text + " (" + language + ")\"\n";
    }
    return out;
}

std::string artifact_id(int index) {
    return "artifact-" + std::to_string(index + 1);
}

std::string section_id(int index) {
    return "section-" + std::to_string(index + 1);
}

}  // namespace

std::string tiny_png(int width, int height) {
    std::string out;
    const std::string pixels = image_pixels(width, height);
    stbi_write_png_to_func(append_bytes, &out, width, height, 3, pixels.data(), width * 3);
    return out;
}

std::string tiny_jpeg(int width, int height) {
    std::string out;
    const std::string pixels = image_pixels(width, height);
    stbi_write_jpg_to_func(append_bytes, &out, width, height, 3, pixels.data(), 80);
    return out;
}

std::string tiny_ogg() {
    return ogg_page(0x02, 0) + ogg_page(0x04, 1);
}

std::string tiny_mp4() {
    std::string ftyp = be32(16) + "ftyp" + "isom" + be32(512);
    std::string moov = be32(8) + "moov";
    std::string mdat = be32(16) + "mdat" + std::string(8, '\0');
    return ftyp + moov + mdat;
}

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string synthetic_exhibition_toml(const SyntheticBundleSpec& spec) {
    std::string languages;
    for (const std::string& language : spec.languages)
        languages += (languages.empty() ? "\"" : ", \"") + language + "\"";
    std::string out = "format = 1\nid = \"synthetic\"\nversion = \"1\"\nlanguages = [" + languages +
                      "]\nidle_timeout_seconds = 60\n\n[title]\n";
    for (const std::string& language : spec.languages)
        out += language + " = \"Synthetic exhibition (" + language + ")\"\n";
    out += "\n[fallback]\ndefault = [\"" + spec.languages.front() +
           "\"]\n\n[attract]\nimages = [\"attract/one.jpg\"]\n";
    for (int s = 0; s < spec.sections; ++s) {
        out += "\n[[sections]]\nid = \"" + section_id(s) + "\"\n" +
               language_map_line("title", spec.languages, "Section " + std::to_string(s + 1));
    }
    out += "\n[[survey]]\nid = \"overall\"\nkind = \"rating\"\n" +
           language_map_line("question", spec.languages, "How was it?");
    out += "\n[[survey]]\nid = \"heard\"\nkind = \"single\"\n" +
           language_map_line("question", spec.languages, "How did you hear of it?");
    for (const char* option : {"friends", "poster"}) {
        out += "\n[[survey.options]]\nid = \"" + std::string(option) + "\"\n" +
               language_map_line("label", spec.languages, option);
    }
    return out;
}

std::string synthetic_artifact_toml(const SyntheticBundleSpec& spec, int index) {
    const std::string id = artifact_id(index);
    std::string out = "id = \"" + id + "\"\nsection = \"" + section_id(index % spec.sections) +
                      "\"\norder = " + std::to_string(index) + "\ninventory_number = \"INV " +
                      std::to_string(1000 + index) + "\"\n";
    out += language_map_line("title", spec.languages, "Artifact " + std::to_string(index + 1));
    out += language_map_line("period", spec.languages, "19th century");
    out += language_map_line("materials", spec.languages, "Wood, silver");
    out += "\n[story]\n";
    for (const std::string& language : spec.languages) out += language + " = \"story." + language + ".md\"\n";
    out += "\n[[images]]\nfile = \"picture.png\"\n" + language_map_line("alt", spec.languages, "A drawing");
    if (index < spec.media_artifacts) {
        out += "\n[narration]\n";
        for (const std::string& language : spec.languages) {
            out += "audio." + language + " = \"narration." + language + ".ogg\"\n";
            out += "transcript." + language + " = \"narration." + language + ".md\"\n";
        }
        out += "\n[[videos]]\nid = \"film\"\nfile = \"film.mp4\"\n" +
               language_map_line("title", spec.languages, "A film");
        for (const std::string& language : spec.languages) {
            out += "subtitles." + language + " = \"film." + language + ".vtt\"\n";
        }
    }
    return out;
}

void write_synthetic_bundle(const fs::path& folder, const SyntheticBundleSpec& spec) {
    write_file(folder / "exhibition.toml", synthetic_exhibition_toml(spec));
    write_file(folder / "attract" / "one.jpg", tiny_jpeg());
    const std::string png = tiny_png();
    std::string story = "## A heading\n\n";
    for (int p = 0; p < spec.story_paragraphs; ++p) {
        story += "A paragraph with **bold** and *italic* words about the object, number " +
                 std::to_string(p + 1) +
                 ", long enough to wrap on the kiosk's screen at the normal text size.\n\n";
    }
    story += "- a list item\n- another\n\n> A proverb.\n";
    for (int i = 0; i < spec.artifacts; ++i) {
        const fs::path dir = folder / "artifacts" / artifact_id(i);
        write_file(dir / "artifact.toml", synthetic_artifact_toml(spec, i));
        write_file(dir / "picture.png", png);
        for (const std::string& language : spec.languages)
            write_file(dir / ("story." + language + ".md"), story);
        if (i < spec.media_artifacts) {
            write_file(dir / "film.mp4", tiny_mp4());
            for (const std::string& language : spec.languages) {
                write_file(dir / ("narration." + language + ".ogg"), tiny_ogg());
                write_file(dir / ("narration." + language + ".md"), "What the narrator says.\n");
                write_file(dir / ("film." + language + ".vtt"),
                           "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nA subtitle\n");
            }
        }
    }
}

TemporaryFolder::TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "amanat-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    m_path = pattern;
}

TemporaryFolder::~TemporaryFolder() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

}  // namespace amanat::testing
