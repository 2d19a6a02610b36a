#include "searcher/results/snippet.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
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

// A word the cheap reading (scan) found showing a unit: where it starts in the body.
struct Shown {
  std::uint32_t begin = 0;
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

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Characters beyond ASCII that separate words as ASCII punctuation does: curly quotes, dashes, the
// ellipsis, no-break and other spaces (the analyzer's word rules never join them to a letter).
bool separator_at(std::string_view text, std::size_t i, std::size_t& length) {
  static constexpr std::string_view kSeparators[] = {"\u2018", "\u2019", "\u201C", "\u201D", "\u2013",
                                                     "\u2014", "\u2026", "\u00A0", "\u2009", "\u3000"};
  for (auto separator : kSeparators) {
    if (text.substr(i, separator.size()) == separator) {
      length = separator.size();
      return true;
    }
  }
  return false;
}

// What a query sets: the same for every thread's SnippetMaker (SnippetMaker::set_query_like copies it).
struct QueryState {
  QueryTerms terms;
  std::string language;
  std::vector<Unit> units;
  bool only_weak = false;
  // Units by the index form of their word (a phrase: of its first word).
  std::unordered_map<std::string, std::vector<std::size_t>> form_units;
  std::vector<std::size_t> wildcard_units;
  // The cheap reading (scan): which units a paragraph's plain ASCII words show.
  struct Prefilter {
    bool usable = false;                                              // false: every text is analysed
    std::vector<std::pair<std::string, std::size_t>> prefixes;        // wildcard prefixes
    std::unordered_map<std::string, std::vector<std::size_t>> stems;  // English index forms
    std::vector<std::string> stem_starts;                             // each form less its last two letters
    std::array<bool, 256> first_bytes{};  // first letters of the prefixes and stem starts above
  } prefilter;
};

}  // namespace

struct SnippetMaker::Impl : QueryState {
  analysis::Analyzer analyzer;
  analysis::BodySentences sentences;  // for records that hold no sentences
  using StemCache = std::unordered_map<std::string, std::string>;
  std::map<std::string, StemCache, std::less<>> stems;  // per language
  std::vector<analysis::Token> tokens;
  std::string scratch;
  std::vector<bool> seen;

