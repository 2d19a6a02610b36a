#include "searcher/interactive/session.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include "common/store/database.hpp"
#include "common/util/display_width.hpp"
#include "common/util/text.hpp"
#include "searcher/interactive/commands.hpp"
#include "searcher/interactive/like.hpp"
#include "searcher/interactive/line_editor.hpp"
#include "searcher/interactive/pager.hpp"
#include "searcher/interactive/render.hpp"
#include "searcher/interactive/terminal.hpp"
#include "searcher/output/human.hpp"
#include "searcher/query/advice.hpp"
#include "searcher/query/explain.hpp"
#include "searcher/query/fields.hpp"
#include "searcher/results/query_terms.hpp"
#include "searcher/run.hpp"
#include "searcher/sources.hpp"

namespace newsdig::searcher::interactive {
namespace {

constexpr std::string_view kPrompt = "newsdig> ";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

double milliseconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

std::vector<std::string> field_names() {
  std::vector<std::string> names;
  const std::string all = query::known_field_names();
  std::string_view rest = all;
  while (!rest.empty()) {
    auto end = rest.find(',');
    auto name = util::trim(rest.substr(0, end));
    if (!name.empty()) names.emplace_back(name);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return names;
}

CompletionWords completion_words() {
  CompletionWords words;
  for (const auto& command : commands()) {
    words.commands.emplace_back(command.name);
    if (command.words.empty()) continue;
    std::vector<std::string> arguments;
    std::string_view rest = command.words;
    while (!rest.empty()) {
      auto end = rest.find(' ');
      arguments.emplace_back(rest.substr(0, end));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    words.arguments.emplace_back(std::string(command.name), std::move(arguments));
  }
  words.fields = field_names();
  return words;
}

bool use_color(ColorMode mode) {
  if (mode == ColorMode::Always) return true;
  if (mode == ColorMode::Never) return false;
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
}

SessionStyle current_style(ColorMode mode) {
  const TerminalSize size = terminal_size(STDOUT_FILENO);
  return {use_color(mode), size.columns, size.rows};
}

}  // namespace

Session::Session(const Options& options, std::ostream& out, std::ostream& err, SessionStyle style)
    : options_(options), out_(out), err_(err), style_(style) {
  reopen();
  sort_ = options.sort;
  since_ = options.since;
  until_ = options.until;
}

Session::~Session() = default;

std::string Session::greeting() const {
  return fmt::format("newsdig: {} articles in {}; type a query, or :help", database_.get_doccount(),
                     options_.dbs.empty() ? options_.db : fmt::format("{}", fmt::join(options_.dbs, ", ")));
}

results::HitTextMaker& Session::hit_text_maker() {
  // Made on first use: its ICU iterators would cost the start-up more than a query.
  if (!hit_texts_) hit_texts_ = std::make_unique<results::HitTextMaker>();
  return *hit_texts_;
}

Session::Current& Session::current() {
  if (!current_) throw UsageError("no query yet: type one first");
  return *current_;
}

bool Session::handle(std::string_view typed) {
  const auto started = std::chrono::steady_clock::now();
  const std::string_view line = util::trim(typed);
  out_.clear();
  try {
    if (line.empty()) return running_;
    if (line.front() == ':') {
      const auto space = line.find(' ');
      const std::string_view name = line.substr(0, space);
      const Command* command = find_command(name);
      if (command == nullptr) {
        throw UsageError("unknown command " + std::string(name) + ": :help lists them");
      }
      command->run(*this,
                   space == std::string_view::npos ? std::string_view() : util::trim(line.substr(space)));
    } else if (line.front() == '+') {
      refine(std::string(util::trim(line.substr(1))));
    } else {
      show_page({std::string(line), {}, {}}, 0, started);
    }
  } catch (const query::SyntaxError& e) {
    out_.flush();
    fmt::print(err_, "query error: {}\n{}\n", e.what(), query::pointed_query(line, e.column()));
  } catch (const query::DateError& e) {
    out_.flush();
    fmt::print(err_, "date error: {}\n", e.what());
  } catch (const UsageError& e) {
    out_.flush();
    fmt::print(err_, "{}\n", e.what());
  } catch (const store::StoreError& e) {
    out_.flush();
    fmt::print(err_, "{}\n", e.what());
  } catch (const std::exception& e) {
    out_.flush();
    fmt::print(err_, "error: {}\n", e.what());
  }
  out_.flush();
  return running_;
}

void Session::reopen() {
  Sources sources = open_sources(options_.dbs.empty() ? std::vector<std::string>{options_.db} : options_.dbs,
                                 options_.allow_partial);
  std::vector<std::string> missing;
  for (const auto& shard : sources.missing) missing.push_back(shard.name);
  if (missing != missing_shards_) {
    for (const auto& shard : sources.missing) {
      fmt::print(err_, "warning: results are partial, a shard is left out: {}\n", shard.reason);
    }
  }
  missing_shards_ = std::move(missing);
  database_ = std::move(sources.database);
  remote_ = sources.remote;
}

Session::Prepared Session::prepare(const Current& current) {
  // Opened anew for each search, so a database swapped in meanwhile (a nightly rebuild) is the one read.
  reopen();
  Prepared prepared;
  prepared.parse_options.default_op = options_.any ? query::DefaultOp::Or : query::DefaultOp::And;
  prepared.parse_options.language = options_.language;
  prepared.parse_options.since = since_;
  prepared.parse_options.until = until_;
  prepared.parse_options.database = &database_;
  const bool filtered = !since_.empty() || !until_.empty();
  prepared.parsed =
      query::parse_query(current.text.empty() ? std::string_view("*") : std::string_view(current.text),
                         analyzer_, prepared.parse_options);
  if (!current.like) {
    prepared.query = prepared.parsed.query;
  } else if (!current.text.empty()) {
    prepared.query = Xapian::Query(Xapian::Query::OP_AND, *current.like, prepared.parsed.query);
  } else if (filtered) {
    prepared.query = Xapian::Query(Xapian::Query::OP_FILTER, *current.like, prepared.parsed.query);
  } else {
    prepared.query = *current.like;
  }
  return prepared;
}

results::SearchRequest Session::request_for(const Xapian::Query& query) const {
  results::SearchRequest request;
  request.query = query;
  request.sort = sort_;
  request.bm25 = options_.bm25;
  request.remote = remote_;
  if (options_.any) request.stopwords_language = options_.language;
  return request;
}

void Session::show_page(const Current& current, unsigned offset,
                        std::chrono::steady_clock::time_point started) {
  Prepared prepared = prepare(current);
  results::SearchRequest request = request_for(prepared.query);
  request.offset = offset;
  // The records and story facts of a local database are read while the snippets are made.
  request.read_hits = remote_;
  // No hit takes fewer than three lines (title, date and source, a blank): more are never shown.
  request.limit = std::max(1U, style_.rows / 3);
  results::SearchResult result = results::search(database_, request);
  std::vector<std::string> notes = query::notice_lines(prepared.parsed, {});
  if (!current.like) {
    query::Advice advice = query::advise(database_, prepared.parsed, analyzer_, prepared.parse_options,
                                         result.matches_estimated, offset == 0);
    if (advice.fallback) {
      prepared.query = advice.fallback->query;
      request.query = prepared.query;
      result = results::search(database_, request);
    }
    notes.insert(notes.end(), advice.messages.begin(), advice.messages.end());
  }
  current_ = current;
  matches_ = result.matches_estimated;
  if (offset == 0) page_starts_.clear();
  if (page_starts_.empty() || page_starts_.back() != offset) page_starts_.push_back(offset);
  page_.clear();
  if (interrupted()) throw UsageError("cancelled");

  std::string screen;
  for (const auto& note : notes) {
    screen += style_.color ? fmt::format("{}{}{}\n", kDim, note, kReset) : note + "\n";
  }
  // The prompt and the status line take a line each.
  const unsigned room = style_.rows > 2 ? style_.rows - 2 : 1;
  unsigned used = screen_lines(screen, style_.columns);
  results::HitTextMaker& texts = hit_text_maker();
  texts.set_query(results::query_terms(prepared.query), options_.language, &database_);
  results::SnippetOptions snippet_options;
  snippet_options.max_snippets = options_.snippets;
  std::vector<results::HitText> made =
      texts.make(result.hits, snippet_options, request.read_hits ? nullptr : &database_);
  const output::HumanStyle human{style_.color, style_.columns};
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    if (interrupted()) break;
    output::ShownHit shown{std::move(result.hits[i]), std::move(made[i].title), std::move(made[i].snippets)};
    std::string drawn = render_hit(shown, human);
    const unsigned lines = screen_lines(drawn, style_.columns);
    // Always at least one hit, even on a screen too small for it.
    if (!page_.empty() && used + lines > room) break;
    used += lines;
    screen += drawn;
    page_.push_back(std::move(shown));
  }
  out_ << screen;
  if (interrupted()) {
    out_ << "(cancelled)\n";
    return;
  }
  Status status;
  status.matches = result.matches_estimated;
  status.exact = result.matches_lower_bound == result.matches_upper_bound;
  if (!page_.empty()) {
    status.first = page_.front().hit.rank;
    status.last = page_.back().hit.rank;
  }
  status.sort = sort_;
  status.since = since_;
  status.until = until_;
  status.like = current.like_label;
  status.more = status.last > 0 && status.last < result.matches_estimated;
  status.earlier = offset > 0;
  status.elapsed_ms = milliseconds_since(started);
  if (result.matches_estimated == 0 && notes.empty()) {
    out_ << "no articles match " << (current.text.empty() ? current.like_label : current.text) << '\n';
  }
  out_ << status_line(status, style_.color) << '\n';
}

void Session::search(std::string text) {
  show_page({std::move(text), {}, {}}, 0, std::chrono::steady_clock::now());
}

void Session::refine(std::string text) {
  if (text.empty()) throw UsageError("+ needs words to add to the last query (+ceasefire)");
  Current refined = current();
  refined.text = refined.text.empty() ? text : "(" + refined.text + ") " + text;
  try {
    show_page(refined, 0, std::chrono::steady_clock::now());
  } catch (const query::SyntaxError& e) {
    // The column counts in the query with the refinement added: show that one.
    throw UsageError("query error: " + std::string(e.what()) + "\n" +
                     query::pointed_query(refined.text, e.column()));
  }
}

void Session::next_page() {
  const Current here = current();
  if (page_.empty() || page_.back().hit.rank >= matches_) throw UsageError("this is the last page");
  show_page(here, page_.back().hit.rank, std::chrono::steady_clock::now());
}

void Session::previous_page() {
  const Current here = current();
  if (page_starts_.size() < 2) throw UsageError("this is the first page");
  page_starts_.pop_back();
  const unsigned offset = page_starts_.back();
  show_page(here, offset, std::chrono::steady_clock::now());
}

results::Hit Session::hit(unsigned rank) {
  const Current here = current();
  for (const auto& shown : page_) {
    if (shown.hit.rank == rank) return shown.hit;
  }
  if (rank > matches_) {
    throw UsageError(fmt::format("there is no hit {}: the query has {}", rank, matches_));
  }
  Prepared prepared = prepare(here);
  results::SearchRequest request = request_for(prepared.query);
  request.offset = rank - 1;
  request.limit = 1;
  results::SearchResult result = results::search(database_, request);
  if (result.hits.empty()) throw UsageError(fmt::format("there is no hit {} any more: search again", rank));
  return std::move(result.hits.front());
}

void Session::open(unsigned rank) {
  results::Hit found = hit(rank);
  Prepared prepared = prepare(*current_);
  results::SnippetMaker& highlighter = hit_text_maker().snippets();
  highlighter.set_query(results::query_terms(prepared.query), options_.language, &database_);
  out_.flush();
  show_in_pager(render_article(found.record, highlighter, style_.columns, style_.color), pager_command());
}

void Session::like(unsigned rank) {
  results::Hit found = hit(rank);
  reopen();
  LikeQuery like = like_query(database_, found.record.id);
  // The title names the article better than its id, which can be a long path; cut to 40 columns.
  std::string title;
  unsigned columns = 0;
  for (std::size_t offset = 0; offset < found.record.title.size();) {
    const std::size_t start = offset;
    columns += util::display_width(util::next_code_point(found.record.title, offset));
    if (columns > 40) {
      title += "…";
      break;
    }
    title.append(found.record.title, start, offset - start);
  }
  std::string label = "like \"" + title + "\" (";
  for (std::size_t i = 0; i < like.words.size() && i < 5; ++i) label += (i == 0 ? "" : " ") + like.words[i];
  Current current{"", like.query, label + ")"};
  show_page(current, 0, std::chrono::steady_clock::now());
}

void Session::story(unsigned rank) {
  const results::Hit found = hit(rank);
  if (!found.story) {
    throw UsageError(fmt::format("hit {} has no story: the database was indexed with --no-stories", rank));
  }
  Left left{*current_, page_starts_};
  show_page({"story:" + found.story->key, {}, {}}, 0, std::chrono::steady_clock::now());
  left_ = std::move(left);
}

void Session::back() {
  if (!left_) throw UsageError("nothing to go back to: :back returns to the results :story left");
  Left left = std::move(*left_);
  left_.reset();
  const unsigned offset = left.page_starts.empty() ? 0 : left.page_starts.back();
  show_page(left.current, offset, std::chrono::steady_clock::now());
  page_starts_ = std::move(left.page_starts);
}

void Session::rerun() {
  if (current_) {
    show_page(*current_, 0, std::chrono::steady_clock::now());
    return;
  }
  std::string settings = fmt::format("sort {}", sort_name(sort_));
  if (!since_.empty()) settings += " | since " + since_;
  if (!until_.empty()) settings += " | until " + until_;
  out_ << settings << " (for the next query)\n";
}

void Session::set_sort(results::SortOrder sort) {
  sort_ = sort;
  rerun();
}

void Session::set_since(std::string date) {
  if (auto error = query::date_option_error(date); !error.empty()) throw query::DateError(error);
  since_ = std::move(date);
  rerun();
}

void Session::set_until(std::string date) {
  if (auto error = query::date_option_error(date); !error.empty()) throw query::DateError(error);
  until_ = std::move(date);
  rerun();
}

void Session::clear_filters() {
  since_.clear();
  until_.clear();
  sort_ = results::SortOrder::Relevance;
  rerun();
}

void Session::facets() {
  Prepared prepared = prepare(current());
  results::SearchRequest request = request_for(prepared.query);
  request.limit = 0;
  request.facets = {results::Facet::Person, results::Facet::Org,    results::Facet::Place,
                    results::Facet::Topic,  results::Facet::Source, results::Facet::Year};
  request.facet_values = 8;
  results::SearchResult result = results::search(database_, request);
  output::Page page;
  page.matches_estimated = result.matches_estimated;
  page.matches_lower_bound = result.matches_lower_bound;
  page.matches_upper_bound = result.matches_upper_bound;
  page.facets = std::move(result.facets);
  std::ostringstream text;
  output::write_human(text, page, {style_.color, style_.columns});
  show(text.str());
}

void Session::timeline() {
  Prepared prepared = prepare(current());
  results::SearchRequest request = request_for(prepared.query);
  request.limit = 0;
  request.timeline = true;
  results::SearchResult result = results::search(database_, request);
  output::Page page;
  page.matches_estimated = result.matches_estimated;
  page.matches_lower_bound = result.matches_lower_bound;
  page.matches_upper_bound = result.matches_upper_bound;
  page.timeline = std::move(result.timeline);
  std::ostringstream text;
  output::write_human(text, page, {style_.color, style_.columns});
  show(text.str());
}

void Session::explain() {
  const Current& here = current();
  Prepared prepared = prepare(here);
  std::string text;
  if (here.like) text += here.like_label + ", and:\n";
  text += query::explain_text(prepared.parsed, &database_);
  show(text);
}

void Session::use_database(std::string path) {
  Options before = options_;
  options_.db = std::move(path);
  options_.dbs.clear();
  try {
    reopen();
  } catch (...) {
    options_ = std::move(before);
    throw;
  }
  out_ << greeting() << '\n';
  rerun();
}

void Session::help() {
  std::string text =
      "A line is a query (docs/query-language.md); +words adds words to the last query.\n"
      "Tab completes field names and commands; Ctrl-C cancels what is running; Ctrl-D leaves.\n";
  std::size_t width = 0;
  for (const auto& command : commands())
    width = std::max(width, command.name.size() + command.argument.size() + 1);
  for (const auto& command : commands()) {
    std::string name =
        std::string(command.name) + (command.argument.empty() ? "" : " ") + std::string(command.argument);
    text += fmt::format("  {:<{}}  {}\n", name, width, command.summary);
  }
  show(text);
}

void Session::show(const std::string& text) {
  if (screen_lines(text, style_.columns) + 1 < style_.rows) {
    out_ << text;
    return;
  }
  out_.flush();
  show_in_pager(text, pager_command());
}

int run_interactive(const Options& options, std::ostream& out, std::ostream& err) {
  if (::isatty(STDIN_FILENO) != 1) {
    // Scripted: one query a line, printed as one-shot searches print them.
    int code = kExitNoHits;
    bool any_hits = false, any_error = false;
    if (!options.query.empty()) {
      code = run(options, out, err, ::isatty(STDOUT_FILENO) == 1);
      any_hits = code == kExitHits;
      any_error = code == kExitError;
    }
    Options batch = options;
    batch.query.clear();
    batch.batch = "-";
    code = run(batch, out, err, ::isatty(STDOUT_FILENO) == 1);
    any_hits = any_hits || code == kExitHits;
    any_error = any_error || code == kExitError;
    return any_error ? kExitError : any_hits ? kExitHits : kExitNoHits;
  }
  std::optional<Session> session;
  try {
    session.emplace(options, out, err, current_style(options.color));
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-search: {}\n", e.what());
    return kExitError;
  }
  InterruptGuard interrupts;
  LineEditor editor(history_path(), completion_words());
  out << session->greeting() << '\n';
  if (!options.query.empty()) session->handle(query_text(options));
  for (;;) {
    out.flush();
    ReadLine line = editor.read(std::string(kPrompt));
    if (line.status == LineStatus::End) {
      out << '\n';
      break;
    }
    if (line.status == LineStatus::Interrupted) {
      out << '\n';
      continue;
    }
    editor.remember(std::string(util::trim(line.text)));
    session->set_style(current_style(options.color));  // the window may have been resized
    clear_interrupt();
    if (!session->handle(line.text)) break;
  }
  out.flush();
  return kExitHits;
}

}  // namespace newsdig::searcher::interactive
