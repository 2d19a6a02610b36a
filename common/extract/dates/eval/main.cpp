// newsdig-eval-dates: scores the date tagger on TimeML files (TempEval-3 TimeBank and AQUAINT) and prints
// relaxed span and value precision, recall and F1 for DATE expressions, and the tagger's speed.
// Usage: newsdig-eval-dates [--errors] [--ablation] DIR_OR_FILE...   (scripts/eval-dates runs it)
// Exit codes: 0 scored, 2 error (no files, unreadable or malformed file).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "common/extract/dates/date_tagger.hpp"
#include "common/extract/dates/eval/timeml.hpp"

namespace fs = std::filesystem;
using newsdig::extract::DateTagger;
using newsdig::extract::DateTaggerOptions;
namespace eval = newsdig::extract::dates::eval;

namespace {

struct Options {
  std::vector<std::string> inputs;
  bool errors = false;
  bool ablation = false;
  int repeat = 3;
  std::optional<std::string> tag_reference;  // --tag: tag stdin instead ("none": without reference)
};

struct Doc {
  std::string corpus;  // the folder it came from: TimeBank, AQUAINT
  eval::TimemlDocument timeml;
};

std::vector<Doc> load(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const auto& input : inputs) {
    if (fs::is_directory(input)) {
      for (const auto& entry : fs::recursive_directory_iterator(input)) {
        if (entry.is_regular_file() && entry.path().extension() == ".tml") files.push_back(entry.path());
      }
    } else {
      files.emplace_back(input);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Doc> docs;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.string() + ": cannot read");
    std::stringstream buffer;
    buffer << in.rdbuf();
    try {
      docs.push_back({file.parent_path().filename().string(), eval::parse_timeml(buffer.str())});
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(file.string() + ": " + e.what());
    }
  }
  return docs;
}

std::map<std::string, eval::Score> score_all(const DateTagger& tagger, const std::vector<Doc>& docs,
                                             bool print_errors) {
  std::map<std::string, eval::Score> scores;
  for (const auto& doc : docs) {
    auto mentions = tagger.find(doc.timeml.text, "body", doc.timeml.creation_time);
    std::vector<eval::Finding> findings;
    auto score = eval::score_document(doc.timeml, mentions, print_errors ? &findings : nullptr);
    scores[doc.corpus] += score;
    scores["all"] += score;
    for (const auto& f : findings) {
      static constexpr const char* kKinds[] = {"missed", "spurious", "wrong-value", "correct"};
      std::uint32_t from = f.start > 40 ? f.start - 40 : 0;
      std::string context = doc.timeml.text.substr(from, f.end + 30 - from);
      std::replace(context.begin(), context.end(), '\n', ' ');
      std::cout << fmt::format("{}\t{}\t{}\tgold={}\tsystem={}\t{}\n", doc.timeml.id,
                               kKinds[static_cast<int>(f.kind)], f.text, f.gold_value, f.system_value,
                               context);
    }
  }
  return scores;
}

void print_scores(const std::map<std::string, eval::Score>& scores) {
  std::cout << fmt::format("{:<10} {:>5} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>8}\n", "corpus",
                           "gold", "tagged", "span P", "span R", "span F1", "val P", "val R", "val F1",
                           "val acc");
  for (const auto& [name, s] : scores) {
    std::cout << fmt::format(
        "{:<10} {:>5} {:>6} | {:>6.3f} {:>6.3f} {:>7.3f} | {:>6.3f} {:>6.3f} {:>6.3f} | {:>8.3f}\n", name,
        s.gold, s.system, s.span_precision(), s.span_recall(), s.span_f1(), s.value_precision(),
        s.value_recall(), s.value_f1(), s.value_accuracy());
  }
}

double measure_speed(const DateTagger& tagger, const std::vector<Doc>& docs, int repeat, std::size_t& bytes) {
  bytes = 0;
  for (const auto& doc : docs) bytes += doc.timeml.text.size();
  double best = 0;
  for (int run = 0; run < repeat; ++run) {
    std::size_t found = 0;
    auto start = std::chrono::steady_clock::now();
    for (const auto& doc : docs)
      found += tagger.find(doc.timeml.text, "body", doc.timeml.creation_time).size();
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (found > 0 && elapsed.count() > 0) best = std::max(best, static_cast<double>(bytes) / elapsed.count());
  }
  return best / 1e6;
}

