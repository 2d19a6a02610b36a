#include "searcher/interactive/like.hpp"

#include <stdexcept>

#include "common/schema.hpp"

namespace newsdig::searcher::interactive {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

// All-text words only: field terms (title, source, ...) repeat those words, and boolean terms (dates,
// languages, names) would pull in everything of the same day or language. Prefixes are upper case, so a
// term starting with a capital is a field's, and Z followed by a capital a field's stem. Stems when the
// article has them (words of the same stem then count as one), else the words (languages without a
// stemmer, such as Japanese).
class AllTextTerms : public Xapian::ExpandDecider {
 public:
  explicit AllTextTerms(bool stems) : stems_(stems) {}
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    if (!stems_) return !is_upper(term.front());
    const std::string_view stem_prefix = schema::prefix::kStem;
    return term.size() > stem_prefix.size() && term.compare(0, stem_prefix.size(), stem_prefix) == 0 &&
           !is_upper(term[stem_prefix.size()]);
  }

 private:
  bool stems_;
};

}  // namespace

LikeQuery like_query(const Xapian::Database& database, const std::string& article_id, unsigned terms) {
  const std::string id_term = std::string(schema::prefix::kId) + article_id;
  Xapian::PostingIterator posting = database.postlist_begin(id_term);
  if (posting == database.postlist_end(id_term)) {
    throw std::runtime_error("article " + article_id + " is no longer in the database: search again");
  }
  Xapian::RSet relevant;
  relevant.add_document(*posting);
  Xapian::Enquire enquire(database);
  AllTextTerms stems(true);
  Xapian::ESet expand = enquire.get_eset(terms, relevant, &stems);
  const bool stemmed = !expand.empty();
  if (!stemmed) {
    AllTextTerms words(false);
    expand = enquire.get_eset(terms, relevant, &words);
  }
  if (expand.empty()) throw std::runtime_error("article " + article_id + " has no words to find others by");
  LikeQuery like;
  std::vector<Xapian::Query> parts;
  const double best = expand.begin().get_weight();
  for (auto it = expand.begin(); it != expand.end(); ++it) {
    const std::string term = *it;
    like.words.push_back(stemmed ? term.substr(schema::prefix::kStem.size()) : term);
    const double scale = best > 0 ? it.get_weight() / best : 1.0;
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale);
  }
  like.query =
      Xapian::Query(Xapian::Query::OP_AND_NOT,
                    Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), Xapian::Query(id_term));
  return like;
}

}  // namespace newsdig::searcher::interactive
