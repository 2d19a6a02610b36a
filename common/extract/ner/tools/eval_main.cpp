// newsdig-ner-eval: tags a CoNLL-2003 file with an entity model and prints precision, recall and F1 per
// type and micro-averaged (exact span and type, as conlleval counts them), and the tagging speed.
// Developer tool, not installed.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "common/extract/ner/entity_extractor.hpp"
#include "common/extract/ner/model.hpp"
#include "common/extract/ner/tagger.hpp"
#include "common/extract/ner/tools/conll.hpp"

namespace ner = newsdig::extract::ner;

namespace {

// CPU time of this thread: the speed per core, whatever else the machine runs.
double thread_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct Counts {
  std::size_t gold = 0;
  std::size_t found = 0;
  std::size_t correct = 0;
};

void print_row(std::string_view name, const Counts& counts) {
  double precision =
      counts.found == 0 ? 0 : static_cast<double>(counts.correct) / static_cast<double>(counts.found);
  double recall =
      counts.gold == 0 ? 0 : static_cast<double>(counts.correct) / static_cast<double>(counts.gold);
  double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  fmt::print("{:<11} {:>6} {:>6} {:>7}   {:.4f}  {:.4f}  {:.4f}\n", name, counts.gold, counts.found,
             counts.correct, precision, recall, f1);
}

int show_entities(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  newsdig::Article article;
  auto cut = text.find("\n\n");
  article.title = text.substr(0, cut);
  if (cut != std::string::npos) article.body = text.substr(cut + 2);
  newsdig::extract::EntityExtractor extractor;
  auto spans = extractor.find(article);
  for (const auto& span : spans) {
    fmt::print("{:<5} {:<5} {:>5}-{:<5} {:<40} -> {}\n", span.field, ner::conll_type_name(span.type),
               span.start, span.end, span.text, span.canonical);
  }
  fmt::print("\n");
  for (const auto& entity : extractor.entities(spans)) {
    fmt::print("{:<5} {:>3}  {:<36} key {}\n", ner::conll_type_name(entity.type), entity.count, entity.name,
               entity.key);
  }
  return 0;
}

int time_articles(std::istream& in) {
  std::vector<newsdig::Article> all;
  newsdig::Article current;
  bool in_header = false;
  std::string line;
  std::size_t bytes = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("-- ")) {
      if (!in_header && (!current.title.empty() || !current.body.empty())) all.push_back(std::move(current));
      if (!in_header) current = {};
      if (!in_header) current.title = line.substr(3);
      in_header = true;
      continue;
    }
    in_header = false;
    bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
    current.body += blank ? "\n\n" : line + "\n";
  }
  if (!current.title.empty() || !current.body.empty()) all.push_back(std::move(current));
  for (const auto& article : all) bytes += article.title.size() + article.body.size();
  newsdig::extract::EntityExtractor extractor;
  std::size_t spans = 0;
  std::size_t entities = 0;
  double cpu_start = thread_seconds();
  for (const auto& article : all) {
    auto found = extractor.find(article);
    spans += found.size();
    entities += extractor.entities(found).size();
  }
  double cpu = thread_seconds() - cpu_start;
  fmt::print("{} articles, {:.1f} MB of text: {} mentions, {} entity entries\n", all.size(),
             static_cast<double>(bytes) / 1e6, spans, entities);
  fmt::print("speed: {:.0f} articles/s, {:.2f} MB/s per core (find + entities; {:.2f} s of CPU)\n",
             static_cast<double>(all.size()) / cpu, static_cast<double>(bytes) / 1e6 / cpu, cpu);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path;
  std::string data_path;
  int repeat = 1;
  bool errors = false;
  std::string summary;
  std::string show;
  bool articles = false;
  CLI::App app{"Evaluates the entity tagger on a CoNLL-2003 file", "newsdig-ner-eval"};
  app.add_option("--model", model_path, "model file (default: the model built into the library)");
  app.add_option("--repeat", repeat, "tag the file this many times, for a steadier speed figure")
      ->check(CLI::Range(1, 100));
  app.add_flag("--errors", errors, "print every wrong or missed entity on stderr");
  app.add_option("--summary", summary, "print only one line: this label, micro P/R/F1 and tokens/s");
  app.add_option("--show", show,
                 "instead: print the entities of a text file (first paragraph the title, the rest the body) "
                 "with the built-in model");
  app.add_flag("--articles", articles,
               "instead: run the whole EntityExtractor (tokenizer, tagger, canonical names) over articles on "
               "stdin (each starts with \"-- \" header lines, as in the Reuters financial news) and print "
               "its speed");
  app.add_option("data", data_path, "CoNLL-2003 file (eng.testa)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (!show.empty()) return show_entities(show);
    if (articles) return time_articles(std::cin);
    if (data_path.empty()) throw std::runtime_error("no CoNLL file given");
    ner::Model loaded;
    const ner::Model* model = nullptr;
    if (model_path.empty()) {
      model = &ner::Model::embedded();
    } else {
      std::ifstream in(model_path, std::ios::binary);
      if (!in) throw std::runtime_error(model_path + ": cannot open");
      std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                       std::istreambuf_iterator<char>());
      loaded = ner::Model::read(bytes);
      model = &loaded;
    }
    auto documents = ner::tools::read_conll(data_path);
    ner::Tagger tagger(*model);
    std::vector<std::vector<ner::Label>> predicted(documents.size());
    std::size_t tokens = 0;
    auto start = std::chrono::steady_clock::now();
    double cpu_start = thread_seconds();
    for (int r = 0; r < repeat; ++r) {
      for (std::size_t d = 0; d < documents.size(); ++d) {
        tagger.tag(documents[d].view(), predicted[d]);
        tokens += documents[d].words.size();
      }
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    double cpu = thread_seconds() - cpu_start;

    std::map<newsdig::EntityType, Counts> by_type;
    Counts all;
    for (std::size_t d = 0; d < documents.size(); ++d) {
      const auto& document = documents[d];
      auto found = ner::spans_from_labels(predicted[d]);
      auto less = [](const ner::TokenSpan& a, const ner::TokenSpan& b) {
        return std::tie(a.first, a.last, a.type) < std::tie(b.first, b.last, b.type);
      };
      std::set<ner::TokenSpan, decltype(less)> gold(document.gold.begin(), document.gold.end(), less);
      std::set<ner::TokenSpan, decltype(less)> guessed(found.begin(), found.end(), less);
      for (const auto& span : gold) {
        ++by_type[span.type].gold;
        ++all.gold;
      }
      for (const auto& span : guessed) {
        ++by_type[span.type].found;
        ++all.found;
        if (gold.contains(span)) {
          ++by_type[span.type].correct;
          ++all.correct;
        }
      }
      if (errors) {
        auto text = [&](const ner::TokenSpan& span) {
          std::string words;
          for (auto i = span.first; i < span.last; ++i)
            words += (i > span.first ? " " : "") + document.words[i];
          return words;
        };
        for (const auto& span : gold) {
          if (!guessed.contains(span)) {
            std::cerr << "missed " << ner::conll_type_name(span.type) << " [" << text(span) << "]\n";
          }
        }
        for (const auto& span : guessed) {
          if (!gold.contains(span)) {
            std::cerr << "wrong  " << ner::conll_type_name(span.type) << " [" << text(span) << "]\n";
          }
        }
      }
    }
    double speed = static_cast<double>(tokens) / cpu;
    if (!summary.empty()) {
      auto ratio = [](std::size_t a, std::size_t b) {
        return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
      };
      double p = ratio(all.correct, all.found);
      double r = ratio(all.correct, all.gold);
      fmt::print("{:<44} {:.4f}  {:.4f}  {:.4f}  {:>9.0f}\n", summary, p, r,
                 p + r == 0 ? 0 : 2 * p * r / (p + r), speed);
      return 0;
    }
    fmt::print("{}: {} documents, {} tokens\n", data_path, documents.size(),
               tokens / static_cast<std::size_t>(repeat));
    fmt::print("type          gold  found correct   prec    recall  F1\n");
    for (auto type : {newsdig::EntityType::Person, newsdig::EntityType::Org, newsdig::EntityType::Place,
                      newsdig::EntityType::Misc}) {
      print_row(ner::conll_type_name(type), by_type[type]);
    }
    print_row("micro", all);
    Counts three;  // PER, ORG and LOC only, the figure other taggers are often quoted with
    for (auto type : {newsdig::EntityType::Person, newsdig::EntityType::Org, newsdig::EntityType::Place}) {
      three.gold += by_type[type].gold;
      three.found += by_type[type].found;
      three.correct += by_type[type].correct;
    }
    print_row("PER/ORG/LOC", three);
    fmt::print(
        "speed: {:.0f} tokens/s per core ({} passes, features and decoding; {:.2f} s of CPU, {:.0f} tokens/s "
        "by the wall clock)\n",
        speed, model->passes.size(), cpu, static_cast<double>(tokens) / elapsed.count());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "newsdig-ner-eval: error: " << e.what() << "\n";
    return 2;
  }
}
