// newsdig-ner-train: builds the entity model from ../shared (scripts/train-ner drives it).
//   newsdig-ner-train clusters  < text     word clusters from unlabelled text
//   newsdig-ner-train model --train eng.train --clusters FILE ... --out model/ner.model
//   newsdig-ner-train names --model FILE --out FILE < text   adds persons' names found in the text
// Developer tool, not installed.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

#include <CLI/CLI.hpp>

#include "common/analysis/fold.hpp"
#include "common/extract/ner/canonical.hpp"
#include "common/extract/ner/features.hpp"
#include "common/extract/ner/model.hpp"
#include "common/extract/ner/tagger.hpp"
#include "common/extract/ner/tokenizer.hpp"
#include "common/extract/ner/tools/conll.hpp"
#include "common/extract/ner/tools/gazetteers.hpp"
#include "common/extract/ner/tools/perceptron.hpp"
#include "common/extract/ner/tools/word_clusters.hpp"

namespace ner = newsdig::extract::ner;
namespace tools = newsdig::extract::ner::tools;

namespace {

struct ModelOptions {
  std::string train;
  std::string clusters;
  std::string iso_codes;
  std::string reuters21578;
  bool icu = false;
  bool training_gazetteer = false;
  std::string groups = "word,context,clusters,gazetteer,document";
  int passes = 2;
  int folds = 10;
  tools::TrainOptions train_options;
  std::string out;
};

std::uint32_t parse_groups(const std::string& list) {
  std::uint32_t groups = 0;
  std::istringstream names(list);
  std::string name;
  while (std::getline(names, name, ',')) {
    if (name == "word")
      groups |= ner::kWordFeatures;
    else if (name == "context")
      groups |= ner::kContextFeatures;
    else if (name == "clusters")
      groups |= ner::kClusterFeatures;
    else if (name == "gazetteer")
      groups |= ner::kGazetteerFeatures;
    else if (name == "document")
      groups |= ner::kDocumentFeatures;
    else
      throw std::runtime_error("unknown feature group " + name);
  }
  return groups;
}

ner::WordClusters read_clusters(const std::string& path, std::size_t& words) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  ner::WordClusters clusters;
  std::string line;
  words = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string word;
    ner::ClusterPath ids{};
    fields >> word;
    for (auto& id : ids) fields >> id;
    if (!word.empty()) {
      clusters.add(word, ids);
      ++words;
    }
  }
  return clusters;
}

ner::Model read_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ner::Model::read(bytes);
}

void write_model(const ner::Model& model, const std::string& path) {
  std::string bytes = model.write();
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error(path + ": cannot write");
}

