#include "core/pictures/image_header.hpp"

namespace amanat {
namespace {

unsigned read_be16(std::string_view bytes, std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 8) |
           static_cast<unsigned char>(bytes[at + 1]);
}

std::uint32_t read_be32(std::string_view bytes, std::size_t at) {
    return (static_cast<std::uint32_t>(read_be16(bytes, at)) << 16) | read_be16(bytes, at + 2);
}

bool read_png_size(std::string_view bytes, std::uint32_t& width, std::uint32_t& height) {
    // The signature (8 bytes), then IHDR: length (4), type (4), width, height.
    if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return false;
    width = read_be32(bytes, 16);
    height = read_be32(bytes, 20);
    return true;
}

bool read_jpeg_size(std::string_view bytes, std::uint32_t& width, std::uint32_t& height) {
    std::size_t at = 2;  // after the start-of-image marker
    while (at + 4 <= bytes.size()) {
        if (static_cast<unsigned char>(bytes[at]) != 0xFF) return false;
        const auto marker = static_cast<unsigned char>(bytes[at + 1]);
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        // C0-CF are the start-of-frame markers (C0 baseline, C2 progressive...),
        // except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding
        // conditioning).
        const bool start_of_frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) {
            // Length (2), precision (1), height (2), width (2).
            if (at + 9 > bytes.size()) return false;
            height = read_be16(bytes, at + 5);
            width = read_be16(bytes, at + 7);
            return true;
        }
        const unsigned length = read_be16(bytes, at + 2);
        if (length < 2) return false;
        at += 2 + length;
    }
    return false;
}

}  // namespace

ImageHeader read_image_header(std::string_view bytes) {
    ImageHeader header;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) {
        header.format = "JPEG";
        header.readable = read_jpeg_size(bytes, header.width, header.height);
    } else if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
        header.format = "PNG";
        header.readable = read_png_size(bytes, header.width, header.height);
    }
    header.readable = header.readable && header.width > 0 && header.height > 0;
    return header;
}

}  // namespace amanat
