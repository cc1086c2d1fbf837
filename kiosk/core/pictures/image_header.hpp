#pragma once

#include <cstdint>
#include <string_view>

namespace amanat {

// What an image file's first bytes say: the format from its signature, and the
// width and height from a PNG's IHDR chunk or a JPEG's frame header (baseline,
// progressive or any other), read without decoding anything. The one reader of
// both the validator's probe_image and the kiosk's ImageLoader (issue 22), so
// that `amanat pack validate` and the kiosk agree on what a picture claims to be.
// Read here rather than with stbi_info_from_memory because stb refuses to report
// very large dimensions at all ("too large"), and staff should be told how large
// their picture is. Thread-safe.
struct ImageHeader {
    std::string_view format;  // "JPEG" or "PNG"; empty when the signature is neither
    bool readable = false;    // the size was found, and neither side is 0
    std::uint32_t width = 0;  // as written, however large
    std::uint32_t height = 0;
};
ImageHeader read_image_header(std::string_view bytes);

}  // namespace amanat
