#include "searcher/results/snippet.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "common/util/text.hpp"
#include "searcher/results/stopwords.hpp"

namespace newsdig::results {
namespace {

constexpr std::string_view kEllipsis = "…";

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool is_capital(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || c >= 0x80;  // a UTF-8 byte: a capital beyond ASCII (SÃO PAULO)
}

bool is_dash_at(std::string_view text, std::size_t i, std::size_t& length) {
  if (text.substr(i, 3) == "—" || text.substr(i, 3) == "–") {
    length = 3;
    return true;
  }
  if (text.substr(i, 2) == "--") {
    length = 2;
    return true;
  }
  if (i < text.size() && text[i] == '-') {
    length = 1;
    return true;
  }
  return false;
}

// A unit of the query that text can match: a word, a phrase or a wildcard.
enum class UnitKind { Word, Phrase, Wildcard };

struct Unit {
  UnitKind kind = UnitKind::Word;
  std::size_t index = 0;  // into QueryTerms::words, phrases or wildcards
  TextArea area = TextArea::AllText;
  double weight = 1;  // rarity, for ranking sentences
  bool weak = false;  // a lone stopword: neither marked nor counted while the query has other units
};

struct Mark {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::size_t unit = 0;
};

constexpr std::size_t kMaxCachedStems = 200000;

struct Sentence {
  std::size_t index = 0;    // where it starts in the body, for article order
  std::uint32_t begin = 0;  // byte offsets into the body
  std::uint32_t end = 0;
  double score = 0;         // summed weight of the distinct units it holds
  std::size_t matches = 0;  // all marks in it
};

bool covers(TextArea area, TextArea searched) {
  if (area == searched) return true;
  return area == TextArea::AllText && (searched == TextArea::Title || searched == TextArea::AllText);
}

// Marks sorted and merged: overlapping marks (a word inside a marked phrase) and touching ones (a CJK run
// the analyzer split without spaces) become one.
std::vector<Highlight> merged(std::vector<Mark> marks) {
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Highlight> out;
  for (const auto& mark : marks) {
    if (!out.empty() && mark.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, mark.end);
    } else {
      out.push_back({mark.begin, mark.end});
    }
  }
  return out;
}

}  // namespace

struct SnippetMaker::Impl {
  QueryTerms terms;
  std::string language;
  std::vector<Unit> units;
  bool only_weak = false;
  analysis::Analyzer analyzer;
  std::map<std::string, analysis::SentenceSplitter, std::less<>> splitters;
  std::map<std::string, std::unordered_map<std::string, std::string>, std::less<>> stems;  // per language
  std::unordered_map<std::string, std::vector<std::size_t>> exact_units;  // word or phrase's first word
  std::unordered_map<std::string, std::vector<std::size_t>> stem_units;
  std::vector<std::size_t> wildcard_units;
  // What a paragraph's lower-cased ASCII text must contain to hold a match: exact words, phrases' first
  // words, wildcard prefixes, and stems less their last two letters (an English (Porter2) stem only ever
  // changes the last two letters of what it keeps of a word: "happi" < "happy", "die" < "dying").
  std::vector<std::string> needles;
  bool needles_cover_stems_only_in_english = false;
  bool needles_complete = false;
  std::vector<analysis::Token> tokens;
  std::string lowered;

