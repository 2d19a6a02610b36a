#pragma once
// HTML news pages: the headline, the publication date and the story's paragraphs, with the page's
// navigation, scripts, styles, asides and footers left out. Parsed with gumbo (the HTML5 algorithm, so
// broken markup reads as browsers read it).
#include <string>
#include <string_view>

#include "indexer/formats/reader.hpp"

namespace newsdig::formats {

// The charset a page declares in its first 4 KiB (<meta charset="...">, or http-equiv Content-Type's
// "charset=..."); empty when none. Never throws but std::bad_alloc.
std::string declared_html_charset(std::string_view bytes);

// Whether the start of `text` looks like an HTML document: <!DOCTYPE html>, <html, <head or <body, after
// white space and comments. Never throws.
bool looks_like_html(std::string_view text);

// One article per page; id = input.id_base, origin = input.origin.
//   title    og:title (or twitter:title), else the first <h1>, else <title>; the <h1> that repeats it is
//            left out of the body
//   date     the first that parses (util::parse_pubdate) of: <meta property="article:published_time">,
//            itemprop="datePublished" (meta or <time datetime>), JSON-LD "datePublished", <meta name=
//            "date" | "pubdate" | "publishdate" | "dc.date" | "dcterms.date" | "parsely-pub-date"...>, the
//            first <time datetime>; when candidates exist and none parses, a warning and no date
//   body     the text of itemprop="articleBody", else of the <article> with the most paragraph text, else
//            <main>, else <body>: block elements (p, h2, li, blockquote, div...) make paragraphs; script,
//            style, nav, header, footer, aside, form, figure and the like, hidden elements, landmark
//            roles other than main, and elements whose class or id says nav, menu, footer, sidebar,
//            share, related, comments, cookie, newsletter or advert are left out
//   url      <link rel="canonical">, else og:url; source og:site_name; byline <meta name="author">;
//   lang     <html lang>, reduced to its language code
// The encoding: a byte order mark, else valid UTF-8, else the declared charset, else detection
// (decode.hpp). A page with neither title nor body words is skipped ("empty article"). Never throws but
// std::bad_alloc.
void read_html(const Input& input, ArticleSink& sink);

}  // namespace newsdig::formats
