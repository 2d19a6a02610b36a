#include "common/extract/ner/tools/conll.hpp"

#include <fstream>
#include <optional>
#include <stdexcept>

namespace newsdig::extract::ner::tools {
namespace {

std::optional<EntityType> type_from_conll(std::string_view name) {
  if (name == "PER") return EntityType::Person;
  if (name == "ORG") return EntityType::Org;
  if (name == "LOC") return EntityType::Place;
  if (name == "MISC") return EntityType::Misc;
  return std::nullopt;
}

void finish(LabelledDocument& document, std::vector<LabelledDocument>& documents) {
  if (document.words.empty()) return;
  document.views.assign(document.words.begin(), document.words.end());
  document.labels = labels_from_spans(document.gold, static_cast<std::uint32_t>(document.words.size()));
  documents.push_back(std::move(document));
  document = {};
}

}  // namespace

std::vector<LabelledDocument> read_conll(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::vector<LabelledDocument> documents;
  LabelledDocument document;
  std::uint32_t sentence_first = 0;
  bool open = false;  // an entity is open at the previous token
  TokenSpan current;
  std::string line;
  std::size_t line_number = 0;
  auto close_entity = [&] {
    if (open) {
      current.last = static_cast<std::uint32_t>(document.words.size());
      document.gold.push_back(current);
      open = false;
    }
  };
  auto close_sentence = [&] {
    close_entity();
    auto last = static_cast<std::uint32_t>(document.words.size());
    if (last > sentence_first) document.sentences.push_back({sentence_first, last});
    sentence_first = last;
  };
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      close_sentence();
      continue;
    }
    if (line.starts_with("-DOCSTART-")) {
      close_sentence();
      finish(document, documents);
      sentence_first = 0;
      continue;
    }
    auto first_space = line.find(' ');
    auto last_space = line.rfind(' ');
    if (first_space == std::string::npos) {
      throw std::runtime_error(path.string() + ":" + std::to_string(line_number) + ": expected 4 columns");
    }
    std::string word = line.substr(0, first_space);
    std::string_view tag = std::string_view(line).substr(last_space + 1);
    std::optional<EntityType> type;
    bool begins = false;
    if (tag != "O") {
      if (tag.size() < 3 || tag[1] != '-' || (tag[0] != 'I' && tag[0] != 'B')) {
        throw std::runtime_error(path.string() + ":" + std::to_string(line_number) + ": bad tag " +
                                 std::string(tag));
      }
      type = type_from_conll(tag.substr(2));
      if (!type) {
        throw std::runtime_error(path.string() + ":" + std::to_string(line_number) + ": unknown type " +
                                 std::string(tag));
      }
      begins = tag[0] == 'B';
    }
    // IOB1: I-X continues an open X entity; B-X starts a new one right after another X.
    if (!type || !open || current.type != *type || begins) close_entity();
    if (type && !open) {
      current = {static_cast<std::uint32_t>(document.words.size()), 0, *type};
      open = true;
    }
    document.words.push_back(std::move(word));
  }
  close_sentence();
  finish(document, documents);
  return documents;
}

}  // namespace newsdig::extract::ner::tools
