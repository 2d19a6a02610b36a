#include "common/extract/ner/features.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace newsdig::extract::ner {

// Template numbers are part of the model file's meaning: never renumber, only add.
enum Template : std::uint64_t {
  kBias = 1,
  kForm,
  kLower,
  kShape,
  kShortShape,
  kPrefix,  // + length
  kSuffix = kPrefix + 8,
  kContextWord = kSuffix + 8,  // + offset slot
  kBigramLeft = kContextWord + 8,
  kBigramRight,
  kContextShape,  // + offset slot
  kShapeLeft = kContextShape + 8,
  kShapeRight,
  kShapeTrigram,
  kFirstShape,
  kCapsShape,
  kCluster,                    // + offset slot * kClusterLevels + level
  kGazetteer = kCluster + 64,  // + list * 8 + tag
  kDocumentCase = kGazetteer + 256,
  kDocumentCaseShape,
  kTrueCluster,                        // + level
  kFirstPassLabel = kTrueCluster + 8,  // + offset slot
  kFirstPassLabelShape = kFirstPassLabel + 8,
  kFirstPassLabelPair,
  kDocumentType,
  kDocumentTypeShape,
  kDocumentTypeLabel,
  kLengthShape,
};

namespace {

constexpr std::uint64_t kBeginHash = 0x1b873593cc9e2d51ULL;
constexpr std::uint64_t kEndHash = 0xe6546b64c2b2ae35ULL;

std::uint64_t key(std::uint64_t templ, std::uint64_t value) {
  return combine(templ, value);
}

std::uint64_t key(std::uint64_t templ, std::uint64_t a, std::uint64_t b) {
  return combine(combine(templ, a), b);
}

std::uint64_t key(std::uint64_t templ, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return combine(combine(combine(templ, a), b), c);
}

char shape_class(UChar32 c, bool& upper, bool& lower) {
  if (c >= 'a' && c <= 'z') {
    lower = true;
    return 'x';
  }
  if (c >= 'A' && c <= 'Z') {
    upper = true;
    return 'X';
  }
  if (c >= '0' && c <= '9') return 'd';
  if (c < 0x80) return static_cast<char>(c);
  if (u_isupper(c) || u_istitle(c)) {
    upper = true;
    return 'X';
  }
  if (u_islower(c)) {
    lower = true;
    return 'x';
  }
  if (u_isdigit(c)) return 'd';
  if (u_isalpha(c)) return 'c';
  return '#';
}

}  // namespace

FeatureExtractor::FeatureExtractor(const Lexicon& lexicon, std::uint32_t groups)
    : lexicon_(lexicon), groups_(groups) {}

void FeatureExtractor::describe_tokens(const DocumentView& document) {
  tokens_.assign(document.words.size(), TokenInfo{});
  std::string lower;
  std::string norm;
  std::string shape;
  std::string short_shape;
  std::array<std::size_t, 5> boundaries{};  // byte offsets after the first code points
  for (std::size_t i = 0; i < document.words.size(); ++i) {
    std::string_view form = document.words[i];
    TokenInfo& info = tokens_[i];
    info.form = hash_bytes(form);
    lower = lower_case(form);
    info.lower = hash_bytes(lower);
    norm = lower;
    for (char& c : norm) {
      if (c >= '0' && c <= '9') c = '0';
    }
    info.norm = hash_bytes(norm);

    shape.clear();
    short_shape.clear();
    std::size_t code_points = 0;
    char previous = 0;
    int run = 0;
    std::int32_t at = 0;
    auto size = static_cast<std::int32_t>(std::min<std::size_t>(form.size(), 0x7fffffff));
    while (at < size) {
      if (code_points < boundaries.size()) boundaries[code_points] = static_cast<std::size_t>(at);
      UChar32 c = 0;
      U8_NEXT(reinterpret_cast<const std::uint8_t*>(form.data()), at, size, c);
      char cls = c < 0 ? '#' : shape_class(c, info.has_upper, info.has_lower);
      if (code_points == 0) info.initial_upper = cls == 'X';
      ++code_points;
      if (cls == previous) {
        if (++run <= 4) shape.push_back(cls);
      } else {
        shape.push_back(cls);
        short_shape.push_back(cls);
        previous = cls;
        run = 1;
      }
    }
    info.length = static_cast<std::uint8_t>(std::min<std::size_t>(code_points, 255));
    info.shape = hash_bytes(shape);
    info.short_shape = hash_bytes(short_shape);
    // Affixes of 1..4 code points, for words longer than the affix.
    std::size_t affixes = std::min<std::size_t>(code_points > 1 ? code_points - 1 : 0, 4);
    info.affixes = static_cast<std::uint8_t>(affixes);
    for (std::size_t k = 1; k <= affixes; ++k) {
      info.prefix[k - 1] = hash_bytes(form.substr(0, boundaries[k]));
    }
    // Suffixes by walking back over continuation bytes.
    std::size_t cut = form.size();
    for (std::size_t k = 1; k <= affixes; ++k) {
      do {
        --cut;
      } while (cut > 0 && (static_cast<unsigned char>(form[cut]) & 0xC0U) == 0x80U);
      info.suffix[k - 1] = hash_bytes(form.substr(cut));
    }
    if (const ClusterPath* path = lexicon_.clusters.find(info.form)) info.clusters = *path;
  }

  for (const Sentence& sentence : document.sentences) {
    if (sentence.first >= sentence.last) continue;
    tokens_[sentence.first].first = true;
    bool any_lower = false;
    int upper_tokens = 0;
    for (std::uint32_t i = sentence.first; i < sentence.last; ++i) {
      any_lower = any_lower || tokens_[i].has_lower;
      if (tokens_[i].has_upper) ++upper_tokens;
    }
    bool caps = !any_lower && upper_tokens >= 2;
    for (std::uint32_t i = sentence.first; i < sentence.last; ++i) tokens_[i].caps_sentence = caps;
  }
}

