#include "common/analysis/sentences.hpp"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <array>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/analysis/utf8.hpp"

namespace newsdig::analysis {
namespace {

constexpr std::size_t kMaxTextBytes = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());

// ICU's English list (ICU 72) lacks these titles, which news text puts before names all the time.
constexpr std::array<const char*, 17> kEnglishTitles = {"Adm.", "Capt.", "Col.", "Cmdr.",   "Dr.",   "Gen.",
                                                        "Gov.", "Lt.",   "Maj.", "Messrs.", "Mmes.", "Pres.",
                                                        "Rep.", "Rev.",  "Sen.", "Sgt.",    "Supt."};

[[noreturn]] void fail(const char* what, UErrorCode status) {
  throw std::runtime_error(std::string(what) + ": " + u_errorName(status));
}

// A UText over UTF-8 bytes, so ICU works on the input in place and reports byte offsets.
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&text_, text.data(), static_cast<std::int64_t>(text.size()), &status);
    if (U_FAILURE(status)) fail("ICU cannot open text", status);
  }
  ~Utf8Text() { utext_close(&text_); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;

  UText* get() { return &text_; }

 private:
  UText text_ = UTEXT_INITIALIZER;
};

bool is_ascii_blank(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

bool is_ascii_space(char c) {
  return is_ascii_blank(c) || c == '\n' || c == '\r';
}

// Whether `bytes` is exactly one well-formed character that is white space.
bool is_white_space_character(std::string_view bytes) {
  if (!is_valid_utf8(bytes)) return false;
  UChar32 c = 0;
  for (const char byte : bytes) {
    const auto b = static_cast<unsigned char>(byte);
    c = (b & 0xC0) == 0x80 ? (c << 6) | (b & 0x3F) : b & (b >= 0xF0 ? 0x07 : b >= 0xE0 ? 0x0F : 0x1F);
  }
  return u_isUWhiteSpace(c);
}

// The length of the white-space character that ends at `end`, or 0.
std::size_t white_space_before(std::string_view text, std::size_t end) {
  const char last = text[end - 1];
  if (static_cast<unsigned char>(last) < 0x80) return is_ascii_space(last) ? 1 : 0;
  std::size_t begin = end - 1;
  while (begin > 0 && end - begin < 4 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  return is_white_space_character(text.substr(begin, end - begin)) ? end - begin : 0;
}

// The length of the white-space character that starts at `begin`, or 0.
std::size_t white_space_after(std::string_view text, std::size_t begin) {
  const auto lead = static_cast<unsigned char>(text[begin]);
  if (lead < 0x80) return is_ascii_space(text[begin]) ? 1 : 0;
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  if (begin + length > text.size()) return 0;
  return is_white_space_character(text.substr(begin, length)) ? length : 0;
}

// Hard-wrapped text: a copy in which every line break between two non-blank lines is a space. Same
// length as the input, so ICU's offsets still point into it.
void unwrap_lines(std::string_view text, std::string& out) {
  out.assign(text);
  std::size_t line_begin = 0;
  bool previous_blank = true;     // the line before the pending break
  std::size_t pending_begin = 0;  // the pending line break, not yet known to be single
  std::size_t pending_end = 0;
  bool pending = false;
  std::size_t i = 0;
  while (i <= text.size()) {
    const bool at_end = i == text.size();
    if (!at_end && text[i] != '\n' && text[i] != '\r') {
      ++i;
      continue;
    }
    const std::string_view line = text.substr(line_begin, i - line_begin);
    bool blank = true;
    for (const char c : line) blank = blank && is_ascii_blank(c);
    if (pending && !previous_blank && !blank)
      out.replace(pending_begin, pending_end - pending_begin, pending_end - pending_begin, ' ');
    if (at_end) break;
    const std::size_t break_length = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
    pending = true;
    pending_begin = i;
    pending_end = i + break_length;
    previous_blank = blank;
    i += break_length;
    line_begin = i;
  }
}

// "en", "EN", "en-GB", "en_US" -> "en".
std::string primary_language(std::string_view language) {
  std::string primary(language.substr(0, language.find_first_of("-_")));
  for (char& c : primary) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return primary;
}

}  // namespace

struct SentenceSplitter::Impl {
  explicit Impl(const SentenceOptions& options) : line_breaks(options.line_breaks) {
    const std::string language = primary_language(options.language);
    const icu::Locale locale(language.c_str());
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> plain(icu::BreakIterator::createSentenceInstance(locale, status));
    if (U_FAILURE(status) || !plain) fail("ICU cannot create a sentence break iterator", status);
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createInstance(locale, status));
    if (U_FAILURE(status) || !builder) fail("ICU cannot load sentence break exceptions", status);
    if (language == "en") {
      for (const char* title : kEnglishTitles)
        builder->suppressBreakAfter(icu::UnicodeString(title, -1, US_INV), status);
    }
    sentences.reset(builder->build(plain.release(), status));
    if (U_FAILURE(status) || !sentences) fail("ICU cannot build a sentence break iterator", status);
  }

  LineBreaks line_breaks;
  std::unique_ptr<icu::BreakIterator> sentences;
  std::string unwrapped;
};