// Tags the text on stdin and prints one mention a line: start, end, value, text (tab-separated; line
// breaks in the text printed as spaces).
int tag_stdin(const std::string& reference_text) {
  std::optional<newsdig::util::Timestamp> reference;
  if (reference_text != "none") {
    reference = newsdig::util::parse_iso8601(reference_text);
    if (!reference) {
      std::cerr << "newsdig-eval-dates: error: --tag takes an ISO 8601 date (2014-09-22) or none\n";
      return 2;
    }
  }
  std::stringstream buffer;
  buffer << std::cin.rdbuf();
  for (auto m : DateTagger().find(buffer.str(), "body", reference)) {
    std::replace(m.text.begin(), m.text.end(), '\n', ' ');
    std::cout << fmt::format("{}\t{}\t{}\t{}\n", m.start, m.end, m.value, m.text);
  }
  return 0;
}

int run(const Options& options) {
  if (options.tag_reference) return tag_stdin(*options.tag_reference);
  auto docs = load(options.inputs);
  if (docs.empty()) {
    std::cerr << "newsdig-eval-dates: error: no .tml files found: pass the TimeML folder "
                 "(../shared/data/timeml)\n";
    return 2;
  }
  DateTagger tagger;
  auto scores = score_all(tagger, docs, options.errors);
  if (options.errors) return 0;

  std::cout << fmt::format(
      "Dates on TimeML: {} documents, DATE expressions only, relaxed spans (overlap), "
      "values equal at the gold value's granularity\n\n",
      docs.size());
  print_scores(scores);
  const auto& all = scores["all"];
  std::cout << fmt::format(
      "\nmatched spans with a wrong value: {}; unmatched tagger mentions that overlap a "
      "gold TIME/DURATION/SET: {}\n",
      all.span_matched - all.value_matched, all.other_overlaps);
  std::cout << fmt::format(
      "value F1 with gold placeholders taken as unspecified (\"1989-WXX\" compared as "
      "\"1989\"): {:.3f}\n",
      all.value_f1_unspecified());
  std::size_t bytes = 0;
  double speed = measure_speed(tagger, docs, options.repeat, bytes);
  std::cout << fmt::format("speed: {:.1f} MB/s ({:.2f} MB of text, best of {} runs, one thread)\n", speed,
                           static_cast<double>(bytes) / 1e6, options.repeat);

  if (options.ablation) {
    std::cout << "\nablation: each rule group left out in turn (change in F1 against all rules)\n";
    std::cout << fmt::format("{:<10} {:>8} {:>8} {:>7}\n", "group", "span F1", "val F1", "tagged");
    for (const auto& group : DateTagger::rule_groups()) {
      DateTaggerOptions without;
      without.disabled_groups = {group};
      auto ablated = score_all(DateTagger(without), docs, false)["all"];
      std::cout << fmt::format("{:<10} {:>+8.3f} {:>+8.3f} {:>+7}\n", group,
                               ablated.span_f1() - all.span_f1(), ablated.value_f1() - all.value_f1(),
                               static_cast<long long>(ablated.system) - static_cast<long long>(all.system));
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Scores the newsdig date tagger on TimeML files (TempEval-3 TimeBank, AQUAINT)"};
  app.add_option("inputs", options.inputs, "TimeML files or folders holding them");
  app.add_option("--tag", options.tag_reference,
                 "tag the text on stdin against this publication date (or none) and print the mentions");
  app.add_flag("--errors", options.errors,
               "print every gold and tagged expression as missed, spurious, wrong-value or correct "
               "(tab-separated) instead of the scores");
  app.add_flag("--ablation", options.ablation, "also score with each rule group left out");
  app.add_option("--repeat", options.repeat, "timing runs (the best counts)")->check(CLI::PositiveNumber);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "newsdig-eval-dates: error: " << e.what() << '\n';
    return 2;
  }
}
