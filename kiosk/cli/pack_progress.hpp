#pragma once

// Progress of `amanat pack build|verify|install` on stderr: one line updated
// in place when stderr is a terminal, plain lines (each stage, then every 10 %)
// when it is a log or a pipe, so a log does not fill with carriage returns.
// Called on the thread doing the work; cheap when nothing needs printing.

#include <chrono>
#include <string>

#include "pack/packs.hpp"

namespace amanat::cli {

class ProgressLine {
  public:
    explicit ProgressLine(bool quiet = false);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void show(const pack::PackProgress& progress);
    // Ends an updating line, so what follows starts on a line of its own.
    void finish();

    pack::ProgressCallback callback() {
        return [this](const pack::PackProgress& p) { show(p); };
    }

  private:
    bool m_quiet;
    bool m_terminal;
    bool m_line_open = false;
    std::string m_stage;
    int m_tenths = -1;
    std::chrono::steady_clock::time_point m_last{};
};

}  // namespace amanat::cli
