#include "common/analysis/analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <cstddef>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

#include "common/analysis/utf8.hpp"
#include "common/util/text.hpp"

namespace newsdig::analysis {
namespace {

constexpr std::size_t kMaxTermBytes = 240;

// ICU break iterators index text with int32_t.
constexpr std::size_t kMaxTextBytes = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());

void check_text_size(std::string_view text) {
  if (text.size() > kMaxTextBytes) {
    throw std::length_error("text of " + std::to_string(text.size()) +
                            " bytes is too long to analyse (2 GiB limit)");
  }
}

// A UText over UTF-8 bytes, so ICU works on the input in place and reports byte offsets; ICU reads
// ill-formed sequences as U+FFFD.
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&text_, text.data(), static_cast<std::int64_t>(text.size()), &status);
    if (U_FAILURE(status))
      throw std::runtime_error(std::string("ICU cannot open text: ") + u_errorName(status));
  }
  ~Utf8Text() { utext_close(&text_); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;

  UText* get() { return &text_; }

 private:
  UText text_ = UTEXT_INITIALIZER;
};

// What may stand between two words that still belong together, like the parts of "post-World", "AT&T",
// "12:30", "and/or" or "ウラジーミル・プーチン": nothing (a CJK run from the dictionary segmenter) or one
// dash or connecting character.
bool is_connector(std::string_view gap) {
  constexpr std::string_view kAscii = "-/&.:@";
  // Middle dots, then the full-width forms of the ASCII connectors; all dashes (Unicode Pd) join too.
  constexpr std::u32string_view kOther = U"\u00B7\u30FB\uFF65\uFF0F\uFF06\uFF0E\uFF1A\uFF20";
  if (gap.empty()) return true;
  if (gap.size() == 1) return kAscii.find(gap[0]) != std::string_view::npos;
  if (gap.size() > 4 || !is_valid_utf8(gap)) return false;
  std::size_t i = 0;
  const char32_t c = util::next_code_point(gap, i);
  if (i != gap.size()) return false;
  return kOther.find(c) != std::u32string_view::npos ||
         u_charType(static_cast<UChar32>(c)) == U_DASH_PUNCTUATION;
}

// Scripts without a Snowball stemmer whose words are not inflected by suffixes the way stemmers expect:
// Chinese, Japanese, Korean, and the South-East Asian scripts written without spaces (Thai, Lao, Khmer,
// Myanmar...).
bool is_unstemmable_script(char32_t c) {
  if (c < 0x0E00) return false;  // everything below Thai (Latin, Greek, Cyrillic, Arabic, Indic...)
  const auto cp = static_cast<UChar32>(c);
  if (u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return true;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(cp, &status)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_YI: return true;
    default: return false;
  }
}

// Possessives and quotes: "abe's" -> "abe", "leaders'" -> "leaders", "'tis" -> "tis"; "don't" stays.
void apply_apostrophe_rules(std::string& term) {
  if (term.size() > 2 && term.ends_with("'s")) term.resize(term.size() - 2);
  while (!term.empty() && term.back() == '\'') term.pop_back();
  const std::size_t leading = term.find_first_not_of('\'');
  term.erase(0, leading == std::string::npos ? term.size() : leading);
}

