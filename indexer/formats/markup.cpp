#include "indexer/formats/markup.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "common/util/pubdate.hpp"
#include "common/util/text.hpp"
#include "indexer/formats/input_text.hpp"

namespace newsdig::formats::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim_ascii(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

struct NamedReference {
  std::string_view name;
  std::uint32_t code;
};

// Latin-1 letters by their HTML names, U+00C0..U+00FF in order.
constexpr std::array<std::string_view, 64> kLatin1Names = {
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute",
    "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute",
    "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute",
    "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",    "ntilde",
    "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml",   "yacute", "thorn",  "yuml"};

constexpr std::array<NamedReference, 34> kNamed = {{
    {"lt", '<'},       {"gt", '>'},       {"amp", '&'},      {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"iexcl", 0xA1},   {"cent", 0xA2},    {"pound", 0xA3},   {"yen", 0xA5},
    {"sect", 0xA7},    {"copy", 0xA9},    {"laquo", 0xAB},   {"reg", 0xAE},     {"deg", 0xB0},
    {"plusmn", 0xB1},  {"para", 0xB6},    {"middot", 0xB7},  {"raquo", 0xBB},   {"iquest", 0xBF},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"bull", 0x2022},  {"hellip", 0x2026},
    {"euro", 0x20AC},  {"trade", 0x2122}, {"hyph", '-'},     {"blank", ' '},
}};

// What browsers make of &#128;..&#159;: the windows-1252 characters (WHATWG); 0 where it has none.
constexpr std::array<std::uint16_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::optional<std::uint32_t> named_reference(std::string_view name) {
  for (const NamedReference& reference : kNamed) {
    if (reference.name == name) return reference.code;
  }
  for (std::size_t i = 0; i < kLatin1Names.size(); ++i) {
    if (kLatin1Names[i] == name) return static_cast<std::uint32_t>(0xC0 + i);
  }
  return std::nullopt;
}

// The reference at text[0] == '&': its length (up to and with ';') and the code point (nullopt: drop it).
// Length 0 when it is not a reference we decode.
struct Reference {
  std::size_t length = 0;
  std::optional<std::uint32_t> code;
};

Reference read_reference(std::string_view text) {
  constexpr std::size_t kMaxLength = 12;
  const std::size_t semicolon = text.substr(0, kMaxLength).find(';');
  if (semicolon == std::string_view::npos || semicolon < 2) return {};
  const std::string_view body = text.substr(1, semicolon - 1);
  if (body.front() != '#') {
    if (!std::all_of(body.begin(), body.end(), [](char c) { return is_alpha(c) || is_digit(c); })) return {};
    if (auto code = named_reference(body)) return {semicolon + 1, code};
    return {};
  }
  const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
  const std::string_view digits = body.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 7) return {};
  std::uint32_t code = 0;
  for (char c : digits) {
    std::uint32_t value = 0;
    if (is_digit(c)) {
      value = static_cast<std::uint32_t>(c - '0');
    } else if (hex && lower(c) >= 'a' && lower(c) <= 'f') {
      value = static_cast<std::uint32_t>(lower(c) - 'a' + 10);
    } else {
      return {};
    }
    code = code * (hex ? 16U : 10U) + value;
  }
  if (code == '\t' || code == '\n' || code == '\r') return {semicolon + 1, code};
  if (code < 0x20 || code == 0x7F) return {semicolon + 1, std::nullopt};
  if (code >= 0x80 && code <= 0x9F) {
    const std::uint32_t mapped = kWindows1252High[code - 0x80];
    return {semicolon + 1, mapped == 0 ? std::nullopt : std::optional<std::uint32_t>(mapped)};
  }
  if ((code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return {semicolon + 1, 0xFFFD};
  return {semicolon + 1, code};
}

bool is_paragraph_tag(std::string_view tag) {
  // tag is what lies between '<' and '>': "P", "/p", "P ALIGN=x"
  if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
  return !tag.empty() && lower(tag.front()) == 'p' && (tag.size() == 1 || is_space(tag[1]));
}

bool is_month(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (iequals(word, "sept")) return true;
  return std::any_of(kMonths.begin(), kMonths.end(), [&](std::string_view month) {
    return iequals(word, month) || iequals(word, month.substr(0, 3));
  });
}

}  // namespace

