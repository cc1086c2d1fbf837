#include "core/pictures/image_loader.hpp"

#include <stb_image.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <memory>
#include <new>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/pictures/image_header.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace amanat {
namespace {

namespace fs = std::filesystem;

// --- Reading -------------------------------------------------------------------

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// Reads the whole file if it has at most `max_bytes`; otherwise leaves `problem`.
std::string read_file_limited(const fs::path& file, std::size_t max_bytes, std::string& problem) {
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (status.type() == fs::file_type::not_found) {
        problem = "the file does not exist";
        return {};
    }
    if (error) {
        problem = "the file cannot be opened (" + error.message() + ")";
        return {};
    }
    if (!fs::is_regular_file(status)) {
        problem = "it is not a file";
        return {};
    }
    const std::string too_large =
        "the file is larger than the " + std::to_string(max_bytes) + " bytes allowed for a picture";
    const std::uintmax_t size = fs::file_size(file, error);
    if (!error && size > max_bytes) {
        problem = too_large;
        return {};
    }
    errno = 0;
    const std::unique_ptr<std::FILE, FileCloser> stream(std::fopen(file.c_str(), "rb"));
    if (!stream) {
        problem = "the file cannot be opened (" + std::generic_category().message(errno) + ")";
        return {};
    }
    // Read up to one byte past the limit: the file may have grown since it was
    // measured, and the limit is what protects memory.
    std::string content;
    char buffer[64 * 1024];
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, stream.get());
        content.append(buffer, got);
        if (content.size() > max_bytes) {
            problem = too_large;
            return {};
        }
        if (got < sizeof buffer) break;
    }
    if (std::ferror(stream.get())) {
        problem = "the file cannot be read (" + std::generic_category().message(errno) + ")";
        return {};
    }
    return content;
}

// --- Shrinking -------------------------------------------------------------------

// How the source pixels along one axis cover each output pixel: output pixel i
// is the sum over k of weights[k] * source[first[i] + k - offset[i]], for k in
// [offset[i], offset[i + 1]).
struct AxisCoverage {
    std::vector<int> first_source;    // per output pixel
    std::vector<std::size_t> offset;  // per output pixel, plus one past the end
    std::vector<float> weights;
};

AxisCoverage axis_coverage(int source_length, int target_length) {
    AxisCoverage coverage;
    coverage.first_source.reserve(static_cast<std::size_t>(target_length));
    coverage.offset.reserve(static_cast<std::size_t>(target_length) + 1);
    const double scale = static_cast<double>(source_length) / target_length;  // >= 1
    coverage.offset.push_back(0);
    for (int i = 0; i < target_length; ++i) {
        const double start = i * scale;
        const double end = std::min((i + 1) * scale, static_cast<double>(source_length));
        const int first = static_cast<int>(start);
        const int last = std::min(static_cast<int>(std::ceil(end)), source_length);  // exclusive
        coverage.first_source.push_back(first);
        for (int s = first; s < last; ++s) {
            const double covered = std::min(end, s + 1.0) - std::max(start, static_cast<double>(s));
            coverage.weights.push_back(static_cast<float>(covered / scale));
        }
        coverage.offset.push_back(coverage.weights.size());
    }
    return coverage;
}

// One source row shrunk horizontally, as premultiplied RGBA floats (colour
// channels scaled by alpha / 255, alpha kept in 0..255).
void shrink_row(const unsigned char* row, const AxisCoverage& columns, std::vector<float>& out) {
    const std::size_t target_width = columns.first_source.size();
    for (std::size_t x = 0; x < target_width; ++x) {
        float r = 0, g = 0, b = 0, a = 0;
        const unsigned char* pixel = row + static_cast<std::size_t>(columns.first_source[x]) * 4;
        for (std::size_t k = columns.offset[x]; k < columns.offset[x + 1]; ++k, pixel += 4) {
            const float alpha_weight = columns.weights[k] * (pixel[3] * (1.0f / 255.0f));
            r += alpha_weight * pixel[0];
            g += alpha_weight * pixel[1];
            b += alpha_weight * pixel[2];
            a += columns.weights[k] * pixel[3];
        }
        out[x * 4 + 0] = r;
        out[x * 4 + 1] = g;
        out[x * 4 + 2] = b;
        out[x * 4 + 3] = a;
    }
}

unsigned char to_byte(float value) {
    return static_cast<unsigned char>(std::clamp(value + 0.5f, 0.0f, 255.0f));
}

// --- Errors ------------------------------------------------------------------------

