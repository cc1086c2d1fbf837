#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/exhibition/subtitles.hpp"

using namespace amanat;

TEST_CASE("subtitles: WebVTT cues with identifiers, settings and markup") {
    const auto track = parse_subtitles(
        "WEBVTT - the kobyz\n\nNOTE made for the sample\n\nintro\n00:00.500 --> 00:04.000 line:90%\n"
        "The <i>kobyz</i> sings\nwith two strings\n\n01:00:01.250 --> 01:00:03.000\nLate cue\n",
        SubtitleFormat::WebVtt);
    CHECK(track.problems.empty());
    REQUIRE(track.cues.size() == 2);
    CHECK(track.cues[0].start_ms == 500);
    CHECK(track.cues[0].end_ms == 4000);
    CHECK(track.cues[0].text == "The kobyz sings\nwith two strings");
    CHECK(track.cues[1].start_ms == 3601250);
    CHECK(track.at(1000) == &track.cues[0]);
    CHECK(track.at(4000) == nullptr);
}

TEST_CASE("subtitles: SubRip with CRLF line ends and a byte order mark") {
    const auto track = parse_subtitles(
        "\xEF\xBB\xBF"
        "1\r\n00:00:01,000 --> 00:00:02,500\r\nҚобыз\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nKopuz\r\n",
        SubtitleFormat::SubRip);
    CHECK(track.problems.empty());
    REQUIRE(track.cues.size() == 2);
    CHECK(track.cues[0].text == "Қобыз");
    CHECK(track.cues[1].start_ms == 3000);
}

TEST_CASE("subtitles: problems carry their line") {
    const auto missing_header = parse_subtitles("00:01.000 --> 00:02.000\nHi\n", SubtitleFormat::WebVtt);
    REQUIRE_FALSE(missing_header.problems.empty());
    CHECK(missing_header.problems[0].line == 1);

    const auto backwards = parse_subtitles("WEBVTT\n\n00:05.000 --> 00:02.000\nHi\n", SubtitleFormat::WebVtt);
    REQUIRE(backwards.problems.size() == 1);
    CHECK(backwards.problems[0].line == 3);
    CHECK(backwards.problems[0].message.find("ends before it starts") != std::string::npos);

    const auto bad_time = parse_subtitles("WEBVTT\n\n00:61.000 --> 00:62.000\nHi\n", SubtitleFormat::WebVtt);
    REQUIRE(bad_time.problems.size() == 1);

    const auto empty = parse_subtitles("WEBVTT\n", SubtitleFormat::WebVtt);
    REQUIRE(empty.problems.size() == 1);
    CHECK(empty.problems[0].message.find("no subtitles") != std::string::npos);
}

