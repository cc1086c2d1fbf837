// report-page-sample OUT.html [LANG] [--empty]: the organisers' report of a
// hand-filled tour (sample_tour.cpp), in LANG (default en) with the catalogs of
// the source tree's localisation/, for the browser checks and for looking.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/localisation/catalog.hpp"
#include "report/report_page.hpp"
#include "sample_tour.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool empty = false;
    std::vector<std::string> positional;
    for (const std::string& arg : args) {
        if (arg == "--empty") {
            empty = true;
        } else if (arg.starts_with("-")) {
            std::fprintf(stderr, "report-page-sample: unknown option %s\n", arg.c_str());
            return 2;
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.empty() || positional.size() > 2) {
        std::fputs("Usage: report-page-sample OUT.html [LANG] [--empty]\n", stderr);
        return 2;
    }
    const std::string language = positional.size() > 1 ? positional[1] : "en";

    amanat::Diagnostics problems;
    const auto catalogs = amanat::TranslationCatalogs::load(AMANAT_LOCALISATION_DIR, problems);
    for (const amanat::Diagnostic& d : problems.items())
        std::fprintf(stderr, "report-page-sample: %s:%d: %s\n", d.file.c_str(), d.line, d.message.c_str());

    amanat::report::TourFigures figures =
        empty ? amanat::report::sample::empty_tour() : amanat::report::sample::sample_tour();
    figures.report_language = language;
    amanat::report::ReportPageOptions options;
    options.generated_at = 1790000000;  // a fixed day, so two runs give the same file
    options.catalogs = &catalogs;
    const std::string page = amanat::report::report_page(figures, catalogs.phrasebook(language), options);

    std::ofstream out(positional[0], std::ios::binary);
    out << page;
    out.close();
    if (!out) {
        std::fprintf(stderr, "report-page-sample: cannot write %s\n", positional[0].c_str());
        return 1;
    }
    return 0;
}