DecodedImage failure(const ImageRequest& request, const std::string& problem) {
    DecodedImage image;
    image.key = request.key;
    image.error = "Cannot show the picture \"" + request.file.string() + "\": " + problem + ".";
    return image;
}

DecodedImage decode_or_throw(const ImageRequest& request, std::size_t max_file_bytes, int max_dimension) {
    std::string problem;
    const std::string bytes = read_file_limited(request.file, max_file_bytes, problem);
    if (!problem.empty()) return failure(request, problem);
    if (bytes.empty()) return failure(request, "the file is empty");
    const ImageHeader header = read_image_header(bytes);
    if (header.format.empty()) return failure(request, "the file is not a JPEG or PNG image");
    if (bytes.size() > INT_MAX) return failure(request, "the file is too large");  // stb takes an int
    if (!header.readable) {
        return failure(request, "the image's header cannot be read; the file is damaged or not really a " +
                                    std::string(header.format));
    }
    const auto max_side = static_cast<std::uint32_t>(std::max(max_dimension, 0));
    if (header.width > max_side || header.height > max_side) {
        return failure(request, "the image is " + std::to_string(header.width) + "x" +
                                    std::to_string(header.height) + " pixels, larger than the " +
                                    std::to_string(max_dimension) + " pixels allowed on a side");
    }

    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    int width = 0;
    int height = 0;
    int channels_in_file = 0;
    const std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
        stbi_load_from_memory(data, static_cast<int>(bytes.size()), &width, &height, &channels_in_file, 4),
        stbi_image_free);
    if (!pixels) {
        const char* reason = stbi_failure_reason();
        return failure(request, "the image cannot be decoded (" + std::string(reason ? reason : "unknown") +
                                    "); the file is damaged or incomplete");
    }
    // stb reads the same header, but a JPEG may have a second frame header; never
    // trust a size that passed no check.
    if (width <= 0 || height <= 0 || width > max_dimension || height > max_dimension) {
        return failure(request, "the image's size is inconsistent; the file is damaged");
    }

    DecodedImage image;
    image.key = request.key;
    const ImageSize source{width, height};
    const ImageSize fitted = request.cover && request.max_width > 0 && request.max_height > 0
                                 ? cover_box(source, request.max_width, request.max_height)
                                 : fit_within(source, request.max_width, request.max_height);
    if (fitted == source) {
        const std::size_t byte_count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
        image.rgba.assign(pixels.get(), pixels.get() + byte_count);
    } else {
        image.rgba = shrink_rgba(pixels.get(), source, fitted);
    }
    image.width = fitted.width;
    image.height = fitted.height;
    // Both while the pixels are warm in this thread's cache, not on the render thread's time.
    image.opaque = true;
    for (std::size_t i = 0; i < image.rgba.size(); i += 4) {
        if (request.bgra) std::swap(image.rgba[i], image.rgba[i + 2]);
        image.opaque = image.opaque && image.rgba[i + 3] == 255;
    }
    image.bgra = request.bgra;
    return image;
}

}  // namespace

ImageSize cover_box(ImageSize source, int width, int height) {
    const double scale =
        std::max(static_cast<double>(width) / source.width, static_cast<double>(height) / source.height);
    if (scale >= 1.0) return source;
    const auto scaled = [scale](int length) {
        // Up, but not for a product that is a whole number but for floating-point noise.
        return std::max(1, static_cast<int>(std::ceil(length * scale - 1e-9)));
    };
    return {scaled(source.width), scaled(source.height)};
}

ImageSize fit_within(ImageSize source, int max_width, int max_height) {
    double scale = 1.0;
    if (max_width > 0) scale = std::min(scale, static_cast<double>(max_width) / source.width);
    if (max_height > 0) scale = std::min(scale, static_cast<double>(max_height) / source.height);
    if (scale >= 1.0) return source;
    const auto scaled = [scale](int length) {
        return std::max(1, static_cast<int>(std::lround(length * scale)));
    };
    return {scaled(source.width), scaled(source.height)};
}

