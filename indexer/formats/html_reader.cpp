#include "indexer/formats/html_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gumbo.h>
#include <nlohmann/json.hpp>

#include "common/util/text.hpp"
#include "indexer/formats/decode.hpp"
#include "indexer/formats/input_text.hpp"
#include "indexer/formats/markup.hpp"

namespace newsdig::formats {
namespace {

constexpr std::size_t kCharsetScanBytes = 4096;
constexpr std::size_t kMaxJsonLdDepth = 8;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}
bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return &node->v.element.children;
  return nullptr;
}

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

bool is_text(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
         node->type == GUMBO_NODE_CDATA;
}

std::string_view attr(const GumboNode* node, const char* name) {
  if (!is_element(node)) return {};
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
  return attribute == nullptr || attribute->value == nullptr ? std::string_view()
                                                             : std::string_view(attribute->value);
}

// Depth-first over the tree without recursion (a page may nest elements very deep). `enter` returns
// whether to go into a node's children; `leave` is called for each element entered, after its children.
template <typename Enter, typename Leave>
void walk(const GumboNode* root, Enter enter, Leave leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  std::vector<Frame> stack;
  if (!enter(root)) return;
  if (children_of(root) != nullptr) stack.push_back({root, 0});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboVector* children = children_of(frame.node);
    if (children != nullptr && frame.next < children->length) {
      const auto* child = static_cast<const GumboNode*>(children->data[frame.next++]);
      if (enter(child) && children_of(child) != nullptr) stack.push_back({child, 0});
      continue;
    }
    const GumboNode* done = frame.node;
    stack.pop_back();
    leave(done);
  }
}

// All the text under `node`, white space collapsed.
std::string text_of(const GumboNode* node) {
  std::string text;
  walk(
      node,
      [&](const GumboNode* n) {
        if (is_text(n)) {
          text += n->v.text.text;
          text += ' ';
        }
        // Scripts and styles inside an element are not its text (a script's own text is its content).
        return !(n != node && is_element(n) &&
                 (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE));
      },
      [](const GumboNode*) {});
  return detail::collapse_space(text);
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_BODY: return true;
    default: return false;
  }
}

// Elements whose content is never story text.
bool is_left_out(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_MENU: return true;
    default: return false;
  }
}

// A class or id token that names page furniture: a furniture word as its first or last part, parts being
// separated by '-' or '_' ("nav", "site-footer", "share-buttons"; not "navy-blue" nor "has-comments-count").
bool is_furniture_token(std::string_view token) {
  static constexpr std::array<std::string_view, 17> kWords = {
      "nav",        "navbar",      "navigation", "menu",    "footer",       "sidebar",
      "breadcrumb", "breadcrumbs", "share",      "sharing", "social",       "related",
      "comments",   "cookie",      "newsletter", "advert",  "advertisement"};
  const std::size_t first_end = token.find_first_of("-_");
  const std::size_t last_start = token.find_last_of("-_");
  const std::string_view first = token.substr(0, first_end);
  const std::string_view last = last_start == std::string_view::npos ? token : token.substr(last_start + 1);
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view word) { return iequals(first, word) || iequals(last, word); });
}

bool names_furniture(std::string_view value) {
  while (!value.empty()) {
    while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
    std::size_t end = 0;
    while (end < value.size() && !is_space(value[end])) ++end;
    if (end > 0 && is_furniture_token(value.substr(0, end))) return true;
    value.remove_prefix(end);
  }
  return false;
}

bool is_hidden(const GumboNode* node) {
  if (gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr) return true;
  if (iequals(attr(node, "aria-hidden"), "true")) return true;
  const std::string_view role = attr(node, "role");
  for (std::string_view landmark :
       {"navigation", "banner", "contentinfo", "complementary", "menu", "search"}) {
    if (iequals(role, landmark)) return true;
  }
  return names_furniture(attr(node, "class")) || names_furniture(attr(node, "id"));
}

