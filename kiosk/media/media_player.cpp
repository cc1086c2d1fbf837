#include "media/media_player.hpp"

#include <alsa/asoundlib.h>
#include <vlc/vlc.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "media/playback_clock.hpp"

namespace amanat::media {
namespace {

namespace fs = std::filesystem;

// Frames larger than this on either side are scaled down by libvlc (keeping the
// aspect ratio) before they reach us: the largest texture to count on.
constexpr unsigned kMaxFrameSide = 8192;

// libvlc's video output, after our format callback refused a hardware chroma
// (see on_video_format), logs these three errors; they are expected, not news.
constexpr std::array<std::string_view, 3> kRefusalEchoes = {
    "video format setup failure (no pictures)",  // vmem
    "video output creation failed",              // the video output
    "failed to create video output",             // the decoder, which then decodes in software
};

constexpr std::array<libvlc_event_e, 7> kEvents = {
    libvlc_MediaPlayerPlaying,          libvlc_MediaPlayerPaused,        libvlc_MediaPlayerEndReached,
    libvlc_MediaPlayerEncounteredError, libvlc_MediaPlayerLengthChanged, libvlc_MediaPlayerTimeChanged,
    libvlc_MediaPlayerESAdded,
};

Millis steady_now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Opaque chromas of VA-API and VDPAU surfaces: libvlc 3.0's avcodec offers them
// first. Pixels in GPU memory cannot reach a memory callback (there is no
// converter to RGBA in that chain), so the offer can only fail.
bool is_hardware_chroma(const char* chroma) {
    const std::string_view fourcc(chroma, ::strnlen(chroma, 4));
    return fourcc.starts_with("VAO") || fourcc.starts_with("VDV") || fourcc.starts_with("VDO");
}

bool is_hardware_module(std::string_view module) {
    return module.starts_with("vaapi") || module.starts_with("vdpau") || module == "va";
}

// A digest of a 64x64 grid of pixels and the size, to recognise the same
// picture shown again (see on_video_display). Costs ~4096 reads per frame.
std::uint64_t sample_fingerprint(const std::vector<std::uint8_t>& rgba, unsigned width, unsigned height) {
    constexpr unsigned kGrid = 64;
    std::uint64_t hash = 0xcbf29ce484222325u;  // FNV-1a over 32-bit pixels
    const auto mix = [&hash](std::uint64_t value) { hash = (hash ^ value) * 0x100000001b3u; };
    mix(width);
    mix(height);
    if (width == 0 || height == 0 || rgba.size() < static_cast<std::size_t>(width) * height * 4) return hash;
    for (unsigned gy = 0; gy < kGrid; ++gy) {
        const std::size_t y = static_cast<std::size_t>(gy) * (height - 1) / (kGrid - 1);
        for (unsigned gx = 0; gx < kGrid; ++gx) {
            const std::size_t x = static_cast<std::size_t>(gx) * (width - 1) / (kGrid - 1);
            std::uint32_t pixel = 0;
            std::memcpy(&pixel, &rgba[(y * width + x) * 4], sizeof pixel);
            mix(pixel);
        }
    }
    return hash;
}

// Empty if libvlc can be given the file; otherwise why not, in plain words.
std::string unreadable_reason(const fs::path& file) {
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (status.type() == fs::file_type::not_found) return "the file does not exist";
    if (error) return "the file cannot be opened (" + error.message() + ")";
    if (!fs::is_regular_file(status)) return "it is not a file";
    errno = 0;
    std::FILE* stream = std::fopen(file.c_str(), "rb");
    if (stream == nullptr)
        return "the file cannot be opened (" + std::generic_category().message(errno) + ")";
    const bool empty = std::fgetc(stream) == EOF;
    std::fclose(stream);
    if (empty) return "the file is empty";
    return {};
}

// libvlc 3.0 unloads every plugin (dlclose) when its last instance is released
// and loads them again with the next one. Besides the needless churn, plugins
// such as avcodec keep allocations in their static data, which become
// unreachable when the plugin is unmapped: LeakSanitizer reports them as leaks
// in "<unknown module>", where no suppression can name them. This instance
// keeps the plugins loaded for the life of the process; it plays nothing, runs
// no thread and is never released (still reachable, so not a leak).
void keep_plugins_loaded() {
    static libvlc_instance_t* const anchor = [] {
        const char* const arguments[] = {"--quiet"};
        return libvlc_new(1, arguments);
    }();
    static_cast<void>(anchor);
}

std::string cannot_be_played(const std::string& file, const std::string& problem,
                             const std::string& vlc_error = {}) {
    std::string text = "The file \"" + file + "\" cannot be played: " + problem;
    if (!vlc_error.empty()) text += " (libvlc: " + vlc_error + ")";
    return text + ".";
}

}  // namespace

// One libvlc instance per player rather than one shared by all: the log
// callback belongs to an instance, so each player sees only its own errors (for
// error()) and its own hardware-probe echoes, and tearing one player down
// cannot disturb another. It costs ~3 ms and a few hundred kilobytes per
// player with VLC's plugin cache (libvlc-bin) and the plugins kept loaded
// (keep_plugins_loaded), and the kiosk has one player.
struct MediaPlayer::Impl {
    explicit Impl(std::function<void()> wake_callback) : wake(std::move(wake_callback)) {}
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    void notify() const {
        if (wake) wake();
    }
    // Stops the input (synchronously: no event or frame of it arrives after
    // this) and clears what the playback left behind. Render thread.
    void stop_input();
    // Starts the media already set from the beginning. Render thread.
    void start(bool first_time);
    void fail_now(const std::string& message);  // render thread, mutex not held