  // Makes the marks of a new query; the analyzer, splitters and stem caches stay.
  void set_query(QueryTerms query_terms, std::string default_language, const Xapian::Database* database) {
    terms = std::move(query_terms);
    language = std::move(default_language);
    units.clear();
    exact_units.clear();
    stem_units.clear();
    // A long batch run must not grow the stem caches without end: they are cheap to refill.
    for (auto& [lang, cache] : stems) {
      if (cache.size() > kMaxCachedStems) cache.clear();
    }
    auto weight = [&](const std::string& term) {
      if (database == nullptr) return 1.0;
      double n = static_cast<double>(database->get_doccount());
      double df = static_cast<double>(database->get_termfreq(term));
      return df > 0 ? std::max(0.1, std::log((n + 1) / df)) : 1.0;
    };
    for (std::size_t i = 0; i < terms.words.size(); ++i) {
      const auto& word = terms.words[i];
      bool stop = word.stem ? is_stopword_stem(word.term, language) : is_stopword(word.term, language);
      units.push_back({UnitKind::Word, i, word.area, weight(word.index_term), stop});
    }
    for (std::size_t i = 0; i < terms.phrases.size(); ++i) {
      double sum = 0;
      for (const auto& term : terms.phrases[i].index_terms) sum += weight(term);
      units.push_back({UnitKind::Phrase, i, terms.phrases[i].area, sum, false});
    }
    for (std::size_t i = 0; i < terms.wildcards.size(); ++i) {
      units.push_back({UnitKind::Wildcard, i, terms.wildcards[i].area, 1.0, false});
    }
    for (std::size_t u = 0; u < units.size(); ++u) {
      const Unit& unit = units[u];
      if (unit.kind == UnitKind::Word) {
        const QueryWord& word = terms.words[unit.index];
        (word.stem ? stem_units : exact_units)[word.term].push_back(u);
      } else if (unit.kind == UnitKind::Phrase) {
        exact_units[terms.phrases[unit.index].terms.front()].push_back(u);
      }
    }
    only_weak = std::all_of(units.begin(), units.end(), [](const Unit& unit) { return unit.weak; });
    wildcard_units.clear();
    needles.clear();
    needles_complete = true;
    needles_cover_stems_only_in_english = false;
    auto ascii = [](std::string_view text) {
      return std::all_of(text.begin(), text.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    };
    for (std::size_t u = 0; u < units.size(); ++u) {
      const Unit& unit = units[u];
      if (unit.kind == UnitKind::Wildcard) wildcard_units.push_back(u);
      if (!counts(unit)) continue;
      std::string needle;
      switch (unit.kind) {
        case UnitKind::Word: {
          const QueryWord& word = terms.words[unit.index];
          needle = word.term;
          if (word.stem) {
            needle.resize(std::max<std::size_t>(1, needle.size() > 2 ? needle.size() - 2 : 1));
            needles_cover_stems_only_in_english = true;
          }
          break;
        }
        case UnitKind::Phrase: needle = terms.phrases[unit.index].terms.front(); break;
        case UnitKind::Wildcard: needle = terms.wildcards[unit.index].prefix; break;
      }
      if (needle.empty() || !ascii(needle)) needles_complete = false;
      needles.push_back(std::move(needle));
    }
  }

  // False only when `text` cannot hold a match of the query in language `lang` (then it need not be
  // analysed); true when it may, or when that cannot be told cheaply (text or words beyond ASCII, whose
  // case folding may turn into ASCII; stems of languages other than English).
  bool may_match(std::string_view text, std::string_view lang) {
    if (!needles_complete) return true;
    if (needles_cover_stems_only_in_english &&
        !(lang.size() >= 2 && (lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
          (lang.size() == 2 || !std::isalpha(static_cast<unsigned char>(lang[2]))))) {
      return true;
    }
    lowered.assign(text);
    for (char& c : lowered) {
      auto b = static_cast<unsigned char>(c);
      if (b >= 0x80) return true;
      if (b >= 'A' && b <= 'Z') c = static_cast<char>(b - 'A' + 'a');
    }
    for (const auto& needle : needles) {
      if (lowered.find(needle) != std::string::npos) return true;
    }
    return false;
  }

  const std::string& stem(const std::string& term, std::unordered_map<std::string, std::string>& cache,
                          std::string_view lang) {
    auto found = cache.find(term);
    if (found != cache.end()) return found->second;
    return cache.emplace(term, analyzer.stem(term, lang)).first->second;
  }

  analysis::SentenceSplitter& splitter(std::string_view lang) {
    auto found = splitters.find(lang);
    if (found != splitters.end()) return found->second;
    // ICU has sentence break exceptions for only some languages, and SentenceSplitter throws for the
    // rest (ja, zh): those split by the rules of the root locale.
    analysis::SentenceOptions options;
    options.language = std::string(lang);
    for (std::string_view candidate : {lang, std::string_view("und"), std::string_view("en")}) {
      options.language = std::string(candidate);
      try {
        return splitters.emplace(std::string(lang), analysis::SentenceSplitter(options)).first->second;
      } catch (const std::runtime_error&) {
        if (candidate == "en") throw;
      }
    }
    throw std::logic_error("unreachable");
  }

  bool counts(const Unit& unit) const { return !unit.weak || only_weak; }

  // The marks of every unit of `searched` in the text whose tokens are `text_tokens`.
  std::vector<Mark> find(const std::vector<analysis::Token>& text_tokens, TextArea searched,
                         std::string_view lang) {
    std::vector<Mark> marks;
    auto wanted = [&](std::size_t u) { return covers(units[u].area, searched) && counts(units[u]); };
    auto cache = stems.find(lang);
    if (cache == stems.end())
      cache = stems.emplace(std::string(lang), std::unordered_map<std::string, std::string>()).first;
    for (std::size_t i = 0; i < text_tokens.size(); ++i) {
      const analysis::Token& token = text_tokens[i];
      if (auto found = exact_units.find(token.term); found != exact_units.end()) {
        for (std::size_t u : found->second) {
          if (!wanted(u)) continue;
          if (units[u].kind == UnitKind::Word) {
            marks.push_back({token.begin, token.end, u});
            continue;
          }
          const auto& words = terms.phrases[units[u].index].terms;
          if (i + words.size() > text_tokens.size()) continue;
          bool hit = true;
          for (std::size_t k = 1; k < words.size() && hit; ++k) {
            const auto& next = text_tokens[i + k];
            hit = next.term == words[k] && next.position == token.position + k;
          }
          if (hit) marks.push_back({token.begin, text_tokens[i + words.size() - 1].end, u});
        }
      }
      if (!stem_units.empty() && token.stemmable) {
        if (auto found = stem_units.find(stem(token.term, cache->second, lang)); found != stem_units.end()) {
          for (std::size_t u : found->second) {
            if (wanted(u)) marks.push_back({token.begin, token.end, u});
          }
        }
      }
      for (std::size_t u : wildcard_units) {
        if (!wanted(u)) continue;
        const std::string& prefix = terms.wildcards[units[u].index].prefix;
        if (token.term.compare(0, prefix.size(), prefix) == 0) marks.push_back({token.begin, token.end, u});
      }
    }
    return marks;
  }
};

SnippetMaker::SnippetMaker() : impl_(std::make_unique<Impl>()) {}

SnippetMaker::SnippetMaker(QueryTerms terms, std::string language, const Xapian::Database* database)
    : SnippetMaker() {
  set_query(std::move(terms), std::move(language), database);
}

void SnippetMaker::set_query(QueryTerms terms, std::string language, const Xapian::Database* database) {
  impl_->set_query(std::move(terms), std::move(language), database);
}

SnippetMaker::~SnippetMaker() = default;

std::vector<Highlight> SnippetMaker::highlight(std::string_view text, TextArea area,
                                               std::string_view language) {
  if (impl_->units.empty() || text.empty() || !impl_->may_match(text, language)) return {};
  impl_->tokens.clear();
  impl_->analyzer.tokenize(text, impl_->tokens);
  return merged(impl_->find(impl_->tokens, area, language));
}

std::vector<Highlight> SnippetMaker::highlight_title(const Article& article) {
  return highlight(article.title, TextArea::Title, article.lang.empty() ? impl_->language : article.lang);
}

std::vector<Snippet> SnippetMaker::make(const Article& article, const SnippetOptions& options) {
  std::vector<Snippet> snippets;
  const std::string_view body = article.body;
  if (body.empty() || options.max_snippets == 0) return snippets;
  const std::string_view lang = article.lang.empty() ? std::string_view(impl_->language) : article.lang;

  // Paragraphs are analysed only when they may hold a match: a blank line always ends a sentence, so no
  // sentence straddles two paragraphs.
  std::vector<Sentence> sentences;
  auto add_sentences = [&](std::size_t start, std::string_view paragraph) {
    const auto offset = static_cast<std::uint32_t>(start);
    bool first_of_body = start == 0;
    for (const auto& span : impl_->splitter(lang).split(paragraph)) {
      Sentence sentence{span.begin + offset, span.begin + offset, span.end + offset, 0, 0};
      std::string_view text = body.substr(sentence.begin, sentence.end - sentence.begin);
      if (std::exchange(first_of_body, false)) {
        auto skip = dateline_length(text);
        if (skip >= text.size()) continue;
        sentence.begin += static_cast<std::uint32_t>(skip);
        text.remove_prefix(skip);
      }
      if (is_boilerplate(text)) continue;
      sentences.push_back(sentence);
    }
  };
  auto paragraph_end = [&](std::size_t start) {
    std::size_t end = body.find("\n\n", start);
    return end == std::string_view::npos ? body.size() : end;
  };
  std::vector<analysis::Token>& tokens = impl_->tokens;
  tokens.clear();
  std::uint32_t position = 0;
  for (std::size_t start = 0; start < body.size() && !impl_->units.empty();) {
    const std::size_t end = paragraph_end(start);
    const std::string_view paragraph = body.substr(start, end - start);
    if (impl_->may_match(paragraph, lang)) {
      add_sentences(start, paragraph);
      // Positions run on across the paragraphs analysed, as the index's do across the body, so a phrase
      // is found where the matcher found it; a gap keeps it from spanning two analysed paragraphs.
      const std::size_t before = tokens.size();
      position = impl_->analyzer.tokenize(paragraph, tokens, position) + 1;
      for (std::size_t i = before; i < tokens.size(); ++i) {
        tokens[i].begin += static_cast<std::uint32_t>(start);
        tokens[i].end += static_cast<std::uint32_t>(start);
      }
    }
    start = end + 2;
  }
  std::vector<Mark> marks = impl_->find(tokens, TextArea::AllText, lang);
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.begin < b.begin; });