std::optional<Element> find_element(std::string_view text, std::string_view name, std::size_t from) {
  // Markup is found by its '<', which is rare in text, so each search is a memchr run.
  auto tag_at = [&](std::size_t at) { return text.compare(at + 1, name.size(), name) == 0; };
  std::size_t pos = from;
  while (true) {
    const std::size_t at = text.find('<', pos);
    if (at == std::string_view::npos) return std::nullopt;
    pos = at + 1;
    if (!tag_at(at)) continue;
    const std::size_t after = at + 1 + name.size();
    if (after >= text.size() || !(text[after] == '>' || is_space(text[after]))) continue;
    const std::size_t open_end = text.find('>', after);
    if (open_end == std::string_view::npos) return std::nullopt;
    Element element;
    element.begin = at;
    element.attributes = text.substr(after, open_end - after);
    for (std::size_t close = text.find("</", open_end + 1); close != std::string_view::npos;
         close = text.find("</", close + 1)) {
      const std::size_t gt = close + 2 + name.size();
      if (gt < text.size() && text[gt] == '>' && text.compare(close + 2, name.size(), name) == 0) {
        element.content = text.substr(open_end + 1, close - open_end - 1);
        element.end = gt + 1;
        element.closed = true;
        return element;
      }
    }
    element.content = text.substr(open_end + 1);
    element.end = text.size();
    return element;
  }
}

std::string_view attribute(std::string_view attributes, std::string_view name) {
  std::size_t pos = 0;
  while (true) {
    const std::size_t at = attributes.find(name, pos);
    if (at == std::string_view::npos) return {};
    pos = at + 1;
    if (at > 0 && !is_space(attributes[at - 1])) continue;
    std::size_t i = at + name.size();
    while (i < attributes.size() && is_space(attributes[i])) ++i;
    if (i >= attributes.size() || attributes[i] != '=') continue;
    ++i;
    while (i < attributes.size() && is_space(attributes[i])) ++i;
    if (i >= attributes.size()) return {};
    if (attributes[i] == '"' || attributes[i] == '\'') {
      const std::size_t close = attributes.find(attributes[i], i + 1);
      if (close == std::string_view::npos) return attributes.substr(i + 1);
      return attributes.substr(i + 1, close - i - 1);
    }
    std::size_t end = i;
    while (end < attributes.size() && !is_space(attributes[end])) ++end;
    return attributes.substr(i, end - i);
  }
}

void append_decoded(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    out += text.substr(0, amp);
    if (amp == std::string_view::npos) return;
    text.remove_prefix(amp);
    const Reference reference = read_reference(text);
    if (reference.length == 0) {
      out += '&';
      text.remove_prefix(1);
      continue;
    }
    if (reference.code) append_utf8(out, *reference.code);
    text.remove_prefix(reference.length);
  }
}

std::string decode_references(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_decoded(out, text);
  return out;
}

std::string strip_tags(std::string_view text) {
  std::string stripped;
  stripped.reserve(text.size());
  while (!text.empty()) {
    const std::size_t open = text.find('<');
    stripped += text.substr(0, open);
    if (open == std::string_view::npos) break;
    text.remove_prefix(open);
    const char next = text.size() > 1 ? text[1] : '\0';
    if (!(is_alpha(next) || next == '/' || next == '!' || next == '?')) {
      stripped += '<';
      text.remove_prefix(1);
      continue;
    }
    if (text.starts_with("<!--")) {
      const std::size_t close = text.find("-->", 4);
      text.remove_prefix(close == std::string_view::npos ? text.size() : close + 3);
      continue;
    }
    const std::size_t close = text.find('>');
    if (close == std::string_view::npos) break;
    if (is_paragraph_tag(text.substr(1, close - 1))) stripped += "\n\n";
    text.remove_prefix(close + 1);
  }
  return decode_references(stripped);
}

