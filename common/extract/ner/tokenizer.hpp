#pragma once
// The entity tagger's tokenizer: UTF-8 text -> CoNLL-2003-like tokens with byte offsets, grouped into
// sentences. Words and punctuation are separate tokens ("Abe's" -> "Abe" "'s", "(APEC)" -> "(" "APEC"
// ")"); abbreviations, hyphenated words and numbers stay whole ("U.S.", "Mr.", "Asia-Pacific", "1,000",
// "12:30"). Rules on code points only (no ICU break iterator): fast and the same on every machine.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::extract::ner {

struct Token {
  std::uint32_t begin = 0;  // byte offset of the token in the text
  std::uint32_t end = 0;    // one past its last byte
  std::string form;         // as the tagger sees it: typographic apostrophes and quotes made ASCII
                            // (’ -> ', “ ” -> "), everything else as written
};

// Tokens [first, last) of one sentence.
struct Sentence {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

// A sentence ends after ".", "!", "?" or "..." (and the closing quotes or brackets right after it), at a
// blank line, and after kMaxSentenceTokens tokens.
inline constexpr std::uint32_t kMaxSentenceTokens = 200;

// Appends the tokens of `text` to `tokens` and its sentences (indexes into `tokens`) to `sentences`.
// Ill-formed UTF-8 bytes count as letters (U+FFFD) and never throw. Texts of 4 GiB or more are cut there
// (offsets are 32-bit).
void tokenize(std::string_view text, std::vector<Token>& tokens, std::vector<Sentence>& sentences);

}  // namespace newsdig::extract::ner
