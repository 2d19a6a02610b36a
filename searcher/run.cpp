#include "searcher/run.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/analysis/analyzer.hpp"
#include "common/store/database.hpp"
#include "common/util/display_width.hpp"
#include "searcher/output/human.hpp"
#include "searcher/output/json.hpp"
#include "searcher/output/lines.hpp"
#include "searcher/query/advice.hpp"
#include "searcher/query/explain.hpp"
#include "searcher/query/lenient.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/results/hit_text.hpp"
#include "searcher/results/query_terms.hpp"
#include "searcher/results/search.hpp"
#include "searcher/sources.hpp"

namespace newsdig::searcher {
namespace {

bool use_color(ColorMode mode, bool out_is_terminal) {
  switch (mode) {
    case ColorMode::Always: return true;
    case ColorMode::Never: return false;
    case ColorMode::Auto: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return out_is_terminal && (no_color == nullptr || *no_color == '\0');
}

unsigned output_width(bool out_is_terminal) {
  if (out_is_terminal) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    long value = std::strtol(columns, nullptr, 10);
    if (value >= 20 && value <= 1000) return static_cast<unsigned>(value);
  }
  return 100;
}

// One query to run: its text, and in --batch mode its number and id.
struct QueryJob {
  std::string text;
  unsigned number = 0;  // 1-based in --batch mode, 0 for a single query
  std::string qid;
};

// A --batch line: "query" or "QID<TAB>query"; blank lines (and a final CR) are passed over.
std::vector<QueryJob> read_batch(std::istream& in) {
  std::vector<QueryJob> jobs;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    QueryJob job;
    job.number = static_cast<unsigned>(jobs.size() + 1);
    if (auto tab = line.find('\t'); tab != std::string::npos) {
      job.qid = line.substr(0, tab);
      job.text = line.substr(tab + 1);
    } else {
      job.qid = std::to_string(job.number);
      job.text = line;
    }
    jobs.push_back(std::move(job));
  }
  return jobs;
}

// Runs queries against one open database, reusing the analyzer across them.
class Runner {
 public:
  Runner(const Options& options, Sources sources, std::ostream& out, std::ostream& err, bool out_is_terminal)
      : options_(options),
        database_(std::move(sources.database)),
        remote_(sources.remote),
        out_(out),
        err_(err),
        style_{use_color(options.color, out_is_terminal), output_width(out_is_terminal)} {}

  // Shards --allow-partial left out: every page says its results are partial.
  void set_missing_shards(std::vector<std::string> names) { missing_shards_ = std::move(names); }

  // kExitHits, kExitNoHits or kExitError (bad query syntax; the message is printed).
  int run(const QueryJob& job) {
    const auto started = std::chrono::steady_clock::now();
    try {
      query::ParseOptions parse_options;
      parse_options.default_op = options_.any ? query::DefaultOp::Or : query::DefaultOp::And;
      parse_options.language = options_.language;
      parse_options.since = options_.since;
      parse_options.until = options_.until;
      parse_options.database = &database_;
      query::LenientQuery lenient =
          options_.lenient ? query::parse_lenient(job.text, analyzer_, parse_options)
                           : query::LenientQuery{query::parse_query(job.text, analyzer_, parse_options), {}};
      const query::ParsedQuery& parsed = lenient.parsed;
      const std::string where = job.number == 0 ? "" : fmt::format("query {}: ", job.number);
      for (const auto& line : query::notice_lines(parsed, lenient.ignored)) {
        fmt::print(err_, "newsdig-search: {}{}\n", where, line);
      }
      if (options_.explain) {
        bool json = options_.format == OutputFormat::Json || options_.format == OutputFormat::Jsonl;
        out_ << (json ? query::explain_json(parsed, &database_) + "\n"
                      : query::explain_text(parsed, &database_));
        return kExitHits;
      }

      results::SearchRequest request;
      request.query = parsed.query;
      request.offset = options_.offset;
      request.limit = options_.limit;
      request.sort = options_.sort;
      request.bm25 = options_.bm25;
      request.recent_half_life_days = options_.recent_half_life_days;
      // Any-word queries are ranked questions: feedback and stopping help them (scripts/eval-retrieval).
      if (options_.expand.value_or(options_.any)) request.expansion = results::Expansion{};
      if (options_.any) request.stopwords_language = options_.language;
      request.facets = options_.facets;
      request.facet_values = options_.facet_values;
      request.timeline = options_.timeline;
      request.collapse = options_.collapse;
      request.remote = remote_;
      // Formats that show text read a local database's records and story facts while the snippets are made.
      request.read_hits = !wants_text() || remote_;
      results::SearchResult result = results::search(database_, request);
      query::Advice advice =
          query::advise(database_, parsed, analyzer_, parse_options, result.matches_estimated, wants_text());
      if (advice.fallback) {
        request.query = advice.fallback->query;
        result = results::search(database_, request);
      }
      for (const auto& line : advice.messages) fmt::print(err_, "newsdig-search: {}{}\n", where, line);

      output::Page page;
      page.query = job.text;
      page.database = options_.db;
      page.query_number = job.number;
      page.qid = job.number == 0 ? options_.qid : job.qid;
      page.offset = options_.offset;
      page.limit = options_.limit;
      page.matches_estimated = result.matches_estimated;
      page.matches_lower_bound = result.matches_lower_bound;
      page.matches_upper_bound = result.matches_upper_bound;
      page.facets = std::move(result.facets);
      page.timeline = std::move(result.timeline);
      page.expansion_terms = std::move(result.expansion_terms);
      page.notices = query::notice_lines(parsed, lenient.ignored);
      page.suggestions = std::move(advice.suggestions);
      page.zero_hit_terms = std::move(advice.zero_hit_terms);
      if (advice.fallback) page.fallback = "any";
      page.missing_shards = missing_shards_;
      if (wants_text()) {
        results::HitTextMaker& texts = hit_text_maker();
        texts.set_query(results::query_terms(parsed.query), options_.language, &database_);
        results::SnippetOptions snippet_options;
        snippet_options.max_snippets = options_.snippets;
        std::vector<results::HitText> made =
            texts.make(result.hits, snippet_options, request.read_hits ? nullptr : &database_);
        for (std::size_t i = 0; i < result.hits.size(); ++i) {
          page.hits.push_back(
              {std::move(result.hits[i]), std::move(made[i].title), std::move(made[i].snippets)});
        }
      } else {
        for (auto& hit : result.hits) page.hits.push_back({std::move(hit), {}, {}});
      }
      page.elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      write(page);
      return result.matches_estimated > 0 && !advice.fallback ? kExitHits : kExitNoHits;
    } catch (const query::DateError& e) {  // --since or --until after the other
      fmt::print(err_, "newsdig-search: {}\n", e.what());
      return kExitError;
    } catch (const query::SyntaxError& e) {
      std::string where = job.number == 0 ? "" : fmt::format("query {}: ", job.number);
      fmt::print(err_, "newsdig-search: {}query error: {}\n{}\n", where, e.what(),
                 query::pointed_query(job.text, e.column()));
      if (job.number != 0 &&
          (options_.format == OutputFormat::Jsonl || options_.format == OutputFormat::Json)) {
        output::write_json_error(out_, job.number, job.qid, job.text, e.what(),
                                 options_.format == OutputFormat::Jsonl);
      }
      return kExitError;
    }
  }

