#pragma once
// Private to indexer/formats: what the SGML readers (Reuters-21578, TREC) and the Reuters text reader
// share - finding elements in a record, decoding character references, stripping tags, and turning
// hard-wrapped lines into paragraphs. Inputs are valid UTF-8; nothing throws but std::bad_alloc.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdig::formats::detail {

// Line numbers of offsets into one text, counted incrementally: asking in increasing order of offset reads
// the text once. The text's first line is `first_line` (Input::first_line: 1 unless the input was cut).
class LineCounter {
 public:
  explicit LineCounter(std::string_view text, std::uint64_t first_line = 1)
      : text_(text), first_line_(first_line), line_(first_line) {}
  std::uint64_t line_at(std::size_t offset) {
    offset = std::min(offset, text_.size());
    if (offset < offset_) {
      offset_ = 0;
      line_ = first_line_;
    }
    line_ +=
        static_cast<std::uint64_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(offset_),
                                              text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    offset_ = offset;
    return line_;
  }

 private:
  std::string_view text_;
  std::uint64_t first_line_;
  std::size_t offset_ = 0;
  std::uint64_t line_;
};

// One element found in SGML text: <NAME attributes>content</NAME>.
struct Element {
  std::string_view attributes;  // between the name and '>' (" NEWID=\"1\" TOPICS=\"YES\"")
  std::string_view content;     // between the tags; to the end of the text when the end tag is missing
  std::size_t begin = 0;        // offset of '<' of the start tag
  std::size_t end = 0;          // offset just past the end tag (or the end of the text)
  bool closed = false;          // the end tag was there
};

// The first element called `name` (case-sensitive, as the SGML collections write them) at or after
// `from`; a start tag is "<NAME>" or "<NAME " ... ">".
std::optional<Element> find_element(std::string_view text, std::string_view name, std::size_t from = 0);

// The value of attribute `name` (NAME="value" or NAME=value) in a start tag's attributes; empty if absent.
std::string_view attribute(std::string_view attributes, std::string_view name);

// Appends `text` with character references decoded: &lt; &gt; &amp; &quot; &apos; &nbsp;, the named
// references of Latin-1 and typography HTML pages and TREC collections use (&eacute; &mdash; &hyph;...),
// and numeric ones (&#233; &#xE9;). References to control characters (the wire codes &#2; &#3; &#127;)
// are dropped, tab and line ends kept. Unknown or unterminated references stay as written.
void append_decoded(std::string& out, std::string_view text);
std::string decode_references(std::string_view text);

// `text` with its tags taken out: <P> and </P> (any case) become a blank line, so they end paragraphs;
// every other tag, comment or processing instruction becomes nothing. Character references are decoded
// afterwards (so &lt; never opens a tag).
std::string strip_tags(std::string_view text);

// Hard-wrapped text as paragraphs: a blank line, or a line indented with white space, starts a paragraph
// (indentation counts only when some lines are not indented); the lines of one paragraph are joined with
// a space; runs of white space become one space. Paragraphs are joined with "\n\n".
std::string reflow(std::string_view text);

// `text` trimmed, with every run of white space made one space.
std::string collapse_space(std::string_view text);

// Appends `paragraph` to `body`, separated by "\n\n" from what is there; nothing if it is blank.
void append_paragraph(std::string& body, std::string_view paragraph);

// The place of a dateline, without the agency, the date and the dash: "    SALVADOR, Feb 26 - " ->
// "SALVADOR", "SANTA CLARA, Calif., April 9 -" -> "SANTA CLARA, Calif.", "TOKYO Nov 6" -> "TOKYO",
// "GULL HARBOR, Maine (AP) " -> "GULL HARBOR, Maine".
std::string dateline_place(std::string_view dateline);

// A byline without its "By" and trailing ", Reuters": "    By Jane Doe, Reuters" -> "Jane Doe",
// "By  Eric Auchard  and  Paul Thomasch" -> "Eric Auchard and Paul Thomasch".
std::string byline_names(std::string_view byline);

// A publication date as an input writes it (util::parse_pubdate forms), in util::to_iso8601 form;
// nullopt when it is not one.
std::optional<std::string> iso_pubdate(std::string_view raw);

// "DE", "en-US", "pt_BR" -> "de", "en", "pt"; nullopt for what is not a 2-3 letter language code.
std::optional<std::string> language_code(std::string_view text);

// The warning for a date that is not one: `date "<raw>" not understood; indexed without a date`.
std::string bad_date_message(std::string_view raw);

}  // namespace newsdig::formats::detail
