#include "common/extract/dates/eval/timeml.hpp"

#include <stdexcept>

#include "common/extract/dates/calendar.hpp"

namespace newsdig::extract::dates::eval {
namespace {

// The value of attribute `name` in the tag text `tag` ("<TIMEX3 tid="t1" type="DATE" ...>").
std::string attribute(std::string_view tag, std::string_view name) {
  std::size_t at = 0;
  while ((at = tag.find(name, at)) != std::string_view::npos) {
    bool starts = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n');
    std::size_t eq = at + name.size();
    if (starts && eq + 1 < tag.size() && tag[eq] == '=' && (tag[eq + 1] == '"' || tag[eq + 1] == '\'')) {
      char quote = tag[eq + 1];
      std::size_t close = tag.find(quote, eq + 2);
      if (close == std::string_view::npos) return {};
      return std::string(tag.substr(eq + 2, close - eq - 2));
    }
    at = eq;
  }
  return {};
}

void append_utf8(std::string& out, unsigned long code) {
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

// Appends character data with the XML entities decoded; an unknown entity is kept as written.
void append_text(std::string& out, std::string_view data) {
  std::size_t i = 0;
  while (i < data.size()) {
    if (data[i] != '&') {
      out += data[i++];
      continue;
    }
    std::size_t semi = data.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += data[i++];
      continue;
    }
    std::string_view name = data.substr(i + 1, semi - i - 1);
    if (name == "amp") {
      out += '&';
    } else if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      unsigned long code = 0;
      try {
        code = std::stoul(digits, nullptr, hex ? 16 : 10);
      } catch (const std::exception&) {
        code = 0xFFFD;
      }
      append_utf8(out, code > 0x10FFFF ? 0xFFFD : code);
    } else {
      out.append(data.substr(i, semi - i + 1));
    }
    i = semi + 1;
  }
}

std::optional<util::Timestamp> creation_time(std::string_view xml) {
  std::size_t dct = xml.find("<DCT>");
  if (dct == std::string_view::npos) return std::nullopt;
  std::size_t open = xml.find("<TIMEX3", dct);
  if (open == std::string_view::npos) return std::nullopt;
  std::size_t close = xml.find('>', open);
  std::string value = attribute(xml.substr(open, close - open), "value");
  if (auto parsed = util::parse_iso8601(value)) return parsed;
  return util::parse_iso8601(value.substr(0, 10));
}

bool overlaps(std::uint32_t a_start, std::uint32_t a_end, std::uint32_t b_start, std::uint32_t b_end) {
  return a_start < b_end && b_start < a_end;
}

}  // namespace

TimemlDocument parse_timeml(std::string_view xml) {
  TimemlDocument doc;
  if (auto open = xml.find("<DOCID>"); open != std::string_view::npos) {
    auto close = xml.find("</DOCID>", open);
    if (close != std::string_view::npos) doc.id = std::string(xml.substr(open + 7, close - open - 7));
  }
  doc.creation_time = creation_time(xml);
  std::size_t begin = xml.find("<TEXT>");
  std::size_t end = xml.find("</TEXT>");
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin)
    throw std::runtime_error("no <TEXT> element");
  std::string_view body = xml.substr(begin + 6, end - begin - 6);

  struct Open {
    std::size_t index;
  };
  std::vector<Open> open;
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t lt = body.find('<', i);
    append_text(doc.text, body.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i));
    if (lt == std::string_view::npos) break;
    std::size_t gt = body.find('>', lt);
    if (gt == std::string_view::npos) throw std::runtime_error("unterminated tag in <TEXT>");
    std::string_view tag = body.substr(lt, gt - lt + 1);
    auto offset = static_cast<std::uint32_t>(doc.text.size());
    if (tag.starts_with("<TIMEX3")) {
      GoldTimex timex;
      timex.start = timex.end = offset;
      timex.type = attribute(tag, "type");
      timex.value = attribute(tag, "value");
      doc.timexes.push_back(std::move(timex));
      if (!tag.ends_with("/>")) open.push_back({doc.timexes.size() - 1});
    } else if (tag.starts_with("</TIMEX3")) {
      if (open.empty()) throw std::runtime_error("</TIMEX3> without <TIMEX3>");
      doc.timexes[open.back().index].end = offset;
      open.pop_back();
    }
    i = gt + 1;
  }
  if (!open.empty()) throw std::runtime_error("<TIMEX3> not closed");
  return doc;
}