    // Callbacks on libvlc's threads: C trampolines, then the members they call
    // with the Impl pointer we registered.
    static void event_trampoline(const libvlc_event_t* event, void* data) {
        static_cast<Impl*>(data)->on_event(*event);
    }
    static void log_trampoline(void* data, int level, const libvlc_log_t* context, const char* format,
                               va_list arguments) {
        static_cast<Impl*>(data)->on_log(level, context, format, arguments);
    }
    static unsigned format_trampoline(void** opaque, char* chroma, unsigned* width, unsigned* height,
                                      unsigned* pitches, unsigned* lines) {
        return static_cast<Impl*>(*opaque)->on_video_format(chroma, width, height, pitches, lines);
    }
    static void* lock_trampoline(void* opaque, void** planes) {
        return static_cast<Impl*>(opaque)->on_video_lock(planes);
    }
    static void display_trampoline(void* opaque, void* /*picture*/) {
        static_cast<Impl*>(opaque)->on_video_display();
    }
    void on_event(const libvlc_event_t& event);
    void on_log(int level, const libvlc_log_t* context, const char* format, va_list arguments);
    unsigned on_video_format(char* chroma, unsigned* width, unsigned* height, unsigned* pitches,
                             unsigned* lines);
    void* on_video_lock(void** planes);
    void on_video_display();

    // Set in create(), then only read (by every thread).
    const std::function<void()> wake;
    libvlc_instance_t* vlc = nullptr;
    libvlc_media_player_t* player = nullptr;

    // Render thread only.
    bool has_media = false;  // a file was handed to libvlc (play() can restart it)
    // Caller's clock minus steady_now(), learnt on the first position() call.
    mutable std::optional<Millis> caller_offset;

    // libvlc's video output thread only (format, lock and display callbacks run
    // there, one at a time): the buffer libvlc is writing into and its size.
    std::vector<std::uint8_t> back;
    // PlayerOptions' frame format; set before playback, read by the format callback.
    bool bgra = false;
    bool enlarge = true;
    unsigned box_width = 0;
    unsigned box_height = 0;
    unsigned back_width = 0;
    unsigned back_height = 0;
    std::uint64_t published_fingerprint = 0;  // of the last frame handed over

