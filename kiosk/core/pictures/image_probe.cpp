#include "core/pictures/image_probe.hpp"

#include <stb_image.h>

#include <algorithm>
#include <climits>
#include <cstdint>

#include "core/pictures/image_header.hpp"

namespace amanat {

ImageProbe probe_image(std::string_view bytes, int max_dimension) {
    ImageProbe probe;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const ImageHeader header = read_image_header(bytes);
    if (header.format.empty()) {
        probe.problem = bytes.empty() ? "the file is empty" : "the file is not a JPEG or PNG image";
        return probe;
    }
    probe.format = header.format;
    if (bytes.size() > INT_MAX) {
        probe.problem = "the file is too large";
        return probe;
    }
    const int length = static_cast<int>(bytes.size());
    // The header read first (read_image_header): stb refuses to report the size
    // of very large images, and staff need to be told how large theirs is.
    if (!header.readable) {
        probe.problem =
            "the image's header cannot be read; the file is damaged or not really a " + probe.format;
        return probe;
    }
    probe.width = static_cast<int>(std::min<std::uint32_t>(header.width, INT_MAX));
    probe.height = static_cast<int>(std::min<std::uint32_t>(header.height, INT_MAX));
    const auto max_side = static_cast<std::uint32_t>(std::max(max_dimension, 0));
    if (header.width > max_side || header.height > max_side) {
        probe.problem = "the image is " + std::to_string(header.width) + "x" + std::to_string(header.height) +
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