int build_model(const ModelOptions& options) {
  auto start = std::chrono::steady_clock::now();
  std::ostream& log = std::cerr;
  auto documents = tools::read_conll(options.train);
  std::size_t tokens = 0;
  for (const auto& document : documents) tokens += document.words.size();
  log << options.train << ": " << documents.size() << " documents, " << tokens << " tokens\n";
  std::uint32_t groups = parse_groups(options.groups);

  ner::Lexicon base;
  std::ostringstream description;
  description << "trained on " << std::filesystem::path(options.train).filename().string() << " (" << tokens
              << " tokens)";
  if (!options.clusters.empty()) {
    std::size_t words = 0;
    base.clusters = read_clusters(options.clusters, words);
    log << options.clusters << ": " << words << " clustered words\n";
    description << "; clusters of " << words << " words";
  }
  std::size_t names = 0;
  if (!options.iso_codes.empty()) names += tools::add_iso_codes(base.gazetteer, options.iso_codes);
  if (options.icu) names += tools::add_icu_places(base.gazetteer);
  if (!options.reuters21578.empty()) names += tools::add_reuters_lists(base.gazetteer, options.reuters21578);
  log << "gazetteer: " << names << " names from iso-codes, ICU and Reuters-21578 lists\n";

  // The final lexicon holds every training entity; while training, each document sees only the entities
  // of the other folds, so the weights learn how far a gazetteer match can be trusted on unseen text.
  ner::Model model;
  model.lexicon = base;
  std::vector<ner::Lexicon> fold_lexicons;
  std::vector<const ner::Lexicon*> lexicons(documents.size(), &model.lexicon);
  if (options.training_gazetteer) {
    std::size_t added =
        tools::add_training_entities(model.lexicon.gazetteer, documents, [](std::size_t) { return true; });
    log << "gazetteer: " << added << " training entities\n";
    fold_lexicons.assign(static_cast<std::size_t>(options.folds), base);
    for (int fold = 0; fold < options.folds; ++fold) {
      tools::add_training_entities(
          fold_lexicons[static_cast<std::size_t>(fold)].gazetteer, documents, [&](std::size_t d) {
            return static_cast<int>(d % static_cast<std::size_t>(options.folds)) != fold;
          });
    }
    for (std::size_t d = 0; d < documents.size(); ++d) {
      lexicons[d] = &fold_lexicons[d % static_cast<std::size_t>(options.folds)];
    }
  }
  description << "; gazetteer of " << model.lexicon.gazetteer.size() << " names";

  tools::TrainingSet set{documents, lexicons, {}};
  if (options.passes == 1) {
    log << "training the only pass\n";
    model.passes.push_back(tools::train_pass(groups, set, options.train_options, log));
  } else {
    auto first_pass = tools::jackknife_first_pass(groups, set, options.folds, options.train_options, log);
    log << "training the first pass\n";
    model.passes.push_back(tools::train_pass(groups, set, options.train_options, log));
    log << "training the second pass\n";
    set.first_pass = first_pass;
    model.passes.push_back(
        tools::train_pass(groups | ner::kFirstPassFeatures, set, options.train_options, log));
  }
  description << "; " << options.passes << " passes, " << options.train_options.epochs << " epochs";
  model.description = description.str();

  write_model(model, options.out);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  log << options.out << ": " << std::filesystem::file_size(options.out) << " bytes; " << model.description
      << "\n";
  log << "model built in " << elapsed.count() << " s\n";
  return 0;
}

struct NamesOptions {
  std::string model;
  std::string out;
  std::string list;
  std::uint32_t min_articles = 3;
};

