#pragma once
// The entity tagger's observation features: for every token of a document, a list of 64-bit keys (a
// template number hashed with the values it reads). Training and tagging call the same code, so a model's
// weights always meet the keys they were trained on; the model file records the feature groups it used.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/extract/ner/labels.hpp"
#include "common/extract/ner/lexicon.hpp"
#include "common/extract/ner/tokenizer.hpp"

namespace newsdig::extract::ner {

// Groups of feature templates, as bits: a model names the groups it was trained with.
enum FeatureGroup : std::uint32_t {
  kWordFeatures = 1U << 0,       // the word, lower-cased, its shape, prefixes and suffixes
  kContextFeatures = 1U << 1,    // words and shapes two tokens either side, word and shape bigrams
  kClusterFeatures = 1U << 2,    // word clusters of the token and its neighbours
  kGazetteerFeatures = 1U << 3,  // where the token falls in a gazetteer match
  kDocumentFeatures = 1U << 4,   // how the same word is capitalised elsewhere in the document
  kFirstPassFeatures = 1U << 5,  // second pass only: the first pass's labels here and for the same
                                 // words elsewhere in the document
};

// A document as the features see it: token forms, and sentences covering all of them in order.
struct DocumentView {
  std::span<const std::string_view> words;
  std::span<const Sentence> sentences;
};

// Token i's keys are keys[offsets[i], offsets[i + 1]).
struct FeatureSet {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> offsets;

  std::span<const std::uint64_t> of(std::size_t token) const {
    return {keys.data() + offsets[token], keys.data() + offsets[token + 1]};
  }
};

// Not thread-safe (it keeps scratch buffers): one per thread. The lexicon must outlive it.
class FeatureExtractor {
 public:
  FeatureExtractor(const Lexicon& lexicon, std::uint32_t groups);

  // The features of every token of `document`. `first_pass` (one label per token) is needed when the
  // groups include kFirstPassFeatures and ignored otherwise. Throws std::invalid_argument if the sentences
  // do not cover the tokens one after the other.
  void extract(const DocumentView& document, std::span<const Label> first_pass, FeatureSet& out);

  // Only the kFirstPassFeatures keys of every token (whatever the groups), given the first pass's labels:
  // what extract() with those labels adds to extract() without them. For the document of the last extract()
  // call, whose work on the tokens it reuses. Throws std::invalid_argument if `first_pass` or `document` has
  // another number of tokens.
  void extract_first_pass(const DocumentView& document, std::span<const Label> first_pass, FeatureSet& out);

 private:
  struct TokenInfo {
    std::uint64_t form = 0;
    std::uint64_t lower = 0;
    std::uint64_t norm = 0;  // lower case, digits as 0
    std::uint64_t shape = 0;
    std::uint64_t short_shape = 0;
    std::array<std::uint64_t, 4> prefix{};
    std::array<std::uint64_t, 4> suffix{};
    std::uint8_t affixes = 0;  // how many of prefix/suffix are set
    std::uint8_t length = 0;   // code points, at most 255
    ClusterPath clusters{};
    std::uint32_t word = 0;      // index into document_words_
    bool first = false;          // first token of its sentence
    bool caps_sentence = false;  // in a sentence without lower-case letters (a headline)
    bool initial_upper = false;
    bool has_lower = false;
    bool has_upper = false;
  };

  struct DocumentWord {
    std::uint32_t reliable_upper = 0;  // capitalised where case tells: not first, not in a headline
    std::uint32_t reliable_lower = 0;
    std::uint64_t true_form = 0;                         // the first capitalised form seen where case tells
    std::array<std::uint16_t, kTypes + 1> first_pass{};  // tokens labelled O (0) or with each type
  };

  void describe_tokens(const DocumentView& document);
  void match_gazetteer(const Sentence& sentence);
  void collect_document_words(const DocumentView& document, std::span<const Label> first_pass);
  void count_first_pass(std::span<const Label> first_pass);
  void add_first_pass_keys(const Sentence& sentence, std::uint32_t i, std::span<const Label> first_pass,
                           std::vector<std::uint64_t>& keys);

  const Lexicon& lexicon_;
  std::uint32_t groups_;
  std::vector<TokenInfo> tokens_;
  KeyTable<std::uint32_t> word_index_;
  std::vector<DocumentWord> document_words_;
  std::vector<std::uint16_t> gazetteer_tags_;  // per token and list: 0 none, 1 + BILU position
};

}  // namespace newsdig::extract::ner