  // Which sentence each mark falls in; a sentence's score is the weight of the distinct units it holds.
  auto mark = marks.begin();
  for (auto& sentence : sentences) {
    while (mark != marks.end() && mark->begin < sentence.begin) ++mark;
    std::vector<std::size_t> seen;
    for (auto it = mark; it != marks.end() && it->begin < sentence.end; ++it) {
      if (it->end > sentence.end) continue;
      ++sentence.matches;
      if (std::find(seen.begin(), seen.end(), it->unit) != seen.end()) continue;
      seen.push_back(it->unit);
      sentence.score += impl_->units[it->unit].weight;
    }
  }

  std::vector<Sentence> ranked = sentences;
  std::stable_sort(ranked.begin(), ranked.end(), [](const Sentence& a, const Sentence& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.matches != b.matches) return a.matches > b.matches;
    return a.index < b.index;
  });
  std::vector<Sentence> chosen;
  for (const auto& sentence : ranked) {
    if (sentence.matches == 0 || chosen.size() == options.max_snippets) break;
    chosen.push_back(sentence);
  }
  if (chosen.empty()) {
    // Nothing in the body's news matches: show its lead, the first sentence that is news.
    sentences.clear();
    for (std::size_t start = 0; start < body.size() && sentences.empty();) {
      const std::size_t end = paragraph_end(start);
      add_sentences(start, body.substr(start, end - start));
      start = end + 2;
    }
    if (sentences.empty()) return snippets;
    chosen.push_back(sentences.front());
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Sentence& a, const Sentence& b) { return a.index < b.index; });

  for (const auto& sentence : chosen) {
    std::string_view text = body.substr(sentence.begin, sentence.end - sentence.begin);
    std::vector<Mark> inside;
    for (const auto& m : marks) {
      if (m.begin >= sentence.begin && m.end <= sentence.end) {
        inside.push_back({m.begin - sentence.begin, m.end - sentence.begin, m.unit});
      }
    }
    std::vector<Highlight> highlights = merged(std::move(inside));
    Snippet snippet;
    if (text.size() <= options.max_bytes) {
      snippet.text = std::string(text);
      snippet.highlights = std::move(highlights);
      snippets.push_back(std::move(snippet));
      continue;
    }
    // Cut a window of whole words that starts a little before the first match.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> words;  // token spans inside the sentence
    for (const auto& token : tokens) {
      if (token.begin >= sentence.begin && token.end <= sentence.end) {
        words.emplace_back(token.begin - sentence.begin, token.end - sentence.begin);
      }
    }
    if (words.empty()) {  // a lead sentence of a paragraph that was not analysed
      std::vector<analysis::Token> own;
      impl_->analyzer.tokenize(text, own);
      for (const auto& token : own) words.emplace_back(token.begin, token.end);
    }
    std::uint32_t anchor = highlights.empty() ? 0 : highlights.front().begin;
    std::uint32_t lead = options.max_bytes / 4;
    std::uint32_t want_begin = anchor > lead ? anchor - lead : 0;
    auto from =
        std::find_if(words.begin(), words.end(), [&](const auto& word) { return word.first >= want_begin; });
    std::uint32_t begin = from == words.end() || from == words.begin() ? 0 : from->first;
    std::uint32_t end = begin;
    for (const auto& word : words) {
      if (word.first < begin) continue;
      if (word.second - begin > options.max_bytes) break;
      end = word.second;
    }
    if (end <= begin) end = static_cast<std::uint32_t>(text.size());
    // Keep the sentence's closing punctuation when the window reaches its last word.
    if (!words.empty() && end == words.back().second) end = static_cast<std::uint32_t>(text.size());
    std::uint32_t shift = 0;
    if (begin > 0) {
      snippet.text = std::string(kEllipsis) + " ";
      shift = static_cast<std::uint32_t>(snippet.text.size());
    }
    snippet.text.append(text.substr(begin, end - begin));
    if (end < text.size()) snippet.text.append(" ").append(kEllipsis);
    for (const auto& highlight : highlights) {
      if (highlight.begin >= begin && highlight.end <= end) {
        snippet.highlights.push_back({highlight.begin - begin + shift, highlight.end - begin + shift});
      }
    }
    snippets.push_back(std::move(snippet));
  }
  return snippets;
}

