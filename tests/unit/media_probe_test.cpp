#include <doctest/doctest.h>

#include <cstring>

#include "core/exhibition/media_probe.hpp"
#include "core/pictures/image_probe.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using amanat::testing::tiny_mp4;
using amanat::testing::tiny_ogg;

namespace {

std::size_t read_string(void* context, std::uint64_t offset, char* out, std::size_t count) {
    const auto& bytes = *static_cast<const std::string*>(context);
    if (offset >= bytes.size()) return 0;
    const std::size_t n = std::min<std::size_t>(count, bytes.size() - offset);
    std::memcpy(out, bytes.data() + offset, n);
    return n;
}

MediaProbe probe(const std::string& bytes, MediaUse use) {
    MediaBytes media{bytes, bytes, bytes.size(), read_string, const_cast<std::string*>(&bytes)};
    return probe_media(media, use);
}

}  // namespace

TEST_CASE("media probe: complete containers pass") {
    CHECK(probe(tiny_mp4(), MediaUse::Film).problem.empty());
    CHECK(probe(tiny_mp4(), MediaUse::Film).container == "MP4");
    CHECK(probe(tiny_ogg(), MediaUse::Narration).problem.empty());
    CHECK(probe("ID3\x04rest", MediaUse::Narration).container == "MP3");
}

TEST_CASE("media probe: a truncated MP4 or Ogg is reported as incomplete") {
    std::string mp4 = tiny_mp4();
    mp4.resize(mp4.size() - 3);
    CHECK(probe(mp4, MediaUse::Film).problem.find("incomplete") != std::string::npos);
    std::string ogg = tiny_ogg();
    ogg.resize(ogg.size() / 2);
    CHECK(probe(ogg, MediaUse::Narration).problem.find("incomplete") != std::string::npos);
}

TEST_CASE("media probe: an MP4 without its index, audio as a film, and unknown bytes") {
    std::string no_moov = tiny_mp4();
    no_moov.replace(no_moov.find("moov"), 4, "free");
    CHECK(probe(no_moov, MediaUse::Film).problem.find("index") != std::string::npos);
    CHECK(probe(tiny_ogg(), MediaUse::Film).problem.empty());  // Ogg may hold Theora video
    CHECK(probe("ID3\x04rest", MediaUse::Film).problem.find("only sound") != std::string::npos);
    CHECK_FALSE(probe("hello world", MediaUse::Narration).problem.empty());
    CHECK(probe("", MediaUse::Narration).problem == "the file is empty");
}

TEST_CASE("image probe: a PNG header claiming a huge image is refused before decoding") {
    // A PNG signature and IHDR chunk declaring 100000 x 100000 pixels, with no data.
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0\0\0\0\0", 33);
    const ImageProbe image = probe_image(png, kDefaultMaxImageDimension);
    CHECK(image.width == 100000);
    CHECK(image.problem.find("100000x100000") != std::string::npos);
}

TEST_CASE("image probe: JPEG and PNG decode, truncated data does not") {
    CHECK(probe_image(amanat::testing::tiny_png(8, 8), 64).problem.empty());
    const ImageProbe jpeg = probe_image(amanat::testing::tiny_jpeg(8, 6), 64);
    CHECK(jpeg.problem.empty());
    CHECK(jpeg.format == "JPEG");
    CHECK(jpeg.width == 8);
    CHECK(jpeg.height == 6);
    std::string cut = amanat::testing::tiny_png(64, 64);
    cut.resize(60);
    CHECK_FALSE(probe_image(cut, 1024).problem.empty());
}
