#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace amanat {

// One picture decoded to 8-bit RGBA, ready to be uploaded to a texture on the
// render thread.
struct DecodedImage {
    std::string key;  // ImageRequest::key, unchanged
    int width = 0;
    int height = 0;
    // width * height * 4 bytes, rows top to bottom; empty on error. In R, G, B, A
    // order, or B, G, R, A when asked for (ImageRequest::bgra).
    std::vector<unsigned char> rgba;
    bool bgra = false;
    bool opaque = false;  // every alpha is 255: drawn without blending
    // Empty on success. Otherwise one sentence naming the file and the problem,
    // for the log (the UI shows a placeholder instead of the picture).
    std::string error;

    bool ok() const { return error.empty(); }
};

struct ImageRequest {
    // Identifies the result; by convention the bundle-relative path and a size
    // class ("artifacts/kobyz/picture.jpg@card"), so that the same picture at two
    // sizes is two entries in the texture cache.
    std::string key;
    // The file to read, already resolved through BundleFolder (the loader opens
    // whatever it is given).
    std::filesystem::path file;
    // The box the picture must fit in, in pixels; 0 means no limit on that side.
    // Larger pictures are shrunk to fit, keeping their aspect ratio; smaller
    // ones are never enlarged (the GPU scales up for free, and better).
    int max_width = 0;
    int max_height = 0;
    int priority = 0;  // higher is decoded first; equal priorities in request order
    // The picture fills the box and is cropped to it when drawn (a gallery card):
    // shrunk only to cover the box (cover_box()), so that it is drawn pixel for
    // pixel, with no scaling on the render thread. Both sides must be given.
    bool cover = false;
    // Red and blue swapped on the worker thread: what a software renderer's
    // textures hold, so the render thread uploads the pixels without converting.
    bool bgra = false;
};

// Reads and decodes pictures on one worker thread so that the render thread
// never waits for the disk or the decoder.
//
// Thread contract:
// - Construction, destruction and every public method are called on the render
//   thread (any single thread will do: the methods only take `m_mutex` briefly
//   and never wait for a decode to finish, except the destructor, which waits
//   for the image in flight, if any).
// - The worker thread runs `run()` at a lower priority than the thread that made
//   the loader (kDecoderNiceness more, in nice values); it calls `wake` after each image it
//   finishes, so `wake` must be cheap, thread-safe and must not call back into
//   this loader. It is never called after the destructor returns.
class ImageLoader {
  public:
    // How much nicer than its creator the worker thread is (see run()).
    static constexpr int kDecoderNiceness = 10;

    // Files larger than `max_file_bytes` and pictures wider or taller than
    // `max_dimension` (read from the header, before anything is allocated) are
    // refused with an error.
    explicit ImageLoader(std::function<void()> wake, std::size_t max_file_bytes = 64u << 20,
                         int max_dimension = 8192);
    // Stops the worker and joins it; queued requests are dropped, and the result
    // of the image in flight is discarded.
    ~ImageLoader();
    ImageLoader(const ImageLoader&) = delete;
    ImageLoader& operator=(const ImageLoader&) = delete;

    // Queues a picture. Ignored while a request with the same key is queued, being
    // decoded, or finished but not yet taken (the first request's priority and
    // size stand).
    void request(ImageRequest request);

    // Forgets every queued request and every finished result not yet taken; the
    // result of the image in flight is discarded when it finishes. Afterwards
    // take_finished() returns only results of requests made after this call.
    void cancel_all();

    // Holds the worker before its next image (the one in flight, if any, still
    // finishes), e.g. while a film plays, until resume(). Requests are still
    // queued meanwhile. Also lets tests fill the queue deterministically.
    void pause();
    void resume();

    // The finished results, successes and errors alike, in completion order.
    // Each request yields exactly one result unless it was cancelled.
    std::vector<DecodedImage> take_finished();

  private:
    struct QueuedRequest {
        ImageRequest request;
        std::uint64_t sequence = 0;  // request order, to keep equal priorities first come first served
    };
    struct DecodedFirst {
        bool operator()(const QueuedRequest& a, const QueuedRequest& b) const {
            if (a.request.priority != b.request.priority) return a.request.priority > b.request.priority;
            return a.sequence < b.sequence;
        }
    };

    void run();

    // Set at construction, then only read (by both threads).
    const std::function<void()> m_wake;
    const std::size_t m_max_file_bytes;
    const int m_max_dimension;

    // m_mutex protects every member below it except m_worker.
    std::mutex m_mutex;
    // Signalled when a request is queued, on resume() and on destruction.
    std::condition_variable m_work_available;
    std::set<QueuedRequest, DecodedFirst> m_queue;  // the worker takes begin()
    // Keys queued, in flight or finished but not taken: what request() ignores.
    std::unordered_set<std::string> m_outstanding_keys;
    std::vector<DecodedImage> m_finished;
    std::uint64_t m_next_sequence = 0;
    // Bumped by cancel_all(); a result decoded for an older generation is dropped.
    std::uint64_t m_generation = 0;
    bool m_paused = false;
    bool m_stopping = false;

    // Started last in the constructor, once everything above exists.
    std::thread m_worker;
};

// Decodes one picture synchronously, as the worker does: reads at most
// `max_file_bytes`, checks the format (JPEG or PNG) and the dimensions from the
// header before decoding, decodes to RGBA and shrinks it to fit the request's
// box. Never throws (running out of memory is an error like any other).
// Thread-safe; exposed for tests and for tools without a render loop.
DecodedImage decode_image(const ImageRequest& request, std::size_t max_file_bytes, int max_dimension);

struct ImageSize {
    int width = 0;
    int height = 0;
    friend bool operator==(const ImageSize&, const ImageSize&) = default;
};

// The largest size with the source's aspect ratio (to the nearest pixel) that
// fits in the box (0 = no limit on that side); never larger than the source and
// never smaller than 1x1.
ImageSize fit_within(ImageSize source, int max_width, int max_height);

// The smallest size with the source's aspect ratio that covers the box (each
// side rounded up, so that none falls short of it); never larger than the source
// and never smaller than 1x1. For a picture that fills its box and is cropped.
ImageSize cover_box(ImageSize source, int width, int height);

// Shrinks RGBA pixels (rows top to bottom, no padding) to `target`, which must
// be no larger than `source` on either side, by area averaging: each output
// pixel is the coverage-weighted mean of the source pixels under it, so large
// reductions do not alias as point or bilinear sampling would. Colours are
// weighted by alpha, so transparent pixels do not bleed their invisible colour
// into the edges of a cut-out. Thread-safe.
std::vector<unsigned char> shrink_rgba(const unsigned char* pixels, ImageSize source, ImageSize target);

}  // namespace amanat
