#include "core/image_probe.hpp"

#include <stb_image.h>

#include <climits>

namespace amanat {
namespace {

unsigned be16(std::string_view b, std::size_t at) {
    return (static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]);
}

// Width and height from a PNG's IHDR chunk or a JPEG's start-of-frame marker.
bool read_dimensions(std::string_view bytes, const std::string& format, int& width, int& height) {
    if (format == "PNG") {
        if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return false;
        const unsigned long w = (static_cast<unsigned long>(be16(bytes, 16)) << 16) | be16(bytes, 18);
        const unsigned long h = (static_cast<unsigned long>(be16(bytes, 20)) << 16) | be16(bytes, 22);
        if (w == 0 || h == 0 || w > INT_MAX || h > INT_MAX) return false;
        width = static_cast<int>(w);
        height = static_cast<int>(h);
        return true;
    }
    std::size_t at = 2;  // after SOI
    while (at + 4 <= bytes.size()) {
        if (static_cast<unsigned char>(bytes[at]) != 0xFF) return false;
        const auto marker = static_cast<unsigned char>(bytes[at + 1]);
        if (marker == 0xFF) {
            ++at;  // fill byte
            continue;
        }
        const unsigned length = be16(bytes, at + 2);
        const bool start_of_frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) {
            if (at + 9 > bytes.size()) return false;
            height = static_cast<int>(be16(bytes, at + 5));
            width = static_cast<int>(be16(bytes, at + 7));
            return width > 0 && height > 0;
        }
        if (length < 2) return false;
        at += 2 + length;
    }
    return false;
}

}  // namespace

ImageProbe probe_image(std::string_view bytes, int max_dimension) {
    ImageProbe probe;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
        probe.format = "JPEG";
    } else if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
        probe.format = "PNG";
    } else {
        probe.problem = bytes.empty() ? "the file is empty" : "the file is not a JPEG or PNG image";
        return probe;
    }
    if (bytes.size() > INT_MAX) {
        probe.problem = "the file is too large";
        return probe;
    }
    const int length = static_cast<int>(bytes.size());
    // Our own header read first: stb refuses to report the size of very large
    // images, and staff need to be told how large theirs is.
    if (!read_dimensions(bytes, probe.format, probe.width, probe.height)) {
        probe.problem =
            "the image's header cannot be read; the file is damaged or not really a " + probe.format;
        return probe;
    }
    if (probe.width > max_dimension || probe.height > max_dimension) {
        probe.problem = "the image is " + std::to_string(probe.width) + "x" + std::to_string(probe.height) +
                        " pixels, larger than the " + std::to_string(max_dimension) +
                        " pixels allowed on a side";
        return probe;
    }
    int channels = 0;
    if (stbi_info_from_memory(data, length, &probe.width, &probe.height, &channels) == 0) {
        probe.problem = "the image's header cannot be read (" + std::string(stbi_failure_reason()) +
                        "); the file is damaged or not really a " + probe.format;
        return probe;
    }
    int width = 0;
    int height = 0;
    unsigned char* pixels = stbi_load_from_memory(data, length, &width, &height, &channels, 4);
    if (pixels == nullptr) {
        probe.problem = "the image cannot be decoded (" + std::string(stbi_failure_reason()) +
                        "); the file is damaged or incomplete";
        return probe;
    }
    stbi_image_free(pixels);
    return probe;
}

}  // namespace amanat