// What the page says about itself, gathered in one pass.
struct PageFacts {
  std::string title_tag, og_title, h1, site_name, author, canonical, og_url, lang;
  // Publication date candidates, best first.
  std::optional<std::string> published_meta, itemprop_date, json_ld_date, named_meta_date, time_date;
  std::string json_ld_headline;
  const GumboNode* article_body = nullptr;  // itemprop="articleBody"
  const GumboNode* main = nullptr;
  const GumboNode* body = nullptr;
  std::vector<const GumboNode*> articles;
};

void set_once(std::optional<std::string>& slot, std::string_view value) {
  if (!slot && !detail::trim_space(value).empty()) slot = std::string(detail::trim_space(value));
}
void set_once(std::string& slot, std::string_view value) {
  if (slot.empty()) slot = detail::collapse_space(value);
}

bool is_date_meta_name(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kNames = {
      "date",          "pubdate",          "publishdate",       "publish-date",    "publish_date",
      "dc.date",       "dc.date.issued",   "dcterms.date",      "dcterms.created", "dcterms.issued",
      "sailthru.date", "parsely-pub-date", "article.published", "datepublished"};
  return std::any_of(kNames.begin(), kNames.end(),
                     [&](std::string_view known) { return iequals(name, known); });
}

void read_meta(const GumboNode* node, PageFacts& facts) {
  const std::string_view content = attr(node, "content");
  if (content.empty()) return;
  const std::string_view property = attr(node, "property");
  const std::string_view name = attr(node, "name");
  const std::string_view itemprop = attr(node, "itemprop");
  const std::string_view key = !property.empty() ? property : name;
  if (iequals(key, "og:title") || iequals(key, "twitter:title")) {
    set_once(facts.og_title, content);
  } else if (iequals(key, "article:published_time") || iequals(key, "og:article:published_time")) {
    set_once(facts.published_meta, content);
  } else if (iequals(key, "og:site_name")) {
    set_once(facts.site_name, content);
  } else if (iequals(key, "og:url")) {
    set_once(facts.og_url, content);
  } else if (iequals(name, "author")) {
    set_once(facts.author, content);
  } else if (is_date_meta_name(key)) {
    set_once(facts.named_meta_date, content);
  }
  if (iequals(itemprop, "datePublished")) set_once(facts.itemprop_date, content);
}

// The first "datePublished" and "headline" strings in a JSON-LD block (objects, arrays, @graph).
void read_json_ld(const nlohmann::json& value, PageFacts& facts, std::size_t depth) {
  if (depth > kMaxJsonLdDepth) return;
  if (value.is_array()) {
    for (const auto& item : value) read_json_ld(item, facts, depth + 1);
    return;
  }
  if (!value.is_object()) return;
  if (auto date = value.find("datePublished"); date != value.end() && date->is_string()) {
    set_once(facts.json_ld_date, date->get<std::string>());
  }
  if (auto headline = value.find("headline"); headline != value.end() && headline->is_string()) {
    set_once(facts.json_ld_headline, headline->get<std::string>());
  }
  for (const auto& item : value) {
    if (item.is_structured()) read_json_ld(item, facts, depth + 1);
  }
}