std::string collapse_space(std::string_view text) {
  text = trim_ascii(text);
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void append_paragraph(std::string& body, std::string_view paragraph) {
  if (trim_ascii(paragraph).empty()) return;
  if (!body.empty()) body += "\n\n";
  body += paragraph;
}

std::string reflow(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  bool some_flush = false;
  for (std::string_view line : lines) {
    if (!trim_ascii(line).empty() && !is_space(line.front())) {
      some_flush = true;
      break;
    }
  }
  std::string body;
  std::string paragraph;
  auto end_paragraph = [&] {
    append_paragraph(body, paragraph);
    paragraph.clear();
  };
  for (std::string_view line : lines) {
    const std::string_view trimmed = trim_ascii(line);
    if (trimmed.empty()) {
      end_paragraph();
      continue;
    }
    if (some_flush && is_space(line.front())) end_paragraph();
    bool space = !paragraph.empty();
    for (char c : trimmed) {
      if (is_space(c)) {
        space = true;
        continue;
      }
      if (space) paragraph += ' ';
      space = false;
      paragraph += c;
    }
  }
  end_paragraph();
  return body;
}

std::string dateline_place(std::string_view dateline) {
  std::string_view place = trim_ascii(dateline);
  // The dash: "-", "--", an en or em dash.
  while (true) {
    if (place.ends_with("-")) {
      place.remove_suffix(1);
    } else if (place.ends_with("\xE2\x80\x93") || place.ends_with("\xE2\x80\x94")) {
      place.remove_suffix(3);
    } else {
      break;
    }
    place = trim_ascii(place);
  }
  // A trailing "(AP)" is the agency.
  if (place.ends_with(")")) {
    const std::size_t open = place.rfind('(');
    if (open != std::string_view::npos) place = trim_ascii(place.substr(0, open));
  }
  // A trailing "<Month> <day>" is the date.
  std::size_t end = place.size();
  while (end > 0 && is_digit(place[end - 1])) --end;
  const std::size_t day_digits = place.size() - end;
  if (day_digits >= 1 && day_digits <= 2 && end > 0 && is_space(place[end - 1])) {
    std::size_t month_end = end;
    while (month_end > 0 && is_space(place[month_end - 1])) --month_end;
    std::size_t month_start = month_end;
    while (month_start > 0 && (is_alpha(place[month_start - 1]) || place[month_start - 1] == '.'))
      --month_start;
    if (is_month(place.substr(month_start, month_end - month_start))) {
      place = place.substr(0, month_start);
      while (!place.empty() && (is_space(place.back()) || place.back() == ',')) place.remove_suffix(1);
    }
  }
  return collapse_space(place);
}

std::string byline_names(std::string_view byline) {
  std::string_view names = trim_ascii(byline);
  if (names.size() > 3 && iequals(names.substr(0, 2), "by") && is_space(names[2])) names.remove_prefix(3);
  names = trim_ascii(names);
  for (std::string_view agency : {", Reuters", ", Reuter"}) {
    if (names.size() > agency.size() && iequals(names.substr(names.size() - agency.size()), agency)) {
      names.remove_suffix(agency.size());
      break;
    }
  }
  return collapse_space(names);
}

std::optional<std::string> iso_pubdate(std::string_view raw) {
  if (auto timestamp = util::parse_pubdate(raw)) return util::to_iso8601(*timestamp);
  return std::nullopt;
}

std::optional<std::string> language_code(std::string_view text) {
  text = text.substr(0, text.find_first_of("-_"));
  if (text.size() < 2 || text.size() > 3) return std::nullopt;
  std::string code;
  for (char c : text) {
    c = lower(c);
    if (c < 'a' || c > 'z') return std::nullopt;
    code += c;
  }
  return code;
}

std::string bad_date_message(std::string_view raw) {
  constexpr std::size_t kMaxShown = 60;
  const std::string shown = util::utf8_prefix(trim_ascii(raw), kMaxShown);
  return "date \"" + shown + "\" not understood; indexed without a date";
}

}  // namespace newsdig::formats::detail