namespace {

// Gold values in another notation for the same thing: one-digit weeks ("2000-W7"), decades and centuries
// padded with X ("196X", "19XX"). With `unspecified`, trailing components that are all placeholders
// ("1949-XX", "1989-WXX", "1998-10-XX") are dropped, leaving what the annotator did specify.
std::string normalise_gold(std::string_view gold, bool unspecified) {
  std::string value(gold);
  if (unspecified) {
    for (;;) {
      auto dash = value.rfind('-');
      if (dash == std::string::npos || dash < 4) break;
      std::string_view last = std::string_view(value).substr(dash + 1);
      if (!last.empty() && (last.front() == 'W' || last.front() == 'Q')) last.remove_prefix(1);
      if (last.empty() || last.find_first_not_of('X') != std::string_view::npos) break;
      value.erase(dash);
    }
  }
  if (value.size() == 7 && value.substr(4, 2) == "-W") value.insert(6, "0");
  if (value.size() == 4 && value.back() == 'X') {
    value = value.substr(0, value.find('X'));
    if (value.size() < 2) return std::string(gold);
  }
  return value;
}

}  // namespace

bool value_matches(std::string_view system, std::string_view gold, Placeholders placeholders) {
  if (system == gold) return true;
  std::string normal = normalise_gold(gold, placeholders == Placeholders::Unspecified);
  if (system == normal) return true;
  auto gold_value = parse_value(normal);
  auto system_value = parse_value(system);
  if (!gold_value || !system_value) return false;
  auto coarse = coarsen(*system_value, gold_value->grain);
  return coarse && *coarse == *gold_value;
}

Score& Score::operator+=(const Score& other) {
  gold += other.gold;
  system += other.system;
  span_matched += other.span_matched;
  value_matched += other.value_matched;
  value_matched_unspecified += other.value_matched_unspecified;
  other_overlaps += other.other_overlaps;
  return *this;
}

namespace {
double ratio(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}
double harmonic(double p, double r) {
  return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
}
}  // namespace

double Score::span_precision() const {
  return ratio(span_matched, system);
}
double Score::span_recall() const {
  return ratio(span_matched, gold);
}
double Score::span_f1() const {
  return harmonic(span_precision(), span_recall());
}
double Score::value_precision() const {
  return ratio(value_matched, system);
}
double Score::value_recall() const {
  return ratio(value_matched, gold);
}
double Score::value_f1() const {
  return harmonic(value_precision(), value_recall());
}
double Score::value_f1_unspecified() const {
  return harmonic(ratio(value_matched_unspecified, system), ratio(value_matched_unspecified, gold));
}
double Score::value_accuracy() const {
  return ratio(value_matched, span_matched);
}

Score score_document(const TimemlDocument& document, const std::vector<DateMention>& mentions,
                     std::vector<Finding>* findings) {
  Score score;
  std::vector<const GoldTimex*> gold;
  for (const auto& timex : document.timexes) {
    if (timex.type == "DATE") gold.push_back(&timex);
  }
  score.gold = gold.size();
  score.system = mentions.size();
  std::vector<bool> paired(gold.size(), false);
  auto text_of = [&](std::uint32_t start, std::uint32_t end) {
    return document.text.substr(start, end - start);
  };
  for (const auto& mention : mentions) {
    std::size_t match = gold.size();
    for (std::size_t g = 0; g < gold.size(); ++g) {
      if (!paired[g] && overlaps(mention.start, mention.end, gold[g]->start, gold[g]->end)) {
        match = g;
        break;
      }
    }
    if (match == gold.size()) {
      bool other = false;
      for (const auto& timex : document.timexes) {
        if (timex.type != "DATE" && overlaps(mention.start, mention.end, timex.start, timex.end))
          other = true;
      }
      if (other) ++score.other_overlaps;
      if (findings)
        findings->push_back(
            {FindingKind::Spurious, mention.text, {}, mention.value, mention.start, mention.end});
      continue;
    }
    paired[match] = true;
    ++score.span_matched;
    const GoldTimex& g = *gold[match];
    bool right = value_matches(mention.value, g.value);
    if (right) ++score.value_matched;
    if (value_matches(mention.value, g.value, Placeholders::Unspecified)) ++score.value_matched_unspecified;
    if (findings) {
      findings->push_back({right ? FindingKind::Correct : FindingKind::WrongValue, text_of(g.start, g.end),
                           g.value, mention.value, g.start, g.end});
    }
  }
  if (findings) {
    for (std::size_t g = 0; g < gold.size(); ++g) {
      if (!paired[g])
        findings->push_back({FindingKind::Missed,
                             text_of(gold[g]->start, gold[g]->end),
                             gold[g]->value,
                             {},
                             gold[g]->start,
                             gold[g]->end});
    }
  }
  return score;
}

}  // namespace newsdig::extract::dates::eval