PageFacts gather(const GumboNode* root) {
  PageFacts facts;
  walk(
      root,
      [&](const GumboNode* node) {
        if (!is_element(node)) return true;
        switch (node->v.element.tag) {
          case GUMBO_TAG_HTML: set_once(facts.lang, attr(node, "lang")); break;
          case GUMBO_TAG_TITLE: set_once(facts.title_tag, text_of(node)); return false;
          case GUMBO_TAG_META: read_meta(node, facts); break;
          case GUMBO_TAG_LINK:
            if (iequals(attr(node, "rel"), "canonical")) set_once(facts.canonical, attr(node, "href"));
            break;
          case GUMBO_TAG_H1: set_once(facts.h1, text_of(node)); break;
          case GUMBO_TAG_TIME:
            if (iequals(attr(node, "itemprop"), "datePublished"))
              set_once(facts.itemprop_date, attr(node, "datetime"));
            set_once(facts.time_date, attr(node, "datetime"));
            break;
          case GUMBO_TAG_MAIN:
            if (facts.main == nullptr) facts.main = node;
            break;
          case GUMBO_TAG_BODY: facts.body = node; break;
          case GUMBO_TAG_ARTICLE: facts.articles.push_back(node); break;
          case GUMBO_TAG_SCRIPT:
            if (iequals(attr(node, "type"), "application/ld+json")) {
              const std::string json = text_of(node);
              const auto parsed = nlohmann::json::parse(json, nullptr, false);
              if (!parsed.is_discarded()) read_json_ld(parsed, facts, 0);
            }
            return false;
          case GUMBO_TAG_STYLE: return false;
          default: break;
        }
        if (facts.article_body == nullptr && iequals(attr(node, "itemprop"), "articleBody")) {
          facts.article_body = node;
        }
        if (facts.main == nullptr && iequals(attr(node, "role"), "main")) facts.main = node;
        return true;
      },
      [](const GumboNode*) {});
  return facts;
}

// Bytes of text in the <p> elements under `node`.
std::size_t paragraph_text_bytes(const GumboNode* node) {
  std::size_t bytes = 0;
  std::size_t in_paragraph = 0;
  walk(
      node,
      [&](const GumboNode* n) {
        if (is_text(n) && in_paragraph > 0) bytes += std::string_view(n->v.text.text).size();
        if (!is_element(n)) return true;
        if (is_left_out(n->v.element.tag)) return false;
        if (n->v.element.tag == GUMBO_TAG_P) ++in_paragraph;
        return true;
      },
      [&](const GumboNode* n) {
        if (is_element(n) && n->v.element.tag == GUMBO_TAG_P) --in_paragraph;
      });
  return bytes;
}

const GumboNode* story_container(const PageFacts& facts, const GumboNode* root) {
  if (facts.article_body != nullptr) return facts.article_body;
  const GumboNode* best = nullptr;
  std::size_t best_bytes = 0;
  for (const GumboNode* article : facts.articles) {
    const std::size_t bytes = paragraph_text_bytes(article);
    if (best == nullptr || bytes > best_bytes) {
      best = article;
      best_bytes = bytes;
    }
  }
  if (best != nullptr) return best;
  if (facts.main != nullptr) return facts.main;
  return facts.body != nullptr ? facts.body : root;
}

std::vector<std::string> paragraphs_of(const GumboNode* container) {
  std::vector<std::string> paragraphs;
  std::string current;
  bool space = false;
  auto end_paragraph = [&] {
    if (!current.empty()) paragraphs.push_back(std::move(current));
    current.clear();
    space = false;
  };
  walk(
      container,
      [&](const GumboNode* node) {
        if (is_text(node)) {
          for (const char* p = node->v.text.text; *p != '\0'; ++p) {
            if (is_space(*p)) {
              space = true;
              continue;
            }
            if (space && !current.empty()) current += ' ';
            space = false;
            current += *p;
          }
          return false;
        }
        if (!is_element(node)) return false;
        if (node != container && (is_left_out(node->v.element.tag) || is_hidden(node))) return false;
        if (is_block(node->v.element.tag)) end_paragraph();
        return true;
      },
      [&](const GumboNode* node) {
        if (is_element(node) && is_block(node->v.element.tag)) end_paragraph();
      });
  end_paragraph();
  return paragraphs;
}

// "Bridge reopens | Coastal Wire" -> "Bridge reopens" when the site is called "Coastal Wire".
std::string without_site_name(std::string title, std::string_view site) {
  if (site.empty()) return title;
  for (std::string_view separator : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: "}) {
    const std::string suffix = std::string(separator) + std::string(site);
    if (title.size() > suffix.size() &&
        iequals(std::string_view(title).substr(title.size() - suffix.size()), suffix)) {
      title.resize(title.size() - suffix.size());
      return title;
    }
  }
  return title;
}

