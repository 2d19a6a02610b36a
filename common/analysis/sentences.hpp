#pragma once
// Sentence segmentation of UTF-8 text for snippets: ICU's sentence rules (UAX #29) run over the UTF-8
// bytes in place, so spans are byte offsets into the input. A blank line always ends a sentence; a single
// line break does too, unless the text is declared hard-wrapped (LineBreaks::Wrapped).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::analysis {

struct SentenceSpan {
  std::uint32_t begin = 0;  // byte offset of the sentence's first character (never white space)
  std::uint32_t end = 0;    // byte offset one past its last character that is not white space
};

enum class LineBreaks {
  EndSentence,  // every line break ends a sentence, so a title or list line without final punctuation
                // never runs into the next line
  Wrapped,      // a single line break is a space and only a blank line ends a paragraph: for hard-wrapped
                // text such as Reuters SGML or TREC bodies
};

struct SentenceOptions {
  // Whose abbreviations do not end a sentence ("Mr. Abe"): ICU's list for the language (ISO 639-1, any
  // case, region ignored), plus a few titles common in English news ("Sen.", "Gov.", "Dr."...) for "en".
  // Unknown languages get ICU's rules without abbreviations.
  std::string language = "en";
  LineBreaks line_breaks = LineBreaks::EndSentence;
};

// Not thread-safe: one SentenceSplitter per thread (it holds an ICU sentence BreakIterator).
class SentenceSplitter {
 public:
  // Throws std::runtime_error if ICU cannot create a sentence break iterator (broken ICU data).
  explicit SentenceSplitter(const SentenceOptions& options = {});
  ~SentenceSplitter();
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;
  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;

  // The sentences of `text` (UTF-8; ill-formed bytes count as U+FFFD, never a crash) in order, without
  // white space at either end; stretches of only white space give no span.
  // Throws std::length_error for a text of 2 GiB or more (ICU indexes text with int32_t).
  std::vector<SentenceSpan> split(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The sentences of article bodies in any language, paragraph by paragraph: what the indexer stores in the
// record (common/store/record.hpp) and what snippets split when a record holds none, so both see the same
// sentences. Holds one SentenceSplitter per language met; not thread-safe, like them.
class BodySentences {
 public:
  // Every sentence of `body` (paragraphs separated by a blank line, "\n\n", as in Article::body), as byte
  // spans into it, in order. Each paragraph is split on its own, as `paragraph` does.
  std::vector<SentenceSpan> split(std::string_view body, std::string_view language);

  // The sentences of the paragraph of `body` from byte `start` to `end` (a blank line or the body's end),
  // as byte spans into the body.
  std::vector<SentenceSpan> paragraph(std::string_view body, std::size_t start, std::size_t end,
                                      std::string_view language);

 private:
  // The splitter for `language`: ICU's abbreviations for it when ICU has them, else the root locale's
  // rules (ja, zh and others ICU has no exceptions for), else English's.
  SentenceSplitter& splitter(std::string_view language);

  std::map<std::string, SentenceSplitter, std::less<>> splitters_;
};

// Where the paragraph of `body` that starts at byte `start` ends: at the next blank line ("\n\n") or at
// the body's end. The next paragraph starts two bytes after.
std::size_t paragraph_end(std::string_view body, std::size_t start);

}  // namespace newsdig::analysis