std::vector<unsigned char> shrink_rgba(const unsigned char* pixels, ImageSize source, ImageSize target) {
    const AxisCoverage columns = axis_coverage(source.width, target.width);
    const AxisCoverage rows = axis_coverage(source.height, target.height);
    const std::size_t source_stride = static_cast<std::size_t>(source.width) * 4;
    const std::size_t target_stride = static_cast<std::size_t>(target.width) * 4;

    std::vector<unsigned char> out(target_stride * static_cast<std::size_t>(target.height));
    std::vector<float> shrunk_row(target_stride);
    std::vector<float> sum(target_stride);
    // A source row on the boundary between two output rows contributes to both;
    // remember the last one shrunk so it is shrunk once.
    int shrunk_row_index = -1;
    for (int y = 0; y < target.height; ++y) {
        std::fill(sum.begin(), sum.end(), 0.0f);
        int source_y = rows.first_source[static_cast<std::size_t>(y)];
        for (std::size_t k = rows.offset[static_cast<std::size_t>(y)];
             k < rows.offset[static_cast<std::size_t>(y) + 1]; ++k, ++source_y) {
            if (source_y != shrunk_row_index) {
                shrink_row(pixels + static_cast<std::size_t>(source_y) * source_stride, columns, shrunk_row);
                shrunk_row_index = source_y;
            }
            const float weight = rows.weights[k];
            for (std::size_t i = 0; i < target_stride; ++i) sum[i] += weight * shrunk_row[i];
        }
        unsigned char* out_row = out.data() + static_cast<std::size_t>(y) * target_stride;
        for (std::size_t i = 0; i < target_stride; i += 4) {
            const float alpha = sum[i + 3];
            // Undo the premultiplication; a wholly transparent pixel has no colour.
            const float unpremultiply = alpha > 0.0f ? 255.0f / alpha : 0.0f;
            out_row[i + 0] = to_byte(sum[i + 0] * unpremultiply);
            out_row[i + 1] = to_byte(sum[i + 1] * unpremultiply);
            out_row[i + 2] = to_byte(sum[i + 2] * unpremultiply);
            out_row[i + 3] = to_byte(alpha);
        }
    }
    return out;
}

DecodedImage decode_image(const ImageRequest& request, std::size_t max_file_bytes, int max_dimension) {
    try {
        return decode_or_throw(request, max_file_bytes, max_dimension);
    } catch (const std::bad_alloc&) {
        return failure(request, "there is not enough memory to decode it");
    } catch (const std::exception& error) {
        return failure(request, std::string("it cannot be decoded (") + error.what() + ")");
    }
}

// --- ImageLoader ---------------------------------------------------------------------

ImageLoader::ImageLoader(std::function<void()> wake, std::size_t max_file_bytes, int max_dimension)
    : m_wake(std::move(wake)), m_max_file_bytes(max_file_bytes), m_max_dimension(max_dimension) {
    m_worker = std::thread([this] { run(); });
}

ImageLoader::~ImageLoader() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work_available.notify_all();
    m_worker.join();
}

void ImageLoader::request(ImageRequest request) {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_outstanding_keys.insert(request.key).second) return;
        m_queue.insert(QueuedRequest{std::move(request), m_next_sequence++});
    }
    m_work_available.notify_one();
}

void ImageLoader::cancel_all() {
    const std::lock_guard lock(m_mutex);
    m_queue.clear();
    m_finished.clear();
    m_outstanding_keys.clear();
    ++m_generation;
}

void ImageLoader::pause() {
    const std::lock_guard lock(m_mutex);
    m_paused = true;
}

void ImageLoader::resume() {
    {
        const std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_work_available.notify_one();
}

std::vector<DecodedImage> ImageLoader::take_finished() {
    std::vector<DecodedImage> finished;
    const std::lock_guard lock(m_mutex);
    finished.swap(m_finished);
    for (const DecodedImage& image : finished) m_outstanding_keys.erase(image.key);
    return finished;
}

void ImageLoader::run() {
    // Decoding yields to the render thread and the display server: on a kiosk PC
    // with two cores, a frame must never wait for a core because a picture is
    // being decoded ahead of need. The worker still gets every core the others
    // leave, which is nearly all of the time (the render loop sleeps between
    // frames). Linux gives each thread its own nice value; a failure leaves the
    // priority as it was.
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    if (errno == 0)
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), std::min(nice + kDecoderNiceness, 19));
    for (;;) {
        ImageRequest job;
        std::uint64_t generation = 0;
        {
            std::unique_lock lock(m_mutex);
            m_work_available.wait(lock, [this] { return m_stopping || (!m_paused && !m_queue.empty()); });
            if (m_stopping) return;
            job = std::move(m_queue.extract(m_queue.begin()).value().request);
            generation = m_generation;
        }
        DecodedImage image = decode_image(job, m_max_file_bytes, m_max_dimension);
        {
            const std::lock_guard lock(m_mutex);
            if (m_stopping) return;
            if (generation != m_generation) continue;  // cancelled while decoding
            m_finished.push_back(std::move(image));
        }
        if (m_wake) m_wake();
    }
}

}  // namespace amanat
