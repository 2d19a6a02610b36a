#pragma once
// The interactive search session (newsdig-search -i, or no query on a terminal): a line is a query,
// `+words` refines the last one, `:command` does the rest (commands.hpp). The session keeps the query,
// its page, the sort and the date filters; it opens the database anew before each search, so a database
// swapped by the indexer meanwhile is the one searched.
#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "searcher/options.hpp"
#include "searcher/output/page.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/results/hit_text.hpp"
#include "searcher/results/search.hpp"

namespace newsdig::searcher::interactive {

// A command used wrongly, or not possible now (`:open 99` on 12 hits): the message is the user's, and
// the session goes on.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SessionStyle {
  bool color = false;
  unsigned columns = 80;  // the terminal's size: pages are made to fit it
  unsigned rows = 24;
};

class Session {
 public:
  // Opens the database of `options` (throws store::StoreError when it cannot be).
  Session(const Options& options, std::ostream& out, std::ostream& err, SessionStyle style);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // One line as typed. Errors of the line (bad syntax, a bad command, a database that cannot be opened)
  // are printed, not thrown. False once the session should end (:quit).
  bool handle(std::string_view line);

  // "newsdig: 106520 articles in fin.db; type a query, or :help".
  std::string greeting() const;
  void set_style(const SessionStyle& style) { style_ = style; }

  // What the commands do (commands.cpp names them). Each throws UsageError on bad use, and lets what
  // searching throws (query::SyntaxError, query::DateError, store::StoreError, std::runtime_error) through
  // to handle().
  void search(std::string text);  // a new query
  void refine(std::string text);  // the last query AND `text`
  void next_page();
  void previous_page();
  void open(unsigned rank);   // article `rank` in full through the pager
  void like(unsigned rank);   // articles like article `rank`
  void story(unsigned rank);  // the articles of hit `rank`'s story, oldest first (story:KEY)
  void back();                // the results :story left, on the page it left them
  void set_sort(results::SortOrder sort);
  void set_since(std::string date);  // "" removes the filter
  void set_until(std::string date);
  void clear_filters();  // dates and sort back to none and relevance
  void facets();
  void timeline();
  void explain();
  void use_database(std::string path);
  void help();
  void quit() { running_ = false; }

  // The hit at `rank` (1-based) of the current query: from the page shown, else searched for. Throws
  // UsageError when there is no query or no such rank.
  results::Hit hit(unsigned rank);
  // Prints `text`; through the pager when it is longer than the screen.
  void show(const std::string& text);
  std::ostream& out() { return out_; }
  const SessionStyle& style() const { return style_; }

 private:
  // What is being searched: query text, :like's query, or both (a :like refined with +words).
  struct Current {
    std::string text;
    std::optional<Xapian::Query> like;
    std::string like_label;  // "like 3"
  };
  // The current query made ready to search, against a freshly opened database.
  struct Prepared {
    query::ParsedQuery parsed;  // of the text (or `*` for a :like alone)
    Xapian::Query query;        // what is searched: the text and :like's query, with the date filters
    query::ParseOptions parse_options;
  };

  // Opens --db anew (every --db, local and remote shards: searcher/sources.hpp), warning on err_ when
  // the shards --allow-partial leaves out change. Throws store::StoreError.
  void reopen();
  Prepared prepare(const Current& current);
  results::SearchRequest request_for(const Xapian::Query& query) const;
  // Searches `current` from `offset` and draws the page that fits the screen; on success it becomes the
  // current query. `started`: when the user pressed Enter (the time the status line shows).
  void show_page(const Current& current, unsigned offset, std::chrono::steady_clock::time_point started);
  void rerun();  // the current query again from its first page, if there is one
  Current& current();
  results::HitTextMaker& hit_text_maker();

  Options options_;
  std::ostream& out_;
  std::ostream& err_;
  SessionStyle style_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<results::HitTextMaker> hit_texts_;
  Xapian::Database database_;
  bool remote_ = false;                      // a shard is remote (results::SearchRequest::remote)
  std::vector<std::string> missing_shards_;  // left out by --allow-partial when last opened
  std::optional<Current> current_;
  results::SortOrder sort_ = results::SortOrder::Relevance;
  std::string since_;
  std::string until_;
  std::vector<unsigned> page_starts_;  // offsets of the pages shown, the one on screen last
  // What the last :story left, for :back.
  struct Left {
    Current current;
    std::vector<unsigned> page_starts;
  };
  std::optional<Left> left_;
  std::vector<output::ShownHit> page_;
  Xapian::doccount matches_ = 0;
  bool running_ = true;
};

// newsdig-search -i: the session on a terminal, until :quit or Ctrl-D (then 0). When standard input is
// not a terminal, the queries of its lines are run as --batch runs them (and the query of the command
// line first, if any), with the same exit codes. 2 when the database cannot be opened.
int run_interactive(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace newsdig::searcher::interactive