// Tags every article of the text (an article starts at a run of "-- " header lines, as in the Reuters
// financial news files) and counts in how many articles each person's full name is the canonical name.
int build_names(const NamesOptions& options, std::istream& in) {
  auto start = std::chrono::steady_clock::now();
  std::ostream& log = std::cerr;
  ner::Model model = read_model(options.model);
  ner::Tagger tagger(model);
  std::map<std::string, std::uint32_t> articles_naming;
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  std::vector<std::string_view> words;
  std::vector<ner::Label> labels;
  std::string title;
  std::string body;
  std::size_t articles = 0;
  std::size_t token_count = 0;
  auto flush = [&] {
    if (title.empty() && body.empty()) return;
    tokens.clear();
    sentences.clear();
    ner::tokenize(title, tokens, sentences);
    ner::tokenize(body, tokens, sentences);
    words.clear();
    for (const auto& token : tokens) words.push_back(token.form);
    tagger.tag({words, sentences}, labels);
    std::vector<ner::Mention> mentions;
    for (const auto& span : ner::spans_from_labels(labels)) {
      if (span.type != newsdig::EntityType::Person) continue;
      ner::Mention mention;
      mention.type = span.type;
      for (auto i = span.first; i < span.last; ++i) {
        mention.words.push_back(tokens[i].form);
        mention.joined.push_back(i > span.first && tokens[i].begin == tokens[i - 1].end ? 1 : 0);
      }
      mentions.push_back(std::move(mention));
    }
    for (const auto& entity : ner::canonicalize(mentions).entities) {
      bool has_lower = entity.name.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
      if (has_lower && ner::name_words(entity.name).size() >= 2) ++articles_naming[entity.name];
    }
    ++articles;
    token_count += tokens.size();
    title.clear();
    body.clear();
  };
  std::string line;
  bool in_header = false;
  while (std::getline(in, line)) {
    if (line.starts_with("-- ")) {
      if (!in_header) {
        flush();
        title = line.substr(3);
      }
      in_header = true;
      continue;
    }
    in_header = false;
    bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
    body += blank ? "\n\n" : line + "\n";
  }
  flush();
  // One display form per folded name: the most frequent.
  std::map<std::string, std::pair<std::string, std::uint32_t>> by_key;
  for (const auto& [name, count] : articles_naming) {
    std::string key = newsdig::analysis::fold_key(name);
    auto& best = by_key[key];
    if (count > best.second) best = {name, count};
  }
  std::vector<std::pair<std::uint32_t, std::string>> kept;
  for (const auto& [key, best] : by_key) {
    if (best.second >= options.min_articles) kept.emplace_back(best.second, best.first);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  model.names = {};
  for (const auto& [count, name] : kept) model.names.add(name, count);
  if (!options.list.empty()) {
    std::ofstream list(options.list);
    for (const auto& [count, name] : kept) list << count << '\t' << name << '\n';
  }
  write_model(model, options.out);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  log << "names: " << articles << " articles, " << token_count << " tokens tagged; " << kept.size()
      << " full names in at least " << options.min_articles << " articles; " << options.out << " written in "
      << elapsed.count() << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Builds the entity tagger's model and word clusters", "newsdig-ner-train"};
  app.require_subcommand(1);

  tools::ClusterOptions cluster_options;
  auto* clusters = app.add_subcommand("clusters", "word clusters from unlabelled text on stdin");
  tools::configure_clusters(*clusters, cluster_options);

  ModelOptions model_options;
  auto* model = app.add_subcommand("model", "train the tagger on CoNLL-2003 data");
  // A later option overrides an earlier one, so scripts can append to their defaults.
  model->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  model->add_option("--train", model_options.train, "CoNLL-2003 training file (eng.train)")->required();
  model->add_option("--clusters", model_options.clusters, "word clusters (from the clusters command)");
  model->add_option("--iso-codes", model_options.iso_codes,
                    "iso-codes JSON folder (/usr/share/iso-codes/json)");
  model->add_option("--reuters21578", model_options.reuters21578,
                    "Reuters-21578 folder (its category lists)");
  model->add_flag("--icu", model_options.icu, "add ICU's region names and time zone cities to the gazetteer");
  model->add_flag("--training-gazetteer", model_options.training_gazetteer,
                  "add the training entities to the gazetteer (by folds while training)");
  model->add_option("--groups", model_options.groups,
                    "feature groups, comma-separated: word,context,clusters,gazetteer,document");
  model->add_option("--passes", model_options.passes, "1, or 2 for a second pass reading the first")
      ->check(CLI::Range(1, 2));
  model->add_option("--folds", model_options.folds, "folds for the first-pass labels and training gazetteer")
      ->check(CLI::Range(2, 50));
  model->add_option("--epochs", model_options.train_options.epochs, "perceptron epochs")
      ->check(CLI::Range(1, 100));
  model->add_option("--min-count", model_options.train_options.min_count, "leave out rarer features");
  model->add_option("--prune", model_options.train_options.prune, "drop features with small weights");
  model->add_option("--out", model_options.out, "model file to write")->required();
  NamesOptions names_options;
  auto* names = app.add_subcommand("names", "add persons' full names found in text on stdin to a model");
  names->add_option("--model", names_options.model, "model to tag with and add to")->required();
  names->add_option("--out", names_options.out, "model file to write")->required();
  names->add_option("--list", names_options.list, "also write the names with their counts here");
  names->add_option("--min-articles", names_options.min_articles, "keep names found in this many articles");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (*clusters) return tools::run_clusters(cluster_options, std::cin, std::cout, std::cerr);
    if (*names) return build_names(names_options, std::cin);
    return build_model(model_options);
  } catch (const std::exception& e) {
    std::cerr << "newsdig-ner-train: error: " << e.what() << "\n";
    return 2;
  }
}
