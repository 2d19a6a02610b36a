// Results of newsdig-search as scripts and people see them: --batch, the ids and trec formats, snippets and
// their byte offsets, sorting, recency, feedback, facets and the timeline.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/util/display_width.hpp"
#include "tests/cli/cli_support.hpp"

using namespace newsdig::test;

namespace {

// A small archive with dates over three months and two sources, written and indexed here.
const std::string& archive_db() {
  static TempDir dir;
  static const std::string db = [] {
    const std::vector<std::string> lines = {
        R"({"id":"n1","date":"2013-11-04","source":"Wire A","title":"Oil prices fall","body":"Oil fell as stocks rose. Traders sold oil."})",
        R"({"id":"n2","date":"2013-11-20","source":"Wire A","title":"Oil output rises","body":"Output of oil rose."})",
        R"({"id":"n3","date":"2014-01-08","source":"Wire B","title":"Oil minister speaks","body":"The minister spoke about oil."})",
        R"({"id":"n4","date":"2014-01-09","source":"Wire B","title":"Gas deal","body":"A gas deal was signed."})",
        R"({"id":"n5","date":"2014-01-09","source":"Wire A","title":"Oil and gas","body":"Oil and gas rose together."})",
    };
    auto jsonl = dir / "archive.jsonl";
    std::ofstream out(jsonl);
    for (const auto& line : lines) out << line << '\n';
    out.close();
    auto path = (dir / "archive.db").string();
    auto result = run_index({"--db", path, jsonl.string()});
    if (result.exit_code != 0) throw std::runtime_error("indexing the archive failed: " + result.err);
    return path;
  }();
  return db;
}

ProcessResult search(const std::string& db, std::vector<std::string> args,
                     const ProcessOptions& options = {}) {
  // Every report, uncollapsed: story collapsing is story_cli's to test.
  args.insert(args.begin(), {"--db", db, "--no-collapse"});
  return run_search(args, options);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string field; in >> field;) out.push_back(field);
  return out;
}

unsigned width_of(const std::string& line) {
  unsigned width = 0;
  for (std::size_t offset = 0; offset < line.size();) {
    width += newsdig::util::display_width(newsdig::util::next_code_point(line, offset));
  }
  return width;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_cli)

BOOST_AUTO_TEST_CASE(batch_runs_one_query_a_line_and_tags_jsonl_with_its_number) {
  ProcessOptions input;
  input.input = "Putin\n\n7\tAbe NOT Kishida\n";
  auto result = search(corpus_db(), {"--format", "jsonl", "--batch", "-"}, input);
  BOOST_TEST(result.exit_code == 0, result.err);
  std::vector<std::pair<int, std::string>> begins;
  for (const auto& line : parse_lines(result.out)) {
    BOOST_TEST(line.contains("query_number"), line.dump());
    if (line.at("type") == "begin") begins.emplace_back(line.at("query_number"), line.at("qid"));
  }
  BOOST_TEST((begins == std::vector<std::pair<int, std::string>>{{1, "1"}, {2, "7"}}));
}

BOOST_AUTO_TEST_CASE(batch_in_human_output_heads_each_query_with_its_number) {
  ProcessOptions input;
  input.input = "Putin\nzzzunknownword\n";
  auto result = search(corpus_db(), {"--color=never", "--batch", "-"}, input);
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.out.rfind("query 1: Putin\n", 0) == 0U, result.out);
  BOOST_TEST(result.out.find("\nquery 2: zzzunknownword\n0 hits\n") != std::string::npos, result.out);
}

BOOST_AUTO_TEST_CASE(batch_reports_a_bad_query_goes_on_and_exits_two) {
  ProcessOptions input;
  input.input = "\"unclosed\nPutin\n";
  auto result = search(corpus_db(), {"--format", "jsonl", "--batch", "-"}, input);
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("query 1") != std::string::npos, result.err);
  auto lines = parse_lines(result.out);
  BOOST_REQUIRE(!lines.empty());
  BOOST_TEST(lines.front().at("type") == "error");
  BOOST_TEST(lines.front().at("query_number") == 1);
  BOOST_TEST(hit_ids(result.out).size() == 2U);
}