bool is_ascii(std::string_view s) {
  unsigned char any = 0;
  for (const char c : s) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

enum class Outcome { Term, NotAWord, TooLong };

struct Normalized {
  Outcome outcome = Outcome::Term;
  bool stemmable = true;
};

std::string ascii_lower(std::string_view s) {
  std::string lower(s);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::optional<Xapian::Stem> make_stemmer(const std::string& name) {
  if (name.empty() || name == "none") return std::nullopt;
  try {
    Xapian::Stem stemmer(name);
    if (stemmer.is_none()) return std::nullopt;
    return stemmer;
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

// "en", "english", "EN", "en-GB" and "en_US" all name the English stemmer.
std::optional<Xapian::Stem> resolve_stemmer(std::string_view language) {
  const std::string name = ascii_lower(language);
  if (auto stemmer = make_stemmer(name)) return stemmer;
  const std::size_t cut = name.find_first_of("-_");
  if (cut == std::string::npos) return std::nullopt;
  return make_stemmer(name.substr(0, cut));
}

}  // namespace

struct Analyzer::Impl {
  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !words) {
      throw std::runtime_error(std::string("ICU cannot create a word break iterator: ") +
                               u_errorName(status));
    }
    status = U_ZERO_ERROR;
    nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || nfkc_casefold == nullptr) {
      throw std::runtime_error(std::string("ICU cannot load NFKC_Casefold data: ") + u_errorName(status));
    }
  }

  // Fills `term` even when the word is not kept, so normalize_word() can return it.
  Normalized normalize(std::string_view word, std::string& term) const {
    return is_ascii(word) ? normalize_ascii(word, term) : normalize_unicode(word, term);
  }

  // NFKC_Casefold of ASCII is ASCII lower-casing: most words of English news never reach ICU.
  // Words with digits ("3rd", "17,000") or inner periods ("u.s", "example.com") are not stemmed: the
  // English stemmer would make "u." of "u.s".
  static Normalized normalize_ascii(std::string_view word, std::string& term) {
    term.resize(word.size());
    bool alnum = false;
    bool stemmable = true;
    bool apostrophe = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      char c = word[i];
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
        alnum = true;
      } else if (c >= 'a' && c <= 'z') {
        alnum = true;
      } else if (c >= '0' && c <= '9') {
        alnum = true;
        stemmable = false;
      } else if (c == '\'') {
        apostrophe = true;
      } else if (c == '.' || c == ':') {
        stemmable = false;
      }
      term[i] = c;
    }
    if (apostrophe) apply_apostrophe_rules(term);
    return finish(term, alnum, stemmable);
  }

  Normalized normalize_unicode(std::string_view word, std::string& term) const {
    term.clear();
    icu::StringByteSink<std::string> sink(&term, static_cast<std::int32_t>(word.size()));
    UErrorCode status = U_ZERO_ERROR;
    nfkc_casefold->normalizeUTF8(0, icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())),
                                 sink, nullptr, status);
    if (U_FAILURE(status))
      throw std::runtime_error(std::string("ICU cannot normalize: ") + u_errorName(status));
    if (!is_valid_utf8(term)) term = repair_utf8(term).text;

    // One pass that also maps the apostrophe look-alikes to "'" and drops white space, which NFKC makes
    // of a few compatibility characters (U+FDFA, a whole Arabic phrase).
    bool alnum = false;
    bool stemmable = true;
    bool apostrophe = false;
    std::size_t out = 0;
    for (std::size_t i = 0; i < term.size();) {
      const std::size_t start = i;
      const char32_t c = util::next_code_point(term, i);
      if (c == U'\u2019' || c == U'\u2018' || c == U'\'') {
        term[out++] = '\'';
        apostrophe = true;
        continue;
      }
      const auto cp = static_cast<UChar32>(c);
      if (u_isUWhiteSpace(cp)) continue;
      if ((U_GET_GC_MASK(cp) & (U_GC_L_MASK | U_GC_N_MASK)) != 0) alnum = true;
      if (c == U'.' || c == U':' || u_isdigit(cp) || is_unstemmable_script(c)) stemmable = false;
      for (std::size_t k = start; k < i; ++k) term[out++] = term[k];
    }
    term.resize(out);
    if (apostrophe) apply_apostrophe_rules(term);
    return finish(term, alnum, stemmable);
  }

  static Normalized finish(const std::string& term, bool alnum, bool stemmable) {
    if (!alnum || term.empty()) return {Outcome::NotAWord, false};  // "___" is word-like to UAX #29
    if (term.size() > kMaxTermBytes) return {Outcome::TooLong, false};
    return {Outcome::Term, stemmable};
  }

  const Xapian::Stem* stemmer_for(std::string_view language) {
    if (last_stemmer < stemmers.size() && stemmers[last_stemmer].language == language) {
      return stemmers[last_stemmer].stemmer ? &*stemmers[last_stemmer].stemmer : nullptr;
    }
    std::size_t i = 0;
    while (i < stemmers.size() && stemmers[i].language != language) ++i;
    if (i == stemmers.size()) stemmers.push_back({std::string(language), resolve_stemmer(language)});
    last_stemmer = i;
    return stemmers[i].stemmer ? &*stemmers[i].stemmer : nullptr;
  }

  struct CachedStemmer {
    std::string language;
    std::optional<Xapian::Stem> stemmer;  // empty: no stemming for this language
  };

  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* nfkc_casefold = nullptr;  // owned by ICU, thread-safe
  std::vector<CachedStemmer> stemmers;
  std::size_t last_stemmer = 0;
  std::string stem_input;
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::uint32_t Analyzer::tokenize(std::string_view text, std::vector<Token>& out, std::uint32_t first_position,
                                 TokenizeStats* stats) {
  check_text_size(text);
  std::uint32_t position = first_position;
  if (text.empty()) return position;

  Impl& impl = *impl_;
  Utf8Text utext(text);
  UErrorCode status = U_ZERO_ERROR;
  impl.words->setText(utext.get(), status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU cannot segment text: ") + u_errorName(status));

  bool have_previous = false;  // a kept word precedes this one, ending at previous_end
  std::size_t previous_end = 0;
  std::int32_t begin = impl.words->first();
  for (std::int32_t end = impl.words->next(); end != icu::BreakIterator::DONE;
       begin = end, end = impl.words->next()) {
    const std::int32_t rule = impl.words->getRuleStatus();
    if (rule < UBRK_WORD_NUMBER || rule >= UBRK_WORD_IDEO_LIMIT) continue;  // spaces, punctuation, symbols
    const auto word_begin = static_cast<std::size_t>(begin);
    const auto word_end = static_cast<std::size_t>(end);

    Token& token = out.emplace_back();
    const Normalized normalized = impl.normalize(text.substr(word_begin, word_end - word_begin), token.term);
    if (normalized.outcome != Outcome::Term) {
      out.pop_back();
      if (normalized.outcome == Outcome::TooLong) {
        if (stats != nullptr) ++stats->dropped_long;
        ++position;  // a phrase must not match across the missing word
        have_previous = false;
      }
      continue;
    }
    token.position = position++;
    token.begin = static_cast<std::uint32_t>(word_begin);
    token.end = static_cast<std::uint32_t>(word_end);
    token.joined = have_previous && is_connector(text.substr(previous_end, word_begin - previous_end));
    token.stemmable = normalized.stemmable && rule < UBRK_WORD_KANA && rule >= UBRK_WORD_LETTER;
    have_previous = true;
    previous_end = word_end;
  }
  return position;
}

std::vector<Token> Analyzer::tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, tokens);
  return tokens;
}

std::string Analyzer::normalize_word(std::string_view word) {
  std::string term;
  if (is_valid_utf8(word)) {
    impl_->normalize(word, term);
  } else {
    impl_->normalize(repair_utf8(word).text, term);
  }
  return term;
}

std::string Analyzer::stem(std::string_view term, std::string_view language) {
  const Xapian::Stem* stemmer = impl_->stemmer_for(language);
  if (stemmer == nullptr) return std::string(term);
  impl_->stem_input.assign(term);
  return (*stemmer)(impl_->stem_input);
}

std::string Analyzer::index_form(const Token& token, std::string_view language) {
  return token.stemmable ? stem(token.term, language) : token.term;
}

bool Analyzer::has_stemmer(std::string_view language) {
  return resolve_stemmer(language).has_value();
}

}  // namespace newsdig::analysis