std::size_t dateline_length(std::string_view sentence) {
  constexpr std::size_t kMaxPlace = 60, kMaxExtra = 40;
  std::size_t i = 0;
  std::size_t capitals = 0;
  // The place: up to four words written in capitals.
  for (int words = 0; words < 4 && i < sentence.size() && is_capital(static_cast<unsigned char>(sentence[i]));
       ++words) {
    while (i < sentence.size()) {
      auto c = static_cast<unsigned char>(sentence[i]);
      std::size_t dash = 0;
      if (c >= 0x80 && is_dash_at(sentence, i, dash)) break;
      if (c >= 'A' && c <= 'Z') {
        ++capitals;
      } else if (!(c >= 0x80 || c == '.' || c == '\'' || c == '&')) {
        break;
      }
      ++i;
    }
    if (i + 1 < sentence.size() && sentence[i] == ' ' &&
        is_capital(static_cast<unsigned char>(sentence[i + 1]))) {
      ++i;
    } else {
      break;
    }
  }
  if (capitals < 2 || i > kMaxPlace) return 0;
  auto skip_spaces = [&] {
    while (i < sentence.size() && sentence[i] == ' ') ++i;
  };
  // ", Alaska", ", Sept 22": text up to the agency or the dash, without a sentence of its own.
  if (i < sentence.size() && sentence[i] == ',') {
    std::size_t start = ++i;
    while (i < sentence.size() && i - start <= kMaxExtra && sentence[i] != '(' && sentence[i] != '-' &&
           sentence.substr(i, 3) != "—" && sentence.substr(i, 3) != "–") {
      ++i;
    }
    if (i - start > kMaxExtra) return 0;
  }
  skip_spaces();
  if (i < sentence.size() && sentence[i] == '(') {
    auto close = sentence.find(')', i);
    if (close == std::string_view::npos || close - i > kMaxExtra) return 0;
    i = close + 1;
    skip_spaces();
  }
  std::size_t dash = 0;
  if (!is_dash_at(sentence, i, dash)) return 0;
  i += dash;
  std::size_t before_space = i;
  skip_spaces();
  // "TOKYO-based" is a word, not a dateline: the dash must be followed by a space or stand spaced.
  if (i == before_space && dash == 1 && (i < sentence.size() && sentence[i - 2] != ' ')) return 0;
  return i < sentence.size() ? i : 0;
}

bool is_boilerplate(std::string_view sentence) {
  sentence = util::trim(sentence);
  static constexpr std::string_view kStarts[] = {"(reporting by",
                                                 "(additional reporting",
                                                 "(editing by",
                                                 "(writing by",
                                                 "(compiled by",
                                                 "(for more",
                                                 "reporting by ",
                                                 "editing by ",
                                                 "click here",
                                                 "copyright",
                                                 "©",
                                                 "keywords:",
                                                 "this website is"};
  for (auto start : kStarts) {
    if (starts_with_ci(sentence, start)) return true;
  }
  if (sentence.size() <= 8) {
    for (std::string_view signoff : {"reuter", "reuters", "reuter.", "reuters."}) {
      if (sentence.size() == signoff.size() && starts_with_ci(sentence, signoff)) return true;
    }
  }
  // Notices are short; a long sentence that mentions rights is news.
  if (sentence.size() > 300) return false;
  constexpr std::string_view kRights = "all rights reserved";
  for (std::size_t i = 0; i + kRights.size() <= sentence.size(); ++i) {
    if (starts_with_ci(sentence.substr(i), kRights)) return true;
  }
  return false;
}

}  // namespace newsdig::results
