#include "core/pictures/picture_thumbnail.hpp"

#include <sodium.h>
#include <stb_image_write.h>

#include <vector>

#include "core/pictures/image_loader.hpp"

namespace amanat {

namespace {

// Pictures in a bundle are a few megabytes; a report must not read a huge one.
constexpr std::size_t kMaxPictureBytes = 64u << 20;
constexpr int kMaxPictureSide = 16384;
constexpr int kJpegQuality = 82;  // small and clean at thumbnail size

void append_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(context);
    const auto* bytes = static_cast<const unsigned char*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

std::string picture_thumbnail(const std::filesystem::path& file, int max_side, std::string& error) {
    ImageRequest request;
    request.key = file.string();
    request.file = file;
    request.max_width = max_side;
    request.max_height = max_side;
    DecodedImage image = decode_image(request, kMaxPictureBytes, kMaxPictureSide);
    if (!image.ok()) {
        error = image.error;
        return {};
    }
    // JPEG has no alpha: blend onto white, as the page behind it is.
    std::vector<unsigned char> rgb(static_cast<std::size_t>(image.width) * image.height * 3);
    for (std::size_t i = 0, o = 0; i < image.rgba.size(); i += 4, o += 3) {
        const unsigned alpha = image.rgba[i + 3];
        for (std::size_t c = 0; c < 3; ++c)
            rgb[o + c] = static_cast<unsigned char>((image.rgba[i + c] * alpha + 255 * (255 - alpha)) / 255);
    }
    std::vector<unsigned char> jpeg;
    if (stbi_write_jpg_to_func(append_bytes, &jpeg, image.width, image.height, 3, rgb.data(), kJpegQuality) ==
            0 ||
        jpeg.empty()) {
        error = file.string() + ": cannot make a small copy of this picture";
        return {};
    }
    const std::size_t length = sodium_base64_encoded_len(jpeg.size(), sodium_base64_VARIANT_ORIGINAL);
    std::string base64(length, '\0');
    sodium_bin2base64(base64.data(), length, jpeg.data(), jpeg.size(), sodium_base64_VARIANT_ORIGINAL);
    base64.resize(length - 1);  // the terminating NUL
    return "data:image/jpeg;base64," + base64;
}

}  // namespace amanat