BOOST_AUTO_TEST_CASE(batch_reads_queries_from_a_file) {
  TempDir dir;
  auto file = dir / "queries.txt";
  std::ofstream(file) << "Putin\nzzzunknownword\n";
  auto result = search(corpus_db(), {"--format", "ids", "--batch", file.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  for (const auto& line : lines_of(result.out)) BOOST_TEST(line.rfind("1\t", 0) == 0U, line);
  auto missing = search(corpus_db(), {"--batch", (dir / "none.txt").string()});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(missing.err.find("none.txt") != std::string::npos, missing.err);
}

BOOST_AUTO_TEST_CASE(needs_a_query_or_a_batch_but_not_both) {
  BOOST_TEST(search(corpus_db(), {}).exit_code == 2);
  BOOST_TEST(search(corpus_db(), {"--batch", "-", "Putin"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(trec_output_has_one_run_line_per_hit) {
  auto result = search(corpus_db(), {"--format", "trec", "--qid", "42", "--run-tag", "test", "Putin"});
  BOOST_TEST(result.exit_code == 0, result.err);
  auto lines = lines_of(result.out);
  BOOST_REQUIRE(lines.size() == 2U);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto fields = fields_of(lines[i]);
    BOOST_REQUIRE(fields.size() == 6U);
    BOOST_TEST(fields[0] == "42");
    BOOST_TEST(fields[1] == "Q0");
    BOOST_TEST(fields[3] == std::to_string(i + 1));
    BOOST_TEST(std::stod(fields[4]) > 0);
    BOOST_TEST(fields[5] == "test");
  }
  auto jsonl = search(corpus_db(), {"--format", "jsonl", "Putin"});
  BOOST_TEST(fields_of(lines[0])[2] == hit_ids(jsonl.out).front());
}

BOOST_AUTO_TEST_CASE(trec_output_of_a_batch_takes_each_lines_query_id) {
  ProcessOptions input;
  input.input = "q1\tPutin\nq2\tKishida\n";
  auto result = search(corpus_db(), {"--format", "trec", "--batch", "-"}, input);
  std::vector<std::string> qids;
  for (const auto& line : lines_of(result.out)) qids.push_back(fields_of(line).at(0));
  BOOST_TEST(qids == (std::vector<std::string>{"q1", "q1", "q2"}));
}

BOOST_AUTO_TEST_CASE(ids_output_lists_the_hits_ids_in_rank_order) {
  auto ids = search(corpus_db(), {"--format", "ids", "Putin"});
  auto jsonl = search(corpus_db(), {"--format", "jsonl", "Putin"});
  BOOST_TEST(lines_of(ids.out) == hit_ids(jsonl.out));
}

BOOST_AUTO_TEST_CASE(snippets_option_sets_the_fragments_per_hit) {
  for (int k : {0, 1, 3}) {
    auto result = search(corpus_db(), {"--format", "jsonl", "--snippets", std::to_string(k), "Putin"});
    for (const auto& line : parse_lines(result.out)) {
      if (line.at("type") != "hit") continue;
      if (k == 0) BOOST_TEST(line.at("snippets").empty());
      if (k != 0) BOOST_TEST(!line.at("snippets").empty());
      BOOST_TEST(line.at("snippets").size() <= static_cast<std::size_t>(k));
    }
  }
}

BOOST_AUTO_TEST_CASE(json_highlights_are_byte_offsets_with_code_points_beside) {
  auto result = search(corpus_db(), {"--format", "jsonl", "--snippets", "5", "\"peace treaty\""});
  BOOST_TEST(result.exit_code == 0, result.err);
  std::size_t checked = 0;
  bool saw_multibyte_before = false;
  for (const auto& line : parse_lines(result.out)) {
    if (line.at("type") != "hit") continue;
    for (const auto& snippet : line.at("snippets")) {
      auto text = snippet.at("text").get<std::string>();
      const auto& bytes = snippet.at("highlights");
      const auto& points = snippet.at("highlights_cp");
      BOOST_REQUIRE(bytes.size() == points.size());
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto begin = bytes[i][0].get<std::size_t>();
        auto end = bytes[i][1].get<std::size_t>();
        BOOST_TEST(text.substr(begin, end - begin) == "peace treaty");  // the phrase as one mark
        // Code points: count the characters before the mark.
        std::size_t before = 0;
        for (std::size_t b = 0; b < begin; ++b)
          before += (static_cast<unsigned char>(text[b]) & 0xC0) != 0x80;
        BOOST_TEST(points[i][0].get<std::size_t>() == before);
        BOOST_TEST(points[i][1].get<std::size_t>() == before + 12);
        saw_multibyte_before = saw_multibyte_before || before != begin;
        ++checked;
      }
    }
  }
  BOOST_TEST(checked >= 2U);
  BOOST_TEST(saw_multibyte_before);  // the Kyodo seed's curly quotes make the two offsets differ
}

BOOST_AUTO_TEST_CASE(json_marks_the_matched_title_words) {
  auto result = search(corpus_db(), {"--format", "json", "title:APEC"});
  auto document = nlohmann::json::parse(result.out);
  for (const auto& hit : document.at("hits")) {
    auto title = hit.at("title").get<std::string>();
    BOOST_REQUIRE(hit.at("title_highlights").size() == 1U);
    auto mark = hit.at("title_highlights")[0];
    BOOST_TEST(title.substr(mark[0], mark[1].get<std::size_t>() - mark[0].get<std::size_t>()) == "APEC");
  }
}

BOOST_AUTO_TEST_CASE(sorts_newest_or_oldest_first) {
  auto newest = search(archive_db(), {"--format", "ids", "--sort", "newest", "oil"});
  BOOST_TEST(lines_of(newest.out) == (std::vector<std::string>{"n5", "n3", "n2", "n1"}));
  auto oldest = search(archive_db(), {"--format", "ids", "--sort", "oldest", "oil"});
  BOOST_TEST(lines_of(oldest.out) == (std::vector<std::string>{"n1", "n2", "n3", "n5"}));
}

BOOST_AUTO_TEST_CASE(recent_takes_a_half_life_and_does_not_mix_with_date_order) {
  auto recent = search(archive_db(), {"--format", "ids", "--recent", "7d", "oil"});
  BOOST_TEST(recent.exit_code == 0, recent.err);
  BOOST_TEST(lines_of(recent.out).size() == 4U);
  BOOST_TEST(lines_of(recent.out).front() == "n5");
  auto bad = search(archive_db(), {"--recent", "soon", "oil"});
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(bad.err.find("half-life") != std::string::npos, bad.err);
  BOOST_TEST(search(archive_db(), {"--recent", "7d", "--sort", "newest", "oil"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(any_word_queries_are_expanded_by_feedback_unless_told_not_to) {
  auto expanded = parse_lines(search(archive_db(), {"--format", "jsonl", "--any", "oil stocks"}).out);
  BOOST_REQUIRE(!expanded.empty());
  BOOST_TEST(expanded.back().contains("expanded_with"));
  auto plain =
      parse_lines(search(archive_db(), {"--format", "jsonl", "--any", "--no-expand", "oil stocks"}).out);
  BOOST_TEST(!plain.back().contains("expanded_with"));
  BOOST_TEST(plain.back().at("matches") == expanded.back().at("matches"));
}

BOOST_AUTO_TEST_CASE(json_facets_count_the_whole_match_set) {
  auto result = search(archive_db(), {"--format", "json", "-n", "1", "--facets", "source,month", "oil"});
  BOOST_TEST(result.exit_code == 0, result.err);
  auto facets = nlohmann::json::parse(result.out).at("facets");
  auto source = facets.at("source").at("values");
  BOOST_REQUIRE(source.size() == 2U);
  BOOST_TEST(source[0].at("value") == "Wire A");
  BOOST_TEST(source[0].at("count") == 3);
  BOOST_TEST(source[1].at("count") == 1);
  auto month = facets.at("month").at("values");
  BOOST_REQUIRE(month.size() == 2U);
  BOOST_TEST(month[0].at("value") == "2013-11");
  BOOST_TEST(month[1].at("value") == "2014-01");
  BOOST_TEST(month[1].at("count") == 2);
}

BOOST_AUTO_TEST_CASE(jsonl_puts_facets_and_timeline_between_the_hits_and_the_end) {
  auto lines =
      parse_lines(search(archive_db(), {"--format", "jsonl", "--facets", "source", "--timeline", "oil"}).out);
  std::vector<std::string> types;
  for (const auto& line : lines) {
    if (types.empty() || types.back() != line.at("type")) types.push_back(line.at("type"));
  }
  BOOST_TEST(types == (std::vector<std::string>{"begin", "hit", "facets", "timeline", "end"}));
  BOOST_TEST(lines.back().at("matches").at("estimated") == 4);
}

BOOST_AUTO_TEST_CASE(human_facets_take_one_compact_line_each) {
  auto result = search(archive_db(), {"--color=never", "--facets", "source,month", "oil"});
  BOOST_TEST(result.out.find("\nsource  Wire A 3, Wire B 1\n") != std::string::npos, result.out);
  BOOST_TEST(result.out.find("\nmonth   2013-11 2, 2014-01 2\n") != std::string::npos, result.out);
  BOOST_TEST(search(archive_db(), {"--facets", "colour", "oil"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(human_timeline_fits_the_terminal_width_and_marks_the_peak) {
  ProcessOptions narrow;
  narrow.env = {{"COLUMNS", "60"}};
  auto result = search(archive_db(), {"--color=never", "--timeline", "-n", "0", "oil OR gas"}, narrow);
  BOOST_TEST(result.exit_code == 0, result.err);
  auto lines = lines_of(result.out);
  std::size_t bars = 0, peaks = 0;
  for (const auto& line : lines) {
    if (line.find(" │") == std::string::npos) continue;
    ++bars;
    BOOST_TEST(width_of(line) <= 60U, line);
    if (line.find("◀ peak") != std::string::npos) {
      ++peaks;
      BOOST_TEST(line.rfind("2014-01", 0) == 0U, line);
    }
  }
  BOOST_TEST(bars == 3U);  // 2013-11, an empty 2013-12, 2014-01
  BOOST_TEST(peaks == 1U);
}

BOOST_AUTO_TEST_CASE(json_timeline_counts_per_day_over_a_short_span) {
  auto result = search(archive_db(), {"--format", "json", "--timeline", "gas"});
  auto timeline = nlohmann::json::parse(result.out).at("timeline");
  BOOST_TEST(timeline.at("granularity") == "day");
  BOOST_TEST(timeline.at("buckets").size() == 1U);
  BOOST_TEST(timeline.at("peak").at("period") == "2014-01-09");
  BOOST_TEST(timeline.at("peak").at("count") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
