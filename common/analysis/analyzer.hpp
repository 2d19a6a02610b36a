#pragma once
// The one analyzer: text -> tokens (normalized words with positions and byte offsets) -> stems.
// The indexer (common/store/document_builder) and the query parser (searcher/query) both call it, so a
// query always produces the terms the indexer produced for the same words.
//
// Pipeline per token: ICU word segmentation (UAX #29 with dictionary segmentation for Chinese, Japanese,
// Thai...) over the UTF-8 text -> keep word-like segments (letters, numbers, ideographs, kana) -> NFKC
// case folding (ICU NFKC_Casefold: full-width letters become ASCII, "ß" becomes "ss") -> apostrophe rules
// (’ and ' are the same; a final possessive 's or ' is dropped: "Abe’s" -> "abe") -> token.
// Hyphenated words ("post-World", "10-minute") become one token per part, each marked joined to the
// previous one, so each part is findable and the query side can turn the whole into a phrase.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::analysis {

struct Token {
  std::string term;            // normalized word, not stemmed; never empty, never longer than 240 bytes
  std::uint32_t position = 0;  // 0-based word index within the analysed text
  std::uint32_t begin = 0;     // byte offset of the word in the analysed text
  std::uint32_t end = 0;       // byte offset one past its end
  bool joined = false;         // the previous token ends right where this one begins (CJK run) or one
                               // dash or connector lies between them ("post-World", "AT&T", "12:30",
                               // "and/or"): the query side makes such a run a phrase. Never true for
                               // the first token of a call, nor after a dropped (too long) word.
  bool stemmable = true;       // false for words with digits or inner periods ("3rd", "u.s") and for
                               // scripts stemmers do not handle (Chinese, Japanese, Korean, Thai...)
};

struct TokenizeStats {
  std::size_t dropped_long = 0;  // words over the term length limit, left out (each still takes a
                                 // position, so a phrase cannot match across it)
};

// Not thread-safe: one Analyzer per thread (it holds an ICU BreakIterator and stemmer caches). A moved-from
// Analyzer may only be destroyed or assigned to.
class Analyzer {
 public:
  // Throws std::runtime_error if ICU cannot create a word break iterator (broken ICU data).
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Appends the tokens of `text` (UTF-8; ill-formed bytes are treated as U+FFFD, never a crash) to `out`,
  // with positions starting at `first_position`. Returns the position after the last word.
  // Throws std::length_error for a text of 2 GiB or more (ICU indexes text with int32_t).
  std::uint32_t tokenize(std::string_view text, std::vector<Token>& out, std::uint32_t first_position = 0,
                         TokenizeStats* stats = nullptr);

  // Convenience form of the above.
  std::vector<Token> tokenize(std::string_view text);

  // Normalizes one word the way tokenize() normalizes a token (NFKC case folding, apostrophes); used where
  // a caller already holds a single word. No segmentation and no length limit; ill-formed UTF-8 is
  // repaired first. May return an empty string (for "'").
  std::string normalize_word(std::string_view word);

  // The Snowball stem of a normalized term for `language` (ISO 639-1 code or Xapian stemmer name, any
  // case; a region suffix as in "en-GB" or "en_US" is ignored; empty, "none" or unknown languages get no
  // stemming: the term comes back unchanged). Stemmers are made once per language and cached.
  std::string stem(std::string_view term, std::string_view language);

  // The form under which a token is indexed and searched: its stem for `language` when the token is
  // stemmable, else the token's term as it is. Every free-text term of the index is one of these (after
  // its field's prefix), and the query parser makes its terms with this same call.
  std::string index_form(const Token& token, std::string_view language);

  // True when Xapian has a stemmer for `language`.
  static bool has_stemmer(std::string_view language);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdig::analysis
