#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/visit/clock.hpp"

namespace amanat::media {

// One video frame, 4 bytes a pixel in the order PlayerOptions::bgra asks for
// (R, G, B, A by default), ready to be uploaded to a texture on the render thread.
struct VideoFrame {
    int width = 0;  // the video's real size, never the decoder's padded one
    int height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4 bytes, rows top to bottom, no padding
    // Increases with every frame the player produces (across files too), so a
    // frame can be told from an older one.
    std::uint64_t serial = 0;
};

enum class PlaybackState {
    Idle,     // nothing opened, or stop()ped
    Opening,  // open() or play() after the end: libvlc is starting the file
    Playing,
    Paused,
    Ended,   // played to the end (a last frame may still arrive); play() starts again from the beginning
    Failed,  // cannot be played; error() says why
};

struct PlayerOptions {
    bool audio = true;         // false: no sound at all (--aout=adummy), for tests and the CI
    int volume_percent = 100;  // 0-100
    // Frames in B, G, R, A byte order (a software renderer's own) instead of R, G, B, A.
    bool bgra = false;
    // Frames scaled (up or down, keeping the shape) to fit this box, the size the
    // film is shown at: libvlc scales while it converts the colours anyway, where
    // scaling each frame again when drawing it costs a GPU-less PC a frame's time.
    // 0: the video's own size.
    int video_box_width = 0;
    int video_box_height = 0;
    // false: a video smaller than the box keeps its own size (drawn 1:1 in the
    // middle) instead of being enlarged to fill it.
    bool enlarge = true;
};

// Plays one audio or video file at a time with libvlc, handing decoded video
// frames to the render thread. This module is the only code that includes
// libvlc's headers.
//
// Thread contract:
// - create(), the destructor and every public method are called on the render
//   thread (any single thread will do). They never wait for decoding; open(),
//   play() after the end, stop() and the destructor wait for libvlc to stop the
//   previous playback, which takes a few milliseconds.
// - libvlc's own threads (input, decoders, video output) deliver frames, state
//   changes and log lines through callbacks that only copy or swap data under a
//   mutex and then call `wake`; they never call back into libvlc (except to ask
//   the video's real size while the video output is being set up, which libvlc
//   answers from the media's track list). `wake` is never called after the
//   destructor returns.
class MediaPlayer {
  public:
    // `wake` is called from libvlc's threads whenever a new frame or a state
    // change arrives: it must be cheap, thread-safe, and must not call back into
    // the player (the kiosk passes KioskWindow::wake). Returns null and fills
    // `error` if libvlc cannot start (e.g. its plugins are not installed).
    static std::unique_ptr<MediaPlayer> create(std::function<void()> wake, const PlayerOptions& options,
                                               std::string& error);
    // Stops and releases everything; safe in any state.
    ~MediaPlayer();
    MediaPlayer(const MediaPlayer&) = delete;
    MediaPlayer& operator=(const MediaPlayer&) = delete;

    // Stops what was playing and starts `file`: state() becomes Opening, then
    // Playing. A file that does not exist or cannot be read fails at once
    // (state() is Failed before this returns); a file libvlc cannot decode ends
    // in Failed a little later. With `with_video` false only the sound is played
    // (no frames are decoded).
    void open(const std::filesystem::path& file, bool with_video);
    // Resumes after pause(), or starts again from the beginning after the end or
    // stop(). Does nothing while opening or playing, after a failure, or before
    // the first open().
    void play();
    void pause();         // while opening or playing; libvlc confirms with state() Paused
    void toggle_pause();  // pause() while opening or playing, otherwise play()
    void stop();          // state() becomes Idle and position() 0; play() starts again
    // Jumps to `position` (clamped to the length once known). After the end or
    // stop() it plays from there. position() shows the target at once.
    void seek(Millis position);
    void set_volume(int percent);  // 0-100, applies at once and to later files

    PlaybackState state() const;
    // Why it Failed, in plain words naming the file ("The file "…" cannot be
    // played: …"), with libvlc's first error in parentheses when there was one;
    // for the log. Empty unless state() is Failed.
    std::string error() const;
    // The length of the file in milliseconds; 0 until known.
    Millis length() const;
    // The playing position in milliseconds, interpolated between libvlc's coarse
    // time reports, clamped to [0, length()]. `now` is the caller's monotonic
    // clock in milliseconds (any epoch: the first call ties it to
    // std::chrono::steady_clock, later calls honour differences in `now`).
    Millis position(Millis now) const;
    // True, and fills `out` by swapping (no copy: `out`'s old buffer is reused
    // for a later frame), only if a frame newer than the last one taken arrived.
    // Frames of the previous file are never returned after open(), nor the
    // copies of the current picture libvlc shows again while paused.
    bool take_frame(VideoFrame& out);
    // Frames libvlc has delivered since create(), taken or not (for tests and
    // benchmarks).
    std::uint64_t frames_delivered() const;

  private:
    struct Impl;  // the libvlc side, opaque outside media_player.cpp
    explicit MediaPlayer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace amanat::media
