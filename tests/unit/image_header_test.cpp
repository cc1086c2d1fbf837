#include <doctest/doctest.h>

#include <string>

#include "core/pictures/image_header.hpp"
#include "synthetic_bundle.hpp"

using amanat::read_image_header;
using amanat::testing::tiny_jpeg;
using amanat::testing::tiny_png;

namespace {

// The header of a progressive JPEG, 300 x 200 (stb writes only baseline ones):
// a JFIF segment, a quantisation table, a Huffman table (C4, which is not a
// frame header), a fill byte, then the progressive frame header (C2).
std::string progressive_jpeg_header() {
    std::string bytes("\xFF\xD8", 2);
    bytes += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    bytes += std::string("\xFF\xDB\x00\x43\x00", 5) + std::string(64, '\x01');
    bytes += std::string("\xFF\xC4\x00\x14\x00", 5) + std::string(16, '\x00') + std::string("\x01", 1);
    bytes += std::string("\xFF", 1);  // fill byte
    bytes += std::string("\xFF\xC2\x00\x11\x08\x00\xC8\x01\x2C\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 19);
    return bytes;
}

}  // namespace

// Issue 22: the loader and the validator's probe read headers with one reader.
TEST_CASE("image header: a PNG, a baseline and a progressive JPEG, and truncated headers") {
    const auto png = read_image_header(tiny_png(8, 5));
    CHECK(png.format == "PNG");
    CHECK(png.readable);
    CHECK(png.width == 8);
    CHECK(png.height == 5);

    const auto baseline = read_image_header(tiny_jpeg(7, 3));
    CHECK(baseline.format == "JPEG");
    CHECK(baseline.readable);
    CHECK(baseline.width == 7);
    CHECK(baseline.height == 3);

    const auto progressive = read_image_header(progressive_jpeg_header());
    CHECK(progressive.format == "JPEG");
    CHECK(progressive.readable);
    CHECK(progressive.width == 300);
    CHECK(progressive.height == 200);

    // Cut inside the IHDR chunk, and inside the frame header: the format is
    // known, the size is not.
    const auto cut_png = read_image_header(tiny_png(8, 5).substr(0, 20));
    CHECK(cut_png.format == "PNG");
    CHECK_FALSE(cut_png.readable);
    const std::string header = progressive_jpeg_header();
    const auto cut_jpeg = read_image_header(header.substr(0, header.size() - 12));
    CHECK(cut_jpeg.format == "JPEG");
    CHECK_FALSE(cut_jpeg.readable);
    const auto cut_segment = read_image_header(header.substr(0, 30));  // inside the DQT segment
    CHECK(cut_segment.format == "JPEG");
    CHECK_FALSE(cut_segment.readable);
}

TEST_CASE("image header: sizes as large as written, and what is not a JPEG or PNG") {
    // Width 2^32 - 1: reported as written, for the messages that say how large.
    const std::string huge("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\xFF\xFF\xFF\xFF\0\0\0\x01\x08\x02\0\0\0", 29);
    const auto wide = read_image_header(huge);
    CHECK(wide.readable);
    CHECK(wide.width == 4294967295u);
    CHECK(wide.height == 1);

    const std::string zero("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\0\0\0\0\x01\x08\x02\0\0\0", 29);
    CHECK_FALSE(read_image_header(zero).readable);

    CHECK(read_image_header("GIF89a\x01\x00\x01\x00").format.empty());
    CHECK_FALSE(read_image_header("GIF89a").readable);
    CHECK(read_image_header("").format.empty());
    CHECK(read_image_header(std::string("\xFF\xD8\xFF", 3)).format == "JPEG");
    CHECK_FALSE(read_image_header(std::string("\xFF\xD8\xFF", 3)).readable);
}