void FeatureExtractor::collect_document_words(const DocumentView& document,
                                              std::span<const Label> first_pass) {
  word_index_ = {};
  document_words_.clear();
  word_index_.reserve(document.words.size());
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    TokenInfo& info = tokens_[i];
    const std::uint32_t* found = word_index_.find(info.lower);
    if (found == nullptr) {
      found = &word_index_.insert(info.lower, static_cast<std::uint32_t>(document_words_.size()));
      document_words_.emplace_back();
    }
    info.word = *found;
    DocumentWord& word = document_words_[info.word];
    bool reliable = !info.first && !info.caps_sentence && (info.has_upper || info.has_lower);
    if (reliable) {
      if (info.initial_upper) {
        if (word.reliable_upper++ == 0) word.true_form = info.form;
      } else if (info.has_lower) {
        ++word.reliable_lower;
      }
    }
  }
  count_first_pass(first_pass);
}

void FeatureExtractor::count_first_pass(std::span<const Label> first_pass) {
  for (DocumentWord& word : document_words_) word.first_pass = {};
  for (std::size_t i = 0; i < first_pass.size() && i < tokens_.size(); ++i) {
    Label label = first_pass[i];
    std::size_t slot = label == kOutside ? 0 : 1 + static_cast<std::size_t>(label_type(label));
    ++document_words_[tokens_[i].word].first_pass[slot];
  }
}

void FeatureExtractor::match_gazetteer(const Sentence& sentence) {
  // For each list, greedy longest matches from left to right.
  const Gazetteer& gazetteer = lexicon_.gazetteer;
  std::array<std::uint32_t, kGazetteerLists> covered_until{};
  covered_until.fill(sentence.first);
  for (std::uint32_t start = sentence.first; start < sentence.last; ++start) {
    std::array<std::uint32_t, kGazetteerLists> longest{};
    std::uint64_t phrase = Gazetteer::kPhraseSeed;
    for (std::uint32_t end = start; end < sentence.last && end - start < Gazetteer::kMaxWords; ++end) {
      phrase = Gazetteer::phrase_step(phrase, tokens_[end].lower);
      const Gazetteer::Entry* entry = gazetteer.find(phrase);
      if (entry == nullptr) break;
      for (int list = 0; list < kGazetteerLists; ++list) {
        if ((entry->lists >> list) & 1U) longest[static_cast<std::size_t>(list)] = end + 1 - start;
      }
      if (!entry->continues) break;
    }
    for (std::size_t list = 0; list < kGazetteerLists; ++list) {
      std::uint32_t length = longest[list];
      if (length == 0 || start < covered_until[list]) continue;
      covered_until[list] = start + length;
      for (std::uint32_t i = start; i < start + length; ++i) {
        std::uint16_t tag = length == 1 ? 4 : i == start ? 1 : i + 1 == start + length ? 3 : 2;
        gazetteer_tags_[i * kGazetteerLists + list] = tag;
      }
    }
  }
}