TEST_CASE("subtitles: the sample film's cues come and go at their times, in each language") {
    const auto read = [](const char* language) {
        const auto path = std::filesystem::path(AMANAT_SOURCE_DIR) / "content" / "continuity-of-traditions" /
                          "artifacts" / "kobyz" / (std::string("playing.") + language + ".vtt");
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return parse_subtitles(text.str(), SubtitleFormat::WebVtt);
    };
    const SubtitleTrack english = read("en");
    const SubtitleTrack kazakh = read("kk");
    CHECK(english.problems.empty());
    CHECK(kazakh.problems.empty());
    CHECK(english.at(200) == nullptr);  // before the first cue
    REQUIRE(english.at(1000) != nullptr);
    CHECK(english.at(1000)->text.rfind("The outline of a kobyz appears", 0) == 0);
    REQUIRE(kazakh.at(1000) != nullptr);
    CHECK(kazakh.at(1000)->text.rfind("Бір кесек ағаштан", 0) == 0);
    CHECK(english.at(6000) != english.at(1000));  // the next cue has taken over
    CHECK(english.at(23'600) == nullptr);         // the last cue has gone
    CHECK(kazakh.at(23'600) == nullptr);
}

// Issue 22: WebVTT text escapes '&', '<' and '>' as character references, and
// may hold &nbsp;, &lrm;, &rlm; and numeric ones; they are decoded once the tags
// are gone, so an escaped tag shows as text.
TEST_CASE("subtitles: WebVTT character references are decoded after the tags are stripped") {
    const auto track = parse_subtitles(
        "WEBVTT\n\n"
        "00:01.000 --> 00:02.000\nSalt &amp; bread, 3 &lt; 4 &gt; 2\n\n"
        "00:02.000 --> 00:03.000\n&lt;b&gt;not a tag&lt;/b&gt; and <b>a tag</b>\n\n"
        "00:03.000 --> 00:04.000\nA&nbsp;B&lrm;C&rlm;D\n\n"
        "00:04.000 --> 00:05.000\n&#1179;&#x49B;&#X49b; &#128512;\n\n"
        "00:05.000 --> 00:06.000\n&amp;amp; is how &amp; is written\n",
        SubtitleFormat::WebVtt);
    CHECK(track.problems.empty());
    REQUIRE(track.cues.size() == 5);
    CHECK(track.cues[0].text == "Salt & bread, 3 < 4 > 2");
    CHECK(track.cues[1].text == "<b>not a tag</b> and a tag");
    CHECK(track.cues[2].text == "A\u00A0B\u200EC\u200FD");
    CHECK(track.cues[3].text == "\u049B\u049B\u049B \U0001F600");
    CHECK(track.cues[4].text == "&amp; is how & is written");  // decoded once, not twice
}

TEST_CASE("subtitles: unknown or invalid WebVTT character references stay as written") {
    const auto track = parse_subtitles(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n"
        "&amp &copy; &#; &#x; &#xZZ; &#1114112; &#xD800; &#0; &#99999999999999999999; & alone; &;\n",
        SubtitleFormat::WebVtt);
    CHECK(track.problems.empty());
    REQUIRE(track.cues.size() == 1);
    CHECK(track.cues[0].text ==
          "&amp &copy; &#; &#x; &#xZZ; &#1114112; &#xD800; &#0; &#99999999999999999999; & alone; &;");
}

TEST_CASE("subtitles: a reference to a character a kiosk cannot show is left out and reported") {
    const auto track = parse_subtitles("WEBVTT\n\n00:01.000 --> 00:02.000\nbe&#x1;fore&#127; after&#xFFFE;\n",
                                       SubtitleFormat::WebVtt);
    REQUIRE(track.cues.size() == 1);
    CHECK(track.cues[0].text == "before after");
    REQUIRE(track.problems.size() == 1);
    CHECK(track.problems[0].line == 4);
    CHECK(track.problems[0].message.find("&#x1;") != std::string::npos);
}

TEST_CASE("subtitles: SubRip text keeps its ampersands as written, as before") {
    // SubRip defines no character references; players show such text as it is.
    const auto track = parse_subtitles("1\n00:00:01,000 --> 00:00:02,000\nSalt &amp; <i>bread</i> &lt;\n",
                                       SubtitleFormat::SubRip);
    REQUIRE(track.cues.size() == 1);
    CHECK(track.cues[0].text == "Salt &amp; bread &lt;");
}

TEST_CASE("subtitles: a WebVTT time with a comma is an error at its line, with the time written right") {
    const auto track = parse_subtitles(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04,500\nOne\n\n00:00:05,000 --> 00:00:06.000\nTwo\n",
        SubtitleFormat::WebVtt);
    REQUIRE(track.problems.size() == 1);  // once for the file, at the first
    CHECK(track.problems[0].line == 3);
    CHECK(track.problems[0].message.find("00:00:01.000 --> 00:00:04,500") == std::string::npos);
    CHECK(track.problems[0].message.find("comma") != std::string::npos);
    CHECK(track.problems[0].fix.find("(a full stop, not a comma: this looks like an SRT file)") !=
          std::string::npos);
    CHECK(track.problems[0].fix.find("every timing line") != std::string::npos);
    CHECK(track.cues.size() == 2);  // the kiosk still shows them

    const auto one =
        parse_subtitles("WEBVTT\n\n00:00:04,500 --> 00:00:06.000\nOne\n", SubtitleFormat::WebVtt);
    REQUIRE(one.problems.size() == 1);
    CHECK(one.problems[0].fix.starts_with("write 00:00:04.500 (a full stop, not a comma"));
    // SubRip writes its times with commas: nothing to say.
    CHECK(
        parse_subtitles("1\n00:00:04,500 --> 00:00:06,000\nOne\n", SubtitleFormat::SubRip).problems.empty());
}

TEST_CASE("subtitles: a SubRip file named .vtt is one error, not one per cue") {
    const auto track =
        parse_subtitles("1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n",
                        SubtitleFormat::WebVtt);
    REQUIRE(track.problems.size() == 1);
    CHECK(track.problems[0].line == 1);
    CHECK(track.problems[0].message.find("SubRip (.srt)") != std::string::npos);
    CHECK(track.problems[0].fix.find("add WEBVTT as the first line") != std::string::npos);
    CHECK(track.problems[0].fix.find("rename the file to .srt") != std::string::npos);
}

TEST_CASE("subtitles: each problem's fix says what to write") {
    const auto missing_header = parse_subtitles("00:01.000 --> 00:02.000\nHi\n", SubtitleFormat::WebVtt);
    REQUIRE(missing_header.problems.size() == 1);
    CHECK(missing_header.problems[0].fix.starts_with("add WEBVTT as the first line"));
    CHECK(missing_header.cues.size() == 1);  // the first cue is not taken for a header

    // No empty line between two cues: the second timing would be shown as text.
    const auto run_on = parse_subtitles(
        "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n00:03.000 --> 00:04.000\nHo\n", SubtitleFormat::WebVtt);
    REQUIRE(run_on.problems.size() == 1);
    CHECK(run_on.problems[0].line == 5);
    CHECK(run_on.problems[0].fix == "add an empty line before line 5");

    const auto backwards = parse_subtitles("WEBVTT\n\n00:05.000 --> 00:02.000\nHi\n", SubtitleFormat::WebVtt);
    REQUIRE(backwards.problems.size() == 1);
    CHECK(backwards.problems[0].fix.find("later than the start") != std::string::npos);
    for (const auto& problem :
         parse_subtitles("WEBVTT\n\n00:61.000 --> 00:62.000\nHi\n", SubtitleFormat::WebVtt).problems)
        CHECK(problem.fix.find("00:00:01.000 --> 00:00:04.000") != std::string::npos);
}

TEST_CASE("subtitles: a WebVTT file named .srt is one error, and its cues are read") {
    const auto track =
        parse_subtitles("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n", SubtitleFormat::SubRip);
    REQUIRE(track.problems.size() == 1);
    CHECK(track.problems[0].fix == "rename it to .vtt and write its new name in the manifest");
    CHECK(track.cues.size() == 1);
}