    // `mutex` protects every member below it.
    mutable std::mutex mutex;
    PlaybackState state = PlaybackState::Idle;
    std::string file_name;  // for messages written on libvlc's threads
    std::string error;
    std::string first_vlc_error;  // the first error libvlc logged since open(): the cause, not the echoes
    int refusal_echoes_expected = 0;
    PlaybackClock clock;
    bool saw_stream = false;  // libvlc found an audio or video stream in the file
    VideoFrame latest;        // the newest frame, swapped out by take_frame()
    std::uint64_t next_serial = 1;
    std::uint64_t taken_serial = 0;     // serial of the last frame taken (or discarded by open())
    std::uint64_t serial_at_start = 0;  // frames with a larger serial belong to this playback
    std::uint64_t delivered = 0;
};

MediaPlayer::Impl::~Impl() {
    if (player != nullptr) {
        // Stopping joins the input thread: no event or frame arrives afterwards.
        libvlc_media_player_stop(player);
        libvlc_event_manager_t* events = libvlc_media_player_event_manager(player);
        for (const libvlc_event_e type : kEvents) libvlc_event_detach(events, type, event_trampoline, this);
        // Destroys the video output libvlc keeps for reuse (the last video
        // callback to run); the callbacks' data below is still alive.
        libvlc_media_player_release(player);
    }
    // Unsets the log callback, waiting for a call in progress, if any.
    if (vlc != nullptr) libvlc_release(vlc);
}

// --- Render thread -------------------------------------------------------------

void MediaPlayer::Impl::stop_input() {
    libvlc_media_player_stop(player);
    const std::lock_guard lock(mutex);
    error.clear();
    first_vlc_error.clear();
    refusal_echoes_expected = 0;
    clock.rewind();
    saw_stream = false;
    // An untaken frame of what was playing is not shown any more.
    taken_serial = std::max(taken_serial, latest.serial);
    serial_at_start = next_serial - 1;
}

void MediaPlayer::Impl::start(bool first_time) {
    {
        const std::lock_guard lock(mutex);
        state = PlaybackState::Opening;
        if (first_time) clock.reset();
    }
    if (libvlc_media_player_play(player) != 0) {
        const char* reason = libvlc_errmsg();
        fail_now(cannot_be_played(file_name, "libvlc cannot start it", reason != nullptr ? reason : ""));
    }
}

void MediaPlayer::Impl::fail_now(const std::string& message) {
    const std::lock_guard lock(mutex);
    state = PlaybackState::Failed;
    error = message;
}

// --- libvlc's threads ------------------------------------------------------------

void MediaPlayer::Impl::on_event(const libvlc_event_t& event) {
    const Millis at = steady_now();
    bool changed = true;
    {
        const std::lock_guard lock(mutex);
        switch (event.type) {
            case libvlc_MediaPlayerPlaying:
                if (state == PlaybackState::Opening || state == PlaybackState::Paused) {
                    state = PlaybackState::Playing;
                    clock.set_running(true, at);
                }
                break;
            case libvlc_MediaPlayerPaused:
                if (state == PlaybackState::Opening || state == PlaybackState::Playing) {
                    state = PlaybackState::Paused;
                    clock.set_running(false, at);
                }
                break;
            case libvlc_MediaPlayerEndReached:
                if (state == PlaybackState::Failed) break;
                clock.set_running(false, at);
                // libvlc "plays" files it cannot read with its last-resort
                // demuxer: it finds nothing, reports no length and ends at once.
                if (!saw_stream || (clock.length() == 0 && next_serial - 1 == serial_at_start)) {
                    state = PlaybackState::Failed;
                    error = cannot_be_played(
                        file_name, "it is damaged, or not in an audio or video format libvlc can read",
                        first_vlc_error);
                } else {
                    state = PlaybackState::Ended;
                    clock.finish();
                }
                break;
            case libvlc_MediaPlayerEncounteredError:
                state = PlaybackState::Failed;
                clock.set_running(false, at);
                error = cannot_be_played(file_name, "libvlc could not read or decode it", first_vlc_error);
                break;
            case libvlc_MediaPlayerLengthChanged:
                clock.set_length(event.u.media_player_length_changed.new_length);
                break;
            case libvlc_MediaPlayerTimeChanged:
                clock.report(event.u.media_player_time_changed.new_time, at);
                break;
            case libvlc_MediaPlayerESAdded: {
                const int type = event.u.media_player_es_changed.i_type;
                if (type == libvlc_track_audio || type == libvlc_track_video) saw_stream = true;
                changed = false;
                break;
            }
            default:
                changed = false;
                break;
        }
    }
    if (changed) notify();
}

void MediaPlayer::Impl::on_log(int level, const libvlc_log_t* context, const char* format,
                               va_list arguments) {
    // Debug, notice and warning lines are libvlc's business; most playbacks log
    // hundreds of them.
    if (level < LIBVLC_ERROR) return;
    const char* module = nullptr;
    const char* source_file = nullptr;
    unsigned source_line = 0;
    libvlc_log_get_context(context, &module, &source_file, &source_line);  // reads `context` only
    const std::string_view module_name = module != nullptr ? module : "";
    if (is_hardware_module(module_name)) return;
    char text[512];
    std::vsnprintf(text, sizeof text, format, arguments);
    const std::string_view message(text);

    const std::lock_guard lock(mutex);
    if (refusal_echoes_expected > 0 &&
        std::find(kRefusalEchoes.begin(), kRefusalEchoes.end(), message) != kRefusalEchoes.end()) {
        --refusal_echoes_expected;
        return;
    }
    if (first_vlc_error.empty()) first_vlc_error = std::string(module_name) + ": " + text;
}

unsigned MediaPlayer::Impl::on_video_format(char* chroma, unsigned* width, unsigned* height,
                                            unsigned* pitches, unsigned* lines) {
    if (is_hardware_chroma(chroma)) {
        // Refusing here (0 pictures) makes avcodec fall back to software at once;
        // accepting makes libvlc try ~120 converter chains, logging an error for
        // each, before it falls back all the same.
        const std::lock_guard lock(mutex);
        refusal_echoes_expected += static_cast<int>(kRefusalEchoes.size());
        return 0;
    }
    // libvlc offers the decoder's padded size (e.g. 320x258 for 320x240 H.264)
    // and would stretch the picture into it; the track's size is the real one.
    // The one libvlc call made from a callback: libvlc_video_get_size reads the
    // media's track list under the media's own lock and takes no player lock.
    // Pixels are square: a non-square sample aspect ratio is not applied.
    unsigned frame_width = *width;
    unsigned frame_height = *height;
    unsigned track_width = 0;
    unsigned track_height = 0;
    if (libvlc_video_get_size(player, 0, &track_width, &track_height) == 0 && track_width > 0 &&
        track_height > 0) {
        frame_width = track_width;
        frame_height = track_height;
    }
    if (frame_width == 0 || frame_height == 0) return 0;
    if (box_width > 0 && box_height > 0) {
        double scale = std::min(static_cast<double>(box_width) / frame_width,
                                static_cast<double>(box_height) / frame_height);
        if (!enlarge) scale = std::min(scale, 1.0);
        frame_width = std::max(2u, static_cast<unsigned>(std::lround(frame_width * scale)));
        frame_height = std::max(2u, static_cast<unsigned>(std::lround(frame_height * scale)));
    }
    if (frame_width > kMaxFrameSide || frame_height > kMaxFrameSide) {
        const double scale = std::min(static_cast<double>(kMaxFrameSide) / frame_width,
                                      static_cast<double>(kMaxFrameSide) / frame_height);
        frame_width = std::max(1u, static_cast<unsigned>(frame_width * scale));
        frame_height = std::max(1u, static_cast<unsigned>(frame_height * scale));
    }
    std::memcpy(chroma, bgra ? "BGRA" : "RGBA", 4);
    *width = frame_width;
    *height = frame_height;
    pitches[0] = frame_width * 4;
    lines[0] = frame_height;
    back_width = frame_width;
    back_height = frame_height;
    return 1;  // one picture buffer: libvlc locks it, fills it and displays it in turn
}

void* MediaPlayer::Impl::on_video_lock(void** planes) {
    // The buffer swapped in by the last display may be of any size (an old
    // frame, or whatever the render thread gave take_frame()): resizing reuses
    // its memory when it is large enough.
    back.resize(static_cast<std::size_t>(back_width) * back_height * 4);
    planes[0] = back.data();
    return nullptr;
}

void MediaPlayer::Impl::on_video_display() {
    const std::uint64_t fingerprint = sample_fingerprint(back, back_width, back_height);
    {
        const std::lock_guard lock(mutex);
        // While paused (and after the end) libvlc 3.0's video output shows the
        // current picture again every ~60 ms. Handing those over would wake the
        // render thread to upload the same texture 16 times a second, so a
        // still kiosk would not be still. The picture libvlc may show after a
        // seek while paused differs, and goes through. While playing nothing is
        // dropped: a new frame may differ only between the sampled pixels.
        const bool still = state == PlaybackState::Paused || state == PlaybackState::Ended;
        if (still && fingerprint == published_fingerprint) return;  // `back` stays ours for the next lock
        published_fingerprint = fingerprint;
        latest.rgba.swap(back);
        latest.width = static_cast<int>(back_width);
        latest.height = static_cast<int>(back_height);
        latest.serial = next_serial++;
        ++delivered;
    }
    notify();
}

// libasound writes its own errors to stderr, outside libvlc's log: on a kiosk
// whose sound card is missing (or not yet up) that is hundreds of lines for each
// narration. libvlc still reports the failed output through its log.
static void ignore_alsa_error(const char*, int, const char*, int, const char*, ...) {}

// --- MediaPlayer -------------------------------------------------------------------

std::unique_ptr<MediaPlayer> MediaPlayer::create(std::function<void()> wake, const PlayerOptions& options,
                                                 std::string& error) {
    keep_plugins_loaded();
    snd_lib_error_set_handler(ignore_alsa_error);
    auto impl = std::make_unique<Impl>(std::move(wake));
    std::vector<const char*> arguments = {
        "--quiet",                   // nothing on stderr before our log callback is installed
        "--no-video-title-show",     // no file name painted over the first frames
        "--no-sub-autodetect-file",  // the kiosk draws its own subtitles
        "--no-osd",
        "--no-snapshot-preview",
        "--file-caching=300",  // ms; also shortens the early "end" with a dummy audio output
        "--no-xlib",           // SDL owns X11 on the render thread; frames come through memory
        // Frames scaled to the screen by swscale as it converts colours: bilinear, not its
        // default bicubic, which doubles the cost of a frame for no visible gain at 1.3x.
        "--swscale-mode=1",
    };
    if (!options.audio) arguments.push_back("--aout=adummy");
    impl->bgra = options.bgra;
    impl->enlarge = options.enlarge;
    impl->box_width = static_cast<unsigned>(std::max(options.video_box_width, 0));
    impl->box_height = static_cast<unsigned>(std::max(options.video_box_height, 0));
    impl->vlc = libvlc_new(static_cast<int>(arguments.size()), arguments.data());
    if (impl->vlc == nullptr) {
        const char* reason = libvlc_errmsg();
        error = "libvlc cannot start (" +
                std::string(reason != nullptr ? reason : "are VLC's plugins installed?") + ")";
        return nullptr;
    }
    libvlc_log_set(impl->vlc, Impl::log_trampoline, impl.get());

    impl->player = libvlc_media_player_new(impl->vlc);
    if (impl->player == nullptr) {
        const char* reason = libvlc_errmsg();
        error = "libvlc cannot create a media player (" +
                std::string(reason != nullptr ? reason : "unknown") + ")";
        return nullptr;
    }
    libvlc_event_manager_t* events = libvlc_media_player_event_manager(impl->player);
    for (const libvlc_event_e type : kEvents) {
        if (libvlc_event_attach(events, type, Impl::event_trampoline, impl.get()) != 0) {
            error = "libvlc cannot report playback events (out of memory)";
            return nullptr;
        }
    }
    libvlc_video_set_format_callbacks(impl->player, Impl::format_trampoline, nullptr);
    libvlc_video_set_callbacks(impl->player, Impl::lock_trampoline, nullptr, Impl::display_trampoline,
                               impl.get());

    std::unique_ptr<MediaPlayer> player(new MediaPlayer(std::move(impl)));
    player->set_volume(options.volume_percent);
    return player;
}

MediaPlayer::MediaPlayer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

MediaPlayer::~MediaPlayer() = default;

void MediaPlayer::open(const std::filesystem::path& file, bool with_video) {
    Impl& impl = *m_impl;
    impl.stop_input();
    std::error_code ignored;  // without a current folder the path is given to libvlc as it is
    fs::path absolute = fs::absolute(file, ignored);
    if (absolute.empty()) absolute = file;
    {
        const std::lock_guard lock(impl.mutex);
        impl.file_name = file.string();
    }
    const std::string reason = unreadable_reason(absolute);
    libvlc_media_t* media = reason.empty() ? libvlc_media_new_path(impl.vlc, absolute.c_str()) : nullptr;
    if (media == nullptr) {
        // Forget the previous file, so that play() cannot restart it.
        libvlc_media_player_set_media(impl.player, nullptr);
        impl.has_media = false;
        impl.fail_now(cannot_be_played(file.string(), reason.empty() ? "libvlc cannot open it" : reason));
        return;
    }
    if (!with_video) libvlc_media_add_option(media, ":no-video");
    libvlc_media_player_set_media(impl.player, media);
    libvlc_media_release(media);  // the player holds its own reference
    impl.has_media = true;
    impl.start(true);
}

void MediaPlayer::play() {
    Impl& impl = *m_impl;
    switch (state()) {
        case PlaybackState::Paused:
            libvlc_media_player_set_pause(impl.player, 0);
            break;
        case PlaybackState::Idle:
        case PlaybackState::Ended:
            if (!impl.has_media) break;
            impl.stop_input();
            impl.start(false);
            break;
        case PlaybackState::Opening:
        case PlaybackState::Playing:
        case PlaybackState::Failed:
            break;
    }
}

void MediaPlayer::pause() {
    const PlaybackState current = state();
    if (current == PlaybackState::Opening || current == PlaybackState::Playing) {
        libvlc_media_player_set_pause(m_impl->player, 1);
    }
}

void MediaPlayer::toggle_pause() {
    const PlaybackState current = state();
    if (current == PlaybackState::Opening || current == PlaybackState::Playing) {
        pause();
    } else {
        play();
    }
}

void MediaPlayer::stop() {
    Impl& impl = *m_impl;
    impl.stop_input();
    const std::lock_guard lock(impl.mutex);
    impl.state = PlaybackState::Idle;
}

void MediaPlayer::seek(Millis position) {
    Impl& impl = *m_impl;
    const PlaybackState current = state();
    if (!impl.has_media || current == PlaybackState::Failed) return;
    if (current == PlaybackState::Idle || current == PlaybackState::Ended) play();
    Millis target = std::max<Millis>(position, 0);
    {
        const std::lock_guard lock(impl.mutex);
        const Millis length = impl.clock.length();
        if (length > 0) target = std::min(target, length);
        impl.clock.seek(target, steady_now());
    }
    libvlc_media_player_set_time(impl.player, target);
}

void MediaPlayer::set_volume(int percent) {
    // libvlc 3.0 creates the audio output with the player, so this applies
    // before the first file too; above 100 libvlc would amplify (and distort).
    libvlc_audio_set_volume(m_impl->player, std::clamp(percent, 0, 100));
}

PlaybackState MediaPlayer::state() const {
    const std::lock_guard lock(m_impl->mutex);
    return m_impl->state;
}

std::string MediaPlayer::error() const {
    const std::lock_guard lock(m_impl->mutex);
    return m_impl->state == PlaybackState::Failed ? m_impl->error : std::string();
}

Millis MediaPlayer::length() const {
    const std::lock_guard lock(m_impl->mutex);
    return m_impl->clock.length();
}

Millis MediaPlayer::position(Millis now) const {
    const Millis steady = steady_now();
    if (!m_impl->caller_offset) m_impl->caller_offset = now - steady;
    const std::lock_guard lock(m_impl->mutex);
    return m_impl->clock.position(now - *m_impl->caller_offset);
}

bool MediaPlayer::take_frame(VideoFrame& out) {
    const std::lock_guard lock(m_impl->mutex);
    VideoFrame& latest = m_impl->latest;
    if (latest.serial <= m_impl->taken_serial) return false;
    std::swap(out, latest);
    m_impl->taken_serial = out.serial;
    return true;
}

std::uint64_t MediaPlayer::frames_delivered() const {
    const std::lock_guard lock(m_impl->mutex);
    return m_impl->delivered;
}

}  // namespace amanat::media
