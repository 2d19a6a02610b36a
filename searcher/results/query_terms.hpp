#pragma once
// What a query can match in an article's text, read back from the Xapian::Query itself (so it is exactly
// what the matcher searched): single words, phrases, and wildcard prefixes,
// each with the free-text field it searches. Negated parts (the right side of AND_NOT) and boolean
// filters match no text and are left out.
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdig::results {

// Where a term's words are: AllText terms are made from title, dateline and body alike; the others from
// one field only (schema::kFields' free-text fields).
enum class TextArea { AllText, Title, Source, Byline, Dateline };

// Terms hold index forms (common/analysis: a word's stem, or the word when it has none): a query word
// matches every word of the text whose index form it is.
struct QueryWord {
  TextArea area = TextArea::AllText;
  std::string term;        // the index form
  std::string index_term;  // the term as the index holds it (prefix included)
};

struct QueryPhrase {
  TextArea area = TextArea::AllText;
  std::vector<std::string> terms;        // index forms in order (at least two)
  std::vector<std::string> index_terms;  // the same as the index holds them
};

struct QueryWildcard {
  TextArea area = TextArea::AllText;
  std::string prefix;  // matches every normalized word starting with it
};

struct QueryTerms {
  std::vector<QueryWord> words;  // in query order, without duplicates
  std::vector<QueryPhrase> phrases;
  std::vector<QueryWildcard> wildcards;
  bool empty() const { return words.empty() && phrases.empty() && wildcards.empty(); }
};

QueryTerms query_terms(const Xapian::Query& query);

}  // namespace newsdig::results
