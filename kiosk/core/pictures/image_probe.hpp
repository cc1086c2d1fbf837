#pragma once

#include <string>
#include <string_view>

namespace amanat {

struct ImageProbe {
    std::string format;  // "JPEG", "PNG"; empty when not recognised
    int width = 0;
    int height = 0;
    std::string problem;  // empty when the image is fine
};

// Checks an image file's bytes: the format from its signature, the dimensions from
// its header (before decoding, so a huge image is refused without allocating it),
// then a full decode to catch corrupt data. Thread-safe.
ImageProbe probe_image(std::string_view bytes, int max_dimension);

inline constexpr int kDefaultMaxImageDimension = 8192;

}  // namespace amanat
