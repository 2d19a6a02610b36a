#include "searcher/results/snippet.hpp"

#include <algorithm>
#include <unordered_set>

namespace newsdig::results {
namespace {

constexpr std::string_view kEllipsis = "…";

struct ScoredSentence {
  std::size_t index = 0;
  analysis::SentenceSpan span;
  std::size_t distinct = 0;  // different query words matched
  std::size_t total = 0;     // all matched words
};

// Marks that touch (a CJK word run, which the analyzer splits without spaces) become one mark.
void add_mark(std::vector<Highlight>& marks, std::uint32_t begin, std::uint32_t end) {
  if (!marks.empty() && marks.back().end == begin) {
    marks.back().end = end;
  } else {
    marks.push_back({begin, end});
  }
}

bool better(const ScoredSentence& a, const ScoredSentence& b) {
  if (a.distinct != b.distinct) return a.distinct > b.distinct;
  if (a.total != b.total) return a.total > b.total;
  return a.index < b.index;
}

}  // namespace

SnippetMaker::SnippetMaker(std::vector<std::string> words, std::string language)
    : words_(std::move(words)), language_(std::move(language)) {
  for (const auto& word : words_) stems_.push_back(analyzer_.stem(word, language_));
}

bool SnippetMaker::matches(const analysis::Token& token) {
  if (std::find(words_.begin(), words_.end(), token.term) != words_.end()) return true;
  if (!token.stemmable) return false;
  auto stem = analyzer_.stem(token.term, language_);
  return std::find(stems_.begin(), stems_.end(), stem) != stems_.end();
}

std::vector<Highlight> SnippetMaker::highlight(std::string_view text) {
  std::vector<Highlight> result;
  if (words_.empty()) return result;
  for (const auto& token : analyzer_.tokenize(text)) {
    if (matches(token)) add_mark(result, token.begin, token.end);
  }
  return result;
}

std::vector<Snippet> SnippetMaker::make(const Article& article, const SnippetOptions& options) {
  std::vector<Snippet> snippets;
  const std::string_view body = article.body;
  if (body.empty() || options.max_snippets == 0) return snippets;

  std::vector<ScoredSentence> scored;
  std::size_t index = 0;
  for (const auto& span : sentences_.split(body)) {
    ScoredSentence sentence{index++, span, 0, 0};
    if (!words_.empty()) {
      std::unordered_set<std::string> seen;
      for (const auto& token : analyzer_.tokenize(body.substr(span.begin, span.end - span.begin))) {
        if (!matches(token)) continue;
        ++sentence.total;
        if (seen.insert(analyzer_.stem(token.term, language_)).second) ++sentence.distinct;
      }
    }
    scored.push_back(sentence);
  }
  if (scored.empty()) return snippets;

  std::vector<ScoredSentence> chosen;
  std::vector<ScoredSentence> ranked = scored;
  std::stable_sort(ranked.begin(), ranked.end(), better);
  for (const auto& sentence : ranked) {
    if (sentence.total == 0 || chosen.size() == options.max_snippets) break;
    chosen.push_back(sentence);
  }
  if (chosen.empty()) chosen.push_back(scored.front());  // no match in the body: show its lead
  std::sort(chosen.begin(), chosen.end(),
            [](const ScoredSentence& a, const ScoredSentence& b) { return a.index < b.index; });

  for (const auto& sentence : chosen) {
    std::string_view text = body.substr(sentence.span.begin, sentence.span.end - sentence.span.begin);
    auto tokens = analyzer_.tokenize(text);
    std::vector<Highlight> marks;
    for (const auto& token : tokens) {
      if (matches(token)) add_mark(marks, token.begin, token.end);
    }
    Snippet snippet;
    if (text.size() <= options.max_bytes || tokens.empty()) {
      snippet.text = std::string(text);
      snippet.highlights = std::move(marks);
    } else {
      // Cut a window of whole words that starts a little before the first match.
      std::uint32_t anchor = marks.empty() ? 0 : marks.front().begin;
      std::uint32_t lead = options.max_bytes / 4;
      std::uint32_t want_begin = anchor > lead ? anchor - lead : 0;
      auto first = std::find_if(tokens.begin(), tokens.end(),
                                [&](const analysis::Token& token) { return token.begin >= want_begin; });
      std::uint32_t begin = first == tokens.end() || first == tokens.begin() ? 0 : first->begin;
      std::uint32_t end = begin;
      for (const auto& token : tokens) {
        if (token.begin < begin) continue;
        if (token.end - begin > options.max_bytes) break;
        end = token.end;
      }
      if (end <= begin) end = static_cast<std::uint32_t>(text.size());
      // Keep the sentence's closing punctuation when the window reaches its last word.
      if (end == tokens.back().end) end = static_cast<std::uint32_t>(text.size());
      std::uint32_t shift = 0;
      if (begin > 0) {
        snippet.text = std::string(kEllipsis) + " ";
        shift = static_cast<std::uint32_t>(snippet.text.size());
      }
      snippet.text.append(text.substr(begin, end - begin));
      if (end < text.size()) snippet.text.append(" ").append(kEllipsis);
      for (const auto& mark : marks) {
        if (mark.begin >= begin && mark.end <= end) {
          snippet.highlights.push_back({mark.begin - begin + shift, mark.end - begin + shift});
        }
      }
    }
    snippets.push_back(std::move(snippet));
  }
  return snippets;
}

std::vector<Highlight> to_code_points(std::string_view text, const std::vector<Highlight>& highlights) {
  std::vector<Highlight> result;
  result.reserve(highlights.size());
  auto code_points_before = [&](std::uint32_t offset) {
    std::uint32_t count = 0;
    for (std::uint32_t i = 0; i < offset && i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    }
    return count;
  };
  for (const auto& mark : highlights)
    result.push_back({code_points_before(mark.begin), code_points_before(mark.end)});
  return result;
}

}  // namespace newsdig::results