 private:
  // Formats that show text get snippets and title highlights; ids and trec do not need them.
  bool wants_text() const {
    return options_.format != OutputFormat::Ids && options_.format != OutputFormat::Trec;
  }

  void write(const output::Page& page) {
    switch (options_.format) {
      case OutputFormat::Human:
        if (page.query_number != 0) {
          if (page.query_number > 1) out_ << '\n';
          out_ << (style_.color ? "\x1b[1m" : "") << "query " << page.query_number << ": " << page.query
               << (style_.color ? "\x1b[0m" : "") << '\n';
        }
        if (page.matches_estimated == 0) {
          fmt::print(err_, "newsdig-search: no articles match {}\n", page.query);
          if (page.query_number != 0) out_ << "0 hits\n";
        } else {
          output::write_human(out_, page, style_);
        }
        break;
      case OutputFormat::Json: output::write_json(out_, page); break;
      case OutputFormat::Jsonl: output::write_jsonl(out_, page); break;
      case OutputFormat::Ids: output::write_ids(out_, page); break;
      case OutputFormat::Trec: output::write_trec(out_, page, options_.run_tag); break;
    }
  }

  // Made on first use (its ICU iterators cost more than a small query), then kept for the whole batch.
  results::HitTextMaker& hit_text_maker() {
    if (!hit_texts_) hit_texts_ = std::make_unique<results::HitTextMaker>();
    return *hit_texts_;
  }

  const Options& options_;
  Xapian::Database database_;
  bool remote_ = false;
  std::vector<std::string> missing_shards_;
  std::unique_ptr<results::HitTextMaker> hit_texts_;
  std::ostream& out_;
  std::ostream& err_;
  output::HumanStyle style_;
  analysis::Analyzer analyzer_;
};

}  // namespace

int run(const Options& options, std::ostream& out, std::ostream& err, bool out_is_terminal) {
  try {
    std::vector<QueryJob> jobs;
    if (options.batch.empty()) {
      jobs.push_back({query_text(options), 0, options.qid});
    } else if (options.batch == "-") {
      jobs = read_batch(std::cin);
    } else {
      std::ifstream file(options.batch);
      if (!file) {
        fmt::print(err, "newsdig-search: cannot read the batch file {}: check the path\n", options.batch);
        return kExitError;
      }
      jobs = read_batch(file);
    }
    Sources sources = open_sources(options.dbs.empty() ? std::vector<std::string>{options.db} : options.dbs,
                                   options.allow_partial);
    for (const auto& missing : sources.missing) {
      fmt::print(err, "newsdig-search: warning: results are partial, a shard is left out: {}\n",
                 missing.reason);
    }
    std::vector<std::string> missing_shards;
    for (const auto& missing : sources.missing) missing_shards.push_back(missing.name);
    Runner runner(options, std::move(sources), out, err, out_is_terminal);
    runner.set_missing_shards(std::move(missing_shards));
    bool any_hits = false, any_error = false;
    for (const auto& job : jobs) {
      int code = runner.run(job);
      any_hits = any_hits || code == kExitHits;
      any_error = any_error || code == kExitError;
      out.flush();
      if (!out) break;  // the reader went away
    }
    if (any_error) return kExitError;
    return any_hits ? kExitHits : kExitNoHits;
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-search: {}\n", e.what());
  } catch (const std::exception& e) {
    fmt::print(err, "newsdig-search: error: {} (database {})\n", e.what(), options.db);
  }
  return kExitError;
}

}  // namespace newsdig::searcher