void FeatureExtractor::extract(const DocumentView& document, std::span<const Label> first_pass,
                               FeatureSet& out) {
  const std::size_t count = document.words.size();
  std::uint32_t expected_first = 0;
  for (const Sentence& sentence : document.sentences) {
    if (sentence.first != expected_first || sentence.last < sentence.first) {
      throw std::invalid_argument("entity features: sentences must cover the tokens in order");
    }
    expected_first = sentence.last;
  }
  if (expected_first != count)
    throw std::invalid_argument("entity features: sentences must cover the tokens");
  out.keys.clear();
  out.offsets.assign(1, 0);
  out.keys.reserve(count * 64);
  describe_tokens(document);
  bool use_first_pass = (groups_ & kFirstPassFeatures) != 0 && first_pass.size() == count;
  if (!use_first_pass) first_pass = {};
  collect_document_words(document, first_pass);
  bool use_gazetteer = (groups_ & kGazetteerFeatures) != 0 && !lexicon_.gazetteer.empty();
  if (use_gazetteer) {
    gazetteer_tags_.assign(count * kGazetteerLists, 0);
    for (const Sentence& sentence : document.sentences) match_gazetteer(sentence);
  }

  auto& keys = out.keys;
  for (const Sentence& sentence : document.sentences) {
    auto norm_at = [&](std::int64_t j) {
      if (j < sentence.first) return kBeginHash;
      if (j >= sentence.last) return kEndHash;
      return tokens_[static_cast<std::size_t>(j)].norm;
    };
    auto shape_at = [&](std::int64_t j) {
      if (j < sentence.first) return kBeginHash;
      if (j >= sentence.last) return kEndHash;
      return tokens_[static_cast<std::size_t>(j)].short_shape;
    };
    for (std::uint32_t i = sentence.first; i < sentence.last; ++i) {
      const TokenInfo& t = tokens_[i];
      const auto at = static_cast<std::int64_t>(i);
      keys.push_back(key(kBias, 0));
      if (groups_ & kWordFeatures) {
        keys.push_back(key(kForm, t.form));
        keys.push_back(key(kLower, t.lower));
        keys.push_back(key(kShape, t.shape));
        keys.push_back(key(kShortShape, t.short_shape));
        for (std::size_t k = 0; k < t.affixes; ++k) {
          keys.push_back(key(kPrefix + k, t.prefix[k]));
          keys.push_back(key(kSuffix + k, t.suffix[k]));
        }
        keys.push_back(key(kLengthShape, std::min<std::uint64_t>(t.length, 12), t.short_shape));
        if (t.first) keys.push_back(key(kFirstShape, t.short_shape));
        if (t.caps_sentence) keys.push_back(key(kCapsShape, t.short_shape));
      }
      if (groups_ & kContextFeatures) {
        keys.push_back(key(kContextWord + 0, norm_at(at - 2)));
        keys.push_back(key(kContextWord + 1, norm_at(at - 1)));
        keys.push_back(key(kContextWord + 2, norm_at(at + 1)));
        keys.push_back(key(kContextWord + 3, norm_at(at + 2)));
        keys.push_back(key(kBigramLeft, norm_at(at - 1), t.norm));
        keys.push_back(key(kBigramRight, t.norm, norm_at(at + 1)));
        keys.push_back(key(kContextShape + 0, shape_at(at - 2)));
        keys.push_back(key(kContextShape + 1, shape_at(at - 1)));
        keys.push_back(key(kContextShape + 2, shape_at(at + 1)));
        keys.push_back(key(kContextShape + 3, shape_at(at + 2)));
        keys.push_back(key(kShapeLeft, shape_at(at - 1), t.short_shape));
        keys.push_back(key(kShapeRight, t.short_shape, shape_at(at + 1)));
        keys.push_back(key(kShapeTrigram, shape_at(at - 1), t.short_shape, shape_at(at + 1)));
      }
      if (groups_ & kClusterFeatures) {
        for (std::int64_t offset = -1; offset <= 1; ++offset) {
          std::int64_t j = at + offset;
          if (j < sentence.first || j >= sentence.last) continue;
          const ClusterPath& path = tokens_[static_cast<std::size_t>(j)].clusters;
          for (std::size_t level = 0; level < kClusterLevels; ++level) {
            if (path[level] == 0) continue;
            auto slot = static_cast<std::uint64_t>(offset + 1) * kClusterLevels + level;
            keys.push_back(key(kCluster + slot, path[level]));
          }
        }
      }
      if (use_gazetteer) {
        for (std::size_t list = 0; list < kGazetteerLists; ++list) {
          std::uint16_t tag = gazetteer_tags_[i * kGazetteerLists + list];
          if (tag != 0) keys.push_back(key(kGazetteer + list * 8 + tag, 0));
        }
      }
      if (groups_ & kDocumentFeatures) {
        const DocumentWord& word = document_words_[t.word];
        std::uint64_t casing =
            word.reliable_upper > 0 ? (word.reliable_lower > 0 ? 3 : 1) : (word.reliable_lower > 0 ? 2 : 0);
        std::uint64_t where = t.caps_sentence ? 2 : t.first ? 1 : 0;
        keys.push_back(key(kDocumentCase, casing, where));
        keys.push_back(key(kDocumentCaseShape, casing, t.short_shape));
        if ((t.caps_sentence || t.first) && word.true_form != 0 && word.true_form != t.form &&
            (groups_ & kClusterFeatures)) {
          if (const ClusterPath* path = lexicon_.clusters.find(word.true_form)) {
            for (std::size_t level = 0; level < kClusterLevels; ++level) {
              if ((*path)[level] != 0) keys.push_back(key(kTrueCluster + level, (*path)[level]));
            }
          }
        }
      }
      if (use_first_pass) add_first_pass_keys(sentence, i, first_pass, keys);
      out.offsets.push_back(static_cast<std::uint32_t>(keys.size()));
    }
  }
}