  // Makes the marks of a new query; the analyzer, splitters and stem caches stay.
  void set_query(QueryTerms query_terms, std::string default_language, const Xapian::Database* database) {
    terms = std::move(query_terms);
    language = std::move(default_language);
    units.clear();
    form_units.clear();
    bound_caches();
    auto weight = [&](const std::string& term) {
      if (database == nullptr) return 1.0;
      double n = static_cast<double>(database->get_doccount());
      double df = static_cast<double>(database->get_termfreq(term));
      return df > 0 ? std::max(0.1, std::log((n + 1) / df)) : 1.0;
    };
    for (std::size_t i = 0; i < terms.words.size(); ++i) {
      const auto& word = terms.words[i];
      bool stop = is_stopword_stem(word.term, language);
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
        form_units[terms.words[unit.index].term].push_back(u);
      } else if (unit.kind == UnitKind::Phrase) {
        form_units[terms.phrases[unit.index].terms.front()].push_back(u);
      }
    }
    only_weak = std::all_of(units.begin(), units.end(), [](const Unit& unit) { return unit.weak; });
    wildcard_units.clear();
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (units[u].kind == UnitKind::Wildcard) wildcard_units.push_back(u);
    }
    set_prefilter();
  }

  // A long batch run must not grow the stem caches without end: they are cheap to refill.
  void bound_caches() {
    for (auto& [lang, cache] : stems) {
      if (cache.size() > kMaxCachedStems) cache.clear();
    }
  }

  void set_prefilter() {
    prefilter = Prefilter{};
    prefilter.usable = true;
    auto plain = [](std::string_view text) {
      return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      });
    };
    auto ascii = [](std::string_view text) {
      return std::all_of(text.begin(), text.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    };
    auto add_form = [&](const std::string& form, std::size_t u) {
      if (!plain(form)) {
        prefilter.usable = false;  // case folding beyond ASCII, apostrophes: not checked cheaply
        return;
      }
      prefilter.stems[form].push_back(u);
      // An English (Porter2) stem only changes the last two letters of what it keeps of a word ("happi"
      // of "happy", "die" of "dying"), so the word starts with the stem less those.
      prefilter.stem_starts.push_back(form.substr(0, form.size() > 2 ? form.size() - 2 : 1));
    };
    for (std::size_t u = 0; u < units.size(); ++u) {
      const Unit& unit = units[u];
      if (!counts(unit)) continue;
      switch (unit.kind) {
        case UnitKind::Word: add_form(terms.words[unit.index].term, u); break;
        case UnitKind::Phrase: add_form(terms.phrases[unit.index].terms.front(), u); break;
        case UnitKind::Wildcard: {
          const std::string& prefix = terms.wildcards[unit.index].prefix;
          if (ascii(prefix)) {
            prefilter.prefixes.emplace_back(prefix, u);
          } else {
            prefilter.usable = false;
          }
          break;
        }
      }
    }
    auto mark_first = [&](const std::string& text) {
      // An empty prefix (a wildcard of nothing) matches every word.
      if (text.empty()) {
        prefilter.first_bytes.fill(true);
      } else {
        prefilter.first_bytes[static_cast<unsigned char>(text.front())] = true;
      }
    };
    for (const auto& entry : prefilter.prefixes) mark_first(entry.first);
    for (const auto& start : prefilter.stem_starts) mark_first(start);
  }

  // Reads `text` cheaply, as plain ASCII words split at every other character, and returns the summed
  // weight of the distinct units those words show (a phrase counts when its first word is there): 0 when
  // the text cannot hold a match. Nothing when that cannot be told cheaply: a word beyond ASCII (whose
  // case folding may give ASCII letters), stems of a language other than English. `shows`, when given,
  // gets each word that shows a unit: its offset (plus `base`) and the unit, in text order.
  std::optional<double> scan(std::string_view text, std::string_view lang,
                             std::vector<Shown>* shows = nullptr, std::size_t base = 0) {
    if (!prefilter.usable) return std::nullopt;
    const bool english = lang.size() >= 2 && (lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
                         (lang.size() == 2 || lang[2] == '-' || lang[2] == '_');
    if (!prefilter.stems.empty() && !english) return std::nullopt;
    seen.assign(units.size(), false);
    double score = 0;
    std::size_t word_begin = 0;
    auto saw = [&](std::size_t u) {
      if (shows != nullptr) shows->push_back({static_cast<std::uint32_t>(base + word_begin), u});
      if (seen[u]) return;
      seen[u] = true;
      score += units[u].weight;
    };
    auto cache = stems.find(lang);
    if (cache == stems.end()) cache = stems.emplace(std::string(lang), StemCache()).first;
    std::size_t i = 0;
    while (i < text.size()) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x80) {
        // Quotes, dashes and spaces beyond ASCII separate words like ASCII punctuation; any other
        // character beyond ASCII may fold into letters.
        std::size_t length = 0;
        if (!separator_at(text, i, length)) return std::nullopt;
        i += length;
        continue;
      }
      if (!is_word_byte(text[i])) {
        ++i;
        continue;
      }
      std::size_t end = i + 1;
      while (end < text.size() && is_word_byte(text[end])) ++end;
      const std::string_view word = text.substr(i, end - i);
      word_begin = i;
      if (prefilter.first_bytes[static_cast<unsigned char>(lower_ascii(word.front()))]) {
        auto starts_with = [&](const std::string& prefix) {
          if (word.size() < prefix.size()) return false;
          for (std::size_t k = 0; k < prefix.size(); ++k) {
            if (lower_ascii(word[k]) != prefix[k]) return false;
          }
          return true;
        };
        auto lowered_word = [&]() -> const std::string& {
          scratch.assign(word);
          for (char& ch : scratch) ch = lower_ascii(ch);
          return scratch;
        };
        // A word with a digit has no stem (analysis::Token::stemmable): its index form is itself.
        auto form = [&]() -> const std::string& {
          const std::string& lowered_text = lowered_word();
          if (std::any_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            return lowered_text;
          return stem(lowered_text, cache->second, lang);
        };
        for (const auto& [prefix, u] : prefilter.prefixes) {
          if (starts_with(prefix)) saw(u);
        }
        for (const auto& start : prefilter.stem_starts) {
          if (!starts_with(start)) continue;
          auto found = prefilter.stems.find(form());
          if (found != prefilter.stems.end()) {
            for (std::size_t u : found->second) saw(u);
          }
          break;
        }
      }
      i = end;
    }
    return score;
  }

  bool may_match(std::string_view text, std::string_view lang) {
    auto score = scan(text, lang);
    return !score || *score > 0;
  }

  const std::string& stem(const std::string& term, std::unordered_map<std::string, std::string>& cache,
                          std::string_view lang) {
    auto found = cache.find(term);
    if (found != cache.end()) return found->second;
    return cache.emplace(term, analyzer.stem(term, lang)).first->second;
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
    auto form_of = [&](const analysis::Token& token) -> const std::string& {
      return token.stemmable ? stem(token.term, cache->second, lang) : token.term;
    };
    for (std::size_t i = 0; i < text_tokens.size(); ++i) {
      const analysis::Token& token = text_tokens[i];
      const std::string& form = form_of(token);
      if (auto found = form_units.find(form); found != form_units.end()) {
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
            hit = next.position == token.position + k && form_of(next) == words[k];
          }
          if (hit) marks.push_back({token.begin, text_tokens[i + words.size() - 1].end, u});
        }
      }
      for (std::size_t u : wildcard_units) {
        if (!wanted(u)) continue;
        const std::string& prefix = terms.wildcards[units[u].index].prefix;
        if (token.term.compare(0, prefix.size(), prefix) == 0 || form.compare(0, prefix.size(), prefix) == 0)
          marks.push_back({token.begin, token.end, u});
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

void SnippetMaker::set_query_like(const SnippetMaker& other) {
  static_cast<QueryState&>(*impl_) = static_cast<const QueryState&>(*other.impl_);
  impl_->bound_caches();
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
  Impl& impl = *impl_;

  // The indexer stored the body's sentences (record version 4); older records are split here, a paragraph at
  // a time, only where needed.
  auto spans_of = [&](std::size_t start, std::size_t end) {
    if (article.sentences.empty()) return impl.sentences.paragraph(body, start, end, lang);
    auto first =
        std::lower_bound(article.sentences.begin(), article.sentences.end(), start,
                         [](const analysis::SentenceSpan& span, std::size_t at) { return span.begin < at; });
    auto last =
        std::lower_bound(first, article.sentences.end(), end,
                         [](const analysis::SentenceSpan& span, std::size_t at) { return span.begin < at; });
    return std::vector<analysis::SentenceSpan>(first, last);
  };
  // The sentences of one paragraph, less a leading dateline in the body's first. Boilerplate ("Reporting
  // by ...") is left for `news` to tell, asked only of the sentences that could be shown.
  auto sentences_of = [&](std::size_t start, std::size_t end) {
    std::vector<Sentence> out;
    bool first_of_body = start == 0;
    for (const auto& span : spans_of(start, end)) {
      Sentence sentence{span.begin, span.begin, span.end, 0, 0};
      std::string_view text = body.substr(sentence.begin, sentence.end - sentence.begin);
      if (std::exchange(first_of_body, false)) {
        auto skip = dateline_length(text);
        if (skip >= text.size()) continue;
        sentence.begin += static_cast<std::uint32_t>(skip);
        text.remove_prefix(skip);
      }
      out.push_back(sentence);
    }
    return out;
  };
  auto news = [&](const Sentence& sentence) {
    return !is_boilerplate(body.substr(sentence.begin, sentence.end - sentence.begin));
  };
  auto paragraph_end = [&](std::size_t start) { return analysis::paragraph_end(body, start); };
  // Exact marks of `sentence` (offsets into it), and its score: the weight of the distinct units in it.
  auto analyse = [&](Sentence& sentence) {
    std::vector<Mark> marks;
    impl.tokens.clear();
    impl.analyzer.tokenize(body.substr(sentence.begin, sentence.end - sentence.begin), impl.tokens);
    marks = impl.find(impl.tokens, TextArea::AllText, lang);
    sentence.score = 0;
    sentence.matches = marks.size();
    std::vector<std::size_t> seen;
    for (const auto& mark : marks) {
      if (std::find(seen.begin(), seen.end(), mark.unit) != seen.end()) continue;
      seen.push_back(mark.unit);
      sentence.score += impl.units[mark.unit].weight;
    }
    return marks;
  };

  // Paragraphs (a blank line always ends a sentence, so none straddles two) are read cheaply first; the
  // best of them, and every one the cheap reading cannot judge, are split into sentences, and sentences
  // are analysed exactly before they are chosen, so what is marked is exactly what matched.
  struct Paragraph {
    std::size_t start = 0;
    std::size_t end = 0;
    std::optional<double> score;  // nothing: the cheap reading could not judge it
    std::vector<Shown> shows;     // what the cheap reading saw, for its sentences' scores
  };
  std::vector<Paragraph> paragraphs;
  std::vector<Shown> shows;
  for (std::size_t start = 0; start < body.size() && !impl.units.empty();) {
    const std::size_t end = paragraph_end(start);
    shows.clear();
    auto score = impl.scan(body.substr(start, end - start), lang, &shows, start);
    if (!score || *score > 0) paragraphs.push_back({start, end, score, shows});
    start = end + 2;
  }
  // A sentence's cheap score, from what its paragraph's reading saw inside it: the same words, since
  // sentences break only between words.
  auto cheap_score = [&](const Paragraph& paragraph, const Sentence& sentence) {
    impl.seen.assign(impl.units.size(), false);
    double score = 0;
    // The shows are in text order: those inside the sentence are one run of them.
    auto shown = std::lower_bound(paragraph.shows.begin(), paragraph.shows.end(), sentence.begin,
                                  [](const Shown& a, std::uint32_t at) { return a.begin < at; });
    for (; shown != paragraph.shows.end() && shown->begin < sentence.end; ++shown) {
      if (impl.seen[shown->unit]) continue;
      impl.seen[shown->unit] = true;
      score += impl.units[shown->unit].weight;
    }
    return score;
  };
  struct Candidate {
    Sentence sentence;
    bool exact = false;       // marks and score come from the analyser
    std::vector<Mark> marks;  // offsets into the sentence
  };
  // Best first: a paragraph's cheap score bounds those of its sentences, so paragraphs are split only
  // while one could still hold a sentence better than the best found; ties go to the earlier sentence.
  std::vector<const Paragraph*> scored;
  std::vector<Candidate> pool;
  for (const auto& paragraph : paragraphs) {
    if (paragraph.score) {
      scored.push_back(&paragraph);
      continue;
    }
    for (auto& sentence : sentences_of(paragraph.start, paragraph.end)) {
      if (!news(sentence)) continue;
      auto marks = analyse(sentence);
      if (!marks.empty()) pool.push_back({sentence, true, std::move(marks)});
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Paragraph* a, const Paragraph* b) { return *a->score > *b->score; });
  auto better = [](const Candidate& a, const Candidate& b) {
    if (a.sentence.score != b.sentence.score) return a.sentence.score > b.sentence.score;
    return a.sentence.begin < b.sentence.begin;
  };
  std::vector<Candidate> chosen;
  std::size_t next = 0;
  while (chosen.size() < options.max_snippets) {
    auto best = std::min_element(pool.begin(), pool.end(), better);
    // A paragraph is read when it could hold a better sentence, or an equal one earlier in the article.
    const bool read_next =
        next < scored.size() &&
        (best == pool.end() || *scored[next]->score > best->sentence.score ||
         (*scored[next]->score == best->sentence.score && scored[next]->start < best->sentence.begin));
    if (read_next) {
      const Paragraph& paragraph = *scored[next++];
      for (auto& sentence : sentences_of(paragraph.start, paragraph.end)) {
        sentence.score = cheap_score(paragraph, sentence);
        if (sentence.score == 0 || !news(sentence)) continue;
        pool.push_back({sentence, false, {}});
      }
      continue;
    }
    if (best == pool.end()) break;
    if (!best->exact) {
      // The cheap reading may see a phrase's first word where the phrase is not: the analyser decides.
      // The exact score is never higher, so the sentence waits its turn again.
      best->marks = analyse(best->sentence);
      best->exact = true;
      if (best->marks.empty()) pool.erase(best);
      continue;
    }
    chosen.push_back(std::move(*best));
    pool.erase(best);
  }
  if (chosen.empty()) {
    // Nothing in the body's news matches: show its lead, the first sentence that is news.
    for (std::size_t start = 0; start < body.size() && chosen.empty();) {
      const std::size_t end = paragraph_end(start);
      for (const auto& sentence : sentences_of(start, end)) {
        if (!news(sentence)) continue;
        chosen.push_back({sentence, true, {}});
        break;
      }
      start = end + 2;
    }
    if (chosen.empty()) return snippets;
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Candidate& a, const Candidate& b) { return a.sentence.begin < b.sentence.begin; });

  for (auto& candidate : chosen) {
    const Sentence& sentence = candidate.sentence;
    std::string_view text = body.substr(sentence.begin, sentence.end - sentence.begin);
    std::vector<Highlight> highlights = merged(std::move(candidate.marks));
    Snippet snippet;
    if (text.size() <= options.max_bytes) {
      snippet.text = std::string(text);
      snippet.highlights = std::move(highlights);
      snippets.push_back(std::move(snippet));
      continue;
    }
    // Cut a window of whole words that starts a little before the first match.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> words;  // token spans inside the sentence
    impl.tokens.clear();
    impl.analyzer.tokenize(text, impl.tokens);
    for (const auto& token : impl.tokens) words.emplace_back(token.begin, token.end);
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
      } else if (!(c >= 0x80 || c == '.' || c == '\'' || c == '&' || c == '/')) {
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
  // Every sentence of every hit is asked: a searcher that skips ahead by the pattern's length.
  struct FoldedHash {
    std::size_t operator()(char c) const { return static_cast<unsigned char>(lower_ascii(c)); }
  };
  struct FoldedEqual {
    bool operator()(char a, char b) const { return lower_ascii(a) == lower_ascii(b); }
  };
  static constexpr std::string_view kRights = "all rights reserved";
  static const std::boyer_moore_horspool_searcher rights(kRights.begin(), kRights.end(), FoldedHash{},
                                                         FoldedEqual{});
  return std::search(sentence.begin(), sentence.end(), rights) != sentence.end();
}

}  // namespace newsdig::results