struct GumboOutputCloser {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

std::string declared_html_charset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kCharsetScanBytes);
  std::size_t pos = 0;
  while (true) {
    std::size_t at = std::string_view::npos;
    for (std::size_t i = pos; i + 8 <= head.size(); ++i) {
      if (lower(head[i]) == 'c' && istarts_with(head.substr(i), "charset")) {
        at = i;
        break;
      }
    }
    if (at == std::string_view::npos) return {};
    pos = at + 7;
    std::size_t i = pos;
    while (i < head.size() && is_space(head[i])) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (is_space(head[i]) || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t end = i;
    while (end < head.size() &&
           (std::isalnum(static_cast<unsigned char>(head[end])) != 0 || head[end] == '-' ||
            head[end] == '_' || head[end] == '.' || head[end] == ':')) {
      ++end;
    }
    if (end > i) return std::string(head.substr(i, end - i));
  }
}

bool looks_like_html(std::string_view text) {
  text = detail::strip_bom(text);
  while (true) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    if (text.starts_with("<!--")) {
      const std::size_t close = text.find("-->");
      if (close == std::string_view::npos) return false;
      text.remove_prefix(close + 3);
      continue;
    }
    if (text.starts_with("<?xml")) {
      const std::size_t close = text.find("?>");
      if (close == std::string_view::npos) return false;
      text.remove_prefix(close + 2);
      continue;
    }
    break;
  }
  for (std::string_view start : {"<!doctype html", "<html", "<head", "<body"}) {
    if (istarts_with(text, start) &&
        (text.size() == start.size() || is_space(text[start.size()]) || text[start.size()] == '>')) {
      return true;
    }
  }
  return false;
}

void read_html(const Input& input, ArticleSink& sink) {
  const DecodedText decoded = decode_input(input, sink, declared_html_charset(input.bytes));
  const std::string_view text = decoded.text();
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  const std::unique_ptr<GumboOutput, GumboOutputCloser> output(
      gumbo_parse_with_options(&options, text.data(), text.size()));
  if (!output) {
    sink.skip({input.origin, 0, "HTML parser failed"});
    return;
  }

  const PageFacts facts = gather(output->document);
  Article article;
  article.id = input.id_base;
  article.origin = input.origin;
  article.source = facts.site_name;
  article.byline = facts.author;
  article.url = !facts.canonical.empty() ? facts.canonical : facts.og_url;
  if (auto code = detail::language_code(facts.lang)) article.lang = std::move(*code);
  if (!facts.og_title.empty()) {
    article.title = facts.og_title;
  } else if (!facts.h1.empty()) {
    article.title = facts.h1;
  } else if (!facts.json_ld_headline.empty()) {
    article.title = facts.json_ld_headline;
  } else {
    article.title = without_site_name(facts.title_tag, facts.site_name);
  }

  std::optional<std::string> first_bad;
  for (const auto* candidate : {&facts.published_meta, &facts.itemprop_date, &facts.json_ld_date,
                                &facts.named_meta_date, &facts.time_date}) {
    if (!*candidate) continue;
    if (auto iso = detail::iso_pubdate(**candidate)) {
      article.date = std::move(*iso);
      break;
    }
    if (!first_bad) first_bad = **candidate;
  }
  if (article.date.empty() && first_bad) sink.warn({input.origin, 0, detail::bad_date_message(*first_bad)});

  bool headline_dropped = false;
  for (std::string& paragraph : paragraphs_of(story_container(facts, output->root))) {
    if (!headline_dropped && (paragraph == article.title || paragraph == facts.h1)) {
      headline_dropped = true;
      continue;
    }
    detail::append_paragraph(article.body, paragraph);
  }

  if (!detail::has_words(article.title) && !detail::has_words(article.body)) {
    sink.skip({input.origin, 0, "empty article"});
    return;
  }
  sink.article(std::move(article));
}

}  // namespace newsdig::formats