void FeatureExtractor::add_first_pass_keys(const Sentence& sentence, std::uint32_t i,
                                           std::span<const Label> first_pass,
                                           std::vector<std::uint64_t>& keys) {
  auto label_at = [&](std::int64_t j) -> std::uint64_t {
    if (j < sentence.first) return 100;
    if (j >= sentence.last) return 101;
    return first_pass[static_cast<std::size_t>(j)];
  };
  const TokenInfo& t = tokens_[i];
  const auto at = static_cast<std::int64_t>(i);
  keys.push_back(key(kFirstPassLabel + 0, label_at(at - 1)));
  keys.push_back(key(kFirstPassLabel + 1, label_at(at)));
  keys.push_back(key(kFirstPassLabel + 2, label_at(at + 1)));
  keys.push_back(key(kFirstPassLabelShape, label_at(at), t.short_shape));
  keys.push_back(key(kFirstPassLabelPair, label_at(at - 1), label_at(at + 1)));
  // How the same word is labelled elsewhere in the document (this occurrence left out).
  DocumentWord word = document_words_[t.word];
  Label own = first_pass[i];
  --word.first_pass[own == kOutside ? 0 : 1 + static_cast<std::size_t>(label_type(own))];
  std::size_t best = 0;
  std::uint32_t elsewhere = word.first_pass[0];
  for (std::size_t slot = 1; slot < word.first_pass.size(); ++slot) {
    elsewhere += word.first_pass[slot];
    if (word.first_pass[slot] > 0 && (best == 0 || word.first_pass[slot] > word.first_pass[best])) {
      best = slot;
    }
  }
  if (elsewhere > 0 && t.has_upper) {
    keys.push_back(key(kDocumentType, best));
    keys.push_back(key(kDocumentTypeShape, best, t.short_shape));
    keys.push_back(key(kDocumentTypeLabel, best, label_at(at)));
  }
}

void FeatureExtractor::extract_first_pass(const DocumentView& document, std::span<const Label> first_pass,
                                          FeatureSet& out) {
  if (first_pass.size() != tokens_.size() || document.words.size() != tokens_.size()) {
    throw std::invalid_argument("entity features: first-pass labels must follow extract() of the document");
  }
  count_first_pass(first_pass);
  out.keys.clear();
  out.offsets.assign(1, 0);
  out.keys.reserve(tokens_.size() * 8);
  for (const Sentence& sentence : document.sentences) {
    for (std::uint32_t i = sentence.first; i < sentence.last; ++i) {
      add_first_pass_keys(sentence, i, first_pass, out.keys);
      out.offsets.push_back(static_cast<std::uint32_t>(out.keys.size()));
    }
  }
}

}  // namespace newsdig::extract::ner