SentenceSplitter::SentenceSplitter(const SentenceOptions& options) : impl_(std::make_unique<Impl>(options)) {}
SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;

std::vector<SentenceSpan> SentenceSplitter::split(std::string_view text) {
  if (text.size() > kMaxTextBytes) {
    throw std::length_error("text of " + std::to_string(text.size()) +
                            " bytes is too long to split (2 GiB limit)");
  }
  std::vector<SentenceSpan> spans;
  if (text.empty()) return spans;

  std::string_view seen = text;
  if (impl_->line_breaks == LineBreaks::Wrapped) {
    unwrap_lines(text, impl_->unwrapped);
    seen = impl_->unwrapped;
  }
  Utf8Text utext(seen);
  UErrorCode status = U_ZERO_ERROR;
  impl_->sentences->setText(utext.get(), status);
  if (U_FAILURE(status)) fail("ICU cannot segment text", status);

  std::int32_t begin = impl_->sentences->first();
  for (std::int32_t end = impl_->sentences->next(); end != icu::BreakIterator::DONE;
       begin = end, end = impl_->sentences->next()) {
    auto b = static_cast<std::size_t>(begin);
    auto e = static_cast<std::size_t>(end);
    while (b < e) {
      const std::size_t n = white_space_after(text, b);
      if (n == 0 || b + n > e) break;
      b += n;
    }
    while (e > b) {
      const std::size_t n = white_space_before(text, e);
      if (n == 0 || e - n < b) break;
      e -= n;
    }
    if (b < e) spans.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  }
  return spans;
}

SentenceSplitter& BodySentences::splitter(std::string_view language) {
  auto found = splitters_.find(language);
  if (found != splitters_.end()) return found->second;
  // ICU has sentence break exceptions for only some languages, and SentenceSplitter throws for the rest.
  SentenceOptions options;
  for (std::string_view candidate : {language, std::string_view("und"), std::string_view("en")}) {
    options.language = std::string(candidate);
    try {
      return splitters_.emplace(std::string(language), SentenceSplitter(options)).first->second;
    } catch (const std::runtime_error&) {
      if (candidate == "en") throw;
    }
  }
  throw std::logic_error("unreachable");
}

std::vector<SentenceSpan> BodySentences::paragraph(std::string_view body, std::size_t start, std::size_t end,
                                                   std::string_view language) {
  std::vector<SentenceSpan> spans = splitter(language).split(body.substr(start, end - start));
  const auto offset = static_cast<std::uint32_t>(start);
  for (auto& span : spans) {
    span.begin += offset;
    span.end += offset;
  }
  return spans;
}

std::vector<SentenceSpan> BodySentences::split(std::string_view body, std::string_view language) {
  std::vector<SentenceSpan> spans;
  for (std::size_t start = 0; start < body.size();) {
    const std::size_t end = paragraph_end(body, start);
    for (const auto& span : paragraph(body, start, end, language)) spans.push_back(span);
    start = end + 2;
  }
  return spans;
}

std::size_t paragraph_end(std::string_view body, std::size_t start) {
  const std::size_t end = body.find("\n\n", start);
  return end == std::string_view::npos ? body.size() : end;
}

}  // namespace newsdig::analysis
